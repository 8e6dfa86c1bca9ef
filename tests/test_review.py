"""`python -m builder review` and the event page's "Sources differ": tolls the sources disagree
on, tolls no source gives, drafts, and places with no coordinates."""

from __future__ import annotations

import copy

from conftest import EVENTS, LOCATIONS, SOURCES, event, write_record

from builder.cli import main
from builder.records import review, validate
from builder.site import render
from builder.site.view import SiteView

TAJI = "events/taji-rockets.yml"


def line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def items_of(records_dir) -> list[str]:
    chron, problems = validate.load(records_dir)
    return [str(p) for p in review.review(chron, problems).items()]


def taji_page(records_dir) -> str:
    chron, problems = validate.load(records_dir)
    assert not problems, [str(p) for p in problems]
    return render.render_pages(SiteView(chron))["events/taji-rockets.md"]


def reviewed_only(records_dir) -> None:
    """Mark the two draft events of the small chronology reviewed."""
    for data in EVENTS[1:3]:
        write_record(records_dir, "events", {**copy.deepcopy(data), "status": "reviewed"})


# --- review items ---------------------------------------------------------------------------


def test_sources_that_disagree_on_a_toll_are_listed_with_each_figure(records_dir):
    path = write_record(records_dir, "events", event(fatalities=4))
    line = line_of(path, "fatalities: 4")
    assert f"{path}:{line}: sources differ on fatalities: 3 per a_one, 4 per b_two; record says 4" \
        in items_of(records_dir)


def test_a_range_holding_every_figure_settles_the_disagreement(records_dir):
    reviewed_only(records_dir)
    assert items_of(records_dir) == []  # taji-rockets says {best: 3, low: 3, high: 4}


def test_a_range_that_leaves_out_a_figure_does_not(records_dir):
    path = write_record(records_dir, "events", event(fatalities={"best": 3, "low": 2, "high": 3}))
    assert any(item.startswith(f"{path}:") and "sources differ on fatalities" in item
               and item.endswith("record says 3 (2 to 3)") for item in items_of(records_dir))


def test_a_toll_no_source_gives_is_listed(records_dir):
    sources = [{"article": "a-one", "injured": 12, "quotes": []},
               {"article": "b-two", "injured": 12, "quotes": []}]
    path = write_record(records_dir, "events", event(injured=14, sources=sources))
    line = line_of(path, "injured: 14")
    assert f"{path}:{line}: injured: record says 14, but no source does (12 per a_one, 12 per b_two)" \
        in items_of(records_dir)


def test_a_toll_left_null_while_a_source_gives_one_is_listed(records_dir):
    sources = [{"article": "a-one", "injured": 12, "quotes": []}]
    path = write_record(records_dir, "events", event(injured=None, sources=sources))
    line = line_of(path, "injured: null")
    assert f"{path}:{line}: injured: record says null, but the sources give 12 per a_one" \
        in items_of(records_dir)


def test_draft_events_are_listed_each_at_its_status_line(records_dir):
    path = write_record(records_dir, "events", {**copy.deepcopy(EVENTS[1]), "status": "draft"})
    items = items_of(records_dir)
    assert f"{path}:{line_of(path, 'status: draft')}: draft event, not yet reviewed: Rocket attack on K1" \
        in items
    assert sum("draft event" in item for item in items) == 2  # k1-rockets and strikes


def test_rejected_events_are_never_listed(records_dir):
    reviewed_only(records_dir)
    write_record(records_dir, "events", event(status="rejected", fatalities=9))
    assert items_of(records_dir) == []


def test_draft_locations_without_coordinates_are_listed(records_dir):
    reviewed_only(records_dir)
    path = write_record(records_dir, "locations", {"id": "al-asad", "name": "Al Asad", "kind": "base",
                                                   "status": "draft", "parent": "iraq",
                                                   "latitude": None, "longitude": None})
    write_record(records_dir, "locations", {**LOCATIONS[0], "id": "syria", "name": "Syria",
                                            "status": "draft"})
    assert items_of(records_dir) == [
        f"{path}:{line_of(path, 'latitude: null')}: draft location without coordinates: "
        "Al Asad; give its latitude and longitude"]


def test_records_with_errors_await_a_maintainer_too(records_dir):
    reviewed_only(records_dir)
    path = write_record(records_dir, "sources", {**SOURCES[0], "langage": "en"})
    assert [item.split(": ")[0] for item in items_of(records_dir)] == [f"{path}:{line_of(path, 'langage: en')}"]


def test_review_exits_0_when_nothing_awaits(records_dir, capsys):
    reviewed_only(records_dir)
    assert main(["review", "--records", str(records_dir)]) == 0
    assert capsys.readouterr() == ("", "nothing awaits review\n")


def test_review_exits_1_and_prints_path_line_message_then_a_summary(records_dir, capsys):
    write_record(records_dir, "events", event(fatalities=4))
    assert main(["review", "--records", str(records_dir)]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 3 and all(line.startswith(str(records_dir)) for line in out.splitlines())
    assert err == "awaiting review: 2 draft events, 1 toll the sources disagree on\n"


# --- the event page -------------------------------------------------------------------------


def test_the_event_page_gives_the_range_and_says_in_words_where_sources_differ(records_dir):
    assert ("Killed\n:   3–4 (sources differ: 3 per [Wire](../sources/a-one.md), "
            "4 per [Des roquettes sur Taji](../sources/b-two.md); best estimate 3)") in taji_page(records_dir)


def test_sources_giving_one_figure_are_grouped_and_injured_counted_apart(records_dir):
    write_record(records_dir, "sources", {**SOURCES[1], "id": "c-three", "publisher": "Gazette"})
    sources = [{"article": "a-one", "fatalities": 3, "injured": 12, "quotes": []},
               {"article": "b-two", "fatalities": 4, "injured": 10, "quotes": []},
               {"article": "c-three", "fatalities": 3, "quotes": []}]
    write_record(records_dir, "events", event(sources=sources))
    page = taji_page(records_dir)
    assert ("Killed\n:   3–4 (sources differ: 3 per [Wire](../sources/a-one.md) and "
            "[Gazette](../sources/c-three.md), 4 per [Des roquettes sur Taji](../sources/b-two.md)") in page
    assert ("Injured\n:   10–12 (sources differ: 12 per [Wire](../sources/a-one.md), "
            "10 per [Des roquettes sur Taji](../sources/b-two.md); best estimate 12)") in page


def test_sources_that_agree_make_no_mention(records_dir):
    sources = [{"article": "a-one", "fatalities": 3, "quotes": []},
               {"article": "b-two", "fatalities": 3, "quotes": []}]
    write_record(records_dir, "events", event(fatalities=3, sources=sources))
    assert "Sources differ" not in taji_page(records_dir)
