"""Record values in words for readers: dates with their precision, tolls, weapons, counts."""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..records.model import DateSpan, Toll, Weapon

MONTHS = list(calendar.month_name)


def _day(d) -> str:
    return f"{d.day} {MONTHS[d.month]} {d.year}"


def day_words(day: date) -> str:
    """A day as a reader says it: "11 March 2020"."""
    return _day(day)


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


_PARTS_OF_DAY = {"dawn", "morning", "midday", "afternoon", "evening", "night"}


def date_phrase(span: DateSpan, time: str | None = None) -> str:
    """A date as it follows a clause: "on the evening of 11 March 2020", "at 19:00 on 11 March
    2020", "in late December 2019", "between 3 and 9 May 2020"."""
    words = _span_words(span)
    if span.start == span.end:
        if time in _PARTS_OF_DAY:
            return f"on the {time} of {words}"
        return f"at {time} on {words}" if time else f"on {words}"
    if "–" in words:
        first, _, last = words.partition("–")
        return f"between {first.strip()} and {last.strip()}"
    return f"in {words}"


_SMALL = ["no one", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen", "twenty"]


def count_words(n: int) -> str:
    """A count in running text: words up to twenty ("three"), digits above ("25")."""
    return _SMALL[n] if 0 <= n < len(_SMALL) else f"{n:,}"


def and_list(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return " and ".join(items) if len(items) < 3 else ", ".join(items[:-1]) + " and " + items[-1]


def capitalized(text: str) -> str:
    """The text with its first letter upper-case (the rest as it was)."""
    return text[:1].upper() + text[1:]


def month_words(year: int, month: int) -> str:
    return f"{MONTHS[month]} {year}"


def toll_words(toll: Toll | None) -> str:
    """A toll for a table cell: "3", "none", "unknown", "24–25" when the sources disagree."""
    if toll is None:
        return "unknown"
    if toll.disputed:
        return f"{toll.low}–{toll.high}"
    return "none" if toll.best == 0 else str(toll.best)


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


def weapon_words(weapon: Weapon, spelled: bool = False) -> str:
    """"18 rockets", "a rocket launcher", "rockets"; with `spelled`, small counts in words
    ("three rockets")."""
    if weapon.count is None:
        return plural(weapon.name, None)
    count = count_words(weapon.count) if spelled and weapon.count > 0 else str(weapon.count)
    return f"{count} {plural(weapon.name, weapon.count)}"


def toll_phrase(killed: Toll | None, injured: Toll | None) -> str:
    """A toll as it ends a sentence: ", killing three and injuring twelve", ", killing 3 to 4";
    "" when neither is known or both are none."""
    parts = []
    for verb, toll in (("killing", killed), ("injuring", injured)):
        if toll is None or toll.high == 0:
            continue
        parts.append(f"{verb} {count_words(toll.low)} to {count_words(toll.high)}" if toll.disputed
                     else f"{verb} {count_words(toll.best)}")
    return ", " + " and ".join(parts) if parts else ""


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


def without_controls(text: str) -> str:
    """Text with its control characters made spaces: what every value of an HTML block goes
    through before it is escaped, as Python-Markdown gives \\x02 and \\x03 a meaning of its own."""
    return _CONTROL.sub(" ", text)


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
