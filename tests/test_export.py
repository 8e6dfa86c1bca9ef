"""Exports: the JSON contract of SPEC.md, ACLED-named CSV columns, GeoJSON points."""

from __future__ import annotations

import csv
import io
import json

from builder.cli import main
from builder.site import export


def test_json_follows_the_contract(chronology):
    doc = json.loads(export.export(chronology, "json"))
    ids = [e["id"] for e in doc["events"]]
    assert ids == ["k1-rockets", "strikes", "taji-rockets"]  # chronological, rejected left out
    taji = doc["events"][2]
    for key in ("id", "title", "event_type", "sub_event_type", "date", "location", "actors",
                "fatalities", "injured", "sources"):
        assert key in taji
    assert taji["date"] == {"start": "2020-03-11", "end": "2020-03-11", "precision": "day"}
    assert taji["location"]["name"] == "Camp Taji" and taji["location"]["latitude"] == 33.52
    assert {"id": "us-forces", "role": "target"}.items() <= taji["actors"][1].items()
    assert taji["actors"][1]["aliases"] == ["US military", "forces américaines"]
    assert taji["fatalities"] == 3 and taji["fatalities_range"] == [3, 4]
    assert taji["injured"] == 12
    assert doc["events"][0]["injured"] is None


def test_json_names_each_source_by_its_article_file(chronology):
    doc = json.loads(export.export(chronology, "json"))
    sources = doc["events"][2]["sources"]
    assert [s["article"] for s in sources] == ["a_one", "b_two"]
    assert sources[0]["quote"] == "Three were killed at Taji."


def test_csv_uses_acled_column_names(chronology):
    rows = list(csv.DictReader(io.StringIO(export.export(chronology, "csv"))))
    assert rows[1]["event_date"] == "2019-12-29" and rows[1]["actor1"] == "US forces"
    assert rows[1]["actor2"] == "Kataib Hezbollah" and rows[1]["fatalities"] == "25"
    assert rows[0]["time_precision"] == "3"  # late December: a span of eleven days
    assert rows[2]["country"] == "Iraq" and rows[2]["location"] == "Camp Taji"


def test_geojson_has_points_only_for_places_with_coordinates(chronology):
    doc = json.loads(export.export(chronology, "geojson"))
    ids = [f["id"] for f in doc["features"]]
    assert ids == ["strikes", "taji-rockets"]  # K1 has no coordinates
    assert doc["features"][1]["geometry"] == {"type": "Point", "coordinates": [44.26, 33.52]}


def test_exports_are_byte_identical_across_runs(records_dir, tmp_path):
    """Two runs of the command, each reading the records afresh, write the same bytes."""
    for fmt in export.FORMATS:
        outputs = []
        for run in ("first", "second"):
            out = tmp_path / f"{run}.{fmt}"
            assert main(["export", "--records", str(records_dir), "--format", fmt, "--output", str(out)]) == 0
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1] and outputs[0]
