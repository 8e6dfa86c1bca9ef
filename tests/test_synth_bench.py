"""The synthetic corpus and the benchmark: reproducible, valid input of any size, and figures
taken from what the commands really did."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from builder.dev import bench, synth
from builder.extract.articles import read_article
from builder.records import validate


def test_the_same_seed_writes_the_same_records(tmp_path):
    synth.write_records(tmp_path / "one", 40, seed=3)
    synth.write_records(tmp_path / "two", 40, seed=3)
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.yml")}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.yml")}
    assert one == two and len(one) > 40


def test_synthetic_records_are_valid_and_bring_what_they_cite(tmp_path):
    synth.write_records(tmp_path, 60)
    chron, problems = validate.load(tmp_path)
    assert problems == []
    assert len(chron.events) == 60
    assert all(e.location in chron.locations and e.sources for e in chron.events.values())


def test_a_longer_chronology_covers_more_places(tmp_path):
    small = synth.chronology(100)[2]
    large = synth.chronology(2000)[2]
    assert len(large) > len(small)


def test_synthetic_articles_come_in_both_languages_and_tell_incidents_more_than_once(tmp_path):
    paths = synth.write_articles(tmp_path, 40)
    assert len(paths) == 40
    articles = [read_article(p) for p in paths]
    assert Counter(a.language for a in articles).keys() == {"en", "fr"}
    retold = [p for p in paths if any(w in p.read_text(encoding="utf-8")
                                      for w in ("officials now say", "medical source", "nouveau bilan",
                                                "source médicale"))]
    assert retold  # a second article about an incident tells it in other words


def test_files_changed_between_snapshots_are_counted_on_disk(tmp_path):
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "b.md").write_text("b")
    before = bench.snapshot(tmp_path)
    (tmp_path / "b.md").write_text("bb")
    (tmp_path / "c.md").write_text("c")
    assert bench.changed(before, bench.snapshot(tmp_path)) == 2


def test_one_toll_is_edited_as_a_maintainer_would(tmp_path):
    synth.write_records(tmp_path, 5)
    path = bench.edit_one_toll(tmp_path)
    chron, problems = validate.load(tmp_path)
    assert problems == [] and path.stem in chron.events


def test_figures_of_other_sizes_are_kept_and_the_page_shows_them_all(tmp_path):
    results = tmp_path / "results.json"
    bench.merge_results([{"events": 10, "cores": 2, "render_s": 1.5, "peak_rss_mb_by_command": {}}], results)
    kept = bench.merge_results([{"events": 5, "cores": 2, "render_s": 0.5, "peak_rss_mb_by_command": {}}], results)
    assert [r["events"] for r in kept] == [5, 10]
    assert json.loads(results.read_text())[1]["render_s"] == 1.5
    page = tmp_path / "performance.md"
    bench.write_page(kept, page)
    assert "| Render, records to Markdown, clean | 0.5 s | 1.5 s |" in page.read_text()


@pytest.mark.slow
def test_the_benchmark_measures_each_step_of_a_small_chronology():
    figures = bench.measure(30, articles=4, mkdocs=False)
    assert figures["events"] == 30 and figures["noop_files_written"] == 0
    assert any(f.startswith("events/") for f in figures["one_edit_files"])
    assert set(figures["peak_rss_mb_by_command"]) == {"synth", "extract", "validate", "render", "export"}
