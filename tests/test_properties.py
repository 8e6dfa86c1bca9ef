"""Property-based tests (Hypothesis) of what untrusted text goes through: the id maker, the
date resolver, the number reader, the YAML loader, the article reader and the renderer. For
any input they give a result or the project's own clear error, never another exception, and
write nowhere but the folder they are given."""

from __future__ import annotations

import copy
import html
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import ROOT, write_chronology
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from test_hostile import runnable

from builder.extract.articles import ArticleError, read_article
from builder.extract.dates import find_dates
from builder.extract.numbers import find_quantities, parse_number
from builder.records.folder import record_path
from builder.records.model import MAX_SLUG_CHARS, RESERVED_IDS, SLUG_RE, id_from, is_web_url, slugify, web_address
from builder.records.yamlio import YamlError, dump, parse
from builder.site import render
from builder.site.humanize import md_escape

pytestmark = pytest.mark.slow

FAST = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text as articles and records bring it: any script, markup, payloads, dates and numbers.
PAYLOADS = ["<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))", "![x](data:text/html,x)", "{{ 7*7 }}", "{% if x %}", "---",
            "{: onclick=alert(1) }", "!!! danger", "<https://evil.example>", "&lt;b&gt;", "&amp;",
            "../../etc/passwd", "C:\\Windows", "index", "NUL", "| a | b |", "1. ", "- ", "> ", "# ",
            "`", "*", "_", "\\", "\x00", "\x02wzxhzdk:0\x03", "\u2028", "\r\n", "\t", "\u202e"]
WORDS = ["Camp Taji", "Bagdad", "الموصل", "كتائب حزب الله", "Kirkūk", "Ḥadītha", "Київ", "Łódź", "Straße",
         "œuvre", "N'Djaména", "真主党", "😀"]
DATE_WORDS = ["on", "Monday", "lundi", "Sunday", "dimanche", "night", "nuit", "of", "to", "au", "du", "de",
              "March", "mars", "December", "décembre", "11", "31", "2020", "1999", "last", "dernier",
              "next", "ago", "il y a", "two", "deux", "weeks", "semaines", "yesterday", "hier", "la veille",
              "the next day", "since", "depuis", "late", "early", "mid-", "at", "19:00", "7 p.m.", "vers",
              "19 h", "in", "en", "spring", "printemps", "same year", "this", "week", "-", ",", "."]
NUMBER_WORDS = ["a", "an", "one", "two", "twenty", "twenty-two", "hundred", "thousand", "million", "dozen",
                "dozens", "at least", "more than", "some", "un", "une", "deux", "vingt", "quatre-vingt-dix",
                "cent", "mille", "trentaine", "au moins", "plus de", "18", "5 200", "1,000", "007",
                "99999999999999999999", "people", "soldiers", "killed", "tués", "rockets", "roquettes",
                "and", "et", "of", "de", "-"]


def mixed(words: list[str]) -> st.SearchStrategy[str]:
    """Text made of given words, payloads and any characters, joined by spaces."""
    piece = st.one_of(st.sampled_from(words), st.sampled_from(PAYLOADS), st.text(max_size=8))
    return st.lists(piece, max_size=20).map(" ".join)


any_text = st.one_of(st.text(), mixed(WORDS))


# --- ids --------------------------------------------------------------------------------------


@FAST
@given(any_text)
def test_an_id_is_a_short_slug_that_is_no_reserved_name_and_is_made_again_the_same(text):
    slug = slugify(text)
    assert slug == "" or SLUG_RE.match(slug)
    assert len(slug) <= MAX_SLUG_CHARS and slug not in RESERVED_IDS
    assert slugify(text) == slug and slugify(slug) == slug


@FAST
@given(any_text, st.sampled_from(["events", "actors", "locations", "sources"]))
def test_a_record_made_from_any_title_is_a_file_in_its_kind_folder(text, kind):
    records = Path("/records")
    rid = id_from(text, "record")
    path = record_path(records, kind, rid)
    assert SLUG_RE.match(rid) and path.parent == records / kind and path.name == f"{rid}.yml"


# --- dates and numbers --------------------------------------------------------------------------


@FAST
@given(st.one_of(st.text(), mixed(DATE_WORDS)), st.sampled_from(["en", "fr"]),
       st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))))
def test_the_date_resolver_reads_any_text_into_spans_within_it(text, language, published):
    for e in find_dates(text, language, published):
        assert 0 <= e.start <= e.end <= len(text) and e.text == text[e.start:e.end]
        if e.span is not None:
            assert e.span.start <= e.span.end
            assert e.span.end - e.span.start < timedelta(days=366 * 200)


@FAST
@given(st.one_of(st.text(), mixed(NUMBER_WORDS)), st.sampled_from(["en", "fr"]))
def test_the_number_reader_reads_any_text_into_counts_within_it(text, language):
    for q in find_quantities(text, language):
        assert isinstance(q.value, int) and q.value >= 0
        assert 0 <= q.start <= q.end <= len(text)
    value = parse_number(text, language)
    assert value is None or (isinstance(value, int) and value >= 0)


# --- YAML ---------------------------------------------------------------------------------------

YAML_PIECES = ["- ", ": ", "\n", "\n  ", "[", "]", "{", "}", ", ", "&a ", "*a", "!!python/object:os.system",
               "!!int ", "!!str ", "!!timestamp ", "!!binary ", "? ", "'", '"', "#", "|", ">", "---", "...",
               "%YAML 1.2", "<<: ", ".nan", "1e999", "0x1F", "~", "null", "true", "key", "é", "\t", "\\x00"]
yaml_text = st.one_of(st.text(), st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=4)),
                                          max_size=40).map("".join))


@FAST
@given(yaml_text)
def test_the_yaml_loader_gives_a_document_or_a_yaml_error_for_any_text(text):
    try:
        doc = parse(text)
    except YamlError as e:
        assert e.message and (e.line is None or e.line >= 1)
        return
    assert doc.line_of(()) >= 1


record_data = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), any_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4)),
    max_leaves=20)


@FAST
@given(st.dictionaries(st.text(min_size=1, max_size=10), record_data, max_size=6))
def test_what_the_records_writer_dumps_reads_back_the_same(data):
    assert parse(dump(data)).data == data


# --- articles -----------------------------------------------------------------------------------


@SLOW
@given(st.one_of(st.binary(max_size=2_000), mixed(WORDS + DATE_WORDS).map(lambda t: t.encode("utf-8")),
                 st.text().map(lambda t: t.encode("utf-16"))),
       st.sampled_from([".txt", ".md", ".html"]))
def test_the_article_reader_gives_an_article_or_an_article_error_for_any_bytes(tmp_path, data, suffix):
    path = tmp_path / f"article{suffix}"
    path.write_bytes(data)
    try:
        article = read_article(path)
    except ArticleError as e:
        assert e.path == path and e.message
        return
    assert SLUG_RE.match(article.id)
    assert article.url == "" or is_web_url(article.url)


# --- rendering ----------------------------------------------------------------------------------


class _Parts(HTMLParser):
    """The tags and attributes of an HTML fragment, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions the site's mkdocs.yml turns on."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    return markdown.Markdown(extensions=names)


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's !ENV tags read as plain values."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
MD = _site_markdown()
CONTEXTS = {  # where the templates place escaped text, and the tags each may make
    "paragraph": ("{}", {"p"}),
    "heading": ("# {}", {"h1"}),
    "table cell": ("| a | b |\n| --- | --- |\n| {} | x |", {"table", "thead", "tbody", "tr", "th", "td"}),
    "link": ("[{}](../events/x.md)", {"p", "a"}),
    "quote": ("> {}", {"blockquote", "p"}),
    "list item": ("- label: {}", {"ul", "li"}),
}


@FAST
@given(any_text, st.sampled_from(sorted(CONTEXTS)))
def test_escaped_text_reads_as_itself_wherever_a_template_puts_it(text, where):
    template, allowed = CONTEXTS[where]
    html = MD.reset().convert(template.format(md_escape(text)))
    parts = _Parts()
    parts.feed(html)
    assert {tag for tag, _ in parts.tags} <= allowed, html
    assert all(set(attrs) <= {"id", "href"} for _, attrs in parts.tags), html
    assert all(attrs.get("href") in (None, "../events/x.md") for _, attrs in parts.tags), html
    shown = " ".join("".join(parts.text).split())
    expected = " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", " ", text).split())
    assume(where != "table cell" or expected)  # an empty cell is an empty cell
    assert expected in shown, (text, html)


@pytest.fixture(scope="module")
def base_records(tmp_path_factory) -> Path:
    return write_chronology(tmp_path_factory.mktemp("base") / "records")


@SLOW
@given(title=any_text.filter(str.strip), summary=any_text, name=any_text.filter(str.strip),
       quote=any_text, url=st.one_of(st.just("javascript:alert(1)"), st.just("https://example.org/a"), any_text))
def test_records_with_any_text_render_pages_only_inside_docs(tmp_path_factory, base_records, title, summary,
                                                               name, quote, url):
    from builder.records import validate

    chron, problems = validate.load(base_records)
    assert not problems
    chron = copy.deepcopy(chron)
    event = chron.events["taji-rockets"]
    event.title, event.summary, event.notes = title, summary, summary
    event.sources[0].quotes = [quote]
    chron.actors["kataib-hezbollah"].name = name
    chron.locations["camp-taji"].name = name
    chron.sources["a-one"].title, chron.sources["a-one"].url = title, url  # not validated: the page must cope
    root = tmp_path_factory.mktemp("render")
    render.render(chron, root / "docs")
    written = [p.relative_to(root) for p in root.rglob("*") if p.is_file()]
    assert written and all(p.parts[0] == "docs" for p in written)
    for page in (root / "docs").rglob("*.md"):
        body, _ = get_data(page.read_text(encoding="utf-8"))  # the front matter, as MkDocs reads it
        assert runnable(MD.reset().convert(body)).found == [], page
    source = MD.reset().convert(get_data((root / "docs" / "sources" / "a-one.md").read_text(encoding="utf-8"))[0])
    assert (f'href="{html.escape(web_address(url))}"' in source) == is_web_url(url)


# --- extraction ---------------------------------------------------------------------------------

STORY_WORDS = ["rockets struck", "a drone strike hit", "killed", "wounded", "attack on", "Camp Taji", "Baghdad",
               "Kataib Hezbollah", "claimed", "the Marwan air base", "the town of Index", "the village of Con",
               "roquettes", "tués", "blessés", "frappe", "Bagdad", "la base de Taji", "near", "in", "on", ".", ",",
               "\n\n", "On 12 March 2099,", "in 2020", "last year", "the next day", "la veille"]


@SLOW
@given(st.lists(st.tuples(st.sampled_from(["en", "fr"]), st.sampled_from(["2020-03-12", "1999-01-01", "2999-01-01"]),
                          mixed(STORY_WORDS + WORDS + DATE_WORDS + NUMBER_WORDS)), min_size=1, max_size=4))
def test_extraction_from_any_articles_writes_only_valid_records_in_the_records_folder(tmp_path_factory, articles):
    from builder.extract.pipeline import extract
    from builder.records import validate

    root = tmp_path_factory.mktemp("extract")
    for i, (language, published, body) in enumerate(articles):
        path = root / "articles" / f"{['Index', 'a b', 'a-b', 'عين'][i]}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"---\ntitle: {body[:40]!r}\nlanguage: {language}\npublished: {published}\n---\n\n"
                        f"Rockets hit Taji on Monday. {body}\n", encoding="utf-8")
    extract(root / "articles", root / "records")
    assert [p for p in validate.load(root / "records")[1] if p.is_error] == []
    written = {p.relative_to(root).parts[0] for p in root.rglob("*") if p.is_file()}
    assert written <= {"articles", "records"}
