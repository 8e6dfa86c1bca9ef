"""Live preview: `python -m builder serve` keeps docs/ in step with its inputs while
`mkdocs serve` shows the site on localhost.

Every half second the watched files are compared with what they were (modification time,
size and inode: no dependency, and an editor's save-by-rename is seen like any other). What
changed decides what is done: an article or a knowledge-base file re-runs extraction, a
template, vocabulary or knowledge-base file drops the copy read earlier, and any change
re-renders the pages. Rendering rewrites only the pages whose text changed, so MkDocs'
own watcher (run with --dirty) rebuilds only those. Records with errors are reported as
`path:line: message` and nothing is rendered: the last good pages stay.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import yaml

from ..extract.articles import SUFFIXES as ARTICLE_SUFFIXES
from ..extract.knowledge import KNOWLEDGE_DIR, KnowledgeError
from ..records import validate, vocab
from ..records.folder import SUFFIXES as RECORD_SUFFIXES
from ..records.problems import Problem, display_path, errors
from ..site import build, render
from ..site.settings import Extra

if TYPE_CHECKING:
    from ..extract.pipeline import ExtractResult

POLL_SECONDS = 0.5
WATCHED = ("record", "article", "knowledge", "template", "vocabulary")

Snapshot = dict[Path, tuple[int, int, int]]


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


def _files(kind: str, folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    found = folder.iterdir() if kind == "article" else folder.rglob("*")
    return (p for p in found if _is_input(kind, p) and p.is_file())


def snapshot(inputs: Inputs) -> Snapshot:
    """The modification time, size and inode of every watched file."""
    out: Snapshot = {}
    for kind, folder in inputs.folders().items():
        for path in _files(kind, folder):
            try:
                st = path.stat()
            except FileNotFoundError:
                continue
            out[path] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return out


def changed_files(before: Snapshot, after: Snapshot) -> list[Path]:
    """The files added, removed or modified between two snapshots."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


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


def carry_out(plan: Plan, inputs: Inputs, after_extraction: Callable[[], None] = lambda: None) -> Outcome:
    """Do what the plan says; never raise, so the preview keeps running whatever the input."""
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
            built = build.render_docs(inputs.records, inputs.docs, site_url=inputs.site_url, extra=inputs.extra)
            outcome.problems += built.problems
            outcome.rendered = built.rendered if built.ok else None
    except Exception as e:
        outcome.problems += problems_of(e)
        outcome.rendered = None
    return outcome


class Watcher:
    """Compares the watched files with the last look, and acts on what changed."""

    def __init__(self, inputs: Inputs):
        self.inputs = inputs
        self.seen = snapshot(inputs)

    def poll(self) -> Outcome | None:
        """One look: None when nothing changed, else what was done about it."""
        now = snapshot(self.inputs)
        paths = changed_files(self.seen, now)
        if not paths:
            return None
        self.seen = now
        kinds = {kind for p in paths if (kind := kind_of(p, self.inputs))}

        def absorb_own_writes() -> None:
            # Records written by extraction are not changes to act on a second time.
            self.seen = snapshot(self.inputs)

        outcome = carry_out(plan_for(kinds), self.inputs, absorb_own_writes)
        outcome.changed = paths
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


def mkdocs_command(config: Path, port: int) -> list[str]:
    """`mkdocs serve` on localhost, rebuilding only the pages that changed."""
    return [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config),
            "--dev-addr", f"127.0.0.1:{port}", "--dirty"]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _stop_on_sigterm(stop: threading.Event) -> None:
    """Let `kill PID` stop the preview as Ctrl-C does, so MkDocs is stopped with it."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())


def serve(inputs: Inputs, config: Path, port: int = 8000, interval: float = POLL_SECONDS,
          stop: threading.Event | None = None, extract_first: bool = True) -> int:
    """Extract and render once, start `mkdocs serve`, then re-render on every change until
    stopped (Ctrl-C, or `stop` set). Returns 0 when stopped, 2 when MkDocs could not serve."""
    stop = stop or threading.Event()
    _stop_on_sigterm(stop)
    report(carry_out(Plan(extract=extract_first and inputs.articles.is_dir(), render=True), inputs))
    watcher = Watcher(inputs)
    proc = subprocess.Popen(mkdocs_command(config, port))
    print(f"watching the records, articles, templates, vocabularies and knowledge base; "
          f"site on http://127.0.0.1:{port}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        while proc.poll() is None and not stop.wait(interval):
            outcome = watcher.poll()
            if outcome is not None:
                report(outcome)
    except KeyboardInterrupt:
        stop.set()
    finally:
        _stop(proc)
    if not stop.is_set():
        print(f"mkdocs serve stopped (exit status {proc.returncode})", file=sys.stderr)
        return 2
    print("stopped", file=sys.stderr)
    return 0
