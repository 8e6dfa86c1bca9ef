"""Dates in articles: every temporal expression of an English or French text, resolved to the
span of days it stands for.

A news story dates its events by the day it is published ("on Saturday", "hier", "last
month"), by the event told just before ("the next day", "la veille"), or outright ("11 March
2020"). `find_dates` finds them all and resolves what can be resolved against the publication
date (`published` goes the other way, when an article states no date of its own). What each
kind of expression means is decided here; the words and the patterns that find them live in
lexicon/dates.<language>.yml (compiled by `date_lexicon`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..records.model import DateSpan
from .date_lexicon import DateLexicon, Rule
from .text import lower

# A day and month with no year is the latest such date on or before publication, allowing this
# much into the future for dates announced ahead ("talks on July 10" in a July 5 article).
FUTURE_SLACK = timedelta(days=7)

# The first year a weekday with a day-month may fix ("Wednesday, March 11": 2009, 2015, 2020...);
# the last is today's (clue_years).
FIRST_CLUE_YEAR = 2000


def clue_years(today: date) -> range:
    """The years a weekday with a day-month may fix: from FIRST_CLUE_YEAR to `today`'s."""
    return range(FIRST_CLUE_YEAR, today.year + 1)


# How many characters before an expression are searched for "since", "late on"...
_WINDOW = 40
# How many characters before a word of the lexicon's trigger tables (or a digit) an
# expression may begin (see date_lexicon).
_REACH = 30


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression found in a text, and what it resolves to.

    `kind` is one of KINDS: "absolute" (a day with its month: "11 March", "vendredi 27
    décembre"), "weekday" ("on Sunday", "samedi soir"), "relative" to publication ("yesterday",
    "il y a deux semaines"), "period" ("late December", "en 2017", "last autumn"),
    "event-relative" ("the next day", "la veille"), "since" ("depuis octobre": from then to
    publication) or "time" (a time of day alone: "vers 19 h", "in the evening").
    `span` is None for "event-relative" and "time" expressions, and for any expression that
    needs the publication date when none was given. `time_of_day` is a part of the day
    ("dawn", "morning", "midday", "afternoon", "evening", "night") or a 24-hour "HH:MM".
    `offset_days` (event-relative only) counts days from the event told just before: 0 the
    same day, 1 the next, -1 the day before, None when the text does not say.
    `elsewhere` marks a date given in a distant place's time ("late Tuesday in Washington").
    """

    text: str
    start: int
    end: int
    kind: str
    span: DateSpan | None
    time_of_day: str | None
    offset_days: int | None
    elsewhere: bool = False


# --- finding ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A pattern's match before it is resolved."""

    kind: str
    start: int
    end: int
    groups: dict[str, str]
    fixed: dict[str, Any]


def scan(text: str, lex: DateLexicon) -> list[Found]:
    """The date patterns' matches from left to right: at each place the longest (the first pattern's
    on a tie) that is not a capitalised name written in lower case or part of a non-date."""
    lowered = lower(text)
    found: list[Found] = []
    pos = 0
    for start in _starts(lowered, lex):
        if start < pos or not lex.detector.match(lowered, start):
            continue
        best: tuple[re.Match, Rule] | None = None
        for rule in lex.rules:
            m = rule.regex.match(lowered, start)
            if m and (best is None or m.end() > best[0].end()) and _acceptable(m, text, lowered, lex):
                best = m, rule
        if best is not None:
            m, rule = best
            groups = {k: text[m.start(k):m.end(k)] for k, v in m.groupdict().items() if v is not None}
            found.append(Found(rule.kind, m.start(), m.end(), groups, rule.fixed))
            pos = m.end()
    return found


_WORD_START = re.compile(r"(?<!\w)\w")


def _starts(lowered: str, lex: DateLexicon) -> Iterator[int]:
    """The word starts an expression may begin at, in order: those shortly before a trigger."""
    last = -1
    for trigger in lex.trigger.finditer(lowered):
        first = max(last + 1, trigger.start() - _REACH)
        for word in _WORD_START.finditer(lowered, first, trigger.start() + 1):
            last = word.start()
            yield last


def _acceptable(m: re.Match, text: str, lowered: str, lex: DateLexicon) -> bool:
    """Not a name written in lower case where names are capitalised, nor part of a non-date."""
    if lex.capitalized_names and any(
            m.group(k) and text[m.start(k)].islower() for k in ("month", "month2", "weekday", "weekday2")
            if k in m.re.groupindex):
        return False
    if lex.not_dates is None:
        return True
    around = lex.not_dates.finditer(lowered, max(0, m.start() - _WINDOW), m.end() + _WINDOW)
    return not any(m.start() < other.end() and other.start() < m.end() for other in around)


# --- resolving ----------------------------------------------------------------------------


@dataclass
class _Expr:
    kind: str
    start: int
    end: int
    span: DateSpan | None
    time_of_day: str | None = None
    offset_days: int | None = None
    elsewhere: bool = False
    daylike: bool = False  # names one day, so "evening" or "at 7 p.m." may attach to it


def find_dates(text: str, language: str, published: date | None, *,
               today: date | None = None) -> list[TimeExpression]:
    """Every temporal expression in `text`, in order, resolved against the publication date.

    A weekday is the latest such day on or before publication (the day itself included); a day
    and month without a year the latest on or before it (FUTURE_SLACK allowed); a month or
    season without a year the latest begun by then. A time of day next to a day belongs to
    that day's expression ("Wednesday evening", "le 8 janvier au soir", "at around 7 p.m. on
    Wednesday"); "late on"/"tard" make it the night and "early on"/"tôt" dawn. "since"/
    "depuis" turns a date into the span from it to publication; a distant clock ("in
    Washington", "GMT") sets `elsewhere`. With no publication date, a weekday with a day-month
    ("Wednesday, March 11") is the latest such day by `today` (by default, the day it runs).
    """
    lex = DateLexicon.of(language)
    if isinstance(published, datetime):
        published = published.date()
    today = today or date.today()
    exprs = [e for f in scan(text, lex) if (e := _resolve(f, lex, published, today))]
    exprs = _attach_times(text, exprs, lex)
    for e in exprs:
        _mark_since(text, e, lex, published)
        _mark_clock(text, e, lex)
    return [TimeExpression(text[e.start:e.end], e.start, e.end, e.kind, e.span, e.time_of_day,
                           e.offset_days, e.elsewhere) for e in exprs]


def _resolve(f: Found, lex: DateLexicon, published: date | None, today: date) -> _Expr | None:
    g, fixed = f.groups, f.fixed
    expr = _Expr(f.kind, f.start, f.end, None, time_of_day=fixed.get("time"))
    try:
        if f.kind == "absolute":
            expr.span = _absolute(g, lex, published, today)
            if expr.span is None and published is not None:
                return None  # no such day ("31 June")
            expr.daylike = True
        elif f.kind == "weekday" or (f.kind == "since" and "weekday" in g):
            expr.span = _weekday(g, fixed, lex, published)
            expr.daylike = expr.span is None or expr.span.precision == "day"
        elif f.kind == "relative":
            values = dict(fixed)
            if "relative_phrase" in g:
                values.update(lex.value("relative_phrases", g["relative_phrase"]) or {})
                expr.time_of_day = values.get("time")
            expr.span = _relative(g, values, lex, published)
            expr.daylike = expr.span is not None and expr.span.precision == "day"
        elif f.kind == "since" and "unit" in g:
            expr.span = _back(*_amount(g, lex, given=True), published) if published else None
        elif f.kind in ("period", "since"):
            expr.span = _period(g, fixed, lex, published)
        elif f.kind == "event-relative":
            if "event_phrase" in g:
                values = lex.value("event_phrases", g["event_phrase"]) or {}
                expr.offset_days = values.get("offset")
                expr.time_of_day = values.get("time")
            else:
                expr.offset_days = _offset(g, fixed, lex)
            expr.daylike = True
        elif f.kind == "time":
            expr.time_of_day = (lex.value("day_parts", g["day_part"]) if "day_part" in g
                                else _clock(g, lex))
            if expr.time_of_day is None:
                return None
    except ValueError:
        return None  # digits that make no date ("30 February 2021")
    if f.kind == "since":
        _to_since(expr, published)
    return expr


def month_of(g: dict[str, str], lex: DateLexicon, key: str = "month") -> int | None:
    """The month a match names (by name, or by number as in "14/03"), if any."""
    if key in g:
        return lex.value("months", g[key])
    if key == "month" and "mnum" in g:
        return int(g["mnum"])
    return None


def _absolute(g: dict[str, str], lex: DateLexicon, published: date | None, today: date) -> DateSpan | None:
    day, month = int(g["day"]), month_of(g, lex)
    if month is None:
        return None  # a month name the table has no number for
    if "year" in g:
        return DateSpan.day(date(int(g["year"]), month, day))
    if published is not None:
        found = latest_day_month(day, month, published)
        return DateSpan.day(found) if found else None
    if "weekday" in g:
        found = year_from_weekday(day, month, lex.value("weekdays", g["weekday"]), today)
        return DateSpan.day(found) if found else None
    return None


def latest_day_month(day: int, month: int, published: date) -> date | None:
    """The latest `day` of `month` on or before publication (or at most FUTURE_SLACK after it);
    None if no year has such a day (31 June). 29 February looks back to the last leap year."""
    limit = published + FUTURE_SLACK
    for year in range(limit.year, limit.year - 9, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= limit:
            return found
    return None


def year_from_weekday(day: int, month: int, weekday: int, today: date,
                      after_year: int | None = None, near: date | None = None) -> date | None:
    """The date a weekday with a day-month names ("Wednesday, March 11"), in clue_years(today)
    and not after `today`. Of the years that fit, those from `after_year` on when there are
    some; then the one nearest `near` when given, else the earliest from `after_year`, else
    the latest."""
    fits = []
    for year in clue_years(today):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found.weekday() == weekday and found <= today:
            fits.append(found)
    later = [d for d in fits if after_year is not None and d.year >= after_year]
    if near is not None and (later or fits):
        return min(later or fits, key=lambda d: abs(d - near))
    if later:
        return later[0]
    return fits[-1] if fits else None


def _latest_weekday(weekday: int, published: date, which: str | None = None) -> date:
    if which == "next":
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    if which == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _weekday(g: dict[str, str], fixed: dict, lex: DateLexicon, published: date | None) -> DateSpan | None:
    if published is None:
        return None
    weekday = lex.value("weekdays", g["weekday"])
    if "weekday2" not in g:
        return DateSpan.day(_latest_weekday(weekday, published, fixed.get("which")))
    weekday2 = lex.value("weekdays", g["weekday2"])
    end = _latest_weekday(weekday2, published, fixed.get("which"))
    return DateSpan(end - timedelta(days=(weekday2 - weekday) % 7), end, "range")


def _count(g: dict[str, str], lex: DateLexicon) -> int | None:
    if "number" not in g:
        return None
    number = g["number"]
    return int(number) if number.isdigit() else lex.value("numbers", number)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _relative(g: dict[str, str], values: dict, lex: DateLexicon, published: date | None) -> DateSpan | None:
    if published is None:
        return None
    if "unit" in g and values.get("until_publication"):
        return _back(*_amount(g, lex, given=True), published)
    if "unit" in g:
        return _ago(*_amount(g, lex), published)
    if "back" in values:
        return DateSpan(published - timedelta(days=values["back"]), published, "range")
    unit, shift = values.get("unit"), values.get("shift", 0)
    if unit == "day":
        return DateSpan.day(published + timedelta(days=shift))
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
        span = DateSpan(monday, monday + timedelta(days=6), "range")
    elif unit == "weekend":
        # this weekend: the latest begun by publication; last weekend: the latest over by then
        sunday = _latest_weekday(6, published - timedelta(days=1 if shift < 0 else -1))
        return DateSpan(sunday - timedelta(days=1), sunday, "range")
    elif unit == "month":
        first = _add_months(published.replace(day=1), shift)
        span = DateSpan.month(first.year, first.month)
    elif unit == "year":
        span = DateSpan.year(published.year + shift)
    else:
        return None
    if values.get("part") == "earlier":
        return DateSpan(span.start, max(span.start, published - timedelta(days=1)), "range")
    return span


def _amount(g: dict[str, str], lex: DateLexicon, given: bool = False) -> tuple[str, int | None]:
    """The unit and count of "three days", "a fortnight", "une quinzaine de jours". The count is
    None when vague ("a few days", "days later"); with `given`, a lone singular unit counts one
    ("the past week")."""
    unit = lex.value("units", g["unit"])
    plural = unit.endswith("s")
    unit = unit.removesuffix("s")
    count = _count(g, lex)
    if given and "number" not in g and not plural:
        count = 1
    if unit == "fortnight":
        unit, count = "week", None if count is None else 2 * count
    return unit, count


def _before(published: date, unit: str, n: int) -> date:
    """The day `n` days, weeks, months or years before publication."""
    if unit == "day":
        return published - timedelta(days=n)
    if unit == "week":
        return published - timedelta(weeks=n)
    return _add_months(published, -n * (12 if unit == "year" else 1))


def _back(unit: str, count: int | None, published: date) -> DateSpan:
    """"the past two weeks", "depuis deux semaines": from that long before publication to it;
    a vague count is taken as six."""
    n = 6 if count is None else count
    if unit in ("hour", "minute"):
        start = published - timedelta(days=-(-n // (24 if unit == "hour" else 1440)))
    else:
        start = _before(published, unit, n)
    return DateSpan(start, published, "range")


def _ago(unit: str, count: int | None, published: date) -> DateSpan:
    """"three days ago", "il y a deux semaines": a day, or a range around the day when the
    unit is longer (3 days either side for weeks, 15 for months, 91 for years); a vague count
    ("a few") is 2 to 6 units."""
    if unit in ("hour", "minute"):
        hours = count if unit == "hour" else (count or 0) // 60
        return DateSpan.day(published - timedelta(days=(hours or 0) // 24))
    if count is None:
        return DateSpan(_before(published, unit, 6), _before(published, unit, 2), "range")
    if unit == "day":
        return DateSpan.day(_before(published, unit, count))
    slack = timedelta(days={"week": 3, "month": 15, "year": 91}[unit])
    around = _before(published, unit, count)
    return DateSpan(around - slack, around + slack, "range")


def _offset(g: dict[str, str], fixed: dict, lex: DateLexicon) -> int | None:
    unit, count = _amount(g, lex)
    direction = fixed.get("direction", 1)
    if unit in ("hour", "minute"):
        hours = count if unit == "hour" else (count or 0) // 60
        return direction * ((hours or 0) // 24)
    if count is None:
        return None
    if unit == "day":
        return direction * count
    if unit == "week":
        return direction * 7 * count
    return None  # months and years are too coarse for a day offset


def _period(g: dict[str, str], fixed: dict, lex: DateLexicon, published: date | None) -> DateSpan | None:
    if "day2" in g:
        return _day_range(g, lex, published)
    if "year2" in g and "month" not in g:
        return DateSpan(date(int(g["year"]), 1, 1), date(int(g["year2"]), 12, 31), "range")
    if "month2" in g:
        first, last = month_of(g, lex), month_of(g, lex, "month2")
        if first is None or last is None:
            return None
        return _month_range(first, last, g, published)
    part = lex.value("parts", g["part"]) if "part" in g else fixed.get("part")
    shift = fixed.get("shift", 0)
    year = int(g["year"]) if "year" in g else None
    if "anchor" in fixed and "month" in g and fixed["anchor"] == "year":  # "June last year"
        named = month_of(g, lex)
        if published is None or named is None:
            return None
        return _part_of(DateSpan.month(published.year + shift, named), part, "month")
    if "anchor" in fixed:
        return _anchored(fixed["anchor"], shift, part, published)
    if "season" in g:
        start_month = lex.value("seasons", g["season"])

        def season(y: int) -> DateSpan:
            return _part_of(_season(y, start_month), part, "season")
        return season(year) if year is not None else _latest(season, published, ended=shift < 0)
    month = month_of(g, lex)
    if month is not None:
        def in_month(y: int) -> DateSpan:
            return _part_of(DateSpan.month(y, month), part, "month")
        return in_month(year) if year is not None else _latest(in_month, published)
    if year is not None:
        return _part_of(DateSpan.year(year), part, "year")
    return None


def _anchored(anchor: str, shift: int, part: str | None, published: date | None) -> DateSpan | None:
    """"at the end of the month", "début de l'année dernière": a part of publication's month or
    year (or of the month before, if that part of this one has not begun)."""
    if published is None:
        return None
    if anchor == "year":
        return _part_of(DateSpan.year(published.year + shift), part, "year")
    for back in (0, 1):
        first = _add_months(published.replace(day=1), shift - back)
        span = _part_of(DateSpan.month(first.year, first.month), part, "month")
        if span.start <= published:
            break
    return span


def _month_range(first: int, last: int, g: dict[str, str], published: date | None) -> DateSpan | None:
    """"between January and March": from the first month's start to the last one's end."""
    def build(year: int) -> DateSpan:
        end = DateSpan.month(year, last).end
        start_year = year - 1 if first > last else year  # "from November to February"
        return DateSpan(date(start_year, first, 1), end, "range")
    return build(int(g["year"])) if "year" in g else _latest(build, published)


def _season(year: int, start_month: int) -> DateSpan:
    end = _add_months(date(year, start_month, 1), 3) - timedelta(days=1)
    return DateSpan(date(year, start_month, 1), end, "range")


def _latest(build: Callable[[int], DateSpan], published: date | None, ended: bool = False) -> DateSpan | None:
    """The latest of a yearly span that has begun by publication (or, `ended`, is over by it)."""
    if published is None:
        return None
    for year in range(published.year, published.year - 3, -1):
        span = build(year)
        if (span.end < published) if ended else (span.start <= published):
            return span
    return None


def _part_of(span: DateSpan, part: str | None, unit: str) -> DateSpan:
    """Early, mid or late in a month (days 1-10, 11-20, 21 to the end), a year or a season
    (its thirds); its first or second half; its first or last week (a month's 7 days)."""
    if part is None:
        return span
    if unit == "month":
        days = span.end.day
        first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, days),
                       "first-half": (1, 15), "second-half": (16, days),
                       "first-week": (1, 7), "last-week": (days - 6, days)}[part]
        return DateSpan(span.start.replace(day=first), span.end.replace(day=min(last, span.end.day)),
                        "range")
    months = []
    cursor = span.start
    while cursor <= span.end:
        months.append(cursor)
        cursor = _add_months(cursor, 1)
    n = len(months)
    part = {"first-week": "early", "last-week": "late"}.get(part, part)
    lo, hi = {"early": (0, n // 3), "mid": (n // 3, 2 * n // 3), "late": (2 * n // 3, n),
              "first-half": (0, n // 2), "second-half": (n // 2, n)}[part]
    return DateSpan(months[lo], _add_months(months[hi - 1], 1) - timedelta(days=1), "range")


def _day_range(g: dict[str, str], lex: DateLexicon, published: date | None) -> DateSpan | None:
    month2 = month_of(g, lex, "month2") or month_of(g, lex)
    month1 = month_of(g, lex) or month2
    if month1 is None or month2 is None:
        return None
    year2 = g.get("year2") or g.get("year")
    end: date | None
    if year2:
        end = date(int(year2), month2, int(g["day2"]))
    elif published is not None:
        end = latest_day_month(int(g["day2"]), month2, published)
    else:
        end = None
    if end is None:
        return None
    year1 = int(g["year"]) if "year" in g and "year2" in g else end.year
    start = date(year1, month1, int(g["day"]))
    if start > end:
        start = start.replace(year=start.year - 1)
    return DateSpan(start, end, "range")


def _clock(g: dict[str, str], lex: DateLexicon) -> str | None:
    hour, minute = int(g["hour"]), int(g.get("minute") or 0)
    meridiem = lex.value("ampm", g["ampm"]) if "ampm" in g else (
        lex.value("meridiem", g["meridiem"]) if "meridiem" in g else None)
    if meridiem in ("am", "pm") and not 1 <= hour <= 12:
        return None
    if meridiem == "am" and hour == 12:
        hour = 0
    elif (meridiem == "pm" and hour < 12) or (meridiem == "night" and 7 <= hour < 12):
        hour += 12
    return f"{hour:02d}:{minute:02d}"


# --- what surrounds an expression -----------------------------------------------------------


def _attach_times(text: str, exprs: list[_Expr], lex: DateLexicon) -> list[_Expr]:
    """Give each day its time: "late on Saturday", "Wednesday evening", and a time expression
    next to it ("dimanche, à l'aube", "at 7 p.m. on Wednesday") joins the day's expression."""
    for e in exprs:
        if e.daylike:
            before = lex.prefix.search(text, max(0, e.start - _WINDOW), e.start)
            if before and (value := lex.value("time_prefixes", before.group("w"))):
                e.start, e.time_of_day = before.start(), e.time_of_day or value
            after = lex.suffix.match(text, e.end)
            if after:
                e.end, e.time_of_day = after.end(), lex.value("time_suffixes", after.group("w"))
        _mark_clock(text, e, lex)

    out: list[_Expr] = []
    pending = list(exprs)
    for i, e in enumerate(pending):
        if out and e.start < out[-1].end:
            continue  # taken in by the day before it ("le 8 janvier au soir")
        if e.kind != "time":
            out.append(e)
            continue
        nxt = pending[i + 1] if i + 1 < len(pending) else None
        prev = out[-1] if out else None
        if nxt and nxt.daylike and nxt.kind != "time" and lex.joiner.match(text, e.end, nxt.start):
            _join(nxt, e)
        elif prev and prev.daylike and prev.kind != "time" and _GAP.fullmatch(text, prev.end, e.start):
            _join(prev, e)
        else:
            out.append(e)
    return out


_GAP = re.compile(r"[\s,]*")


def _join(day: _Expr, time: _Expr) -> None:
    clock = time.time_of_day and ":" in time.time_of_day
    if clock or not day.time_of_day:
        day.time_of_day = time.time_of_day
    day.start, day.end = min(day.start, time.start), max(day.end, time.end)
    day.elsewhere = day.elsewhere or time.elsewhere


def _mark_since(text: str, e: _Expr, lex: DateLexicon, published: date | None) -> None:
    if e.kind not in ("absolute", "weekday", "relative", "period"):
        return
    before = lex.since.search(text, max(0, e.start - _WINDOW), e.start)
    if before:
        e.start = before.start()
        _to_since(e, published)


def _to_since(e: _Expr, published: date | None) -> None:
    """"since October": the span from that point to publication."""
    e.kind, e.daylike = "since", False
    if e.span is not None:
        end = max(e.span.start, published) if published else e.span.end
        e.span = DateSpan(e.span.start, end, "range")


def _mark_clock(text: str, e: _Expr, lex: DateLexicon) -> None:
    """Take in a following "local time" or distant clock ("late Tuesday in Washington")."""
    m = lex.clock.match(text, e.end)
    if m and m.end() > e.end:
        e.end = m.end()
        e.elsewhere = e.elsewhere or m.group("elsewhere") is not None
