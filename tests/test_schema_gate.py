"""The compiled schema check that lets valid records through fast says what jsonschema
says, record by record, on valid records and on every kind of mistake."""

from __future__ import annotations

import copy

import pytest
from conftest import ACTORS, EVENTS, LOCATIONS, SOURCES

from builder.records import validate

RECORDS = [("events", r) for r in EVENTS] + [("actors", r) for r in ACTORS] + \
          [("locations", r) for r in LOCATIONS] + [("sources", r) for r in SOURCES]
WRONG_VALUES = [None, True, 0, -1, 1.5, "", "x", "2020-02-30", "2020-13-01", "Not An Id", [], {}, ["x"],
                {"best": -1}, {"start": "2020-01-01"}]


def variants(record: dict):
    """The record, then the record with each key set to each wrong value, then without it,
    then with an unknown key."""
    yield record
    for key in record:
        for value in WRONG_VALUES:
            yield {**record, key: value}
        yield {k: v for k, v in record.items() if k != key}
    yield {**record, "colour": "red"}


def jsonschema_valid(kind: str, data) -> bool:
    return not any(True for _ in validate._validators()[kind].iter_errors(data))


@pytest.mark.parametrize("kind, record", RECORDS, ids=[f"{k}/{r['id']}" for k, r in RECORDS])
def test_the_fast_check_agrees_with_jsonschema(kind, record):
    for data in variants(copy.deepcopy(record)):
        assert validate.schema_valid(kind, data) == jsonschema_valid(kind, data), data


DEEP_EDITS = [
    ("date", "start", "2020-02-31"), ("date", "precision", "fortnight"), ("date", "end", 2020),
    ("actors", "role", "villain"), ("actors", "actor", "Not Valid"), ("actors", "claimed", "yes"),
    ("sources", "fatalities", -2), ("sources", "quotes", "one quote"), ("sources", "article", None),
    ("weapons", "count", 0), ("weapons", "name", ""), ("fatalities", "low", "three"),
]


@pytest.mark.parametrize("field, key, value", DEEP_EDITS)
def test_the_fast_check_agrees_with_jsonschema_inside_lists_and_mappings(field, key, value):
    data = copy.deepcopy(EVENTS[0])
    inner = data[field][0] if isinstance(data[field], list) else data[field]
    inner[key] = value
    assert validate.schema_valid("events", data) == jsonschema_valid("events", data)
