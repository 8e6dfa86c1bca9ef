"""Feeds: the Atom feed, the TimelineJS JSON and the schema.org JSON-LD of event pages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from builder.site import feeds
from builder.site.view import SiteView

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def view_of(chronology) -> SiteView:
    return SiteView(chronology)


def test_the_atom_feed_has_what_atom_1_0_requires(chronology):
    feed = ET.fromstring(feeds.atom_feed(view_of(chronology)))
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == \
        ["Rocket attack on Camp Taji", "US strikes", "Rocket attack on K1"]  # newest first
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == 3 and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None


def test_feed_dates_come_from_the_records_not_the_clock(chronology):
    view = view_of(chronology)
    feed = ET.fromstring(feeds.atom_feed(view))
    taji = feed.find(f"{ATOM}entry")
    assert taji.find(f"{ATOM}updated").text == "2020-03-13T00:00:00Z"  # its latest source
    assert taji.find(f"{ATOM}published").text == "2020-03-11T00:00:00Z"
    assert feed.find(f"{ATOM}updated").text == "2020-03-13T00:00:00Z"
    assert feeds.atom_feed(view) == feeds.atom_feed(view_of(chronology))


def test_feed_links_are_relative_to_the_feed_without_a_site_address(chronology):
    feed = ET.fromstring(feeds.atom_feed(view_of(chronology)))
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link == "../events/taji-rockets/"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "../"


def test_feed_links_and_ids_are_absolute_with_a_site_address(chronology):
    feed = ET.fromstring(feeds.atom_feed(view_of(chronology), "https://example.org/chron/"))
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "https://example.org/chron/events/taji-rockets/"
    assert entry.find(f"{ATOM}id").text == "https://example.org/chron/events/taji-rockets/"
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "https://example.org/chron/downloads/events.atom"


def test_the_feed_keeps_the_latest_events_only(chronology):
    feed = ET.fromstring(feeds.atom_feed(view_of(chronology), size=2))
    assert len(feed.findall(f"{ATOM}entry")) == 2


def test_timelinejs_dates_keep_the_records_precision(chronology):
    doc = json.loads(feeds.timeline_json(view_of(chronology)))
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert slides["taji-rockets"]["start_date"] == {"year": 2020, "month": 3, "day": 11}
    assert "end_date" not in slides["taji-rockets"]
    k1 = slides["k1-rockets"]
    assert k1["start_date"] == {"year": 2019, "month": 12, "day": 21}
    assert k1["end_date"] == {"year": 2019, "month": 12, "day": 31}
    assert k1["display_date"] == "late December 2019"
    assert doc["title"]["text"]["headline"] == "Incident chronology"


def test_timelinejs_text_is_escaped_html_linking_the_record_only_when_the_address_is_known(chronology):
    chronology.events["taji-rockets"].summary = "Rockets <b>hit</b> & burned."
    slide = feeds.timeline_slide(view_of(chronology), chronology.events["taji-rockets"])
    assert slide["text"]["text"].startswith("<p>Rockets &lt;b&gt;hit&lt;/b&gt; &amp; burned.</p>")
    assert "<a " not in slide["text"]["text"]
    linked = feeds.timeline_slide(view_of(chronology), chronology.events["taji-rockets"],
                                  "https://example.org/")
    assert '<a href="https://example.org/events/taji-rockets/">' in linked["text"]["text"]


def test_json_ld_describes_a_schema_org_event_with_its_place_and_articles(chronology):
    data = feeds.event_jsonld(view_of(chronology), chronology.events["taji-rockets"])
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["startDate"] == "2020-03-11" and "endDate" not in data
    place = data["location"]
    assert place["name"] == "Camp Taji" and place["geo"]["latitude"] == 33.52
    assert place["containedInPlace"]["name"] == "Baghdad"
    assert place["containedInPlace"]["containedInPlace"]["name"] == "Iraq"
    wire, unnamed = data["subjectOf"]
    assert wire["publisher"] == {"@type": "Organization", "name": "Wire"}
    assert wire["url"] == "https://example.org/a" and "publisher" not in unnamed


def test_json_ld_dates_keep_the_records_precision(chronology):
    view = view_of(chronology)
    k1 = feeds.event_jsonld(view, chronology.events["k1-rockets"])
    assert (k1["startDate"], k1["endDate"]) == ("2019-12-21", "2019-12-31")
    chronology.events["k1-rockets"].date.precision = "month"
    assert feeds.event_jsonld(view, chronology.events["k1-rockets"])["startDate"] == "2019-12"


def test_the_atom_feed_stays_well_formed_whatever_control_characters_the_text_holds(chronology):
    for bad in ("\f", "\x00", "\x1b", "\ufffe", "\ud800", "\x0b"):
        event = chronology.events["taji-rockets"]
        event.title, event.summary = f"Rocket{bad}attack", f"Eighteen{bad}rockets"
        chronology.locations["camp-taji"].name = f"Camp{bad}Taji"
        feed = ET.fromstring(feeds.atom_feed(view_of(chronology)))  # raises when not well-formed
        titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
        assert titles[0] == "Rocket attack", repr(bad)
