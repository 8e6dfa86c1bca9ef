"""The controlled vocabularies (event types, roles, kinds...), read from builder/vocab/*.yml."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema

from ..errors import BuilderError
from .yamlio import YamlError, load_plain, parse

VOCAB_DIR = Path(__file__).parents[1] / "vocab"


def _load(name: str):
    return load_plain(VOCAB_DIR / f"{name}.yml")


class VocabularyError(BuilderError):
    """A vocabulary file that does not have the shape its schema asks for."""


@dataclass(frozen=True)
class GeoPrecision:
    """How precisely a location's coordinates place it: a label, the location kinds it is the
    default of, ACLED's geo_precision and UCDP's where_prec codes, and whether the map may
    draw it as a pin."""

    name: str
    label: str
    help: str
    kinds: tuple[str, ...]
    acled: int
    ucdp: int
    pin: bool
    radius_km: float  # the circle the map draws when it is no pin


def _geo_precisions(location_kinds: dict[str, str]) -> dict[str, GeoPrecision]:
    """builder/vocab/geo_precisions.yml, checked against its schema and against the location
    kinds: each kind is the default of exactly one precision."""
    path = VOCAB_DIR / "geo_precisions.yml"
    try:
        doc = parse(path.read_text(encoding="utf-8"))
    except YamlError as e:
        raise VocabularyError(f"{path}:{e.line or 1}: {e.message}") from None
    schema = json.loads((VOCAB_DIR / "schemas" / "geo_precisions.schema.json").read_text(encoding="utf-8"))
    for error in jsonschema.Draft202012Validator(schema).iter_errors(doc.data):
        where = ".".join(str(p) for p in error.absolute_path) or "the file"
        raise VocabularyError(f"{path}:{doc.line_of(tuple(error.absolute_path))}: {where}: {error.message}, "
                              "as builder/vocab/schemas/geo_precisions.schema.json says")
    entries = doc.data
    assert isinstance(entries, dict)  # the schema asks for a mapping
    out = {name: GeoPrecision(name, e["label"], e["help"], tuple(e["kinds"]), e["acled"], e["ucdp"], e["pin"],
                            e["radius_km"])
           for name, e in entries.items()}
    listed = [kind for p in out.values() for kind in p.kinds]
    for kind in location_kinds:
        if listed.count(kind) != 1:
            raise VocabularyError(f"{path}:1: the location kind '{kind}' is listed {listed.count(kind)} times "
                                  "under `kinds`; expected once, under the precision its coordinates have")
    for kind in listed:
        if kind not in location_kinds:
            raise VocabularyError(f"{path}:1: '{kind}' is not a location kind of location_kinds.yml")
    return out


@dataclass(frozen=True)
class Vocabulary:
    """Every controlled list a record may use, with the labels the site shows."""

    event_types: dict[str, list[str]]
    roles: dict[str, dict[str, str]]
    relations: dict[str, dict[str, str]]
    affiliations: dict[str, dict[str, str]]
    actor_kinds: dict[str, str]
    location_kinds: dict[str, str]
    statuses: dict[str, dict[str, str]]
    precisions: dict[str, str]
    times_of_day: list[str]
    source_date_origins: dict[str, str]
    geo_precisions: dict[str, GeoPrecision]

    def event_type_of(self, sub_event_type: str) -> str | None:
        """The ACLED event type a sub-event type belongs to."""
        for event_type, subs in self.event_types.items():
            if sub_event_type in subs:
                return event_type
        return None

    def kind_precision(self, kind: str) -> str:
        """The precision a location kind's coordinates have unless its record says otherwise."""
        return next(p.name for p in self.geo_precisions.values() if kind in p.kinds)

    @property
    def sub_event_types(self) -> list[str]:
        return [sub for subs in self.event_types.values() for sub in subs]


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with the project (read once)."""
    location_kinds = _load("location_kinds")
    return Vocabulary(
        event_types=_load("event_types"),
        roles=_load("roles"),
        relations=_load("relations"),
        affiliations=_load("affiliations"),
        actor_kinds=_load("actor_kinds"),
        location_kinds=location_kinds,
        statuses=_load("statuses"),
        precisions=_load("precisions"),
        times_of_day=_load("times_of_day"),
        source_date_origins=_load("source_date_origins"),
        geo_precisions=_geo_precisions(location_kinds),
    )
