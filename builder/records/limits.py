"""The values a record may hold beyond its schema: no control character in its text, no
blank name, no entry of a list given twice, no toll or count past the limits of limits.yml.

The schema says what shape a record has; these say its values are sane. A record that
passes its schema can still hold a toll of 10^30, a weapon with no name, the same source
twice (two extractions that ran at once wrote that), or a control character that no feed
can carry; each is reported at its line with what was expected.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

import yaml

from ..errors import BuilderError
from .folder import RecordFile
from .problems import Problem
from .yamlio import load_plain

LIMITS_FILE = Path(__file__).parent / "limits.yml"

# Characters no page or feed can show: controls but tab and line feed, DEL and the C1
# controls, lone surrogates, the non-characters U+FDD0-U+FDEF and U+xFFFE, U+xFFFF.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                     "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")

# What makes two entries of a list one: the same source cited twice is one source, even
# with other quotes (kind, list) -> the keys of an entry that name it.
_SAME = {
    ("events", "sources"): ("article",),
    ("events", "actors"): ("actor", "role"),
    ("events", "weapons"): ("name",),
    ("events", "relations"): ("type", "event"),
    ("actors", "affiliations"): ("actor", "relation"),
}
# Text that must say something: (kind, path with "*" for any list index).
_NOT_BLANK = {
    ("events", ("title",)), ("events", ("weapons", "*", "name")), ("sources", ("title",)),
    ("actors", ("name",)), ("locations", ("name",)),
}
_TOLLS = ("fatalities", "injured")


class LimitsError(BuilderError):
    """limits.yml cannot be read or holds a value that is not a whole number above zero."""


@dataclass(frozen=True)
class Limits:
    """The limits of limits.yml."""

    max_toll: int
    max_weapon_count: int
    max_list_items: int


@cache
def limits() -> Limits:
    """The limits of limits.yml, each checked to be a whole number above zero."""
    try:
        data = load_plain(LIMITS_FILE) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise LimitsError(f"{LIMITS_FILE}: cannot be read ({e}); expected the limits of record values") from None
    values = {}
    for f in fields(Limits):
        value = data.get(f.name) if isinstance(data, dict) else None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise LimitsError(f"{LIMITS_FILE}: {f.name} is {value!r}, expected a whole number above zero")
        values[f.name] = value
    return Limits(**values)


def _walk(value) -> list[tuple[tuple, object]]:
    """Every value within `value`, with its path (keys and list indexes), in document order."""
    out: list[tuple[tuple, object]] = []
    stack: list[tuple[tuple, object]] = [((), value)]
    while stack:
        path, item = stack.pop()
        out.append((path, item))
        if isinstance(item, dict):
            stack.extend(((*path, key), inner) for key, inner in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*path, i), inner) for i, inner in reversed(list(enumerate(item))))
    return out


def _where(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the record"


_CONTROL_NAMES = {"\x00": "NUL", "\x0b": "LINE TABULATION", "\x0c": "FORM FEED", "\r": "CARRIAGE RETURN",
                  "\x1b": "ESCAPE"}


def _character(ch: str) -> str:
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "a control character")
    return f"U+{ord(ch):04X} ({name.lower()})"


def control_characters(rf: RecordFile, walked: list[tuple[tuple, object]]) -> list[Problem]:
    """Text holding a character no page or feed can show, at the line of its value
    (`walked`: the record's values, _walk)."""
    problems = []
    for path, value in walked:
        if isinstance(value, str) and (found := CONTROL.search(value)):
            problems.append(Problem(rf.display, rf.doc.line_of(path),
                                    f"{_where(path)} holds the character {_character(found[0])} at "
                                    f"character {found.start() + 1}; remove it (no page or feed can "
                                    "show it), or write a space"))
    return problems


def _matches(path: tuple, pattern: tuple) -> bool:
    return len(path) == len(pattern) and all(p == "*" or p == q for p, q in zip(pattern, path, strict=True))


def _entry_key(kind: str, path: tuple, item) -> str:
    """What makes an entry the same as another: the fields of _SAME for a mapping that has
    them, else its whole value."""
    names = _SAME.get((kind, str(path[-1]))) if path else None
    if names and isinstance(item, dict):
        return json.dumps(tuple(item.get(n) for n in names), default=str)
    if isinstance(item, (dict, list)):
        return json.dumps(item, sort_keys=True, default=str)
    return repr((type(item).__name__, item))  # a scalar: quicker than JSON, and never equal to a mapping's


def _said(kind: str, path: tuple, item) -> str:
    """How to say what makes a repeated entry the same, when it is not the whole value."""
    names = _SAME.get((kind, str(path[-1]))) if path else None
    return ", ".join(f"{n} '{item.get(n)}'" for n in names) if names and isinstance(item, dict) else ""


def repeated_entries(rf: RecordFile, kind: str, walked: list[tuple[tuple, object]]) -> list[Problem]:
    """Lists that give an entry twice, or hold more entries than max_list_items: one problem
    per list, at the first entry given again."""
    most = limits().max_list_items
    problems = []
    for path, value in walked:
        if not isinstance(value, list):
            continue
        if len(value) > most:
            problems.append(Problem(rf.display, rf.doc.line_of(path),
                                    f"{_where(path)} holds {len(value):,} entries, more than the {most:,} a "
                                    f"list may (max_list_items in {LIMITS_FILE.name}); keep the ones that "
                                    "differ"))
        first: dict[str, int] = {}
        repeats: list[tuple[int, int]] = []
        for i, item in enumerate(value):
            key = _entry_key(kind, path, item)
            if key in first:
                repeats.append((i, first[key]))
            else:
                first[key] = i
        if repeats:
            i, earlier = repeats[0]
            said = _said(kind, path, value[i])
            more = f" ({len(repeats) - 1:,} more entries of this list repeat earlier ones)" if len(repeats) > 1 else ""
            what = f" ({said})" if said else ""
            problems.append(Problem(rf.display, rf.doc.line_of((*path, i)),
                                    f"{_where((*path, i))} repeats {_where((*path, earlier))}{what}{more}; "
                                    "keep one, merging what differs"))
    return problems


def absurd_values(rf: RecordFile, kind: str, walked: list[tuple[tuple, object]]) -> list[Problem]:
    """Blank names and titles, and tolls and weapon counts over the limits, in a record that
    passed its schema."""
    lim = limits()
    problems = []
    for path, value in walked:
        if isinstance(value, str) and not value.strip() and any(k == kind and _matches(path, p)
                                                               for k, p in _NOT_BLANK):
            problems.append(Problem(rf.display, rf.doc.line_of(path),
                                    f"{_where(path)} is blank; expected a {path[-1]}"))
        if isinstance(value, bool) or not isinstance(value, int) or not path:
            continue
        names = [p for p in path if isinstance(p, str)]
        if kind == "events" and names and (names[-1] in _TOLLS or names[0] in _TOLLS) and value > lim.max_toll:
            problems.append(Problem(rf.display, rf.doc.line_of(path),
                                    f"{_where(path)} is {value:,}, more than the {lim.max_toll:,} people one "
                                    f"event may count (max_toll in {LIMITS_FILE.name}); check the figure"))
        elif kind == "events" and names[:1] == ["weapons"] and names[-1] == "count" and value > lim.max_weapon_count:
            problems.append(Problem(rf.display, rf.doc.line_of(path),
                                    f"{_where(path)} is {value:,}, more than the {lim.max_weapon_count:,} "
                                    f"of one weapon an event may count (max_weapon_count in "
                                    f"{LIMITS_FILE.name}); check the figure"))
    return problems


def check_values(rf: RecordFile, kind: str, schema_valid: bool) -> list[Problem]:
    """Every problem with a record's values: control characters always; repeated entries
    and absurd values when the record passed its schema (its shape is then known)."""
    walked = _walk(rf.doc.data)
    problems = control_characters(rf, walked)
    if schema_valid:
        problems += repeated_entries(rf, kind, walked) + absurd_values(rf, kind, walked)
    return problems
