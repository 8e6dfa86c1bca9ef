"""The extraction run: a folder of articles in, draft records out, merged into the records.

New incidents become draft events; a new article about a known incident becomes a new source
of its event and fills the fields it left empty; reviewed and rejected events are never
changed. Actors and places come from the knowledge base, copied into the records as events
need them; a place the base lacks becomes a draft location with no coordinates.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from .. import cores
from ..gazetteer.cache import open_gazetteer
from ..gazetteer.locate import Placer
from ..records import batch
from ..records.folder import Chronology
from ..records.model import Location, Source
from ..records.problems import Problem, display_path, errors
from .articles import Article, ArticleError, find_articles, limits, read_article
from .drafts import Places, draft_events, ensure_entities, place_of_candidate, relations_of
from .knowledge import KnowledgeBase, load_knowledge
from .lexicon import LANGUAGES
from .mentions import find_mentions
from .merge import cluster
from .published import anchored, corroborated, publication_date, years_left_open
from .reading import Mention


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
                  today: date | None = None, published: date | None = None
                  ) -> tuple[list[Mention], dict[str, Source]]:
    """Every mention of every readable article in English or French, and their sources.
    `known` gives the id of each article of the run a source record already holds, by path;
    `progress` wraps the articles as they are read for incidents, on `jobs` processes.
    Nothing dated after `today` (by default, the day it runs) is kept; `published`, when
    given, is every article's publication date."""
    today = today or date.today()
    read: list[Article] = []
    ids = ArticleIds(known or {}, records_dir)
    for path in paths:
        result.articles += 1
        article = _read_one(path, result, ids, today)
        if article is not None:
            if published is not None:
                article.published, article.published_from = published, "maintainer"
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
            dated[article.id], told[article.id] = corroborated(article, open_years[article.id],
                                                                others, near, kb, today)
    undated = {a.id for a in read if dated[a.id][0] is None}
    anchors = [m for m in others if m.article not in undated]
    for article in read:
        if article.id in undated:
            dated_by_others, found = anchored(article, anchors, kb, today)
            if dated_by_others[0] is not None:
                dated[article.id], told[article.id] = dated_by_others, found
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
            result.problems.append(_undated(article, told[article.id], kb, today))
        elif origin == "inferred" and article.id in undated:
            result.problems.append(Problem(
                display_path(article.path), None,
                f"no publication date found (front matter, address or text); {published} was inferred "
                "from the incidents other articles tell at the places it names: if it is wrong, give "
                "the date as `published: YYYY-MM-DD` in its front matter or with `extract --published`",
                "warning"))
        sources[article.id] = source_of(article, published, origin, records_dir)
    mentions = [m for article in read for m in told[article.id]]
    result.mentions = len(mentions)
    return mentions, sources


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


def _undated(article: Article, kept: list[Mention], kb: KnowledgeBase, today: date) -> Problem:
    """The warning for an article no date could be found or inferred for: how many incidents
    it tells were left out for want of one, and how to give it."""
    lost = len(find_mentions(article, today, kb, today=today)) - len(kept)
    what = (f"{lost} incident{'s' if lost != 1 else ''} it dates relative to it "
            f"{'were' if lost != 1 else 'was'} left out" if lost > 0 else "dates relative to it are left out")
    return Problem(display_path(article.path), None,
                   f"no publication date found (front matter, address or text) and no other article "
                   f"tells its incidents, so {what}; give the date as `published: YYYY-MM-DD` in its "
                   "front matter, or with `extract --published YYYY-MM-DD`", "warning")


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


# --- the run ----------------------------------------------------------------------------


def extract(articles_dir: Path, records_dir: Path, kb: KnowledgeBase | None = None,
            progress: Callable[[list], Iterable] = iter, jobs: int | None = None, *,
            today: date | None = None, published: date | None = None) -> ExtractResult:
    """Read every article of `articles_dir` (a folder, or one article's file) and create or
    update the records in `records_dir`, on `jobs` processes (one per core by default).
    `today` (by default, the day it runs) is the day nothing may be dated after, and the one
    dates without a year are read against when an article gives nothing else to read them by.
    `published` is the publication date a maintainer gives the articles, over any they give.
    The run holds the records folder's lock, and what it writes goes in as one batch
    (records/batch.py)."""
    with batch.writing(records_dir) as run:
        return _extract(articles_dir, run, kb, progress, jobs, today or date.today(), published)


def _extract(articles_dir: Path, run: batch.Batch, kb: KnowledgeBase | None, progress: Callable[[list], Iterable],
             jobs: int | None, today: date, published: date | None) -> ExtractResult:
    records_dir = run.records_dir
    result = ExtractResult()
    kb = kb or load_knowledge()
    chron, problems = run.load(today)
    result.problems += problems
    if errors(problems):
        result.stopped = True
        return result
    places = Places(kb, chron)
    paths = [articles_dir] if articles_dir.is_file() else find_articles(articles_dir)
    in_run = {source_path(path, records_dir) for path in paths}
    known = {s.path: s.id for s in chron.sources.values() if s.path in in_run}
    mentions, sources = read_mentions(paths, kb, records_dir, result, known, progress, jobs, today=today,
                                      published=published)
    created: dict[str, Location] = {}
    placer = Placer(places.locations, open_gazetteer)
    around: dict[str, list[str]] = {}
    for m in mentions:
        if m.location:
            around.setdefault(m.article, []).append(m.location)
    for m in mentions:
        place_of_candidate(m, kb, chron, places, created, placer, around.get(m.article, []))
    incidents = cluster(mentions, list(chron.events.values()), places.ancestors, Kin(kb, chron),
                        places.vague, places.specificity)
    _write_sources(sources, chron, run, result)
    known_places = {**{loc.id: loc for loc in kb.locations.values()}, **created, **chron.locations}
    before = {ev.id: ev for ev in chron.events.values()}
    event_of = draft_events(incidents, chron, places, sources, known_places)
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
