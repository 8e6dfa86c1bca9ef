"""Reading articles as real web pages give them: section headings, summaries of a season,
stamps, datelines, captions, embedded posts, recaps of earlier incidents. Issue 13's classes,
each pinned in English and French with articles written for the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from extraction import write_article

from builder.extract.articles import read_article
from builder.extract.knowledge import load_knowledge
from builder.extract.mentions import find_mentions
from builder.extract.reading import Mention


def told(path: Path, published: date) -> list[Mention]:
    return find_mentions(read_article(path), published, load_knowledge())


def test_a_dated_heading_dates_and_places_the_incidents_of_its_section(tmp_path):
    body = ("A summer of attacks on depots has worried Baghdad.\n\n"
            "## July 19: Tarmiyah\n\nA blast hit a militia base, killing two fighters.\n\n"
            "## August 2: Samarra\n\nA depot exploded, wounding a guard.\n")
    found = told(write_article(tmp_path, "a", body, "en", "2019-08-28"), date(2019, 8, 28))
    assert [(m.location, m.known_date.start) for m in found] == [
        ("tarmiyah", date(2019, 7, 19)), ("samarra", date(2019, 8, 2))]


def test_a_dated_heading_in_french_dates_its_section(tmp_path):
    body = ("Un été noir pour les milices.\n\n## Le 19 juillet à Tarmiyah\n\n"
            "Une explosion a touché une base de la milice, tuant deux combattants.\n")
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2019-08-28"), date(2019, 8, 28))
    assert (m.location, m.known_date.start) == ("tarmiyah", date(2019, 7, 19))


def test_a_season_summed_up_is_no_incident(tmp_path):
    body = ("Over six weeks this summer, at least five depots have exploded or been hit from the air. "
            "On 19 July, a blast hit a militia base in Tarmiyah, killing two fighters.")
    found = told(write_article(tmp_path, "a", body, "en", "2019-08-28"), date(2019, 8, 28))
    assert [(m.location, m.known_date.start) for m in found] == [("tarmiyah", date(2019, 7, 19))]


def test_a_series_of_explosions_at_one_depot_is_one_incident(tmp_path):
    body = "On 12 August, a series of explosions at a militia depot in Samarra killed one civilian."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2019-08-14"), date(2019, 8, 14))
    assert (m.location, m.killed) == ("samarra", 1)
