"""The build: valid records become pages and downloads under docs/, then MkDocs makes site/.

Nothing is rendered from a chronology with errors, so a broken record never half-publishes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..errors import BuilderError
from ..files import FileState, check_inside, file_state, remove_leftovers, write_atomic
from ..records import batch, validate
from ..records.folder import Chronology, record_paths
from ..records.lock import FolderLock
from ..records.problems import Problem, errors
from . import datapackage, export, feeds, history, publish, render, sitedata, state, urls
from .settings import Extra, read_extra
from .view import SiteView


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    rendered: render.RenderResult | None = None
    chronology: Chronology | None = None
    mkdocs_output: str = ""
    ok: bool = False


@dataclass(frozen=True)
class SiteConfig:
    """What the build needs from mkdocs.yml: where the pages go, where the site is published
    and how it is built."""

    docs_dir: Path
    site_url: str | None
    extra: Extra = field(default_factory=Extra)
    site: publish.Site | None = None


def read_config(config_file: Path, site_dir: Path | None = None) -> SiteConfig:
    """Read mkdocs.yml as MkDocs does (relative docs_dir, !ENV tags). Pages link to each
    other by the addresses MkDocs gives them with directory URLs, so a site without them is
    refused."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    if not config["use_directory_urls"]:
        raise BuilderError(f"{config_file}: use_directory_urls is false; the pages' links are made for "
                           "directory URLs (events/<id>/), MkDocs' default: remove the setting")
    return SiteConfig(Path(config["docs_dir"]), config["site_url"] or None,
                      read_extra(config["extra"], config["site_name"]), publish.site_of(config_file, config, site_dir))


def downloads(chron: Chronology, site_url: str | None = None, view: SiteView | None = None) -> dict[str, Iterator[str]]:
    """The exports (JSON, CSV, GeoJSON), feeds (Atom of the latest events and of the changes,
    TimelineJS), the Frictionless data package and the data the maps and the filter read, by
    docs/-relative path, each as pieces of text. Feed links are absolute when `site_url` (the
    published address) is given, else relative to each file."""
    out = {urls.EXPORTS[fmt]: export.chunks(chron, fmt) for fmt in export.FORMATS}
    view = view or SiteView(chron, site_url=site_url)
    out[urls.FEED] = iter([feeds.atom_feed(view, site_url)])
    out[urls.CHANGES_FEED] = iter([feeds.changes_feed(view, site_url)])
    out[urls.TIMELINE] = feeds.timeline_chunks(view, site_url)
    out[urls.DATAPACKAGE] = iter([datapackage.text(view)])
    out[urls.SITE_DATA] = sitedata.chunks(view)
    return out


def write_downloads(chron: Chronology, docs_dir: Path, site_url: str | None = None,
                    view: SiteView | None = None) -> tuple[list[str], dict]:
    """Write the downloads that changed: those written, and every download's file state."""
    written, files = [], {}
    for rel, chunks in downloads(chron, site_url, view).items():
        if write_atomic(docs_dir / rel, chunks, durable=False):
            written.append(rel)
        files[rel] = file_state(docs_dir / rel)
    return written, files


def read_inputs(records_dir: Path, paths: list[Path]) -> tuple[dict[str, FileState], history.History]:
    """What a build's output depends on besides settings: the state of each record file
    (`paths`, folder.record_paths), and the records' git history, which changes what pages
    say (first published, last changed) though no record file changes."""
    inputs = state.input_stats(paths)
    past = history.read(records_dir)
    inputs["(git history)"] = (int(hashlib.blake2b(past.fingerprint().encode(), digest_size=6).hexdigest(), 16),
                               len(past.changes), 0, 0)
    return inputs, past


def render_docs(records_dir: Path, docs_dir: Path, site_url: str | None = None,
                progress: Callable[[Iterable, int], Iterable] = lambda items, total: items,
                only_reviewed: bool = False, extra: Extra | None = None,
                later: list[Callable[[], None]] | None = None) -> BuildResult:
    """Validate the records and, if they hold no error, render pages, downloads and feeds;
    with `only_reviewed`, of the reviewed events alone (drafts left out). Given `later`, the
    downloads and the build's memory are written by the functions added to it (the live
    preview calls them once the browser has its page), not now.

    Only what changed since the last good build is done again: when no record, template,
    setting or the records' git history changed and the generated files are as that build
    left them, nothing is read at all; otherwise unchanged record files are not parsed
    again and only the pages whose content changed are rendered. The records are read under
    their folder's lock (never half of an extraction's batch), and one build at a time
    writes into `docs_dir`.
    """
    with FolderLock(docs_dir / urls.CACHE_DIR, exclusive=True):
        return _render_docs(records_dir, docs_dir, site_url, progress, only_reviewed, extra or Extra(), later)


def _render_docs(records_dir: Path, docs_dir: Path, site_url: str | None,
                 progress: Callable[[Iterable, int], Iterable], only_reviewed: bool, extra: Extra,
                 later: list[Callable[[], None]] | None) -> BuildResult:
    made_with = state.version(f"{site_url}\n{only_reviewed}\n{extra!r}")
    with batch.reading(records_dir) as recovered:
        paths = record_paths(records_dir)  # listed once, for the inputs and the records
        inputs, past = read_inputs(records_dir, paths)
        last = state.load_outputs(docs_dir)
        if last and last.version == made_with and last.inputs == inputs and state.intact(last, docs_dir):
            unchanged = render.RenderResult(unchanged=len(last.pages), pages=last.pages)
            return BuildResult(problems=[*recovered, *last.problems], rendered=unchanged, ok=True)
        cache = state.load_records(docs_dir, made_with)
        chron, problems = validate.load(records_dir, cache=cache, paths=paths, states=inputs)
    result = BuildResult(problems=problems, chronology=chron)
    keep_records = partial(state.save_records, docs_dir, made_with, cache)
    if errors(problems):
        if later is None:
            keep_records()
        else:
            later.append(keep_records)
        result.problems[:0] = recovered
        return result
    _prepare(docs_dir)
    if only_reviewed:
        chron = chron.without_drafts()
    view = SiteView(chron, site_url=site_url, history=past, extra=extra)
    render_site(view, chron, docs_dir, made_with, inputs, last, result, progress, later, keep_records)
    result.problems[:0] = recovered
    return result


def render_site(view: SiteView, chron: Chronology, docs_dir: Path, made_with: str, inputs: dict,
                last: state.Outputs | None, result: BuildResult,
                progress: Callable[[Iterable, int], Iterable] = lambda items, total: items,
                later: list[Callable[[], None]] | None = None,
                keep: Callable[[], None] | None = None) -> BuildResult:
    """Render the pages `view` shows, and the downloads of `chron`, into `docs_dir`, and keep
    what was written in the build's memory: render_docs' second half, for one site. `keep`
    saves what else the build remembers (the records as checked): it is done while the pages
    are rendered, or, given `later`, added to it."""
    site_url = view.site_url
    previous = last.pages if last and last.version == made_with else None

    def alongside() -> tuple[list[str], dict]:
        if keep is not None:
            keep()
        return write_downloads(chron, docs_dir, site_url, view)

    if later is not None and keep is not None:
        later.append(keep)
    rendered = render.render(chron, docs_dir, site_url, previous, progress, view=view,
                             besides=None if later is not None else alongside)
    result.rendered = rendered
    result.problems += rendered.problems
    if errors(result.problems):
        return result

    def finish(written: list[str], files: dict) -> None:
        rendered.written += written
        state.save_outputs(docs_dir, state.Outputs(made_with, inputs, rendered.pages, files, result.problems))

    if later is None:
        finish(*rendered.besides)
    else:
        later.append(lambda: finish(*write_downloads(chron, docs_dir, site_url, view)))
    result.ok = True
    return result


def missing_pages(docs_dir: Path) -> list[str]:
    """The hand-written pages and files the generated pages link to that docs/ lacks."""
    return [path for path in urls.HAND_WRITTEN if not (docs_dir / path).is_file()]


def _prepare(docs_dir: Path) -> None:
    """Refuse a generated folder that is a link out of `docs_dir`, and remove the temporary
    files and staged folders a killed build left."""
    for name in (*urls.GENERATED_DIRS, urls.DOWNLOADS_DIR):
        check_inside(docs_dir, docs_dir / name)
        for folder, _, _ in os.walk(docs_dir / name):
            remove_leftovers(Path(folder))
        render.remove_staged(docs_dir, name)
    remove_leftovers(docs_dir)

