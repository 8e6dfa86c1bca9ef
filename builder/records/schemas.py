"""JSON Schemas for the four record kinds, built from the vocabularies.

The schemas ship in builder/schemas/ so a maintainer's editor (yaml-language-server) checks a
record as they type; `validate` runs the same schemas. `python -m builder schemas` rewrites
them after a vocabulary changes, and a test keeps the shipped copies current.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..files import write_atomic
from .vocab import Vocabulary, vocabulary

SCHEMA_DIR = Path(__file__).parents[1] / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

KIND_FILES = {
    "events": "event.schema.json",
    "actors": "actor.schema.json",
    "locations": "location.schema.json",
    "sources": "source.schema.json",
}

_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
       "description": "A slug of lower-case letters, digits and hyphens."}
_REF = {"type": "string", "pattern": _ID["pattern"]}
_DATE = {"type": "string", "format": "date", "description": "A date as YYYY-MM-DD."}
_TEXT = {"type": "string"}
_COUNT = {"type": "integer", "minimum": 0}
_COUNTRY = {"type": ["string", "null"], "pattern": "^[A-Z]{2}$",
            "description": "ISO 3166-1 alpha-2 code, such as IQ."}
_LANGUAGE = {"type": "string", "pattern": "^[a-z]{2,3}$"}


def _obj(properties: dict, required: list[str], description: str = "") -> dict:
    out = {"type": "object", "additionalProperties": False,
           "required": required, "properties": properties}
    if description:
        out["description"] = description
    return out


def _enum(values, description: str = "") -> dict:
    out: dict = {"enum": list(values)}
    if description:
        out["description"] = description
    return out


def _aliases() -> dict:
    return {"type": "object", "description": "Other names, by language code (en, fr...).",
            "propertyNames": _LANGUAGE,
            "additionalProperties": {"type": "array", "items": _TEXT}}


def _toll(what: str) -> dict:
    return {
        "description": f"People {what}: a number, null when no source states it, or a best "
                       "value with the low and high the sources give.",
        "anyOf": [
            {"type": "null"},
            _COUNT,
            _obj({"best": _COUNT, "low": _COUNT, "high": _COUNT}, ["best"]),
        ],
    }


def event_schema(v: Vocabulary) -> dict:
    type_pairs = [
        {"if": {"properties": {"event_type": {"const": event_type}}, "required": ["event_type"]},
         "then": {"properties": {"sub_event_type": _enum(subs)}}}
        for event_type, subs in v.event_types.items()
    ]
    time_of_day = {"anyOf": [{"type": "null"}, _enum(v.times_of_day),
                             {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}],
                   "description": "Part of the day or a local clock time (19:00); null when unknown."}
    return {
        "$schema": DRAFT,
        "$id": KIND_FILES["events"],
        "title": "Incident event",
        **_obj({
            "id": _ID,
            "title": {**_TEXT, "minLength": 1},
            "status": _enum(v.statuses["event"], "draft, reviewed or rejected."),
            "event_type": _enum(v.event_types, "ACLED event type."),
            "sub_event_type": _enum(v.sub_event_types, "ACLED sub-event type."),
            "date": _obj({"start": _DATE, "end": _DATE,
                          "precision": _enum(v.precisions, "day, month, year or range.")},
                         ["start", "precision"]),
            "time": time_of_day,
            "location": {"type": ["string", "null"], "pattern": _ID["pattern"],
                         "description": "Id of a location record."},
            "actors": {"type": "array", "items": _obj({
                "actor": _REF,
                "role": _enum(v.roles),
                "blamed_by": {"type": "array", "items": _REF,
                              "description": "Actors who attribute this role."},
                "claimed": {"type": "boolean", "description": "The actor claimed responsibility."},
                "denied": {"type": "boolean", "description": "The actor denied responsibility."},
            }, ["actor", "role"])},
            "fatalities": _toll("killed"),
            "injured": _toll("injured"),
            "weapons": {"type": "array", "items": _obj({"name": _TEXT, "count": _COUNT}, ["name"])},
            "summary": _TEXT,
            "relations": {"type": "array", "items": _obj({
                "type": _enum(v.relations), "event": _REF}, ["type", "event"])},
            "sources": {"type": "array", "minItems": 1, "items": _obj({
                "article": _REF,
                "quotes": {"type": "array", "items": _TEXT},
                "fatalities": _COUNT,
                "injured": _COUNT,
            }, ["article"])},
            "notes": _TEXT,
        }, ["id", "title", "event_type", "sub_event_type", "date", "sources"]),
        "allOf": type_pairs,
    }


def actor_schema(v: Vocabulary) -> dict:
    return {
        "$schema": DRAFT,
        "$id": KIND_FILES["actors"],
        "title": "Actor",
        **_obj({
            "id": _ID,
            "name": {**_TEXT, "minLength": 1},
            "status": _enum(v.statuses["entity"]),
            "kind": _enum(v.actor_kinds),
            "aliases": _aliases(),
            "affiliations": {"type": "array", "items": _obj({
                "actor": _REF, "relation": _enum(v.affiliations)}, ["actor", "relation"])},
            "country": _COUNTRY,
            "description": _TEXT,
        }, ["id", "name", "kind"]),
    }


def location_schema(v: Vocabulary) -> dict:
    return {
        "$schema": DRAFT,
        "$id": KIND_FILES["locations"],
        "title": "Location",
        **_obj({
            "id": _ID,
            "name": {**_TEXT, "minLength": 1},
            "status": _enum(v.statuses["entity"]),
            "kind": _enum(v.location_kinds),
            "aliases": _aliases(),
            "parent": {"type": ["string", "null"], "pattern": _ID["pattern"]},
            "country": _COUNTRY,
            "latitude": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
            "longitude": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
            "precision": {"anyOf": [{"type": "null"}, _enum(v.geo_precisions)],
                          "description": "How precisely the coordinates place it (site, town, district, "
                                         "region, country); null: as its kind says."},
            "geonames": {"type": ["integer", "null"], "minimum": 1,
                         "description": "Its GeoNames id (geonames.org/ID), where it has one."},
            "description": _TEXT,
        }, ["id", "name", "kind"]),
    }


def source_schema(v: Vocabulary) -> dict:
    return {
        "$schema": DRAFT,
        "$id": KIND_FILES["sources"],
        "title": "Source article",
        **_obj({
            "id": _ID,
            "title": {**_TEXT, "minLength": 1},
            "publisher": _TEXT,
            "url": _TEXT,
            "published": {"anyOf": [_DATE, {"type": "null"}]},
            "published_from": _enum(v.source_date_origins),
            "language": _LANGUAGE,
            "path": _TEXT,
        }, ["id", "title", "language"]),
    }


BUILDERS = {"events": event_schema, "actors": actor_schema,
            "locations": location_schema, "sources": source_schema}


def schemas() -> dict[str, dict]:
    """The schema of each record kind, by kind ("events", "actors"...)."""
    v = vocabulary()
    return {kind: build(v) for kind, build in BUILDERS.items()}


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write the schema files; returns those that changed."""
    changed = []
    for kind, schema in schemas().items():
        path = directory / KIND_FILES[kind]
        if write_atomic(path, schema_text(schema)):
            changed.append(path)
    return changed
