"""The benchmark: a synthetic chronology of N events built in a temporary folder, step by step,
each step a real `python -m builder` (or `mkdocs`) command in its own process, timed, with its
peak memory, and the files each run wrote counted on disk rather than taken from the tool.

The figures answer the scale targets of the project: extraction speed, validation, a clean
render, a render with nothing changed, a render after one edited toll, the MkDocs build and
MkDocs' floor (as many plain pages), publishing one edited toll (render and site), the live
preview's time from a saved edit to the reloaded page and its CPU while idle, and how the site
and its search index grow with the chronology.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..site import pages, render, urls

ROOT = Path(__file__).resolve().parents[2]


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
        if path.is_file() and urls.CACHE_DIR not in path.parts:
            st = path.stat()
            out[path.relative_to(folder).as_posix()] = (st.st_mtime_ns, st.st_size)
    return out


def changed(before: dict, after: dict) -> int:
    """How many files were written, added or removed between two snapshots."""
    return sum(1 for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def project(work: Path) -> Path:
    """A project folder to build in: the repository's mkdocs.yml and hand-written docs/."""
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns(*urls.GENERATED, ".*"))
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


def _toll(path: Path) -> int:
    found = re.search(r"^fatalities: (\d+)$", path.read_text(encoding="utf-8"), flags=re.M)
    return int(found[1]) if found else 0


@dataclass
class Preview:
    """What the live preview did: from a saved edit to the browser told to reload, the page
    then served with the edit, and the CPU it used while nothing changed."""

    edit_to_reload_s: float
    idle_cpu_percent: float
    peak_mb: float


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_preview(work: Path, idle_seconds: float = 10.0, edits: int = 3) -> Preview:
    """Start `python -m builder serve` on the project in `work`, wait for its site, then edit
    one toll `edits` times: each time, from the file written to the livereload poll answering
    (the browser reloads then) with the page showing the new toll. The median is kept."""
    port = _free_port()
    cmd = builder("serve", "--no-extract", "--records", "records", "--config", "mkdocs.yml", "--port", str(port))
    proc = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert proc.stderr is not None
        for line in proc.stderr:  # its first build: every page
            if line.startswith("watching"):
                break
        else:
            raise RuntimeError(f"{' '.join(cmd)} stopped before serving")
        threading.Thread(target=lambda: [None for _ in proc.stderr or ()], daemon=True).start()
        path = edit_one_toll(work / "records")
        page = base + urls.address(f"{path.parent.name}/{path.stem}.md")
        time.sleep(2)  # the edit's own round, before the measured ones
        waits = []
        for _ in range(edits):
            epoch = int(re.search(rb"livereload\((\d+),", _get(page))[1])  # type: ignore[index]
            answer: list[float] = []
            poll = threading.Thread(target=_poll, args=(f"{base}livereload/{epoch}/1", answer))
            poll.start()
            time.sleep(0.5)
            started = time.perf_counter()
            edit_one_toll(work / "records")
            poll.join(120)
            if not answer or f"<dd>{_toll(path)}".encode() not in _get(page):
                raise RuntimeError("the preview did not reload with the edit")
            waits.append(answer[0] - started)
            time.sleep(3)  # what a round leaves for after the reload
        before, start = _cpu_seconds(proc.pid), time.perf_counter()
        time.sleep(idle_seconds)
        idle = (_cpu_seconds(proc.pid) - before) / (time.perf_counter() - start) * 100
        peak = _peak_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)
    return Preview(round(sorted(waits)[len(waits) // 2], 2), round(idle, 1), peak)


def _poll(url: str, answer: list[float]) -> None:
    """Wait, as the reloading script of a served page does, for the site to change."""
    _get(url, 120)
    answer.append(time.perf_counter())


def _get(url: str, timeout: float = 30) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return 0.0


def _size(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def measure(events: int, articles: int = 200, jobs: int | None = None, mkdocs: bool = True,
            keep: Path | None = None, by_year: bool = False) -> dict:
    """Build a chronology of `events` synthetic events and measure every step; with
    `by_year`, its publishing as a site per year and a hub too."""
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=keep)) if keep else Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        figures = _measure(work, events, articles, jobs, mkdocs)
        if by_year:
            figures.update(measure_by_year(work, figures["peak_rss_mb_by_command"]))
            figures["peak_rss_mb"] = ours(figures["peak_rss_mb_by_command"])
        return figures
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _plain_copy(work: Path) -> Path:
    """The same site with every generated page replaced by a title and a paragraph: what
    MkDocs costs on plain pages with the same navigation and theme (its floor here)."""
    plain = work / "plain"
    plain.mkdir()
    shutil.copy(work / "mkdocs.yml", plain / "mkdocs.yml")
    shutil.copytree(work / "docs", plain / "docs", ignore=shutil.ignore_patterns(urls.CACHE_DIR))
    for page in (plain / "docs").rglob("*.md"):
        if render.is_generated(page):
            page.write_text(f"# {page.stem}\n\nA paragraph of plain text about {page.stem}.\n", encoding="utf-8")
    return plain


def zensical() -> str | None:
    """The `zensical` command to compare MkDocs with: $ZENSICAL, else one on the PATH."""
    given = os.environ.get("ZENSICAL")
    return str(Path(given).resolve()) if given else shutil.which("zensical")


def _measure(work: Path, events: int, articles: int, jobs: int | None, mkdocs: bool) -> dict:
    project(work)
    peaks: dict[str, float] = {}

    def step(name: str, cmd: list[str], cwd: Path = work) -> Run:
        result = run(cmd, cwd)
        peaks[name] = round(max(peaks.get(name, 0), result.peak_mb))
        return result

    step("synth", builder("synth", "--records", str(events), "--out", "records"))
    step("synth", builder("synth", "--articles", str(articles), "--out", "articles"))
    one_core = step("extract", builder("extract", "--articles", "articles", "--records", "extracted-1", "--jobs", "1"))
    job_args = ["--jobs", str(jobs)] if jobs else []
    extracted = step("extract", builder("extract", "--articles", "articles", "--records", "extracted", *job_args))
    validated = step("validate", builder("validate", "--records", "records"))
    render_cmd = builder("build", "--no-extract", "--no-mkdocs", "--records", "records", "--config", "mkdocs.yml")
    clean = step("render", render_cmd)
    before = snapshot(work / "docs")
    noop = step("render", render_cmd)
    after_noop = snapshot(work / "docs")
    edit_one_toll(work / "records")
    one = step("render", render_cmd)
    after_one = snapshot(work / "docs")
    step("export", builder("export", "--records", "records", "--format", "json", "--output", "export.json"))
    figures: dict[str, Any] = {
        "events": events,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "extract_articles_per_s": round(articles / extracted.seconds, 1),
        "extract_articles_per_s_one_core": round(articles / one_core.seconds, 1),
        "validate_s": round(validated.seconds, 2),
        "render_s": round(clean.seconds, 2),
        "noop_render_s": round(noop.seconds, 2),
        "noop_files_written": changed(before, after_noop),
        "one_edit_render_s": round(one.seconds, 2),
        "one_edit_files_written": changed(after_noop, after_one),
        "one_edit_files": sorted(k for k in after_noop.keys() | after_one.keys()
                                 if after_noop.get(k) != after_one.get(k)),
        "pages": sum(1 for p in (work / "docs").rglob("*.md") if urls.CACHE_DIR not in p.parts),
    }
    if mkdocs:
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", "mkdocs.yml",
                 "--site-dir", "site"]
        built = step("mkdocs", build)
        site = work / "site"
        figures.update({
            "mkdocs_build_s": round(built.seconds, 1),
            "mkdocs_ms_per_page": round(built.seconds * 1000 / figures["pages"], 1),
            "site_mb": round(_size(site) / 2**20, 1),
            "search_index_mb": round(_size(site / "search") / 2**20, 2),
            "search_index_kb_per_event": round(_size(site / "search") / 1024 / events, 2),
            "html_kb_per_event": round(_size(site, "*.html") / 1024 / events, 1),
        })
        shutil.rmtree(site)
        plain = _plain_copy(work)
        floor = step("mkdocs", build, cwd=plain)
        figures["mkdocs_plain_pages_s"] = round(floor.seconds, 1)
        shutil.rmtree(plain)
        if command := zensical():
            figures["zensical_version"] = _version(command)
            try:
                zen = step("zensical", [command, "build", "--clean", "--config-file", "mkdocs.yml"])
                figures["zensical_build_s"] = round(zen.seconds, 1)
            except RuntimeError as e:  # a finding to report, not a reason to lose the others
                figures["zensical_error"] = str(e).strip().splitlines()[-1]
            shutil.rmtree(work / "site", ignore_errors=True)
        publish_cmd = builder("build", "--no-extract", "--records", "records", "--config", "mkdocs.yml")
        first = step("build", publish_cmd)  # renders nothing; builds the whole site
        edit_one_toll(work / "records")
        published = step("build", publish_cmd)
        if "the pages that changed built again" not in published.stderr:
            raise RuntimeError(f"the publish after one edit was not incremental:\n{published.stderr[-2000:]}")
        preview = measure_preview(work)
        peaks["serve"] = preview.peak_mb
        figures.update({
            "publish_clean_s": round(first.seconds, 1),
            "one_edit_publish_s": round(published.seconds, 2),
            "serve_edit_to_reload_s": preview.edit_to_reload_s,
            "serve_idle_cpu_percent": preview.idle_cpu_percent,
            "mkdocs_floor_ratio": round(figures["mkdocs_build_s"] / figures["mkdocs_plain_pages_s"], 2),
        })
    figures["peak_rss_mb"] = ours(peaks)
    figures["peak_rss_mb_by_command"] = peaks
    return figures


def measure_by_year(work: Path, peaks: dict[str, float]) -> dict:
    """Publish the chronology of `work` as a site per year and a hub (render and every
    site's MkDocs build, several at once), then again after one edited toll."""
    cmd = builder("build", "--by-year", "--no-extract", "--records", "records", "--config", "mkdocs.yml")
    first = run(cmd, work)
    edit_one_toll(work / "records")
    again = run(cmd, work)
    if "(the pages that changed)" not in again.stderr:
        raise RuntimeError(f"the site per year was not published incrementally:\n{again.stderr[-2000:]}")
    peaks["by-year"] = round(max(first.peak_mb, again.peak_mb))
    sites = [p for p in (work / "sites").iterdir() if (p / "docs").is_dir()]
    return {
        "by_year_sites": len(sites),
        "by_year_largest_pages": max(sum(1 for _ in (p / "docs").rglob("*.md")) for p in sites),
        "by_year_build_s": round(first.seconds, 1),
        "by_year_one_edit_s": round(again.seconds, 2),
    }


def ours(peaks: dict[str, float]) -> float:
    """The peak memory of the project's own commands (Zensical, measured beside, is not one)."""
    return max((mb for command, mb in peaks.items() if command != "zensical"), default=0)


def _version(command: str) -> str:
    proc = subprocess.run([command, "--version"], capture_output=True, text=True)
    return (proc.stdout or proc.stderr).strip().split()[-1] if proc.returncode == 0 else "unknown"


# --- the Performance page -----------------------------------------------------------------

RESULTS = ROOT / "benchmarks" / "results.json"


def merge_results(new: list[dict], path: Path = RESULTS) -> list[dict]:
    """The figures kept for each chronology size, the new ones replacing older ones."""
    try:
        kept = {str(r["events"]): r for r in json.loads(path.read_text(encoding="utf-8"))}
    except (OSError, ValueError, KeyError, TypeError):
        kept = {}
    kept.update({str(r["events"]): r for r in new})
    results = sorted(kept.values(), key=lambda r: r["events"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def write_page(results: list[dict], page: Path) -> None:
    """The Performance page: every size measured, against the targets."""
    for r in results:  # figures kept from before the peak left Zensical out
        r["peak_rss_mb"] = ours(r.get("peak_rss_mb_by_command", {}))
    template = render.template_environment(render.TEMPLATE_DIR).get_template("performance.md.j2")
    text = template.render(results=results, marker=pages.MARKER, python=platform.python_version(),
                           measured=date.today().isoformat())
    page.write_text(text, encoding="utf-8")
