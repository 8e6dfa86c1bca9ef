"""Publishing: the chronology plugin changes no byte of the site, and a build after an edit
(render, then MkDocs on the pages that changed) publishes byte for byte the site a clean build
publishes, search index and sitemap included; MkDocs' --dirty alone does not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, write_chronology, write_record

from builder.dev import synth
from builder.site import build, publish, urls
from builder.site.build import render_docs

pytestmark = pytest.mark.slow
GENERATED = (*urls.GENERATED, ".*")  # what a build writes into docs/, left out of copies of it


@pytest.fixture(autouse=True)
def build_day(monkeypatch):
    """Builds on the same day (sitemap dates), whenever the test runs."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    monkeypatch.delenv("SITE_URL", raising=False)


def project(root: Path, plugin: bool = True, events: int = 0) -> Path:
    """A project folder: this repository's mkdocs.yml (without the chronology plugin unless
    `plugin`) and hand-written docs/, the small chronology, and `events` synthetic events."""
    root.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not plugin:
        text = text.replace(f"  - {publish.PLUGIN}\n", "")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(*GENERATED))
    if events:
        synth.write_records(root / "records", events, seed=7)
    write_chronology(root / "records")
    return root


def publish_site(root: Path, site: str = "site", clean: bool = False) -> bool:
    """Render, then build the site as `python -m builder build` does: whether it was incremental."""
    settings = build.read_config(root / "mkdocs.yml", root / site)
    rendered = render_docs(root / "records", settings.docs_dir, extra=settings.extra)
    assert rendered.ok, [str(p) for p in rendered.problems]
    assert settings.site is not None
    ok, output, incremental = publish.build_site(settings.site, clean=clean)
    assert ok, output
    return incremental


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(one: Path, other: Path) -> list[str]:
    a, b = tree(one), tree(other)
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def edit(records: Path, kind: str, record_id: str, change) -> None:
    path = records / kind / f"{record_id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_the_plugin_changes_no_byte_of_the_site(tmp_path):
    with_it, without = project(tmp_path / "with", events=40), project(tmp_path / "without", plugin=False, events=40)
    publish_site(with_it)
    publish_site(without)
    assert len(tree(with_it / "site")) > 200
    assert differences(with_it / "site", without / "site") == []


EDITS = [
    ("a toll", lambda r: edit(r, "events", "strikes", lambda d: d.update(fatalities=26))),
    ("an event's date, into another year",
     lambda r: edit(r, "events", "taji-rockets",
                    lambda d: d.update(date={"start": "2019-11-02", "end": "2019-11-02", "precision": "day"}))),
    ("a place's name", lambda r: edit(r, "locations", "baghdad", lambda d: d.update(name="Baghdad city"))),
    ("a new actor and a deleted source",
     lambda r: (write_record(r, "actors", {"id": "isis", "name": "Islamic State", "kind": "armed-group"}),
                edit(r, "events", "k1-rockets", lambda d: d.update(actors=[{"actor": "isis", "role": "perpetrator"}])),
                edit(r, "events", "taji-rockets", lambda d: d.update(sources=d["sources"][:1])),
                (r / "sources" / "b-two.yml").unlink())),
    ("a rejected event", lambda r: edit(r, "events", "k1-rockets", lambda d: d.update(status="rejected"))),
]


def test_a_publish_after_each_edit_equals_a_clean_build_byte_for_byte(tmp_path):
    root = project(tmp_path / "project", events=40)
    assert publish_site(root) is False  # the first build is a clean one
    home = root / "site" / "about" / "index.html"
    untouched = home.stat().st_mtime_ns
    for what, change in EDITS:
        change(root / "records")
        assert publish_site(root) is True, what
        clean = tmp_path / "clean"
        clean.mkdir()
        shutil.copy(root / "mkdocs.yml", clean / "mkdocs.yml")
        shutil.copytree(root / "records", clean / "records")
        shutil.copytree(ROOT / "docs", clean / "docs", ignore=shutil.ignore_patterns(*GENERATED))
        publish_site(clean, clean=True)
        assert differences(root / "site", clean / "site") == [], what
        shutil.rmtree(clean)
    assert home.stat().st_mtime_ns == untouched  # a page nothing changed was never built again
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert sum(e["location"].startswith("events/") for e in index["docs"]) > 40  # every event, not the last built


def test_with_a_published_address_the_sitemap_lists_every_page_and_matches_a_clean_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/chronology/")
    root = project(tmp_path / "project", events=20)
    publish_site(root)
    EDITS[0][1](root / "records")
    assert publish_site(root) is True
    clean = project(tmp_path / "clean", events=20)
    shutil.rmtree(clean / "records")
    shutil.copytree(root / "records", clean / "records")
    publish_site(clean, clean=True)
    sitemap = (root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>https://example.org/chronology/") > 60
    assert differences(root / "site", clean / "site") == []


def test_a_hand_written_page_and_mkdocs_yml_are_published_too(tmp_path):
    root = project(tmp_path / "project")
    publish_site(root)
    about = root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more sentence about the records.\n",
                     encoding="utf-8")
    assert publish_site(root) is True
    assert "One more sentence" in (root / "site" / "about" / "index.html").read_text(encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Incident chronology",
                                                                 "site_name: Another chronology"), encoding="utf-8")
    assert publish_site(root) is False  # the configuration changed: every page shows it
    assert "Another chronology" in (root / "site" / "events" / "strikes" / "index.html").read_text(encoding="utf-8")


def test_a_failed_build_makes_the_next_one_clean(tmp_path):
    root = project(tmp_path / "project")
    publish_site(root)
    broken = root / "docs" / "corrections.md"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n[nowhere](no-such-page.md)\n", encoding="utf-8")
    settings = build.read_config(root / "mkdocs.yml", root / "site")
    assert settings.site is not None
    ok, output, _ = publish.build_site(settings.site)
    assert not ok and "no-such-page.md" in output
    broken.write_text(broken.read_text(encoding="utf-8").replace("[nowhere](no-such-page.md)", ""), encoding="utf-8")
    assert publish_site(root) is False


def test_mkdocs_dirty_alone_leaves_the_search_index_with_the_pages_it_built_only(tmp_path):
    """Why the plugin does what it does: without it, `mkdocs build --dirty` (which strict mode
    refuses, so this build is not strict) writes an index of the pages it built again."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = project(tmp_path / "project", plugin=False)
    publish_site(root)
    before = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    edit(root / "records", "events", "strikes", lambda d: d.update(fatalities=26))
    assert render_docs(root / "records", root / "docs").ok
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    mkdocs_build(config, dirty=True)
    after = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert len(after) < len(before) / 4
    assert any(e["location"].startswith("events/strikes/") for e in after)


def test_a_link_to_a_page_the_site_will_not_have_is_an_error(records_dir, tmp_path, monkeypatch):
    monkeypatch.setattr("builder.site.urls.HAND_WRITTEN", ())  # about.md, linked from every listing, is missing
    result = render_docs(records_dir, tmp_path / "docs")
    assert not result.ok
    assert any("links to about.md#drafts, which the site does not have" in str(p) for p in result.problems)
