"""Cutting a sentence into clauses, each of which may tell an incident of its own.

A sentence is cut where a new clause may tell another incident ("..., while two rockets hit
Balad", "in retaliation for ..."); a clause that begins with "and" may share the subject of
the one before, one that begins with "which" tells of the actor just before it (the words are
those of lexicon/events.LANG.yml). Positions are
offsets in the folded sentence (`text.fold`), which are offsets in the sentence as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .cues import EventCues
from .text import QUOTE


@dataclass(frozen=True)
class Clause:
    """A stretch of a folded sentence, from `start` to `end`."""

    start: int
    end: int
    joined: bool = False    # begins with "and"/"et": it may share the previous clause's subject
    relative: bool = False  # begins with "which"/"who": it tells of the actor just before it
    at_place: bool = False  # begins with "where"/"où": it tells of the place just before it

    def holds(self, pos: int) -> bool:
        """Whether a position lies within the clause."""
        return self.start <= pos < self.end


_PHRASE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()—–]| - ")  # not the comma of "1,500"
_QUOTES = re.compile(QUOTE)
_SPACES = re.compile(r"[\s,]*")


def clauses(folded: str, cues: EventCues) -> list[Clause]:
    """Cut a folded sentence where a new clause may tell another incident (the clause breaks
    of the language's cues)."""
    cuts = [0] + [m.end() for m in cues.clause_breaks.finditer(folded)] + [len(folded)]
    return [Clause(a, b, bool(cues.clause_joiner.match(folded, a)), bool(cues.clause_relative.match(folded, a)),
                   a > 0 and bool(cues.place_relative.match(folded, a)))
            for a, b in pairwise(cuts) if folded[a:b].strip()]


def same_phrase(folded: str, a: int, b: int) -> bool:
    """Whether no comma, colon or bracket stands between two positions."""
    lo, hi = min(a, b), max(a, b)
    return not _PHRASE_BREAK.search(folded, lo, hi)


def phrase_break(folded: str, start: int, end: int) -> bool:
    """Whether a comma, colon or bracket stands between `start` and `end`."""
    return bool(_PHRASE_BREAK.search(folded, start, end))


def quoted(text: str, pos: int) -> bool:
    """Whether a position lies inside a quotation of the sentence."""
    return len(_QUOTES.findall(text, 0, pos)) % 2 == 1


def past_spaces(folded: str, pos: int) -> int:
    """Where the spaces and commas at `pos` end (`pos` itself when there are none)."""
    spaces = _SPACES.match(folded, pos)
    return spaces.end() if spaces else pos
