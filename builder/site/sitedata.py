"""What the browser reads to draw the maps and filter the whole chronology: every published
event in one compact JSON file, loaded once per visit.

Events are rows of values, not objects, and actors, places and event types are numbered
once and referred to by number, so 10,000 events stay a file a browser loads and filters
at once. docs/assets/chronology.js reads it; `COLUMNS` names each value of a row.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator

from ..records import places as placing
from ..records.model import Event, Location, slugify
from ..records.vocab import vocabulary
from . import humanize, urls
from .view import SiteView

# The values of an event's row, in order.
COLUMNS = ("id", "title", "start", "end", "when", "type", "place", "actors", "killed", "injured", "draft")


def _toll(toll) -> int | list[int] | None:
    """A toll as the filter reads it: its number, [low, high] when the sources disagree, or None."""
    if toll is None:
        return None
    return [toll.low, toll.high] if toll.disputed else toll.best


def event_row(view: SiteView, event: Event, types: dict[str, int], places: dict[str, int],
              actors: dict[str, int]) -> list:
    """One event's row: its id, title, first and last day (the last only when it differs),
    its date in words when it is not a single day, its type's number, its place's number
    (-1 when unknown), its actors' numbers, its tolls ([low, high] when the sources disagree)
    and whether it is a draft (1) or not (0)."""
    span = event.date
    single = span.start == span.end
    return [event.id, event.title, span.start.isoformat(), "" if single else span.end.isoformat(),
            "" if single and not event.time else humanize.date_words(span, event.time),
            types.get(event.event_type, len(types)), places.get(event.location or "", -1),
            [actors[a] for a in dict.fromkeys(r.actor for r in event.actors) if a in actors],
            _toll(event.fatalities), _toll(event.injured), 1 if event.status == "draft" else 0]


def place_row(view: SiteView, loc: Location, places: dict[str, int], precisions: dict[str, int]) -> list:
    """One place's row: its id, name, the latitude and longitude the map puts its events at
    with how precisely (`places.placement`: its own coordinates, else those of the nearest
    place it lies within that has some, with that place's precision), the number of the
    place it lies within, the number of the precision, and the number of the place whose
    coordinates these are (the precision and that place -1, the point null, when no place of
    its chain has coordinates)."""
    point = placing.placement(view.chron.locations, loc.id)
    parent = places.get(loc.parent or "", -1)
    if point is None:
        return [loc.id, loc.name, None, None, parent, -1, -1]
    return [loc.id, loc.name, point.latitude, point.longitude, parent,
            precisions[point.precision.name], places.get(point.located_at.id, -1)]


def site_data(view: SiteView) -> dict:
    """The chronology as the browser reads it: where the site's root and an event's page are
    (relative to this file, `{id}` standing for the event's id), the event types (slug and
    name, in the vocabulary's order: a type's number is its colour's), the precisions of
    places (name, label, whether the map draws a pin (1) or a circle (0), the circle's
    radius in km), places (`place_row`), actors (id, name), and a row per event."""
    types = {t: i for i, t in enumerate(view.vocab.event_types)}
    geo_precisions = vocabulary().geo_precisions  # those `places.placement` gives
    precisions = {name: i for i, name in enumerate(geo_precisions)}
    place_list = view.locations
    places = {loc.id: i for i, loc in enumerate(place_list)}
    actors = {a.id: i for i, a in enumerate(view.actors)}
    return {
        "root": posixpath.relpath(".", posixpath.dirname(urls.SITE_DATA)) + "/",
        "event_page": urls.address(urls.page(Event("{id}", "", "", "", view.events[0].date)))
        if view.events else "",
        "columns": list(COLUMNS),
        "types": [[slugify(t), t] for t in types],
        "precisions": [[p.name, p.label, 1 if p.pin else 0, p.radius_km]
                       for p in geo_precisions.values()],
        "places": [place_row(view, loc, places, precisions) for loc in place_list],
        "actors": [[a.id, a.name] for a in view.actors],
        "events": [event_row(view, e, types, places, actors) for e in view.events],
    }


def chunks(view: SiteView) -> Iterator[str]:
    """The file's text, with no spaces, one event a line (so a diff shows what changed)."""
    data = site_data(view)
    rows = data.pop("events")

    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    yield dumps(data)[:-1] + ',"events":['
    for i, row in enumerate(rows):
        yield ("\n" if i == 0 else ",\n") + dumps(row)
    yield "]}\n"
