"""Rendering: what each page shows, and that pages a maintainer wrote are never touched."""

from __future__ import annotations

from datetime import date

from builder.records.model import DateSpan, Toll
from builder.site import render, urls
from builder.site.humanize import date_words, md_escape, short_toll, toll_words
from builder.site.view import SiteView


def pages_of(chronology) -> dict[str, str]:
    return render.render_pages(SiteView(chronology))


def test_dates_read_with_their_precision():
    assert date_words(DateSpan.day(date(2020, 3, 11)), "evening") == "11 March 2020, evening"
    assert date_words(DateSpan(date(2019, 12, 21), date(2019, 12, 31), "range")) == "late December 2019"
    assert date_words(DateSpan(date(2019, 11, 1), date(2019, 11, 10), "range")) == "early November 2019"
    assert date_words(DateSpan.month(2020, 1)) == "January 2020"
    assert date_words(DateSpan.year(2019)) == "2019"
    assert date_words(DateSpan(date(2019, 12, 30), date(2020, 1, 2), "range")) == \
        "30 December 2019 – 2 January 2020"


def test_tolls_read_as_numbers_ranges_or_unknown():
    assert toll_words(None) == "unknown"
    assert toll_words(Toll.exact(0)) == "none"
    assert toll_words(Toll(25, 24, 25)) == "24–25"  # sources disagree: the range
    assert short_toll(Toll.exact(3), None) == "3 killed"


def test_markdown_in_record_text_is_escaped():
    assert md_escape("a | b *c* [d]") == r"a \| b \*c\* \[d\]"


def test_characters_no_html_page_may_hold_become_spaces_in_record_text():
    assert md_escape("a\x1bb\fc\ufffed\ud800e\x85f") == "a b c d e f"


def test_every_record_but_rejected_events_gets_a_page(chronology):
    pages = pages_of(chronology)
    assert "events/taji-rockets.md" in pages and "events/rejected-one.md" not in pages
    for kind, ids in (("actors", chronology.actors), ("locations", chronology.locations),
                      ("sources", chronology.sources)):
        assert all(f"{kind}/{i}.md" in pages for i in ids)
    assert {"index.md", "chronology/index.md", "chronology/2019.md", "chronology/2020.md"} <= set(pages)


def test_event_page_shows_date_place_chain_roles_tolls_quotes_and_neighbours(chronology):
    page = pages_of(chronology)["events/taji-rockets.md"]
    assert "11 March 2020, evening" in page
    assert ('<a href="../../locations/camp-taji/">Camp Taji</a>, <a href="../../locations/baghdad/">Baghdad</a>, '
            '<a href="../../locations/iraq/">Iraq</a>') in page
    assert "<strong>Suspected perpetrators</strong>" in page and "<strong>Targets</strong>" in page
    assert 'blamed by <a href="../../actors/us-forces/">US forces</a>, denied responsibility' in page
    assert '<dt>Killed</dt>\n<dd>3–4 (sources differ: 3 per <a href="../../sources/a-one/">Wire</a>' in page
    assert "<dt>Weapons</dt>\n<dd>18 rockets</dd>" in page
    assert "<blockquote>\n<p>Three were killed at Taji.</p>\n</blockquote>" in page
    assert "Wire · published 12 March 2020 · English · reports 3 killed" in page
    assert 'Previous: <a href="../strikes/">US strikes</a>' in page


def test_relations_show_on_both_events(chronology):
    pages = pages_of(chronology)
    assert 'In retaliation for: <a href="../k1-rockets/" data-search-exclude>Rocket attack on K1</a>' \
        in pages["events/strikes.md"]
    assert 'Answered by: <a href="../strikes/" data-search-exclude>US strikes</a>' in pages["events/k1-rockets.md"]


def test_actor_page_lists_events_by_role_and_affiliations_both_ways(chronology):
    pages = pages_of(chronology)
    kh = pages["actors/kataib-hezbollah.md"]
    assert "### Suspected perpetrators (1)" in kh and "### Targets (1)" in kh
    assert 'Member of: <a href="../pmf/" data-search-exclude>Popular Mobilization Forces</a>' in kh
    assert 'Members: <a href="../kataib-hezbollah/" data-search-exclude>Kataib Hezbollah</a>' in pages["actors/pmf.md"]


def test_location_page_includes_events_at_places_within(chronology):
    baghdad = pages_of(chronology)["locations/baghdad.md"]
    assert '<a href="../../events/taji-rockets/">Rocket attack on Camp Taji</a>' in baghdad
    assert '<li><a href="../camp-taji/">Camp Taji</a> (military base, 1 event)</li>' in baghdad


def test_an_event_listed_on_several_pages_reads_the_same_with_each_pages_own_links(chronology):
    pages = pages_of(chronology)
    row = ('<a href="../../events/taji-rockets/">Rocket attack on Camp Taji</a></td><td>Shelling/artillery/missile '
           'attack</td><td><a href="{}">Camp Taji</a></td>')
    assert row.format("../camp-taji/") in pages["locations/baghdad.md"]
    assert row.format("../camp-taji/") in pages["locations/iraq.md"]
    assert row.format("./") in pages["locations/camp-taji.md"]
    assert row.format("../../locations/camp-taji/") in pages["actors/us-forces.md"]


def test_a_listed_events_row_is_made_once_for_the_same_links_and_its_links_checked_on_every_page(chronology):
    view = SiteView(chronology)
    event = chronology.events["taji-rockets"]
    made, checked = [], []

    def event_row(e, event_link, loc, loc_link):
        made.append((e.id, event_link, loc_link))
        return f"{event_link} {loc_link}"

    rows = render.ListedRows()
    for page in ("locations/iraq.md", "locations/baghdad.md", "actors/us-forces.md", "locations/camp-taji.md"):
        links = urls.Links(page, lambda path: checked.append(path) or True)
        rows.lister(view, links)(event, event_row)
    assert [loc_link for _, _, loc_link in made] == ["../camp-taji/", "../../locations/camp-taji/", "./"]
    assert checked.count("events/taji-rockets.md") == 4
    rows.lister(SiteView(chronology), urls.Links("locations/iraq.md"))(event, event_row)
    assert len(made) == 4  # another view: rows are made again


def test_chronology_counts_events_by_year_and_month_linking_each_month(chronology):
    page = pages_of(chronology)["chronology/index.md"]
    assert page.index('<a href="2020/">2020</a>') < page.index('<a href="2019/">2019</a>')  # the latest year first
    assert ('<li><a class="chron-heat-4" href="2019/#2019-12" title="December 2019: 2 incidents">'
            "<span>Dec</span> <strong>2</strong></a></li>") in page
    assert "<li><span>Jan</span>" in page.split('<a href="2019/">2019</a>')[1]  # every month, with events or not
    assert "taji-rockets" not in page  # a calendar of counts: it does not grow with every event


def test_a_year_page_lists_its_events_by_month(chronology):
    page = pages_of(chronology)["chronology/2019.md"]
    assert "## December 2019 {: #2019-12 }" in page
    assert "late December 2019" in page


def test_pages_are_rewritten_only_when_they_change(chronology, tmp_path):
    first = render.render(chronology, tmp_path)
    assert first.written and not first.problems
    second = render.render(chronology, tmp_path)
    assert second.written == [] and second.unchanged == len(first.written)


def test_a_page_written_by_hand_is_never_overwritten(chronology, tmp_path):
    (tmp_path / "events").mkdir()
    mine = tmp_path / "events" / "taji-rockets.md"
    mine.write_text("# My own notes\n")
    result = render.render(chronology, tmp_path)
    assert mine.read_text() == "# My own notes\n"
    assert "not generated by the builder" in str(result.problems[0])


def test_pages_of_records_that_are_gone_are_removed(chronology, tmp_path):
    render.render(chronology, tmp_path)
    del chronology.events["strikes"]
    result = render.render(chronology, tmp_path)
    assert "events/strikes.md" in result.removed
    assert not (tmp_path / "events" / "strikes.md").exists()


def test_templates_call_functions_methods_and_links_directly_and_give_the_context_to_those_that_ask(tmp_path):
    import jinja2

    (tmp_path / "t.html.j2").write_text("{{ f() }} {{ obj.twice(2) }} {{ g(3) }} {{ href('events/x.md') }}")

    @jinja2.pass_context
    def f(context):
        return context["name"]

    class Obj:
        def twice(self, n):
            return 2 * n

    env = render.template_environment(tmp_path, html=True)
    links = urls.Links("actors/a.md")
    text = env.get_template("t.html.j2").render(f=f, obj=Obj(), g=lambda n: n + 1, href=links, name="<b>")
    assert text == "&lt;b&gt; 4 4 ../../events/x/"
