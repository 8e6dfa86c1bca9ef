"""Browser test fixtures: the site built from a small chronology, served on localhost, and
one headless Debian Chromium (driven by Playwright) for the whole session.

Tile requests go to a local blank PNG and every other request leaving localhost is blocked
and recorded, so a closed network produces no error and a stray third-party file is caught.
The figures (pages checked, links followed, axe violations by impact) are written to
test-artifacts/browser-summary.json and printed at the end of the run.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ACTORS, EVENTS, LOCATIONS, ROOT, SOURCES, write_chronology

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SUMMARY = ARTIFACTS / "browser-summary.json"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
TILE_HOST = "tile.openstreetmap.org"
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")

# --- the chronology the browser reads: the shared small one, plus a cluster of incidents at
# Camp Taji, a lone one in Syria, a claim and a "few hours after" relation.

MORE_LOCATIONS = [
    {"id": "syria", "name": "Syria", "kind": "country", "country": "SY", "latitude": 35.0, "longitude": 38.5},
    {"id": "abu-kamal", "name": "Abu Kamal", "kind": "city", "parent": "syria", "country": "SY",
     "latitude": 34.45, "longitude": 40.92},
]
MORE_ACTORS = [
    {"id": "islamic-state", "name": "Islamic State", "kind": "armed-group"},
]
MORE_SOURCES = [
    {"id": "c-three", "title": "Another wire story", "language": "en", "published": "2020-06-02",
     "publisher": "Wire", "path": "seeds/c_three.txt"},
]


def _taji(n: int) -> dict:
    return {"id": f"taji-salvo-{n:02d}", "title": f"Rocket salvo {n} on Camp Taji", "status": "reviewed",
            "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
            "date": {"start": f"2020-{4 + n % 3:02d}-{n + 1:02d}", "end": f"2020-{4 + n % 3:02d}-{n + 1:02d}",
                     "precision": "day"},
            "location": "camp-taji",
            "actors": [{"actor": "kataib-hezbollah", "role": "suspected-perpetrator"}],
            "fatalities": 0, "injured": n % 4,
            "sources": [{"article": "c-three", "quotes": [f"Salvo number {n} hit the base."]}]}


MORE_EVENTS = [_taji(n) for n in range(12)] + [
    {"id": "abu-kamal-ambush", "title": "Ambush near Abu Kamal", "status": "reviewed",
     "event_type": "Battles", "sub_event_type": "Armed clash",
     "date": {"start": "2020-05-20", "end": "2020-05-20", "precision": "day"}, "location": "abu-kamal",
     "actors": [{"actor": "islamic-state", "role": "perpetrator", "claimed": True}],
     "fatalities": 4, "injured": None,
     "sources": [{"article": "c-three", "quotes": ["The group said it carried out the ambush."]},
                 {"article": "a-one", "quotes": ["Four soldiers died near Abu Kamal."]}]},
    {"id": "abu-kamal-shelling", "title": "Shelling after the ambush", "status": "reviewed",
     "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
     "date": {"start": "2020-05-20", "end": "2020-05-20", "precision": "day"}, "time": "night",
     "location": "syria", "actors": [], "fatalities": None, "injured": None,
     "relations": [{"type": "shortly-after", "event": "abu-kamal-ambush"}],
     "sources": [{"article": "b-two", "quotes": ["Quelques heures plus tard, des obus sont tombés."]}]},
]


def write_reader_chronology(records_dir: Path) -> Path:
    return write_chronology(records_dir, events=copy.deepcopy(EVENTS) + MORE_EVENTS,
                            actors=ACTORS + MORE_ACTORS, locations=LOCATIONS + MORE_LOCATIONS,
                            sources=SOURCES + MORE_SOURCES)


# --- the figures quoted in the closing note ---------------------------------------------------


@dataclass
class Figures:
    pages_checked: list[str] = field(default_factory=list)
    links_clicked: int = 0
    links_followed: int = 0
    axe_by_impact: Counter = field(default_factory=Counter)
    axe_rules: Counter = field(default_factory=Counter)
    console_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    tiles_served: int = 0
    # page kind@width: the page's scrollWidth (no overflow when it is the window's width)
    widths: dict[str, int] = field(default_factory=dict)
    screenshots: list[str] = field(default_factory=list)
    basemap: dict = field(default_factory=dict)
    filter: dict = field(default_factory=dict)
    search: dict = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    def as_dict(self) -> dict:
        return {
            "pages_checked": len(self.pages_checked),
            "page_kinds": self.pages_checked,
            "links_clicked": self.links_clicked,
            "links_followed": self.links_followed,
            "axe_violations_by_impact": {k: self.axe_by_impact.get(k, 0)
                                         for k in ("critical", "serious", "moderate", "minor")},
            "axe_rules_violated": dict(sorted(self.axe_rules.items())),
            "console_errors": len(self.console_errors),
            "blocked_requests": sorted(set(self.blocked_requests)),
            "tiles_served_locally": self.tiles_served,
            "page_widths": dict(sorted(self.widths.items())),
            "pages_overflowing": sorted(k for k, w in self.widths.items() if w > int(k.rsplit("@", 1)[1])),
            "screenshots": sorted(self.screenshots),
            "basemap": self.basemap,
            "filter": self.filter,
            "search": self.search,
            "seconds": round(time.monotonic() - self.started, 1),
        }


_FIGURES: Figures | None = None


@pytest.fixture(scope="session")
def figures():
    global _FIGURES
    _FIGURES = Figures()
    yield _FIGURES
    ARTIFACTS.mkdir(exist_ok=True)
    SUMMARY.write_text(json.dumps(_FIGURES.as_dict(), indent=2) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    if _FIGURES is not None and SUMMARY.exists():
        terminalreporter.write_sep("-", "browser tests")
        terminalreporter.write_line(SUMMARY.read_text(encoding="utf-8").strip())


# --- the browser ------------------------------------------------------------------------------


def _no_browser(reason: str):
    message = (f"browser tests need {reason}: install Chromium with "
               "`apt-get install chromium` and Playwright with `pip install -e '.[test]'`")
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} (REQUIRE_BROWSER=1 is set)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the Python package playwright")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _no_browser(f"Debian's Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


# --- the site ---------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def served_site(root: Path, write_records) -> Iterator[str]:
    """A project in `root` with this repository's mkdocs.yml and hand-written docs/, records
    written by `write_records(records_dir)`, built with `python -m builder build` and served
    on localhost; its base address. The address is known before the build, so `site_url` is
    set and instant navigation works."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root / "site")))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(
        "index.md", "events", "actors", "locations", "sources", "chronology", "downloads", ".builder-cache"))
    write_records(root / "records")
    proc = subprocess.run([sys.executable, "-m", "builder", "build", "--no-extract", "--records",
                           "records", "--config", "mkdocs.yml", "--site", "site"],
                          cwd=root, capture_output=True, text=True, env={**os.environ, "SITE_URL": url})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(tmp_path_factory, browser) -> str:
    """The site built from the reader's chronology, served on localhost; its base address."""
    with served_site(tmp_path_factory.mktemp("reader-site"), write_reader_chronology) as url:
        yield url


class Reader:
    """A browser tab on the site that records console errors and requests leaving localhost."""

    def __init__(self, page, base: str, figures: Figures):
        self.page, self.base, self.figures = page, base, figures
        self.errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self._error(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self._error(f"uncaught: {exc}"))

    def _error(self, text: str) -> None:
        entry = f"{self.page.url}: {text}"
        self.errors.append(entry)
        self.figures.console_errors.append(entry)

    def open(self, path: str = ""):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def click(self, locator) -> None:
        """Follow a link as a reader does, and wait until the new page is shown."""
        self.page.evaluate("document.querySelector('article').__left = true")
        locator.click()
        self.page.wait_for_function("() => !document.querySelector('article')?.__left")
        self.page.wait_for_load_state("networkidle")
        self.figures.links_clicked += 1

    def search(self, words: str):
        """Put `words` into the search box and wait for the results listed: all but the last
        letter at once, the last typed, as typing letter by letter would search each prefix
        too, and a prefix's results could be the ones read."""
        box = self.page.locator("input.md-search__input")
        box.click()
        box.fill(words[:-1])
        self.page.keyboard.type(words[-1])
        results = self.page.locator(".md-search-result__item")
        results.first.wait_for()
        return results

    def assert_clean(self) -> None:
        assert self.errors == []


def open_tab(browser, base_url: str, figures, width: int = 1280):
    """A browser context and tab, `width` pixels wide, that reach only `base_url`: map tiles
    get a blank image, any other request is blocked and noted."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    host = urlsplit(base_url).netloc

    def route(route):
        url = urlsplit(route.request.url)
        if url.netloc == host:
            route.continue_()
        elif url.hostname == TILE_HOST:
            figures.tiles_served += 1
            route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        else:
            figures.blocked_requests.append(route.request.url)
            route.abort()

    context.set_default_timeout(10_000)
    context.route("**/*", route)
    return context, context.new_page()


@pytest.fixture
def reader(browser, site_url, figures):
    context, page = open_tab(browser, site_url, figures)
    yield Reader(page, site_url, figures)
    context.close()


@pytest.fixture
def phone(browser, site_url, figures):
    """A reader on a phone-wide tab (390 px)."""
    context, page = open_tab(browser, site_url, figures, width=390)
    yield Reader(page, site_url, figures)
    context.close()
