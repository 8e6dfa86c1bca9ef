"""Record values in words for readers: dates with their precision, tolls, weapons."""

from __future__ import annotations

import calendar
import re

from .model import DateSpan, Toll, Weapon

MONTHS = list(calendar.month_name)


def _day(d) -> str:
    return f"{d.day} {MONTHS[d.month]} {d.year}"


def date_words(span: DateSpan, time: str | None = None) -> str:
    """A date as a reader says it: "11 March 2020, evening", "late December 2019", "2019"."""
    text = _span_words(span)
    if time and span.precision == "day":
        text += f", {time}"
    return text


def _span_words(span: DateSpan) -> str:
    start, end = span.start, span.end
    if span.precision == "year" or (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) \
            and start.year == end.year:
        return str(start.year)
    if start == end:
        return _day(start)
    if span.precision == "month" or (start.year, start.month) == (end.year, end.month) \
            and start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]:
        return f"{MONTHS[start.month]} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        last = calendar.monthrange(end.year, end.month)[1]
        month = f"{MONTHS[start.month]} {start.year}"
        if start.day == 1 and end.day == 10:
            return f"early {month}"
        if start.day == 11 and end.day == 20:
            return f"mid-{month}"
        if start.day == 21 and end.day == last:
            return f"late {month}"
        if start.day == 1 and end.day == 15:
            return f"first half of {month}"
        if start.day == 16 and end.day == last:
            return f"second half of {month}"
        return f"{start.day}–{end.day} {month}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month]} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def month_words(year: int, month: int) -> str:
    return f"{MONTHS[month]} {year}"


def toll_words(toll: Toll | None) -> str:
    """A toll for a table cell: "3", "none", "unknown", "25 (24–25)"."""
    if toll is None:
        return "unknown"
    best = "none" if toll.best == 0 else str(toll.best)
    return f"{best} ({toll.low}–{toll.high})" if toll.disputed else best


def short_toll(killed: Toll | None, injured: Toll | None) -> str:
    """The toll of an event in one cell of a listing: "3 killed, 12 injured", or "" if unknown."""
    parts = []
    if killed is not None:
        parts.append(f"{toll_words(killed)} killed")
    if injured is not None:
        parts.append(f"{toll_words(injured)} injured")
    return ", ".join(parts)


def plural(noun: str, count: int | None) -> str:
    if count == 1:
        return noun
    if re.search(r"(s|sh|ch|x|z)$", noun):
        return noun + "es"
    return noun + "s"


def weapon_words(weapon: Weapon) -> str:
    """"18 rockets", "a rocket launcher", "rockets"."""
    if weapon.count is None:
        return plural(weapon.name, None)
    return f"{weapon.count} {plural(weapon.name, weapon.count)}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#>])")


def md_escape(text) -> str:
    """Text safe to place inline in Markdown, table cells included."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text)).replace("<", "&lt;")
    return " ".join(escaped.split())
