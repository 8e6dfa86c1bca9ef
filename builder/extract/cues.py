"""The event cues of a language (lexicon/events.LANG.yml), compiled once.

Patterns are matched on text folded by `fold`: lower case, no accents, straight apostrophes,
one character for one character, so a match's offsets are offsets in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..yamlio import load_plain

LEXICON_DIR = Path(__file__).parent / "lexicon"
LANGUAGES = ("en", "fr")

_APOSTROPHES = "’‘ʼ`´′"
_DASHES = "‐‑‒–—―"


def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    if ch in "\u00a0\u202f\u2009\"“”«»„":
        return " "  # quotation marks do not break a phrase ('the "marks" of')
    folded = unicodedata.normalize("NFKD", ch)[:1].lower()[:1]
    return folded or ch


_TABLE = {i: _fold_char(chr(i)) for i in range(0x2200) if _fold_char(chr(i)) != chr(i)}


def fold(text: str) -> str:
    """Lower-case, accent-free text of the same length, for matching lexicon patterns."""
    return text.translate(_TABLE)


class LexiconError(ValueError):
    """A lexicon file with an entry that is not a valid pattern."""


def load_lexicon_file(name: str, language: str, required: tuple[str, ...]) -> dict:
    """The lexicon `<name>.<language>.yml`, checked to hold every section `required`."""
    if language not in LANGUAGES:
        raise ValueError(f"no {name} lexicon for language {language!r}: expected one of {LANGUAGES}")
    path = LEXICON_DIR / f"{name}.{language}.yml"
    data = load_plain(path)
    missing = [key for key in required if key not in (data or {})]
    if missing:
        raise ValueError(f"{path}: missing {', '.join(missing)} (see the comments of {name}.en.yml)")
    return data


def _spaced(pattern: str) -> str:
    return pattern.replace(" ", r"\s+")  # a space: any run of spaces


def _alternation(patterns: list, where: str) -> re.Pattern:
    """One pattern matching any of `patterns` as whole words."""
    for p in patterns:
        if not isinstance(p, str):
            raise LexiconError(f"{where}: {p!r} is not a pattern; quote an entry that holds ': '")
        try:
            re.compile(_spaced(p))
        except re.error as e:
            raise LexiconError(f"{where}: {p!r} is not a valid regular expression ({e}; a space "
                               "matches any run of spaces, so write \\s in a look-behind)") from None
    body = "|".join(f"(?:{_spaced(p)})" for p in patterns)
    # Whole words: no letter just outside the match, unless the match itself begins or
    # ends with a space or a comma (" and two others were killed").
    return re.compile(r"(?:(?<!\w)|(?=\W))(?:" + body + r")(?:(?!\w)|(?<=\W))")


@dataclass(frozen=True)
class Lexicon:
    """The compiled cues of one language."""

    language: str
    types: tuple[tuple[str, re.Pattern], ...]
    intervention: re.Pattern
    generic: re.Pattern
    strike_nouns: re.Pattern
    unreal: re.Pattern
    unreal_window: int
    unreal_after: re.Pattern
    tally: re.Pattern
    reference_before: re.Pattern
    launch_before: re.Pattern
    claim: re.Pattern
    place_anaphora: dict[str, re.Pattern]
    event_anaphora: re.Pattern
    definite: re.Pattern
    retaliation: re.Pattern
    roles: dict[str, re.Pattern]
    determiners: re.Pattern | None
    weapon_nouns: re.Pattern
    military_nouns: re.Pattern
    civilian_nouns: re.Pattern
    locative: re.Pattern
    place_prepositions: re.Pattern
    nationality_followers: re.Pattern | None
    unharmed: re.Pattern
    collective: re.Pattern
    relative_prepositions: re.Pattern
    after: re.Pattern
    explosion: re.Pattern
    another: re.Pattern
    since_when: re.Pattern
    event_nouns: re.Pattern
    after_midnight: re.Pattern
    military_targets: re.Pattern
    same_year: re.Pattern

    def place_anaphora_kind(self, folded: str, start: int, end: int) -> str | None:
        """The kind of place a clause points back to ("the base": base), if any."""
        for kind, pattern in self.place_anaphora.items():
            if pattern.search(folded, start, end):
                return kind
        return None


@cache
def lexicon(language: str) -> Lexicon:
    """The event lexicon of `language` ("en" or "fr")."""
    path = LEXICON_DIR / f"events.{language}.yml"
    data = load_plain(path)

    def cues(*keys: str) -> re.Pattern | None:
        value = data
        for key in keys:
            value = value[key]
        return _alternation(value, f"{path}: {'.'.join(keys)}") if value else None

    return Lexicon(
        language=language,
        types=tuple((name, cues("types", name)) for name in data["types"]),
        intervention=cues("intervention"),
        generic=cues("generic"),
        strike_nouns=cues("strike_nouns"),
        unreal=cues("unreal", "patterns"),
        unreal_window=int(data["unreal"]["window"]),
        unreal_after=cues("unreal", "after"),
        tally=cues("tally"),
        reference_before=cues("reference_before"),
        launch_before=cues("launch_before"),
        claim=cues("claim"),
        place_anaphora={kind: cues("place_anaphora", kind) for kind in data["place_anaphora"]},
        event_anaphora=cues("event_anaphora"),
        definite=cues("definite"),
        retaliation=cues("retaliation"),
        roles={name: cues("roles", name) for name in data["roles"]},
        determiners=cues("determiners"),
        weapon_nouns=cues("weapon_nouns"),
        military_nouns=cues("military_nouns"),
        civilian_nouns=cues("civilian_nouns"),
        locative=cues("locative"),
        place_prepositions=cues("place_prepositions"),
        nationality_followers=cues("nationality_followers"),
        unharmed=cues("unharmed"),
        collective=cues("collective"),
        relative_prepositions=cues("relative_prepositions"),
        after=cues("after"),
        explosion=cues("explosion"),
        another=cues("another"),
        since_when=cues("since_when"),
        event_nouns=cues("event_nouns"),
        after_midnight=cues("after_midnight"),
        military_targets=cues("military_targets"),
        same_year=cues("same_year"),
    )
