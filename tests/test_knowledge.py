"""The knowledge base (builder/knowledge/*.yml) and its gazetteer (builder/extract/knowledge.py)."""

from __future__ import annotations

import functools
import itertools
import operator
from collections import defaultdict

import jsonschema
import pytest
import yaml

from builder.extract.knowledge import (
    KNOWLEDGE_DIR,
    KnowledgeBase,
    KnowledgeError,
    load_knowledge,
)
from builder.extract.text import fold_for_names as normalize
from builder.records.model import Actor, Location
from builder.records.schemas import schemas
from builder.records.vocab import vocabulary


def _entries(name: str) -> list[dict]:
    return yaml.safe_load((KNOWLEDGE_DIR / name).read_text(encoding="utf-8"))


ACTORS = _entries("actors.yml")
LOCATIONS = _entries("locations.yml")

# Rough boxes (south, north, west, east) around each country the base places points in.
BOXES = {
    "IQ": (29.0, 37.5, 38.7, 48.7),
    "SY": (32.3, 37.4, 35.6, 42.5),
    "IR": (25.0, 39.8, 44.0, 63.4),
    "KW": (28.5, 30.2, 46.5, 48.5),
    "JO": (29.1, 33.4, 34.9, 39.4),
    "TR": (35.8, 42.2, 25.6, 44.9),
    "SA": (16.3, 32.2, 34.5, 55.7),
    "LB": (33.0, 34.7, 35.1, 36.7),
    "IL": (29.4, 33.4, 34.2, 35.9),
    "PS": (31.2, 32.6, 34.2, 35.6),
    # Every other UN member state, Kosovo, Taiwan and Western Sahara.
    "AD": (42.4, 42.7, 1.4, 1.8), "AE": (22.6, 26.1, 51.5, 56.4), "AF": (29.3, 38.5, 60.4, 75.0),
    "AG": (16.9, 17.8, -62.4, -61.6), "AL": (39.6, 42.7, 19.2, 21.1),
    "AM": (38.8, 41.3, 43.4, 46.7), "AO": (-18.1, -4.3, 11.6, 24.1),
    "AR": (-55.1, -21.7, -73.6, -53.6), "AT": (46.3, 49.1, 9.5, 17.2),
    "AU": (-43.7, -10.0, 112.9, 153.7), "AZ": (38.3, 41.95, 44.7, 50.6),
    "BA": (42.5, 45.3, 15.7, 19.7), "BB": (13.0, 13.4, -59.7, -59.4),
    "BD": (20.6, 26.7, 88.0, 92.7), "BE": (49.5, 51.5, 2.5, 6.4), "BF": (9.3, 15.2, -5.6, 2.5),
    "BG": (41.2, 44.3, 22.3, 28.7), "BH": (25.5, 26.4, 50.3, 50.9), "BI": (-4.5, -2.3, 28.9, 30.9),
    "BJ": (6.2, 12.5, 0.7, 3.9), "BN": (4.0, 5.1, 114.0, 115.4), "BO": (-22.9, -9.6, -69.7, -57.4),
    "BR": (-33.8, 5.3, -74.0, -28.8), "BS": (20.9, 27.3, -79.6, -72.7),
    "BT": (26.7, 28.4, 88.7, 92.2), "BW": (-27.0, -17.7, 19.9, 29.5),
    "BY": (51.2, 56.2, 23.1, 32.8), "BZ": (15.8, 18.5, -89.3, -87.4),
    "CA": (41.6, 83.2, -141.1, -52.5), "CD": (-13.5, 5.4, 12.2, 31.4),
    "CF": (2.2, 11.1, 14.4, 27.5), "CG": (-5.1, 3.8, 11.1, 18.7), "CH": (45.8, 47.9, 5.9, 10.5),
    "CI": (4.3, 10.8, -8.7, -2.4), "CL": (-56.0, -17.4, -76.0, -66.4),
    "CM": (1.6, 13.1, 8.4, 16.2), "CN": (18.1, 53.6, 73.5, 134.8),
    "CO": (-4.3, 13.5, -81.8, -66.8), "CR": (5.4, 11.3, -87.2, -82.5),
    "CU": (19.8, 23.3, -85.0, -74.1), "CV": (14.7, 17.3, -25.4, -22.6),
    "CY": (34.5, 35.7, 32.2, 34.6), "CZ": (48.5, 51.1, 12.0, 18.9), "DE": (47.2, 55.1, 5.8, 15.1),
    "DJ": (10.9, 12.8, 41.7, 43.5), "DK": (54.5, 57.8, 8.0, 15.2),
    "DM": (15.2, 15.65, -61.5, -61.2), "DO": (17.4, 20.0, -72.1, -68.3),
    "DZ": (18.9, 37.2, -8.7, 12.0), "EC": (-5.1, 1.7, -92.1, -75.2),
    "EE": (57.5, 59.7, 21.7, 28.3), "EG": (21.9, 31.7, 24.6, 36.95),
    "EH": (20.7, 27.7, -17.2, -8.6), "ER": (12.3, 18.1, 36.4, 43.2),
    "ES": (27.6, 43.8, -18.2, 4.4), "ET": (3.3, 15.0, 32.9, 48.1), "FI": (59.7, 70.1, 20.5, 31.6),
    "FJ": (-21.0, -12.4, 176.8, 180.0), "FM": (0.9, 10.1, 137.3, 163.1),
    "FR": (41.3, 51.1, -5.2, 9.6), "GA": (-4.1, 2.4, 8.6, 14.6), "GB": (49.8, 60.9, -8.7, 1.8),
    "GD": (11.95, 12.55, -61.85, -61.35), "GE": (41.0, 43.6, 40.0, 46.8),
    "GH": (4.6, 11.2, -3.3, 1.3), "GM": (13.0, 13.9, -16.9, -13.7), "GN": (7.1, 12.7, -15.1, -7.6),
    "GQ": (-1.5, 3.8, 5.6, 11.4), "GR": (34.8, 41.8, 19.3, 29.7), "GT": (13.7, 17.9, -92.3, -88.2),
    "GW": (10.8, 12.7, -16.8, -13.6), "GY": (1.1, 8.6, -61.4, -56.4),
    "HN": (12.9, 17.5, -89.4, -83.1), "HR": (42.3, 46.6, 13.4, 19.5),
    "HT": (18.0, 20.1, -74.5, -71.6), "HU": (45.7, 48.6, 16.1, 22.9),
    "ID": (-11.1, 6.1, 95.0, 141.1), "IE": (51.4, 55.4, -10.7, -5.9),
    "IN": (6.7, 35.7, 68.1, 97.5), "IS": (63.2, 66.6, -24.6, -13.4), "IT": (35.4, 47.1, 6.6, 18.6),
    "JM": (17.6, 18.6, -78.4, -76.1), "JP": (24.0, 45.6, 122.9, 146.0),
    "KE": (-4.8, 5.1, 33.9, 41.95), "KG": (39.1, 43.3, 69.2, 80.3),
    "KH": (10.4, 14.7, 102.3, 107.7), "KI": (-11.5, 4.8, 169.5, 180.0),
    "KM": (-12.5, -11.3, 43.2, 44.6), "KN": (17.0, 17.5, -62.9, -62.5),
    "KP": (37.6, 43.1, 124.2, 130.7), "KR": (33.1, 38.7, 124.6, 131.9),
    "KZ": (40.5, 55.5, 46.4, 87.4), "LA": (13.9, 22.6, 100.0, 107.7),
    "LC": (13.7, 14.2, -61.1, -60.8), "LI": (47.0, 47.3, 9.4, 9.7), "LK": (5.9, 9.9, 79.5, 82.0),
    "LR": (4.3, 8.6, -11.5, -7.3), "LS": (-30.7, -28.5, 27.0, 29.5),
    "LT": (53.8, 56.5, 20.9, 26.9), "LU": (49.4, 50.2, 5.7, 6.6), "LV": (55.6, 58.1, 20.9, 28.3),
    "LY": (19.5, 33.2, 9.3, 25.2), "MA": (27.6, 36.0, -13.2, -1.0),
    "MC": (43.72, 43.76, 7.4, 7.44), "MD": (45.4, 48.5, 26.6, 30.2),
    "ME": (41.8, 43.6, 18.4, 20.4), "MG": (-25.7, -11.9, 43.1, 50.6),
    "MH": (4.5, 14.7, 160.7, 172.2), "MK": (40.8, 42.4, 20.4, 23.1),
    "ML": (10.1, 25.1, -12.3, 4.3), "MM": (9.7, 28.6, 92.1, 101.2),
    "MN": (41.5, 52.2, 87.7, 119.9), "MR": (14.7, 27.3, -17.1, -4.8),
    "MT": (35.7, 36.1, 14.1, 14.6), "MU": (-20.6, -10.3, 56.5, 63.6),
    "MV": (-0.8, 7.2, 72.6, 73.8), "MW": (-17.2, -9.3, 32.6, 36.0),
    "MX": (14.5, 32.8, -118.5, -86.7), "MY": (0.8, 7.4, 99.6, 119.3),
    "MZ": (-26.9, -10.4, 30.2, 40.9), "NA": (-29.0, -16.9, 11.7, 25.3),
    "NE": (11.6, 23.6, 0.1, 16.0), "NG": (4.2, 13.9, 2.6, 14.7), "NI": (10.7, 15.1, -87.7, -82.6),
    "NL": (50.7, 53.6, 3.3, 7.3), "NO": (57.9, 71.3, 4.5, 31.2), "NP": (26.3, 30.5, 80.0, 88.3),
    "NR": (-0.6, -0.49, 166.89, 166.96), "NZ": (-47.4, -34.3, 166.3, 178.6),
    "OM": (16.6, 26.5, 51.9, 59.9), "PA": (7.1, 9.7, -83.1, -77.1),
    "PE": (-18.4, 0.0, -81.4, -68.6), "PG": (-11.7, -0.8, 140.8, 156.0),
    "PH": (4.5, 21.2, 116.9, 126.7), "PK": (23.6, 37.1, 60.8, 77.9),
    "PL": (49.0, 54.9, 14.1, 24.2), "PT": (32.3, 42.2, -31.3, -6.1),
    "PW": (2.8, 8.2, 131.1, 134.8), "PY": (-27.7, -19.2, -62.7, -54.2),
    "QA": (24.4, 26.2, 50.7, 51.7), "RO": (43.6, 48.3, 20.2, 29.8), "RS": (42.2, 46.2, 18.8, 23.0),
    "RU": (41.1, 82.0, 19.6, 180.0), "RW": (-2.9, -1.0, 28.8, 30.95),
    "SB": (-12.4, -6.5, 155.4, 170.3), "SC": (-10.3, -3.7, 46.2, 56.3),
    "SD": (8.6, 22.3, 21.8, 38.7), "SE": (55.3, 69.1, 10.9, 24.2),
    "SG": (1.15, 1.48, 103.6, 104.1), "SI": (45.4, 46.9, 13.3, 16.6),
    "SK": (47.7, 49.7, 16.8, 22.6), "SL": (6.9, 10.0, -13.4, -10.2),
    "SM": (43.89, 44.0, 12.4, 12.52), "SN": (12.3, 16.7, -17.6, -11.3),
    "SO": (-1.7, 12.0, 40.9, 51.5), "SR": (1.8, 6.1, -58.1, -53.9), "SS": (3.4, 12.3, 23.4, 36.0),
    "ST": (-0.1, 1.8, 6.4, 7.5), "SV": (13.1, 14.5, -90.2, -87.6),
    "SZ": (-27.4, -25.7, 30.7, 32.2), "TD": (7.4, 23.5, 13.4, 24.0), "TG": (6.1, 11.2, -0.2, 1.9),
    "TH": (5.6, 20.5, 97.3, 105.7), "TJ": (36.6, 41.1, 67.3, 75.2),
    "TL": (-9.6, -8.1, 124.0, 127.4), "TM": (35.1, 42.8, 52.4, 66.7),
    "TN": (30.2, 37.6, 7.5, 11.6), "TO": (-22.4, -15.5, -176.3, -173.7),
    "TT": (10.0, 11.4, -61.95, -60.5), "TV": (-10.8, -5.6, 176.0, 180.0),
    "TW": (21.8, 26.4, 118.1, 122.1), "TZ": (-11.8, -0.9, 29.3, 40.5),
    "UA": (44.3, 52.4, 22.1, 40.3), "UG": (-1.5, 4.3, 29.5, 35.1),
    "US": (18.9, 71.4, -179.2, -66.9), "UY": (-35.0, -30.0, -58.5, -53.1),
    "UZ": (37.1, 45.6, 55.9, 73.2), "VC": (12.5, 13.4, -61.5, -61.1),
    "VE": (0.6, 15.8, -73.4, -59.8), "VN": (8.4, 23.4, 102.1, 109.5),
    "VU": (-20.3, -13.0, 166.5, 170.3), "WS": (-14.1, -13.4, -172.9, -171.3),
    "XK": (41.8, 43.3, 20.0, 21.8), "YE": (12.1, 19.0, 41.8, 54.6),
    "ZA": (-34.9, -22.1, 16.4, 33.0), "ZM": (-18.1, -8.2, 21.9, 33.8),
    "ZW": (-22.5, -15.6, 25.2, 33.1),
}

# Ids the hand-written records under records/ use: the base must give them the same ids.
RECORD_ACTOR_IDS = ["kataib-hezbollah", "us-armed-forces", "united-states",
                    "popular-mobilization-forces", "irgc", "irgc-quds-force",
                    "iraqi-security-forces", "counter-terrorism-service", "global-coalition"]
RECORD_LOCATION_IDS = ["green-zone", "us-embassy-baghdad", "camp-taji", "k1-air-base",
                       "abu-kamal", "al-qaim", "baghdad", "baghdad-international-airport", "iraq",
                       "syria", "anbar-governorate", "baghdad-governorate", "kirkuk",
                       "kirkuk-governorate", "deir-ez-zor-governorate"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def found(kb: KnowledgeBase, text: str, language: str = "en") -> list[tuple[str, str, str]]:
    """(matched text, kind, id) of every mention, demonyms marked with a star on the kind."""
    return [(m.text, m.kind + ("*" if m.form == "demonym" else ""), m.id)
            for m in kb.find(text, language)]


def ids(kb: KnowledgeBase, text: str, language: str = "en", kind: str = "actor") -> list[str]:
    return [m.id for m in kb.find(text, language) if m.kind == kind and m.form == "name"]


# --- the data -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, entries", [("actors", ACTORS), ("locations", LOCATIONS)])
def test_every_entry_is_a_record_once_demonyms_are_removed(kind, entries):
    validator = jsonschema.Draft202012Validator(schemas()[kind])
    model = Actor if kind == "actors" else Location
    for entry in entries:
        record = {k: v for k, v in entry.items() if k != "demonyms"}
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (entry.get("id"), errors)
        assert model.from_dict(record).to_dict() == record, f"{entry['id']}: keys or shape differ"


@pytest.mark.parametrize("entries", [ACTORS, LOCATIONS])
def test_ids_are_unique(entries):
    seen = [e["id"] for e in entries]
    assert sorted({i for i in seen if seen.count(i) > 1}) == []


def test_the_base_keeps_the_ids_of_the_hand_written_records(kb):
    assert [i for i in RECORD_ACTOR_IDS if i not in kb.actors] == []
    assert [i for i in RECORD_LOCATION_IDS if i not in kb.locations] == []


def test_the_base_is_of_the_size_it_is_meant_to_be(kb):
    assert len(kb.actors) >= 75
    assert len(kb.locations) >= 250


def test_every_parent_exists_and_no_chain_loops(kb):
    for location in kb.locations.values():
        assert location.parent is None or location.parent in kb.locations, location.id
        chain = [location.id, *kb.ancestors(location.id)]
        assert len(chain) == len(set(chain)), chain
        top = kb.locations[chain[-1]]
        assert top.parent is None, f"{location.id}: chain stops at {top.id}"


def test_places_of_a_country_lie_under_that_country(kb):
    for location in kb.locations.values():
        countries = {kb.locations[a].id for a in kb.ancestors(location.id)
                     if kb.locations[a].kind == "country"}
        if location.country in {"IQ", "SY"} and location.kind != "country":
            assert countries == {"iraq" if location.country == "IQ" else "syria"}, location.id


def test_every_affiliation_names_an_actor_of_the_base(kb):
    relations = vocabulary().affiliations
    for actor in kb.actors.values():
        for affiliation in actor.affiliations:
            assert affiliation.actor in kb.actors, (actor.id, affiliation.actor)
            assert affiliation.relation in relations
            assert affiliation.actor != actor.id


def test_coordinates_lie_in_their_country(kb):
    for location in kb.locations.values():
        if location.latitude is None and location.longitude is None:
            continue
        assert location.has_coordinates, f"{location.id}: give both coordinates or neither"
        south, north, west, east = BOXES[location.country]
        assert south <= location.latitude <= north, location.id
        assert west <= location.longitude <= east, location.id


@pytest.mark.parametrize("kind", ["actors", "locations"])
def test_no_name_belongs_to_two_entries_of_a_kind(kb, kind):
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in getattr(kb, kind).values():
        for name in entry.all_names:
            owners[normalize(name).replace("-", " ").replace("'", "")].add(entry.id)
    assert {name: ids for name, ids in owners.items() if len(ids) > 1} == {}


def test_the_us_embassy_is_named_as_the_united_states_too(kb):
    # An attack on the embassy targets the United States: both come out of one mention.
    us = {normalize(n) for n in kb.actors["united-states"].all_names}
    embassy = {normalize(n) for n in kb.locations["us-embassy-baghdad"].all_names}
    assert embassy - us == set()


def test_demonyms_belong_to_governments_in_each_language(kb):
    assert {"united-states", "iran", "iraq", "syria"} <= set(kb.demonyms)
    for actor_id, by_language in kb.demonyms.items():
        assert kb.actors[actor_id].kind == "government", actor_id
        assert set(by_language) <= {"en", "fr"} and all(by_language.values()), actor_id


def test_a_government_with_demonyms_has_forces_of_its_own(kb):
    for actor_id in kb.demonyms:
        forces = [a.id for a in kb.actors.values() if a.kind == "state-force"
                  and any(f.actor == actor_id and f.relation == "part-of" for f in a.affiliations)]
        assert forces, actor_id


def test_aliases_are_listed_by_language_code(kb):
    for entry in [*kb.actors.values(), *kb.locations.values()]:
        assert set(entry.aliases) <= {"en", "fr"}, entry.id
        aliases = functools.reduce(operator.iadd, entry.aliases.values(), [])
        assert entry.name not in aliases, f"{entry.id}: name repeated"


# --- loading ---------------------------------------------------------------------------------


def test_the_base_is_read_once_per_folder():
    assert load_knowledge() is load_knowledge(KNOWLEDGE_DIR)


def _write_base(tmp_path, actors: str, locations: str):
    (tmp_path / "actors.yml").write_text(actors, encoding="utf-8")
    (tmp_path / "locations.yml").write_text(locations, encoding="utf-8")
    return tmp_path


PLACE = "- {id: here, name: Here, kind: town, parent: null}\n"


def test_a_bad_kind_is_reported_with_its_file_and_line(tmp_path):
    base = _write_base(tmp_path, "- id: a\n  name: A\n  kind: armed-group\n"
                                 "- id: b\n  name: B\n  kind: militia\n", PLACE)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(base)
    assert f"{base / 'actors.yml'}:6: b: kind: 'militia' is not one of" in str(error.value)


def test_a_duplicate_id_and_an_unknown_parent_are_reported(tmp_path):
    base = _write_base(tmp_path, "- {id: a, name: A, kind: person}\n",
                       PLACE + PLACE + "- {id: there, name: There, kind: town, parent: nowhere}\n")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(base)
    assert "locations.yml:2: duplicate id 'here'" in str(error.value)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(_write_base(tmp_path, "- {id: a, name: A, kind: person}\n",
                                   PLACE + "- {id: there, name: There, kind: town, parent: nowhere}\n"))
    assert "locations.yml:2: there: parent 'nowhere'" in str(error.value)


def test_demonyms_must_be_lists_of_words(tmp_path):
    base = _write_base(tmp_path, "- {id: a, name: A, kind: government, demonyms: {en: Aish}}\n",
                       PLACE)
    with pytest.raises(KnowledgeError, match=r"actors\.yml:1: demonyms must map"):
        load_knowledge(base)


def test_a_place_pattern_without_a_name_is_refused(tmp_path):
    (tmp_path / "places.en.yml").write_text("patterns:\n  base: ['the big base']\n",
                                            encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"must hold \{name\} once"):
        KnowledgeBase({}, {}, {}, lexicon_dir=tmp_path)
    (tmp_path / "places.en.yml").write_text("patterns:\n  fortress: ['{name} fort']\n",
                                            encoding="utf-8")
    with pytest.raises(KnowledgeError, match="'fortress' is not a location kind"):
        KnowledgeBase({}, {}, {}, lexicon_dir=tmp_path)


# --- normalisation ----------------------------------------------------------------------------


def test_normalize_keeps_one_character_for_one():
    text = "İstanbul, Aïn al‑Assad, « Kata’ib », ﬁeld\u00a0Ⅳ, ÉTATS-UNIS\tx\r\n"
    assert len(normalize(text)) == len(text)
    assert normalize("Aïn al‑Assad ÉTATS") == "ain al-assad etats"
    assert normalize("Kata’ib « Hezbollah »") == "kata'ib \" hezbollah \""


# --- finding known names ------------------------------------------------------------------------


def test_accents_and_case_do_not_matter(kb):
    for written in ["Aïn al-Assad", "Ain al-Assad", "AIN AL-ASSAD", "Aïn Al Assad"]:
        assert ids(kb, f"Des missiles sont tombés sur {written} mercredi.", "fr",
                   "location") == ["ain-al-asad"], written


def test_apostrophes_of_any_kind_and_none_are_the_same(kb):
    for written in ["Kata'ib Hezbollah", "Kata’ib Hezbollah", "Kata`ib Hezbollah",
                    "Kataib Hezbollah", "Kataëb Hezbollah"]:
        assert ids(kb, f"Officials blamed {written} for the barrage.") == ["kataib-hezbollah"]
    assert ids(kb, "Le convoi a quitté l’aéroport d’Erbil à l'aube.", "fr", "location") == [
        "erbil-international-airport"]


def test_hyphens_and_spaces_are_the_same_inside_a_name(kb):
    for written in ["Al-Qaim", "Al Qaim", "al‑Qaïm", "Al-Qa'im"]:
        mentions = kb.find(f"Jets struck near {written} at dawn.", "en")
        assert [(m.id, m.text) for m in mentions] == [("al-qaim", written)]


def test_an_arabic_article_may_precede_a_name(kb):
    assert found(kb, "Thousands followed al-Hashd into the streets of el-Bukamal.") == [
        ("al-Hashd", "actor", "popular-mobilization-forces"),
        ("el-Bukamal", "location", "abu-kamal")]


def test_short_acronyms_match_in_capitals_only(kb):
    assert ids(kb, "He told us it is over; ei, kh and cts mean nothing here.") == []
    assert ids(kb, "US jets hit KH depots while IS cells and the CTS watched the PMF.") == [
        "united-states", "kataib-hezbollah", "islamic-state", "counter-terrorism-service",
        "popular-mobilization-forces"]
    assert ids(kb, "Des cellules de l'EI ont attaqué une position des FDS.", "fr") == [
        "islamic-state", "syrian-democratic-forces"]


def test_the_dots_of_an_abbreviation_do_not_matter(kb):
    assert found(kb, "U.S. service members and the U.K. said so; then the US.") == [
        ("U.S. service members", "actor", "us-armed-forces"),
        ("U.K.", "actor", "united-kingdom"), ("US", "actor", "united-states")]


def test_a_one_word_capitalised_name_needs_a_capital(kb):
    assert ids(kb, "Two rockets hit the runway.", kind="location") == []
    assert ids(kb, "Fighting resumed in Hit and in Rawa.", kind="location") == ["hit", "rawa"]


def test_generic_compounds_name_no_actor(kb):
    for text, language in [("Iran-backed factions fired at the base.", "en"),
                           ("Iranian-linked groups and anti-American militias were blamed.", "en"),
                           ("Des factions armées pro-iraniennes sont accusées.", "fr"),
                           ("Les tensions américano-iraniennes montent.", "fr"),
                           ("Iraqi paramilitaries were killed near the border.", "en")]:
        assert ids(kb, text, language) == [], text


def test_a_demonym_alone_is_a_demonym_not_a_name(kb):
    assert found(kb, "Iraqi paramilitaries and two Americans and a Briton were hurt.") == [
        ("Iraqi", "actor*", "iraq"), ("Americans", "actor*", "united-states"),
        ("Briton", "actor*", "united-kingdom")]
    assert found(kb, "Un sous-traitant américain et des soldats américains.", "fr") == [
        ("américain", "actor*", "united-states"),
        ("soldats américains", "actor", "us-armed-forces")]


def test_demonyms_are_those_of_the_text_language(kb):
    assert found(kb, "Les Iraniens ont tiré.", "fr") == [("Iraniens", "actor*", "iran")]
    assert found(kb, "Les Iraniens ont tiré.", "en") == []


def test_a_compound_that_is_itself_a_name_matches_whole(kb):
    assert found(kb, "The US-led coalition and the U.S.-led coalition said so.") == [
        ("US-led coalition", "actor", "global-coalition"),
        ("U.S.-led coalition", "actor", "global-coalition")]
    assert found(kb, "Near the Iraqi-Syrian border and the Iraq – Syria border.")[0][2] == (
        "iraq-syria-border")


def test_the_longest_name_wins_and_names_never_overlap(kb):
    assert found(kb, "The convoy left Baghdad International Airport.") == [
        ("Baghdad International Airport", "location", "baghdad-international-airport")]
    assert found(kb, "The Iraqi Counter-Terrorism Service and the IRGC Quds Force.") == [
        ("Iraqi Counter-Terrorism Service", "actor", "counter-terrorism-service"),
        ("IRGC Quds Force", "actor", "irgc-quds-force")]
    mentions = kb.find("Rockets hit the K1 air base outside Kirkuk, and Taji.", "en")
    assert [m.id for m in mentions] == ["k1-air-base", "kirkuk", "camp-taji"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_a_name_of_an_actor_and_a_place_gives_one_mention_of_each(kb):
    assert found(kb, "Protesters stormed the US embassy; Iraq protested.") == [
        ("Protesters", "actor", "protesters"),
        ("US embassy", "actor", "united-states"), ("US embassy", "location", "us-embassy-baghdad"),
        ("Iraq", "actor", "iraq"), ("Iraq", "location", "iraq")]


def test_a_possessive_does_not_hide_a_name(kb):
    assert ids(kb, "Iran's Revolutionary Guards fired missiles.") == ["iran", "irgc"]


def test_a_name_does_not_run_across_lines(kb):
    assert ids(kb, "They reached the Green\nZone.", kind="location") == []


def test_offsets_point_into_the_text_as_written(kb):
    text = "« Frappes » : l’aviation américaine a visé Albou Kamal, près d’Al-Qaïm.\n"
    mentions = kb.find(text, "fr")
    assert [(m.id, m.start, m.end) for m in mentions] == [
        ("us-armed-forces", 16, 35), ("abu-kamal", 43, 54), ("al-qaim", 63, 70)]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_an_english_paragraph_of_my_own(kb):
    text = ("Two Katyusha rockets landed inside Camp Taji late on Tuesday, the Security Media "
            "Cell said. Washington blamed Asa'ib Ahl al-Haq; Qais al-Khazali denied it.")
    assert found(kb, text) == [
        ("Camp Taji", "location", "camp-taji"),
        ("Security Media Cell", "actor", "security-media-cell"),
        ("Washington", "actor", "united-states"),
        ("Asa'ib Ahl al-Haq", "actor", "asaib-ahl-al-haq"),
        ("Qais al-Khazali", "actor", "qais-al-khazali")]


def test_a_french_paragraph_of_my_own(kb):
    text = ("Un drone a frappé un véhicule des Brigades du Hezbollah près de la base aérienne "
            "de Balad, dans la province de Salaheddine, selon les Gardiens de la révolution.")
    assert found(kb, text, "fr") == [
        ("Brigades du Hezbollah", "actor", "kataib-hezbollah"),
        ("base aérienne de Balad", "location", "balad-air-base"),
        ("province de Salaheddine", "location", "saladin-governorate"),
        ("Gardiens de la révolution", "actor", "irgc")]


def test_places_of_the_region_in_both_languages(kb):
    text = ("Strikes hit Dahiyeh, Beirut's southern suburbs, then Deir Zor, Boukamal, Idlib "
            "province, Maarat al-Numan, the Hmeimim air base and Kermanshah.")
    assert ids(kb, text, kind="location") == [
        "dahiyeh", "dahiyeh", "deir-ez-zor", "abu-kamal", "idlib-governorate", "maarat-al-numan",
        "hmeimim-air-base", "kermanshah"]
    text = ("Des frappes ont visé la banlieue sud de Beyrouth, Lattaquié, la province d'Idlib, "
            "Soueïda, le Sud-Liban, Téhéran et la bande de Gaza.")
    assert ids(kb, text, "fr", "location") == [
        "dahiyeh", "latakia", "idlib-governorate", "suwayda", "south-lebanon", "tehran",
        "gaza-strip"]


def test_the_west_bank_of_a_river_is_not_the_west_bank(kb):
    assert ids(kb, "Troops crossed to the west bank of the Euphrates.", kind="location") == []
    assert ids(kb, "Raids in the occupied West Bank; raids en Cisjordanie.", kind="location") == [
        "west-bank", "west-bank"]


def test_actors_of_the_region_in_both_languages(kb):
    assert ids(kb, "Hamas, the Houthis, HTS, the MEK, the KDPI, PJAK and the PUK.") == [
        "hamas", "houthis", "hayat-tahrir-al-sham", "mujahedin-e-khalq", "kdpi", "pjak",
        "patriotic-union-of-kurdistan"]
    assert ids(kb, "Le Hezbollah, les Moudjahidine du peuple, le Jihad islamique et "
                   "l'Armée nationale syrienne.", "fr") == [
        "lebanese-hezbollah", "mujahedin-e-khalq", "palestinian-islamic-jihad",
        "syrian-national-army"]
    assert ids(kb, "Ansar Allah al-Awfiya is not Yemen's Ansar Allah.") == [
        "ansar-allah-al-awfiya", "houthis"]


# --- looking up -------------------------------------------------------------------------------


def test_ancestors_run_from_the_nearest_parent_up(kb):
    assert kb.ancestors("us-embassy-baghdad") == [
        "green-zone", "baghdad", "baghdad-governorate", "iraq"]
    assert kb.ancestors("erbil") == ["erbil-governorate", "kurdistan-region", "iraq"]
    assert kb.ancestors("iraq") == []
    assert kb.ancestors("atlantis") == []


def test_entries_are_found_by_any_of_their_names(kb):
    assert kb.location_by_name("the Green Zone").id == "green-zone"
    assert kb.location_by_name("la zone verte").id == "green-zone"
    assert kb.location_by_name("al-Boukamal").id == "abu-kamal"
    assert kb.location_by_name("ABOU KAMAL").id == "abu-kamal"
    assert kb.location_by_name("Atlantis") is None
    assert kb.actor_by_name("Kataëb Hezbollah").id == "kataib-hezbollah"
    assert kb.actor_by_name("Iraq").id == "iraq"
    assert kb.actor_by_name("Baghdad") is None


# --- places the base lacks ----------------------------------------------------------------------


def places(kb: KnowledgeBase, text: str, language: str = "en") -> list[tuple[str, str, str]]:
    found = kb.unknown_places(text, language)
    assert all(text[c.start:c.end] == c.text for c in found)
    return [(c.name, c.kind, c.text) for c in found]


def test_unknown_places_are_found_by_the_words_around_them(kb):
    text = ("Rockets struck the Zarqan air base overnight, then Camp Hurriyat and a post in "
            "Qasr Hamdan province; a bomb went off in the town of Tell Zarqa, in the Nahr "
            "Jasim district, near the Abu Sakhr crossing.")
    assert places(kb, text) == [
        ("Zarqan", "base", "the Zarqan air base"),
        ("Hurriyat", "base", "Camp Hurriyat"),
        ("Qasr Hamdan", "governorate", "Qasr Hamdan province"),
        ("Tell Zarqa", "town", "the town of Tell Zarqa"),
        ("Nahr Jasim", "district", "the Nahr Jasim district"),
        ("Abu Sakhr", "border-crossing", "the Abu Sakhr crossing")]


def test_unknown_places_in_french(kb):
    text = ("Des roquettes ont visé la base aérienne de Zarqan, dans la province de Qasr "
            "Hamdan, puis le quartier al-Nour de Bassora et la ville d'Al-Zahra, près du "
            "poste-frontière de Tell Zarqa.")
    assert places(kb, text, "fr") == [
        ("Zarqan", "base", "la base aérienne de Zarqan"),
        ("Qasr Hamdan", "governorate", "la province de Qasr Hamdan"),
        ("al-Nour", "neighbourhood", "le quartier al-Nour"),
        ("Al-Zahra", "city", "la ville d'Al-Zahra"),
        ("Tell Zarqa", "border-crossing", "poste-frontière de Tell Zarqa")]


def test_known_places_and_actors_are_not_unknown_places(kb):
    assert places(kb, "The Taji air base, Anbar province and the Kataib Hezbollah base.") == []
    assert places(kb, "Les tirs visaient la base de Taji et la province d'Anbar.", "fr") == []


def test_words_that_begin_sentences_and_known_names_are_trimmed_off(kb):
    assert places(kb, "Yesterday Zarqan airbase was shelled.") == [
        ("Zarqan", "base", "Zarqan airbase")]
    assert places(kb, "He visited the Iraqi Zarqan base.") == [("Zarqan", "base", "Zarqan base")]


def test_adjectives_before_a_name_are_trimmed_off(kb):
    assert places(kb, "Near the Kurdish base, the Iran-backed Zarqan base, the Tell al Hamra "
                      "airfield and the village of Deir ez-Nour.") == [
        ("Zarqan", "base", "Zarqan base"),
        ("Tell al Hamra", "base", "the Tell al Hamra airfield"),
        ("Deir ez-Nour", "village", "the village of Deir ez-Nour")]


def test_mountains_are_sites(kb):
    assert places(kb, "Jets struck the Zagros mountains and Mount Hamrin.") == [
        ("Zagros", "site", "the Zagros mountains"), ("Hamrin", "site", "Mount Hamrin")]
    assert places(kb, "Des frappes ont visé les monts Hamrin.", "fr") == [
        ("Hamrin", "site", "les monts Hamrin")]


def test_title_case_headlines_give_no_unknown_place(kb):
    text = "Rockets Hit Zarqan Air Base Near Capital\nNo rocket hit the Zarqan air base."
    assert places(kb, text) == [("Zarqan", "base", "the Zarqan air base")]


def test_unknown_place_kinds_are_location_kinds(kb):
    kinds = set(vocabulary().location_kinds)
    for text, language in [("the Zarqan airport and the village of Tell Zarqa", "en"),
                           ("l'aéroport de Zarqan et le village de Tell Zarqa", "fr")]:
        found = kb.unknown_places(text, language)
        assert [c.kind for c in found] == ["airport", "village"]
        assert {c.kind for c in found} <= kinds


@pytest.mark.parametrize("text, language, name", [
    ("Fighters attacked a post near Zarqa, in the east of the province, on Monday.", "en", "Zarqa"),
    ("They seized Kafr Nabal, a small town on the main road.", "en", "Kafr Nabal"),
    ("Les assaillants ont frappé à Tamsala, dans la région du nord.", "fr", "Tamsala"),
    ("Les combats ont repris à Ouali, une localité du centre.", "fr", "Ouali"),
])
def test_a_place_is_found_by_the_words_that_say_where_it_lies(kb, text, language, name):
    found = kb.unknown_places(text, language)
    assert [(c.name, c.kind, c.text) for c in found] == [(name, "town", name)]


@pytest.mark.parametrize("text, language", [
    ("The minister spoke to Reuters, the news agency, on Monday.", "en"),
    ("Deux autres roquettes sont tombées sur la rive du Tigre, près de l'ambassade.", "fr"),
])
def test_a_capitalised_word_after_a_preposition_is_not_always_a_place(kb, text, language):
    assert kb.unknown_places(text, language) == []


def test_a_hyphen_names_both_towns_of_a_road_but_no_country_of_a_war(kb):
    def found(text):
        return [m.id for m in kb.find(text, "en")]

    assert found("on the Ansongo-Menaka road") == ["ansongo", "menaka"]
    assert found("since the Russia-Ukraine war began") == []
    assert found("an Iran-backed militia") == []


def test_the_armed_groups_of_eastern_congo_are_named_in_either_language(kb):
    assert [m.id for m in kb.find("an attack claimed by the Allied Democratic Forces (ADF)", "en")
            if m.kind == "actor"] == ["allied-democratic-forces", "allied-democratic-forces"]
    assert [m.id for m in kb.find("les rebelles du M23 et l'armée congolaise", "fr") if m.kind == "actor"] == [
        "m23", "fardc"]


def test_two_towns_a_hyphen_joins_may_name_a_new_base(kb):
    assert [(c.name, c.kind) for c in kb.unknown_places("Rockets hit the Qaim-Haditha air base.", "en")] == [
        ("Qaim-Haditha", "base")]
