"""Shared test helpers: a small valid chronology written to a temporary records folder."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER_FIXTURE = ROOT / "tests" / "fixtures" / "gazetteer.yml"


def write_small_gazetteer(path: Path, entries: list[dict] | None = None) -> Path:
    """An index of the places of tests/fixtures/gazetteer.yml (or of `entries`), as the
    gazetteer writes its own."""
    from builder.gazetteer.index import GeoPlace, write_index

    entries = entries if entries is not None else yaml.safe_load(GAZETTEER_FIXTURE.read_text(encoding="utf-8"))
    places = [(GeoPlace(**{k: v for k, v in e.items() if k != "names"}), e.get("names", [])) for e in entries]
    write_index(path, places, {"fixture": "tests/fixtures/gazetteer.yml"})
    return path


@pytest.fixture(scope="session", autouse=True)
def small_gazetteer(tmp_path_factory):
    """Every test, and every command a test runs, reads the small gazetteer of the fixture
    instead of the 286,000 places of GeoNames: its logic is tested on places chosen for it."""
    from builder.gazetteer import cache

    path = write_small_gazetteer(tmp_path_factory.mktemp("gazetteer") / "small.sqlite")
    before = os.environ.get("CHRONOLOGY_GAZETTEER")
    os.environ["CHRONOLOGY_GAZETTEER"] = str(path)
    cache._open.cache_clear()
    yield path
    cache._open.cache_clear()
    if before is None:
        del os.environ["CHRONOLOGY_GAZETTEER"]
    else:
        os.environ["CHRONOLOGY_GAZETTEER"] = before

ACTORS = [
    {"id": "us-forces", "name": "US forces", "kind": "state-force", "country": "US",
     "aliases": {"en": ["US military"], "fr": ["forces américaines"]}},
    {"id": "kataib-hezbollah", "name": "Kataib Hezbollah", "kind": "armed-group", "country": "IQ",
     "aliases": {"en": ["KH"]}, "affiliations": [{"actor": "pmf", "relation": "member-of"}]},
    {"id": "pmf", "name": "Popular Mobilization Forces", "kind": "umbrella-organization",
     "country": "IQ"},
]
LOCATIONS = [
    {"id": "iraq", "name": "Iraq", "kind": "country", "country": "IQ",
     "latitude": 33.0, "longitude": 44.0},
    {"id": "baghdad", "name": "Baghdad", "kind": "city", "parent": "iraq", "country": "IQ",
     "latitude": 33.31, "longitude": 44.37, "aliases": {"fr": ["Bagdad"]}},
    {"id": "camp-taji", "name": "Camp Taji", "kind": "base", "parent": "baghdad", "country": "IQ",
     "latitude": 33.52, "longitude": 44.26},
    {"id": "k1", "name": "K1 Air Base", "kind": "base", "parent": "iraq", "country": "IQ"},
]
SOURCES = [
    {"id": "a-one", "title": "Rockets hit Taji", "language": "en", "published": "2020-03-12",
     "publisher": "Wire", "url": "https://example.org/a", "path": "seeds/a_one.txt"},
    {"id": "b-two", "title": "Des roquettes sur Taji", "language": "fr", "published": "2020-03-13",
     "path": "seeds/b_two.md"},
]
EVENTS = [
    {"id": "taji-rockets", "title": "Rocket attack on Camp Taji", "status": "reviewed",
     "event_type": "Explosions/Remote violence",
     "sub_event_type": "Shelling/artillery/missile attack",
     "date": {"start": "2020-03-11", "end": "2020-03-11", "precision": "day"},
     "time": "evening", "location": "camp-taji",
     "actors": [{"actor": "kataib-hezbollah", "role": "suspected-perpetrator",
                 "blamed_by": ["us-forces"], "denied": True},
                {"actor": "us-forces", "role": "target"}],
     "fatalities": {"best": 3, "low": 3, "high": 4}, "injured": 12,
     "weapons": [{"name": "rocket", "count": 18}],
     "summary": "Eighteen rockets hit Camp Taji.",
     "sources": [{"article": "a-one", "fatalities": 3, "quotes": ["Three were killed at Taji."]},
                 {"article": "b-two", "fatalities": 4, "quotes": ["Quatre morts à Taji."]}]},
    {"id": "k1-rockets", "title": "Rocket attack on K1", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Shelling/artillery/missile attack",
     "date": {"start": "2019-12-21", "end": "2019-12-31", "precision": "range"},
     "location": "k1", "actors": [], "fatalities": 1, "injured": None, "summary": "",
     "sources": [{"article": "a-one", "quotes": ["A contractor was killed at K1."]}]},
    {"id": "strikes", "title": "US strikes", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Air/drone strike",
     "date": {"start": "2019-12-29", "end": "2019-12-29", "precision": "day"},
     "location": "iraq", "actors": [{"actor": "us-forces", "role": "perpetrator"},
                                    {"actor": "kataib-hezbollah", "role": "target"}],
     "fatalities": 25, "injured": None,
     "relations": [{"type": "retaliation-for", "event": "k1-rockets"}],
     "sources": [{"article": "a-one", "quotes": ["US jets struck five sites."]}]},
    {"id": "rejected-one", "title": "Not an event", "status": "rejected",
     "event_type": "Strategic developments", "sub_event_type": "Other",
     "date": {"start": "2020-01-01", "end": "2020-01-01", "precision": "day"},
     "location": None, "sources": [{"article": "a-one", "quotes": []}]},
]


def write_record(records_dir: Path, kind: str, data: dict, name: str | None = None) -> Path:
    """Write one record as a maintainer would: plain YAML, under its kind's folder."""
    path = records_dir / kind / f"{name or data['id']}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def write_chronology(records_dir: Path, events=None, actors=None, locations=None, sources=None) -> Path:
    """Write a whole chronology (the small default one unless told otherwise)."""
    for kind, items in (("events", events if events is not None else EVENTS),
                        ("actors", actors if actors is not None else ACTORS),
                        ("locations", locations if locations is not None else LOCATIONS),
                        ("sources", sources if sources is not None else SOURCES)):
        for data in items:
            write_record(records_dir, kind, copy.deepcopy(data))
    return records_dir


@pytest.fixture
def records_dir(tmp_path: Path) -> Path:
    """A records folder holding the small valid chronology above."""
    return write_chronology(tmp_path / "records")


@pytest.fixture
def chronology(records_dir: Path):
    from builder.records import validate

    chron, problems = validate.load(records_dir)
    assert not problems, [str(p) for p in problems]
    return chron


def event(**changes) -> dict:
    """The first default event with some fields changed."""
    data = copy.deepcopy(EVENTS[0])
    data.update(changes)
    return data
