"""The one way files are written (builder/files.py): whole, keeping the mode of the file they
replace, never through a link out of the folder, and leaving nothing behind a killed run
cannot have cleaned."""

from __future__ import annotations

import os
import stat

import pytest

from builder import files


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_a_file_written_over_keeps_its_mode(tmp_path, mode):
    path = tmp_path / "record.yml"
    path.write_text("id: a\n", encoding="utf-8")
    path.chmod(mode)
    assert files.write_atomic(path, "id: b\n")
    assert _mode(path) == mode


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path):
    old = os.umask(0o027)
    files._umask.cache_clear()
    try:
        files.write_atomic(tmp_path / "new.yml", "id: a\n")
        files.write_new(tmp_path / "other.yml", "id: b\n")
        files.write_binary(tmp_path / "cache.pickle", lambda f: f.write(b"x"))
    finally:
        os.umask(old)
        files._umask.cache_clear()
    assert [_mode(tmp_path / n) for n in ("new.yml", "other.yml", "cache.pickle")] == [0o640] * 3


def test_a_file_with_other_line_ends_is_not_taken_for_the_same_text(tmp_path):
    path = tmp_path / "record.yml"
    path.write_bytes(b"id: a\r\nx: 1\r\n")
    assert not files.write_atomic(path, "id: a\r\nx: 1\r\n")
    assert files.write_atomic(path, "id: a\nx: 1\n")
    assert path.read_bytes() == b"id: a\nx: 1\n"


def test_a_folder_linked_out_of_the_root_is_refused_and_one_within_it_is_not(tmp_path):
    root, outside = tmp_path / "docs", tmp_path / "elsewhere"
    (root / "real").mkdir(parents=True)
    outside.mkdir()
    (root / "events").symlink_to(outside)
    (root / "alias").symlink_to(root / "real")
    with pytest.raises(files.OutsideFolder, match=r"docs/events: leads to .*/elsewhere, outside .*docs; refused"):
        files.check_inside(root, root / "events")
    files.check_inside(root, root / "alias")
    files.check_inside(root, root / "not-made-yet")


def test_only_the_temporary_files_of_an_interrupted_write_are_removed(tmp_path):
    left = tmp_path / ".a-record.yml.x7_k2m9q.tmp"
    kept = [tmp_path / ".hidden.yml", tmp_path / "notes.tmp", tmp_path / "a-record.yml"]
    for path in [left, *kept]:
        path.write_text("x", encoding="utf-8")
    assert files.remove_leftovers(tmp_path) == [left]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in kept)
