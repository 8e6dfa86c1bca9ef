"""A site per year and a hub (`build --by-year`): independent MkDocs builds that `make -j`
runs side by side, put together into one tree where every link, across sites too, resolves;
an edit renders again only its year's site and the hub."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, write_chronology
from test_site_e2e import internal_links

from builder.site import urls

pytestmark = pytest.mark.slow


def project(root: Path) -> Path:
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(*urls.GENERATED, ".*"))
    write_chronology(root / "records")
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=root, capture_output=True, text=True, env=env)


def across_sites(public: Path, links: list[tuple[Path, Path]]) -> int:
    """How many of `links` (page, target) lead from a year's site to another site or back."""
    count = 0
    for page, target in links:
        ours, theirs = (p.relative_to(public.resolve()).parts[0] for p in (page, target))
        count += ours != theirs and (ours.isdigit() or theirs.isdigit())
    return count


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_sites_build_apart_with_make_and_every_link_across_them_resolves(tmp_path):
    root = project(tmp_path / "project")
    rendered = run(root, "build", "--by-year", "--no-extract", "--no-mkdocs", "--records", "records",
                   "--config", "mkdocs.yml")
    assert rendered.returncode == 0, rendered.stderr
    sites = root / "sites"
    assert sorted(p.name for p in sites.iterdir() if p.is_dir()) == ["2019", "2020", "hub"]
    assert (sites / "2020" / "docs" / "events" / "taji-rockets.md").is_file()
    assert not (sites / "2019" / "docs" / "events" / "taji-rockets.md").exists()  # a 2020 event
    assert not (sites / "hub" / "docs" / "events").exists()  # the hub holds no record's page
    made = subprocess.run(["make", "-j2", "-C", str(sites), "public"], capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    public = sites / "public"
    assert (public / "2020" / "events" / "taji-rockets" / "index.html").is_file()
    assert (public / "index.html").is_file() and not (public / "2019" / "404.html").exists()
    checked, broken = internal_links(public)
    assert len(checked) > 300 and across_sites(public, checked) > 5
    assert broken == []


def test_an_edit_renders_again_its_year_and_the_hub_only(tmp_path):
    root = project(tmp_path / "project")
    first = run(root, "build", "--by-year", "--no-extract", "--records", "records", "--config", "mkdocs.yml")
    assert first.returncode == 0, first.stderr
    path = root / "records" / "events" / "taji-rockets.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["fatalities"] = {"best": 5, "low": 3, "high": 5}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    again = run(root, "build", "--by-year", "--no-extract", "--records", "records", "--config", "mkdocs.yml")
    assert again.returncode == 0, again.stderr
    assert "2019: pages 0 written" in again.stderr
    assert "2020: pages 0 written" not in again.stderr and "hub: pages 0 written" not in again.stderr
    assert "2020: built (the pages that changed)" in again.stderr
    page = (root / "sites" / "public" / "2020" / "events" / "taji-rockets" / "index.html").read_text(encoding="utf-8")
    assert "<dd>3–5" in page


def test_a_link_to_an_event_no_site_holds_is_an_error():
    sites = urls.Sites("2019", {"a": 2019}, frozenset({2019}))
    links = urls.Links("events/a.md", sites=sites)
    assert links("events/gone.md") and links.missing == ["events/gone.md"]
    assert links("chronology/2020.md") and links.missing[-1] == "chronology/2020.md"
    hub = urls.Links("index.md", sites=urls.Sites(urls.HUB, {"a": 2019}, frozenset({2019})))
    assert hub("events/a.md") == "2019/events/a/" and hub("actors/x.md") and hub.missing == ["actors/x.md"]
