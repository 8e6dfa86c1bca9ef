"""The benchmark: a synthetic chronology of N events built in a temporary folder, step by step,
each step a real `python -m builder` (or `mkdocs`) command in its own process, timed, with its
peak memory, and the files each run wrote counted on disk rather than taken from the tool.

The figures answer the scale targets of the project: extraction speed, validation, a clean
render, a render with nothing changed, a render after one edited toll, the MkDocs build, and
how the site and its search index grow with the chronology.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import render

ROOT = Path(__file__).resolve().parent.parent
GENERATED = (render.HOME, *render.GENERATED_DIRS, "downloads")


@dataclass
class Run:
    """One command's wall time and peak resident memory."""

    seconds: float
    peak_mb: float
    stderr: str


def run(cmd: list[str], cwd: Path) -> Run:
    """Run `cmd` to completion; its own peak memory comes from the kernel's accounting of it."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed with status {proc.returncode}:\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, stderr)


def builder(*args: str) -> list[str]:
    return [sys.executable, "-m", "builder", *args]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its modification time and size."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            out[path.relative_to(folder).as_posix()] = (st.st_mtime_ns, st.st_size)
    return out


def changed(before: dict, after: dict) -> int:
    """How many files were written, added or removed between two snapshots."""
    return sum(1 for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def project(work: Path) -> Path:
    """A project folder to build in: the repository's mkdocs.yml and hand-written docs/."""
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns(*GENERATED, ".*"))
    return work


def edit_one_toll(records_dir: Path) -> Path:
    """Change the toll of the middle event, as a maintainer would by hand."""
    events = sorted((records_dir / "events").glob("*.yml"))
    path = events[len(events) // 2]
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(r"^fatalities: (\d+)$", lambda m: f"fatalities: {int(m[1]) + 1}", text, count=1, flags=re.M)
    if not n:
        new = text.rstrip("\n") + "\nfatalities: 1\n"
    path.write_text(new, encoding="utf-8")
    return path


def _size(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def measure(events: int, articles: int = 200, jobs: int | None = None, mkdocs: bool = True,
            keep: Path | None = None) -> dict:
    """Build a chronology of `events` synthetic events and measure every step."""
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=keep)) if keep else Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        return _measure(work, events, articles, jobs, mkdocs)
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _measure(work: Path, events: int, articles: int, jobs: int | None, mkdocs: bool) -> dict:
    project(work)
    peaks: dict[str, float] = {}

    def step(name: str, cmd: list[str]) -> Run:
        result = run(cmd, work)
        peaks[name] = round(max(peaks.get(name, 0), result.peak_mb))
        return result

    step("synth", builder("synth", "--records", str(events), "--out", "records"))
    step("synth", builder("synth", "--articles", str(articles), "--out", "articles"))
    job_args = ["--jobs", str(jobs)] if jobs else []
    extracted = step("extract", builder("extract", "--articles", "articles", "--records", "extracted", *job_args))
    validated = step("validate", builder("validate", "--records", "records"))
    render_cmd = builder("build", "--no-extract", "--no-mkdocs", "--records", "records", "--config", "mkdocs.yml")
    clean = step("render", render_cmd)
    before = snapshot(work / "docs")
    noop = step("render", render_cmd)
    after_noop = snapshot(work / "docs")
    edited = edit_one_toll(work / "records")
    one = step("render", render_cmd)
    after_one = snapshot(work / "docs")
    step("export", builder("export", "--records", "records", "--format", "json", "--output", "export.json"))
    figures = {
        "events": events,
        "extract_articles_per_s": round(articles / extracted.seconds, 1),
        "validate_s": round(validated.seconds, 2),
        "render_s": round(clean.seconds, 2),
        "noop_render_s": round(noop.seconds, 2),
        "noop_files_written": changed(before, after_noop),
        "one_edit_render_s": round(one.seconds, 2),
        "one_edit_files_written": changed(after_noop, after_one),
        "one_edit_event": edited.stem,
        "pages": sum(1 for _ in (work / "docs").rglob("*.md")),
    }
    if mkdocs:
        built = step("mkdocs", [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                "--config-file", "mkdocs.yml", "--site-dir", "site"])
        site = work / "site"
        figures.update({
            "mkdocs_build_s": round(built.seconds, 1),
            "site_mb": round(_size(site) / 2**20, 1),
            "search_index_mb": round(_size(site / "search") / 2**20, 2),
            "html_kb_per_event": round(_size(site, "*.html") / 1024 / events, 1),
        })
    figures["peak_rss_mb"] = max(peaks.values())
    figures["peak_rss_mb_by_command"] = peaks
    return figures
