"""Cutting a sentence into clauses, each of which may tell an incident of its own.

A sentence is cut where a new clause may tell another incident ("..., while two rockets hit
Balad", "in retaliation for ..."); a clause that begins with "and" may share the subject of
the one before, one that begins with "which" tells of the actor just before it. Positions are
offsets in the folded sentence (`text.fold`), which are offsets in the sentence as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .text import QUOTE


@dataclass(frozen=True)
class Clause:
    """A stretch of a folded sentence, from `start` to `end`."""

    start: int
    end: int
    joined: bool = False    # begins with "and"/"et": it may share the previous clause's subject
    relative: bool = False  # begins with "which"/"who": it tells of the actor just before it

    def holds(self, pos: int) -> bool:
        """Whether a position lies within the clause."""
        return self.start <= pos < self.end


_CLAUSE_BREAKS = {
    "en": re.compile(r";\s|,\s(?=while\b|whereas\b|but\b|hours (?:after|before)\b|which\b|who\b|after which\b"
                     r"|(?:\w+ )?(?:days?|hours?|weeks?) (?:after|before)\b)"
                     r"|[,\s]\s?(?=in (?:retaliation|response|reprisal) (?:for|to)\b)"
                     r"|\s(?=hours (?:after|before)\b)|(?<=\w)\s(?=and (?:on|late on|early on|then|later)\b)"
                     r"|\s(?=since (?:a|an|the) (?:[\w-]+ ){0,3}"
                     r"(?:strike|attack|killing|assassination|raid|bombing)s?\b)"),
    "fr": re.compile(r";\s|:\s|,\s(?=mais\b|(?:\w+ )?(?:jours?|heures?|semaines?) (?:apres|avant)\b)"
                     r"|[,\s]\s?(?=tandis qu|alors qu|en (?:represailles|riposte|reponse) (?:a|aux|au)\b)"
                     r"|\s(?=depuis (?:l'|le |la |les |un |une )(?:[\w-]+ ){0,3}"
                     r"(?:frappe|attaque|assassinat|elimination|raid|attentat)s?\b)"
                     r"|(?<=\w)\s(?=et (?:dimanche|lundi|mardi|mercredi|jeudi|vendredi|samedi"
                     r"|le lendemain|la veille"
                     r"|le \d|le premier) )"),
}
_JOINED = re.compile(r"(?:and|et)\s")
_RELATIVE = re.compile(r"(?:which|who)\b")
_PHRASE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()—–]| - ")  # not the comma of "1,500"
_QUOTES = re.compile(QUOTE)
_SPACES = re.compile(r"[\s,]*")


def clauses(folded: str, language: str) -> list[Clause]:
    """Cut a folded sentence where a new clause may tell another incident."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAKS[language].finditer(folded)] + [len(folded)]
    return [Clause(a, b, bool(_JOINED.match(folded, a)), bool(_RELATIVE.match(folded, a)))
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
