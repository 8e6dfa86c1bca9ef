"""The chronology plugin's parts: HTML blocks passed around Markdown come back as Markdown
would have passed them; search sections read as Material's parser reads them; links made as
MkDocs makes them; front matter YAML reads back as written; a dirty build's search index in
a clean build's order."""

from __future__ import annotations

import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser
from mkdocs.utils import get_relative_url

from builder.site import render, urls
from builder.site.pages import yaml_string
from builder.site.plugin import anchors, fill, html_blocks, merged_entries
from builder.site.search import sections
from builder.site.view import SiteView

EXTENSIONS = ["attr_list", "tables", "admonition", "toc"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}}).convert(text)


def through_the_plugin(text: str) -> tuple[str, str]:
    skeleton, runs = html_blocks(text)
    return fill(convert(skeleton), runs)


def flat(found) -> list:
    return [(s.el.tag, s.el.attrs, s.id, s.depth, s.title, s.text) for s in found]


def material_sections(html: str) -> list:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return flat(parser.data)


def test_every_generated_page_converts_as_markdown_alone_would(chronology):
    pages = render.render_pages(SiteView(chronology))
    assert len(pages) > 15
    for path, text in pages.items():
        body = text.split("---\n", 2)[2]
        full, searched = through_the_plugin(body)
        assert full == convert(body), path
        assert flat(sections(searched)) == material_sections(searched), path
        assert flat(sections(full)) == material_sections(full), path


def test_search_is_given_the_blocks_it_indexes_and_reads_the_same_sections(chronology):
    page = render.render_pages(SiteView(chronology))["events/taji-rockets.md"].split("---\n", 2)[2]
    full, searched = through_the_plugin(page)
    assert "chron-pager" not in searched and "ld+json" not in searched and "chron-map" not in searched
    kept = [(s[2], "".join(s[4]), "".join(s[5])) for s in material_sections(full) if "data-search-exclude" not in s[1]]
    assert [(s[2], "".join(s[4]), "".join(s[5])) for s in material_sections(searched)
            if "data-search-exclude" not in s[1]] == kept


def test_a_paragraph_that_is_not_one_html_block_is_left_to_markdown():
    text = "# T\n\n<p>one</p> and *more*\n\n<div>a</div>\n<p>b</p>\n\n<span>inline</span>\n"
    skeleton, runs = html_blocks(text)
    assert runs == [] and skeleton == text
    assert through_the_plugin(text)[0] == convert(text)


def test_anchors_are_the_ids_and_link_names_mkdocs_reads_in_raw_html():
    assert anchors('<div id="a"><a name="b" href="#a">x</a><span name="c"></span><p id="d&amp;e"></p></div>') == \
        {"a", "b", "d&e"}


HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<ul>", "</ul>", "<li>", "</li>", "<h2 id=\"s\">", "</h2>",
    "<h3 id=\"t\" data-search-exclude>", "</h3>", "<div data-search-exclude>", "<code>", "</code>",
    "<pre>", "</pre>", "<a class=\"headerlink\" href=\"#s\">", "</a>", "<br>", "<br/>", "<em>", "</em>",
    "<script>x < y</script>", "<!-- note -->", "text", " ", "\n", "&amp;", "&lt;b&gt;", "\u00e9t\u00e9", "\n\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(HTML_PIECES, max_size=30))
def test_sections_read_any_such_html_as_materials_parser_does(pieces):
    html = "".join(pieces)
    found = sections(html)
    if found is not None:
        assert flat(found) == material_sections(html)


@given(st.lists(st.sampled_from(["events/a.md", "events/b.md", "index.md", "chronology/index.md",
                                 "chronology/2019.md#2019-05", "about.md#drafts", "downloads/events.csv",
                                 "assets/basemap/world-50m.json", "actors/x.md"]), min_size=2, max_size=2))
def test_links_are_what_mkdocs_makes_of_markdown_links(pair):
    target, page = pair
    page = page.partition("#")[0]
    if not page.endswith(".md"):
        return
    path, hash_, anchor = urls.site_path(target).partition("#")  # as MkDocs rewrites a link: path, then anchor
    assert urls.Links(page)(target) == get_relative_url(path, urls.address(page)) + hash_ + anchor


@given(st.text())
def test_a_title_in_front_matter_reads_back_as_written(title):
    assert yaml.safe_load("title: " + yaml_string(title))["title"] == title


class _Page:
    def __init__(self, url: str, built: bool):
        self.url, self.content = url, "<p>built</p>" if built else None


def test_a_dirty_builds_index_keeps_the_clean_order_and_drops_pages_that_are_gone():
    before = [{"location": "a/"}, {"location": "a/#x"}, {"location": "b/"}, {"location": "gone/"}, {"location": "c/"}]
    rebuilt = [{"location": "b/", "title": "new"}, {"location": "b/#y"}]
    pages = [_Page("a/", False), _Page("b/", True), _Page("c/", False), _Page("d/", True)]
    assert merged_entries(rebuilt, before, pages) == [
        {"location": "a/"}, {"location": "a/#x"}, {"location": "b/", "title": "new"}, {"location": "b/#y"},
        {"location": "c/"}]
