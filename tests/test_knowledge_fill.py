"""The knowledge base and the gazetteer: `knowledge fill` writes what the base leaves empty and
nothing else; `review --knowledge` and `review` give the gazetteer's proposal."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from builder.cli import main
from builder.commands import knowledge
from builder.gazetteer.index import Gazetteer

BASE = """\
# The places: a maintainer's comment, kept.

- id: ukraine
  name: Ukraine
  status: reviewed
  kind: country
  aliases: {}
  parent: null
  country: UA
  latitude: 49.0
  longitude: 32.0

- id: zaporizhzhia-oblast
  name: Zaporizhzhia Oblast
  status: reviewed
  kind: region
  aliases:
    fr: [oblast de Zaporijia]
  parent: ukraine
  country: UA
  latitude: null   # to look up
  longitude: null

- id: vasylivka
  name: Vasylivka
  status: reviewed
  kind: town
  aliases: {}
  parent: zaporizhzhia-oblast
  country: UA
  latitude: null
  longitude: null

- id: avdiivka
  name: Avdiivka
  status: reviewed
  kind: town
  aliases: {}
  parent: ukraine
  country: UA
  latitude: 48.5
  longitude: 30.0

- id: vasylivka-donetsk
  name: Vasylivka (Donetsk)
  status: reviewed
  kind: town
  aliases:
    en: [Vasylivka]
  parent: ukraine
  country: UA
  latitude: null
  longitude: null

- id: camp-x
  name: Camp X
  status: reviewed
  kind: base
  aliases: {}
  parent: ukraine
  country: UA
  latitude: null
  longitude: null
"""


@pytest.fixture
def base(tmp_path) -> Path:
    path = tmp_path / "locations.yml"
    path.write_text(BASE, encoding="utf-8")
    return path


@pytest.fixture
def gazetteer(small_gazetteer) -> Gazetteer:
    return Gazetteer(small_gazetteer)


def entries(path: Path) -> dict[str, dict]:
    return {e["id"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8"))}


def test_fill_gives_an_entry_without_coordinates_those_of_its_geonames_place(base, gazetteer):
    knowledge.fill(gazetteer, base)
    oblast = entries(base)["zaporizhzhia-oblast"]
    assert (oblast["latitude"], oblast["longitude"], oblast["geonames"]) == (47.8229, 35.1903, 687699)


def test_fill_tells_namesakes_apart_by_the_division_the_parent_is(base, gazetteer):
    knowledge.fill(gazetteer, base)
    assert entries(base)["vasylivka"]["geonames"] == 686729  # the one in Zaporizhzhia Oblast (UA.26)


def test_fill_leaves_a_namesake_it_cannot_tell_apart_and_a_base_unplaced(base, gazetteer):
    knowledge.fill(gazetteer, base)
    for entry_id in ("vasylivka-donetsk", "camp-x"):
        entry = entries(base)[entry_id]
        assert entry["latitude"] is None and "geonames" not in entry


def test_fill_never_replaces_coordinates_a_person_wrote_nor_adds_an_id_that_disagrees_with_them(base, gazetteer):
    knowledge.fill(gazetteer, base)
    avdiivka = entries(base)["avdiivka"]  # GeoNames' Avdiivka is 550 km from the point written
    assert (avdiivka["latitude"], avdiivka["longitude"]) == (48.5, 30.0) and "geonames" not in avdiivka


def test_fill_changes_only_the_lines_that_said_null_and_adds_the_ids(base, gazetteer):
    before = BASE.splitlines()
    knowledge.fill(gazetteer, base)
    after = base.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.ndiff(before, after))
    added = [line[2:] for line in diff if line.startswith("+ ")]
    removed = [line[2:] for line in diff if line.startswith("- ")]
    assert removed == ["  latitude: null   # to look up", "  longitude: null", "  latitude: null", "  longitude: null"]
    assert added == ["  latitude: 47.8229", "  longitude: 35.1903", "  geonames: 687699",
                     "  latitude: 47.4422", "  longitude: 35.2821", "  geonames: 686729"]
    assert after[0] == "# The places: a maintainer's comment, kept."


def test_a_town_placed_at_its_district_s_point_is_given_that_precision(base, gazetteer):
    base.write_text(BASE + """
- id: seiyun
  name: Seiyun
  status: reviewed
  kind: town
  aliases:
    en: [Sayun]
  parent: null
  country: YE
  latitude: null
  longitude: null
""", encoding="utf-8")
    knowledge.fill(gazetteer, base)
    seiyun = entries(base)["seiyun"]
    assert (seiyun["latitude"], seiyun["precision"], seiyun["geonames"]) == \
        (15.9379, "district", 6940757)
    tail = "  longitude: 48.7864\n  precision: district\n  geonames: 6940757\n"
    assert base.read_text(encoding="utf-8").endswith(tail)


def test_a_second_fill_writes_nothing(base, gazetteer):
    knowledge.fill(gazetteer, base)
    text = base.read_text(encoding="utf-8")
    assert knowledge.fill(gazetteer, base) == []
    assert base.read_text(encoding="utf-8") == text


def test_fill_leaves_an_entry_a_person_half_placed(base, gazetteer):
    base.write_text(BASE.replace("  latitude: null   # to look up", "  latitude: 47.9  # from a map"), encoding="utf-8")
    knowledge.fill(gazetteer, base)
    oblast = entries(base)["zaporizhzhia-oblast"]
    assert (oblast["latitude"], oblast["longitude"]) == (47.9, None) and "geonames" not in oblast


def test_the_command_lists_each_entry_filled_at_its_line(base, capsys):
    assert main(["knowledge", "fill", "--file", str(base)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].endswith(
        "zaporizhzhia-oblast: latitude 47.8229, longitude 35.1903, geonames 687699 from GeoNames 687699: "
        "Zaporizka oblast (admin1, UA, pop. 1,700,000) at 47.8229, 35.1903, precision region (the only one)")
    assert f"{base}:13:" in lines[0]
    assert "2 entries filled from GeoNames (2 given coordinates)" in err


def test_review_knowledge_lists_each_place_without_coordinates_with_the_proposal(base, monkeypatch, capsys):
    monkeypatch.setattr(knowledge, "LOCATIONS_FILE", base)
    monkeypatch.setattr(knowledge.unplaced, "__defaults__", (base,))
    assert main(["review", "--knowledge"]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 4 and "4 places of the knowledge base without coordinates" in err
    assert lines[1].startswith(f"{base}:31: vasylivka: no coordinates; GeoNames 686729: Vasylivka (town, UA")
    assert lines[2].startswith(f"{base}:52: vasylivka-donetsk: no coordinates; no proposal: 3 namesakes (Vasylivka")
    assert lines[3].endswith("camp-x: no coordinates; no proposal: GeoNames' packages hold no sites")


def test_review_gives_the_proposal_for_a_draft_location_without_coordinates(records_dir, capsys):
    from conftest import write_record

    write_record(records_dir, "locations", {"id": "hadithah", "name": "Haditha", "kind": "town",
                                            "parent": "iraq", "country": "IQ", "status": "draft"})
    assert main(["review", "--records", str(records_dir)]) == 1
    out = capsys.readouterr().out
    assert ("draft location without coordinates: Haditha; give its latitude and longitude; GeoNames 98245: "
            "Ḩadīthah (town, IQ, pop. 30,925) at 34.1366, 42.3776, precision town (the only one)") in out
