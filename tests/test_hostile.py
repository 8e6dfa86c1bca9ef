"""Untrusted input end to end: the hostile corpus (tests/fixtures/hostile/) and the bad files
made here go through extract, validate, render and `mkdocs build --strict`; the build stays
up, refuses each bad file by name, writes nowhere but records/, docs/ and site/, and no page,
feed or download holds anything a browser would run that came from the input."""

from __future__ import annotations

import calendar
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT

from builder.extract.pipeline import extract
from builder.records.model import SLUG_RE

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
MARKER = "PWNED"  # every payload of the corpus carries it
RUNNABLE_SCHEME = re.compile(r"^(?:javascript|data|vbscript):", re.IGNORECASE)
FOREIGN_TAGS = {"iframe", "frame", "object", "embed", "base", "applet"}


class _Runnable(HTMLParser):
    """What in an HTML document a browser would run or load: event-handler attributes,
    javascript:/data: addresses, frames and objects, inline scripts holding the marker, data
    scripts that are not JSON (a `</script>` from the input would cut one short), and any
    attribute the marker reached."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self.json_scripts: list[object] = []
        self._script: tuple[dict, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>: an event handler")
            if RUNNABLE_SCHEME.match(re.sub(r"[\x00-\x20]", "", value)):
                self.found.append(f"<{tag} {name}={value[:60]!r}>: a runnable address")
            if MARKER in value:
                self.found.append(f"<{tag} {name}={value[:60]!r}>: input in markup")
        if tag in FOREIGN_TAGS:
            self.found.append(f"<{tag}>: a frame or object")
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        attrs, parts = self._script
        self._script = None
        body = "".join(parts)
        if attrs.get("type") in ("application/ld+json", "application/json"):
            try:
                self.json_scripts.append(json.loads(body))
            except ValueError:
                self.found.append(f"<script type={attrs['type']}> cut short: {body[:60]!r}")
        elif MARKER in body:
            self.found.append(f"<script> runs input: {body[:60]!r}")

    def handle_data(self, data: str) -> None:
        (self._script[1] if self._script is not None else self.text).append(data)


def runnable(html: str) -> _Runnable:
    parser = _Runnable()
    parser.feed(html)
    parser.close()
    return parser


def _roundup() -> str:
    """An article telling 210 incidents, ten more than limits.yml lets one article tell."""
    places = ["Camp Taji", "Baghdad", "Kirkuk", "Mosul", "Basra", "Erbil", "Fallujah"]
    lines = [f"On {day} {calendar.month_name[month]} 2019, a rocket struck {places[n % 7]}, "
             f"killing {n % 5 + 1} soldiers."
             for n, (month, day) in enumerate((m, d) for m in range(1, 9) for d in range(1, 29)) if n < 210]
    return "---\ntitle: A year of attacks\nlanguage: en\npublished: 2020-01-02\n---\n\n" + "\n\n".join(lines)


BAD_FILES = {  # name: (how it is made, the reason it is refused)
    "binary.txt": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
                   "holds NUL bytes (the first at byte 8)"),
    "utf16-cut.txt": (lambda p: p.write_bytes(b"\xff\xfe" + "Titre\n\nTexte".encode("utf-16-le")[:-1]),
                      "is not valid UTF-16-LE text"),
    "empty.md": (lambda p: p.write_bytes(b""), "is empty"),
    "huge.txt": (lambda p: p.write_bytes(b"Headline\n\n" + b"Rockets struck. " * 3_200_000),
                 "is 51.2 MB, more than the 5.0 MB an article may be"),
    "long-line.txt": (lambda p: p.write_text("Headline\n\n" + "word " * 6_000, encoding="utf-8"),
                      "line 3 is 30,000 characters long, more than the 20,000 a line may be"),
    "roundup.txt": (lambda p: p.write_text(_roundup(), encoding="utf-8"),
                    "tells of 210 incidents, more than the 200 an article may"),
}


def _tree(root: Path, skip: tuple[str, ...]) -> dict[str, bytes]:
    """Every file under `root` but those under `skip`, with its bytes (links as their target)."""
    return {p.relative_to(root).as_posix(): (str(p.readlink()).encode() if p.is_symlink() else p.read_bytes())
            for p in sorted(root.rglob("*")) if (p.is_file() or p.is_symlink())
            and p.relative_to(root).parts[0] not in skip}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    """The hostile corpus and the bad files built into a site, once: the project folder, the
    build's exit status and output, and the files outside the three output folders before."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(
        "index.md", "events", "actors", "locations", "sources", "chronology", "downloads", ".builder-cache"))
    shutil.copytree(HOSTILE / "articles", root / "articles")
    shutil.copytree(HOSTILE / "records", root / "records")
    for name, (make, _) in BAD_FILES.items():
        make(root / "articles" / name)
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\nNot for the site. PWNED-99\n", encoding="utf-8")
    (root / "articles" / "link-out.txt").symlink_to(outside / "secret.txt")
    before = _tree(root, skip=("records", "docs", "site"))
    proc = subprocess.run([sys.executable, "-m", "builder", "build", "--articles", "articles",
                           "--records", "records", "--config", "mkdocs.yml", "--site", "site"],
                          cwd=root, capture_output=True, text=True, timeout=300)
    return {"root": root, "status": proc.returncode, "out": proc.stdout, "err": proc.stderr,
            "before": before}


def test_the_hostile_corpus_builds_and_each_refused_file_is_named_with_its_reason(hostile):
    assert hostile["status"] == 1, hostile["out"] + hostile["err"]  # some input was refused
    assert "site built in site" in hostile["err"], hostile["err"]
    assert "8 input files refused (listed above)" in hostile["err"]
    out = hostile["out"]
    for name, (_, reason) in BAD_FILES.items():
        assert re.search(rf"^articles/{re.escape(name)}(:\d+)?: {re.escape(reason)}", out, re.M), (name, out)
    assert re.search(r"^articles/link-out.txt: is a symbolic link to .*/outside/secret.txt, outside "
                     r"the articles folder", out, re.M), out
    assert "articles/cut-front-matter.md:1: the front matter opened by '---' is never closed" in out
    assert "articles/en_script.txt:4: warning: url: \"javascript:alert('PWNED-3')\" is not a web address" in out


def test_no_page_holds_anything_runnable_that_came_from_the_input(hostile):
    site = hostile["root"] / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    found = [f"{page.relative_to(site)}: {what}" for page in pages for what in runnable(page.read_text()).found]
    assert found == []


def _page(hostile, rel: str) -> _Runnable:
    return runnable((hostile["root"] / "site" / rel / "index.html").read_text(encoding="utf-8"))


def _words(parser: _Runnable) -> str:
    return " ".join("".join(parser.text).split())


def test_payloads_in_records_show_on_their_pages_as_the_text_they_were(hostile):
    event = _words(_page(hostile, "events/2020-03-10-pwned-attack"))
    for text in ("</script><script>alert('PWNED-60')</script> attack {{ 7*7 }} [x](javascript:alert('PWNED-61'))",
                 "- list item? 1. no. <script>alert('PWNED-63')</script> {% for x in y %}PWNED-64{% endfor %}",
                 "!!! danger \"PWNED-66\"", "</script><img src=x onerror=alert('PWNED-67')>",
                 "<https://evil.example/PWNED-68> &lt;b&gt;PWNED-69&lt;/b&gt;",
                 "--- title: PWNED-70 --- <script>alert('PWNED-71')</script>",
                 "<script>alert('PWNED-30')</script> Brigade {: onclick=alert('PWNED-31') }",
                 "Qaïm <img src=x onerror=alert('PWNED-40')> & Ḥadītha"):
        assert text in event, text
    actor = _words(_page(hostile, "actors/pwned-brigade"))
    assert "[the brigade](javascript:alert('PWNED-32')), </script><script>alert('PWNED-33')</script>" in actor
    assert "Brigade « {{ PWNED-34 }} » {% if true %}PWNED-35{% endif %}" in actor
    assert "Arabic: كتائب حزب الله" in actor
    source = _words(_page(hostile, "sources/pwned-source"))
    assert "<img src=x onerror=alert('PWNED-51')> Wire | *News*" in source
    assert "seeds/`rm -rf ~` | PWNED-52.txt" not in source  # no path that is not on the site
    assert "Original article · Web archive copy" in source


def test_payloads_in_articles_show_on_their_pages_as_the_text_they_were(hostile):
    source = _words(_page(hostile, "sources/en-script"))
    assert "Rockets hit Camp Taji </script><script>alert('PWNED-1')</script>" in source
    assert "killing three soldiers <script>alert('PWNED-4')</script> and wounding twelve " \
           "<img src=x onerror=alert('PWNED-5')>" in source
    assert "No web address was recorded for this article" in source  # its javascript: url was left out
    markdown = (hostile["root"] / "site" / "sources" / "en-markdown" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/2020/01/03/%5BRead%5D(javascript:alert(27))"' in markdown
    french = _words(_page(hostile, "sources/fr-balises"))
    assert "Tirs de roquettes sur Bagdad <iframe src=\"javascript:alert('PWNED-12')\"></iframe> " \
           "![x](data:text/html,PWNED-13)" in french
    assert "&lt;script&gt;alert('PWNED-14')&lt;/script&gt;" in french


def test_an_address_hiding_a_markdown_link_is_linked_rebuilt_with_its_brackets_encoded(hostile):
    html = (hostile["root"] / "site" / "sources" / "pwned-link" / "index.html").read_text(encoding="utf-8")
    rebuilt = "https://example.org/%5BRead%5D(javascript:alert(54))"
    links = [href for href in re.findall(r'<a href="([^"]*)"', html) if "example.org" in href]
    assert links[0] == rebuilt, links  # the original, then its web-archive copy
    assert all(href.startswith("https://") and href.endswith(rebuilt) for href in links), links
    assert runnable(html).found == []


def test_structured_data_and_feeds_carry_payloads_as_data(hostile):
    page = _page(hostile, "events/2020-03-10-pwned-attack")
    [jsonld] = [s for s in page.json_scripts if isinstance(s, list)]
    assert jsonld[0]["name"].startswith("</script><script>alert('PWNED-60')</script>")
    assert jsonld[0]["subjectOf"][0]["url"] == "https://example.org/news?q=%3Cscript%3Ealert(52)%3C/script%3E"
    downloads = hostile["root"] / "site" / "downloads"
    timeline = json.loads((downloads / "timeline.json").read_text(encoding="utf-8"))
    for slide in timeline["events"]:
        for html in (slide["text"]["headline"], slide["text"]["text"]):
            assert runnable(f"<div>{html}</div>").found == [], html
    index = json.loads((hostile["root"] / "site" / "chronology" / "events-index.json").read_text(encoding="utf-8"))
    assert any(row[1].startswith("</script><script>alert('PWNED-60')") for row in index["events"])  # data, not markup
    assert ET.parse(downloads / "changes.atom").getroot().tag == "{http://www.w3.org/2005/Atom}feed"
    feed = ET.parse(downloads / "events.atom").getroot()
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(t and t.startswith("</script><script>alert('PWNED-60')") for t in titles)
    assert not [e for e in feed.iter() if not e.tag.startswith("{http://www.w3.org/2005/Atom}")]


def test_nothing_is_written_outside_the_records_docs_and_site_folders(hostile):
    root = hostile["root"]
    assert _tree(root, skip=("records", "docs", "site")) == hostile["before"]


def test_ids_and_file_names_are_slugs_made_the_same_way_each_run(hostile):
    root = hostile["root"]
    names = [p for folder in ("records", "docs/events", "docs/actors", "docs/locations", "docs/sources")
             for p in (root / folder).rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert names and all(SLUG_RE.match(p.stem) or p.stem == "index" for p in names), names
    sources = {p.stem for p in (root / "records" / "sources").iterdir()}
    assert {"index-1", "a-b", "a-b-2", "en-places"} <= sources  # index.txt: not the list page
    assert (root / "records" / "locations" / "qaim-haditha.yml").is_file()  # the Qaïm-Ḥadītha air base
    before = _tree(root / "records", skip=())
    again = extract(root / "articles", root / "records")
    assert (again.new_sources, again.new_events, again.updated_events, again.skipped) == ([], [], [], 8)
    assert _tree(root / "records", skip=()) == before


BAD_RECORDS = {  # file under records/sources/: (its text, what validate says)
    "python-tag": ("id: python-tag\ntitle: !!python/object/apply:os.system ['echo PWNED > {marker}']\n"
                   "language: en\n", "2: the tag !!python/object/apply:os.system is not read in records"),
    "js-url": ("id: js-url\ntitle: A source\nlanguage: en\nurl: javascript:alert('PWNED')\n",
               "4: url 'javascript:alert('PWNED')' is not a web address"),
    "data-url": ("id: data-url\ntitle: A source\nlanguage: en\nurl: 'data:text/html,<script>PWNED</script>'\n",
                 "4: url 'data:text/html,<script>PWNED</script>' is not a web address"),
    "index": ("id: index\ntitle: A source\nlanguage: en\n", "1: id 'index' cannot name a page"),
    "laughs": ("id: laughs\nlanguage: en\ntitle: &a lol\npublisher: *a\n", "3: the value anchored at line 3 is "
               "repeated: anchors and aliases (&name, *name) are not read in records"),
    "deep": ("id: deep\nlanguage: en\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n",
             "3: nested more than 32 levels deep"),
}


def test_records_that_could_run_code_link_out_or_replace_a_page_are_errors_and_nothing_is_rendered(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(HOSTILE / "records", records)
    marker = tmp_path / "ran.txt"
    for name, (text, _) in BAD_RECORDS.items():
        (records / "sources" / f"{name}.yml").write_text(text.replace("{marker}", str(marker)), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    proc = subprocess.run([sys.executable, "-m", "builder", "build", "--no-extract", "--records", "records",
                           "--config", "mkdocs.yml", "--site", "site"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    for name, (_, message) in BAD_RECORDS.items():
        assert f"records/sources/{name}.yml:{message}" in proc.stdout, (name, proc.stdout)
    assert "nothing was rendered" in proc.stderr
    assert not marker.exists() and not (tmp_path / "site").exists()
    assert list((tmp_path / "docs").rglob("*.md")) == []
