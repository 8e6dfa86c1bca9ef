"""Record values in words for readers: dates with their precision, tolls, weapons."""

from __future__ import annotations

import calendar
import re

from ..records.model import DateSpan, Toll, Weapon

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
    if span.precision == "year" or ((start.month, start.day, end.month, end.day) == (1, 1, 12, 31) \
            and start.year == end.year):
        return str(start.year)
    if start == end:
        return _day(start)
    if span.precision == "month" or ((start.year, start.month) == (end.year, end.month) \
            and start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]):
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


# Characters that start Markdown inline markup (emphasis, code, links and images, attribute
# lists, table cells, headings), escaped with a backslash wherever they are; the HTML ones
# become entities; control characters (Python-Markdown's own placeholders use \x02 and \x03),
# lone surrogates and the non-characters U+FFFE and U+FFFF become spaces.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What makes a line a block of its own: a list item (- + 1.), a rule (---), an admonition (!!!).
_BLOCK_START = re.compile(r"^(?:[-+!]|\d+(?=[.)]))")
_ENTITY_START = {"=": "&#61;", "~": "&#126;", ":": "&#58;"}


def md_escape(text) -> str:
    """Text that reads as itself wherever it is placed in Markdown, table cells included:
    no markup, HTML, link, attribute list or block it contains takes effect. White space
    runs become one space, so the text stays on its line."""
    text = _CONTROL.sub(" ", str(text))
    text = "".join(_HTML_SPECIAL.get(ch, ch) for ch in text) if any(ch in text for ch in "&<>") else text
    text = " ".join(_MD_SPECIAL.sub(r"\\\1", text).split())
    if text[:1] in _ENTITY_START:
        return _ENTITY_START[text[0]] + text[1:]
    return _BLOCK_START.sub(_escape_block_start, text, count=1)


def _escape_block_start(found: re.Match) -> str:
    mark = found[0]
    return f"\\{mark}" if not mark[0].isdigit() else f"{mark}\\"
