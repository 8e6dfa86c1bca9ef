"""Placing a place an article names that the base lacks, on the small gazetteer of
tests/fixtures/gazetteer.yml."""

from __future__ import annotations

import pytest

from builder.gazetteer.choose import Context
from builder.gazetteer.index import Gazetteer
from builder.gazetteer.locate import article_context, locate, placed
from builder.records.model import Location

BASE = {loc.id: loc for loc in [
    Location("iraq", "Iraq", "country", country="IQ", latitude=33.0, longitude=44.0, geonames=99237),
    Location("anbar-governorate", "Anbar Governorate", "governorate", parent="iraq", country="IQ",
             latitude=33.42, longitude=43.31, geonames=99592),
    Location("ukraine", "Ukraine", "country", country="UA", latitude=49.0, longitude=32.0),
    Location("donetsk-oblast", "Donetsk Oblast", "region", parent="ukraine", country="UA",
             latitude=48.02, longitude=37.8, geonames=709716),
    Location("kramatorsk", "Kramatorsk", "town", parent="donetsk-oblast", country="UA",
             latitude=48.72, longitude=37.56),
    Location("xland", "Xland", "country", country="XX", latitude=1.0, longitude=1.0),
]}


@pytest.fixture(scope="module")
def gazetteer(small_gazetteer) -> Gazetteer:
    return Gazetteer(small_gazetteer)


def test_the_context_holds_the_countries_divisions_and_towns_the_article_names(gazetteer):
    context = article_context(gazetteer, BASE, "ukraine", ["anbar-governorate", "kramatorsk", "iraq"])
    assert context.countries == ["UA", "IQ"]  # the place the phrase names first
    assert context.divisions == {"IQ.01"}
    assert context.points == [(48.72, 37.56)]


def test_a_town_of_the_article_s_country_is_placed_with_its_coordinates_and_id(gazetteer):
    choice, precision = locate(gazetteer, "Hit", "town", Context(countries=["IQ"]))
    assert choice.place is not None and choice.place.geonames == 96994 and precision == "town"


def test_the_namesake_near_the_places_the_article_names_is_chosen(gazetteer):
    context = article_context(gazetteer, BASE, None, ["kramatorsk"])
    choice, _ = locate(gazetteer, "Vasylivka", "village", context)
    assert choice.place is not None and choice.place.admin1 == "UA.05"


def test_a_base_named_after_a_town_is_placed_at_the_town_with_the_town_s_precision(gazetteer):
    choice, precision = locate(gazetteer, "Haditha", "base", Context(countries=["IQ"]))
    assert choice.place is not None and choice.place.geonames == 98245 and precision == "town"


def test_a_name_the_gazetteer_lacks_stays_unplaced(gazetteer):
    choice, _ = locate(gazetteer, "Kalsu", "base", Context(countries=["IQ"]))
    assert choice.place is None and choice.reason == "not in the gazetteer"


def test_a_draft_placed_takes_the_coordinates_id_and_a_nearer_parent(gazetteer):
    draft = Location("hit", "Hit", "town", parent="iraq", status="draft")
    place = gazetteer.get(96994)
    assert place is not None
    out = placed(gazetteer, draft, place, "town", BASE)
    assert (out.latitude, out.longitude, out.geonames, out.precision) == (33.6416, 42.8251, 96994, None)
    assert (out.parent, out.country, out.status) == ("anbar-governorate", "IQ", "draft")


def test_a_base_placed_at_its_town_says_so_and_keeps_a_parent_that_is_no_country(gazetteer):
    draft = Location("haditha-base", "Haditha base", "base", parent="anbar-governorate", status="draft")
    place = gazetteer.get(98245)
    assert place is not None
    out = placed(gazetteer, draft, place, "town", BASE)
    assert (out.precision, out.parent) == ("town", "anbar-governorate")
