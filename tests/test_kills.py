"""Commands killed or interrupted part-way, and run side by side, as on a maintainer's
machine: `extract` killed (SIGKILL) after k files of its batch converges on the next run,
with no temporary file left; two extractions at once leave what one leaves; a Ctrl-C at
any moment is one line, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from builder.extract.pipeline import extract
from builder.records import batch, validate

pytestmark = pytest.mark.slow


def builder(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "builder", *args], cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def tree(records: Path) -> dict[str, bytes]:
    return {p.relative_to(records).as_posix(): p.read_bytes() for p in sorted(records.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """Eight synthetic articles, and the records an uninterrupted extraction makes of them
    (in a folder as far from the articles as those of the tests: sources name their article
    by its path from the records)."""
    root = tmp_path_factory.mktemp("kills")
    subprocess.run([sys.executable, "-m", "builder", "synth", "--articles", "8", "--out", str(root / "articles")],
                   cwd=ROOT, check=True, capture_output=True)
    extract(root / "articles", root / "reference" / "records", jobs=1)
    return root / "articles", tree(root / "reference" / "records")


def records_beside(articles: Path, name: str) -> Path:
    return articles.parent / name / "records"


def test_an_extraction_killed_after_k_files_converges_on_the_next_run(corpus):
    articles, expected = corpus
    files = sum(1 for name in expected if name.endswith(".yml"))
    for k in (2, files + 1, 2 * files):  # staging, the commit, the last move
        records = records_beside(articles, f"killed-{k}")
        proc = builder("extract", "--articles", str(articles), "--records", str(records), "--jobs", "1",
                       env={batch.KILL_AFTER: str(k)})
        proc.communicate(timeout=120)
        assert proc.returncode == -signal.SIGKILL, k
        assert (records / batch.BATCH_DIR).exists(), k  # killed in the middle of its batch
        extract(articles, records, jobs=1)
        assert tree(records) == expected, k
        assert not [p for p in records.rglob("*") if p.name.endswith(".tmp") or p.name == batch.BATCH_DIR]


def test_two_extractions_at_once_leave_what_one_leaves_and_the_second_says_why_it_waits(corpus):
    articles, expected = corpus
    records = records_beside(articles, "side-by-side")
    procs = [builder("extract", "--articles", str(articles), "--records", str(records), "--jobs", "1")
             for _ in range(2)]
    outputs = [proc.communicate(timeout=180) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    assert tree(records) == expected
    assert validate.load(records)[1] == []  # no source or actor given twice
    waited = [err for _, err in outputs if "is using it; waiting for it to finish" in err]
    news = sorted(err.splitlines()[-1].split("events: ")[1].split(",")[0] for _, err in outputs)
    assert news[0] == "0 new" and news[1] != "0 new", outputs  # the second found the first's records
    assert len(waited) == 1, outputs


def _importing_the_command(pid: int, timeout: float = 30) -> None:
    """Wait until the interpreter runs the command's own code: it has loaded PyYAML's C
    extension, which the command's first import brings in. (A Ctrl-C before that stops the
    interpreter's own start-up, which prints what it prints.)"""
    maps = Path(f"/proc/{pid}/maps")
    deadline = time.monotonic() + timeout
    while "_yaml" not in maps.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.005)


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux's /proc to see what a process loaded")
@pytest.mark.parametrize("after", [0.0, 0.1, 0.3, 0.8])
def test_a_ctrl_c_at_any_moment_is_one_line_and_no_traceback(corpus, tmp_path, after):
    articles, _ = corpus
    proc = builder("extract", "--articles", str(articles), "--records", str(tmp_path / "records"), "--jobs", "2",
                   start_new_session=True)
    _importing_the_command(proc.pid)
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the command and its workers
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode == 2 and err.strip().endswith("interrupted"), (proc.returncode, err)
