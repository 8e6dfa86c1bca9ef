"""The view model: what each page of the site shows, worked out once from a valid chronology
(events by role, child places, related events, filters...), for the templates to lay out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..records import places, review
from ..records.folder import Chronology
from ..records.model import Actor, Event, Location, Source, slugify
from ..records.vocab import Vocabulary, vocabulary
from . import charts, humanize, urls

LATEST = 10  # events on the home page


@dataclass
class RelatedEvent:
    """Another event as seen from one event: how they relate, read from this side."""

    label: str
    event: Event


@dataclass
class Reliability:
    """How many independent sources report an event: distinct publishers, and each source
    with no publisher named counting on its own."""

    articles: int
    publishers: list[str]
    unnamed: int

    @property
    def independent(self) -> int:
        return len(self.publishers) + self.unnamed


@dataclass
class Attribution:
    """Who is said to have carried out an event, and on what grounds: a claim, the word of a
    named party, or only the sources' account; and whether they denied it."""

    actor: Actor
    role: str
    blamed_by: list[Actor]
    claimed: bool
    denied: bool


@dataclass
class Choice:
    """One option of a chronology filter."""

    value: str
    label: str
    count: int


@dataclass
class Filters:
    """The options of the chronology's filters: only values some event has."""

    years: list[Choice]
    types: list[Choice]
    actors: list[Choice]
    places: list[Choice]


@dataclass
class RoleGroup:
    """The events an actor took part in under one role."""

    role: str
    heading: str
    events: list[Event]


@dataclass
class Month:
    year: int
    month: int
    events: list[Event]

    @property
    def name(self) -> str:
        return humanize.month_words(self.year, self.month)

    @property
    def anchor(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass
class Year:
    year: int
    months: list[Month] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(m.events) for m in self.months)

    @property
    def page(self) -> str:
        return urls.year(self.year)

    @property
    def events(self) -> list[Event]:
        return [e for m in self.months for e in m.events]

    @property
    def month_counts(self) -> tuple[tuple[int, int], ...]:
        return tuple((m.month, len(m.events)) for m in self.months)

    def count_in(self, month: int) -> int:
        return dict(self.month_counts).get(month, 0)


class SiteView:
    """What each page of the site shows, worked out once from a valid chronology."""

    def __init__(self, chron: Chronology, vocab: Vocabulary | None = None, site_url: str | None = None):
        self.chron = chron
        self.vocab = vocab or vocabulary()
        self.site_url = site_url
        self.events = chron.published_events()
        self._position = {e.id: i for i, e in enumerate(self.events)}

    # -- events --------------------------------------------------------------------------

    def previous(self, event: Event) -> Event | None:
        i = self._position[event.id]
        return self.events[i - 1] if i > 0 else None

    def next(self, event: Event) -> Event | None:
        i = self._position[event.id]
        return self.events[i + 1] if i + 1 < len(self.events) else None

    def related(self, event: Event) -> list[RelatedEvent]:
        """Relations held by the event, then those other events hold to it (read inversely)."""
        out = [RelatedEvent(self.vocab.relations[r.type]["label"], self.chron.events[r.event])
               for r in event.relations if r.event in self._position]
        out += self._inverse_relations.get(event.id, [])
        return out

    @cached_property
    def _inverse_relations(self) -> dict[str, list[RelatedEvent]]:
        inverse: dict[str, list[RelatedEvent]] = defaultdict(list)
        for ev in self.events:
            for r in ev.relations:
                if r.event in self._position:
                    inverse[r.event].append(RelatedEvent(self.vocab.relations[r.type]["inverse"], ev))
        return inverse

    def actor_groups(self, event: Event) -> list[tuple[str, list]]:
        """The event's actors grouped by role, in the vocabulary's order of roles."""
        groups = []
        for role, info in self.vocab.roles.items():
            members = [(self.chron.actors[a.actor], a) for a in event.actors if a.role == role]
            if members:
                groups.append((info["heading"], members))
        return groups

    def location_chain(self, location_id: str | None) -> list[Location]:
        """The location and its parents, most specific first."""
        return places.chain(self.chron.locations, location_id)

    def reliability(self, event: Event) -> Reliability:
        """The event's sources counted by who published them."""
        articles = list(dict.fromkeys(ref.article for ref in event.sources))
        publishers = [self.chron.sources[a].publisher for a in articles]
        named = list(dict.fromkeys(p for p in publishers if p))
        return Reliability(len(articles), named, publishers.count(""))

    def attributions(self, event: Event) -> list[Attribution]:
        """The perpetrators and suspected perpetrators, each with how they are known."""
        return [Attribution(self.chron.actors[r.actor], r.role,
                            [self.chron.actors[b] for b in r.blamed_by], r.claimed, r.denied)
                for r in event.actors_in("perpetrator", "suspected-perpetrator")]

    def claimed_by(self, event: Event) -> list[Actor]:
        """The actors that claimed the event."""
        return [self.chron.actors[r.actor] for r in event.actors if r.claimed]

    def disagreements(self, event: Event) -> list[review.TollFigures]:
        """The tolls the event's sources give different figures for ("Sources differ: ...")."""
        return review.disagreements(event)

    def source_name(self, article_id: str) -> str:
        """How a reader knows a source: its publisher, else its title."""
        source = self.chron.sources[article_id]
        return source.publisher or source.title

    def location_of(self, event: Event) -> Location | None:
        return self.chron.locations.get(event.location) if event.location else None

    def source_of(self, article_id: str) -> Source:
        return self.chron.sources[article_id]

    # -- actors --------------------------------------------------------------------------

    @cached_property
    def _events_by_actor(self) -> dict[str, list[Event]]:
        by_actor: dict[str, list[Event]] = defaultdict(list)
        for ev in self.events:
            for actor_id in dict.fromkeys(a.actor for a in ev.actors):
                by_actor[actor_id].append(ev)
        return by_actor

    def actor_events(self, actor: Actor) -> list[Event]:
        return self._events_by_actor.get(actor.id, [])

    def actor_roles(self, actor: Actor) -> list[RoleGroup]:
        """The actor's events under each role it played, in date order."""
        groups = []
        for role, info in self.vocab.roles.items():
            events = [e for e in self.actor_events(actor)
                      if any(a.actor == actor.id and a.role == role for a in e.actors)]
            if events:
                groups.append(RoleGroup(role, info["heading"], events))
        return groups

    def actor_claims(self, actor: Actor) -> list[Event]:
        """The events the actor claimed, in date order."""
        return [e for e in self.actor_events(actor)
                if any(r.actor == actor.id and r.claimed for r in e.actors)]

    def affiliations(self, actor: Actor) -> list[tuple[str, Actor]]:
        """The actor's ties both ways: those it holds, then those others hold to it."""
        out = [(self.vocab.affiliations[a.relation]["label"], self.chron.actors[a.actor])
               for a in actor.affiliations]
        return out + self._inverse_affiliations.get(actor.id, [])

    @cached_property
    def _inverse_affiliations(self) -> dict[str, list[tuple[str, Actor]]]:
        inverse: dict[str, list[tuple[str, Actor]]] = defaultdict(list)
        for other in self.actors:
            for a in other.affiliations:
                inverse[a.actor].append((self.vocab.affiliations[a.relation]["inverse"], other))
        return inverse

    @cached_property
    def actors(self) -> list[Actor]:
        return sorted(self.chron.actors.values(), key=lambda a: a.name.casefold())

    # -- locations -----------------------------------------------------------------------

    @cached_property
    def locations(self) -> list[Location]:
        return sorted(self.chron.locations.values(), key=lambda loc: loc.name.casefold())

    @cached_property
    def _children(self) -> dict[str, list[Location]]:
        children: dict[str, list[Location]] = defaultdict(list)
        for loc in self.locations:
            if loc.parent:
                children[loc.parent].append(loc)
        return children

    def children(self, location: Location) -> list[Location]:
        return self._children.get(location.id, [])

    def roots(self) -> list[Location]:
        return [loc for loc in self.locations if not loc.parent or loc.parent not in self.chron.locations]

    @cached_property
    def _events_by_location(self) -> dict[str, list[Event]]:
        by_location: dict[str, list[Event]] = defaultdict(list)
        for ev in self.events:
            for loc in self.location_chain(ev.location):
                by_location[loc.id].append(ev)
        return by_location

    def location_events(self, location: Location) -> list[Event]:
        """Events at the place or at any place within it, in date order."""
        return self._events_by_location.get(location.id, [])

    def places_within(self, location: Location) -> list[str]:
        """The ids of the place and of every place within it, at any depth."""
        out, todo = [], [location]
        while todo:
            loc = todo.pop(0)
            if loc.id not in out:
                out.append(loc.id)
                todo += self.children(loc)
        return out

    # -- maps and charts -----------------------------------------------------------------

    def located(self, events: list[Event]) -> list[Event]:
        """The events whose place, or a place it lies within, has coordinates: those a map can
        show (at the precision `places.placement` gives)."""
        return [e for e in events if places.placement(self.chron.locations, e.location) is not None]

    def precision(self, location: Location) -> str:
        """The label of how precisely the location's own coordinates place it ("Town")."""
        return places.precision_of(location).label

    def timeline(self, events: list[Event]) -> charts.Timeline | None:
        """The incidents-per-month chart of `events` (None when there are none)."""
        return charts.monthly_timeline(events, list(self.vocab.event_types))

    # -- sources -------------------------------------------------------------------------

    @cached_property
    def sources(self) -> list[Source]:
        return sorted(self.chron.sources.values(),
                      key=lambda s: (s.published is None, s.published or 0, s.id))

    @cached_property
    def _events_by_source(self) -> dict[str, list[tuple[Event, list[str]]]]:
        by_source: dict[str, list[tuple[Event, list[str]]]] = defaultdict(list)
        for ev in self.events:
            for ref in ev.sources:
                by_source[ref.article].append((ev, ref.quotes))
        return by_source

    def source_events(self, source: Source) -> list[tuple[Event, list[str]]]:
        """The events the source supports, each with the quotes taken from it."""
        return self._events_by_source.get(source.id, [])

    # -- chronology ----------------------------------------------------------------------

    def years(self, events: list[Event] | None = None) -> list[Year]:
        """Events grouped by the year and month they start in."""
        years: dict[int, Year] = {}
        for ev in self.events if events is None else events:
            year = years.setdefault(ev.date.start.year, Year(ev.date.start.year))
            if not year.months or year.months[-1].month != ev.date.start.month:
                year.months.append(Month(ev.date.start.year, ev.date.start.month, []))
            year.months[-1].events.append(ev)
        return list(years.values())

    def latest(self, count: int = LATEST) -> list[Event]:
        return list(reversed(self.events[-count:]))

    def filter_data(self, event: Event) -> dict[str, str]:
        """What the chronology's filters match an event on, as space-separated ids."""
        return {
            "year": str(event.date.start.year),
            "type": slugify(event.event_type),
            "actors": " ".join(dict.fromkeys(r.actor for r in event.actors)),
            "places": " ".join(loc.id for loc in self.location_chain(event.location)),
        }

    def filters(self, events: list[Event] | None = None) -> Filters:
        """The filter options of a list of events (the whole chronology by default), each
        with how many events it keeps; no year filter when they all fall in one year."""
        events = self.events if events is None else events
        types = Counter(e.event_type for e in events)
        known = [t for t in self.vocab.event_types if t in types]
        in_order = known + sorted(set(types) - set(known))
        actors = Counter(a for e in events for a in dict.fromkeys(r.actor for r in e.actors))
        places = Counter(loc.id for e in events for loc in self.location_chain(e.location))
        years = self.years(events)
        return Filters(
            years=[Choice(str(y.year), str(y.year), y.count) for y in years] if len(years) > 1 else [],
            types=[Choice(slugify(t), t, types[t]) for t in in_order],
            actors=[Choice(a.id, a.name, actors[a.id]) for a in self.actors if a.id in actors],
            places=[Choice(loc.id, loc.name, places[loc.id]) for loc in self.locations if loc.id in places],
        )
