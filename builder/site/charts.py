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
    label: str = ""  # the month's abbreviation under the bar, when months are labelled

    @property
    def name(self) -> str:
        return humanize.month_words(self.year, self.month)

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 2)

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
class Timeline:
    """Everything the SVG template needs to draw a chart, in the SVG's own units."""

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

    @property
    def months_with_events(self) -> list[MonthBar]:
        return [bar for bar in self.bars if bar.count]

    @property
    def busiest(self) -> MonthBar:
        return max(self.bars, key=lambda bar: bar.count)  # the earliest on a tie

    @property
    def title(self) -> str:
        return "Incidents per month"

    @property
    def description(self) -> str:
        """The chart in one sentence, for readers who cannot see it."""
        first, last = self.bars[0].name, self.bars[-1].name
        span = first if first == last else f"from {first} to {last}"
        busiest = self.busiest
        total = f"{self.total} incident{'s' if self.total != 1 else ''}"
        if len(self.bars) == 1:
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
    counts: dict[tuple[int, int], Counter[str]] = {}  # each month's events by type
    for e in events:
        counts.setdefault((e.date.start.year, e.date.start.month), Counter())[e.event_type] += 1
    starts = [_month_index(year, month) for year, month in counts]
    first, last = min(starts), max(starts)
    months = [divmod(i, 12) for i in range(first, last + 1)]
    order = {t: i for i, t in enumerate(event_types)}
    types_present = sorted({t for types in counts.values() for t in types}, key=lambda t: (order.get(t, len(order)), t))
    empty: Counter[str] = Counter()

    totals = [sum(counts.get((y, m + 1), empty).values()) for y, m in months]
    top_value, step = _nice_top(max(totals))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    slot = plot_width / len(months)
    bar_width = min(slot * 0.8, MAX_BAR_WIDTH)
    scale = plot_height / top_value
    label_months = len(months) <= MONTH_LABELS_UP_TO

    bars = []
    for i, ((year, m0), total) in enumerate(zip(months, totals, strict=True)):
        month = m0 + 1
        bar = MonthBar(year, month, total, round(LEFT + i * slot + (slot - bar_width) / 2, 2),
                       round(bar_width, 2),
                       label=calendar.month_abbr[month] if label_months else "")
        y: float = baseline
        month_counts = counts.get((year, month))
        if month_counts is not None:  # most months of a long chart have no event
            for t in types_present:
                n = month_counts[t]
                if n:
                    height = n * scale
                    y -= height
                    bar.segments.append(Segment(order.get(t, len(order)), t, n, round(y, 2), round(height, 2)))
        bars.append(bar)

    ticks = [Tick(v, round(baseline - v * scale, 2)) for v in range(0, top_value + 1, step)]
    years = _year_marks(bars, slot)
    legend = [(order.get(t, len(order)), t) for t in types_present]
    return Timeline(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, bars, ticks, years, legend, len(events))


def _year_marks(bars: list[MonthBar], slot: float) -> list[YearMark]:
    """A label at each year's first month shown, thinned out so labels never overlap."""
    every = max(1, math.ceil(MIN_YEAR_SPACING / (12 * slot)))
    januaries = [YearMark(bar.year, bar.center) for bar in bars if bar.month == 1]
    marks = [mark for mark in januaries if (mark.year - bars[0].year) % every == 0]
    first = YearMark(bars[0].year, bars[0].center)
    if bars[0].month != 1 and (not marks or marks[0].x - first.x >= MIN_YEAR_SPACING):
        marks.insert(0, first)
    return marks
