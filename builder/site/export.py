"""Exports of the published events: JSON (the contract in SPEC.md), CSV with ACLED's column
names where one exists, and GeoJSON points for events whose place, or a place it lies within,
has coordinates, each with how precisely it places the event."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..records import places
from ..records.folder import Chronology
from ..records.model import Event, Location, Toll
from . import urls
from .words import words

FORMATS = ("json", "csv", "geojson")
# The credit GeoNames' licence (CC BY 4.0) asks of whoever passes its coordinates on; the
# About page gives it too.
ATTRIBUTION = ("Coordinates and ids of places with a GeoNames id come from GeoNames (https://www.geonames.org/), "
               "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).")


def _best(toll: Toll | None) -> int | None:
    return toll.best if toll else None


def _names(record) -> list[str]:
    return record.all_names[1:]


def location_json(loc: Location | None) -> dict | None:
    if loc is None:
        return None
    return {"id": loc.id, "name": loc.name, "aliases": _names(loc), "kind": loc.kind,
            "country": loc.country, "latitude": loc.latitude, "longitude": loc.longitude,
            "precision": places.precision_of(loc).name if loc.has_coordinates else None,
            "geonames": loc.geonames}


def placement_json(chron: Chronology, ev: Event) -> dict | None:
    """Where the map puts the event: the coordinates of its place or of the nearest place it
    lies within that has some, and how precisely they place it."""
    point = places.placement(chron.locations, ev.location)
    if point is None:
        return None
    return {"latitude": point.latitude, "longitude": point.longitude,
            "precision": point.precision.name, "location": point.located_at.id}


def event_json(chron: Chronology, ev: Event) -> dict:
    """One event as SPEC.md section 1 defines it, with the record's other fields after."""
    out: dict[str, Any] = {
        "id": ev.id,
        "title": ev.title,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "date": ev.date.to_dict(),
        "time": ev.time,
        "location": location_json(chron.locations.get(ev.location) if ev.location else None),
        "placed_at": placement_json(chron, ev),
        "actors": [],
        "fatalities": _best(ev.fatalities),
        "injured": _best(ev.injured),
        "sources": [],
    }
    for role in ev.actors:
        actor = chron.actors[role.actor]
        out["actors"].append({"id": actor.id, "name": actor.name, "aliases": _names(actor),
                              "role": role.role, "blamed_by": role.blamed_by,
                              "claimed": role.claimed, "denied": role.denied})
    for ref in ev.sources:
        out["sources"].append({"article": chron.article_name(ref.article), "source": ref.article,
                               "quote": " ".join(ref.quotes), "quotes": ref.quotes,
                               "fatalities": ref.fatalities, "injured": ref.injured})
    for name, toll in (("fatalities", ev.fatalities), ("injured", ev.injured)):
        if toll and toll.disputed:
            out[f"{name}_range"] = [toll.low, toll.high]
    out.update(status=ev.status, summary=ev.summary,
               weapons=[w.to_dict() for w in ev.weapons],
               relations=[r.to_dict() for r in ev.relations])
    return out


def json_chunks(head: dict, listed: str, items: Iterable) -> Iterator[str]:
    """A JSON object of the keys of `head`, then `listed` holding `items`, one item per line:
    a diff of two exports shows which items changed, each line goes through json's C
    encoder (an `indent` would use its Python one, ten times slower), and the text comes in
    pieces so a large chronology is never held whole in memory."""
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    yield "{" + "".join(f"{dumps(key)}: {dumps(value)},\n" for key, value in head.items())
    yield f"{dumps(listed)}: ["
    empty = True
    for item in items:
        yield ("\n  " if empty else ",\n  ") + dumps(item)
        empty = False
    yield ("]" if empty else "\n]") + "}\n"


def json_document(head: dict, listed: str, items: Iterable) -> str:
    return "".join(json_chunks(head, listed, items))


def json_events(chron: Chronology) -> Iterator[str]:
    return json_chunks({"attribution": ATTRIBUTION}, "events",
                       (event_json(chron, ev) for ev in chron.published_events()))


def to_json(chron: Chronology) -> str:
    return "".join(json_events(chron))


CSV_COLUMNS = [
    # ACLED's names, in ACLED's order (builder/site/words/columns.yml says what each holds)
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities", "tags",
    # this project's own, then UCDP GED's where_prec
    "injured", "event_end_date", "date_precision", "title", "status",
    "location_precision", "located_at", "geonames_id", "where_prec",
]


def time_precision(ev: Event) -> int:
    """ACLED's time_precision: 1 the day is known, 2 within a week, 3 within a month or more."""
    if ev.date.precision == "day":
        return 1
    return 2 if ev.date.days <= 7 else 3


def geo_precision(loc: Location) -> int:
    """ACLED's geo_precision of a place's coordinates: 1 the place itself (a town, a base), 2 a
    part of a region near it (a district, a border area), 3 only a region or a country. The
    precision is the place's own (`places.precision_of`: its record's `precision`, else its
    kind's); for an event, give the place `places.placement` puts it at."""
    return places.precision_of(loc).acled


def disorder_type(ev: Event) -> str:
    """ACLED's disorder_type (since 2023), from the event type and sub-event type
    (builder/site/words/disorder_types.yml)."""
    found = words().disorder_types
    return found["sub_event_types"].get(ev.sub_event_type) or found["event_types"].get(ev.event_type, "")


def civilian_targeting(chron: Chronology, ev: Event) -> str:
    """ACLED's civilian_targeting: "Civilian targeting" when civilians were the target (the
    event type says so, or a target is an actor of the kind civilians), else empty."""
    targets = [chron.actors[a.actor] for a in ev.actors_in("target") if a.actor in chron.actors]
    if ev.event_type == "Violence against civilians" or any(t.kind == "civilians" for t in targets):
        return "Civilian targeting"
    return ""


def _csv_row(chron: Chronology, ev: Event) -> dict:
    chain = places.chain(chron.locations, ev.location)
    by_kind = {loc.kind: loc.name for loc in reversed(chain)}
    loc = chain[0] if chain else None
    point = places.placement(chron.locations, ev.location)
    doers = [chron.actors[a.actor].name for a in ev.actors_in("perpetrator", "suspected-perpetrator")]
    targets = [chron.actors[a.actor].name for a in ev.actors_in("target")]
    publishers = [chron.sources[s.article].publisher or chron.sources[s.article].title
                  for s in ev.sources if s.article in chron.sources]
    return {
        "event_id_cnty": ev.id,
        "event_date": ev.date.start.isoformat(),
        "year": ev.date.start.year,
        "time_precision": time_precision(ev),
        "disorder_type": disorder_type(ev),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": doers[0] if doers else "",
        "assoc_actor_1": "; ".join(doers[1:]),
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "civilian_targeting": civilian_targeting(chron, ev),
        "country": by_kind.get("country", ""),
        "admin1": by_kind.get("governorate", ""),
        "admin2": by_kind.get("district", ""),
        "location": loc.name if loc else "",
        "latitude": point.latitude if point else "",
        "longitude": point.longitude if point else "",
        "geo_precision": geo_precision(point.located_at) if point else "",
        "source": "; ".join(dict.fromkeys(publishers)),
        "notes": ev.summary,
        "fatalities": _best(ev.fatalities) if ev.fatalities else "",
        "tags": "",
        "injured": _best(ev.injured) if ev.injured else "",
        "event_end_date": ev.date.end.isoformat(),
        "date_precision": ev.date.precision,
        "title": ev.title,
        "status": ev.status,
        "location_precision": point.precision.name if point else "",
        "located_at": point.located_at.name if point else "",
        "geonames_id": point.located_at.geonames or "" if point else "",
        "where_prec": point.precision.ucdp if point else "",
    }


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A cell a spreadsheet shows as the text it is: text that starts like a formula gets a
    leading apostrophe, as OWASP advises; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_writer(buffer: io.StringIO) -> csv.DictWriter:
    """Every text cell quoted (a line break or a bare carriage return in one then stays in
    its row), numbers bare."""
    return csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)


def csv_events(chron: Chronology) -> Iterator[str]:
    """The CSV export, a line at a time."""
    buffer = io.StringIO()
    writer = _csv_writer(buffer)
    writer.writeheader()
    for ev in chron.published_events():
        writer.writerow({key: csv_cell(value) for key, value in _csv_row(chron, ev).items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def to_csv(chron: Chronology) -> str:
    return "".join(csv_events(chron))


def _features(chron: Chronology) -> Iterator[dict]:
    for ev in chron.published_events():
        point = places.placement(chron.locations, ev.location)
        if point is None:
            continue
        loc = chron.locations[ev.location or ""]
        yield {
            "type": "Feature",
            "id": ev.id,
            "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
            "properties": {
                "id": ev.id, "title": ev.title, "page": urls.record_address(ev),
                "date_start": ev.date.start.isoformat(), "date_end": ev.date.end.isoformat(),
                "date_precision": ev.date.precision, "event_type": ev.event_type,
                "sub_event_type": ev.sub_event_type, "location": loc.id, "location_name": loc.name,
                "fatalities": _best(ev.fatalities), "injured": _best(ev.injured), "status": ev.status,
                "precision": point.precision.name, "precision_label": point.precision.label,
                "pin": point.precision.pin, "radius_km": point.precision.radius_km,
                "located_at": point.located_at.name,
            },
        }


def geojson_events(chron: Chronology) -> Iterator[str]:
    return json_chunks({"type": "FeatureCollection", "attribution": ATTRIBUTION}, "features", _features(chron))


def to_geojson(chron: Chronology) -> str:
    return "".join(geojson_events(chron))


WRITERS = {"json": json_events, "csv": csv_events, "geojson": geojson_events}


def chunks(chron: Chronology, fmt: str) -> Iterator[str]:
    """The chronology's published events in one of FORMATS, as pieces of text to write."""
    return WRITERS[fmt](chron)


def export(chron: Chronology, fmt: str) -> str:
    """The chronology's published events in one of FORMATS."""
    return "".join(chunks(chron, fmt))
