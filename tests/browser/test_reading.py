"""The site as a reader uses it, in headless Chromium: navigation, search, maps, filters,
console errors and accessibility (axe-core) on every kind of page."""

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
    "about": "about/",
}


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


def test_the_search_box_finds_taji(reader):
    page = reader.open()
    page.locator("input.md-search__input").click()
    page.keyboard.type("Taji")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert "Taji" in results.first.inner_text()
    reader.assert_clean()


def test_the_map_clusters_markers_and_a_marker_opens_its_event(reader):
    page = reader.open()
    page.locator(".chron-map .leaflet-marker-icon").first.wait_for()
    clusters = page.locator(".chron-map .marker-cluster")
    assert clusters.count() >= 1
    assert max(int(t) for t in clusters.all_inner_texts()) >= 12
    page.locator(".chron-map img.leaflet-marker-icon[title='Ambush near Abu Kamal']").click()
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
        assert page.locator(f".chron-map img.leaflet-marker-icon[title='{title}']").count() == 0
    reader.assert_clean()


def test_filters_narrow_a_year_and_the_url_restores_them(reader):
    page = reader.open("chronology/2020/")
    everything = visible_rows(page)
    assert everything == 15
    page.select_option("select[name=place]", "syria")
    narrowed = visible_rows(page)
    assert narrowed == 2
    assert "place=syria" in page.url
    assert page.locator("article h2[id='2020-04']").is_hidden()  # no incident in Syria in April
    assert page.locator("article h2[id='2020-05']").is_visible()
    status = page.locator(".chron-filters__status").inner_text()
    assert f"Showing {narrowed} of {everything}" in status

    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.input_value("select[name=place]") == "syria"
    assert visible_rows(page) == narrowed
    page.select_option("select[name=actor]", "kataib-hezbollah")
    assert visible_rows(page) == 0
    page.locator(".chron-filters button[type=reset]").click()
    page.wait_for_function("() => !location.search")
    assert visible_rows(page) == everything
    reader.assert_clean()


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def test_every_kind_of_page_is_clean_and_accessible(reader, figures):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    serious = []
    for kind, path in PAGE_KINDS.items():
        page = reader.open(path)
        if page.locator(".chron-map").count():
            page.locator(".chron-map .leaflet-marker-icon").first.wait_for()
        violations = _axe(page)
        for v in violations:
            figures.axe_by_impact[v["impact"]] += 1
            figures.axe_rules[f"{v['id']} ({v['impact']})"] += 1
            if v["impact"] in ("serious", "critical"):
                serious.append(f"{kind}: {v['id']} ({v['impact']}): {v['help']} "
                               f"{[n['target'] for n in v['nodes']][:3]}")
        page.screenshot(path=str(SCREENSHOTS / f"{kind}.png"), full_page=True)
        figures.pages_checked.append(kind)
    assert serious == [], "\n".join(serious)
    assert figures.blocked_requests == []
    reader.assert_clean()


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
    reader.assert_clean()
