"""The chronology's MkDocs plugin (`plugins: [search, chronology]` in mkdocs.yml): it makes
MkDocs faster on the generated pages and makes `mkdocs build --dirty` publish the site a clean
build would. It changes no byte of what a build without it writes (a test builds both), so
the site builds correctly without it, and Zensical, which ignores it, builds the same docs/.

- A generated page (`html_blocks: true` in its front matter) is Markdown headings around
  finished HTML blocks. Python-Markdown would pass each block through unchanged, after
  reading it with html.parser to find where it ends (and MkDocs once more, for its anchors);
  the plugin hands Markdown a placeholder for each run of blocks instead, and puts the blocks
  back into the HTML Markdown returns, with the anchors they hold.
- Material's search reads a page's whole HTML with html.parser to index it. For a generated
  page it is given only the blocks it would take text from (not a script, nor a block or a
  section marked `data-search-exclude`), read by search.sections into the same sections.
- `mkdocs build --dirty` rebuilds the pages whose file is newer than their HTML. Alone it
  writes a search index of those pages only and leaves the pages of deleted files behind;
  with the plugin the index keeps, in the order a clean build writes it, the entries of the
  pages not rebuilt (read back from the index the site has), and files no longer built are
  removed. A dirty build is right only when nothing but docs/ changed since the last good
  build: `python -m builder build` asks for one only then (publish.py).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment
from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .pages import HTML_BLOCKS
from .search import sections

log = logging.getLogger("mkdocs.plugins.chronology")

# Block-level tags an HTML block of a generated page may open with (Python-Markdown's list).
BLOCK_TAGS = frozenset(["address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
                        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
                        "header", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
                        "script", "style"])
_PARAGRAPHS = re.compile(r"(\n(?:[ \t]*\n)+)")
_OPENING = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
_PLACEHOLDER = "<!--chronology-block-{}-->"
_BETWEEN_BLOCKS = "\n\n"
_FOUND = re.compile(r"<!--chronology-block-(\d+)-->")
_HEADING = re.compile(r"<h[1-6][\s>][^>]*>")
_START_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)([^>]*)>")
_ATTRIBUTE = re.compile(r"([^\s=/>]+)=\"([^\"]*)\"")
_DIRTY_WARNING = "A 'dirty' build is being performed"
SEARCH_INDEX = "search/search_index.json"


def html_blocks(markdown: str) -> tuple[str, list[list[str]]]:
    """The Markdown of a generated page with each run of HTML blocks (paragraphs that open
    with a block-level tag and end by closing it) replaced by one placeholder, and the runs."""
    parts = _PARAGRAPHS.split(markdown)
    out: list[str] = []
    runs: list[list[str]] = []
    run: list[str] | None = None
    for i in range(0, len(parts), 2):
        part, gap = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        opening = _OPENING.match(part)
        if opening and opening[1] in BLOCK_TAGS and part.rstrip().endswith(f"</{opening[1]}>"):
            if run is None:
                run = []
                runs.append(run)
                out.append(_PLACEHOLDER.format(len(runs) - 1))
            run.append(part.rstrip("\n"))
        else:
            if run is not None:
                out.append("\n\n")
            run = None
            out.append(part)
        if run is None:
            out.append(gap)
    return "".join(out), runs


def anchors(block: str) -> set[str]:
    """What a link can point at in a block, as MkDocs reads raw HTML: every element's id and
    every link's name."""
    found: set[str] = set()
    if "id=" not in block and "name=" not in block:
        return found
    for tag, attributes in _START_TAG.findall(block):
        for name, value in _ATTRIBUTE.findall(attributes):
            if name == "id" or (name == "name" and tag == "a"):
                found.add(html.unescape(value))
    return found


def _indexed(block: str) -> bool:
    """Whether Material's search would take any text from a block (one with no heading): not
    a script, nor a block whose element is marked data-search-exclude."""
    opening = block[:block.index(">") + 1]
    return not (opening.startswith("<script") or "data-search-exclude" in opening)


def fill(content: str, runs: list[list[str]]) -> tuple[str, str]:
    """The page's HTML with its blocks back in place, and the HTML search is given: only the
    blocks it indexes (none under a heading marked data-search-exclude)."""
    full: list[str] = []
    searched: list[str] = []
    excluded_section = False
    at = 0
    for found in _FOUND.finditer(content):
        between = content[at:found.start()]
        headings = _HEADING.findall(between)
        if headings:
            excluded_section = "data-search-exclude" in headings[-1]
        run = runs[int(found[1])]
        full += (between, _BETWEEN_BLOCKS.join(run))  # as Python-Markdown writes raw blocks
        if any(_HEADING.search(block) for block in run):  # sections of its own: search reads it all
            searched += (between, _BETWEEN_BLOCKS.join(run))
        else:
            searched += (between, "" if excluded_section else _BETWEEN_BLOCKS.join(b for b in run if _indexed(b)))
        at = found.end()
    full.append(content[at:])
    searched.append(content[at:])
    return "".join(full), "".join(searched)


class _PartialSearchIndex(SearchIndex):
    """Material's search index, given for a generated page only the HTML it would index, read
    by search.sections (Material's Parser when that cannot read it)."""

    def __init__(self, searched: dict[str, str], **config: Any):
        super().__init__(**config)
        self.searched = searched

    def add_entry_from_context(self, page: Page) -> None:
        part = self.searched.pop(page.file.src_uri, None)
        if part is None or (page.meta.get("search") or {}).get("exclude"):
            return super().add_entry_from_context(page)
        found = sections(part)
        if found is None:  # Material's own parser reads it
            content, page.content = page.content, part
            try:
                return super().add_entry_from_context(page)
            finally:
                page.content = content
        for section in found:
            if not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)


class _NotDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


class ChronologyPlugin(BasePlugin):
    """Fast generated pages, and dirty builds that publish what a clean build would."""

    def __init__(self) -> None:
        self.command = ""
        self.dirty = False
        self.blocks: dict[str, list[list[str]]] = {}
        self.searched: dict[str, str] = {}
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self._quiet = _NotDirtyWarning()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty and command == "build"

    @event_priority(-100)  # after Material's search has made its index
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.blocks.clear()
        self.searched.clear()
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if isinstance(index, SearchIndex):
            search.search_index = _PartialSearchIndex(self.searched, **index.config)  # type: ignore[union-attr]
            # MkDocs keeps a plugin from one build to the next in a process, and Material's
            # search then merges the last index into this one (for `serve`): not for a build.
            if self.command == "build":
                search.search_index_prev = None  # type: ignore[union-attr]
        build_log = logging.getLogger("mkdocs.commands.build")
        build_log.removeFilter(self._quiet)
        if self.dirty:  # this plugin keeps the search index and the site's files right
            build_log.addFilter(self._quiet)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav  # kept, with the files and the theme's templates, for the live preview (preview.py)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.meta.get(HTML_BLOCKS) is not True:
            return markdown
        markdown, blocks = html_blocks(markdown)
        if blocks:
            self.blocks[page.file.src_uri] = blocks
        return markdown

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        blocks = self.blocks.pop(page.file.src_uri, None)
        if blocks is None:
            return html_text
        full, searched = fill(html_text, blocks)
        self.searched[page.file.src_uri] = searched
        if page.present_anchor_ids is not None:  # the anchors MkDocs finds in raw HTML
            page.present_anchor_ids |= {a for run in blocks for block in run for a in anchors(block)}
        return full

    @event_priority(100)  # before Material's search writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.dirty or self.files is None:
            return
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        pages = [f.page for f in self.files.documentation_pages(inclusion=InclusionLevel.is_included) if f.page]
        if isinstance(index, SearchIndex):
            index.entries = merged_entries(index.entries, _read_entries(Path(config.site_dir) / SEARCH_INDEX), pages)
        removed = remove_stale(Path(config.site_dir), self._outputs(config))
        log.info(f"dirty build: {sum(p.content is not None for p in pages)} pages rebuilt, "
                 f"{len(removed)} files no longer built removed")

    def _outputs(self, config: MkDocsConfig) -> set[str]:
        """Every file a clean build writes into the site's folder."""
        assert self.files is not None
        site = config.site_dir
        out = {os.path.normpath(f.abs_dest_path) for f in self.files if f.inclusion.is_included()}
        for name in [*config.theme.static_templates, *config.extra_templates, "sitemap.xml.gz", SEARCH_INDEX]:
            out.add(os.path.normpath(os.path.join(site, name)))
        return out


def _read_entries(path: Path) -> list[dict]:
    """The entries of the search index the last build wrote (none when there is none)."""
    try:
        docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return docs if isinstance(docs, list) else []


def _page_of(entry: dict) -> str:
    return str(entry.get("location", "")).partition("#")[0]


def merged_entries(rebuilt: list[dict], before: list[dict], pages: list[Page]) -> list[dict]:
    """The search index's entries in the order a clean build makes them (page by page, in the
    order of the pages): those of the pages rebuilt now, else those the last index had."""
    new: dict[str, list[dict]] = {}
    for entry in rebuilt:
        new.setdefault(_page_of(entry), []).append(entry)
    old: dict[str, list[dict]] = {}
    for entry in before:
        old.setdefault(_page_of(entry), []).append(entry)
    out: list[dict] = []
    for page in pages:
        out += new.get(page.url, []) if page.content is not None else old.get(page.url, [])
    return out


def remove_stale(site_dir: Path, outputs: set[str]) -> list[str]:
    """Remove from the site every file a clean build would not write (the pages and files of
    deleted sources), and the folders left empty."""
    removed = []
    for folder, _, names in os.walk(site_dir, topdown=False):
        for name in names:
            path = os.path.normpath(os.path.join(folder, name))
            if path not in outputs:
                os.unlink(path)
                removed.append(path)
        if folder != str(site_dir) and not os.listdir(folder):
            os.rmdir(folder)
    return removed
