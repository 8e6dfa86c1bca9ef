"""The hostile records (tests/fixtures/hostile/records/) as a reader's browser runs them: no
payload opens a dialog, adds an element or a handler, on the pages, in the search results or
in the map's popups; each shows as the text it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import Reader, open_tab, served_site

pytestmark = pytest.mark.browser

HOSTILE_RECORDS = Path(__file__).parent.parent / "fixtures" / "hostile" / "records"
PAGES = ["", "chronology/", "chronology/2020/", "events/2020-03-10-pwned-attack/", "actors/pwned-brigade/",
         "actors/", "locations/pwned-town/", "locations/", "sources/pwned-source/", "sources/pwned-link/", "sources/"]
# What a payload that ran would have added to the document.
INJECTED = ("img[src='x'], iframe, object, embed, svg[onload], [onclick], [onerror], [onmouseover], [onload], "
            "a[href^='javascript:' i], a[href^='data:' i]")
INLINE_SCRIPTS = "[...document.scripts].filter(s => !s.src && !/json/.test(s.type) && s.text.includes('PWNED'))"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, browser):
    """The site built from the hostile records alone, served on localhost."""
    with served_site(tmp_path_factory.mktemp("hostile-site"),
                     lambda records: shutil.copytree(HOSTILE_RECORDS, records)) as url:
        yield url


@pytest.fixture
def hostile(browser, hostile_url, figures):
    """A tab on the hostile site that records every dialog a page opens."""
    context, page = open_tab(browser, hostile_url, figures)
    reader = Reader(page, hostile_url, figures)
    reader.dialogs = []
    page.on("dialog", lambda dialog: (reader.dialogs.append(dialog.message), dialog.dismiss()))
    yield reader
    context.close()


def injected(page) -> list[str]:
    """The elements and inline scripts a payload would have added."""
    return page.evaluate(f"() => [...document.querySelectorAll({INJECTED!r}), ...{INLINE_SCRIPTS}]"
                         ".map(e => e.outerHTML.slice(0, 80))")


def test_no_hostile_page_runs_or_adds_anything(hostile, figures):
    for path in PAGES:
        page = hostile.open(path)
        assert injected(page) == [], path
        figures.pages_checked.append(f"hostile {path or 'home'}")
    assert hostile.dialogs == []
    hostile.assert_clean()


def test_a_hostile_title_reads_as_its_text_in_the_page_the_search_and_the_map(hostile):
    title = "</script><script>alert('PWNED-60')</script> attack {{ 7*7 }} [x](javascript:alert('PWNED-61'))"
    page = hostile.open("events/2020-03-10-pwned-attack/")
    assert page.evaluate("document.querySelector('article h1').firstChild.textContent.trim()") == title
    assert page.title().startswith("</script><script>alert('PWNED-60')</script>")
    assert "alert('PWNED" in " ".join(hostile.search("PWNED").all_inner_texts())
    assert injected(page) == []
    page = hostile.open("locations/pwned-town/")
    page.locator(".chron-map .leaflet-marker-icon").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert title in popup.inner_text()
    assert injected(page) == [] and hostile.dialogs == []
    hostile.assert_clean()


def test_an_address_hiding_a_javascript_link_in_its_path_links_to_the_web_address_only(hostile):
    page = hostile.open("sources/pwned-link/")
    hrefs = page.evaluate("() => [...document.querySelectorAll('article a[href]')].map(a => a.href)")
    outside = [h for h in hrefs if not h.startswith(hostile.base)]
    rebuilt = "https://example.org/%5BRead%5D(javascript:alert(54))"
    assert outside[0] == rebuilt, outside  # the original, then its web-archive copy
    assert all(h.startswith("https://") and h.endswith(rebuilt) for h in outside), outside
    assert injected(page) == [] and hostile.dialogs == []
    hostile.assert_clean()
