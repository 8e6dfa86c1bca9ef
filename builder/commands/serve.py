"""Live preview: `python -m builder serve` keeps docs/ and a site on localhost in step with
their inputs, and reloads the browser's page.

The file system says what changed (watchdog: inotify on Linux, FSEvents on macOS, nothing
polled, so an idle preview costs no CPU). What changed decides what is done: an article or a
knowledge-base file re-runs extraction, a template, vocabulary or knowledge-base file drops
the copy read earlier, and any change re-renders the pages; only the pages whose text
changed are written, and only their HTML is built again, by MkDocs kept in this process
(builder/site/preview.py). MkDocs' own server sends the page and reloads the browser once the
round is done. Records with errors are reported as `path:line: message` and nothing is
rendered: the last good pages stay.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import yaml
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..extract.articles import SUFFIXES as ARTICLE_SUFFIXES
from ..extract.knowledge import KNOWLEDGE_DIR, KnowledgeError
from ..records import validate, vocab
from ..records.folder import SUFFIXES as RECORD_SUFFIXES
from ..records.problems import Problem, display_path, errors
from ..site import build, render, urls
from ..site.preview import LiveSite
from ..site.settings import Extra

if TYPE_CHECKING:
    from ..extract.pipeline import ExtractResult

WRITES = frozenset({"created", "modified", "moved", "deleted", "closed"})  # watchdog's events of a change
SETTLE_SECONDS = 0.05  # a save often arrives as several events: the round starts after a pause
WATCHED = ("record", "article", "knowledge", "template", "vocabulary")


@dataclass(frozen=True)
class Inputs:
    """The folders the preview watches, and the docs folder it renders into."""

    records: Path
    articles: Path
    docs: Path
    site_url: str | None = None
    extra: Extra = field(default_factory=Extra)
    templates: Path = render.TEMPLATE_DIR
    knowledge: Path = KNOWLEDGE_DIR
    vocabulary: Path = vocab.VOCAB_DIR

    def resolved(self) -> Inputs:
        """The same inputs with absolute folders, as the file system names changed files."""
        return replace(self, records=self.records.resolve(), articles=self.articles.resolve(),
                       docs=self.docs.resolve(), templates=self.templates.resolve(),
                       knowledge=self.knowledge.resolve(), vocabulary=self.vocabulary.resolve())

    def folders(self) -> dict[str, Path]:
        """Each kind of input and its folder."""
        return {"record": self.records, "article": self.articles, "knowledge": self.knowledge,
                "template": self.templates, "vocabulary": self.vocabulary}


# --- what changed -------------------------------------------------------------------------


def _is_input(kind: str, path: Path) -> bool:
    if path.name.startswith(".") or path.name.endswith("~"):
        return False  # atomic writes' temporary files, editors' backups and swap files
    if kind == "record":
        return path.suffix in RECORD_SUFFIXES
    if kind == "article":
        return path.suffix.lower() in ARTICLE_SUFFIXES
    if kind == "template":
        return path.suffix == ".j2"
    return path.suffix == ".yml"


def kind_of(path: Path, inputs: Inputs) -> str | None:
    """Which kind of input a file is (record, article, knowledge, template, vocabulary)."""
    for kind, folder in inputs.folders().items():
        if path.is_relative_to(folder) and _is_input(kind, path):
            return kind
    return None


# --- what to do ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What a set of changes calls for: extraction first, cached inputs to read again, rendering."""

    extract: bool = False
    reload: frozenset[str] = frozenset()
    render: bool = False


def plan_for(kinds: Iterable[str]) -> Plan:
    """The work the changed kinds of input call for."""
    kinds = set(kinds)
    return Plan(extract=bool(kinds & {"article", "knowledge"}),
                reload=frozenset(kinds & {"knowledge", "template", "vocabulary"}),
                render=bool(kinds))


def reload(kinds: Iterable[str]) -> None:
    """Drop the copies of templates, vocabularies or the knowledge base read earlier."""
    kinds = set(kinds)
    if "template" in kinds:
        render._environment.cache_clear()
    if "vocabulary" in kinds:
        vocab.vocabulary.cache_clear()
        validate._validators.cache_clear()
        validate._fast_checks.cache_clear()
    if "knowledge" in kinds:
        from ..extract import knowledge

        knowledge._load_cached.cache_clear()


def run_extraction(inputs: Inputs) -> ExtractResult:
    """Extraction over the articles into the records (`builder.extract.pipeline.extract`)."""
    from ..extract.pipeline import extract

    return extract(inputs.articles, inputs.records)


# --- doing it -----------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one round did: the files that started it, the problems met, what was written."""

    changed: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    extracted: ExtractResult | None = None
    rendered: render.RenderResult | None = None
    planned: Plan = Plan()
    built: int = 0  # pages of the site built again

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


_LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<message>.*)$", re.DOTALL)


def _from_text(text: str) -> Problem:
    m = _LOCATED.match(text)
    if m:
        return Problem(m["path"], int(m["line"]), m["message"])
    return Problem("error", None, text)


def _template_line(error: Exception) -> tuple[str, int] | None:
    """The template file and line an error was raised at, from its traceback."""
    for frame, line in reversed(list(traceback.walk_tb(error.__traceback__))):
        name = frame.f_code.co_filename
        if name.endswith(".j2"):
            return name, line
    return None


def problems_of(error: Exception) -> list[Problem]:
    """An error met while extracting or rendering, as `path:line: message` problems."""
    if isinstance(error, KnowledgeError):
        return [_from_text(p) for p in error.problems]
    if isinstance(error, jinja2.TemplateSyntaxError):
        return [Problem(display_path(error.filename or error.name or "template"), error.lineno,
                        f"template does not parse: {error.message}")]
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return [Problem(display_path(mark.name), mark.line + 1, f"YAML does not parse: {error.problem}")]
    where = _template_line(error) if isinstance(error, jinja2.TemplateError) else None
    if where:
        return [Problem(display_path(where[0]), where[1], f"template error: {error}")]
    return [Problem("error", None, f"{type(error).__name__}: {error}")]


def carry_out(plan: Plan, inputs: Inputs, after_extraction: Callable[[], None] = lambda: None,
              later: list[Callable[[], None]] | None = None) -> Outcome:
    """Do what the plan says; never raise, so the preview keeps running whatever the input.
    Given `later`, what can wait until the browser has its page (downloads, the build's
    memory) is added to it instead of being done."""
    outcome = Outcome(planned=plan)
    try:
        reload(plan.reload)
        if plan.extract:
            outcome.extracted = run_extraction(inputs)
            outcome.problems += outcome.extracted.problems
            after_extraction()
            if outcome.extracted.stopped:  # refused articles alone do not stop the pages
                return outcome
        if plan.render:
            built = build.render_docs(inputs.records, inputs.docs, site_url=inputs.site_url, extra=inputs.extra,
                                      later=later)
            outcome.problems += built.problems
            outcome.rendered = built.rendered if built.ok else None
    except Exception as e:
        outcome.problems += problems_of(e)
        outcome.rendered = None
    return outcome


class Changes:
    """The input files changed since the round before, as the file system reports them."""

    def __init__(self, inputs: Inputs, config: Path):
        self.inputs = inputs.resolved()
        self.config = config.resolve()
        self._paths: set[Path] = set()
        self._lock = threading.Lock()

    def add(self, path: Path) -> bool:
        """Note a changed file if it is an input (a record, article, template, vocabulary,
        knowledge-base file, hand-written page of docs/, or mkdocs.yml): whether it is."""
        if not (kind_of(path, self.inputs) or self._hand_written(path) or path == self.config):
            return False
        with self._lock:
            self._paths.add(path)
        return True

    def _hand_written(self, path: Path) -> bool:
        docs = self.inputs.docs.resolve()
        if not path.is_relative_to(docs) or path.name.startswith(".") or path.name.endswith("~"):
            return False
        top = path.relative_to(docs).parts[0]
        return top not in urls.GENERATED and top != urls.CACHE_DIR

    def take(self) -> list[Path]:
        """The files changed since the last call."""
        with self._lock:
            paths, self._paths = sorted(self._paths), set()
        return paths


def round_for(paths: list[Path], inputs: Inputs, site: LiveSite | None, config: Path,
              later: list[Callable[[], None]] | None = None) -> Outcome:
    """What a set of changed files makes the preview do, done: extraction, rendering, then the
    HTML of the pages and files of docs/ that changed (the whole site after mkdocs.yml).
    Given `later`, what the page the browser reloads does not need waits in it."""
    kinds = {kind for p in paths if (kind := kind_of(p, inputs))}
    outcome = carry_out(plan_for(kinds), inputs, later=later)
    outcome.changed = paths
    if site is None:
        return outcome
    docs = inputs.docs.resolve()
    changed = {p.relative_to(docs).as_posix() for p in paths if p.is_relative_to(docs)}
    if outcome.rendered is not None:
        changed |= set(outcome.rendered.written) | set(outcome.rendered.removed)
    try:
        if config.resolve() in paths:
            site.build_all()
            outcome.built = len(site.built)
        elif changed:
            outcome.built = site.update(changed, later)
        rendered = outcome.rendered
        if later is not None and rendered is not None:  # the downloads, once written later
            before = set(rendered.written)

            def copy_downloads() -> None:
                site.update(set(rendered.written) - before)

            later.append(copy_downloads)
    except Exception as e:  # the preview keeps running whatever the input
        outcome.problems += problems_of(e)
    return outcome


# --- telling the maintainer ---------------------------------------------------------------


def heading(outcome: Outcome) -> str | None:
    """The line that opens a round's report: the files that changed."""
    if not outcome.changed:
        return None
    shown = [display_path(p) for p in outcome.changed[:3]]
    more = f" and {len(outcome.changed) - 3} more" if len(outcome.changed) > 3 else ""
    return f"changed: {', '.join(shown)}{more}"


def describe(outcome: Outcome) -> tuple[list[str], list[str]]:
    """What a round found and did: (problems, for standard output; summaries, for standard error)."""
    summaries = []
    x = outcome.extracted
    if x is not None and x.stopped:
        summaries.append("extraction stopped: fix the errors above")
    elif x is not None:
        refused = f" ({x.skipped} skipped, listed above)" if x.skipped else ""
        summaries.append(f"extraction: {x.articles} articles read{refused}; events: {len(x.new_events)} new, "
                         f"{len(x.updated_events)} updated; sources: {len(x.new_sources)} new")
    r = outcome.rendered
    if r is not None:
        summaries.append(f"pages: {len(r.written)} written, {r.unchanged} unchanged, "
                         f"{len(r.removed)} removed")
    elif outcome.planned.render:
        summaries.append("not rendered: fix the errors above; the pages stay as they were")
    return [str(p) for p in outcome.problems], summaries


def report(outcome: Outcome) -> None:
    """Print a round's report in the terminal: what changed, the problems, what was done."""
    first = heading(outcome)
    if first:
        print(first, file=sys.stderr, flush=True)
    results, summaries = describe(outcome)
    for line in results:
        print(line, flush=True)
    for line in summaries:
        print(line, file=sys.stderr, flush=True)


# --- serving ------------------------------------------------------------------------------


def port_free(port: int) -> bool:
    """Whether `mkdocs serve` can listen on 127.0.0.1:`port`."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class _Server(LiveReloadServer):
    """MkDocs' development server (it serves the site and reloads the browser after each
    round), told of changes by the operating system's file events instead of polling every
    file, and only of changes to the preview's inputs."""

    def __init__(self, changes: Changes, **kwargs):
        super().__init__(**kwargs)
        self.changes = changes
        self.observer = Observer()  # type: ignore[assignment]

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if path in self._watched_paths or not os.path.exists(path):
            return
        self._watched_paths[path] = 1
        handler = FileSystemEventHandler()
        handler.on_any_event = self._seen  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _seen(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in WRITES:  # not a file opened or read
            return
        found = [event.src_path, getattr(event, "dest_path", "")]
        if any(self.changes.add(Path(os.fsdecode(p)).resolve()) for p in found if p):
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()


def serve(inputs: Inputs, config: Path, port: int = 8000, stop: threading.Event | None = None,
          extract_first: bool = True, site_dir: Path | None = None) -> int:
    """Extract and render once, build the site, then serve it on localhost and bring it up
    to date after every change until stopped (Ctrl-C, `kill`, or `stop` set). Returns 0."""
    stop = stop or threading.Event()
    _stop_on_sigterm(stop)
    inputs = inputs.resolved()
    report(carry_out(Plan(extract=extract_first and inputs.articles.is_dir(), render=True), inputs))
    temporary = site_dir is None
    site_dir = site_dir or Path(tempfile.mkdtemp(prefix="chronology-preview-"))
    url = f"http://127.0.0.1:{port}/"
    site = LiveSite(config, site_dir, url)
    changes = Changes(inputs, config)

    busy = threading.Lock()  # a round, or what it left for later, at a time

    def one_round() -> None:
        with busy:
            paths = changes.take()
            if not paths:
                return
            started = time.monotonic()
            later: list[Callable[[], None]] = []
            outcome = round_for(paths, inputs, site, config, later)
            report(outcome)
            print(f"site: {outcome.built} page{'s' if outcome.built != 1 else ''} built again in "
                  f"{time.monotonic() - started:.2f} s; reloading", file=sys.stderr, flush=True)
        if later:  # the browser reloads now; the downloads, the search index and the memory follow
            busy.acquire()
            threading.Thread(target=finish, args=(later,), daemon=True).start()

    def finish(later: list[Callable[[], None]]) -> None:
        try:
            for task in later:
                task()
        except Exception as e:
            report(Outcome(problems=problems_of(e)))
        finally:
            busy.release()

    try:
        site.build_all()
        server = _Server(changes, builder=one_round, host="127.0.0.1", port=port, root=str(site_dir))
        server.build_delay = SETTLE_SECONDS
        server.error_handler = lambda code: _error_page(site_dir, code)
        for folder in (*inputs.folders().values(), inputs.docs, config.parent):
            server.watch(str(folder), recursive=folder != config.parent)
        def stop_when_asked() -> None:
            stop.wait()
            server.shutdown()

        threading.Thread(target=stop_when_asked, daemon=True).start()
        print(f"watching the records, articles, templates, vocabularies, knowledge base and hand-written pages; "
              f"site on {url} (Ctrl-C stops)", file=sys.stderr, flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            server.shutdown()
    finally:
        if temporary:
            shutil.rmtree(site_dir, ignore_errors=True)
    print("stopped", file=sys.stderr)
    return 0


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def _stop_on_sigterm(stop: threading.Event) -> None:
    """Let `kill PID` stop the preview as Ctrl-C does."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
