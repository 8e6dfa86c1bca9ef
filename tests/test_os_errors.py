"""What the operating system does to a command: a pipe, a folder or a broken link where a
record should be, a kind's folder that is a file, a folder that cannot be written, a full
disk, links in a loop among the articles. Each is one `path: reason` line and exit status 2
(an article, refused by name, exit status 1), never a traceback or a hang, and nothing
written half."""

from __future__ import annotations

import errno
import os
import threading

import pytest
from conftest import ROOT
from extraction import write_article

from builder import files
from builder.cli import main
from builder.records import lock


def one_error(capsys, argv: list[str], timeout: float = 60) -> str:
    """Run a command (in a thread, so a hang fails the test) and give its one error line."""
    done: list = []

    def run() -> None:
        try:
            done.append(main(argv))
        except BaseException as e:  # what main let through: the test says what it was
            done.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert done, f"{argv[0]} did not finish in {timeout} s"
    err = capsys.readouterr().err
    assert done == [2] and err.count("\n") == 1 and err.startswith("error: "), (done, err)
    assert "Traceback" not in err
    return err.removeprefix("error: ").rstrip("\n")


def test_a_pipe_named_like_a_record_is_refused_without_reading_it(records_dir, capsys):
    os.mkfifo(records_dir / "events" / "x.yml")
    err = one_error(capsys, ["validate", "--records", str(records_dir)], timeout=20)
    assert err == f"{records_dir}/events/x.yml: is a named pipe; expected a record file (move it out of the way)"


def test_a_folder_where_a_record_file_should_be_is_refused(records_dir, capsys):
    (records_dir / "events" / "y.yml").mkdir()
    err = one_error(capsys, ["validate", "--records", str(records_dir)])
    assert err == f"{records_dir}/events/y.yml: is a folder where a record file should be; expected a YAML file " \
                  "(rename or remove it)"


def test_a_kinds_folder_that_is_a_file_stops_validation_and_the_build(records_dir, tmp_path, capsys):
    for path in (records_dir / "events").iterdir():
        path.unlink()
    (records_dir / "events").rmdir()
    (records_dir / "events").write_text("not a folder\n", encoding="utf-8")
    message = f"{records_dir}/events: is not a folder; expected the folder of the events records"
    assert one_error(capsys, ["validate", "--records", str(records_dir)]).startswith(message)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\ndocs_dir: {tmp_path / 'docs'}\n", encoding="utf-8")
    assert one_error(capsys, ["build", "--no-extract", "--no-mkdocs", "--records", str(records_dir),
                              "--config", str(tmp_path / "mkdocs.yml")]).startswith(message)
    assert not (tmp_path / "docs" / "index.md").exists()


def test_a_broken_link_as_a_record_is_named_with_where_it_leads(records_dir, capsys):
    (records_dir / "events" / "z.yml").symlink_to("/nowhere/z.yml")
    err = one_error(capsys, ["validate", "--records", str(records_dir)])
    assert err == f"{records_dir}/events/z.yml: is a symbolic link to /nowhere/z.yml, which is not there; " \
                  "expected a record file"


def _refuse(monkeypatch, module, name: str, error: int, when) -> None:
    """Make `module.name` (an os function) fail with `error` when `when(first argument)`."""
    real = getattr(module, name)

    def failing(*args, **kwargs):
        if when(args[0]):
            raise OSError(error, os.strerror(error), *([str(args[0])] if not isinstance(args[0], int) else []))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)


def test_an_unreadable_record_is_one_line(records_dir, capsys, monkeypatch):
    path = records_dir / "events" / "taji-rockets.yml"
    _refuse(monkeypatch, files.os, "open", errno.EACCES, lambda p: str(p) == str(path))
    assert one_error(capsys, ["validate", "--records", str(records_dir)]) == f"{path}: Permission denied"


def test_a_records_folder_that_cannot_be_written_is_one_line_and_nothing_changes(records_dir, tmp_path, capsys,
                                                                                monkeypatch):
    articles = tmp_path / "articles"
    write_article(articles, "a", "Rockets struck Camp Taji on Wednesday, killing two soldiers.", "en", "2020-03-12")
    before = sorted(records_dir.rglob("*"))
    _refuse(monkeypatch, lock.os, "open", errno.EROFS, lambda p: str(p).endswith(lock.LOCK_NAME))
    err = one_error(capsys, ["extract", "--articles", str(articles), "--records", str(records_dir)])
    assert err == f"{records_dir}: Read-only file system"
    assert sorted(records_dir.rglob("*")) == before


def test_a_docs_folder_that_cannot_be_written_is_one_line(records_dir, tmp_path, capsys, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\ndocs_dir: {docs}\n", encoding="utf-8")
    _refuse(monkeypatch, lock.os, "open", errno.EACCES, lambda p: str(p).startswith(str(docs)))
    err = one_error(capsys, ["build", "--no-extract", "--no-mkdocs", "--records", str(records_dir),
                             "--config", str(tmp_path / "mkdocs.yml")])
    assert err == f"{docs}/.builder-cache: Permission denied"


def test_a_full_disk_is_one_line_naming_the_file_and_the_next_run_converges(tmp_path, capsys, monkeypatch):
    articles, records = tmp_path / "articles", tmp_path / "records"
    write_article(articles, "a", "Rockets struck Camp Taji on Wednesday, killing two soldiers.", "en", "2020-03-12")
    with monkeypatch.context() as m:
        _refuse(m, files.os, "fsync", errno.ENOSPC, lambda fd: True)
        err = one_error(capsys, ["extract", "--articles", str(articles), "--records", str(records)])
    assert err.startswith(f"{records}/.builder-batch/") and err.endswith(".yml: No space left on device"), err
    assert [p.name for p in records.rglob("*") if p.is_file()] == [lock.LOCK_NAME]  # nothing of the run
    assert main(["extract", "--articles", str(articles), "--records", str(records)]) == 0
    assert (records / "events").is_dir() and not (records / ".builder-batch").exists()
    assert not [p for p in records.rglob("*.tmp")]


def test_links_in_a_loop_a_pipe_and_a_link_to_a_folder_among_the_articles_are_refused_by_name(tmp_path, capsys):
    articles, records = tmp_path / "articles", tmp_path / "records"
    write_article(articles, "a", "Rockets struck Camp Taji on Wednesday, killing two soldiers.", "en", "2020-03-12")
    (articles / "loop.txt").symlink_to("loop.md")
    (articles / "loop.md").symlink_to("loop.txt")
    os.mkfifo(articles / "pipe.txt")
    (tmp_path / "folder").mkdir()
    (articles / "folder.html").symlink_to(tmp_path / "folder")
    done: list[int] = []
    thread = threading.Thread(target=lambda: done.append(main(["extract", "--articles", str(articles),
                                                                "--records", str(records)])), daemon=True)
    thread.start()
    thread.join(60)
    captured = capsys.readouterr()
    assert done == [1] and "Traceback" not in captured.err, captured
    assert f"{articles}/loop.md: is a symbolic link in a loop (it leads back to itself), expected a file" \
        in captured.out
    assert f"{articles}/pipe.txt: is not a regular file (a folder, device or pipe)" in captured.out
    assert f"{articles}/folder.html: is a symbolic link to {tmp_path / 'folder'}, outside" in captured.out
    assert "5 articles read (4 skipped)" in captured.err and (records / "events").is_dir()


def test_a_generated_folder_linked_out_of_docs_is_refused_and_nothing_is_written_there(records_dir, tmp_path,
                                                                                      capsys):
    docs, outside = tmp_path / "docs", tmp_path / "elsewhere"
    docs.mkdir()
    outside.mkdir()
    (docs / "events").symlink_to(outside)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\ndocs_dir: {docs}\n", encoding="utf-8")
    err = one_error(capsys, ["build", "--no-extract", "--no-mkdocs", "--records", str(records_dir),
                             "--config", str(tmp_path / "mkdocs.yml")])
    assert err == f"{docs}/events: leads to {outside}, outside {docs}; refused (replace the symbolic link " \
                  "with a folder)"
    assert list(outside.iterdir()) == []


def test_the_project_folder_holds_no_lock_or_batch_in_git(tmp_path):
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lock.LOCK_NAME in ignored and ".builder-batch/" in ignored


@pytest.fixture(autouse=True)
def _relative_to_nothing(monkeypatch, tmp_path):
    """Paths print in full: the tests run from a folder none of them is in."""
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
