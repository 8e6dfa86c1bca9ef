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


def test_csv_gives_the_precision_of_the_point_as_acled_and_ucdp_code_it(chronology):
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(export.export(chronology, "csv")))}
    taji, k1 = rows["taji-rockets"], rows["k1-rockets"]
    assert (taji["latitude"], taji["geo_precision"], taji["where_prec"], taji["location_precision"]) == \
        ("33.52", "1", "1", "site")
    # K1 has no coordinates: the point is Iraq's, and says so
    assert (k1["location"], k1["located_at"], k1["geo_precision"], k1["where_prec"], k1["location_precision"]) == \
        ("K1 Air Base", "Iraq", "3", "6", "country")


def test_a_location_s_own_precision_wins_over_its_kind(chronology):
    chronology.locations["camp-taji"].precision = "town"  # placed at Taji, the town
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(export.export(chronology, "csv")))}
    assert rows["taji-rockets"]["location_precision"] == "town"
    doc = json.loads(export.export(chronology, "json"))
    assert doc["events"][2]["location"]["precision"] == "town"
    assert doc["events"][2]["placed_at"] == {"latitude": 33.52, "longitude": 44.26, "precision": "town",
                                             "location": "camp-taji"}


def test_geojson_puts_an_event_at_its_place_or_at_the_nearest_place_around_it_with_coordinates(chronology):
    doc = json.loads(export.export(chronology, "geojson"))
    features = {f["id"]: f for f in doc["features"]}
    assert list(features) == ["k1-rockets", "strikes", "taji-rockets"]
    taji = features["taji-rockets"]
    assert taji["geometry"] == {"type": "Point", "coordinates": [44.26, 33.52]}
    assert (taji["properties"]["precision"], taji["properties"]["pin"]) == ("site", True)
    k1 = features["k1-rockets"]["properties"]  # K1 has no coordinates: Iraq's, as a circle
    assert (k1["location"], k1["located_at"], k1["precision"], k1["pin"]) == ("k1", "Iraq", "country", False)
    assert k1["radius_km"] > 0


def test_geojson_leaves_out_an_event_no_place_of_whose_chain_has_coordinates(chronology):
    chronology.locations["iraq"].latitude = chronology.locations["iraq"].longitude = None
    ids = [f["id"] for f in json.loads(export.export(chronology, "geojson"))["features"]]
    assert "k1-rockets" not in ids and "taji-rockets" in ids


def test_exports_are_byte_identical_across_runs(records_dir, tmp_path):
    """Two runs of the command, each reading the records afresh, write the same bytes."""
    for fmt in export.FORMATS:
        outputs = []
        for run in ("first", "second"):
            out = tmp_path / f"{run}.{fmt}"
            assert main(["export", "--records", str(records_dir), "--format", fmt, "--output", str(out)]) == 0
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1] and outputs[0]


def test_the_json_and_geojson_downloads_credit_geonames_as_its_licence_asks(chronology):
    for fmt in ("json", "geojson"):
        attribution = json.loads(export.export(chronology, fmt))["attribution"]
        assert "GeoNames" in attribution and "CC BY 4.0" in attribution, fmt


def test_the_about_page_credits_geonames_and_its_licence():
    from conftest import ROOT

    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    assert "[GeoNames](https://www.geonames.org/)" in about
    assert "(CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/)" in about


# The payloads of the fault campaign: formulas, and the characters that start or split a row.
CSV_PAYLOADS = ["=1+1", "+41 22 000", "-2+3", "@SUM(A1:A9)", "\t=cmd|' /C calc'!A0", "\r=1+1",
                "=HYPERLINK(\"https://evil.example\",\"click\")", "two\rlines", "two\nlines \"quoted\", yes"]


def test_no_csv_cell_starts_a_formula_and_every_row_stays_whole(chronology):
    """Each payload in a title, a summary, an actor's and a place's name and a publisher:
    the file reads back through Python's csv module with one row per event, each text as it
    was but for the apostrophe before a formula."""
    for payload in CSV_PAYLOADS:
        ev = chronology.events["taji-rockets"]
        ev.title = ev.summary = chronology.actors["us-forces"].name = payload
        chronology.locations["camp-taji"].name = chronology.sources["a-one"].publisher = payload
        rows = list(csv.DictReader(io.StringIO(export.export(chronology, "csv"), newline="")))
        assert [r["event_id_cnty"] for r in rows] == ["k1-rockets", "strikes", "taji-rockets"], payload
        cells = [cell for row in rows for cell in row.values()]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], payload
        taji = rows[2]
        for column in ("title", "notes", "actor2", "location"):
            assert taji[column].removeprefix("'") == payload, (column, payload)
        assert taji["source"].removeprefix("'") == f"{payload}; Des roquettes sur Taji", payload
    assert rows[2]["latitude"] == "33.52" and rows[1]["fatalities"] == "25"  # numbers stay numbers
