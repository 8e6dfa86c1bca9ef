"""What the readers' site adds to the pages: relations and claims on both sides, source
reliability, attribution, downloads, maps, filters, JSON-LD; and builds that repeat exactly."""

from __future__ import annotations

import json
import re

from conftest import SOURCES, write_chronology

from builder.records.model import ActorRole, Relation
from builder.site import render, sitedata
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
    assert "Reported by\n:   2 independent sources: Wire, 1 article with no publisher named\n" in page
    chronology.sources["b-two"].publisher = "Wire"
    page = pages_of(chronology)["events/taji-rockets.md"]
    assert "Reported by\n:   1 independent source: Wire (2 articles)\n" in page


def test_attribution_says_claimed_attributed_by_whom_or_denied(chronology):
    page = pages_of(chronology)["events/taji-rockets.md"]
    assert ("Attribution\n:   [Kataib Hezbollah](../actors/kataib-hezbollah.md) (suspected): attributed by "
            "[US forces](../actors/us-forces.md), denied\n") in page
    strikes = pages_of(chronology)["events/strikes.md"]
    assert "Attribution\n:   [US forces](../actors/us-forces.md): named by the sources\n" in strikes
    chronology.events["strikes"].actors[0].claimed = True
    assert "[US forces](../actors/us-forces.md): claimed\n" in pages_of(chronology)["events/strikes.md"]
    assert "Attribution\n:   no perpetrator named\n" in pages_of(chronology)["events/k1-rockets.md"]


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


def test_the_chronology_page_holds_the_filter_and_its_data_lists_every_event_compactly(chronology):
    page = pages_of(chronology)["chronology/index.md"]
    assert '<form class="chron-filters" method="get" hidden>' in page  # shown by the script
    for field in ("from", "to", "type", "actor", "place", "killed"):
        assert f'name="{field}"' in page
    data = sitedata.site_data(SiteView(chronology))
    assert data["root"] == "../" and data["event_page"] == "events/{id}/"
    assert [e[0] for e in data["events"]] == ["k1-rockets", "strikes", "taji-rockets"]
    taji = dict(zip(data["columns"], data["events"][2], strict=True))
    places = [p[0] for p in data["places"]]
    actors = [a[0] for a in data["actors"]]
    assert taji["start"] == "2020-03-11" and taji["end"] == "" and taji["when"] == "11 March 2020, evening"
    assert data["types"][taji["type"]] == ["explosions-remote-violence", "Explosions/Remote violence"]
    assert places[taji["place"]] == "camp-taji"
    assert data["places"][taji["place"]][4] == places.index("baghdad")  # the place it lies within
    assert [actors[a] for a in taji["actors"]] == ["kataib-hezbollah", "us-forces"]
    assert taji["killed"] == [3, 4]  # the sources disagree: the range
    k1 = dict(zip(data["columns"], data["events"][0], strict=True))
    assert k1["end"] == "2019-12-31" and k1["when"] == "late December 2019"


def test_maps_appear_where_an_event_has_coordinates_and_narrow_to_the_place(chronology):
    pages = pages_of(chronology)
    small = '<div class="chron-map chron-map--small" data-events="taji-rockets" markdown>'
    assert small in pages["events/taji-rockets.md"]
    assert '<div class="chron-map" data-places="baghdad camp-taji" markdown>' in pages["locations/baghdad.md"]
    assert "[the events](../chronology/events-index.json){: data-map-data }" in pages["locations/baghdad.md"]
    assert "[Natural Earth](../assets/basemap/world-50m.json){: data-map-base }" in pages["locations/baghdad.md"]
    assert "data-tiles" not in pages["locations/baghdad.md"]  # no tile server unless mkdocs.yml names one
    assert "3 incidents on the map" in pages["index.md"]


def test_an_event_whose_place_has_no_coordinates_is_mapped_at_the_place_around_it(chronology):
    pages = pages_of(chronology)  # K1 has none; Iraq, which it lies in, has
    assert '<div class="chron-map chron-map--small" data-events="k1-rockets" markdown>' in pages["events/k1-rockets.md"]


def test_the_maps_data_gives_each_place_the_point_and_precision_the_map_draws_it_with(chronology):
    data = sitedata.site_data(SiteView(chronology))
    ids = [p[0] for p in data["places"]]
    k1, iraq, taji = (data["places"][ids.index(i)] for i in ("k1", "iraq", "camp-taji"))
    assert k1[2:4] == iraq[2:4] and ids[k1[6]] == "iraq"  # K1 has no coordinates: Iraq's point
    assert data["precisions"][k1[5]][:3] == ["country", "Country", 0]  # a circle, never a pin
    assert data["precisions"][taji[5]][2] == 1 and ids[taji[6]] == "camp-taji"
    pages = pages_of(chronology)  # the legend says what a circle is where the map draws one
    assert "chron-swatch--area" in pages["events/k1-rockets.md"]
    assert "chron-swatch--area" not in pages["events/taji-rockets.md"]


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
