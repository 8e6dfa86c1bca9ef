"""The date lexicon of a language (lexicon/dates.LANG.yml) compiled into a DateLexicon.

Its tables give words their values (months, weekdays, units...); its patterns, each of a kind
of expression, are written with placeholders (`{day}`, `{month}`, `{weekday}`...) that stand
for a table's words or for digits, the same in every language. `dates` finds and resolves
expressions with what this module compiles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .lexicon import Compiled, LexiconFile
from .text import APOSTROPHE, HYPHENS, alternation, phrase_key

KINDS = ("absolute", "weekday", "relative", "period", "event-relative", "since", "time")

# Placeholders in patterns that stand for a table of the lexicon.
_TABLE_OF = {
    "month": "months", "weekday": "weekdays", "number": "numbers", "unit": "units",
    "part": "parts", "season": "seasons", "ampm": "ampm", "meridiem": "meridiem",
    "clock_prefix": "clock_prefixes", "day_part": "day_parts",
    "relative_phrase": "relative_phrases", "event_phrase": "event_phrases", "since": "since",
}
# Placeholders that stand for digits, the same in every language.
_DIGITS = {
    "day": r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?!\d)",
    "mnum": r"(?<!\d)(?:1[0-2]|0?[1-9])(?!\d)",
    "year": r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)",
    "hour": r"(?<!\d)(?:[01]?\d|2[0-3])",
    "minute": r"[0-5]\d(?!\d)",
}
_TABLES = [*_TABLE_OF.values(), "time_prefixes", "time_suffixes", "ordinal_suffixes", "joiners",
           "local_time", "elsewhere", "not_dates"]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_TEMPLATE_SPACE = re.compile(r" \?| |" + APOSTROPHE)

# Every expression holds, shortly after its start (dates._REACH), a digit or a word of one of
# these tables ("in the evening of", "il y a trois semaines", "at around 7 p.m."): only the
# places before such a word are tried, which makes finding several times faster.
_TRIGGER_TABLES = ("months", "weekdays", "units", "seasons", "parts", "day_parts",
                   "relative_phrases", "event_phrases", "since")
_TRIGGER_PLACEHOLDERS = {name + n for name, table in _TABLE_OF.items() if table in _TRIGGER_TABLES
                         for n in ("", "2")} | {name + n for name in _DIGITS for n in ("", "2")}
_WORD_BREAKS = re.compile(rf"(?:\s|{APOSTROPHE}|[{re.escape(HYPHENS)}])+")


@dataclass(frozen=True)
class Rule:
    """One pattern of the lexicon, compiled, with what its entry fixes (which, anchor...)."""

    kind: str
    regex: re.Pattern  # matched on lowercased text, where the detector found something
    fixed: dict[str, Any]


@dataclass(frozen=True)
class DateLexicon(Compiled, file="dates", what="date lexicon"):
    """One language's date words and compiled patterns."""

    language: str
    path: Path
    tables: dict[str, dict[str, Any]]
    rules: tuple[Rule, ...]
    detector: re.Pattern  # every rule in one alternation: whether some rule may match here
    trigger: re.Pattern  # words one of which every expression holds near its start
    capitalized_names: bool
    prefix: re.Pattern
    suffix: re.Pattern
    since: re.Pattern
    joiner: re.Pattern
    clock: re.Pattern
    not_dates: re.Pattern | None

    def value(self, table: str, phrase: str) -> Any:
        """The value a table gives a phrase as written in a text."""
        return self.tables[table].get(phrase_key(phrase, hyphens=True))

    @classmethod
    def compile(cls, file: LexiconFile) -> DateLexicon:
        """The tables and patterns of a date lexicon; LexiconError names the line of a pattern
        with an unknown placeholder, or with none that expressions are found by."""
        data = file.data
        alternations = {name: _alternation(data[table]) for name, table in _TABLE_OF.items()}
        alternations["number"] = r"\d{1,3}|" + alternations["number"]
        after = {"day": f"(?:{_alternation(data['ordinal_suffixes'])})?"}  # "1st", "1er"
        rules: list[Rule] = []
        bodies: list[str] = []
        for kind, entries in data["patterns"].items():
            for i, item in enumerate(entries):
                entry = {"pattern": item} if isinstance(item, str) else dict(item)
                template = entry.pop("pattern")
                body = _template_regex(file, ("patterns", kind, i), template, alternations, after)
                if not set(_PLACEHOLDER.findall(template)) & _TRIGGER_PLACEHOLDERS:
                    raise file.error(("patterns", kind, i), f"pattern {template!r} holds none of the "
                                     "placeholders expressions are found by: "
                                     f"{', '.join(sorted(_TRIGGER_PLACEHOLDERS))}")
                rules.append(Rule(kind, re.compile(rf"(?:{body})(?!\w)"), entry))
                bodies.append(re.sub(r"\(\?P<\w+>", "(?:", body))

        def ignoring_case(regex: str) -> re.Pattern:
            return re.compile(regex, re.IGNORECASE)

        clock = (rf"[\s,]*(?P<open>\()?\s*(?:(?P<local>{_alternation(data['local_time'])})"
                 rf"|(?P<elsewhere>{_alternation(data['elsewhere'])}))(?!\w)(?(open)\s*\))")
        return cls(
            language=data.get("language", file.path.stem),
            path=file.path,
            tables={name: _table(data[name]) for name in _TABLES},
            rules=tuple(rules),
            detector=re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{b})" for b in bodies) + ")"),
            trigger=re.compile(rf"\d+|(?<!\w)(?:{_lower_regex(_alternation(_trigger_words(data)))})(?!\w)"),
            capitalized_names=bool(data.get("capitalized_names")),
            prefix=ignoring_case(rf"(?<!\w)(?P<w>{_alternation(data['time_prefixes'])})\s+\Z"),
            suffix=ignoring_case(rf"\s+(?P<w>{_alternation(data['time_suffixes'])})(?!\w)"),
            since=ignoring_case(rf"(?<!\w)(?P<w>{_alternation(data['since'])})\s*\Z"),
            joiner=ignoring_case(rf"[\s,]*(?:(?:{_alternation(data['joiners'])})(?:\s+|(?<={APOSTROPHE})))?\Z"),
            clock=re.compile(clock),  # with case: "ET" is a clock, "et" is not
            not_dates=re.compile(rf"(?<!\w)(?:{_lower_regex(_alternation(data['not_dates']))})(?!\w)")
            if data["not_dates"] else None,
        )


def _alternation(phrases: Any) -> str:
    """The phrases of a table (a list, or a mapping's keys) as one pattern: a hyphen in them
    matches a hyphen or spaces ("week-end", "week end"); an empty table matches nothing."""
    return alternation(phrases or [], hyphen_or_space=True)


def _trigger_words(data: dict[str, Any]) -> set[str]:
    """The longest word of each phrase of the trigger tables ("the end of" -> "end")."""
    words = set()
    for table in _TRIGGER_TABLES:
        for phrase in data[table] or []:
            parts = [w.strip(".") for w in _WORD_BREAKS.split(str(phrase)) if w.strip(".")]
            words.add(max(reversed(parts), key=len))
    return words


def _table(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return {phrase_key(str(k), hyphens=True): v for k, v in value.items()}
    return {phrase_key(str(k), hyphens=True): True for k in value or []}


def _template_regex(file: LexiconFile, keys: tuple[str | int, ...], template: str,
                    alternations: dict[str, str], after: dict[str, str]) -> str:
    """A pattern of the lexicon as a regular expression for lowercased text."""
    def space(m: re.Match) -> str:
        return {" ?": r"\s*", " ": r"\s+"}.get(m.group(0), APOSTROPHE)

    def placeholder(m: re.Match) -> str:
        name = m.group(1)
        if name.isdigit():
            return m.group(0)  # a regex repetition such as {2}
        base = name[:-1] if name.endswith("2") else name
        if base in alternations:
            return f"(?P<{name}>{alternations[base]})"
        if base in _DIGITS:
            return f"(?P<{name}>{_DIGITS[base]}){after.get(base, '')}"
        raise file.error(keys, f"unknown placeholder {{{name}}} in pattern {template!r} "
                               f"(expected one of: {', '.join(sorted([*alternations, *_DIGITS]))})")

    regex = _lower_regex(_PLACEHOLDER.sub(placeholder, _TEMPLATE_SPACE.sub(space, template)))
    try:
        re.compile(regex)
    except re.error as e:
        raise file.error(keys, f"pattern {template!r} is not a valid regular expression: {e}") from None
    return regex


def _lower_regex(regex: str) -> str:
    """A regex for lowercased text: its literal capitals lowered (not "\\Z", nor group names)."""
    return _LITERAL_CAPITALS.sub(lambda m: m.group(1) or m.group(2).lower(), regex)


_LITERAL_CAPITALS = re.compile(r"(\\.|\(\?P<\w+>)|([A-Z]+)")
