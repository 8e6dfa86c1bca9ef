"""The event cues of a language (lexicon/events.LANG.yml), compiled once.

Patterns are matched on text folded by `fold`: lower case, no accents, straight apostrophes,
one character for one character, so a match's offsets are offsets in the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import BuilderError
from ..vocab import vocabulary
from ..yamlio import load_plain
from .text import MATCHES_NOTHING, PatternError, alternation

LEXICON_DIR = Path(__file__).parent / "lexicon"
LANGUAGES = ("en", "fr")

class LexiconError(BuilderError, ValueError):
    """A lexicon file (or limits.yml) that cannot be used: names the file, and the line
    where the YAML parser gives one, and says what was expected."""


def read_lexicon(path: Path, error: type[LexiconError] = LexiconError) -> dict[str, Any]:
    """The mapping of sections a lexicon file holds ({} for an empty file). `error` (a
    LexiconError) names the file, and the line, when it cannot be read, is not YAML or does
    not hold a mapping."""
    try:
        data = load_plain(path)
    except OSError as e:
        raise error(f"{path}: cannot be read ({e.strerror or e}); expected a lexicon file") from None
    except UnicodeDecodeError as e:
        raise error(f"{path}: is not UTF-8 text ({e.reason} at byte {e.start})") from None
    except yaml.YAMLError as e:
        raise error(_yaml_problem(path, e)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise error(f"{path}: holds a {type(data).__name__}, expected a mapping of sections "
                    "(section: list of entries)")
    return data


def _yaml_problem(path: Path, e: yaml.YAMLError) -> str:
    if isinstance(e, yaml.MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        message = " ".join(p for p in (e.context, e.problem) if p)
        return f"{path}:{mark.line + 1}: YAML does not parse: {message}" if mark else \
            f"{path}: YAML does not parse: {message}"
    return f"{path}: YAML does not parse: {e}"


@contextmanager
def compiling(path: Path | str, error: type[LexiconError] = LexiconError) -> Iterator[None]:
    """Turn what a lexicon of the wrong shape makes compiling it fail with (a missing key, a
    word where a list or a mapping was expected...) into `error`, naming the file."""
    try:
        yield
    except BuilderError:
        raise
    except KeyError as e:
        raise error(f"{path}: missing {e.args[0]!r}, which this lexicon needs "
                    "(see the comments of the file)") from None
    except (TypeError, AttributeError, ValueError, IndexError, re.error) as e:
        raise error(f"{path}: an entry does not have the shape expected ({e}); "
                    "see the comments of the file") from None


def lexicon_file(name: str, language: str) -> Path:
    """Where the lexicon `<name>.<language>.yml` is."""
    return LEXICON_DIR / f"{name}.{language}.yml"


def load_lexicon_file(name: str, language: str, required: tuple[str, ...]) -> dict[str, Any]:
    """The lexicon `<name>.<language>.yml`, checked to hold every section `required`."""
    if language not in LANGUAGES:
        raise LexiconError(f"no {name} lexicon for language {language!r}: expected one of {LANGUAGES}")
    path = lexicon_file(name, language)
    data = read_lexicon(path)
    missing = [key for key in required if key not in data]
    if missing:
        raise LexiconError(f"{path}: missing {', '.join(missing)} (see the comments of {name}.en.yml)")
    return data


NEVER = re.compile(MATCHES_NOTHING)  # what an empty section compiles to: it matches nothing


def _alternation(patterns: object, where: str) -> re.Pattern[str]:
    """One pattern matching any of `patterns` as whole words; NEVER when there are none."""
    if patterns is not None and not isinstance(patterns, list):
        raise LexiconError(f"{where}: {patterns!r} is not a list of patterns; write one pattern "
                           "a line, each after '- '")
    try:
        body = alternation(patterns, patterns=True)
    except PatternError as e:
        raise LexiconError(f"{where}: {e.pattern!r} {e.reason}") from None
    if body == MATCHES_NOTHING:
        return NEVER  # a section left empty ("determiners:")
    # Whole words: no letter just outside the match, unless the match itself begins or
    # ends with a space or a comma (" and two others were killed").
    return re.compile(r"(?:(?<!\w)|(?=\W))(?:" + body + r")(?:(?!\w)|(?<=\W))")


# The sections of an event lexicon that are lists of patterns, and those that map a name to
# one (types: the sub-event type each cue names; roles: the words around an actor that give
# its role; place_anaphora: the kinds of place a phrase such as "the base" points back to).
_PATTERN_SECTIONS = (
    "intervention", "generic", "strike_nouns", "tally", "reference_before", "launch_before",
    "claim", "event_anaphora", "definite", "retaliation", "determiners", "weapon_nouns",
    "military_nouns", "civilian_nouns", "locative", "place_prepositions", "nationality_followers",
    "unharmed", "collective", "relative_prepositions", "after", "explosion", "another",
    "since_when", "event_nouns", "after_midnight", "military_targets", "same_year",
)
ROLE_CUES = (
    "passive", "preposition_before_actor", "members_before_actor", "perpetrator_after_actor",
    "perpetrator_before_actor", "claimed_before_actor", "claimed_after_actor",
    "suspected_before_actor", "suspected_after_actor", "reporting_before_actor",
    "reporting_after_actor", "denied_after_actor", "target_before_actor", "target_after_actor",
    "target_owned_after_actor", "supporters_before_actor", "supporters_after_actor",
    "backer_before_actor",
)
PLACE_ANAPHORA_KINDS = ("base", "compound", "airport", "zone", "town", "any")  # events.ANAPHORA_KINDS


@dataclass(frozen=True)
class Lexicon:
    """The compiled cues of one language. A section the file leaves empty is NEVER."""

    language: str
    types: tuple[tuple[str, re.Pattern[str]], ...]
    intervention: re.Pattern[str]
    generic: re.Pattern[str]
    strike_nouns: re.Pattern[str]
    unreal: re.Pattern[str]
    unreal_window: int
    unreal_after: re.Pattern[str]
    tally: re.Pattern[str]
    reference_before: re.Pattern[str]
    launch_before: re.Pattern[str]
    claim: re.Pattern[str]
    place_anaphora: dict[str, re.Pattern[str]]
    event_anaphora: re.Pattern[str]
    definite: re.Pattern[str]
    retaliation: re.Pattern[str]
    roles: dict[str, re.Pattern[str]]
    determiners: re.Pattern[str]
    weapon_nouns: re.Pattern[str]
    military_nouns: re.Pattern[str]
    civilian_nouns: re.Pattern[str]
    locative: re.Pattern[str]
    place_prepositions: re.Pattern[str]
    nationality_followers: re.Pattern[str]
    unharmed: re.Pattern[str]
    collective: re.Pattern[str]
    relative_prepositions: re.Pattern[str]
    after: re.Pattern[str]
    explosion: re.Pattern[str]
    another: re.Pattern[str]
    since_when: re.Pattern[str]
    event_nouns: re.Pattern[str]
    after_midnight: re.Pattern[str]
    military_targets: re.Pattern[str]
    same_year: re.Pattern[str]

    def place_anaphora_kind(self, folded: str, start: int, end: int) -> str | None:
        """The kind of place a clause points back to ("the base": base), if any."""
        for kind, pattern in self.place_anaphora.items():
            if pattern.search(folded, start, end):
                return kind
        return None


def _mapping(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data[key]
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LexiconError(f"{path}: {key} holds a {type(value).__name__}, expected a mapping "
                           "of names to lists of patterns")
    return value


@cache
def lexicon(language: str) -> Lexicon:
    """The event lexicon of `language` ("en" or "fr"); LexiconError names the file and what is
    wrong when it lacks a section, or a section is not a list of valid patterns."""
    if language not in LANGUAGES:
        raise LexiconError(f"no events lexicon for language {language!r}: expected one of {LANGUAGES}")
    path = LEXICON_DIR / f"events.{language}.yml"
    data = read_lexicon(path)
    missing = [key for key in ("types", "unreal", "place_anaphora", "roles", *_PATTERN_SECTIONS)
               if key not in data]
    if missing:
        raise LexiconError(f"{path}: missing {', '.join(missing)} (see the comments of events.en.yml)")
    types, roles = _mapping(data, "types", path), _mapping(data, "roles", path)
    place_anaphora, unreal = _mapping(data, "place_anaphora", path), _mapping(data, "unreal", path)
    missing = [f"roles.{key}" for key in ROLE_CUES if key not in roles] + \
        [f"unreal.{key}" for key in ("patterns", "after", "window") if key not in unreal]
    if missing:
        raise LexiconError(f"{path}: missing {', '.join(missing)} (see the comments of events.en.yml)")
    unknown = [name for name in types if name not in vocabulary().sub_event_types]
    if unknown:
        raise LexiconError(f"{path}: types: {', '.join(map(repr, unknown))}: expected sub-event types "
                           "of builder/vocab/event_types.yml")
    unknown = [kind for kind in place_anaphora if kind not in PLACE_ANAPHORA_KINDS]
    if unknown:
        raise LexiconError(f"{path}: place_anaphora: unknown kind {', '.join(map(repr, unknown))} "
                           f"(expected one of: {', '.join(PLACE_ANAPHORA_KINDS)})")
    window = unreal["window"]
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise LexiconError(f"{path}: unreal.window is {window!r}, expected a number of characters")

    def cues(key: str) -> re.Pattern[str]:
        return _alternation(data[key], f"{path}: {key}")

    def named(section: str, entries: dict[str, Any]) -> dict[str, re.Pattern[str]]:
        return {str(name): _alternation(value, f"{path}: {section}.{name}")
                for name, value in entries.items()}

    return Lexicon(
        language=language,
        types=tuple(named("types", types).items()),
        intervention=cues("intervention"),
        generic=cues("generic"),
        strike_nouns=cues("strike_nouns"),
        unreal=_alternation(unreal["patterns"], f"{path}: unreal.patterns"),
        unreal_window=window,
        unreal_after=_alternation(unreal["after"], f"{path}: unreal.after"),
        tally=cues("tally"),
        reference_before=cues("reference_before"),
        launch_before=cues("launch_before"),
        claim=cues("claim"),
        place_anaphora=named("place_anaphora", place_anaphora),
        event_anaphora=cues("event_anaphora"),
        definite=cues("definite"),
        retaliation=cues("retaliation"),
        roles=named("roles", roles),
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
