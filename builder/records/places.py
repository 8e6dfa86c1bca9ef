"""The places a place lies within, walked up its `parent` links: for a page's "in Baghdad,
Iraq", an export's country and province, a synthetic chronology's parents, and the parent
cycles validation reports. Every walk stops the same way, at an id no location has and
before a place it has met already, so a cycle never loops."""

from __future__ import annotations

from collections.abc import Mapping

from .model import Location


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
