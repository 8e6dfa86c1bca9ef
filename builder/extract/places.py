"""Where an incident happened: the place a clause names, one it points back to, or one the
knowledge base lacks.

The most specific place a clause names is where its incident happened (launch sites, places
compared with, places in a quoted chant left out); "the base", "the town" point back to the
last place of that kind; a place the base lacks, found by the words around it, is known for
the rest of the article. Once the article is read, an incident told without a place may take
that of the incident it sums up, or of the one told just before on its day.
"""

from __future__ import annotations

import re

from .clauses import Clause, quoted, same_phrase
from .event_types import classify, compatible_types, is_unreal
from .knowledge import KnowledgeBase, PlaceCandidate
from .knowledge import Mention as NameMention
from .reading import Mention, Reading, SentenceView, absorb
from .roles import possessive_of_actor
from .rules import PlaceKinds, Reach
from .text import ends_near, match_before


def specificity(kind: str) -> int:
    """How specific a kind of place is (a base 6, a town 4, a country 0: lexicon/place_kinds.yml)."""
    return PlaceKinds.of().specificity(kind)


def precise(kind: str) -> bool:
    """Whether a kind of place is precise enough to refine a vaguer one (a town, not a district)."""
    return specificity(kind) >= PlaceKinds.of().precise


def choose_place(r: Reading, s: SentenceView, clause: Clause, cue: int | None = None) -> str | None:
    """The most specific place the clause names (of two as specific, the nearer the cue),
    leaving out launch sites, places compared with, the goal of an attack that was only
    planned, and countries named as actors ("blamed Iran", as against "in Iran")."""
    lex, folded = r.cues, s.folded
    best = None
    actor_spans = {(a.start, a.end) for a in s.actors}  # names read as actors ("in Iraq" is a place)
    left_out_until = None  # the end of the last place left out ("launched from the X district of Y")
    named_actors = [m for m in s.names if m.kind == "actor"]
    for m in s.names:
        if m.kind != "location" or not clause.holds(m.start):
            continue
        if possessive_of_actor(m, named_actors, folded):
            continue  # "Lebanon's Hezbollah fired at Israel's north": not in Lebanon
        if (m.start, m.end) in actor_spans and not match_before(lex.place_prepositions, folded, m.start,
                                                                clause.start, 12):
            continue
        before = folded[max(clause.start, m.start - 30):m.start]
        launch = match_before(lex.launch_before, folded, m.start, clause.start, 40)
        if launch and same_phrase(folded, launch[1], m.start):
            left_out_until = m.end  # "fired from a truck in neighbouring Nineveh province"
            continue
        if ends_near(lex.reference_before, before, 12) or (
                left_out_until is not None and 0 <= m.start - left_out_until <= 12
                and lex.place_joiner.fullmatch(folded[left_out_until:m.start])):
            left_out_until = m.end
            continue
        if is_unreal(folded, clause, (m.start, m.end), lex):
            continue
        if cue is not None and quoted(s.sentence.text, m.start) != quoted(s.sentence.text, cue):
            continue  # "chanting 'Iran out!'": a place in words quoted, not where it happened
        rank = specificity(r.kb.locations[m.id].kind)
        nearer = cue is not None and best is not None and rank == best[0] > 0 and \
            abs(m.start - cue) < best[3]
        if best is None or rank > best[0] or nearer:
            best = (rank, m.id, False, abs(m.start - cue) if cue is not None else 0)
        elif rank == best[0] == 0 and m.id != best[1]:
            best = (rank, best[1], True, 0)  # "in Iraq and Syria": several countries, no one place
    return best[1] if best and not best[2] else None


def choose_new_place(r: Reading, s: SentenceView, clause: Clause, known_rank: int) -> PlaceCandidate | None:
    """A place the knowledge base lacks, if it is more specific than any known one named,
    leaving out launch sites and points of reference ("taken to the X hospital")."""
    lex, folded = r.cues, s.folded
    for c in s.new_places:
        if not clause.holds(c.start) or specificity(c.kind) <= known_rank:
            continue
        launch = match_before(lex.launch_before, folded, c.start, clause.start, 40)
        if (launch and same_phrase(folded, launch[1], c.start)) or \
                ends_near(lex.reference_before, folded[max(clause.start, c.start - 30):c.start], 12):
            continue
        return c
    return None


def place_pointed_to(r: Reading, s: SentenceView, clause: Clause, other_incident: bool = False) -> str | None:
    """The place a phrase such as "the base" or "l'ambassade" points back to: the last
    place of that kind the article named, else (unless the clause tells another incident)
    the place of the incident being told."""
    kb = r.kb
    kind = r.cues.place_anaphora_kind(s.folded, clause.start, clause.end)
    if kind is None:
        return None
    kinds = PlaceKinds.of().anaphora[kind]
    last = r.last()
    if last is not None and last.location and not other_incident and \
            kb.locations[last.location].kind in kinds and kind != "any":
        return last.location  # "the town": the one the incident being told is in
    for place in reversed(r.places):
        # "y", "the site": a place as precise as a town, not a country listed in passing
        if kb.locations[place].kind in kinds and (kind != "any" or specificity(kb.locations[place].kind) > 1):
            return place
    last = r.last()
    return last.location if last and not other_incident else None


def new_place_pointed_to(r: Reading, s: SentenceView, clause: Clause, other_incident: bool) -> PlaceCandidate | None:
    """The place the base lacks that "the town" points back to: that of the incident being
    told, when it is of the kind the phrase names."""
    kind = r.cues.place_anaphora_kind(s.folded, clause.start, clause.end)
    last = r.last()
    if kind and kind != "any" and last is not None and last.new_place is not None and \
            last.new_place.kind in PlaceKinds.of().anaphora[kind] and not other_incident:
        return last.new_place
    return None


def named_again(r: Reading, text: str, found: list[PlaceCandidate], names: list[NameMention]) -> list[PlaceCandidate]:
    """A new place the article introduced before ("Dhiban, the last town held by...") named
    again bare ("drove the SDF out of Dhiban"), where nothing else was found."""
    taken = [(c.start, c.end) for c in found] + [(n.start, n.end) for n in names]
    again = []
    for name, first in r.new_places.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                again.append(PlaceCandidate(first.name, first.kind, m.start(), m.end(), first.text))
    return again


def refine_place(r: Reading, s: SentenceView, m: Mention, clause: Clause, new: bool = False) -> bool:
    """A later sentence may name the place more precisely ("three of the sites were in the
    Al-Qaim district"): take it when it lies within the place known so far, from a clause
    that names no incident of its own. With `new` (a clause that names the incident again,
    "the attack in the city of Kasindi"), a place the base lacks may be the one."""
    kb = r.kb
    found = classify(s.folded, clause, r.cues)
    if found is not None and found[0] is not None:
        return False
    if new and m.new_place is None and (m.location is None or not precise(kb.locations[m.location].kind)):
        known_rank = specificity(kb.locations[m.location].kind) if m.location else -1
        candidate = choose_new_place(r, s, clause, max(known_rank, PlaceKinds.of().precise - 1))
        if candidate is not None:
            m.new_place = candidate
            return True
    if m.location is None:
        place = choose_place(r, s, clause)
        if place is not None and precise(kb.locations[place].kind):
            m.location = place
            return True
        return False
    if m.location is None or precise(kb.locations[m.location].kind):
        return False
    place = choose_place(r, s, clause)
    if place and precise(kb.locations[place].kind) and \
            (m.location in kb.ancestors(place) or vague(m.location, kb)):
        m.location = place
        return True
    return False


def known_place(m: Mention, kb: KnowledgeBase) -> str | None:
    """The known place to compare a mention's by: none when a place the base does not know
    is more specific (it may lie within any place the base knows)."""
    if m.new_place is not None and m.location is not None and \
            specificity(m.new_place.kind) > specificity(kb.locations[m.location].kind):
        return None
    return m.location


def vague(location: str | None, kb: KnowledgeBase) -> bool:
    """A place too loose to tell incidents apart (a stretch of border spans two countries)."""
    return location is None or (location in kb.locations and kb.locations[location].kind == "border-area")


def places_agree(a: str | None, b: str | None, kb: KnowledgeBase) -> bool:
    """Two places may be the place of one incident: unknown or vague, the same, or one
    within the other."""
    if a is None or b is None or vague(a, kb) or vague(b, kb):
        return True
    return a == b or a in kb.ancestors(b) or b in kb.ancestors(a)


def join_placeless(r: Reading) -> None:
    """A mention with no place ("two rockets targeted US installations overnight") that fits
    one incident of the article told with its place is that incident, summed up."""
    kb = r.kb
    for m in list(r.mentions):
        if m.location is not None or m.new_place is not None or m.follows_other:
            continue
        fits = [p for p in r.mentions if p.order > m.order and p.location is not None
                and compatible_types(m.sub_event_type, p.sub_event_type)
                and m.date is not None and p.date is not None and m.date.overlaps(p.date)]
        if len(fits) == 1:
            absorb(fits[0], m, kb.ancestors, lambda place: vague(place, kb))
            r.mentions.remove(m)
            for other in r.mentions:
                other.relations = [(t, fits[0] if o is m else o) for t, o in other.relations]


def place_from_neighbours(r: Reading) -> None:
    """A mention still without a place, told on the day of an incident placed just before
    ("Dès dimanche matin, des centaines de personnes se sont rassemblées devant le
    consulat"), happened where the story is: at that incident's place."""
    for m in r.mentions:
        if m.location is not None or m.new_place is not None or m.date is None or m.follows_other \
                or m.names_places or not m.grounded:
            continue  # a place gives no incident a standing it lacked
        before = [p for p in r.mentions if p.sentence < m.sentence and p.location is not None
                  and 0 <= m.paragraph - p.paragraph <= Reach.of().neighbour_paragraphs
                  and p.date is not None and p.date.days <= 2 and p.date.overlaps(m.date, slack_days=1)]
        if before:
            m.location = max(before, key=lambda p: p.sentence).location
