"""The extraction run: a folder of articles in, draft records out, merged into the records.

New incidents become draft events; a new article about a known incident becomes a new source
of its event and fills the fields it left empty; reviewed and rejected events are never
changed. Actors and places come from the knowledge base, copied into the records as events
need them; a place the base lacks becomes a draft location with no coordinates.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, partial
from pathlib import Path
from typing import Any

from .. import cores
from ..records import batch
from ..records.folder import Chronology
from ..records.model import Actor, Event, Location, Relation, Source, SourceRef, Toll, Weapon, id_from, slugify
from ..records.problems import Problem, display_path, errors
from ..records.vocab import vocabulary
from .articles import Article, ArticleError, find_articles, limits, read_article
from .cues import LANGUAGES, LEXICON_DIR, LexiconError, fold, lexicon, read_lexicon
from .dates import find_dates, open_years, publication_date_from_text
from .events import Clause, Mention, classify, find_mentions, places_agree
from .knowledge import KnowledgeBase, load_knowledge
from .merge import (
    Incident,
    cluster,
    per_article,
    resolved_actors,
    resolved_date,
    resolved_location,
    resolved_type,
)


@dataclass
class ExtractResult:
    """What a run read and wrote, and the problems it met."""

    articles: int = 0
    skipped: int = 0
    mentions: int = 0
    new_events: list[str] = field(default_factory=list)
    updated_events: list[str] = field(default_factory=list)
    new_sources: list[str] = field(default_factory=list)
    new_entities: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stopped: bool = False  # the records have errors: nothing was read or written


class Kin:
    """Actors tied by being part or member of one another ("US forces" and "the United States")."""

    def __init__(self, kb: KnowledgeBase, chron: Chronology):
        self.ties: dict[str, set[str]] = {}
        for actor in [*kb.actors.values(), *chron.actors.values()]:
            for tie in actor.affiliations:
                if tie.relation in ("part-of", "member-of"):
                    self.ties.setdefault(actor.id, set()).add(tie.actor)
                    self.ties.setdefault(tie.actor, set()).add(actor.id)

    def __call__(self, actor_id: str) -> set[str]:
        return self.ties.get(actor_id, set())


class Places:
    """The parent chain and kind of every place: the records', else the knowledge base's."""

    def __init__(self, kb: KnowledgeBase, chron: Chronology):
        self.parents = {loc.id: loc.parent for loc in kb.locations.values()}
        self.parents.update({loc.id: loc.parent for loc in chron.locations.values()})
        self.kinds = {loc.id: loc.kind for loc in [*kb.locations.values(), *chron.locations.values()]}

    def add(self, location: Location) -> None:
        self.parents[location.id] = location.parent
        self.kinds[location.id] = location.kind

    def vague(self, location_id: str) -> bool:
        """A place too loose to tell incidents apart: a stretch of border."""
        return self.kinds.get(location_id) == "border-area"

    def ancestors(self, location_id: str) -> list[str]:
        """The places above, nearest first."""
        chain: list[str] = []
        current = self.parents.get(location_id)
        while current and current not in chain and len(chain) < 20:
            chain.append(current)
            current = self.parents.get(current)
        return chain


# --- articles ---------------------------------------------------------------------------


def source_path(article_path: Path, records_dir: Path) -> str:
    """Where a source record says its article is: relative to the records folder's parent
    (a link that cannot be followed, which reading refuses, by its own path)."""
    try:
        target = article_path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        target = article_path.absolute()
    return Path(os.path.relpath(target, records_dir.resolve().parent)).as_posix()


def source_of(article: Article, published: date | None, origin: str, records_dir: Path) -> Source:
    """The source record of an article."""
    return Source(id=article.id, title=article.title or article.path.stem, language=article.known_language,
                  published=published, published_from=origin, publisher=article.publisher,
                  url=article.url, path=source_path(article.path, records_dir))


CLUE_LINES = ("caption", "dateline")  # dropped lines that still date the article


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
    return _last_told_day(article, found, today) + timedelta(days=1), "text"


def _clue_texts(article: Article) -> list[str]:
    """The texts whose dates bound the publication date: title, story up to any talk of
    what is to come, and the dropped lines that still carry dates."""
    future = _published_cues("future_clause", article.known_language)
    told = []
    for sentence in article.sentences:
        ahead = future.search(fold(sentence.text))
        told.append(sentence.text[:ahead.start()] if ahead else sentence.text)
    return [article.title] + told + [line for line, reason in article.dropped if reason in CLUE_LINES]


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
    """The date on a line that says it is the publication date."""
    language = article.known_language
    cues = _published_cues("publication_line", language)
    lines = [line for line, reason in article.dropped
             if reason in (*CLUE_LINES, "title-like line", "byline")] + \
            [s.text for s in article.sentences[:2]]
    for line in lines:
        folded = fold(line)
        if not cues.search(folded):
            continue
        for e in find_dates(line, language, None, today=today):
            if e.kind == "absolute" and e.span is not None:
                return e.span.start
    return None


DATE_LINE_MAX_WORDS = 3  # words a line may add to a date and still be the page's date line
STAMP_LINE_MAX_WORDS = 12  # words a line may have around a date stamped with its time


def _date_alone(article: Article, today: date) -> date | None:
    """A full date standing alone on a heading line ("Live updates | Sunday 13 March 2022",
    "March 13, 2022"): the date the page carries, as a byline would."""
    language = article.known_language
    for line, reason in article.dropped:
        if reason != "title-like line":
            continue
        found = [(e, e.span) for e in find_dates(line, language, None, today=today) if e.span is not None]
        if len(found) != 1 or found[0][0].kind != "absolute" or found[0][1].days != 1:
            continue
        expr, span = found[0]
        rest = len(re.findall(r"\w+", line[:expr.start] + line[expr.end:]))
        stamped = any(e.kind == "time" and abs(e.start - expr.end) <= 5
                      for e in find_dates(line, language, span.start, today=today)) or \
            expr.time_of_day is not None
        if rest <= DATE_LINE_MAX_WORDS or (stamped and rest <= STAMP_LINE_MAX_WORDS):
            return span.start  # "Moyen-Orient | 06/10/2023 - 17:42 | Par la rédaction"
    return None


@cache
def _published_cues(section: str, language: str) -> re.Pattern[str]:
    """The words of a section of lexicon/published.yml in one language, as one pattern."""
    path = LEXICON_DIR / "published.yml"
    words = read_lexicon(path).get(section)
    if not isinstance(words, dict) or not isinstance(words.get(language), list):
        raise LexiconError(f"{path}: {section}.{language}: missing, expected a list of words")
    return re.compile(r"\b(?:" + "|".join(re.escape(str(w)) for w in words[language]) + r")\b")


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
    lex = lexicon(language)
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


_KB: KnowledgeBase | None = None  # what forked workers read articles with
PARALLEL_FROM = 40  # articles: below this, starting worker processes costs more than it saves


def _find(item: tuple[Article, date | None], today: date) -> list[Mention]:
    kb = _KB
    if kb is None:
        raise RuntimeError("_find runs in the workers _find_all forks, once it has set _KB")
    return find_mentions(item[0], item[1], kb, today=today)


def _find_all(batch: list[tuple[Article, date | None]], kb: KnowledgeBase, jobs: int | None,
              today: date) -> Iterator[list[Mention]]:
    """The mentions of each article of `batch`, in order, found on `jobs` cores (all by
    default) when there are many articles. Workers are forked, so they share the knowledge
    base already loaded."""
    global _KB
    jobs = cores.workers(len(batch), PARALLEL_FROM, jobs)
    if jobs < 2:
        yield from (find_mentions(article, published, kb, today=today) for article, published in batch)
        return
    # The first article of each language is read here: the patterns it compiles on the way
    # are then shared by every worker instead of compiled again in each.
    first = {article.language: i for i, (article, _) in reversed(list(enumerate(batch)))}
    warm = {i: find_mentions(*batch[i], kb, today=today) for i in sorted(first.values())}
    rest = [item for i, item in enumerate(batch) if i not in warm]
    _KB = kb
    try:
        with cores.fork_context().Pool(jobs) as pool:
            found = pool.imap(partial(_find, today=today), rest, chunksize=4)
            for i in range(len(batch)):
                yield warm[i] if i in warm else next(found)
    finally:
        _KB = None


def read_mentions(paths: Iterable[Path], kb: KnowledgeBase, records_dir: Path,
                  result: ExtractResult, known: dict[str, str] | None = None,
                  progress: Callable[[list], Iterable] = iter, jobs: int | None = None, *,
                  today: date | None = None) -> tuple[list[Mention], dict[str, Source]]:
    """Every mention of every readable article in English or French, and their sources.
    `known` gives the id of each article of the run a source record already holds, by path;
    `progress` wraps the articles as they are read for incidents, on `jobs` processes.
    Nothing dated after `today` (by default, the day it runs) is kept."""
    today = today or date.today()
    read: list[Article] = []
    ids = ArticleIds(known or {}, records_dir)
    for path in paths:
        result.articles += 1
        article = _read_one(path, result, ids, today)
        if article is not None:
            read.append(article)
    open_years = {a.id: years for a in read if (years := years_left_open(a, today=today))}
    dated = {a.id: publication_date(a, today=today) for a in read if a.id not in open_years}
    days = sorted(d for d, _ in dated.values() if d is not None)
    near = days[len(days) // 2] if days else None  # the batch's median date settles open years
    batch = []
    for article in read:
        if article.id in open_years:
            continue
        published, origin = dated[article.id]
        if published is None:  # a year left open: the batch's, else the latest one past
            published, origin = publication_date(article, near or today, today=today)
        dated[article.id] = published, origin
        batch.append((article, published))
    told: dict[str, list[Mention]] = {}
    for (article, _), found in zip(progress(batch), _find_all(batch, kb, jobs, today), strict=True):
        told[article.id] = found
    others = [m for found in told.values() for m in found]
    for article in read:
        if article.id in open_years:
            dated[article.id], told[article.id] = _corroborated(article, open_years[article.id],
                                                                others, near, kb, today)
    read = [article for article in read if _within_limit(article, told[article.id], result)]
    sources: dict[str, Source] = {}
    for article in read:
        published, origin = dated[article.id]
        told[article.id] = _told_so_far(article, told[article.id], today, result)
        if published is not None and published > today:
            result.problems.append(Problem(display_path(article.path), None,
                                           f"the publication date read from its text, {published}, is "
                                           "still to come; left out", "warning"))
            published, origin = None, "unknown"
        if published is None:
            result.problems.append(Problem(display_path(article.path), None,
                                           "no publication date found (front matter, URL or text); "
                                           "dates relative to it are left out", "warning"))
        sources[article.id] = source_of(article, published, origin, records_dir)
    mentions = [m for article in read for m in told[article.id]]
    result.mentions = len(mentions)
    return mentions, sources


def _corroborated(article: Article, years: list[int], others: list[Mention], near: date | None,
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
        agree = sum(1 for m in found if m.explicit_date and m.known_date.days <= 2 and m.location and any(
            o.date is not None and o.date.overlaps(m.known_date) and o.location
            and places_agree(m.location, o.location, kb) for o in others))
        closeness = -abs((published - near).days) if near else published.toordinal()
        options.append((agree, closeness, (published, origin), found))
    if not options:
        return (None, "unknown"), []
    _, _, dated, found = max(options, key=lambda option: option[:2])
    return dated, found


class ArticleIds:
    """The source id of each article of a run: the one its source record has (found by its
    path), else its file name as a slug, followed by -2, -3... when an earlier article of the
    run or another article's record has it. Articles come in file-name order, so every run
    gives every article the same id."""

    def __init__(self, known: dict[str, str], records_dir: Path):
        self.known = known  # path -> id, from the source records
        self.records_dir = records_dir
        self.taken: dict[str, str] = {rid: path for path, rid in known.items()}  # id -> path

    def assign(self, article: Article) -> str | None:
        """The article's id; None when it differs from the one its file name gives."""
        path = source_path(article.path, self.records_dir)
        if path in self.known:
            article.id = self.known[path]
            return None
        base, n = article.id, 2
        while article.id in self.taken and self.taken[article.id] != path:
            article.id, n = f"{base}-{n}", n + 1
        self.taken[article.id] = path
        if article.id == base:
            return None
        return (f"the id '{base}' is already that of {self.taken[base]}; "
                f"this article's source is '{article.id}'")


def _told_so_far(article: Article, mentions: list[Mention], today: date,
                 result: ExtractResult) -> list[Mention]:
    """The mentions of incidents that had begun by today; one dated later ("On 12 March 2099")
    is left out with a warning, as no record may be dated in the future."""
    kept = []
    for m in mentions:
        if m.date is not None and m.date.start > today:
            result.problems.append(Problem(display_path(article.path), None,
                                           f"tells of an incident on {m.date.start}, a day still to "
                                           "come; left out", "warning"))
        else:
            kept.append(m)
    return kept


def _within_limit(article: Article, mentions: list[Mention], result: ExtractResult) -> bool:
    """Whether an article tells no more incidents than limits.yml allows; else a problem."""
    most = limits().max_events_per_article
    if len(mentions) <= most:
        return True
    result.problems.append(Problem(display_path(article.path), None,
                                   f"tells of {len(mentions):,} incidents, more than the {most:,} an "
                                   "article may (max_events_per_article in builder/extract/limits.yml); "
                                   "split it into several articles"))
    result.skipped += 1
    return False


def _read_one(path: Path, result: ExtractResult, ids: ArticleIds, today: date) -> Article | None:
    """An article in English or French, or None with the reason recorded as a problem."""
    try:
        article = read_article(path, today=today)
    except ArticleError as e:
        result.problems.append(Problem(display_path(path), e.line, e.message))
        result.skipped += 1
        return None
    result.problems += [Problem(display_path(path), line, message, "warning")
                        for line, message in article.warnings]
    if article.language not in LANGUAGES:
        language = article.language or "undetermined"
        result.problems.append(Problem(display_path(path), None,
                                       f"the article is in language '{language}'; only English (en) "
                                       "and French (fr) are read, so no events were extracted",
                                       "warning"))
        result.skipped += 1
        return None
    if note := ids.assign(article):
        result.problems.append(Problem(display_path(path), None, note, "warning"))
    return article


# --- incidents to events ----------------------------------------------------------------


def _titles() -> dict[str, Any]:
    """The titles of lexicon/titles.yml, checked to give every sub-event type a `what` and a
    `preposition` (and names by weapon as a mapping)."""
    path = LEXICON_DIR / "titles.yml"
    titles = read_lexicon(path)
    for sub_type in vocabulary().sub_event_types:
        entry = titles.get(sub_type)
        if not isinstance(entry, dict) or not isinstance(entry.get("by_weapon", {}), dict) \
                or not all(isinstance(entry.get(k), str) for k in ("what", "preposition")):
            raise LexiconError(f"{path}: {sub_type}: missing or incomplete, expected its `what` and "
                               "`preposition` (and `by_weapon`, a mapping, if any)")
    return titles


def title_for(sub_event_type: str, weapons: dict[str, int | None], place: str | None,
              titles: dict[str, Any]) -> str:
    """"Rocket attack on Camp Taji", "Arrests in Baghdad", "Drone strike"."""
    entry = titles[sub_event_type]
    what = entry["what"]
    for name in weapons:
        if name.lower() in entry.get("by_weapon", {}):
            what = entry["by_weapon"][name.lower()]
            break
    return f"{what} {entry['preposition']} {place}" if place else what


def _weapons(by_article: dict[str, Mention]) -> list[Weapon]:
    names: dict[str, list[int]] = {}
    for m in by_article.values():
        for name, count in m.weapons.items():
            names.setdefault(name, [])
            if count is not None:
                names[name].append(count)
    out = []
    for name, counts in names.items():
        best = Toll.from_figures(counts)
        out.append(Weapon(name, best.best if best else None))
    return out


def _summary(by_article: dict[str, Mention], sources: dict[str, Source]) -> str:
    """The draft's summary: the first sentence an English source gives of it, else any."""
    ordered = sorted(by_article.values(), key=lambda m: (
        sources[m.article].language != "en" if m.article in sources else True, m.article))
    return ordered[0].quotes[0] if ordered and ordered[0].quotes else ""


def new_event(inc: Incident, places: Places, chron: Chronology, sources: dict[str, Source],
              titles: dict[str, Any]) -> Event | None:
    """A draft event for an incident no record holds yet (None when its type is unknown)."""
    sub_type = resolved_type(inc)
    if sub_type is None:
        return None
    event_type = vocabulary().event_type_of(sub_type)
    if event_type is None:  # the lexicons are checked, as they load, to name only these types
        raise LexiconError(f"'{sub_type}', a sub-event type the lexicons give, is not one of "
                           "builder/vocab/event_types.yml")
    span, time = resolved_date(inc)
    location = resolved_location(inc, places.ancestors, places.vague)
    by_article = per_article(inc)
    refs = [SourceRef(a, m.quotes, m.killed, m.injured) for a, m in by_article.items()]
    place_name = chron.locations[location].name if location in chron.locations else None
    weapons = _weapons(by_article)
    title = title_for(sub_type, {w.name: w.count for w in weapons}, place_name, titles)
    return Event(
        id=_unique_id(f"{span.start.isoformat()}-{slugify(title)}", chron),
        title=title,
        event_type=event_type,
        sub_event_type=sub_type,
        date=span,
        time=time,
        location=location,
        actors=resolved_actors(inc),
        fatalities=Toll.from_figures([r.fatalities for r in refs if r.fatalities is not None]),
        injured=Toll.from_figures([r.injured for r in refs if r.injured is not None]),
        weapons=weapons,
        summary=_summary(by_article, sources),
        sources=refs,
        status="draft",
    )


def _unique_id(base: str, chron: Chronology) -> str:
    candidate, n = base, 2
    while candidate in chron.events:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def updated_event(ev: Event, inc: Incident, places: Places) -> Event | None:
    """A draft event with the new sources an incident brings and its empty fields filled;
    None when nothing changes. Values already there are never replaced."""
    known = {s.article for s in ev.sources}
    fresh = {a: m for a, m in per_article(inc).items() if a not in known}
    if not fresh:
        return None
    changed = Event.from_dict(ev.to_dict())
    changed.sources += [SourceRef(a, m.quotes, m.killed, m.injured) for a, m in fresh.items()]

    def figures(name: str) -> list[int]:
        return [getattr(s, name) for s in changed.sources if getattr(s, name) is not None]

    if changed.fatalities is None:
        changed.fatalities = Toll.from_figures(figures("fatalities"))
    if changed.injured is None:
        changed.injured = Toll.from_figures(figures("injured"))
    if changed.location is None:
        changed.location = resolved_location(inc, places.ancestors, places.vague)
    if changed.time is None:
        changed.time = resolved_date(inc)[1] if resolved_date(inc)[0] == changed.date else None
    if not changed.actors:
        changed.actors = resolved_actors(inc)
    if not changed.weapons:
        changed.weapons = _weapons(fresh)
    return changed


def relations_of(inc: Incident, event_of: dict[int, Event]) -> list[Relation]:
    """The relations an incident's mentions give, to the events the related mentions became."""
    out: list[Relation] = []
    own = event_of.get(id(inc))
    for m in inc.mentions:
        for rtype, other in m.relations:
            target = event_of.get(id(other))
            if target is not None and own is not None and target.id != own.id:
                rel = Relation(rtype, target.id)
                if rel not in out:
                    out.append(rel)
    return out


# --- knowledge base entities ------------------------------------------------------------


def place_of_candidate(m: Mention, kb: KnowledgeBase, chron: Chronology, places: Places,
                       created: dict[str, Location]) -> None:
    """Give a mention of a place the base lacks a draft location record of its own."""
    candidate = m.new_place
    if candidate is None:
        return
    loc_id = id_from(candidate.name, "place")
    known = chron.locations.get(loc_id) or kb.locations.get(loc_id) or created.get(loc_id)
    if known is None:
        parent = m.location
        above = (chron.locations.get(parent) or kb.locations.get(parent)) if parent else None
        country = above.country if above is not None else None
        name = _place_name(candidate)
        known = Location(id=loc_id, name=name, kind=candidate.kind, parent=parent,
                         aliases={"und": [candidate.name]} if candidate.name != name else {},
                         country=country, status="draft",
                         description="Added by extraction: check the name, parent and coordinates.")
        created[loc_id] = known
        places.add(known)
    m.location = known.id


_DETERMINER = re.compile(r"^(?:the|a|an|le|la|les|l'|l’)\s*", re.IGNORECASE)


def _place_name(candidate) -> str:
    """A new place's name as the article gives it, with its kind ("Camp Loyalty", "Kalsu air base")."""
    return _DETERMINER.sub("", candidate.text.strip()) or candidate.name


def ensure_entities(chron: Chronology, kb: KnowledgeBase, events: list[Event],
                    created: dict[str, Location]) -> list[tuple[str, Actor | Location]]:
    """The actor and location records the events need that the records lack, with the
    places above them and the actors they are affiliated with."""
    wanted_actors = [a.actor for ev in events for a in ev.actors] + \
                    [b for ev in events for a in ev.actors for b in a.blamed_by]
    wanted_places = [ev.location for ev in events if ev.location]
    out: list[tuple[str, Actor | Location]] = []
    while wanted_actors:
        actor_id = wanted_actors.pop()
        if actor_id in chron.actors or actor_id not in kb.actors:
            continue
        actor = kb.actors[actor_id]
        chron.add("actors", actor)
        out.append(("actors", actor))
        wanted_actors += [a.actor for a in actor.affiliations]
    while wanted_places:
        loc_id = wanted_places.pop()
        if loc_id in chron.locations:
            continue
        loc = created.get(loc_id) or kb.locations.get(loc_id)
        if loc is None:
            continue
        chron.add("locations", loc)
        out.append(("locations", loc))
        if loc.parent:
            wanted_places.append(loc.parent)
    return out


# --- the run ----------------------------------------------------------------------------


def extract(articles_dir: Path, records_dir: Path, kb: KnowledgeBase | None = None,
            progress: Callable[[list], Iterable] = iter, jobs: int | None = None, *,
            today: date | None = None) -> ExtractResult:
    """Read every article of `articles_dir` and create or update the records in `records_dir`,
    on `jobs` processes (one per core by default). `today` (by default, the day it runs) is
    the day nothing may be dated after, and the one dates without a year are read against
    when an article gives nothing else to read them by. The run holds the records folder's
    lock, and what it writes goes in as one batch (records/batch.py)."""
    with batch.writing(records_dir) as run:
        return _extract(articles_dir, run, kb, progress, jobs, today or date.today())


def _extract(articles_dir: Path, run: batch.Batch, kb: KnowledgeBase | None,
             progress: Callable[[list], Iterable], jobs: int | None, today: date) -> ExtractResult:
    records_dir = run.records_dir
    result = ExtractResult()
    kb = kb or load_knowledge()
    chron, problems = run.load(today)
    result.problems += problems
    if errors(problems):
        result.stopped = True
        return result
    places = Places(kb, chron)
    paths = find_articles(articles_dir)
    in_run = {source_path(path, records_dir) for path in paths}
    known = {s.path: s.id for s in chron.sources.values() if s.path in in_run}
    mentions, sources = read_mentions(paths, kb, records_dir, result, known, progress, jobs, today=today)
    created: dict[str, Location] = {}
    for m in mentions:
        place_of_candidate(m, kb, chron, places, created)
    incidents = cluster(mentions, list(chron.events.values()), places.ancestors, Kin(kb, chron),
                        places.vague)
    _write_sources(sources, chron, run, result)
    known_places = {**{loc.id: loc for loc in kb.locations.values()}, **created, **chron.locations}
    before = {ev.id: ev for ev in chron.events.values()}
    event_of = _draft_events(incidents, chron, places, sources, known_places)
    for inc in incidents:
        ev = event_of.get(id(inc))
        if ev is not None and ev.status == "draft":
            ev.relations += [r for r in relations_of(inc, event_of) if r not in ev.relations]
    for ev in event_of.values():
        if ev.id not in before:
            run.save("events", ev)
            result.new_events.append(ev.id)
        elif ev is not before[ev.id] and run.update("events", before[ev.id], ev):
            result.updated_events.append(ev.id)
    for kind, record in ensure_entities(chron, kb, list(event_of.values()), created):
        run.save(kind, record)
        result.new_entities.append(f"{kind}/{record.id}")
    result.problems += run.commit()
    return result


def _write_sources(sources: dict[str, Source], chron: Chronology, run: batch.Batch,
                   result: ExtractResult) -> None:
    for source in sources.values():
        if source.id in chron.sources:
            continue
        chron.add("sources", source)
        run.save("sources", source)
        result.new_sources.append(source.id)


def _draft_events(incidents: list[Incident], chron: Chronology, places: Places,
                  sources: dict[str, Source], known_places: dict[str, Location]) -> dict[int, Event]:
    """The event of every incident: a new draft, a draft with new sources, or the record as
    it is (reviewed and rejected events are never changed)."""
    titles = _titles()
    view = Chronology(locations=known_places, events=chron.events)
    event_of: dict[int, Event] = {}
    ordered = sorted(incidents, key=lambda inc: (inc.existing is None, inc.date.start, inc.date.end,
                                                 min((m.article, m.order) for m in inc.mentions)
                                                 if inc.mentions else ("", 0)))
    for inc in ordered:
        if inc.existing is not None:
            changed = None
            if inc.existing.status == "draft" and inc.mentions:
                changed = updated_event(inc.existing, inc, places)
            event_of[id(inc)] = changed or inc.existing
        else:
            ev = new_event(inc, places, view, sources, titles)
            if ev is not None:
                event_of[id(inc)] = ev
        if id(inc) in event_of:
            chron.events[event_of[id(inc)].id] = event_of[id(inc)]
    return event_of
