"""A chronology published as a site per year and a hub (`build --by-year`), for chronologies
one MkDocs build can no longer take in one go: each site is a project of its own under the
sites folder (its docs/, its mkdocs.yml inheriting the chronology's, its site/), built by an
MkDocs run of its own, so that `make -j` or a CI job matrix builds them side by side, and an
edit builds again only its year's site and the hub. The hub holds the home page, the calendar,
changes and downloads of the whole chronology; a year's site, the year's events with the
actors, places and sources they cite. Links between sites are made and checked at rendering
(urls.Sites), and `assemble` puts the sites together into one tree: the hub at its root, each
year in the folder named by it.
"""

from __future__ import annotations

import filecmp
import multiprocessing
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import cores
from ..records import batch, validate
from ..records.folder import Chronology, record_paths
from ..records.problems import errors
from . import build, publish, state, urls
from .settings import Extra
from .view import SiteView

SITES_DIR = "sites"
PUBLIC = "public"  # the assembled tree
NOT_FOUND = "404.html"
MAKEFILE = """\
# Written by `python -m builder build --by-year`: each site of the chronology is an MkDocs
# build of its own, so `make -j` (or a CI job matrix, one job a site) builds them side by
# side; `make public` puts them together, the hub at the root and each year in its folder.
MKDOCS ?= {python} -m mkdocs
SITES := {sites}

all: $(SITES)

$(SITES):
\tcd $@ && $(MKDOCS) build --strict --quiet

public: all
\t{python} -m builder assemble --sites .

.PHONY: all public $(SITES)
"""


@dataclass
class SiteOutcome:
    """What one site's rendering did."""

    name: str
    docs_dir: Path
    result: build.BuildResult


def years_of(chron: Chronology) -> list[int]:
    """The years the chronology's published events began in."""
    return sorted({e.date.start.year for e in chron.published_events()})


def year_chronology(chron: Chronology, year: int) -> Chronology:
    """The chronology's events of `year` (every other record kept): what its downloads hold."""
    kept = {i: e for i, e in chron.events.items() if e.date.start.year == year}
    return Chronology(kept, chron.actors, chron.locations, chron.sources, chron.files)


def site_names(chron: Chronology) -> list[str]:
    return [urls.HUB, *(str(y) for y in years_of(chron))]


def render_sites(records_dir: Path, config_file: Path, out_dir: Path, docs_dir: Path, site_url: str | None,
                 extra: Extra, only_reviewed: bool = False,
                 progress: Callable[[Iterable, int], Iterable] = lambda items, total: items) -> list[SiteOutcome]:
    """Validate the records once and render the hub and every year's site into `out_dir`,
    each with the hand-written pages of `docs_dir` and an mkdocs.yml of its own; also the
    Makefile that builds them. Nothing is rendered when a record has an error."""
    made_with = state.version(f"{site_url}\n{only_reviewed}\n{extra!r}\nby year")
    memory = out_dir / urls.HUB / "docs"
    with batch.reading(records_dir) as recovered:
        paths = record_paths(records_dir)
        inputs, past = build.read_inputs(records_dir, paths)
        cache = state.load_records(memory, made_with)
        chron, problems = validate.load(records_dir, cache=cache, paths=paths, states=inputs)
    problems[:0] = recovered
    state.save_records(memory, made_with, cache)
    if errors(problems):
        return [SiteOutcome(urls.HUB, memory, build.BuildResult(problems=problems, chronology=chron))]
    if only_reviewed:
        chron = chron.without_drafts()
    event_years = {e.id: e.date.start.year for e in chron.published_events()}
    years = frozenset(event_years.values())
    names = site_names(chron)
    out = []
    for name in names:
        site_docs = out_dir / name / "docs"
        copied = _copy_hand_written(docs_dir, site_docs)
        _write_config(out_dir / name, config_file, name, site_url, names)
        sites = urls.Sites(name, event_years, years)
        address = f"{site_url.rstrip('/')}/{sites.folder(name)}" if site_url else None
        view = SiteView(chron, site_url=address, history=past, extra=extra, sites=sites)
        downloads = chron if name == urls.HUB else year_chronology(chron, int(name))
        last = state.load_outputs(site_docs)
        result = build.BuildResult(problems=list(problems), chronology=chron)
        if last and last.version == made_with and last.inputs == inputs and state.intact(last, site_docs):
            result.rendered, result.ok = build.render.RenderResult(unchanged=len(last.pages), pages=last.pages), True
        else:
            build.render_site(view, downloads, site_docs, made_with, inputs, last, result, progress)
        if result.rendered is not None:
            result.rendered.written += copied
        out.append(SiteOutcome(name, site_docs, result))
        if not result.ok:
            break
    (out_dir / "Makefile").write_text(MAKEFILE.format(python=sys.executable, sites=" ".join(names)),
                                      encoding="utf-8")
    return out


def _copy_hand_written(docs_dir: Path, site_docs: Path) -> list[str]:
    """The hand-written pages and assets of docs/ into a site's docs/ (those that changed):
    the paths copied."""
    copied = []
    skip = {*urls.GENERATED, urls.CACHE_DIR}
    for folder, dirs, names in os.walk(docs_dir):
        rel = Path(folder).relative_to(docs_dir)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in skip]
            names = [n for n in names if n not in skip]
        for name in names:
            source, target = Path(folder) / name, site_docs / rel / name
            if not target.exists() or not filecmp.cmp(source, target, shallow=False):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                copied.append((rel / name).as_posix())
    return copied


def _write_config(site: Path, config_file: Path, name: str, site_url: str | None, names: list[str]) -> None:
    """A site's mkdocs.yml: the chronology's, inherited, with the site's name, address and
    navigation (the hub's has no actors, places or sources: each year's site has its own)."""
    inherit = os.path.relpath(config_file.resolve(), site.resolve())
    lines = [f"INHERIT: {inherit}", "docs_dir: docs", "site_dir: site"]
    if site_url:
        lines.append(f"site_url: {site_url.rstrip('/')}/{'' if name == urls.HUB else name + '/'}")
    if name == urls.HUB:
        lines += ["nav:", "  - Home: index.md", "  - Chronology: chronology/index.md",
                  "  - Downloads: downloads/index.md", "  - About:", "      - About: about.md",
                  "      - Changes: chronology/changes.md", "      - Corrections: corrections.md",
                  "      - Licence: licence.md", "      - Editing records: editing.md",
                  "      - Performance: performance.md"]
    text = "# Written by `python -m builder build --by-year`: edit the chronology's mkdocs.yml instead.\n"
    text += "\n".join(lines) + "\n"
    path = site / "mkdocs.yml"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def unchanged(site: SiteOutcome) -> bool:
    """Whether a site needs no build: its rendering left its docs/ as its last good build had
    them (nothing written or removed), whose stamp says it was made with what it is now."""
    rendered = site.result.rendered
    if rendered is None or rendered.written or rendered.removed:
        return False
    settings = build.read_config(site.docs_dir.parent / "mkdocs.yml")
    return settings.site is not None and (settings.site.site_dir / "sitemap.xml").is_file() \
        and publish.stamped(settings.site)


def _build_one(site: Path) -> tuple[str, bool, str, bool]:
    from .build import read_config

    settings = read_config(site / "mkdocs.yml")
    assert settings.site is not None
    ok, output, incremental = publish.build_site(settings.site)
    return site.name, ok, output, incremental


def build_sites(out_dir: Path, names: list[str], jobs: int | None = None) -> list[tuple[str, bool, str, bool]]:
    """Build the sites `names` with MkDocs, each in a fresh process of its own (which holds
    only its site, not this process's chronology), several at once."""
    sites = [out_dir / name for name in names]
    if not sites:
        return []
    workers = min(len(sites), jobs or cores.available())
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_build_one, sites))


def assemble(out_dir: Path, public: Path | None = None) -> Path:
    """Put the built sites together into one tree: the hub's site at its root, each year's in
    the folder named by it; files are hard-linked where the file system allows, and a file no
    site has any more is removed."""
    public = public or out_dir / PUBLIC
    wanted: dict[Path, Path] = {}
    for site in sorted(p for p in out_dir.iterdir() if (p / "site").is_dir()):
        into = public if site.name == urls.HUB else public / site.name
        for folder, _, files in os.walk(site / "site"):
            for name in files:
                source = Path(folder) / name
                rel = source.relative_to(site / "site")
                if site.name != urls.HUB and rel.as_posix() == NOT_FOUND:
                    continue  # the published tree has one page for an address it lacks: the hub's
                wanted[into / rel] = source
    for target, source in wanted.items():
        try:
            if target.exists() and os.path.samefile(target, source):
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
    for folder, _, files in os.walk(public, topdown=False):
        for name in files:
            if Path(folder) / name not in wanted:
                os.unlink(Path(folder) / name)
        if not os.listdir(folder) and Path(folder) != public:
            os.rmdir(folder)
    return public
