"""The records folder: one YAML file per record under events/, actors/, locations/, sources/."""

from __future__ import annotations

import hashlib
import io
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ruamel.yaml import YAML

from ..errors import BuilderError
from ..files import read_bytes, regular_file
from .model import RECORD_KINDS, Actor, Event, Location, Source
from .problems import Problem, display_path
from .schemas import KIND_FILES, SCHEMA_DIR
from .yamlio import Document, YamlError, dump, parse

KINDS = tuple(RECORD_KINDS)
SUFFIXES = (".yml", ".yaml")


@dataclass
class RecordFile:
    """A record file as read from disk: its kind, path, parsed document and a digest of its
    text (what a page made from it depends on). A file taken from the build's cache is parsed
    again only if a problem needs its line numbers."""

    kind: str
    path: Path
    parsed: Document | None = None
    digest: str = ""

    @property
    def display(self) -> str:
        return display_path(self.path)

    @property
    def doc(self) -> Document:
        if self.parsed is None:
            self.parsed = parse(as_text(read_bytes(self.path, "a record file")))
        return self.parsed

    def without_document(self) -> RecordFile:
        """A copy to keep between builds: the document can always be read again."""
        return RecordFile(self.kind, self.path, None, self.digest)


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


@dataclass
class Chronology:
    """All the records of a chronology, by kind and id, with the file each came from."""

    events: dict[str, Event] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    files: dict[tuple[str, str], RecordFile] = field(default_factory=dict)

    def of_kind(self, kind: str) -> dict:
        return getattr(self, kind)

    def add(self, kind: str, record, origin: RecordFile | None = None) -> None:
        self.of_kind(kind)[record.id] = record
        if origin is not None:
            self.files[(kind, record.id)] = origin

    def article_name(self, source_id: str) -> str:
        """A source's article file name without its extension (what SPEC.md calls `article`),
        else the source's id."""
        source = self.sources.get(source_id)
        return Path(source.path).stem if source and source.path else source_id

    def without_drafts(self) -> Chronology:
        """The chronology with its draft events left out, and relations to them dropped: what
        a site of reviewed events only publishes. Records are shared, not copied, but for the
        events whose relations change."""
        kept = {i: e for i, e in self.events.items() if e.status != "draft"}
        for i, e in kept.items():
            if any(r.event not in kept for r in e.relations):
                kept[i] = replace(e, relations=[r for r in e.relations if r.event in kept])
        return Chronology(kept, self.actors, self.locations, self.sources, self.files)

    def published_events(self) -> list[Event]:
        """Events the site shows (all but rejected ones), in chronological order."""
        return sorted((e for e in self.events.values() if e.status != "rejected"),
                      key=lambda e: e.sort_key)


def record_path(records_dir: Path, kind: str, record_id: str) -> Path:
    return records_dir / kind / f"{record_id}.yml"


class RecordsFolderError(BuilderError):
    """The records folder is not laid out as one: a kind's folder is a file, or a folder
    stands where a record file should."""


def record_paths(records_dir: Path) -> list[Path]:
    """Every YAML file under the records folder, in a stable order (hidden ones left out).
    RecordsFolderError when a kind's folder (events/...) is not a folder, or a folder is
    named like a record file: reading on would find no records there and say all is well."""
    if not records_dir.is_dir():
        return []
    for kind in KINDS:
        kind_dir = records_dir / kind
        if os.path.lexists(kind_dir) and not kind_dir.is_dir():
            raise RecordsFolderError(f"{display_path(kind_dir)}: is not a folder; expected the folder of "
                                     f"the {kind} records (move the file out of the way)")
    out = []
    for folder, dirs, names in os.walk(records_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for d in dirs:
            if d.endswith(SUFFIXES):
                raise RecordsFolderError(f"{display_path(os.path.join(folder, d))}: is a folder where a "
                                         "record file should be; expected a YAML file (rename or remove it)")
        out += [os.path.join(folder, n) for n in names if n.endswith(SUFFIXES) and not n.startswith(".")]
    return [Path(p) for p in sorted(out)]


def record_stat(path: Path) -> os.stat_result:
    """The status of a record file, which must be a regular file (files.NotAFile otherwise)."""
    return regular_file(path, "a record file")


def kind_of(records_dir: Path, path: Path) -> str | None:
    """The record kind a file's folder gives it, or None when it is not in a kind's folder."""
    kind = path.parent.name if path.parent.parent == records_dir else None
    return kind if kind in KINDS else None


def misplaced(path: Path) -> Problem:
    return Problem(display_path(path), None, f"not a record folder; expected the file under one of "
                                             f"{', '.join(k + '/' for k in KINDS)}", "warning")


def read_file(kind: str, path: Path) -> tuple[RecordFile | None, list[Problem]]:
    """Parse one record file; YAML that does not parse, or text that is not UTF-8, is a problem."""
    try:
        text = as_text(read_bytes(path, "a record file"))
    except UnicodeDecodeError as e:
        line, column = _line_and_column(e.object, e.start)
        return None, [Problem(display_path(path), line,
                              f"not UTF-8 text ({e.reason}, column {column}); save it as UTF-8")]
    try:
        return RecordFile(kind, path, parse(text), digest(text)), []
    except YamlError as e:
        return None, [Problem(display_path(path), e.line, e.message)]


def as_text(data: bytes) -> str:
    """A record file's text as validation reads it: no byte-order mark, \\n line ends (a
    RecordFile's digest is of this text)."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """The line and column (in bytes, from 1) of a byte of a file."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - start + 1


def schema_header(path: Path, kind: str) -> str:
    """The first line of a record file, pointing the maintainer's editor at its schema."""
    schema = Path(os.path.relpath(SCHEMA_DIR / KIND_FILES[kind], path.parent)).as_posix()
    return f"# yaml-language-server: $schema={schema}\n"


def record_text(path: Path, kind: str, record) -> str:
    return dump(record.to_dict(), header=schema_header(path, kind))


class EditConflict(BuilderError):
    """An update would replace a value a maintainer set; updates only add and fill."""


def _round_trip() -> YAML:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 10_000
    yaml.preserve_quotes = True
    return yaml


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


# Comment lines and directives closed by a document start line ("# notes" then "---"):
# ruamel.yaml drops them, so they are set aside and put back.
_PREAMBLE = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n|%[^\n]*\n)*---[ \t]*\n")


@dataclass(frozen=True)
class Layout:
    """How a maintainer's file is laid out beyond its YAML: a byte-order mark, Windows line
    ends, and what comes before the document start line. An update keeps them."""

    bom: bool
    crlf: bool
    preamble: str

    @classmethod
    def split(cls, text: str) -> tuple[Layout, str]:
        """The layout of a file's text, and its YAML body with \\n line ends."""
        bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")
        found = _PREAMBLE.match(text)
        preamble = found[0] if found else ""
        return cls(bom, crlf, preamble), text[len(preamble):]

    def join(self, body: str) -> str:
        text = self.preamble + body
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return "\ufeff" + text if self.bom else text


def updated_text(text: str, before: dict, after: dict, where: str, keep_set: bool = False) -> str:
    """A record file's `text` with what `after` adds to `before` written into it: new list
    items (a source, a relation) and values for empty fields. The maintainer's comments, key
    order, quoting, layout (Layout) are kept; a value they set is never replaced: EditConflict,
    or, with `keep_set` (the file changed since `before` was read from it), the value stays."""
    layout, body = Layout.split(text)
    yaml = _round_trip()
    doc = yaml.load(body)
    order = list(after)
    for key, value in after.items():
        old = before.get(key)
        if old == value:
            continue
        if key not in doc:
            earlier = [k for k in order[:order.index(key)] if k in doc]
            doc.insert(list(doc).index(earlier[-1]) + 1 if earlier else len(doc), key, value)
        elif isinstance(value, list) and isinstance(old, list) and value[:len(old)] == old \
                and isinstance(doc[key], list):
            for item in value[len(old):]:
                if item not in doc[key]:
                    doc[key].append(item)
        elif _empty(doc[key]):
            doc[key] = value
        elif doc[key] != value and not keep_set:
            raise EditConflict(f"{where}: '{key}' was set by hand; not replaced")
    out = io.StringIO()
    yaml.dump(doc, out)
    return layout.join(out.getvalue())
