"""End to end: records to a site with `mkdocs build --strict`, where every internal link resolves."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, write_chronology

pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[name])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
        return None
    if parts.path.startswith("/"):
        target = (site / unquote(parts.path).lstrip("/")).resolve()
    else:
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def internal_links(site: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Every internal link and anchor of the site's pages: the links followed (page, target)
    and those that lead nowhere."""
    pages = {p.resolve(): _parse(p) for p in sorted(site.rglob("*.html"))}
    checked, broken = [], []
    for page, parsed in pages.items():
        for link in parsed.links:
            found = _target(site, page, link)
            if found is None:
                continue
            target, fragment = found
            checked.append((page, target))
            if not target.exists():
                broken.append(f"{page.relative_to(site.resolve())}: {link}")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(site.resolve())}: {link} (no such anchor)")
    return checked, broken


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(
        "index.md", "events", "actors", "locations", "sources", "chronology", "downloads"))
    write_chronology(root / "records")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}  # a default build
    proc = subprocess.run([sys.executable, "-m", "builder", "build", "--no-extract", "--records",
                           "records", "--config", "mkdocs.yml", "--site", "site"],
                          cwd=root, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "site"


def test_a_default_build_names_no_local_address(built_site):
    """Without SITE_URL no page, feed, sitemap or download names 127.0.0.1 or localhost: links
    are relative. (Material's own scripts and source maps, which mention them, are left out.)"""
    theme = ("assets/javascripts/", "assets/stylesheets/")
    found = [p.relative_to(built_site).as_posix() for p in sorted(built_site.rglob("*")) if p.is_file()
             and not p.relative_to(built_site).as_posix().startswith(theme)
             and re.search(rb"127\.0\.0\.1|localhost:8000", p.read_bytes())]
    assert found == []
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home
    atom = (built_site / "downloads" / "events.atom").read_text(encoding="utf-8")
    assert 'href="../events/taji-rockets/"' in atom


def test_the_site_has_a_page_for_every_record(built_site):
    for rel in ("events/taji-rockets", "events/strikes", "actors/kataib-hezbollah",
                "locations/camp-taji", "sources/a-one", "chronology/2019"):
        assert (built_site / rel / "index.html").is_file(), rel
    assert not (built_site / "events" / "rejected-one").exists()
    for name in ("events.json", "events.csv", "events.geojson"):
        assert (built_site / "downloads" / name).is_file()


def test_every_internal_link_and_anchor_resolves(built_site):
    checked, broken = internal_links(built_site)
    assert len(checked) > 200
    assert broken == []


def test_the_navigation_holds_index_pages_only(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary'):]
    assert "events/taji-rockets/" not in nav.split("</nav>")[0]
