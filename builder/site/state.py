"""The build's memory between runs, so a build redoes only what changed.

It holds what the inputs looked like (each record file's modification and change times,
inode and size, which no edit leaves as they were, even one that sets the modification time
back, and a digest of the code, templates, vocabularies and settings pages are made with),
every record file as parsed and checked, and each generated page's key and file. It lives in
docs/.builder-cache/: MkDocs leaves dot-folders out of the site and git ignores it.
Deleting it only makes the next build a clean one; a cache that does not load is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..files import FileState, file_state, state_of, write_binary
from ..records import limits, schemas, vocab
from ..records.problems import Problem
from ..records.validate import RecordCache
from . import render, urls, words
from .render import PageState

FORMAT = 2  # bumped when what is stored changes shape (2: file states with change time and inode)
PACKAGE = Path(__file__).resolve().parents[1]
EXTRACTION = PACKAGE / "extract"  # its code makes records, not pages


@dataclass
class Outputs:
    """What the last good build left: the inputs it saw and every file it wrote."""

    version: str
    inputs: dict[str, FileState]
    pages: dict[str, PageState] = field(default_factory=dict)
    downloads: dict[str, FileState] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def version(site_url: str | None) -> str:
    """A digest of everything pages are made with besides the records."""
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{FORMAT}\n{site_url}\n".encode())
    made_with = ((PACKAGE, "**/*.py"), (render.TEMPLATE_DIR, "**/*"), (vocab.VOCAB_DIR, "*.yml"),
                 (schemas.SCHEMA_DIR, "*.json"), (words.WORDS_DIR, "**/*"),
                 (limits.LIMITS_FILE.parent, limits.LIMITS_FILE.name))
    for folder, pattern in made_with:
        for path in sorted(folder.glob(pattern)):
            if path.is_file() and not path.is_relative_to(EXTRACTION):
                h.update(path.relative_to(folder).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def input_stats(paths: list[Path]) -> dict[str, FileState]:
    """The state of each regular record file of `paths` (files.state_of: times, inode and
    size), which validation takes instead of asking the file system again."""
    out = {}
    for path in paths:
        name = str(path)
        try:
            st = os.stat(name)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            out[name] = state_of(st)
    return out


def intact(outputs: Outputs, docs_dir: Path) -> bool:
    """Whether every file the last build wrote is still as it left it."""
    docs = str(docs_dir)
    return all(file_state(os.path.join(docs, rel)) == page.stat for rel, page in outputs.pages.items()) and \
        all(file_state(os.path.join(docs, rel)) == stat for rel, stat in outputs.downloads.items())


# What this process last saved or loaded, by file, with the file's state then: a process that
# builds again (the live preview) takes it from memory while the file is as it left it.
_KEPT: dict[Path, tuple[object, tuple]] = {}


def _load(path: Path):
    kept = _KEPT.get(path)
    if kept is not None and kept[0] == file_state(path):
        return kept[1]
    try:
        with open(path, "rb") as f:
            found = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == FORMAT):
        return None
    _KEPT[path] = (file_state(path), found)
    return found


def _save(path: Path, value) -> None:
    def dump(f: IO[bytes]) -> None:
        pickler = pickle.Pickler(f, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True  # no memo of every object written: records share nothing and hold no cycles
        pickler.dump((FORMAT, value))

    write_binary(path, dump)
    _KEPT[path] = (file_state(path), (FORMAT, value))


def load_outputs(docs_dir: Path) -> Outputs | None:
    found = _load(docs_dir / urls.CACHE_DIR / "outputs.pickle")
    return found[1] if found and isinstance(found[1], Outputs) else None


def save_outputs(docs_dir: Path, outputs: Outputs) -> None:
    _save(docs_dir / urls.CACHE_DIR / "outputs.pickle", outputs)


def load_records(docs_dir: Path, made_with: str) -> RecordCache:
    """The record files as last parsed and checked with the same code, schemas and
    vocabularies (empty when there is no such cache)."""
    found = _load(docs_dir / urls.CACHE_DIR / "records.pickle")
    if not found or not isinstance(found[1], tuple) or found[1][0] != made_with:
        return {}
    return found[1][1]


def save_records(docs_dir: Path, made_with: str, cache: RecordCache) -> None:
    _save(docs_dir / urls.CACHE_DIR / "records.pickle", (made_with, cache))
