"""Choosing among namesakes: which of GeoNames' places a name designates, given where the text
or the knowledge base says we are. Sixteen Vasylivkas in Ukraine, two Avdiivkas, a town and a
governorate both called Kirkuk: as Mordecai does (without its Elasticsearch), the candidates
are narrowed by the level the place's kind calls for, by the countries of the context, by the
divisions the places around it lie in and by their distance, and last by population, when one
namesake is far larger than the others. A name that stays ambiguous is left unplaced."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from .index import LEVEL_PRECISION, Gazetteer, GeoPlace
from .names import fold

# A town GeoNames' packages lack may name a district (GeoNames has Seiyun only as the district
# of Sayun): then it is placed no better than that district, and says so.
FALLBACK = {"town": "district"}
DOMINANT = 5  # a namesake this many times as populous as the next is the one meant
NEAR_KM = 150  # places around it this close make a namesake the likely one


@dataclass
class Context:
    """Where a name is read: the countries in play, the GeoNames divisions (admin1 and admin2
    codes) of the places named around it, and their coordinates."""

    countries: list[str] = field(default_factory=list)  # most likely first
    divisions: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Choice:
    """The place chosen for a name (None when none or several fit), the candidates, and why."""

    place: GeoPlace | None
    candidates: list[GeoPlace]
    reason: str


def levels_for(precision: str) -> list[str]:
    """The GeoNames levels a place of this precision is found at (a site is at none of them:
    GeoNames' packages hold no bases, airports or crossings)."""
    return [level for level, p in LEVEL_PRECISION.items() if p == precision]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def _near(place: GeoPlace, points: list[tuple[float, float]]) -> float:
    if place.latitude is None or place.longitude is None or not points:
        return math.inf
    return min(km((place.latitude, place.longitude), p) for p in points)


def _dominant(places: list[GeoPlace]) -> GeoPlace | None:
    ranked = sorted(places, key=lambda p: -p.population)
    if len(ranked) == 1 or ranked[0].population >= DOMINANT * max(ranked[1].population, 1):
        return ranked[0]
    return None


def narrow(candidates: list[GeoPlace], context: Context) -> Choice:
    """The one candidate the context points at: the only one in the context's first country
    that has any, else in a division named around it, else the nearest within NEAR_KM of a
    place named around it, else the one far more populous than the rest."""
    if not candidates:
        return Choice(None, [], "not in the gazetteer")
    located = [p for p in candidates if p.latitude is not None]
    if not located:
        return Choice(None, candidates, "the gazetteer has no coordinates for it")
    pool = located
    for country in context.countries:
        in_country = [p for p in located if p.country == country]
        if in_country:
            pool = in_country
            break
    else:
        if context.countries:
            return Choice(None, candidates, f"only outside {', '.join(context.countries)}")
    steps = [
        ("in a division named around it", lambda ps: [p for p in ps if {p.admin1, p.admin2} & context.divisions]),
        ("the nearest to the places named around it",
         lambda ps: sorted((p for p in ps if _near(p, context.points) <= NEAR_KM),
                           key=lambda p: _near(p, context.points))[:1]),
    ]
    if len(pool) == 1:
        return Choice(pool[0], candidates, "the only one")
    for reason, keep in steps:
        kept = keep(pool)
        if len(kept) == 1:
            return Choice(kept[0], candidates, reason)
        if kept:
            pool = kept
    best = _dominant(pool)
    if best is not None:
        return Choice(best, candidates, f"over {DOMINANT} times as populous as any namesake")
    return Choice(None, candidates, f"{len(pool)} namesakes")


def choose(gazetteer: Gazetteer, names: Iterable[str], precision: str, context: Context) -> Choice:
    """The place that one of `names` designates at the level `precision` calls for, in context
    (or, for a town it lacks, at the level of FALLBACK)."""
    names = list(names)
    levels = levels_for(precision)
    if not levels:
        return Choice(None, [], f"GeoNames' packages hold no {precision}s")
    choice = _choose(gazetteer, names, levels, context)
    if not choice.candidates and precision in FALLBACK:
        fallback = _choose(gazetteer, names, levels_for(FALLBACK[precision]), context)
        if fallback.place is not None:
            return fallback
    return choice


def _choose(gazetteer: Gazetteer, names: list[str], levels: list[str], context: Context) -> Choice:
    """The place one of `names` designates at one of `levels`, in context."""
    found: dict[int, GeoPlace] = {}
    for name in names:
        for place in gazetteer.lookup(name, context.countries[:1] or (), levels):
            found.setdefault(place.geonames, place)
    if not found and context.countries:
        for name in names:
            for place in gazetteer.lookup(name, (), levels):
                found.setdefault(place.geonames, place)
    candidates = sorted(found.values(), key=lambda p: (-p.population, p.geonames))
    # "Kyiv Oblast" is the oblast GeoNames knows by that name, not Kyiv the city-region
    # found once "oblast" is dropped.
    written = {fold(name) for name in names}
    exact = [p for p in candidates if gazetteer.known_as(p.geonames, written)]
    return narrow(exact or candidates, context)
