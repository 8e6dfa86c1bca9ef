"""YAML reading and writing: core-schema values, line numbers, atomic writes."""

from __future__ import annotations

import os

import pytest

from builder import yamlio


def test_dates_times_and_country_codes_stay_text():
    doc = yamlio.parse("start: 2020-03-11\ntime: 19:00\ncountry: NO\nflag: yes\n")
    assert doc.data == {"start": "2020-03-11", "time": "19:00", "country": "NO", "flag": "yes"}


def test_written_yaml_reads_back_the_same():
    data = {"start": "2020-03-11", "time": "19:00", "n": 3, "none": None, "text": "a: b\nc"}
    assert yamlio.parse(yamlio.dump(data)).data == data


def test_every_key_and_item_has_its_line():
    doc = yamlio.parse("a: 1\nb:\n  - x\n  - y: 2\n")
    assert doc.line_of(("b", 1, "y")) == 4
    assert doc.line_of(("b", 0)) == 3
    assert doc.line_of(("b", 7, "missing")) == 2


def test_bad_yaml_raises_with_its_line():
    with pytest.raises(yamlio.YamlError) as err:
        yamlio.parse("a: 1\nb: [1, 2\nc: 3\n")
    assert err.value.line in (2, 3)


def test_a_file_is_written_only_when_its_content_changes(tmp_path):
    path = tmp_path / "x.yml"
    assert yamlio.write_atomic(path, "a: 1\n")
    mtime = path.stat().st_mtime_ns
    assert not yamlio.write_atomic(path, "a: 1\n")
    assert path.stat().st_mtime_ns == mtime


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "x.yml"
    path.write_text("old: true\n")

    def crash(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        yamlio.write_atomic(path, "new: true\n")
    assert path.read_text() == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yml"]
