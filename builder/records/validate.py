"""Validation: every record against its schema, then every cross-reference between records.

Each problem names the file and line it was made at and says what was expected, so a
maintainer can fix it without reading code. A chronology with errors is never rendered.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import fastjsonschema
import jsonschema

from .. import cores
from ..files import FileState, state_of
from .folder import Chronology, RecordFile, kind_of, misplaced, read_file, record_paths, record_stat
from .limits import check_values
from .model import (
    MAX_ID_CHARS,
    RECORD_KINDS,
    RESERVED_IDS,
    DateSpan,
    Event,
    Record,
    Toll,
    is_web_url,
    slugify,
)
from .places import parent_cycles
from .problems import Problem
from .schemas import schemas

_TYPE_WORDS = {"integer": "a whole number", "number": "a number", "string": "text",
               "array": "a list", "object": "a mapping of keys to values",
               "boolean": "true or false", "null": "null"}


@cache
def _validators() -> dict[str, jsonschema.Draft202012Validator]:
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return {kind: jsonschema.Draft202012Validator(schema, format_checker=checker)
            for kind, schema in schemas().items()}


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def _fast_checks() -> dict[str, Callable[[object], object]]:
    """The schemas compiled to Python, to tell a valid record from an invalid one quickly;
    jsonschema then explains what is wrong with an invalid one. The schemas use only
    keywords draft-07 has, which is what fastjsonschema compiles."""
    draft7 = "http://json-schema.org/draft-07/schema#"
    return {kind: fastjsonschema.compile({**schema, "$schema": draft7}, formats={"date": _is_date})
            for kind, schema in schemas().items()}


def schema_valid(kind: str, data) -> bool:
    """Whether `data` passes the schema of its kind (what `check_schema` would find nothing in)."""
    try:
        _fast_checks()[kind](data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _where(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the record"


SUGGEST_AMONG = 2000  # ids: beyond this, only those that share the word's first letters


def _suggest(word: object, choices) -> str:
    """"; did you mean 'x'?" for the closest of `choices`, or nothing. Among many ids, only
    those starting like the word are compared: a folder of broken references to a large
    chronology would otherwise take minutes."""
    word = str(word)
    if len(choices) > SUGGEST_AMONG:
        choices = [c for c in choices if c[:3] == word[:3]][:SUGGEST_AMONG]
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _list(values) -> str:
    values = [str(v) for v in values]
    return ", ".join(values) if len(values) <= 12 else ", ".join(values[:12]) + ", ..."


def _explain(error: jsonschema.ValidationError) -> list[tuple[tuple, str]]:
    """(path, message) pairs a maintainer can act on, for one schema error."""
    path = tuple(error.absolute_path)
    where = _where(path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "additionalProperties":
        allowed = schema.get("properties", {})
        extra = [k for k in (error.instance if isinstance(error.instance, dict) else {}) if k not in allowed]
        return [((*path, k), f"unknown key '{k}' in {where}{_suggest(k, allowed)} "
                              f"(expected keys: {_list(allowed)})") for k in extra]
    if kind == "required":
        missing = error.message.split("'")[1]
        return [(path, f"missing key '{missing}' in {where}")]
    if kind == "enum":
        expected = _list(error.validator_value)
        hint = _suggest(error.instance, error.validator_value)
        if "allOf" in error.absolute_schema_path:
            return [(path, f"'{error.instance}' is not a sub-event type of the event type "
                           f"given{hint}; expected one of: {expected}")]
        return [(path, f"'{error.instance}' is not a valid {path[-1] if path else 'value'}"
                       f"{hint}; expected one of: {expected}")]
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in wanted)
        return [(path, f"{where} must be {words}, not {error.instance!r}")]
    if kind == "format":
        return [(path, f"{where}: '{error.instance}' is not a date that exists; expected YYYY-MM-DD")]
    if kind == "pattern":
        if path and path[-1] == "country":
            return [(path, f"{where}: '{error.instance}' is not a country code; expected two "
                           "capital letters such as IQ")]
        return [(path, f"{where}: '{error.instance}' is not a valid id; expected lower-case "
                       "letters, digits and single hyphens, such as camp-taji")]
    if kind == "minimum" or kind == "maximum":
        bound = "at least" if kind == "minimum" else "at most"
        return [(path, f"{where} must be {bound} {error.validator_value}, not {error.instance}")]
    if kind == "minItems":
        return [(path, f"{where} must list at least {error.validator_value} item")]
    if kind == "minLength":
        return [(path, f"{where} must not be empty")]
    if kind in ("anyOf", "oneOf"):
        specific = [c for c in error.context if c.validator != "type"]
        if specific:
            return _explain(specific[0])
        kinds = [c.validator_value for c in error.context]
        flat = [t for k in kinds for t in (k if isinstance(k, list) else [k])]
        words = " or ".join(dict.fromkeys(_TYPE_WORDS.get(str(t), str(t)) for t in flat))
        return [(path, f"{where} must be {words}, not {error.instance!r}")]
    return [(path, f"{where}: {error.message}")]


def check_schema(rf: RecordFile) -> list[Problem]:
    """Problems with one record file's shape: its schema, and keys given twice."""
    problems = [Problem(rf.display, line, f"key '{path[-1]}' is given twice; keep one")
                for path, line in rf.doc.duplicate_keys]
    if not isinstance(rf.doc.data, dict):
        return [*problems, Problem(rf.display, 1, "a record must be a mapping of keys to values")]
    if schema_valid(rf.kind, rf.doc.data):
        return problems
    for error in _validators()[rf.kind].iter_errors(rf.doc.data):
        for path, message in _explain(error):
            problems.append(Problem(rf.display, rf.doc.line_of(path), message))
    return problems


def _check_span(span: DateSpan, today: date) -> list[tuple[tuple, str]]:
    problems = []
    if span.end < span.start:
        problems.append((("date", "end"), f"date.end {span.end} is before date.start {span.start}"))
    if span.start > today:
        problems.append((("date", "start"), f"date.start {span.start} is in the future"))
    elif span.end > today:
        problems.append((("date", "end"), f"date.end {span.end} is in the future"))
    expected = {
        "day": DateSpan.day(span.start),
        "month": DateSpan.month(span.start.year, span.start.month),
        "year": DateSpan.year(span.start.year),
    }.get(span.precision)
    if expected and (expected.start, expected.end) != (span.start, span.end):
        problems.append((("date", "precision"),
                         f"precision '{span.precision}' expects the span {expected.start} to "
                         f"{expected.end}; use precision 'range' for any other span"))
    return problems


def _check_toll(name: str, toll: Toll | None) -> list[tuple[tuple, str]]:
    if toll and not toll.low <= toll.best <= toll.high:
        return [((name,), f"{name}: expected low <= best <= high, got {toll.low}, {toll.best}, {toll.high}")]
    return []


def check_record(rf: RecordFile, record, today: date) -> list[Problem]:
    """Problems within one schema-valid record: its id, address, dates and tolls."""
    found: list[tuple[tuple, str]] = []
    if record.id != rf.path.stem:
        found.append((("id",), f"id '{record.id}' does not match the file name '{rf.path.name}'; "
                               f"rename the file to {record.id}.yml or change the id"))
    if record.id in RESERVED_IDS or len(record.id) > MAX_ID_CHARS:
        found.append((("id",), f"id '{record.id[:MAX_ID_CHARS]}' cannot name a page: it is reserved "
                               f"(the list page is index) or over {MAX_ID_CHARS} characters; "
                               f"choose another, such as {slugify(record.id)}"))
    if getattr(record, "url", "") and not is_web_url(record.url):
        found.append((("url",), f"url '{record.url[:200]}' is not a web address; expected one "
                                "starting http:// or https:// with a host name and no user name or "
                                "password, with spaces, quotes, < > | { } percent-encoded, or no url"))
    if isinstance(record, Event):
        found += _check_span(record.date, today)
        found += _check_toll("fatalities", record.fatalities)
        found += _check_toll("injured", record.injured)
    elif getattr(record, "published", None) and record.published > today:
        found.append((("published",), f"published date {record.published} is in the future"))
    return [Problem(rf.display, rf.doc.line_of(path), message) for path, message in found]


def check_references(chron: Chronology, broken: frozenset[tuple[str, str]] = frozenset()) -> list[Problem]:
    """Problems between records: references to records that do not exist, parent cycles.

    `broken` holds the (kind, id) of records that exist but failed their own checks: a
    reference to one of them is not reported a second time.
    """
    problems: list[Problem] = []

    def report(kind: str, record_id: str, path: tuple, message: str) -> None:
        rf = chron.files.get((kind, record_id))
        where, line = (rf.display, rf.doc.line_of(path)) if rf else (f"{kind}/{record_id}", None)
        problems.append(Problem(where, line, message))

    def check_ref(kind: str, record_id: str, path: tuple, target_kind: str, ref: str) -> None:
        known = chron.of_kind(target_kind)
        if ref not in known and (target_kind, ref) not in broken:
            noun = target_kind.removesuffix("s")
            report(kind, record_id, path, f"unknown {noun} '{ref}'{_suggest(ref, known)}")

    for ev in chron.events.values():
        if ev.location:
            check_ref("events", ev.id, ("location",), "locations", ev.location)
        for i, role in enumerate(ev.actors):
            check_ref("events", ev.id, ("actors", i, "actor"), "actors", role.actor)
            for j, blamer in enumerate(role.blamed_by):
                check_ref("events", ev.id, ("actors", i, "blamed_by", j), "actors", blamer)
        for i, rel in enumerate(ev.relations):
            if rel.event == ev.id:
                report("events", ev.id, ("relations", i, "event"), "an event cannot relate to itself")
            else:
                check_ref("events", ev.id, ("relations", i, "event"), "events", rel.event)
        for i, src in enumerate(ev.sources):
            check_ref("events", ev.id, ("sources", i, "article"), "sources", src.article)
    for actor in chron.actors.values():
        for i, aff in enumerate(actor.affiliations):
            if aff.actor == actor.id:
                report("actors", actor.id, ("affiliations", i, "actor"),
                       "an actor cannot be affiliated with itself")
            else:
                check_ref("actors", actor.id, ("affiliations", i, "actor"), "actors", aff.actor)
    for loc in chron.locations.values():
        if loc.parent:
            check_ref("locations", loc.id, ("parent",), "locations", loc.parent)
    for cycle in parent_cycles(chron.locations):
        report("locations", cycle[0], ("parent",), f"parent cycle: {' -> '.join(cycle)}")
    return problems


@dataclass
class CheckedFile:
    """One record file's own checks (parse and schema), kept between builds while the file
    is unchanged: its state (files.state_of), the file, its problems, and the record when
    the file holds a valid one (else the id it claims)."""

    stat: FileState
    file: RecordFile | None
    problems: list[Problem]
    record: Record | None
    claimed_id: str


RecordCache = dict[str, CheckedFile]
PARALLEL_FROM = 2000  # files: below this, starting worker processes costs more than it saves


def check_file(kind: str, path: Path, stat: FileState) -> CheckedFile:
    """Parse one record file and check it against its schema."""
    rf, problems = read_file(kind, path)
    if rf is None:
        return CheckedFile(stat, None, problems, None, path.stem)
    found = check_schema(rf)
    found += check_values(rf, kind, schema_valid=not found)
    data = rf.doc.data if isinstance(rf.doc.data, dict) else {}
    record = None if found else RECORD_KINDS[kind].from_dict(data)
    return CheckedFile(stat, rf.without_document(), problems + found, record, str(data.get("id") or path.stem))


def _check_files(todo: list[tuple[str, Path, FileState]]) -> list[CheckedFile]:
    """Check files, on every core when there are many."""
    jobs = cores.workers(len(todo), PARALLEL_FROM)
    if jobs < 2:
        return [check_file(*args) for args in todo]
    with ProcessPoolExecutor(jobs, mp_context=cores.fork_context()) as pool:
        return list(pool.map(check_file, *zip(*todo, strict=True), chunksize=256))


def _checked(records_dir: Path, cache: RecordCache | None, paths: list[Path] | None,
             states: dict[str, FileState] | None) -> tuple[list[tuple[str, CheckedFile]], list[Problem]]:
    """Every record file with its own checks: from the cache when unchanged, else done now.
    The cache is left holding exactly the files found."""
    listed: list[tuple[str, Path, CheckedFile | None]] = []
    problems, todo = [], []
    kinds: dict[str, str | None] = {}  # by folder: a chronology has a few
    for path in record_paths(records_dir) if paths is None else paths:
        name = str(path)
        folder = os.path.dirname(name)
        if folder not in kinds:
            kinds[folder] = kind_of(records_dir, path)
        kind = kinds[folder]
        if kind is None:
            problems.append(misplaced(path))
            continue
        stat = states.get(name) if states is not None else None
        if stat is None:
            stat = state_of(record_stat(path))
        entry = cache.get(name) if cache is not None else None
        if entry is None or entry.stat != stat:
            entry = None
            todo.append((kind, path, stat))
        listed.append((kind, path, entry))
    fresh = iter(_check_files(todo))
    found = [(kind, path, entry or next(fresh)) for kind, path, entry in listed]
    if cache is not None:
        cache.clear()
        cache.update((str(path), entry) for _, path, entry in found)
    return [(kind, entry) for kind, _, entry in found], problems


def load(records_dir: Path, today: date | None = None, cache: RecordCache | None = None,
         paths: list[Path] | None = None,
         states: dict[str, FileState] | None = None) -> tuple[Chronology, list[Problem]]:
    """Read and check every record: the chronology of the valid ones, and every problem found.
    With a `cache` (kept by the build between runs), only files that changed are read again;
    `paths` are the record files when the caller has just listed them (folder.record_paths),
    and `states` the state of each regular one by path (state.input_stats), when known."""
    today = today or date.today()
    checked, problems = _checked(records_dir, cache, paths, states)
    broken: set[tuple[str, str]] = set()
    valid: dict[tuple[str, str], list[tuple[RecordFile, Record]]] = {}
    for kind, entry in checked:
        problems += entry.problems
        if entry.file is None:
            continue
        if entry.record is None:
            broken.add((kind, entry.claimed_id))
            continue
        valid.setdefault((kind, entry.record.id), []).append((entry.file, entry.record))
    chron = Chronology()
    for (kind, record_id), claims in valid.items():
        # The file named after the id owns it; any other file with that id is a duplicate.
        claims.sort(key=lambda c: (c[0].path.stem != record_id, str(c[0].path)))
        (rf, record), others = claims[0], claims[1:]
        for other, _ in others:
            problems.append(Problem(other.display, other.doc.line_of(("id",)),
                                    f"duplicate id '{record_id}': already the id of {rf.display}; "
                                    "give this record an id of its own and name the file after it"))
        found = check_record(rf, record, today)
        problems += found
        if found:
            broken.add((kind, record_id))
        else:
            chron.add(kind, record, rf)
    problems += check_references(chron, frozenset(broken))
    return chron, sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
