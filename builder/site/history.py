"""The records' history, read from git at build time: when each record file was first
committed and last changed, with the commits' messages, and the event files since deleted.

One `git log` reads the whole records folder (never one call per file), and one `git status`
the changes not yet committed. Without git, or outside a repository, the history is empty
and says why, so the site can say so instead of giving dates.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SEPARATOR = "\x1e"  # starts each commit in the log's output


@dataclass(frozen=True)
class Change:
    """One commit that touched a record file: its day, what it did to the file (A added,
    M modified, D deleted) and its message's first line."""

    day: date
    status: str
    subject: str


@dataclass
class History:
    """Each record file's commits, newest first, by its path relative to the records folder;
    the files changed since the last commit; and why there is no history, when there is none."""

    changes: dict[str, list[Change]] = field(default_factory=dict)
    uncommitted: set[str] = field(default_factory=set)
    missing: str = ""

    def of(self, rel: str) -> list[Change]:
        """The commits of the file at `rel` (events/<id>.yml), newest first."""
        return self.changes.get(rel, [])

    def first(self, rel: str) -> Change | None:
        """The commit that added the file (its oldest)."""
        found = self.of(rel)
        return found[-1] if found else None

    def last(self, rel: str) -> Change | None:
        """The newest commit that changed the file."""
        found = self.of(rel)
        return found[0] if found else None

    def deleted(self, folder: str) -> list[tuple[str, Change]]:
        """The files of `folder` whose last commit deleted them, newest first: (their path, that commit)."""
        out = [(rel, changes[0]) for rel, changes in self.changes.items()
               if rel.startswith(folder + "/") and changes and changes[0].status == "D"]
        return sorted(out, key=lambda item: (item[1].day, item[0]), reverse=True)

    def fingerprint(self) -> str:
        """What changes when the history does: the newest commit seen and the uncommitted files."""
        newest = max((c[0].day.isoformat() + c[0].subject for c in self.changes.values() if c), default="")
        return f"{len(self.changes)}:{sum(map(len, self.changes.values()))}:{newest}:{sorted(self.uncommitted)}"


def _git(records_dir: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", "-C", str(records_dir), *args], capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=300)
    except (OSError, subprocess.SubprocessError):
        return None


def parse_log(text: str, prefix: str) -> dict[str, list[Change]]:
    """The output of `git log --format=<SEPARATOR>%as%x09%s --name-status` as each file's commits,
    keeping the files under `prefix` (the records folder within the repository), by their
    path relative to it."""
    changes: dict[str, list[Change]] = {}
    for block in text.split(SEPARATOR)[1:]:
        head, _, files = block.partition("\n")
        day_text, _, subject = head.partition("\t")
        try:
            day = date.fromisoformat(day_text.strip())
        except ValueError:
            continue
        for line in files.splitlines():
            status, _, path = line.partition("\t")
            if not path or not path.startswith(prefix):
                continue
            changes.setdefault(path[len(prefix):], []).append(Change(day, status[:1], subject.strip()))
    return changes


def read(records_dir: Path) -> History:
    """The history of the records folder from git, or an empty one saying why there is none."""
    if shutil.which("git") is None:
        return History(missing="git is not installed where the site was built")
    top = _git(records_dir, "rev-parse", "--show-prefix")
    if top is None or top.returncode != 0:
        return History(missing="the records are not in a git repository")
    prefix = top.stdout.strip()
    log = _git(records_dir, "log", f"--format={SEPARATOR}%as\t%s", "--name-status", "--no-renames",
               "--", ".")
    if log is None or log.returncode != 0:
        return History(missing="git could not read the records' history")
    status = _git(records_dir, "status", "--porcelain", "--untracked-files=all", "--", ".")
    uncommitted = set()
    if status is not None and status.returncode == 0:
        # Paths in `git status` are relative to the repository's top.
        for line in status.stdout.splitlines():
            path = line[3:].strip().strip('"')
            if path.startswith(prefix):
                uncommitted.add(path[len(prefix):])
    history = History(parse_log(log.stdout, prefix), uncommitted)
    if not history.changes:
        history.missing = "no record has been committed to the repository yet"
    return history
