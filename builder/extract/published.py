"""When an article was published, when nothing declares it: from its text.

The front matter, the page's metadata or the address give the date when they can (articles.py);
else, in this order: a line that says when it was published ("Publié le 27/05/2021"); a
heading line that is a full date and little else; a dateline ("ERBIL, Iraq, Feb 16 -") whose
year is the first that puts it after every date the story states; else the day after the last
day the story tells of. A story that gives weekdays with a day and month but no year is placed
in the year, among those where the weekdays fit, that the other articles of the run
corroborate. The clue words live in lexicon/published.yml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .articles import Article
from .clauses import Clause
from .cues import EventCues
from .date_lexicon import DateLexicon
from .dates import Found, clue_years, find_dates, month_of, scan, year_from_weekday
from .event_types import classify, compatible_types
from .knowledge import KnowledgeBase
from .lexicon import Compiled, LexiconFile
from .mentions import find_mentions
from .merge import MergeRules
from .places import places_agree, specificity
from .reading import Mention
from .text import fold

CLUE_LINES = ("caption", "dateline")  # dropped lines that still date the article
# A file photo's caption dates the photo, not the story ("FILE - ... Jan. 24, 2016").
_FILE_PHOTO = re.compile(r"\b(?:file|archives?|d'archives?)\b", re.IGNORECASE)


def publication_date(article: Article, near: date | None = None, *,
                     today: date | None = None) -> tuple[date | None, str]:
    """The article's publication date and where it came from (front matter, URL, text).

    From the text, in this order: a line that says when it was published ("Publié le
    27/05/2021"); a heading line that is a full date and little else; a dateline ("ERBIL,
    Iraq, Feb 16 -") whose year is the first that puts it after every date the story
    states; else the day after the last day the story tells
    of (news is most often published the day after what it reports). `near`, the other
    articles' dates, settles a year the text leaves open; no date after `today` (by default,
    the day it runs) is taken.
    """
    if article.published is not None:
        return article.published, article.published_from
    today = today or date.today()
    found = _publication_line(article, today) or _date_alone(article, today) or \
        _dateline(article, near, today)
    if found is not None:
        return found, "text"
    found = publication_date_from_text(_clue_texts(article), article.known_language, near=near, today=today)
    if found is None:
        return None, "unknown"
    return _last_told_day(article, found, today) + timedelta(days=1), "inferred"


def _clue_texts(article: Article) -> list[str]:
    """The texts whose dates bound the publication date: title, story up to any talk of
    what is to come, and the dropped lines that still carry dates."""
    future = _published_cues("future_clause", article.known_language)
    told = []
    for sentence in article.sentences:
        ahead = future.search(fold(sentence.text))
        told.append(sentence.text[:ahead.start()] if ahead else sentence.text)
    return [article.title] + told + [line for line, reason in article.dropped
                                     if reason in CLUE_LINES and not (reason == "caption" and _FILE_PHOTO.search(line))]


def years_left_open(article: Article, *, today: date | None = None) -> list[int]:
    """The years an article may have been published in when nothing but weekdays with a
    day-month date it ("dimanche 6 avril"): several, or none when it is dated otherwise.
    Only years up to `today`'s (by default, the day it runs)."""
    today = today or date.today()
    if article.published is not None or _publication_line(article, today) or _date_alone(article, today) \
            or _dateline(article, None, today):
        return []
    years = open_years(_clue_texts(article), article.known_language, today=today)
    return years if len(years) > 1 else []


def _publication_line(article: Article, today: date) -> date | None:
    """The date on a line that says it is the publication date ("Published: 03/11/2021 -
    17:40", "Mis à jour le 02/05/2020 à 08h15", "Dernière mise à jour à 08h41 le 24/02")."""
    language = article.known_language
    cues = _published_cues("publication_line", language)
    lines = [article.title] + [line for line, reason in article.dropped
                               if reason in (*CLUE_LINES, "title-like line", "byline")] + \
        [s.text for s in article.sentences[:2]]
    for line in lines:
        folded = fold(line)
        if not cues.search(folded):
            continue
        for e in find_dates(line, language, None, today=today):
            if e.kind == "absolute" and e.span is not None:
                return e.span.start
        for found in _NUMERIC_DAY.finditer(line):
            if day := _numeric_day(found, article, today):
                return day
    return None


_NUMERIC_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?(?![\d/.-])")


def _numeric_day(found: re.Match[str], article: Article, today: date) -> date | None:
    """The day a stamp's digits give: day first or month first (whichever the numbers allow),
    with the year they give or else the one the story's dates lead to. Of two readings, the
    one on or after the latest date the story states and nearest it; day first on a tie."""
    a, b = int(found[1]), int(found[2])
    stated = _stated(article, today)
    latest = max(stated, default=None)
    if found[3]:
        years = [int(found[3]) + (2000 if len(found[3]) == 2 else 0)]
    elif latest is not None:
        years = [latest.year, latest.year + 1]
    else:
        return None  # no year anywhere: other clues, or other articles, must settle it
    readings = []
    for day, month in ((a, b), (b, a)):
        for year in years:
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate <= today and (latest is None or candidate >= latest):
                readings.append(candidate)
                break
    if not readings:
        return None
    return min(readings, key=lambda d: (d - latest).days) if latest else readings[0]


DATE_LINE_MAX_WORDS = 3  # words a line may add to a date and still be the page's date line
# A stamp's clock and its zone ("06.30 GMT", "17h40", "11:20 AM ET"): not words of a heading.
_CLOCK = re.compile(r"\b\d{1,2}[.:h]\d{2}\b(?:\s*(?:[ap]\.?m\.?))?(?:\s*\b(?:GMT|UTC|CET|CEST|BST|EST|EDT|ET)\b)?",
                    re.IGNORECASE)
STAMP_LINE_MAX_WORDS = 12  # words a line may have around a date stamped with its time


def _date_alone(article: Article, today: date) -> date | None:
    """A full date standing alone on a heading line ("Live updates | Sunday 13 March 2022",
    "March 13, 2022"): the date the page carries, as a byline would."""
    language = article.known_language
    for line, reason in article.dropped:
        if reason not in ("title-like line", "dateline"):
            continue
        found = [(e, e.span) for e in find_dates(line, language, None, today=today) if e.span is not None]
        if len(found) != 1 or found[0][0].kind != "absolute" or found[0][1].days != 1:
            continue
        expr, span = found[0]
        around = line[:expr.start] + line[expr.end:]
        rest = len(re.findall(r"\w+", _CLOCK.sub(" ", around)))
        stamped = any(e.kind == "time" and abs(e.start - expr.end) <= 5
                      for e in find_dates(line, language, span.start, today=today)) or \
            expr.time_of_day is not None or bool(_CLOCK.search(around))
        if rest <= DATE_LINE_MAX_WORDS or ((stamped or reason == "dateline") and rest <= STAMP_LINE_MAX_WORDS):
            return span.start  # "Moyen-Orient | 06/10/2023 - 17:42 | Par la rédaction"
    return None


@dataclass(frozen=True)
class PublishedCues(Compiled, file="published", what="publication clues", per_language=False):
    """The clues to a publication date of lexicon/published.yml: one pattern per section and
    language, matched on folded text."""

    patterns: dict[tuple[str, str], re.Pattern[str]]

    @classmethod
    def compile(cls, file: LexiconFile) -> PublishedCues:
        """A pattern for the words of each section in each language."""
        return cls({(section, language): re.compile(r"\b(?:" + file.phrases(section, language) + r")\b")
                    for section, by_language in file.data.items() for language in by_language})


def _published_cues(section: str, language: str) -> re.Pattern[str]:
    """The words of a section of lexicon/published.yml in one language, as one pattern."""
    return PublishedCues.of().patterns[(section, language)]


def _stated(article: Article, today: date) -> list[date]:
    """Every date the story states with its year (the last day of a stated period)."""
    out = []
    for sentence in article.sentences:
        for e in find_dates(sentence.text, article.known_language, None, today=today):
            if e.span is not None and e.kind in ("absolute", "period"):
                out.append(e.span.end)
    return out


DATELINE_YEARS = 8  # how many years after the last stated date a dateline's year is looked for


def _dateline(article: Article, near: date | None, today: date) -> date | None:
    """The day-month opening the first paragraph ("ERBIL, Iraq, Feb 16 - Rockets..."). Its
    year is the first one that puts it on or after every date the story states and, when the
    lead names a weekday ("on Monday night"), puts that weekday on the dateline's day or the
    day before, as a lead's news is; failing that, the first year after the stated dates.
    A story that states no year is placed in the years around `near`, nearest first."""
    if not article.sentences:
        return None
    first, language = article.sentences[0].text, article.known_language
    if not any(e.kind == "absolute" and e.span is None and e.start < 60
               for e in find_dates(first, language, None, today=today)):
        return None
    stated = _stated(article, today)
    copyright = _copyright_year(article)
    if copyright is not None and (not stated or max(stated).year <= copyright):
        latest, years = max(stated, default=date.min), [copyright]  # "© 2021 Reuters"
    elif stated:
        latest = max(stated)
        years = list(range(latest.year, latest.year + DATELINE_YEARS))
    elif near is not None:
        latest = date.min
        years = sorted(range(near.year - DATELINE_YEARS, near.year + DATELINE_YEARS + 1),
                       key=lambda y: abs(y - near.year))
    else:
        return None
    candidates = []
    for year in years:
        found = [e.span.start for e in find_dates(first, language, date(year, 12, 24), today=today)
                 if e.kind == "absolute" and e.start < 60 and e.span is not None]
        if found and latest <= found[0] <= today and found[0].year == year:
            candidates.append(found[0])
    for day in candidates:
        weekdays = [e.span.start for e in find_dates(first, language, day, today=today)
                    if e.kind == "weekday" and e.span is not None and not e.elsewhere]
        if weekdays and all((day - w).days <= 1 for w in weekdays):
            return day
    return candidates[0] if candidates else None


def _copyright_year(article: Article) -> int | None:
    """The year of the page's copyright line ("© 2021 Reuters. All rights reserved.")."""
    for line, reason in article.dropped:
        if reason == "copyright":
            years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", line)]
            if years:
                return max(years)
    return None


def _last_told_day(article: Article, latest: date, today: date) -> date:
    """The last day the story tells of: the latest date it states, or a bare weekday named
    after that date when it falls closer to it after than before ("Thursday 13 February, a
    rocket hit K1. And on Sunday, ..." is the 16th; "Wednesday 3 March ... On Tuesday, a
    bomb ..." is the 2nd)."""
    language = article.known_language
    lex = EventCues.of(language)
    past = _published_cues("past_weekday", language)
    future = _published_cues("future_weekday", language)
    told, last = False, latest
    for sentence in article.sentences:
        folded = fold(sentence.text)
        tells = classify(folded, Clause(0, len(folded)), lex) is not None  # not "expected on Friday"
        for e in find_dates(sentence.text, language, latest, today=today):
            if e.kind == "absolute" and e.span and e.span.start == latest:
                told = True
            elif told and tells and e.kind == "weekday" and e.span and not e.elsewhere \
                    and not past.search(fold(e.text)) \
                    and not future.search(folded, max(0, e.start - 25), e.start):
                before = e.span.start
                after = before + timedelta(days=7) if before < latest else before
                if (after - latest) < (latest - before):
                    last = max(last, after)
    return last


def corroborated(article: Article, years: list[int], others: list[Mention], near: date | None,
                  kb: KnowledgeBase, today: date) -> tuple[tuple[date | None, str], list[Mention]]:
    """The publication date, among the years an article leaves open, under which the most of
    the incidents it dates to the day are ones other articles tell on that day at that place;
    on a tie, the year nearest the batch's other articles (the latest, alone)."""
    options = []
    for year in years:
        published, origin = publication_date(article, date(year, 7, 1), today=today)
        if published is None:
            continue
        found = find_mentions(article, published, kb, today=today)
        agree = sum(1 for m in found if m.explicit_date and m.known_date.days <= 2 and any(
            _same_incident(m, o, kb) for o in others))
        closeness = -abs((published - near).days) if near else published.toordinal()
        options.append((agree, closeness, (published, origin), found))
    if not options:
        return (None, "unknown"), []
    _, _, dated, found = max(options, key=lambda option: option[:2])
    return dated, found


ANCHOR_DAYS = 7  # days after another article's incident an article that gives no date may be from


def anchored(article: Article, others: list[Mention], kb: KnowledgeBase,
             today: date) -> tuple[tuple[date | None, str], list[Mention]]:
    """The publication date of an article that gives none, from the incidents other articles
    date: among the week after each one told at a place this article names, the day under
    which the most of this article's incidents fall on those days at those places (on a tie,
    the day after the incident: news is most often published then). An incident another
    article dates only to its week ("have launched missiles", undated) anchors too, the
    incidents this article dates to the day falling in it, nearest the end of that week (the
    other article's day). None when no other article tells of a place this one names, or
    none of its incidents fits."""
    named = [o for o in others if o.date is not None and o.date.days <= ANCHOR_DAYS + 1 and _named_here(o, article, kb)]
    distance: dict[date, int] = {}  # a candidate day -> how far it is from the day after an incident
    for o in named:
        days = o.known_date.days
        for k in range(days - 1 + ANCHOR_DAYS + 1):
            day = o.known_date.start + timedelta(days=k)
            if day <= today:
                # from the day after a day-precise incident; from the end of a week's
                far = abs(k - 1) if days <= 2 else abs(k - (days - 1))
                distance[day] = min(distance.get(day, ANCHOR_DAYS + days), far)
    best: tuple[int, int, date, list[Mention]] | None = None
    for day in sorted(distance):
        found = find_mentions(article, day, kb, today=today)
        agree = sum(1 for m in found if any(
            _same_incident(m, o, kb) and ((o.date is not None and o.date.days <= 2)
                                          or (m.date is not None and m.date.days <= 2)) for o in named))
        if agree and (best is None or (agree, -distance[day]) > best[:2]):
            best = (agree, -distance[day], day, found)
    if best is None:
        return (None, "unknown"), []
    return (best[2], "inferred"), best[3]


def _named_here(o: Mention, article: Article, kb: KnowledgeBase) -> bool:
    """Whether an article names the place of another article's incident, or one within it
    or around it that is more precise than a region."""
    text = " ".join([article.title] + [s.text for s in article.sentences])
    if o.new_place is not None and o.new_place.name in text:
        return True
    return o.location is not None and any(
        n.kind == "location" and specificity(kb.locations[n.id].kind) > 1 and places_agree(n.id, o.location, kb)
        for n in kb.find(text, article.known_language))


def _same_incident(m: Mention, o: Mention, kb: KnowledgeBase) -> bool:
    """Whether two mentions may tell one incident: overlapping days at the same place, of
    types that one incident may be told as."""
    if m.date is None or o.date is None or not m.date.overlaps(o.date):
        return False
    if not compatible_types(m.sub_event_type, o.sub_event_type) and not MergeRules.of().related(
            m.sub_event_type, o.sub_event_type, max(_precision(m, kb), _precision(o, kb))):
        return False
    if m.new_place is not None and o.new_place is not None:
        return m.new_place.name == o.new_place.name
    return m.location is not None and o.location is not None and \
        specificity(kb.locations[m.location].kind) > 1 and places_agree(m.location, o.location, kb)


def _precision(m: Mention, kb: KnowledgeBase) -> int:
    """How specific a mention's place is (a place the base lacks is at least a town's)."""
    known = specificity(kb.locations[m.location].kind) if m.location in kb.locations else 0
    return max(known, specificity("town")) if m.new_place is not None else known


# --- dates the text states --------------------------------------------------------------------


def publication_date_from_text(texts: list[str], language: str, *, today: date | None = None,
                               near: date | None = None) -> date | None:
    """The earliest day an article can have been published, from the dates its text states.

    Returns the latest of: every full date (day, month and year: "lundi 10 février 2020",
    "2019/12/30" in an address), and every weekday with a day-month ("Wednesday, March 11"),
    whose year is the one of clue_years(today) where that day falls on that weekday. When several
    years fit: the earliest not before the latest year the text mentions; else, given `near`
    (say, the other articles' dates), the nearest to it; else the latest not after `today`.
    Dates after `today` are ignored. None when there is no such clue. The article was
    published on that day or, more often, a day or a few later.
    """
    lex = DateLexicon.of(language)
    today = today or date.today()
    full: list[date] = []
    clues: list[tuple[int, int, int]] = []
    years: list[int] = []
    for text in texts:
        for f in scan(text, lex):
            g = f.groups
            years += [int(g[k]) for k in ("year", "year2") if k in g and int(g[k]) <= today.year]
            for day_key, month_key in _day_keys(f):
                month = month_of(g, lex, month_key) or month_of(g, lex)
                year = g.get("year2") or g.get("year")
                if month is None:
                    continue
                try:
                    if year:
                        full.append(date(int(year), month, int(g[day_key])))
                    elif "weekday" in g and f.kind == "absolute":
                        clues.append((int(g[day_key]), month, lex.value("weekdays", g["weekday"])))
                except (ValueError, TypeError):
                    continue
    after_year = max(years) if years else None
    found = [d for d in full if d <= today]
    found += [d for clue in clues if (d := year_from_weekday(*clue, today, after_year, near))]
    return max(found, default=None)


def open_years(texts: list[str], language: str, *, today: date | None = None) -> list[int]:
    """The years a text that states none leaves open: those of clue_years(today), up to `today`,
    where every weekday given with a day-month ("dimanche 6 avril") falls on that day.
    Empty when the text states a year or has no such clue, or when no year fits them all."""
    lex = DateLexicon.of(language)
    today = today or date.today()
    clues: list[tuple[int, int, int]] = []
    for text in texts:
        for f in scan(text, lex):
            g = f.groups
            if "year" in g or "year2" in g:
                return []
            for day_key, month_key in _day_keys(f):
                if "weekday" in g and f.kind == "absolute":
                    month = month_of(g, lex, month_key) or month_of(g, lex)
                    if month and g.get(day_key, "").isdigit():
                        clues.append((int(g[day_key]), month, lex.value("weekdays", g["weekday"])))
    if not clues:
        return []
    years = []
    for year in clue_years(today):
        try:
            if all(date(year, month, day).weekday() == weekday and date(year, month, day) <= today
                   for day, month, weekday in clues):
                years.append(year)
        except ValueError:
            continue
    return years


def _day_keys(f: Found) -> Iterator[tuple[str, str]]:
    if f.kind == "absolute":
        yield "day", "month"
    elif f.kind == "period" and "day2" in f.groups:
        yield "day2", "month2"
