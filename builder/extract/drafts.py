"""Incidents into draft records: a new draft event for a new incident, new sources and empty
fields filled for a draft that already tells it, and the actor and place records they need.

A draft's title comes from lexicon/titles.yml ("Rocket attack on Camp Taji"), its quotes are
the sentences it rests on; reviewed and rejected events are never changed. Actors and places
come from the knowledge base with the places above them; a place the base lacks becomes a
draft location, placed from the GeoNames gazetteer when it knows the name where the article
is (builder/gazetteer/locate.py), else with no coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..gazetteer.locate import Placer
from ..records.folder import Chronology
from ..records.model import Actor, Event, Location, Relation, Source, SourceRef, Toll, Weapon, id_from, slugify
from ..records.places import chain
from ..records.vocab import vocabulary
from .knowledge import KnowledgeBase, PlaceCandidate
from .lexicon import Compiled, LexiconError, LexiconFile
from .merge import (
    Incident,
    per_article,
    resolved_actors,
    resolved_date,
    resolved_location,
    resolved_type,
)
from .reading import Mention
from .rules import PlaceKinds


class Places:
    """The parent chain and kind of every place: the records', else the knowledge base's."""

    def __init__(self, kb: KnowledgeBase, chron: Chronology):
        self.locations: dict[str, Location] = {**kb.locations, **chron.locations}

    def add(self, location: Location) -> None:
        self.locations[location.id] = location

    def vague(self, location_id: str) -> bool:
        """A place too loose to tell incidents apart: a stretch of border."""
        location = self.locations.get(location_id)
        return location is not None and location.kind == "border-area"

    def specificity(self, location_id: str) -> int:
        """How specific a place is (a base 6, a town 4, a country 0: lexicon/place_kinds.yml)."""
        location = self.locations.get(location_id)
        return PlaceKinds.of().specificity(location.kind) if location is not None else 0

    def ancestors(self, location_id: str) -> list[str]:
        """The places above, nearest first."""
        return [location.id for location in chain(self.locations, location_id)[1:]]




# --- incidents to events ----------------------------------------------------------------


@dataclass(frozen=True)
class Titles(Compiled, file="titles", what="titles lexicon", per_language=False):
    """The titles of drafted events (lexicon/titles.yml), by sub-event type."""

    by_type: dict[str, dict[str, Any]]

    @classmethod
    def compile(cls, file: LexiconFile) -> Titles:
        """The titles, checked to give every sub-event type of the vocabulary its own."""
        for sub_type in vocabulary().sub_event_types:
            if sub_type not in file.data:
                raise file.error((), f"missing {sub_type!r}: every sub-event type needs its `what` and "
                                     "`preposition` (and `by_weapon`, a mapping, if any)")
        return cls(file.data)


def title_for(sub_event_type: str, weapons: dict[str, int | None], place: str | None,
              titles: Titles) -> str:
    """"Rocket attack on Camp Taji", "Arrests in Baghdad", "Drone strike"."""
    entry = titles.by_type[sub_event_type]
    what = entry["what"]
    for name in weapons:
        if name.lower() in entry.get("by_weapon", {}):
            what = entry["by_weapon"][name.lower()]
            break
    return f"{what} {entry['preposition']} {place}" if place else what


def _weapons(by_article: dict[str, Mention]) -> list[Weapon]:
    names: dict[str, list[int]] = {}
    for m in by_article.values():
        for name, count in m.weapons.items():
            names.setdefault(name, [])
            if count is not None:
                names[name].append(count)
    out = []
    for name, counts in names.items():
        best = Toll.from_figures(counts)
        out.append(Weapon(name, best.best if best else None))
    return out


def _summary(by_article: dict[str, Mention], sources: dict[str, Source]) -> str:
    """The draft's summary: the first sentence an English source gives of it, else any."""
    ordered = sorted(by_article.values(), key=lambda m: (
        sources[m.article].language != "en" if m.article in sources else True, m.article))
    return ordered[0].quotes[0] if ordered and ordered[0].quotes else ""


def new_event(inc: Incident, places: Places, chron: Chronology, sources: dict[str, Source],
              titles: Titles) -> Event | None:
    """A draft event for an incident no record holds yet (None when its type is unknown)."""
    sub_type = resolved_type(inc)
    if sub_type is None:
        return None
    event_type = vocabulary().event_type_of(sub_type)
    if event_type is None:  # the lexicons are checked, as they load, to name only these types
        raise LexiconError(f"'{sub_type}', a sub-event type the lexicons give, is not one of "
                           "builder/vocab/event_types.yml")
    span, time = resolved_date(inc)
    location = resolved_location(inc, places.ancestors, places.vague)
    by_article = per_article(inc)
    refs = [SourceRef(a, m.quotes, m.killed, m.injured) for a, m in by_article.items()]
    place_name = chron.locations[location].name if location in chron.locations else None
    weapons = _weapons(by_article)
    title = title_for(sub_type, {w.name: w.count for w in weapons}, place_name, titles)
    return Event(
        id=_unique_id(f"{span.start.isoformat()}-{slugify(title)}", chron),
        title=title,
        event_type=event_type,
        sub_event_type=sub_type,
        date=span,
        time=time,
        location=location,
        actors=resolved_actors(inc),
        fatalities=Toll.from_figures([r.fatalities for r in refs if r.fatalities is not None]),
        injured=Toll.from_figures([r.injured for r in refs if r.injured is not None]),
        weapons=weapons,
        summary=_summary(by_article, sources),
        sources=refs,
        status="draft",
    )


def _unique_id(base: str, chron: Chronology) -> str:
    candidate, n = base, 2
    while candidate in chron.events:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def updated_event(ev: Event, inc: Incident, places: Places) -> Event | None:
    """A draft event with the new sources an incident brings and its empty fields filled;
    None when nothing changes. Values already there are never replaced."""
    known = {s.article for s in ev.sources}
    fresh = {a: m for a, m in per_article(inc).items() if a not in known}
    if not fresh:
        return None
    changed = Event.from_dict(ev.to_dict())
    changed.sources += [SourceRef(a, m.quotes, m.killed, m.injured) for a, m in fresh.items()]

    def figures(name: str) -> list[int]:
        return [getattr(s, name) for s in changed.sources if getattr(s, name) is not None]

    if changed.fatalities is None:
        changed.fatalities = Toll.from_figures(figures("fatalities"))
    if changed.injured is None:
        changed.injured = Toll.from_figures(figures("injured"))
    if changed.location is None:
        changed.location = resolved_location(inc, places.ancestors, places.vague)
    if changed.time is None:
        changed.time = resolved_date(inc)[1] if resolved_date(inc)[0] == changed.date else None
    if not changed.actors:
        changed.actors = resolved_actors(inc)
    if not changed.weapons:
        changed.weapons = _weapons(fresh)
    return changed


def relations_of(inc: Incident, event_of: dict[int, Event]) -> list[Relation]:
    """The relations an incident's mentions give, to the events the related mentions became."""
    out: list[Relation] = []
    own = event_of.get(id(inc))
    for m in inc.mentions:
        for rtype, other in m.relations:
            target = event_of.get(id(other))
            if target is not None and own is not None and target.id != own.id:
                rel = Relation(rtype, target.id)
                if rel not in out:
                    out.append(rel)
    return out


# --- knowledge base entities ------------------------------------------------------------


def place_of_candidate(m: Mention, kb: KnowledgeBase, chron: Chronology, places: Places,
                       created: dict[str, Location], placer: Placer, around: list[str]) -> None:
    """Give a mention of a place the base lacks a draft location record of its own, placed by
    the gazetteer among its namesakes by the article's context (`around`: the known places the
    article names)."""
    candidate = m.new_place
    if candidate is None:
        return
    loc_id = id_from(candidate.name, "place")
    known = chron.locations.get(loc_id) or kb.locations.get(loc_id) or created.get(loc_id) or \
        kb.location_called(candidate.name, candidate.kind)
    if known is None:
        parent = m.location
        above = (chron.locations.get(parent) or kb.locations.get(parent)) if parent else None
        country = above.country if above is not None else None
        name = _place_name(candidate)
        known = Location(id=loc_id, name=name, kind=candidate.kind, parent=parent,
                         aliases={"und": [candidate.name]} if candidate.name != name else {},
                         country=country, status="draft",
                         description="Added by extraction: check the name, parent and coordinates.")
        known = placer.place(known, candidate.name, around)
        created[loc_id] = known
        places.add(known)
    m.location = known.id


@dataclass(frozen=True)
class DraftWords(Compiled, file="drafts", what="drafting lexicon", per_language=False):
    """What drafting reads besides the titles (lexicon/drafts.yml)."""

    name_determiners: re.Pattern[str]  # what a new place's name loses at its start
    bare_name_kinds: frozenset[str]  # kinds of place called by their name alone

    @classmethod
    def compile(cls, file: LexiconFile) -> DraftWords:
        """The words of the file, as patterns; each kind checked to be one of the vocabulary's."""
        kinds = vocabulary().location_kinds
        for i, kind in enumerate(file.get("bare_name_kinds")):
            if kind not in kinds:
                raise file.error(("bare_name_kinds", i), f"{kind!r} is not a location kind of "
                                                         "builder/vocab/location_kinds.yml")
        return cls(re.compile(rf"^(?:{file.patterns('name_determiners', spaced=False)})\s*", re.IGNORECASE),
                   frozenset(file.get("bare_name_kinds")))


def _place_name(candidate: PlaceCandidate) -> str:
    """A new place's name as the article gives it, with its kind ("Camp Loyalty", "Kalsu air
    base"), or alone for a settlement ("the town of Tell Zarqa" is "Tell Zarqa")."""
    words = DraftWords.of()
    if candidate.kind in words.bare_name_kinds:
        return candidate.name
    return words.name_determiners.sub("", candidate.text.strip()) or candidate.name


def ensure_entities(chron: Chronology, kb: KnowledgeBase, events: list[Event],
                    created: dict[str, Location]) -> list[tuple[str, Actor | Location]]:
    """The actor and location records the events need that the records lack, with the
    places above them and the actors they are affiliated with."""
    wanted_actors = [a.actor for ev in events for a in ev.actors] + \
                    [b for ev in events for a in ev.actors for b in a.blamed_by]
    wanted_places = [ev.location for ev in events if ev.location]
    out: list[tuple[str, Actor | Location]] = []
    while wanted_actors:
        actor_id = wanted_actors.pop()
        if actor_id in chron.actors or actor_id not in kb.actors:
            continue
        actor = kb.actors[actor_id]
        chron.add("actors", actor)
        out.append(("actors", actor))
        wanted_actors += [a.actor for a in actor.affiliations]
    while wanted_places:
        loc_id = wanted_places.pop()
        if loc_id in chron.locations:
            continue
        loc = created.get(loc_id) or kb.locations.get(loc_id)
        if loc is None:
            continue
        chron.add("locations", loc)
        out.append(("locations", loc))
        if loc.parent:
            wanted_places.append(loc.parent)
    return out




def draft_events(incidents: list[Incident], chron: Chronology, places: Places,
                  sources: dict[str, Source], known_places: dict[str, Location]) -> dict[int, Event]:
    """The event of every incident: a new draft, a draft with new sources, or the record as
    it is (reviewed and rejected events are never changed)."""
    titles = Titles.of()
    view = Chronology(locations=known_places, events=chron.events)
    event_of: dict[int, Event] = {}
    ordered = sorted(incidents, key=lambda inc: (inc.existing is None, inc.date.start, inc.date.end,
                                                 min((m.article, m.order) for m in inc.mentions)
                                                 if inc.mentions else ("", 0)))
    for inc in ordered:
        if inc.existing is not None:
            changed = None
            if inc.existing.status == "draft" and inc.mentions:
                changed = updated_event(inc.existing, inc, places)
            event_of[id(inc)] = changed or inc.existing
        else:
            ev = new_event(inc, places, view, sources, titles)
            if ev is not None:
                event_of[id(inc)] = ev
        if id(inc) in event_of:
            chron.events[event_of[id(inc)].id] = event_of[id(inc)]
    return event_of
