"""The record model: spans, tolls, ids and the stable round trip through YAML."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import EVENTS

from builder.records.folder import record_text
from builder.records.model import (
    MAX_SLUG_CHARS,
    SLUG_RE,
    DateSpan,
    Event,
    Toll,
    id_from,
    is_web_url,
    slugify,
    time_rank,
    web_address,
)
from builder.records.yamlio import parse


def test_slugify_makes_ascii_ids_from_titles_in_either_language():
    assert slugify("Rocket attack on Camp Taji") == "rocket-attack-on-camp-taji"
    assert slugify("Frappe de drone près de l'aéroport de Bagdad") == "frappe-de-drone-pres-de-laeroport-de-bagdad"
    assert slugify("Kata'ib Hezbollah — 45th brigade") == "kataib-hezbollah-45th-brigade"


def test_month_and_year_spans_cover_the_whole_period():
    assert DateSpan.month(2020, 2) == DateSpan(date(2020, 2, 1), date(2020, 2, 29), "month")
    assert DateSpan.year(2019).days == 365


def test_spans_overlap_with_slack():
    a = DateSpan.day(date(2020, 3, 11))
    b = DateSpan.day(date(2020, 3, 12))
    assert not a.overlaps(b)
    assert a.overlaps(b, slack_days=1)
    assert DateSpan.month(2020, 3).contains(a)


def test_a_toll_from_disagreeing_figures_keeps_the_most_reported_and_the_range():
    assert Toll.from_figures([25, 24, 25]) == Toll(25, 24, 25)
    assert Toll.from_figures([7, 10]) == Toll(7, 7, 10)  # a tie goes to the lower figure
    assert Toll.from_figures([]) is None


def test_an_undisputed_toll_is_written_as_a_plain_number():
    assert Toll.exact(3).to_yaml() == 3
    assert Toll(25, 24, 25).to_yaml() == {"best": 25, "low": 24, "high": 25}
    assert Toll.parse({"best": 5}) == Toll.exact(5)


def test_events_of_one_day_are_ordered_by_time_of_day():
    assert time_rank("evening") < time_rank("night")
    assert time_rank("07:30") < time_rank("morning") < time_rank(None) < time_rank("19:00")


def test_a_record_survives_a_round_trip_through_yaml_unchanged(tmp_path):
    ev = Event.from_dict(EVENTS[0])
    path = tmp_path / "events" / "taji-rockets.yml"
    text = record_text(path, "events", ev)
    again = Event.from_dict(parse(text).data)
    assert again == ev
    assert record_text(path, "events", again) == text


def test_a_record_file_points_the_editor_at_its_schema(tmp_path):
    text = record_text(tmp_path / "events" / "x.yml", "events", Event.from_dict(EVENTS[0]))
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith("event.schema.json")


def test_slugify_transliterates_any_script_and_stays_an_id():
    assert slugify("كتائب حزب الله") == "ktib-hzb-llh"
    assert slugify("Łódź, Şanlıurfa, Straße") == "lodz-sanliurfa-strasse"
    assert slugify("Київ") == "kiiv"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("C:\\Windows\\system32") == "c-windows-system32"
    assert slugify("!!! ???") == ""


def test_slugify_never_gives_a_reserved_name_or_an_overlong_file_name():
    assert slugify("Index") == "index-1"  # actors/index.md is the list of actors
    assert slugify("NUL") == "nul-1"
    assert len(slugify("x" * 5_000)) == MAX_SLUG_CHARS
    assert len(slugify("word " * 40)) <= MAX_SLUG_CHARS


def test_id_from_gives_text_with_no_letter_a_stable_id_of_its_own():
    assert id_from("!!!", "article") == id_from("!!!", "article")
    assert id_from("!!!", "article") != id_from("???", "article")
    assert SLUG_RE.match(id_from("!!!", "article"))
    assert id_from("Camp Taji", "place") == "camp-taji"


@pytest.mark.parametrize("url", ["https://www.aljazeera.com/news/2020/3/11/rockets",
                                 "http://example.org/l'attaque?x=1#top", "HTTPS://EXAMPLE.ORG/"])
def test_web_addresses_are_links(url):
    assert is_web_url(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
                                 "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "//evil.org/x",
                                 "/etc/passwd", "https://x.org/\"><script>", "https://x.org/a b",
                                 "https://x.org/a|b", "http://", "http://[::1", ""])
def test_other_addresses_are_not_links(url):
    assert not is_web_url(url)


@pytest.mark.parametrize(("url", "rebuilt"), [
    ("https://example.org/[Read](javascript:alert(1))", "https://example.org/%5BRead%5D(javascript:alert(1))"),
    ("HTTPS://Example.ORG:8443/a?b=[1]#[c]", "https://example.org:8443/a?b=%5B1%5D#%5Bc%5D"),
    ("https://bücher.de/straße?ü=1", "https://xn--bcher-kva.de/stra%C3%9Fe?%C3%BC=1"),
    ("https://x.org/100%/a%20b", "https://x.org/100%25/a%20b"),
    ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
])
def test_a_web_address_is_rebuilt_from_its_parts_with_brackets_encoded(url, rebuilt):
    assert web_address(url) == rebuilt
    assert "[" not in rebuilt and "]" not in rebuilt.partition("//")[2].partition("/")[2]


@pytest.mark.parametrize("url", ["https://user:pw@example.org/", "https://javascript:alert(1)@example.org/",
                                 "https://x.org:port/", "https://-x.org/", "https://a..b/", "https:///x"])
def test_addresses_with_a_user_a_bad_port_or_a_bad_host_are_not_links(url):
    assert web_address(url) == ""
