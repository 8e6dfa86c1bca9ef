"""Rendering: the pages of a valid chronology become Markdown files under docs/, through the
Jinja2 templates of builder/templates/, which decide how each page reads. A page is its
headings in Markdown (for the table of contents and the search's sections) and HTML blocks,
which MkDocs passes through without parsing them as Markdown; every value is escaped by
Jinja2's autoescaping, and every link of the HTML is checked here, as MkDocs checks Markdown's.

Every generated page starts with a marker line, and only marked pages are ever rewritten or
removed, so a page a maintainer writes by hand in docs/ is never lost. Only pages whose text
changed are written, on every core when there are many, and none is ever seen half-written.
"""

from __future__ import annotations

import calendar
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import FunctionType, MethodType
from typing import Any

import jinja2
import jinja2.runtime
from markupsafe import Markup

from .. import cores
from ..errors import BuilderError
from ..files import FileState, file_state, write_atomic, write_fresh
from ..records.folder import Chronology
from ..records.problems import Problem, display_path
from . import humanize, urls
from .pages import MARKER, OLD_MARKER, Page, pages
from .view import SiteView
from .words import words

TEMPLATE_DIR = Path(__file__).parents[1] / "templates"


class _Context(jinja2.runtime.Context):
    """Jinja2's context, calling plain functions and methods, and a page's links, at once.
    Jinja2 looks at every callable a template calls for a flag asking for the context,
    several lookups a call; a page makes dozens of calls (a fifth of its time), to the view's
    methods and to its links, none of which asks for it. A callable that does is called as
    Jinja2 calls it."""

    def call(__self, __obj, *args, **kwargs):
        kind = type(__obj)
        if kind is urls.Links or ((kind is MethodType or kind is FunctionType)
                                  and not hasattr(__obj, "jinja_pass_arg")):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a"
                                                    " StopIteration exception")
        return super().call(__obj, *args, **kwargs)


def template_environment(folder: Path, html: bool = False) -> jinja2.Environment:
    """Templates of plain text (Markdown, YAML), or with `html` of pages whose values are
    escaped for HTML (control characters made spaces first); an undefined name is an error,
    block tags leave no blank lines."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=html,
        finalize=_without_controls if html else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.context_class = _Context
    return env


def _without_controls(value):
    """A value of an HTML template as it is escaped: text without control characters (the
    Markup of a macro or filter as it is); anything else as it is."""
    if type(value) is str or (isinstance(value, str) and not isinstance(value, Markup)):
        return humanize.without_controls(value)
    return value


def _markdown_text(text) -> Markup:
    """Record text for a Markdown line (a heading): escaped for Markdown and HTML."""
    return Markup(humanize.md_escape(text))


@cache
def _environment() -> jinja2.Environment:
    """The templates' environment, made once: compiling the templates is the slow part."""
    env = template_environment(TEMPLATE_DIR, html=True)
    env.filters.update(
        md=_markdown_text,
        date_words=humanize.date_words,
        toll=humanize.toll_words,
        weapon=humanize.weapon_words,
        short_toll=humanize.short_toll,
        day_words=humanize.day_words,
    )
    env.globals.update(urls=urls, month_abbr=list(calendar.month_abbr), month_name=list(calendar.month_name))
    return env


def render_page(view: SiteView, page: Page, exists: Callable[[str], bool] = lambda path: True) -> str:
    """The Markdown text of one page, starting with the marker of generated pages. A link of
    its HTML to a path for which `exists` is false is an error (BrokenLinks)."""
    links = urls.Links(page.path, exists, view.sites)
    text = _environment().get_template(page.template).render(
        view=view, vocab=view.vocab, words=words(), url=urls.linker(page.path), href=links, page=page.path,
        listed=_ROWS.lister(view, links), **page.context())
    if links.missing:
        raise BrokenLinks(page.path, links.missing)
    return f"{page.front_matter()}{text.rstrip()}\n"


class ListedRows:
    """The rows of the event tables of listings, each made once: an event is listed on the
    pages of its place and of every place that holds it, of its actors and of its year, and
    its row reads the same wherever its links read the same. The links are made, and
    checked, for every page; only the row's markup is kept, for the view it was made from."""

    def __init__(self) -> None:
        self._view: SiteView | None = None
        self._made: dict[tuple[str, str, str | None], Markup] = {}

    def lister(self, view: SiteView, links: urls.Links) -> Callable[[Any, Callable[..., Markup]], Markup]:
        """What a page's templates call `listed(event, event_row)`: the event's row, made by the
        `event_row` macro (given the event, its link, its place and the place's link, if any)."""
        if view is not self._view:
            self._view, self._made = view, {}
        made = self._made

        def listed(event: Any, event_row: Callable[..., Markup]) -> Markup:
            loc = view.location_of(event)
            loc_link = links(loc) if loc is not None and view.has_page(loc) else None
            event_link = links(event)
            key = (event.id, event_link, loc_link)
            row = made.get(key)
            if row is None:
                row = made[key] = event_row(event, event_link, loc, loc_link)
            return row

        return listed


_ROWS = ListedRows()


def render_pages(view: SiteView) -> dict[str, str]:
    """The Markdown text of every page, by docs/-relative path (links checked among them)."""
    every = pages(view)
    known = {page.path for page in every} | set(urls.DOWNLOAD_FILES)
    return {page.path: render_page(view, page, lambda path: path in known or path in urls.HAND_WRITTEN)
            for page in every}


class BrokenLinks(Exception):
    """A page links to a page or file that the site will not have."""

    def __init__(self, path: str, missing: list[str]):
        super().__init__(f"links to {', '.join(sorted(set(missing)))}, which the site does not have")
        self.path = path


def link_targets(every: Iterable[Page], docs_dir: Path) -> Callable[[str], bool]:
    """Whether a docs/-relative path is a page or file the site will have: a page rendered
    now, a download, a hand-written page the site is built with (urls.HAND_WRITTEN, which the
    site's build checks), or a file under `docs_dir`."""
    known = {page.path for page in every} | set(urls.DOWNLOAD_FILES) | set(urls.HAND_WRITTEN)
    on_disk: dict[str, bool] = {}

    def exists(path: str) -> bool:
        if path in known:
            return True
        if path not in on_disk:
            on_disk[path] = (docs_dir / path).is_file()
        return on_disk[path]

    return exists


@dataclass
class RenderResult:
    """What rendering did: the pages written and removed, how many were left as they were,
    the problems met, and the state of every page for the next build."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, PageState] = field(default_factory=dict)
    besides: Any = None  # what the work done besides the pages gave


@dataclass(frozen=True)
class PageState:
    """What a page was made from (its key's digest) and the file it left (its state:
    files.state_of), so the next build can tell it needs nothing."""

    key: str
    stat: FileState


def is_generated(path: Path) -> bool:
    """Whether the file at `path` is a page the builder wrote (it opens with the marker)."""
    try:
        with open(path, encoding="utf-8") as f:
            first = f.readline().rstrip("\n")
            return first == OLD_MARKER or (first == "---" and f.readline().rstrip("\n") == MARKER)
    except (OSError, UnicodeDecodeError):
        return False


def _write_page(view: SiteView, page: Page, docs_dir: Path, exists: Callable[[str], bool],
                staged: frozenset[str] = frozenset()) -> tuple[str, bool | Problem, FileState | None]:
    """Render and write one page unless a maintainer's page is in the way or it links to
    nothing: (path, whether it changed or the problem, the file's state after). A page of a
    folder in `staged` goes to that folder's staged copy (_stage), where nothing is in its way."""
    folder, _, rest = page.path.partition("/")
    fresh = bool(rest) and folder in staged
    path = docs_dir / urls.staged(folder) / rest if fresh else docs_dir / page.path
    if not fresh and path.exists() and not is_generated(path):
        return page.path, Problem(display_path(path), 1, "this page was not generated by the builder, so it is "
                                                         "not overwritten; move it out of the way or rename it"), None
    try:
        text = render_page(view, page, exists)
    except BrokenLinks as e:
        return page.path, Problem(display_path(docs_dir / page.path), None, str(e)), None
    if fresh:
        write_fresh(path, text)
        return page.path, True, file_state(path)
    return page.path, write_atomic(path, text, durable=False), file_state(path)


def _stage(docs_dir: Path, todo: list[Page]) -> frozenset[str]:
    """The generated folders the pages of `todo` go to that are not there yet: their pages
    are written in place into a staged folder (urls.staged), which then takes the folder's
    place whole (_unstage), so no page is ever seen half-written, at the cost of one file
    made per page instead of a temporary file and a rename (a first build writes thousands)."""
    folders = {page.path.partition("/")[0] for page in todo if "/" in page.path}
    folders -= {path.partition("/")[0] for path in urls.DOWNLOAD_FILES}  # written meanwhile (the downloads)
    new = frozenset(f for f in folders if not os.path.lexists(docs_dir / f))
    for folder in new:
        remove_staged(docs_dir, folder)
        (docs_dir / urls.staged(folder)).mkdir(parents=True)
    return new


def remove_staged(docs_dir: Path, folder: str) -> None:
    """Remove what a killed build left of `folder`'s staged copy (a link is removed, never
    followed)."""
    path = docs_dir / urls.staged(folder)
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _unstage(docs_dir: Path, staged: frozenset[str]) -> None:
    """Put each staged folder in its folder's place (a rename keeps every page's file state)."""
    for folder in sorted(staged):
        source = docs_dir / urls.staged(folder)
        if not source.is_dir():
            continue  # every page of the folder failed
        try:
            os.rename(source, docs_dir / folder)
        except OSError as e:
            raise BuilderError(f"{display_path(docs_dir / folder)}: appeared while the build wrote its pages "
                               f"({e.strerror}); build again") from None


_JOB: tuple[SiteView, list[Page], Path, Callable[[str], bool], frozenset[str], Callable[[], Any] | None] | None = None
# what forked workers render, and the task one of them runs besides
PARALLEL_FROM = 400  # pages: below this, starting worker processes costs more than it saves


CHUNK = 100  # pages a worker renders at a time: small enough for the progress bar to move


def _write_chunk(start: int) -> list:
    if _JOB is None:
        raise RuntimeError("no pages to render: _write_all sets them before it forks")
    view, todo, docs_dir, exists, staged, _ = _JOB
    return [_write_page(view, page, docs_dir, exists, staged) for page in todo[start:start + CHUNK]]


def _run_besides() -> Any:
    if _JOB is None or _JOB[5] is None:
        raise RuntimeError("no task to run: _write_all sets it before it forks")
    return _JOB[5]()


def _write_all(view: SiteView, todo: list[Page], docs_dir: Path, exists: Callable[[str], bool],
               staged: frozenset[str], besides: Callable[[], Any] | None, done: list) -> Iterator:
    """Render and write `todo`, page by page, on every core when there are many pages, and
    run `besides` meanwhile (its result appended to `done`). Workers are forked, so they share
    the view already worked out instead of receiving a copy."""
    global _JOB
    # One worker more than the cores: a worker waiting for the disk to take a page leaves its core to it.
    workers = cores.workers(len(todo), PARALLEL_FROM, cores.available() + 1)
    if workers < 2:
        yield from (_write_page(view, page, docs_dir, exists, staged) for page in todo)
        if besides is not None:
            done.append(besides())
        return
    _environment()  # compiled once, before the fork
    _JOB = (view, todo, docs_dir, exists, staged, besides)
    try:
        with ProcessPoolExecutor(workers, mp_context=cores.fork_context()) as pool:
            task = pool.submit(_run_besides) if besides is not None else None
            for part in pool.map(_write_chunk, range(0, len(todo), CHUNK)):
                yield from part
            if task is not None:
                done.append(task.result())
    finally:
        _JOB = None


def _remove_stale(docs_dir: Path, keep: set[str], previous: dict[str, PageState]) -> list[str]:
    """Remove the generated pages no record needs any more (never a maintainer's page): those
    the last build wrote, or without its memory every page in the generated folders."""
    removed = []
    candidates = previous.keys() - keep if previous else _generated_folders_pages(docs_dir)
    for rel in candidates:
        path = docs_dir / rel
        if rel not in keep and path.exists() and is_generated(path):
            path.unlink()
            removed.append(rel)
    return removed


def _generated_folders_pages(docs_dir: Path) -> list[str]:
    """The home page and every page in the generated folders, docs/-relative."""
    found = [urls.HOME]
    for name in urls.GENERATED_DIRS:
        for folder, _, names in os.walk(docs_dir / name):
            rel = Path(folder).relative_to(docs_dir).as_posix()
            found += [f"{rel}/{n}" for n in names if n.endswith(".md")]
    return found


def render(chron: Chronology, docs_dir: Path, site_url: str | None = None,
           previous: dict[str, PageState] | None = None,
           progress: Callable[[Iterable, int], Iterable] = lambda items, total: items,
           view: SiteView | None = None, besides: Callable[[], Any] | None = None) -> RenderResult:
    """Render the pages of a valid chronology into `docs_dir`. With `previous` (the pages of
    the last build, from the build's state), a page whose key and file are unchanged is
    not rendered again. `progress` wraps the pages as they are written (a progress bar).
    `view` is the chronology's view when the build made one (with its history and settings).
    `besides` is work done while the pages are rendered, by a worker when they are many (the
    downloads): its result is the result's `besides`."""
    view = view or SiteView(chron, site_url=site_url)
    previous = previous or {}
    result = RenderResult()
    todo = []
    every = pages(view)
    docs = str(docs_dir)
    for page in every:
        key = page.digest
        before = previous.get(page.path)
        if before is not None and before.key == key and file_state(os.path.join(docs, page.path)) == before.stat:
            result.pages[page.path] = before
            result.unchanged += 1
        else:
            result.pages[page.path] = PageState(key, (0, 0, 0, 0))
            todo.append(page)
    done: list = []
    staged = _stage(docs_dir, todo)
    writing = _write_all(view, todo, docs_dir, link_targets(every, docs_dir), staged, besides, done)
    for path, outcome, stat in progress(writing, len(todo)):
        if isinstance(outcome, Problem):
            result.problems.append(outcome)
            del result.pages[path]
            continue
        result.pages[path] = PageState(result.pages[path].key, stat)
        if outcome:
            result.written.append(path)
        else:
            result.unchanged += 1
    _unstage(docs_dir, staged)
    result.removed = _remove_stale(docs_dir, set(result.pages) | {p.path for p in todo}, previous)
    result.besides = done[0] if done else None
    return result
