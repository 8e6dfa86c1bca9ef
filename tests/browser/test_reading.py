"""The site as a reader uses it, in headless Chromium: navigation, search, maps on the shipped
base layer, the filter of the whole chronology, widths of a laptop and a phone, console
errors and accessibility (axe-core) on every kind of page."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import AXE, SCREENSHOTS

pytestmark = pytest.mark.browser

PAGE_KINDS = {
    "home": "",
    "chronology": "chronology/",
    "year": "chronology/2020/",
    "event": "events/taji-rockets/",
    "actor": "actors/kataib-hezbollah/",
    "location": "locations/baghdad/",
    "source": "sources/a-one/",
    "actors": "actors/",
    "locations": "locations/",
    "sources": "sources/",
    "downloads": "downloads/",
    "changes": "chronology/changes/",
    "about": "about/",
    "corrections": "corrections/",
    "licence": "licence/",
}
WIDTHS = (1280, 390)


HEADING = "document.querySelector('article h1')?.firstChild.textContent.trim()"


def heading(page) -> str:
    """The page's title, without the permalink sign after it."""
    return page.evaluate(HEADING)


def visible_rows(page) -> int:
    return page.locator("article tr:has(a[data-event]):visible").count()


def test_a_reader_goes_from_home_to_an_event_an_actor_a_place_and_back(reader):
    page = reader.open()
    page.evaluate("window.__sameDocument = true")  # survives instant navigation only
    reader.click(page.locator(".md-tabs__link", has_text="Chronology"))
    assert heading(page) == "Chronology"
    reader.click(page.locator("article a", has_text=re.compile(r"^2020$")))
    assert heading(page) == "2020"
    reader.click(page.locator("article a", has_text="Rocket attack on Camp Taji"))
    assert heading(page) == "Rocket attack on Camp Taji"
    page.locator(".chron-map .leaflet-marker-icon").first.wait_for()
    reader.click(page.locator("article a", has_text="Kataib Hezbollah").first)
    assert heading(page) == "Kataib Hezbollah"
    assert page.locator("svg.chron-timeline__chart rect").count() > 0
    reader.click(page.locator("article td a").filter(has_text=re.compile(r"^Camp Taji$")).first)
    assert heading(page) == "Camp Taji"
    page.locator(".chron-map .leaflet-marker-icon").first.wait_for()
    assert page.evaluate("window.__sameDocument === true"), "links should use instant navigation"
    for expected in ("Kataib Hezbollah", "Rocket attack on Camp Taji", "2020", "Chronology", "Incident chronology"):
        page.go_back()
        page.wait_for_function(f"h => {HEADING} === h", arg=expected)
    reader.assert_clean()


def _search(reader, words: str) -> list[str]:
    """The pages the search box lists for `words`, as paths under the site."""
    reader.search(words)
    reader.page.wait_for_timeout(300)
    hrefs = reader.page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return sorted({urlsplit(h).path for h in hrefs})


def test_the_search_box_finds_taji(reader):
    reader.open()
    assert "Taji" in reader.search("Taji").first.inner_text()
    reader.assert_clean()


def test_searching_a_place_finds_only_the_pages_about_it(reader, figures):
    reader.open()
    found = _search(reader, "Abu Kamal")
    # The place's page and the events there; not Syria's page that lists it, nor the
    # events whose previous, next or related links name it, nor any listing.
    assert found == ["/events/abu-kamal-ambush/", "/locations/abu-kamal/"]
    figures.search = {"Abu Kamal": found}
    reader.assert_clean()


def test_the_map_clusters_markers_and_a_marker_opens_its_event(reader):
    page = reader.open()
    page.locator(".chron-map .leaflet-marker-icon").first.wait_for()
    clusters = page.locator(".chron-map .marker-cluster")
    assert clusters.count() >= 1
    assert max(int(t) for t in clusters.all_inner_texts()) >= 12
    page.locator(".chron-map .chron-marker[title='Ambush near Abu Kamal']").click()
    link = page.locator(".leaflet-popup a", has_text="Ambush near Abu Kamal")
    reader.click(link)
    assert heading(page) == "Ambush near Abu Kamal"
    assert urlsplit(page.url).path == "/events/abu-kamal-ambush/"
    reader.assert_clean()


def test_a_country_level_place_is_a_circle_on_the_map_never_a_pin(reader):
    page = reader.open()
    area = page.locator(".chron-map path.chron-map__area")
    area.first.wait_for()
    features = page.evaluate("fetch('downloads/events.geojson').then(r => r.json()).then(d => d.features)")
    areas = [f["properties"]["title"] for f in features if not f["properties"]["pin"]]
    assert "Shelling after the ambush" in areas  # known only to be in Syria
    assert area.count() == len(areas)
    for title in areas:
        assert page.locator(f".chron-map .leaflet-marker-icon[title='{title}']").count() == 0
    page.locator(".chron-map__legend .chron-swatch--area").first.wait_for()  # the legend says what a circle is
    area.first.dispatch_event("click")
    assert " level" in page.locator(".leaflet-popup").inner_text()  # "placed at country level: Iraq"
    reader.assert_clean()


def _matching(page) -> int:
    return int(page.get_attribute("form.chron-filters", "data-matching"))


def _on_map(page) -> int:
    return int(page.get_attribute(".chron-map", "data-markers"))


def test_the_filter_narrows_the_list_the_map_and_the_count_across_the_chronology_and_restores_from_its_url(
        reader, figures):
    page = reader.open("chronology/")
    page.wait_for_selector("form.chron-filters[data-matching]")
    everything = _matching(page)
    assert everything == 17  # both years: 2 in 2019, 15 in 2020
    assert page.locator(".chron-results__list li").count() == everything
    assert "Showing all 17 incidents (17 on the map)" in page.inner_text(".chron-filters__status")
    assert _on_map(page) == 17  # K1 Air Base has no coordinates: it is drawn at Iraq's point

    page.select_option("select[name=place]", "syria")
    assert _matching(page) == 2 and page.locator(".chron-results__list li").count() == 2
    assert _on_map(page) == 2
    page.fill("input[name=killed]", "4")
    page.dispatch_event("input[name=killed]", "change")
    assert _matching(page) == 1
    assert page.locator(".chron-results__list li a").inner_text() == "Ambush near Abu Kamal"
    assert "Showing 1 of 17 incidents (1 on the map)" in page.inner_text(".chron-filters__status")
    assert "place=syria" in page.url and "killed=4" in page.url

    page.reload()
    page.wait_for_selector("form.chron-filters[data-matching]")
    assert page.input_value("select[name=place]") == "syria" and page.input_value("input[name=killed]") == "4"
    assert _matching(page) == 1 and _on_map(page) == 1

    page.locator(".chron-filters button[type=reset]").click()
    page.wait_for_function("() => !location.search")
    assert _matching(page) == everything
    page.goto(reader.base + "chronology/?from=2019-12-01&to=2019-12-31&type=explosions-remote-violence")
    page.wait_for_selector("form.chron-filters[data-matching]")
    assert _matching(page) == 2 and page.input_value("input[name=from]") == "2019-12-01"
    page.goto(reader.base + "chronology/?actor=kataib-hezbollah")
    page.wait_for_selector("form.chron-filters[data-matching]")
    kh = _matching(page)
    assert kh == 14  # twelve salvos, the Taji attack, the strikes it was the target of
    figures.filter = {"events": everything, "place=syria": 2, "place=syria&killed=4": 1,
                      "December 2019, explosions": 2, "actor=kataib-hezbollah": kh}
    reader.assert_clean()


def test_the_map_draws_its_base_layer_with_every_outside_request_blocked(reader, figures):
    page = reader.open("")
    page.wait_for_selector(".chron-map__canvas[data-base-drawn]")
    page.locator(".chron-map .leaflet-marker-icon").first.wait_for()
    # The base layer is drawn on a canvas: count the pixels painted in the land's colour.
    land = page.evaluate("""() => {
        const canvas = document.querySelector('.chron-map .leaflet-basemap-pane canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
            if (data[i] === 0xf3 && data[i + 1] === 0xf1 && data[i + 2] === 0xea) n++;
        }
        return n;
    }""")
    assert land > 1000
    assert page.locator(".leaflet-tile").count() == 0
    assert figures.blocked_requests == [] and figures.tiles_served == 0
    figures.basemap = {"land_pixels_on_home_map": land, "tile_requests": figures.tiles_served,
                       "outside_requests": len(figures.blocked_requests)}
    reader.assert_clean()


def test_no_page_overflows_a_laptop_or_a_phone(reader, phone, figures):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    overflowing = []
    for width, tab in ((1280, reader), (390, phone)):
        for kind, path in PAGE_KINDS.items():
            page = tab.open(path)
            if page.locator(".chron-map").count():
                page.locator(".chron-map .leaflet-marker-icon").first.wait_for()
            scroll = page.evaluate("document.documentElement.scrollWidth")
            figures.widths[f"{kind}@{width}"] = scroll
            if scroll > width:
                overflowing.append(f"{kind} at {width}px: {scroll}px wide")
            shot = SCREENSHOTS / f"{kind}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            figures.screenshots.append(shot.name)
    assert overflowing == []
    reader.assert_clean()
    phone.assert_clean()


def test_every_month_of_every_year_shows_at_once_on_the_chronology_index(reader, phone):
    for tab in (reader, phone):
        page = tab.open("chronology/")
        for year in ("2019", "2020"):
            months = page.locator(f"h3#y{year} + ul > li")
            assert months.count() == 12
            assert all(months.nth(i).is_visible() for i in range(12))
            box = page.locator(f"h3#y{year} + ul").bounding_box()
            assert box["x"] + box["width"] <= page.viewport_size["width"]


def test_an_event_list_on_a_phone_shows_place_and_toll(phone):
    page = phone.open("locations/baghdad/")
    row = page.locator(".chron-events tr", has_text="Rocket attack on Camp Taji").first
    for cell in ("Camp Taji", "3–4 killed, 12 injured"):
        box = row.locator("td", has_text=cell).first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, cell
    phone.assert_clean()


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def test_every_kind_of_page_is_clean_and_accessible_at_both_widths(reader, phone, figures):
    found = []
    for width, tab in ((1280, reader), (390, phone)):
        for kind, path in PAGE_KINDS.items():
            page = tab.open(path)
            if page.locator(".chron-map").count():
                page.locator(".chron-map .leaflet-marker-icon").first.wait_for()
            for v in _axe(page):
                figures.axe_by_impact[v["impact"]] += 1
                figures.axe_rules[f"{v['id']} ({v['impact']})"] += 1
                found.append(f"{kind}@{width}: {v['id']} ({v['impact']}): {v['help']} "
                             f"{[n['target'] for n in v['nodes']][:3]}")
            figures.pages_checked.append(f"{kind}@{width}")
    assert found == [], "\n".join(found)
    assert figures.blocked_requests == []
    reader.assert_clean()
    phone.assert_clean()


def test_every_link_of_every_page_leads_somewhere(reader, figures):
    """Follow every same-site link over HTTP, from the home page outwards."""
    base = reader.base
    todo, seen, broken = [base], {base}, []
    request = reader.page.request
    while todo:
        url = todo.pop()
        response = request.get(url)
        figures.links_followed += 1
        if not response.ok:
            broken.append(f"{url}: {response.status}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        for href in re.findall(r'(?:href|src)="([^"#]+)', response.text()):
            target = urljoin(url, href)
            if target.startswith(base) and target not in seen:
                seen.add(target)
                todo.append(target)
    assert broken == []
    assert figures.links_followed > 50


def test_an_event_page_carries_schema_org_event_metadata(reader):
    page = reader.open("events/abu-kamal-ambush/")
    [data] = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "Event" and data["startDate"] == "2020-05-20"
    assert data["location"]["name"] == "Abu Kamal"
    text = page.locator("article").inner_text()
    assert "Claimed by: Islamic State" in text
    assert "A few hours before: Shelling after the ambush" in text
    assert "1 independent source: Wire (2 articles)" in text  # two stories from one wire
    assert "Armed forces clashed at Abu Kamal on 20 May 2020, killing four. Islamic State claimed it." in text
    reader.assert_clean()
