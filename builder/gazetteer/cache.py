"""Where the gazetteer's index lives, and its building on first use.

The index is built once per set of package versions (about 20 s, from files already installed)
into the user's cache folder, `$XDG_CACHE_HOME/incident-chronology/` (else
`~/.cache/incident-chronology/`), or the folder `$CHRONOLOGY_CACHE` names, under a name made
of the packages' versions and a digest of the matching rules: every checkout and virtual
environment with the same versions shares it, and a new version or rule builds a new one.
`make` builds it when it installs the environment; a run that finds none builds it first and
says so. `$CHRONOLOGY_GAZETTEER` may name an index file to use instead (the tests' small one).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from . import sources
from .index import FORMAT, Gazetteer, GazetteerError, write_index
from .names import NAMES_FILE

APP = "incident-chronology"


def cache_dir() -> Path:
    """The folder the index is kept in."""
    if os.environ.get("CHRONOLOGY_CACHE"):
        return Path(os.environ["CHRONOLOGY_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP


def index_name(versions: dict[str, str]) -> str:
    """The index's file name: the packages' versions, and a digest of what else shapes it."""
    rules = hashlib.sha256(NAMES_FILE.read_bytes() + f"format {FORMAT}".encode()).hexdigest()[:10]
    packages = "-".join(f"{name}{version}" for name, version in sorted(versions.items()))
    return f"gazetteer-{packages}-{rules}.sqlite"


def index_path() -> Path:
    """Where the index for the installed packages is, or is to be built."""
    override = os.environ.get("CHRONOLOGY_GAZETTEER")
    return Path(override) if override else cache_dir() / index_name(sources.versions())


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold a lock beside `path`, so that two processes starting at once build it once."""
    try:
        import fcntl
    except ImportError:  # Windows: two first runs at once would each build it, harmlessly
        yield
        return
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build(path: Path, say: Callable[[str], None] = lambda line: None) -> int:
    """Build the index at `path` from the installed packages, through a temporary file renamed
    into place (a reader never sees half an index); returns how many places it holds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    versions = sources.versions()
    say(f"building the gazetteer from GeoNames data ({', '.join(f'{k} {v}' for k, v in versions.items())}) "
        f"into {path}: once, about 20 seconds")
    started = time.perf_counter()
    try:
        count = write_index(partial, sources.all_places(), {f"version:{k}": v for k, v in versions.items()})
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    say(f"gazetteer built: {count:,} places in {time.perf_counter() - started:.0f} s, "
        f"{path.stat().st_size / 1e6:.0f} MB")
    return count


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def ensure_index(say: Callable[[str], None] = _to_stderr) -> Path:
    """The index's path, built first when there is none (saying so)."""
    path = index_path()
    if path.exists():
        return path
    if os.environ.get("CHRONOLOGY_GAZETTEER"):
        raise GazetteerError(f"{path}: no such gazetteer index (named by $CHRONOLOGY_GAZETTEER); "
                             "expected a file written by `python -m builder gazetteer build --output`")
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        if not path.exists():  # another process may have built it while this one waited
            build(path, say)
    return path


@cache
def _open(path: Path, process: int) -> Gazetteer:
    return Gazetteer(path)


def open_gazetteer() -> Gazetteer:
    """The gazetteer of this environment, opened once per process (built first if need be):
    a forked worker opens its own, as SQLite asks."""
    return _open(ensure_index(), os.getpid())
