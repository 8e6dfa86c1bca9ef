"""What a run writes into the records folder, written as one batch: the next command sees all
of it or none of it, and a maintainer's save made meanwhile is never overwritten.

A run holds the folder's lock (lock.py) from the moment it reads the records to the moment
its batch is in place, so two runs never merge into the same records at once, and commands
that only read (`build`, `validate`, `review`, `export`) wait for it. Its files are first
written into `records/.builder-batch/` (staged); then the list of them, the commit, is
written there; only then does each take its place by a rename, sources, actors and
locations before the events that name them. A run killed before the commit leaves the
records as they were; one killed after it leaves a batch that the next command completes
before it reads anything, removing the temporary files a killed write left.

A file takes its place only if it is still the one the run read. A record a maintainer saved
while the run went on is read again and the run's additions go in around their values (or
not at all when it is no longer a draft); one saved after its batch was staged is left as it
is, with a warning, for the next run to merge into.

For the tests that kill a run part-way, the environment variable BUILDER_KILL_AFTER_FILES=k
makes a run kill itself (SIGKILL) after the k-th file it writes or moves in its batch.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..files import check_inside, move_into, read_bytes, remove_leftovers, sync_folder, write_atomic
from .folder import KINDS, Chronology, as_text, digest, record_path, record_text, updated_text
from .lock import FolderLock
from .problems import Problem, display_path
from .validate import load
from .yamlio import YamlError, parse

BATCH_DIR = ".builder-batch"
COMMIT_FILE = "commit.json"
KILL_AFTER = "BUILDER_KILL_AFTER_FILES"
ORDER = ("sources", "actors", "locations", "events")  # what is named before what names it


def _bytes_of(path: Path) -> bytes | None:
    """A record file's bytes, None when there is no file."""
    try:
        return read_bytes(path, "a record file")
    except FileNotFoundError:
        return None


def _bytes_digest(path: Path) -> str | None:
    """A digest of a file's bytes, None when there is no file."""
    raw = _bytes_of(path)
    return hashlib.blake2b(raw, digest_size=16).hexdigest() if raw is not None else None


@dataclass
class Staged:
    """A file of the batch: its text, and the digest of the file it replaces (None: it must
    not be there)."""

    kind: str
    name: str
    base: str | None
    text: str


@dataclass
class Batch:
    """The records a run writes, staged in memory until `commit`."""

    records_dir: Path
    problems: list[Problem] = field(default_factory=list)  # warnings for the run to report
    read: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> digest read
    staged: dict[Path, Staged] = field(default_factory=dict)
    _steps: int = 0
    _kill_after: int = field(default_factory=lambda: int(os.environ.get(KILL_AFTER) or 0))

    def load(self, today: date) -> tuple[Chronology, list[Problem]]:
        """The records as validation reads them (none for a folder not made yet), remembering
        the text of each file read; the problems include what completing a killed run's
        batch met."""
        chron, problems = load(self.records_dir, today) if self.records_dir.exists() else (Chronology(), [])
        self.read = {key: rf.digest for key, rf in chron.files.items()}
        recovered, self.problems = self.problems, []
        return chron, [*recovered, *problems]

    def _current(self, path: Path) -> bytes | None:
        staged = self.staged.get(path)
        if staged is not None:
            return staged.text.encode("utf-8")
        return _bytes_of(path)

    def _base(self, path: Path, raw: bytes | None) -> str | None:
        staged = self.staged.get(path)
        if staged is not None:
            return staged.base
        return hashlib.blake2b(raw, digest_size=16).hexdigest() if raw is not None else None

    def _warn(self, path: Path, message: str) -> None:
        self.problems.append(Problem(display_path(path), None, message, "warning"))

    def save(self, kind: str, record) -> bool:
        """Stage a new record's file; returns whether it is new. A file that appeared
        since the run read the records (a maintainer's) is left as it is, with a warning."""
        path = record_path(self.records_dir, kind, record.id)
        text = record_text(path, kind, record)
        raw = self._current(path)
        if raw is not None:
            if raw != text.encode("utf-8"):
                self._warn(path, "was made while the extraction ran; left as it is (run extract again "
                                 "to merge into it)")
            return False
        self.staged[path] = Staged(kind, path.name, None, text)
        return True

    def update(self, kind: str, before, after) -> bool:
        """Stage what `after` adds to the record `before` was read as (folder.updated_text);
        returns whether the file changes. A file changed since the run read it is read
        again: the additions go in around the maintainer's values, and not at all when it is
        no longer a draft or does not parse."""
        path = record_path(self.records_dir, kind, after.id)
        raw = self._current(path)
        if raw is None:
            self._warn(path, "was removed while the extraction ran; not written again until the next run")
            return False
        base = self._base(path, raw)
        try:
            text = raw.decode("utf-8")
            changed = path not in self.staged and digest(as_text(raw)) != self.read.get((kind, after.id))
            if changed:
                data = parse(as_text(raw)).data
                if not isinstance(data, dict) or (data.get("status") or "draft") != "draft":
                    self._warn(path, "was changed while the extraction ran and is no longer a draft; "
                                     "left as it is")
                    return False
        except (UnicodeDecodeError, YamlError):
            self._warn(path, "was changed while the extraction ran and no longer reads as a record; "
                             "left as it is (fix it, then run extract again)")
            return False
        new = updated_text(text, before.to_dict(), after.to_dict(), display_path(path), keep_set=changed)
        if new == text:
            return False
        self.staged[path] = Staged(kind, path.name, base, new)
        return True

    def _step(self) -> None:
        self._steps += 1
        if self._kill_after and self._steps >= self._kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    def commit(self) -> list[Problem]:
        """Write the batch: stage every file, write the commit, move each file into place.
        Returns the warnings of the run (files left as a maintainer saved them)."""
        if not self.staged:
            return self.problems
        folder = self.records_dir / BATCH_DIR
        for kind in {st.kind for st in self.staged.values()}:
            check_inside(self.records_dir, self.records_dir / kind)
        shutil.rmtree(folder, ignore_errors=True)
        entries: list[dict] = []
        for st in sorted(self.staged.values(), key=lambda st: (ORDER.index(st.kind), st.name)):
            write_atomic(folder / st.kind / st.name, st.text)
            self._step()
            entries.append({"kind": st.kind, "name": st.name, "base": st.base})
        for kind in {e["kind"] for e in entries}:
            sync_folder(folder / kind)
        write_atomic(folder / COMMIT_FILE, json.dumps(entries, indent=0) + "\n")
        sync_folder(folder)
        self._step()
        self.staged.clear()
        return self.problems + _apply(self.records_dir, entries, self._step)


def _apply(records_dir: Path, entries: list[dict], step: Callable[[], None]) -> list[Problem]:
    """Move each staged file of a committed batch into place, unless the file it replaces
    changed since it was staged; then remove the batch."""
    folder = records_dir / BATCH_DIR
    problems = []
    for kind in {e["kind"] for e in entries}:
        check_inside(records_dir, records_dir / kind)
    for entry in entries:
        staged = folder / entry["kind"] / entry["name"]
        if not staged.exists():
            continue  # moved before the run was stopped
        target = records_dir / entry["kind"] / entry["name"]
        if _bytes_digest(target) != entry["base"]:
            problems.append(Problem(display_path(target), None, "was changed while the extraction wrote "
                                    "it; left as it is (run extract again to merge into it)", "warning"))
            staged.unlink()
            continue
        move_into(staged, target)
        step()
    for kind in {e["kind"] for e in entries}:
        sync_folder(records_dir / kind)
    (folder / COMMIT_FILE).unlink()
    shutil.rmtree(folder)
    return problems


def recover(records_dir: Path) -> list[Problem]:
    """Complete the batch a killed run committed, throw away one it had not, and remove the
    temporary files of interrupted writes. Only a holder of the folder's lock as a writer
    may. Returns a warning saying what was done, if anything was."""
    folder = records_dir / BATCH_DIR
    problems: list[Problem] = []
    entries = None
    with contextlib.suppress(FileNotFoundError, ValueError):
        entries = json.loads((folder / COMMIT_FILE).read_text(encoding="utf-8"))
    if isinstance(entries, list):
        problems.append(Problem(display_path(records_dir), None, "an interrupted extraction had written "
                                f"{len(entries)} file(s); they are now in place", "warning"))
        problems += _apply(records_dir, entries, lambda: None)
    elif folder.exists():
        shutil.rmtree(folder)
    for kind in KINDS:
        remove_leftovers(records_dir / kind)
    remove_leftovers(records_dir)
    return problems


@contextlib.contextmanager
def writing(records_dir: Path) -> Iterator[Batch]:
    """Hold the records folder's lock as its one writer, completing a killed run's batch
    first, and give the batch to write into (commit it before leaving)."""
    with FolderLock(records_dir, exclusive=True):
        yield Batch(records_dir, problems=recover(records_dir))


@contextlib.contextmanager
def reading(records_dir: Path) -> Iterator[list[Problem]]:
    """Hold the records folder's lock as a reader (no run writes meanwhile); a batch a
    killed run left is completed first. Gives what completing it met."""
    with FolderLock(records_dir, exclusive=False) as lock:
        done: list[Problem] = []
        if (records_dir / BATCH_DIR).exists():
            lock.take(exclusive=True)
            done = recover(records_dir)
            lock.take(exclusive=False)
        yield done
