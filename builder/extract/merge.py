"""Merging: the mentions of one incident, across articles and languages, become one incident.

A mention joins the incident it agrees with best: a compatible type, overlapping dates, the
same place or one within the other, and, as further evidence, the same actors, tolls and
weapons. Events already in the records take part, so a re-run finds its own events again
(by the sentences they were taken from) and a new article adds a source to a known event.
The mentions merged are those `find_mentions` returns, every one of them dated.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..records.model import ActorRole, DateSpan, Event
from ..records.vocab import vocabulary
from .event_types import compatible_types
from .lexicon import Compiled, LexiconFile
from .reading import Mention, absorb
from .rules import PlaceKinds, RoleRules

PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "year": 3}


@dataclass(frozen=True)
class MergeRules(Compiled, file="merge", what="merge rules", per_language=False):
    """How well a mention must fit an incident to join it, and the points each agreement is worth
    (lexicon/merge.yml)."""

    threshold: float
    same_quotes: float
    points: dict[str, float]
    role_classes: dict[str, str]
    # types, how specific their place must be, and whether both must give one number killed
    related_types: tuple[tuple[frozenset[str], int, bool], ...]

    def related(self, a: str | None, b: str | None, place_specificity: int, same_killed: bool = False) -> bool:
        """Whether two types are of one group of related_types, told at a place precise enough
        (and with one number killed, where the group asks for it)."""
        return any(a in group and b in group and place_specificity >= least and (same_killed or not toll)
                   for group, least, toll in self.related_types)

    @classmethod
    def compile(cls, file: LexiconFile) -> MergeRules:
        """The rules, each role checked to be one of builder/vocab/roles.yml."""
        for role in file.get("role_classes"):
            if role not in vocabulary().roles:
                raise file.error(("role_classes", role), f"{role!r} is not a role of builder/vocab/roles.yml")
        types, kinds = vocabulary().sub_event_types, vocabulary().location_kinds
        for i, group in enumerate(file.get("related_types")):
            for j, name in enumerate(group["types"]):
                if name not in types:
                    raise file.error(("related_types", i, "types", j),
                                     f"{name!r} is not a sub-event type of builder/vocab/event_types.yml")
            if group["place_at_least"] not in kinds:
                raise file.error(("related_types", i, "place_at_least"), f"{group['place_at_least']!r} is not "
                                 "a location kind of builder/vocab/location_kinds.yml")
        related = tuple((frozenset(g["types"]), PlaceKinds.of().specificity(g["place_at_least"]),
                         bool(g.get("same_killed", False))) for g in file.get("related_types"))
        return cls(float(file.get("threshold")), float(file.get("same_quotes")), dict(file.get("points")),
                   dict(file.get("role_classes")), related)


@dataclass
class Incident:
    """One incident: the mentions that tell it, or an event already in the records, or both."""

    sub_event_type: str | None
    date: DateSpan
    location: str | None
    roles: dict[str, str] = field(default_factory=dict)
    killed: set[int] = field(default_factory=set)
    injured: set[int] = field(default_factory=set)
    weapons: set[tuple[str, int]] = field(default_factory=set)
    weapon_names: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    quotes: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    existing: Event | None = None

    @classmethod
    def of_mention(cls, m: Mention) -> Incident:
        inc = cls(m.sub_event_type, m.known_date, m.location)
        inc.add(m, lambda _: [])
        return inc

    @classmethod
    def of_event(cls, ev: Event) -> Incident:
        inc = cls(ev.sub_event_type, ev.date, ev.location, existing=ev)
        inc.roles = {a.actor: MergeRules.of().role_classes[a.role] for a in ev.actors}
        for src in ev.sources:
            inc.articles.add(src.article)
            inc.quotes.update(src.quotes)
            if src.fatalities is not None:
                inc.killed.add(src.fatalities)
            if src.injured is not None:
                inc.injured.add(src.injured)
        inc.weapons = {(w.name, w.count) for w in ev.weapons if w.count is not None}
        inc.weapon_names = {w.name for w in ev.weapons}
        return inc

    def add(self, m: Mention, ancestors, vague=lambda _place: False) -> None:
        """Take a mention in, narrowing the date and place to the most precise given."""
        if self.mentions or self.existing:
            if self.sub_event_type is None:
                self.sub_event_type = m.sub_event_type
            span = m.known_date
            if span.days < self.date.days and self.date.overlaps(span):
                self.date = span
            if m.location and (self.location is None or self.location in ancestors(m.location)
                               or (vague(self.location) and not vague(m.location))):
                self.location = m.location
        self.mentions.append(m)
        self.articles.add(m.article)
        self.quotes.update(m.quotes)
        for actor, role in m.actors.items():
            self.roles.setdefault(actor, MergeRules.of().role_classes[role.role])
        if m.killed is not None:
            self.killed.add(m.killed)
        if m.injured is not None:
            self.injured.add(m.injured)
        self.weapons.update((name, n) for name, n in m.weapons.items() if n is not None)
        self.weapon_names.update(m.weapons)


def affinity(m: Mention, inc: Incident, ancestors, kin=lambda _actor: (),
             vague=lambda _place: False, precise=lambda _place: 0) -> float | None:
    """How well a mention fits an incident; None when it cannot be the same incident.
    `ancestors` gives a place's parents, `kin` the actors an actor is part of or contains,
    `precise` how specific a place is (lexicon/place_kinds.yml)."""
    rules = MergeRules.of()
    points, classes = rules.points, rules.role_classes
    if inc.existing is not None and inc.quotes.intersection(m.quotes):
        return rules.same_quotes  # the very sentences this event was taken from
    if m.article in inc.articles and inc.existing is None:
        return None  # an article's own mentions of one incident were merged already
    related = not compatible_types(m.sub_event_type, inc.sub_event_type)
    same_killed = bool(m.killed) and m.killed in inc.killed
    if related and not (m.location and inc.location and rules.related(
            m.sub_event_type, inc.sub_event_type, max(precise(m.location), precise(inc.location)), same_killed)):
        return None
    span = m.known_date
    if not span.overlaps(inc.date):
        return None
    score = 0.0
    if m.sub_event_type and m.sub_event_type == inc.sub_event_type:
        score += points["same_type"]
    if span.precision == "day" and inc.date.precision == "day" and span.start == inc.date.start:
        score += points["same_day"]
    if m.location and inc.location and not vague(m.location) and not vague(inc.location):
        if m.location == inc.location:
            score += points["same_place"]
        elif m.location in ancestors(inc.location) or inc.location in ancestors(m.location):
            score += points["place_within"]
        else:
            return None
    elif related:
        return None  # told in other words, it must be told at its place
    for actor, role in m.actors.items():
        known = inc.roles.get(actor)
        if known == classes[role.role]:
            score += points["same_role"]
        elif known is not None:
            score += points["other_role"]
        elif any(inc.roles.get(other) == classes[role.role] for other in kin(actor)):
            score += points["kin_role"]  # "US forces" here, "the United States" there
    if m.killed is not None and m.killed in inc.killed:
        score += points["same_killed"]
    if m.injured is not None and m.injured in inc.injured:
        score += points["same_injured"]
    names = {name for name, _ in inc.weapons} | inc.weapon_names
    if names.intersection(m.weapons):
        score += points["same_weapon"]
    if any((name, n) in inc.weapons for name, n in m.weapons.items() if n is not None):
        score += points["same_weapon_count"]
    return score


def _months(span: DateSpan) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    y, mo = span.start.year, span.start.month
    while (y, mo) <= (span.end.year, span.end.month) and len(out) < 400:
        out.append((y, mo))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out


def cluster(mentions: list[Mention], existing: list[Event], ancestors,
            kin=lambda _actor: (), vague=lambda _place: False, precise=lambda _place: 0) -> list[Incident]:
    """Group mentions into incidents, precise mentions first so vague ones join them."""
    incidents = [Incident.of_event(ev) for ev in existing]
    by_month: dict[tuple[int, int], list[Incident]] = defaultdict(list)
    for inc in incidents:
        for key in _months(inc.date):
            by_month[key].append(inc)
    ordered = sorted(mentions, key=lambda m: (PRECISION_RANK.get(m.known_date.precision, 4),
                                              m.known_date.days, m.known_date.start, m.article, m.order))
    for m in ordered:
        seen: set[int] = set()
        best, best_score = None, MergeRules.of().threshold
        for key in _months(m.known_date):
            for inc in by_month.get(key, []):
                if id(inc) in seen:
                    continue
                seen.add(id(inc))
                score = affinity(m, inc, ancestors, kin, vague, precise)
                if score is not None and score >= best_score and (best is None or score > best_score):
                    best, best_score = inc, score
        if best is None:
            best = Incident.of_mention(m)
            incidents.append(best)
            for key in _months(m.known_date):
                by_month[key].append(best)
        else:
            best.add(m, ancestors, vague)
    return incidents


# --- an incident's fields ---------------------------------------------------------------


def _most_common(values: list, tie=min):
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return tie([v for v in counts if counts[v] == top])


def resolved_type(inc: Incident) -> str | None:
    """The sub-event type most mentions give (the most precise mention's on a tie)."""
    types = [m.sub_event_type for m in inc.mentions if m.sub_event_type]
    if not types:
        return inc.sub_event_type
    counts = Counter(types)
    top = max(counts.values())
    for m in sorted(inc.mentions, key=lambda m: (m.known_date.days, m.article, m.order)):
        if m.sub_event_type and counts[m.sub_event_type] == top:
            return m.sub_event_type
    return types[0]


def resolved_date(inc: Incident) -> tuple[DateSpan, str | None]:
    """The narrowest date the mentions agree on, and the time of day given with it."""
    spans = [m.known_date for m in inc.mentions]
    narrowest = min(s.days for s in spans)
    candidates = [s for s in spans if s.days == narrowest]
    span = _most_common([(s.start, s.end, s.precision) for s in candidates])
    chosen = DateSpan(*span)
    times = [m.time for m in inc.mentions if m.time and m.date == chosen]
    return chosen, _most_common(times, tie=sorted_first)


def sorted_first(values):
    return sorted(values)[0]


def resolved_location(inc: Incident, ancestors, vague=lambda _place: False) -> str | None:
    """The most specific place the mentions give that lies within all the others (a vague
    place, such as a stretch of border, only when no other is given)."""
    places = [m.location for m in inc.mentions if m.location]
    places = [p for p in places if not vague(p)] or places
    if not places:
        return inc.location
    deepest = [p for p in set(places) if all(q == p or q in ancestors(p) for q in places)]
    if deepest:
        return deepest[0]
    return _most_common(places, tie=sorted_first)


def resolved_actors(inc: Incident) -> list[ActorRole]:
    """Every actor the mentions name, in the role most of them give (the stronger on a tie)."""
    by_actor: dict[str, list[ActorRole]] = defaultdict(list)
    first_seen: dict[str, tuple] = {}
    for m in sorted(inc.mentions, key=lambda m: (m.article, m.order)):
        for actor, role in m.actors.items():
            by_actor[actor].append(role)
            first_seen.setdefault(actor, (len(first_seen),))
    order = RoleRules.of().strongest_first
    out = []
    for actor in sorted(by_actor, key=first_seen.__getitem__):
        roles = by_actor[actor]
        role = _most_common([r.role for r in roles], tie=lambda rs: min(rs, key=order.index))
        out.append(ActorRole(actor, role,
                             sorted({b for r in roles for b in r.blamed_by if b != actor}),
                             any(r.claimed for r in roles), any(r.denied for r in roles)))
    return out


def per_article(inc: Incident) -> dict[str, Mention]:
    """One mention per article, the article's mentions folded together, in article order."""
    out: dict[str, Mention] = {}
    for m in sorted(inc.mentions, key=lambda m: (m.article, m.order)):
        if m.article not in out:
            out[m.article] = Mention(m.article, m.order, m.paragraph, m.sub_event_type, m.date,
                                     m.explicit_date, m.time, m.location)
        absorb(out[m.article], m, lambda _place: [])
    return out
