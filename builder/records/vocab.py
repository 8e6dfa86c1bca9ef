"""The controlled vocabularies (event types, roles, kinds...), read from builder/vocab/*.yml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .yamlio import load_plain

VOCAB_DIR = Path(__file__).parents[1] / "vocab"


def _load(name: str):
    return load_plain(VOCAB_DIR / f"{name}.yml")


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

    def event_type_of(self, sub_event_type: str) -> str | None:
        """The ACLED event type a sub-event type belongs to."""
        for event_type, subs in self.event_types.items():
            if sub_event_type in subs:
                return event_type
        return None

    @property
    def sub_event_types(self) -> list[str]:
        return [sub for subs in self.event_types.values() for sub in subs]


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with the project (read once)."""
    return Vocabulary(
        event_types=_load("event_types"),
        roles=_load("roles"),
        relations=_load("relations"),
        affiliations=_load("affiliations"),
        actor_kinds=_load("actor_kinds"),
        location_kinds=_load("location_kinds"),
        statuses=_load("statuses"),
        precisions=_load("precisions"),
        times_of_day=_load("times_of_day"),
        source_date_origins=_load("source_date_origins"),
    )
