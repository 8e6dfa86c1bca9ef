"""When an incident happened: the date a clause gives it, or the one its context does.

A clause is dated by its own expression (local before elsewhere, precise before vague,
nearest the cue), else by the day a sentence just before set the scene on, else by the
incident being told; "two days later" counts from the incident told before, a reprisal comes
after what it answers, and "the night of Saturday to Sunday" is Saturday unless the text says
after midnight.
"""

from __future__ import annotations

import re
from datetime import timedelta

from ..records.model import DateSpan
from .clauses import Clause, past_spaces, same_phrase
from .cues import EventCues
from .dates import TimeExpression, find_dates
from .event_types import compatible_types
from .places import choose_new_place, choose_place, specificity
from .reading import Mention, Reading, Scene, SentenceView
from .rules import Reach
from .text import ends_with, fold

DATE_KIND_RANK = {"absolute": 0, "weekday": 1, "period": 2, "relative": 3, "event-relative": 4}


def choose_date(exprs: list[TimeExpression], clause: Clause, cue: int) -> TimeExpression | None:
    """The expression that dates the clause: local before elsewhere, precise before vague,
    nearest the cue; a date earlier in the sentence carries over to its later clauses."""
    dated = [e for e in exprs if e.kind in DATE_KIND_RANK]
    own = [e for e in dated if clause.holds(e.start)]
    introducing = [e for e in own if e.kind == "event-relative" and 0 <= cue - e.end <= 15]
    if introducing and not any(e.kind in ("absolute", "weekday") and e.start > introducing[0].start
                               for e in own):
        return introducing[0]  # "two days after a huge demonstration": dates the demonstration
    pool = own or [e for e in dated if e.end <= clause.start and e.kind != "event-relative"]
    if not pool:
        return None
    return min(pool, key=lambda e: (e.elsewhere, DATE_KIND_RANK[e.kind], abs(e.start - cue)))


def covered(pattern: re.Pattern, folded: str, clause: Clause, expr: TimeExpression) -> bool:
    """Whether a match of `pattern` in the clause covers the expression ("Monday's barrage")."""
    return any(m.start() <= expr.start and expr.end <= m.end()
               for m in pattern.finditer(folded, clause.start, clause.end))


def shifted(span: DateSpan, offset: int | None) -> DateSpan:
    """A date relative to another incident's: `offset` days later, or an open span after it
    (of lexicon/reach.yml's retaliation_days)."""
    if offset is None:
        return DateSpan(span.start, span.end + timedelta(days=Reach.of().retaliation_days), "range")
    if not offset:
        return span
    delta = timedelta(days=offset)  # "the next day" after "last year" is no calendar year: a range
    precision = span.precision if span.precision in ("day", "range") else "range"
    return DateSpan(span.start + delta, span.end + delta, precision)


def relative_offset(expr: TimeExpression, cue: int, lex: EventCues) -> int | None:
    """Days from the incident told before to this one. "two days after <this incident>"
    puts this one before the other, so the offset turns round."""
    offset = expr.offset_days
    if offset is not None and expr.end <= cue and ends_with(lex.relative_prepositions, expr.text):
        return -offset
    return offset


def date_mention(r: Reading, s: SentenceView, m: Mention, clause: Clause, cue: tuple[int, int],
                 expr: TimeExpression | None, reprisal: bool) -> None:
    """Give a new mention its date (and whether the text states it) and its time of day."""
    lex = r.cues
    previous = r.last()
    if expr is not None and expr.kind == "event-relative":
        anchor = _anchor_date(s, expr, previous)
        offset = relative_offset(expr, cue[0], lex)
        if anchor is not None and offset == 0 and expr.offset_days == 0 and expr.end <= cue[0] and \
                ends_with(lex.relative_prepositions, expr.text):
            m.date = DateSpan(anchor.start - timedelta(days=1), anchor.end, "range")  # "hours after X"
        elif anchor is not None:
            m.date = shifted(anchor, offset)
    elif expr is not None:
        m.date, m.explicit_date = expr.span, True
        earlier = r.last()
        if expr.span and expr.span.precision == "month" and earlier and earlier.date and \
                lex.same_year.match(s.folded, past_spaces(s.folded, expr.end)):  # "of the same year"
            m.date = DateSpan.month(earlier.date.start.year, expr.span.start.month)
        if expr.time_of_day == "night" and expr.span and expr.span.days == 2:
            late = lex.after_midnight.search(s.folded, clause.start, clause.end) or any(
                e.kind == "time" and e.time_of_day and e.time_of_day[:2].isdigit()
                and int(e.time_of_day[:2]) < 6 for e in s.dates)
            # "the night of Monday to Tuesday": Monday; "shortly after midnight": Tuesday
            m.date = DateSpan.day(expr.span.end if late else expr.span.start)
    m.time = next((e.time_of_day for e in ([expr] if expr else []) + s.dates
                   if e.time_of_day and (e is expr or (e.kind == "time" and clause.holds(e.start)))), None)
    if m.date is None and reprisal and previous and previous.date:
        m.date = shifted(previous.date, None)  # a reprisal comes after what it answers
    if m.date is None and current_scene(r, m) is None and r.section is not None:
        m.date, m.explicit_date = r.section.date, True  # the section's heading states it
    if m.date is None:
        m.date = _context_date(r, s, m, clause)


def _anchor_date(s: SentenceView, expr: TimeExpression, previous: Mention | None) -> DateSpan | None:
    """What a relative date counts from: another date in the sentence ("The attack of Sunday
    came two days after a march") or else the incident told before."""
    others = [e for e in s.dates if e is not expr and e.kind in ("absolute", "weekday") and e.span]
    if others:
        return min(others, key=lambda e: abs(e.start - expr.start)).span
    return previous.date if previous else None


def _context_date(r: Reading, s: SentenceView, m: Mention, clause: Clause) -> DateSpan | None:
    """The date of an undated clause: the day a sentence just before set the scene on; that
    of the incident being told (in this paragraph or one just before, or pointed back to);
    in the lead, the week before publication."""
    scene = current_scene(r, m)
    if scene is not None:
        return scene.date
    alike = [p for p in r.mentions if m.paragraph - p.paragraph <= 2 and p.date is not None
             and m.sub_event_type is not None and compatible_types(m.sub_event_type, p.sub_event_type)]
    if alike:
        return max(alike, key=lambda p: (p.sentence, -p.order)).date  # on a tie, the sentence's main one
    recent = r.recent(m.paragraph)
    if recent is not None:
        return recent.date
    last = r.last()
    if r.cues.event_anaphora.search(s.folded, clause.start, clause.end) and last is not None:
        return last.date
    if m.paragraph <= 1 and not r.mentions and r.published is not None:
        return DateSpan(r.published - timedelta(days=Reach.of().lead_days), r.published, "range")
    return None


def shortly_after(r: Reading, s: SentenceView, clause: Clause) -> bool:
    """Whether the clause says its incident came a few hours after the one told before
    ("hours later", "shortly after")."""
    return any(e.kind == "event-relative" and clause.holds(e.start) and e.offset_days == 0 and
               r.cues.after.search(fold(e.text)) for e in s.dates)


# --- scenes -------------------------------------------------------------------------------------


def set_scene(r: Reading, s: SentenceView) -> None:
    """"The capital lived through one of its bloodiest days on Sunday 6 April." tells no
    incident but dates (and places) the ones the next sentences tell."""
    spans = [e.span for e in s.dates if e.kind in ("absolute", "weekday", "period") and e.span
             and e.span.days <= Reach.of().scene_days and not e.elsewhere]
    if len(spans) == 1 and not r.cues.unreal.search(s.folded):  # not "troops are due to leave by Dec. 31"
        whole = Clause(0, len(s.folded))
        place = choose_place(r, s, whole)
        known_rank = specificity(r.kb.locations[place].kind) if place else -1
        r.scene = Scene(s.sentence.index, s.sentence.paragraph, spans[0], place,
                        choose_new_place(r, s, whole, known_rank))


def set_section(r: Reading, heading: SentenceView) -> None:
    """A section's heading ("July 19: Amerli", "Le 12 août à Kidal") dates, and places,
    the incidents its paragraphs tell without a date of their own; one with no date ends
    the section before it."""
    spans = [e.span for e in heading.dates if e.kind in ("absolute", "weekday", "period") and e.span
             and not e.elsewhere]
    if not spans:
        r.section = None
        return
    place = choose_place(r, heading, Clause(0, len(heading.folded)))
    r.section = Scene(heading.sentence.index, heading.sentence.paragraph, spans[0], place)


def current_scene(r: Reading, m: Mention) -> Scene | None:
    """The scene a mention of this paragraph (or the next) is told in, if none was told since."""
    last = r.last()
    scene = r.scene
    if scene is not None and m.paragraph - scene.paragraph <= 1 and \
            (last is None or last.sentence < scene.sentence):
        return scene
    return None


def since_when(r: Reading, s: SentenceView, since: TimeExpression, clause: Clause) -> TimeExpression | None:
    """The date of an incident a "since X, when..." clause tells at a named place ("since
    January 2020, when Tehran fired missiles at Ain al-Asad"): X. None for the background
    of a trend ("since October, when the first rockets landed near bases")."""
    when = r.cues.since_when.match(s.folded, past_spaces(s.folded, since.end))
    if when is None:
        return None
    after = Clause(when.end(), clause.end)
    if choose_place(r, s, after) is None:
        return None
    start = past_spaces(s.folded, since.start + len(since.text.split(" ", 1)[0]))
    inner = [e for e in find_dates(s.sentence.text[start:since.end], r.language, r.published, today=r.today)
             if e.span is not None and e.kind in ("absolute", "period")]
    if not inner:
        return None
    e = inner[0]
    return TimeExpression(e.text, start + e.start, start + e.end, e.kind, e.span, e.time_of_day,
                          e.offset_days, e.elsewhere)


def since_here(s: SentenceView, clause: Clause, cue: tuple[int, int], undated: bool) -> TimeExpression | None:
    """A "since" expression of the clause that may date its incident: in the cue's phrase, or
    any when the clause has no date of its own."""
    return next((e for e in s.dates if e.kind == "since" and clause.holds(e.start) and
                 (same_phrase(s.folded, e.start, cue[0]) or undated)), None)
