"""What the readers' site adds to the pages: relations and claims on both sides, source
reliability, attribution, downloads, maps, filters, JSON-LD; and builds that repeat exactly."""

from __future__ import annotations

import json
import re

from conftest import SOURCES, write_chronology

from builder.records.model import ActorRole, Relation
from builder.site import render
from builder.site.build import render_docs
from builder.site.view import SiteView


def pages_of(chronology) -> dict[str, str]:
    return render.render_pages(SiteView(chronology))


def test_independent_sources_count_publishers_not_articles(chronology):
    view = SiteView(chronology)
    taji = chronology.events["taji-rockets"]
    assert view.reliability(taji).independent == 2  # Wire, and one source with no publisher
    chronology.sources["b-two"].publisher = "Wire"
    again = view.reliability(taji)
    assert (again.independent, again.articles, again.publishers) == (1, 2, ["Wire"])
    chronology.sources["a-one"].publisher = chronology.sources["b-two"].publisher = ""
    assert view.reliability(taji).independent == 2  # each unnamed source counts on its own


def test_the_event_page_says_how_many_independent_sources_report_it(chronology):
    page = pages_of(chronology)["events/taji-rockets.md"]
    assert "| Reported by | 2 independent sources: Wire, 1 article with no publisher named |" in page
    chronology.sources["b-two"].publisher = "Wire"
    page = pages_of(chronology)["events/taji-rockets.md"]
    assert "| Reported by | 1 independent source: Wire (2 articles) |" in page


def test_attribution_says_claimed_attributed_by_whom_or_denied(chronology):
    page = pages_of(chronology)["events/taji-rockets.md"]
    assert ("| Attribution | [Kataib Hezbollah](../actors/kataib-hezbollah.md) (suspected): attributed by "
            "[US forces](../actors/us-forces.md), denied |") in page
    strikes = pages_of(chronology)["events/strikes.md"]
    assert "| Attribution | [US forces](../actors/us-forces.md): named by the sources |" in strikes
    chronology.events["strikes"].actors[0].claimed = True
    assert "[US forces](../actors/us-forces.md): claimed |" in pages_of(chronology)["events/strikes.md"]
    assert "| Attribution | no perpetrator named |" in pages_of(chronology)["events/k1-rockets.md"]


def test_a_claim_shows_on_the_event_and_on_the_actor(chronology):
    chronology.events["k1-rockets"].actors = [ActorRole("kataib-hezbollah", "perpetrator", claimed=True)]
    pages = pages_of(chronology)
    assert "- Claimed by: [Kataib Hezbollah](../actors/kataib-hezbollah.md)" in pages["events/k1-rockets.md"]
    kh = pages["actors/kataib-hezbollah.md"]
    assert "### Claimed responsibility (1)" in kh
    assert "[Rocket attack on K1](../events/k1-rockets.md)" in kh.split("### Claimed responsibility")[1]


def test_a_few_hours_after_shows_on_both_events(chronology):
    chronology.events["taji-rockets"].relations = [Relation("shortly-after", "strikes")]
    pages = pages_of(chronology)
    assert "- A few hours after: [US strikes](strikes.md)" in pages["events/taji-rockets.md"]
    assert "- A few hours before: [Rocket attack on Camp Taji](taji-rockets.md)" in pages["events/strikes.md"]


def test_every_listing_page_links_the_downloads_and_feeds(chronology):
    pages = pages_of(chronology)
    for path in ("index.md", "chronology/index.md", "chronology/2019.md", "actors/index.md",
                 "locations/index.md", "sources/index.md"):
        prefix = "" if path == "index.md" else "../"
        for name in ("events.csv", "events.json", "events.geojson", "timeline.json", "events.atom"):
            assert f"]({prefix}downloads/{name})" in pages[path], (path, name)


def test_year_rows_carry_what_the_filters_match_on(chronology):
    page = pages_of(chronology)["chronology/2020.md"]
    assert ('[Rocket attack on Camp Taji](../events/taji-rockets.md){: data-event="taji-rockets" '
            'data-year="2020" data-type="explosions-remote-violence" '
            'data-actors="kataib-hezbollah us-forces" data-places="camp-taji baghdad iraq" }') in page
    assert "<form class=\"chron-filters\" method=\"get\" hidden>" in page  # shown by the script


def test_filters_offer_only_values_some_event_has(chronology):
    filters = SiteView(chronology).filters()
    assert [(c.value, c.count) for c in filters.years] == [("2019", 2), ("2020", 1)]
    assert [c.label for c in filters.types] == ["Explosions/Remote violence"]
    assert [c.value for c in filters.actors] == ["kataib-hezbollah", "us-forces"]  # not pmf
    assert [(c.value, c.count) for c in filters.places] == \
        [("baghdad", 1), ("camp-taji", 1), ("iraq", 3), ("k1", 1)]


def test_a_year_filters_its_own_events_without_a_year_choice(chronology):
    view = SiteView(chronology)
    filters = view.filters(view.years()[0].events)
    assert filters.years == []
    assert [(c.value, c.count) for c in filters.places] == [("iraq", 2), ("k1", 1)]


def test_maps_appear_where_an_event_has_coordinates_and_narrow_to_the_place(chronology):
    pages = pages_of(chronology)
    small = '<div class="chron-map chron-map--small" data-events="taji-rockets" markdown>'
    assert small in pages["events/taji-rockets.md"]
    assert '<div class="chron-map" data-places="baghdad camp-taji" markdown>' in pages["locations/baghdad.md"]
    assert "[GeoJSON](../downloads/events.geojson){: data-map-data }" in pages["locations/baghdad.md"]
    assert "3 incidents on the map" in pages["index.md"]


def test_an_event_whose_place_has_no_coordinates_is_mapped_at_the_place_around_it(chronology):
    pages = pages_of(chronology)  # K1 has none; Iraq, which it lies in, has
    assert '<div class="chron-map chron-map--small" data-events="k1-rockets" markdown>' in pages["events/k1-rockets.md"]


def test_a_map_is_left_out_when_no_place_of_the_chain_has_coordinates(chronology):
    chronology.locations["iraq"].latitude = chronology.locations["iraq"].longitude = None
    assert "chron-map" not in pages_of(chronology)["events/k1-rockets.md"]


def test_timelines_show_on_home_actor_and_location_pages(chronology):
    pages = pages_of(chronology)
    for path in ("index.md", "actors/kataib-hezbollah.md", "locations/iraq.md"):
        assert '<svg class="chron-timeline__chart"' in pages[path], path
    assert "<svg" not in pages["actors/pmf.md"]  # no event, no chart


def test_event_pages_embed_schema_org_json_ld(chronology):
    page = pages_of(chronology)["events/taji-rockets.md"]
    script = re.search(r'<script type="application/ld\+json">(.*)</script>', page).group(1)
    assert "</" not in script
    [data] = json.loads(script)
    assert data["@type"] == "Event" and data["name"] == "Rocket attack on Camp Taji"


def test_two_builds_write_the_same_bytes(tmp_path, records_dir):
    first, second = tmp_path / "one", tmp_path / "two"
    for docs in (first, second):
        assert render_docs(records_dir, docs).ok
    def generated(docs):  # leaving out the build's own memory (modification times)
        return sorted(p.relative_to(docs) for p in docs.rglob("*") if p.is_file() and ".builder-cache" not in p.parts)

    files = generated(first)
    assert "downloads/events.atom" in {f.as_posix() for f in files}
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert files == generated(second)


def test_an_unpublished_source_date_leaves_the_feed_on_the_event_date(tmp_path):
    sources = [dict(s, published=None) for s in SOURCES]
    records = write_chronology(tmp_path / "records", sources=sources)
    result = render_docs(records, tmp_path / "docs")
    assert result.ok
    feed = (tmp_path / "docs" / "downloads" / "events.atom").read_text(encoding="utf-8")
    assert "<updated>2020-03-11T00:00:00Z</updated>" in feed
