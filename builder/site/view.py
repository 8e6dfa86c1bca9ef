"""The view model: what each page of the site shows, worked out once from a valid chronology
(events by role, child places, related events, filters...), for the templates to lay out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ..records import places, review
from ..records.folder import Chronology
from ..records.model import Actor, Event, Location, Source, Toll
from ..records.vocab import Vocabulary, vocabulary
from . import charts, humanize, urls
from .history import Change, History
from .settings import Extra
from .words import words as site_words

LATEST = 10  # events on the home page
CHANGES_LISTED = 200  # changes on the changes page and in its feed


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
class RecordChanges:
    """A record's history as its page tells it."""

    first: Change | None
    last: Change | None
    uncommitted: bool
    missing: str  # why there is no history, when there is none


@dataclass
class ChangeEntry:
    """One line of the chronology's changes: a new, changed or withdrawn event."""

    day: date
    what: str  # "new", "changed" or "withdrawn"
    record_id: str
    title: str
    event: Event | None  # None when withdrawn
    subject: str  # the commit's message


@dataclass
class TollCell:
    """A toll as the event page's facts show it: the range the record and its sources allow
    ("3–4"), the record's best value, and each figure with the sources giving it when they differ."""

    words: str
    best: int | None
    disputed: bool
    by_source: list[tuple[int, list[str]]]


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

    def __init__(self, chron: Chronology, vocab: Vocabulary | None = None, site_url: str | None = None,
                 history: History | None = None, extra: Extra | None = None):
        self.chron = chron
        self.vocab = vocab or vocabulary()
        self.site_url = site_url
        self.extra = extra or Extra()
        self.map_tiles = self.extra.tiles
        self.history = history or History(missing="the build was not given the records' history")
        self.events = chron.published_events()
        self._position = {e.id: i for i, e in enumerate(self.events)}

    @cached_property
    def drafts(self) -> list[Event]:
        """The published events no maintainer has reviewed yet."""
        return [e for e in self.events if e.status == "draft"]

    # -- history -------------------------------------------------------------------------

    def record_file(self, kind: str, record_id: str) -> str:
        """A record's file relative to the records folder (events/<id>.yml), as git names it."""
        rf = self.chron.files.get((kind, record_id))
        if rf is not None:
            parts = rf.path.parts
            if kind in parts[:-1]:  # the last folder of that name: the kind's own, inside the records
                return "/".join(parts[len(parts) - 1 - parts[::-1].index(kind):])
            return f"{kind}/{rf.path.name}"
        return f"{kind}/{record_id}.yml"

    def changes(self, event: Event) -> RecordChanges:
        """When the event's record was first committed and last changed, and how."""
        rel = self.record_file("events", event.id)
        return RecordChanges(self.history.first(rel), self.history.last(rel),
                             rel in self.history.uncommitted, self.history.missing)

    def added_on(self, source: Source) -> date | None:
        """The day the source's record was first committed: when the chronology took it in."""
        first = self.history.first(self.record_file("sources", source.id))
        return first.day if first else None

    @cached_property
    def data_date(self) -> date | None:
        """The day the data was last changed: the newest commit of the records, else the last
        day an event may have happened on."""
        days = [c[0].day for c in self.history.changes.values() if c]
        return max(days) if days else (max(e.date.end for e in self.events) if self.events else None)

    def change_log(self, limit: int = CHANGES_LISTED) -> list[ChangeEntry]:
        """The newest changes to the chronology's events, newest first: new, changed and
        withdrawn (rejected or deleted) events."""
        out = []
        for event in self.chron.events.values():
            last = self.history.last(self.record_file("events", event.id))
            if last is None:
                continue
            if event.status == "rejected":
                out.append(ChangeEntry(last.day, "withdrawn", event.id, event.title, None, last.subject))
            elif event.id in self._position:
                first = self.history.first(self.record_file("events", event.id))
                what = "new" if first is not None and first.day == last.day and first == last else "changed"
                out.append(ChangeEntry(last.day, what, event.id, event.title, event, last.subject))
        for rel, change in self.history.deleted("events"):
            record_id = rel.removeprefix("events/").rsplit(".", 1)[0]
            if record_id not in self.chron.events:
                out.append(ChangeEntry(change.day, "withdrawn", record_id, record_id, None, change.subject))
        out.sort(key=lambda c: (c.day, c.record_id), reverse=True)
        return out[:limit]

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

    def toll_cell(self, event: Event, which: str) -> TollCell:
        """The toll `which` ("fatalities" or "injured") for the facts: a range when the record
        gives one or its sources disagree."""
        toll: Toll | None = getattr(event, which)
        found = next((d for d in self.disagreements(event) if d.toll == which), None)
        if found is None:
            return TollCell(humanize.toll_words(toll), toll.best if toll else None, bool(toll and toll.disputed), [])
        values = found.values + ([toll.low, toll.high] if toll else [])
        low, high = min(values), max(values)
        return TollCell(f"{low}–{high}", toll.best if toll else None, True, found.by_value())

    def summary(self, event: Event) -> str:
        """The event in one or two sentences written from its fields (builder/site/words/summaries.yml):
        what, where, when, the toll, then who is said to have done it. Plain text."""
        words = site_words().summaries
        clauses = words["sub_event_types"].get(event.sub_event_type, words["default"])
        place = self.location_of(event)
        fields = {"place": place.name if place else words["unknown_place"], "what": event.sub_event_type,
                  "weapons": humanize.and_list([humanize.weapon_words(w, spelled=True) for w in event.weapons])}
        clause = clauses["weapons"] if event.weapons and "weapons" in clauses else clauses["plain"]
        text = humanize.capitalized(clause.format(**fields)) + " " + humanize.date_phrase(event.date, event.time)
        text += humanize.toll_phrase(event.fatalities, event.injured) + "."
        if event.fatalities is not None and event.fatalities.high == 0:
            text += " No one was reported killed."
        said = words["attribution"]
        for a in self.attributions(event):
            if a.claimed:
                text += " " + said["claimed"].format(actor=a.actor.name)
            elif a.blamed_by:
                blamers = humanize.and_list([b.name for b in a.blamed_by])
                text += " " + said["blamed"].format(actor=a.actor.name, by=blamers)
            elif a.role == "perpetrator":
                text += " " + said["perpetrator"].format(actor=a.actor.name)
            else:
                text += " " + said["suspected"].format(actor=a.actor.name)
            if a.denied:
                text += " " + said["denied"].format(actor=humanize.capitalized(a.actor.name))
        return text

    def own_summary(self, event: Event) -> str:
        """The record's `summary` when a maintainer wrote it, not when it repeats a quote."""
        text = " ".join(event.summary.split())
        quotes = {" ".join(q.split()) for ref in event.sources for q in ref.quotes}
        return "" if not text or text in quotes else event.summary

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

    def actors_by_events(self) -> list[Actor]:
        """The actors with the most events first, then by name; those with none last."""
        return sorted(self.actors, key=lambda a: -len(self.actor_events(a)))

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
        """The places directly within `location`, the most events first, then by name."""
        return sorted(self._children.get(location.id, []), key=lambda loc: -len(self.location_events(loc)))

    def roots(self) -> list[Location]:
        """The places within no other, the most events first, then by name."""
        return sorted((loc for loc in self.locations if not loc.parent or loc.parent not in self.chron.locations),
                      key=lambda loc: -len(self.location_events(loc)))

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

    def areas(self, events: list[Event]) -> list[Event]:
        """The events the map draws as a dashed circle, never a pin: those placed no better
        than a district, a region or a country."""
        return [e for e in events
                if (point := places.placement(self.chron.locations, e.location)) and not point.precision.pin]

    def precision(self, location: Location) -> str:
        """The label of how precisely the location's own coordinates place it ("Town")."""
        return places.precision_of(location).label

    def type_legend(self, events: list[Event]) -> list[tuple[int, str]]:
        """The event types of `events` with their colour's number, in the vocabulary's order."""
        order = {t: i for i, t in enumerate(self.vocab.event_types)}
        present = {e.event_type for e in events}
        return sorted((order.get(t, len(order)), t) for t in present)

    @cached_property
    def _busiest_month(self) -> int:
        return max((len(m.events) for y in self.years() for m in y.months), default=1)

    def heat(self, count: int) -> int:
        """How dark a month of the chronology's calendar is: 1 to 4, by its share of the busiest month."""
        return min(4, 1 + (4 * count - 1) // self._busiest_month)

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
