"""The build: valid records become pages and downloads under docs/, then MkDocs makes site/.

Nothing is rendered from a chronology with errors, so a broken record never half-publishes.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import export, feeds, render, validate
from .problems import Problem, errors
from .records import Chronology
from .yamlio import write_atomic

DOWNLOADS = "downloads"


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    rendered: render.RenderResult | None = None
    chronology: Chronology | None = None
    mkdocs_output: str = ""
    ok: bool = False


@dataclass(frozen=True)
class SiteConfig:
    """What the build needs from mkdocs.yml: where the pages go and where the site is published."""

    docs_dir: Path
    site_url: str | None


def read_config(config_file: Path) -> SiteConfig:
    """Read mkdocs.yml as MkDocs does (relative docs_dir, !ENV tags)."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return SiteConfig(Path(config["docs_dir"]), config["site_url"] or None)


def write_downloads(chron: Chronology, docs_dir: Path) -> list[str]:
    """Write the JSON, CSV and GeoJSON exports where the site links them; returns those changed."""
    changed = []
    for fmt in export.FORMATS:
        rel = f"{DOWNLOADS}/{export.FILE_NAMES[fmt]}"
        if write_atomic(docs_dir / rel, export.export(chron, fmt)):
            changed.append(rel)
    return changed


def write_feeds(chron: Chronology, docs_dir: Path, site_url: str | None = None) -> list[str]:
    """Write the Atom feed and the TimelineJS JSON; returns those changed. Their links are
    absolute when `site_url` (the published address) is given, else relative to each file."""
    view = render.SiteView(chron, site_url=site_url)
    changed = []
    for rel, text in ((feeds.FEED_FILE, feeds.atom_feed(view, site_url)),
                      (feeds.TIMELINE_FILE, feeds.timeline_json(view, site_url))):
        if write_atomic(docs_dir / rel, text):
            changed.append(rel)
    return changed


def render_docs(records_dir: Path, docs_dir: Path, site_url: str | None = None) -> BuildResult:
    """Validate the records and, if they hold no error, render pages, downloads and feeds."""
    chron, problems = validate.load(records_dir)
    result = BuildResult(problems=problems, chronology=chron)
    if errors(problems):
        return result
    result.rendered = render.render(chron, docs_dir, site_url)
    result.problems += result.rendered.problems
    if errors(result.problems):
        return result
    result.rendered.written += write_downloads(chron, docs_dir)
    result.rendered.written += write_feeds(chron, docs_dir, site_url)
    result.ok = True
    return result


def run_mkdocs(config_file: Path, site_dir: Path | None, quiet: bool = True) -> tuple[bool, str]:
    """`mkdocs build --strict`: any broken link or anchor fails the build."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file)]
    if site_dir is not None:
        cmd += ["--site-dir", str(site_dir)]
    if quiet:
        cmd.append("--quiet")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return proc.returncode == 0, (proc.stdout + proc.stderr).strip()
