"""The places a place lies within, walked up its `parent` links: for a page's "in Baghdad,
Iraq", an export's country and province, where the map puts an event and how precisely, a
synthetic chronology's parents, and the parent cycles validation reports. Every walk stops the
same way, at an id no location has and before a place it has met already, so a cycle never
loops."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Location
from .vocab import GeoPrecision, vocabulary


def chain(locations: Mapping[str, Location], location_id: str | None) -> list[Location]:
    """The place `location_id` and the places it lies within, most specific first; empty
    when no location has that id."""
    out: list[Location] = []
    seen: set[str] = set()
    while location_id and location_id in locations and location_id not in seen:
        location = locations[location_id]
        out.append(location)
        seen.add(location_id)
        location_id = location.parent
    return out


def parent_cycles(locations: Mapping[str, Location]) -> list[list[str]]:
    """Each cycle of parents once, as the ids around it from the first of them by id back to
    that one (["a", "b", "a"]; a place that is its own parent gives ["a", "a"])."""
    in_cycle: set[str] = set()
    cycles = []
    for location_id in sorted(locations):
        if location_id in in_cycle:
            continue
        ids = [location.id for location in chain(locations, location_id)]
        if locations[ids[-1]].parent == location_id:
            in_cycle.update(ids)
            cycles.append([*ids, location_id])
    return cycles


def precision_of(location: Location) -> GeoPrecision:
    """How precisely the location's coordinates place it: its record's `precision`, else the
    one its kind has (a town's coordinates are the town's, a governorate's only its main town)."""
    v = vocabulary()
    return v.geo_precisions[location.precision or v.kind_precision(location.kind)]


@dataclass(frozen=True)
class Placement:
    """Where the map and the exports put a place: a point, the place whose coordinates it is
    (the place itself, else the nearest place it lies within that has some), and how precise."""

    latitude: float
    longitude: float
    precision: GeoPrecision
    located_at: Location  # the place whose coordinates these are


def placement(locations: Mapping[str, Location], location_id: str | None) -> Placement | None:
    """The point a place is shown at, with its precision: its own coordinates, else those of
    the nearest place it lies within that has some (a village the records place no better than
    its district is shown at the district's precision); None when no place of the chain has any."""
    for location in chain(locations, location_id):
        if location.latitude is not None and location.longitude is not None:
            return Placement(location.latitude, location.longitude, precision_of(location), location)
    return None
