"""The event cues of a language (lexicon/events.LANG.yml), compiled once into EventCues.

Patterns are matched on text folded by `text.fold`: lower case, no accents, straight
apostrophes, one character for one, so a match's offsets are offsets in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records.vocab import vocabulary
from .lexicon import NEVER, Compiled, LexiconFile
from .rules import PlaceKinds
from .text import MATCHES_NOTHING


def _whole_words(body: str) -> re.Pattern[str]:
    """A pattern text matched as whole words; NEVER for an empty section."""
    if body == MATCHES_NOTHING:
        return NEVER  # a section left empty ("determiners:")
    # Whole words: no letter just outside the match, unless the match itself begins or
    # ends with a space or a comma (" and two others were killed").
    return re.compile(r"(?:(?<!\w)|(?=\W))(?:" + body + r")(?:(?!\w)|(?<=\W))")


@dataclass(frozen=True)
class EventCues(Compiled, file="events", what="events lexicon"):
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
    clause_breaks: re.Pattern[str]  # where a sentence is cut into clauses
    clause_joiner: re.Pattern[str]  # a clause sharing the subject of the one before
    clause_relative: re.Pattern[str]  # a clause telling of the actor just before it
    place_relative: re.Pattern[str]  # a clause telling of what happened at the place just before it
    retaliation_introduces: re.Pattern[str]  # a reprisal cue followed by what it answers
    place_joiner: re.Pattern[str]  # what joins a place to the one it lies in

    def place_anaphora_kind(self, folded: str, start: int, end: int) -> str | None:
        """The kind of place a clause points back to ("the base": base), if any."""
        for kind, pattern in self.place_anaphora.items():
            if pattern.search(folded, start, end):
                return kind
        return None

    @classmethod
    def compile(cls, file: LexiconFile) -> EventCues:
        """The cues of an events lexicon; LexiconError names the line of a type that is not one
        of the vocabulary's, or a kind of place no anaphora rule knows."""
        sub_event_types = vocabulary().sub_event_types
        for name in file.get("types") or {}:
            if name not in sub_event_types:
                raise file.error(("types", name), "expected a sub-event type of builder/vocab/event_types.yml")
        anaphora_kinds = PlaceKinds.of().anaphora
        for kind in file.get("place_anaphora") or {}:
            if kind not in anaphora_kinds:
                raise file.error(("place_anaphora", kind), f"unknown kind of place (expected one of the "
                                 f"lists of lexicon/place_kinds.yml, anaphora: {', '.join(anaphora_kinds)})")

        def cue(*keys: str) -> re.Pattern[str]:
            return _whole_words(file.patterns(*keys))

        def named(section: str) -> dict[str, re.Pattern[str]]:
            return {str(name): cue(section, name) for name in file.get(section) or {}}

        sections = {name: cue(name) for name in (
            "intervention", "generic", "strike_nouns", "tally", "reference_before", "launch_before",
            "claim", "event_anaphora", "definite", "retaliation", "determiners", "weapon_nouns",
            "military_nouns", "civilian_nouns", "locative", "place_prepositions", "nationality_followers",
            "unharmed", "collective", "relative_prepositions", "after", "explosion", "another",
            "since_when", "event_nouns", "after_midnight", "military_targets", "same_year")}
        return cls(
            language=file.language or "",
            types=tuple(named("types").items()),
            unreal=cue("unreal", "patterns"),
            unreal_window=file.get("unreal", "window"),
            unreal_after=cue("unreal", "after"),
            place_anaphora=named("place_anaphora"),
            roles=named("roles"),
            clause_breaks=re.compile(file.patterns("clause_breaks", spaced=False)),
            clause_joiner=re.compile(rf"(?:{file.phrases('clause_joiners')})\s"),
            clause_relative=re.compile(rf"(?:{file.phrases('clause_relatives')})\b"),
            place_relative=re.compile(rf"(?:{file.phrases('place_relatives')})\b"),
            retaliation_introduces=re.compile(rf"(?:{file.phrases('retaliation_introduces')})\s*$"),
            place_joiner=re.compile(rf"\W*(?:{file.phrases('place_joiners')})?\W*"),
            **sections,
        )
