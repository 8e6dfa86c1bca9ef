"""The incidents-per-month chart: its geometry, and the SVG the template draws from it."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from datetime import date

from builder.records.model import DateSpan, Event
from builder.site import charts, render

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians"]
SVG = "{http://www.w3.org/2000/svg}"


def incident(day: str, event_type: str = "Battles") -> Event:
    return Event(id=f"e-{day}-{len(event_type)}", title="An incident", event_type=event_type,
                 sub_event_type="Armed clash", date=DateSpan.day(date.fromisoformat(day)))


def test_no_incident_no_chart():
    assert charts.monthly_timeline([], TYPES) is None


def test_months_without_incidents_keep_their_place_on_the_axis():
    chart = charts.monthly_timeline([incident("2019-12-21"), incident("2020-03-11")], TYPES)
    assert [(b.year, b.month, b.count) for b in chart.bars] == [(2019, 12, 1), (2020, 3, 1)]
    december, march = chart.bars
    slot = (chart.width - chart.left - chart.right) / 4  # four months, two of them empty
    assert round(march.x - december.x, 2) == round(3 * slot, 2)
    assert december.x >= chart.left and march.x + march.width <= chart.width - chart.right
    assert [m.label for m in chart.labels] == ["Dec", "Jan", "Feb", "Mar"]


def test_a_bar_stacks_event_types_in_the_vocabulary_order_up_to_its_count():
    events = [incident("2020-05-02", "Violence against civilians"), incident("2020-05-03"),
              incident("2020-05-04"), incident("2020-06-01")]
    chart = charts.monthly_timeline(events, TYPES)
    may = chart.bars[0]
    assert [(s.event_type, s.count) for s in may.segments] == \
        [("Battles", 2), ("Violence against civilians", 1)]
    baseline = chart.height - chart.bottom
    bottom, top = may.segments
    assert round(bottom.y + bottom.height, 2) == baseline  # the first type sits on the axis
    assert round(top.y + top.height, 2) == bottom.y        # the next one on top of it
    assert chart.legend == [(0, "Battles"), (2, "Violence against civilians")]


def test_the_count_axis_ends_on_a_round_number_above_the_busiest_month():
    chart = charts.monthly_timeline([incident(f"2020-01-{d:02d}") for d in range(1, 8)], TYPES)
    assert [t.value for t in chart.ticks] == [0, 2, 4, 6, 8]
    assert chart.ticks[-1].y <= chart.bars[0].segments[0].y


def test_a_short_chronology_labels_months_and_a_long_one_years_only():
    short = charts.monthly_timeline([incident("2019-12-01"), incident("2020-02-01")], TYPES)
    assert [m.label for m in short.labels] == ["Dec", "Jan", "Feb"]
    assert [m.year for m in short.years] == [2019, 2020]
    long = charts.monthly_timeline([incident("2001-06-01"), incident("2030-06-01")], TYPES)
    assert long.labels == []
    gaps = [b.x - a.x for a, b in itertools.pairwise(long.years)]
    assert gaps and min(gaps) >= charts.MIN_YEAR_SPACING


def test_the_description_names_the_span_and_the_busiest_month():
    chart = charts.monthly_timeline([incident("2019-12-21"), incident("2020-03-11"),
                                     incident("2020-03-12")], TYPES)
    assert chart.description == ("Bar chart of 3 incidents by month, from December 2019 to "
                                 "March 2020; the most were in March 2020 (2).")


def test_the_svg_is_well_formed_titled_and_has_a_table_of_its_figures():
    events = [incident("2019-12-21"), incident("2020-03-11", "Explosions/Remote violence")]
    chart = charts.monthly_timeline(events, TYPES)
    html = str(render._environment().get_template("_timeline.html.j2").module.timeline(chart))
    svg_text = html[html.index("<svg"):html.index("</svg>") + len("</svg>")]
    svg = ET.fromstring(svg_text.replace("<svg", f'<svg xmlns="{SVG[1:-1]}"', 1))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "timeline-title timeline-desc"
    assert svg.find(f"{SVG}title").text == "Incidents per month"
    assert svg.find(f"{SVG}desc").text == chart.description
    assert len(svg.findall(f".//{SVG}rect")) == 2
    assert "<tr><td>December 2019</td><td>1</td></tr>" in html
    assert "<tr><td>January 2020</td>" not in html  # the table lists months with incidents
