"""`make bench`: extraction speed and memory on 1,000 articles, and the site build on the result.

Targets: 1,000 articles of about 500 words extracted in under 60 s on one core; the site of
the resulting chronology built with the small navigation. Figures are printed and written to
.bench/results.json.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
EXTRACT_TARGET_S = 60.0


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def bench_extract(count: int) -> dict:
    """Time `python -m builder extract` on a fresh corpus, in its own process (one core)."""
    articles, records = WORK / "articles", WORK / "records"
    shutil.rmtree(WORK, ignore_errors=True)
    paths = write_corpus(articles, count)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    started = time.perf_counter()
    proc = subprocess.run([*one_core, sys.executable, "-m", "builder", "extract",
                           "--articles", str(articles), "--records", str(records)],
                          cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"extract failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return {"articles": count, "words_per_article": round(words / count), "seconds": round(seconds, 1),
            "target_seconds": EXTRACT_TARGET_S, "peak_memory_mb": round(_peak_mb(resource.RUSAGE_CHILDREN)),
            "events": len(list((records / "events").glob("*.yml"))), "summary": proc.stderr.strip()}


def bench_site() -> dict:
    """Time the build of the benchmark chronology's site (render and mkdocs build --strict)."""
    site = WORK / "site-project"
    shutil.copy(ROOT / "mkdocs.yml", WORK / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", WORK / "docs", ignore=shutil.ignore_patterns(
        "index.md", "events", "actors", "locations", "sources", "chronology", "downloads"))
    before = _peak_mb(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "builder", "build", "--no-extract", "--records",
                           "records", "--config", "mkdocs.yml", "--site", str(site)],
                          cwd=WORK, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return {"seconds": round(seconds, 1), "peak_memory_mb": round(max(before, _peak_mb(resource.RUSAGE_CHILDREN))),
            "pages": len(list(site.rglob("index.html")))}


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    results = {"extract": bench_extract(count), "site": bench_site()}
    (WORK / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    ex, st = results["extract"], results["site"]
    print(f"extract: {ex['articles']} articles of ~{ex['words_per_article']} words in {ex['seconds']} s "
          f"(target < {EXTRACT_TARGET_S:.0f} s), peak {ex['peak_memory_mb']} MB, {ex['events']} events")
    print(f"site:    {st['pages']} pages built in {st['seconds']} s, peak {st['peak_memory_mb']} MB")
    return 0 if ex["seconds"] < EXTRACT_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
