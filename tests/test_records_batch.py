"""A run's records go in as one batch under the records folder's lock (records/batch.py,
records/lock.py): a run stopped at any file converges on the next, a maintainer's save made
while it runs is never overwritten, and readers wait for a writer."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from extraction import write_article

from builder.extract import pipeline
from builder.extract.pipeline import extract
from builder.records import batch, validate
from builder.records.lock import FolderLock
from builder.site import build

EN = """Two American soldiers and a British soldier were killed on Wednesday evening when
eighteen rockets struck Camp Taji, north of Baghdad, the coalition said.

Twelve other people were wounded. Washington blamed Kataib Hezbollah for the attack."""

FR = """Trois soldats de la coalition ont été tués mercredi soir par des tirs de roquettes sur le
camp Taji, au nord de Bagdad, selon la coalition internationale."""


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write_article(folder, "en_taji", EN, "en", "2020-03-12", "Rockets kill three at Taji")
    write_article(folder, "fr_taji", FR, "fr", "2020-03-12", "Trois morts à Taji")
    return folder


def tree(records: Path) -> dict[str, bytes]:
    """Every file of a records folder, hidden ones included, with its bytes."""
    return {p.relative_to(records).as_posix(): p.read_bytes() for p in sorted(records.rglob("*")) if p.is_file()}


class Stopped(BaseException):
    """Stands for the run being killed: nothing after it runs, not even `except Exception`."""


def stop_after(monkeypatch, files: int) -> None:
    """Make the next run stop after writing or moving `files` files of its batch."""
    count = iter(range(1, 10**6))

    def step(self) -> None:
        if next(count) >= files:
            raise Stopped

    monkeypatch.setattr(batch.Batch, "_step", step)


def test_a_run_stopped_after_any_file_of_its_batch_converges_on_the_next(articles, tmp_path, monkeypatch):
    reference = tmp_path / "reference"
    extract(articles, reference)
    expected = tree(reference)
    files = sum(1 for name in expected if name.endswith(".yml"))
    assert files > 5
    # The first and last files staged, the commit, the first, a middle and the last file moved.
    for k in (1, files - 1, files, files + 1, files + 2, files + files // 2, 2 * files + 1):
        records = tmp_path / f"stopped-{k}"
        with monkeypatch.context() as m:
            stop_after(m, k)
            with pytest.raises(Stopped):
                extract(articles, records)
        if k <= files:  # before the commit: nothing of the run is in the records
            assert [n for n in tree(records) if not n.startswith(".")] == [], k
        again = extract(articles, records)
        assert tree(records) == expected, k
        assert not (records / batch.BATCH_DIR).exists()
        if k > files:
            assert any("an interrupted extraction had written" in p.message for p in again.problems), k


def test_a_reader_completes_a_batch_a_stopped_run_committed(articles, tmp_path, monkeypatch):
    reference, records = tmp_path / "reference", tmp_path / "records"
    extract(articles, reference)
    files = sum(1 for name in tree(reference) if name.endswith(".yml"))
    with monkeypatch.context() as m:
        stop_after(m, files + 3)  # committed, three files moved
        with pytest.raises(Stopped):
            extract(articles, records)
    with batch.reading(records) as recovered:
        chron, problems = validate.load(records)
    assert problems == [] and len(chron.events) == 1
    assert [p.message for p in recovered] == [f"an interrupted extraction had written {files} file(s); "
                                              "they are now in place"]
    assert tree(records) == tree(reference)


def test_temporary_files_of_a_killed_write_are_removed_by_the_next_run(articles, tmp_path):
    records = tmp_path / "records"
    extract(articles, records)
    left = [records / "events" / ".x.yml.abcd1234.tmp", records / ".builder-batch" / "events" / "x.yml"]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half a record", encoding="utf-8")
    extract(articles, records)
    assert not any(p.exists() for p in left) and not (records / ".builder-batch").exists()


def _first_run(articles: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Records from the English article alone, and the file of its event."""
    records = tmp_path / "records"
    extract(articles, records)
    events = list((records / "events").glob("*.yml"))
    assert len(events) == 1
    return records, events[0]


def _while_running(monkeypatch, edit) -> None:
    """Make `edit` happen in the next run after it read the records, before it writes."""
    cluster = pipeline.cluster

    def edited_then_cluster(*args, **kwargs):
        edit()
        return cluster(*args, **kwargs)

    monkeypatch.setattr(pipeline, "cluster", edited_then_cluster)


def _en_only(tmp_path: Path) -> Path:
    folder = tmp_path / "en"
    write_article(folder, "en_taji", EN, "en", "2020-03-12", "Rockets kill three at Taji")
    return folder


def test_a_rejection_saved_while_an_extraction_runs_is_kept(articles, tmp_path, monkeypatch):
    records, path = _first_run(_en_only(tmp_path), tmp_path)
    rejected = path.read_text(encoding="utf-8").replace("status: draft", "status: rejected")
    _while_running(monkeypatch, lambda: path.write_text(rejected, encoding="utf-8"))
    result = extract(articles, records)
    assert path.read_text(encoding="utf-8") == rejected
    assert [str(p) for p in result.problems if p.severity == "warning"] == [
        f"{path}: warning: was changed while the extraction ran and is no longer a draft; left as it is"]


def test_a_value_set_while_an_extraction_runs_is_kept_and_the_new_source_goes_in(articles, tmp_path, monkeypatch):
    records, path = _first_run(_en_only(tmp_path), tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("time: evening\n", ""), encoding="utf-8")
    edited = path.read_text(encoding="utf-8").replace("location: camp-taji", "time: '21:00'\nlocation: camp-taji")
    _while_running(monkeypatch, lambda: path.write_text(edited, encoding="utf-8"))
    extract(articles, records)
    after = path.read_text(encoding="utf-8")
    assert "time: '21:00'" in after and "time: evening" not in after
    [event] = validate.load(records)[0].events.values()
    assert [s.article for s in event.sources] == ["en-taji", "fr-taji"]


def test_a_record_saved_after_the_run_staged_its_batch_is_left_as_saved(articles, tmp_path, monkeypatch):
    records, path = _first_run(_en_only(tmp_path), tmp_path)
    saved = path.read_text(encoding="utf-8").replace("summary: ", "notes: checked\nsummary: ")
    write = batch.write_atomic

    def save_then_write(target: Path, text: str, durable: bool = True) -> bool:
        if target.name == batch.COMMIT_FILE:
            path.write_text(saved, encoding="utf-8")
        return write(target, text, durable)

    monkeypatch.setattr(batch, "write_atomic", save_then_write)
    result = extract(articles, records)
    assert path.read_text(encoding="utf-8") == saved
    assert f"{path}: warning: was changed while the extraction wrote it; left as it is" in \
        [str(p).partition(" (run")[0] for p in result.problems]
    assert (records / "sources" / "fr-taji.yml").exists()  # the rest of the batch went in


def test_a_record_made_while_an_extraction_runs_is_not_overwritten(articles, tmp_path, monkeypatch):
    records, _ = _first_run(_en_only(tmp_path), tmp_path)
    mine = records / "sources" / "fr-taji.yml"
    text = "id: fr-taji\ntitle: Written by hand\nlanguage: fr\n"
    _while_running(monkeypatch, lambda: mine.write_text(text, encoding="utf-8"))
    result = extract(articles, records)
    assert mine.read_text(encoding="utf-8") == text
    assert any(p.path.endswith("fr-taji.yml") and "was made while the extraction ran" in p.message
               for p in result.problems)


def test_an_update_keeps_the_files_byte_order_mark_line_ends_leading_comments_and_mode(articles, tmp_path):
    records, path = _first_run(_en_only(tmp_path), tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_bytes(("\ufeff# Checked against the coalition's statement.\n---\n" + text).replace("\n", "\r\n")
                     .encode("utf-8"))
    path.chmod(0o640)
    extract(articles, records)
    after = path.read_bytes()
    assert after.startswith("\ufeff# Checked against the coalition's statement.\r\n---\r\n".encode())
    assert after.count(b"\n") == after.count(b"\r\n") > 20
    assert path.stat().st_mode & 0o777 == 0o640
    [event] = validate.load(records)[0].events.values()
    assert [s.article for s in event.sources] == ["en-taji", "fr-taji"]


def _in_thread(work) -> tuple[threading.Thread, list]:
    done: list = []
    thread = threading.Thread(target=lambda: done.append(work()), daemon=True)
    thread.start()
    return thread, done


def test_a_build_waits_for_an_extraction_that_holds_the_records(articles, tmp_path, capsys):
    records, docs = tmp_path / "records", tmp_path / "docs"
    with batch.writing(records):
        thread, done = _in_thread(lambda: build.render_docs(records, docs))
        time.sleep(0.5)
        assert thread.is_alive() and done == [] and not (docs / "events").exists()
    thread.join(30)
    assert done and done[0].ok
    assert "is using it; waiting for it to finish" in capsys.readouterr().err


def test_a_second_writer_waits_and_then_sees_what_the_first_wrote(articles, tmp_path, capsys):
    records = tmp_path / "records"
    with FolderLock(records, exclusive=True):
        thread, done = _in_thread(lambda: extract(articles, records))
        time.sleep(0.5)
        assert thread.is_alive() and not (records / "events").exists()
    thread.join(60)
    again = extract(articles, records)
    assert done[0].new_events and again.new_events == [] and again.updated_events == []
    assert f"{records}: another command (process" in capsys.readouterr().err


_HOLDER = """
import sys, time
from pathlib import Path
from builder import cores
from builder.records.lock import FolderLock

with FolderLock(Path(sys.argv[1]), exclusive=True):
    worker = cores.fork_context().Process(target=time.sleep, args=(20,))
    worker.start()
    print(worker.pid, flush=True)
    time.sleep(60)
"""


@pytest.mark.slow
def test_a_run_killed_while_its_worker_lives_does_not_leave_the_folder_locked(tmp_path):
    """Workers forked while the lock is held close their copy of it: the lock goes with the
    killed run, not with a worker that outlives it."""
    import os
    import signal
    import subprocess
    import sys

    records = tmp_path / "records"
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(records)], stdout=subprocess.PIPE, text=True)
    worker = int(holder.stdout.readline())
    try:
        holder.kill()
        holder.wait()
        started = time.monotonic()
        with FolderLock(records, exclusive=True):
            assert time.monotonic() - started < 5
        os.kill(worker, 0)  # the worker still runs
    finally:
        os.kill(worker, signal.SIGKILL)
