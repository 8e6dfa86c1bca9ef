"""The incidents-per-month chart: its geometry, worked out here at build time so the page
needs no script; templates/_timeline.html.j2 draws it as SVG."""

from __future__ import annotations

import calendar
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records.model import Event
from . import humanize

WIDTH = 720
HEIGHT = 200
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 48
MAX_BAR_WIDTH = 48
MONTH_LABELS_UP_TO = 18  # months; a longer chart labels years only
MIN_YEAR_SPACING = 64    # px between two year labels: room for them at the larger size narrow screens use


@dataclass
class Segment:
    """The part of a month's bar that one event type takes up."""

    type_index: int
    event_type: str
    count: int
    y: float
    height: float


@dataclass
class MonthBar:
    """One month of the chart: where its bar stands and what it is made of."""

    year: int
    month: int
    count: int
    x: float
    width: float
    segments: list[Segment] = field(default_factory=list)

    @property
    def name(self) -> str:
        return humanize.month_words(self.year, self.month)

    @property
    def words(self) -> str:
        return f"{self.name}: {self.count} incident{'s' if self.count != 1 else ''}"


@dataclass
class Tick:
    """A gridline of the count axis."""

    value: int
    y: float


@dataclass
class YearMark:
    """A year's label under the axis, at the first month of that year the chart shows."""

    year: int
    x: float


@dataclass
class MonthLabel:
    """A month's abbreviation under the axis, at the middle of its place."""

    x: float
    label: str


@dataclass
class Timeline:
    """Everything the SVG template needs to draw a chart, in the SVG's own units: a bar for
    each month with events, at its place among all the months the chart spans."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    bars: list[MonthBar]
    ticks: list[Tick]
    years: list[YearMark]
    legend: list[tuple[int, str]]
    total: int
    span: tuple[tuple[int, int], tuple[int, int]]  # the first and the last month, (year, month)
    labels: list[MonthLabel] = field(default_factory=list)  # every month's, when months are labelled

    @property
    def months_with_events(self) -> list[MonthBar]:
        return self.bars

    @property
    def busiest(self) -> MonthBar:
        return max(self.bars, key=lambda bar: bar.count)  # the earliest on a tie

    @property
    def title(self) -> str:
        return "Incidents per month"

    @property
    def description(self) -> str:
        """The chart in one sentence, for readers who cannot see it."""
        first, last = (humanize.month_words(year, month) for year, month in self.span)
        span = first if first == last else f"from {first} to {last}"
        busiest = self.busiest
        total = f"{self.total} incident{'s' if self.total != 1 else ''}"
        if self.span[0] == self.span[1]:
            return f"Bar chart: {total} in {first}."
        return (f"Bar chart of {total} by month, {span}; the most were in {busiest.name} "
                f"({busiest.count}).")


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _nice_top(largest: int) -> tuple[int, int]:
    """The top of the count axis and the step between gridlines (at most four steps)."""
    for magnitude in (10 ** k for k in range(0, 12)):
        for step in (1, 2, 5):
            step *= magnitude
            if math.ceil(largest / step) <= 4:
                return max(step, math.ceil(largest / step) * step), step
    raise ValueError(f"count too large for the chart: {largest}")


def monthly_timeline(events: Sequence[Event], event_types: Sequence[str]) -> Timeline | None:
    """The chart of `events` by the month each began in, stacked by ACLED event type in the
    order of `event_types`; None when there is no event to draw."""
    if not events:
        return None
    counts: dict[int, Counter[str]] = {}  # each month's events by type, by month index
    for e in events:
        counts.setdefault(_month_index(e.date.start.year, e.date.start.month), Counter())[e.event_type] += 1
    first, last = min(counts), max(counts)
    months = last - first + 1
    order = {t: i for i, t in enumerate(event_types)}
    types_present = sorted({t for types in counts.values() for t in types}, key=lambda t: (order.get(t, len(order)), t))

    top_value, step = _nice_top(max(sum(c.values()) for c in counts.values()))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    slot = plot_width / months
    bar_width = min(slot * 0.8, MAX_BAR_WIDTH)
    scale = plot_height / top_value

    def x_of(i: int) -> float:  # where the bar of the chart's i-th month starts
        return round(LEFT + i * slot + (slot - bar_width) / 2, 2)

    bars = []
    for index in sorted(counts):  # the months with events only: most months of a long chart have none
        year, m0 = divmod(index, 12)
        month_counts = counts[index]
        bar = MonthBar(year, m0 + 1, sum(month_counts.values()), x_of(index - first), round(bar_width, 2))
        y: float = baseline
        for t in types_present:
            n = month_counts[t]
            if n:
                height = n * scale
                y -= height
                bar.segments.append(Segment(order.get(t, len(order)), t, n, round(y, 2), round(height, 2)))
        bars.append(bar)

    labels = []
    if months <= MONTH_LABELS_UP_TO:
        labels = [MonthLabel(_center(x_of(i), bar_width), calendar.month_abbr[(first + i) % 12 + 1])
                  for i in range(months)]
    ticks = [Tick(v, round(baseline - v * scale, 2)) for v in range(0, top_value + 1, step)]
    januaries = [YearMark((first + i) // 12, _center(x_of(i), bar_width)) for i in range(months)
                 if (first + i) % 12 == 0]
    years = _year_marks(YearMark(first // 12, _center(x_of(0), bar_width)), first % 12 == 0, januaries, slot)
    legend = [(order.get(t, len(order)), t) for t in types_present]
    return Timeline(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, bars, ticks, years, legend, len(events),
                    ((first // 12, first % 12 + 1), (last // 12, last % 12 + 1)), labels)


def _center(x: float, bar_width: float) -> float:
    """The middle of a bar starting at `x`, where its month's label and year mark stand."""
    return round(x + round(bar_width, 2) / 2, 2)


def _year_marks(first: YearMark, starts_in_january: bool, januaries: list[YearMark],
                slot: float) -> list[YearMark]:
    """A label at each year's first month shown (`first`, the chart's first month, then
    `januaries`), thinned out so labels never overlap."""
    every = max(1, math.ceil(MIN_YEAR_SPACING / (12 * slot)))
    marks = [mark for mark in januaries if (mark.year - first.year) % every == 0]
    if not starts_in_january and (not marks or marks[0].x - first.x >= MIN_YEAR_SPACING):
        marks.insert(0, first)
    return marks
