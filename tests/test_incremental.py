"""Builds redo only what changed: a build after an edit writes exactly what a clean build of
the edited records writes, touching only the pages that show what was edited."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import write_record

from builder.site import urls
from builder.site.build import BuildResult, render_docs


def build(records: Path, docs: Path) -> BuildResult:
    result = render_docs(records, docs)
    assert result.ok, [str(p) for p in result.problems]
    return result


def generated(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*")
            if p.is_file() and urls.CACHE_DIR not in p.parts}


def edit(records: Path, kind: str, record_id: str, change) -> None:
    path = records / kind / f"{record_id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


EDITS = {
    "a toll": ("events", "strikes", lambda d: d.update(fatalities=26)),
    "an event's title": ("events", "k1-rockets", lambda d: d.update(title="Rockets on K1 Air Base")),
    "an event's date, into another year": ("events", "taji-rockets",
                                            lambda d: d.update(date={"start": "2019-11-02", "end": "2019-11-02",
                                                                         "precision": "day"})),
    "an event's place": ("events", "strikes", lambda d: d.update(location="baghdad")),
    "a place's name": ("locations", "baghdad", lambda d: d.update(name="Baghdad city")),
    "a place's parent": ("locations", "k1", lambda d: d.update(parent="baghdad")),
    "an actor's name": ("actors", "us-forces", lambda d: d.update(name="United States forces")),
    "an affiliation": ("actors", "pmf",
                       lambda d: d.update(affiliations=[{"actor": "us-forces", "relation": "allied-with"}])),
    "a source's publisher": ("sources", "b-two", lambda d: d.update(publisher="Le Monde")),
    "a relation": ("events", "taji-rockets",
                   lambda d: d.update(relations=[{"type": "retaliation-for", "event": "strikes"}])),
    "a rejection": ("events", "k1-rockets", lambda d: d.update(status="rejected")),
}


@pytest.mark.parametrize("what", EDITS)
def test_a_build_after_an_edit_equals_a_clean_build(what, records_dir, tmp_path):
    kind, record_id, change = EDITS[what]
    docs = tmp_path / "docs"
    build(records_dir, docs)
    edit(records_dir, kind, record_id, change)
    build(records_dir, docs)
    clean = tmp_path / "clean"
    build(records_dir, clean)
    assert generated(docs) == generated(clean)


def test_a_new_and_a_deleted_record_build_as_a_clean_build(records_dir, tmp_path):
    docs = tmp_path / "docs"
    build(records_dir, docs)
    write_record(records_dir, "actors", {"id": "isis", "name": "Islamic State", "kind": "armed-group"})
    edit(records_dir, "events", "k1-rockets", lambda d: d.update(actors=[{"actor": "isis", "role": "perpetrator"}]))
    (records_dir / "sources" / "b-two.yml").unlink()
    edit(records_dir, "events", "taji-rockets", lambda d: d.update(sources=d["sources"][:1]))
    result = build(records_dir, docs)
    assert "sources/b-two.md" in result.rendered.removed
    clean = tmp_path / "clean"
    build(records_dir, clean)
    assert generated(docs) == generated(clean)


def test_one_edited_toll_rewrites_only_the_pages_that_show_the_event(records_dir, tmp_path):
    docs = tmp_path / "docs"
    build(records_dir, docs)
    edit(records_dir, "events", "k1-rockets", lambda d: d.update(fatalities=2))
    written = set(build(records_dir, docs).rendered.written)
    assert written == {  # the pages that show its toll, and the downloads
        "events/k1-rockets.md",  # the event
        "locations/k1.md", "locations/iraq.md",  # its places
        "chronology/2019.md",  # the listing of its month
        "index.md",  # the home page lists the latest events, and the chronology has three
        "downloads/events.json", "downloads/events.csv", "downloads/timeline.json", "downloads/events.atom",
        "chronology/events-index.json",  # what the maps and the filter read
        "downloads/events.geojson",  # K1 is on the map, at Iraq's point
    }


def test_a_build_with_nothing_changed_reads_nothing_and_writes_nothing(records_dir, tmp_path):
    docs = tmp_path / "docs"
    first = build(records_dir, docs)
    again = build(records_dir, docs)
    assert again.chronology is None  # the records were not even read
    assert again.rendered.written == [] and again.rendered.unchanged == len(first.rendered.pages)


def test_a_generated_page_changed_by_hand_is_put_back(records_dir, tmp_path):
    docs = tmp_path / "docs"
    build(records_dir, docs)
    page = docs / "events" / "strikes.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good.replace("US strikes", "Something else"), encoding="utf-8")
    assert build(records_dir, docs).rendered.written == ["events/strikes.md"]
    assert page.read_text(encoding="utf-8") == good


def test_a_template_change_renders_every_page_again(records_dir, tmp_path, monkeypatch):
    from builder.site import render

    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATE_DIR, templates)
    monkeypatch.setattr(render, "TEMPLATE_DIR", templates)
    render._environment.cache_clear()
    docs = tmp_path / "docs"
    build(records_dir, docs)
    source = templates / "source.md.j2"
    source.write_text(source.read_text(encoding="utf-8").replace("## Events it reports", "## Reported events"))
    render._environment.cache_clear()
    result = build(records_dir, docs)
    render._environment.cache_clear()
    assert sorted(result.rendered.written) == ["sources/a-one.md", "sources/b-two.md"]


def test_a_damaged_cache_only_makes_a_clean_build(records_dir, tmp_path):
    docs = tmp_path / "docs"
    build(records_dir, docs)
    for cached in (docs / urls.CACHE_DIR).iterdir():
        cached.write_bytes(b"not a pickle")
    result = build(records_dir, docs)
    assert result.chronology is not None and result.rendered.written == []


def _edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Change a file in place as a tool that restores the modification time would."""
    assert len(old) == len(new)
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    with open(path, "r+", encoding="utf-8") as f:  # in place: the same file, the same size
        f.write(text.replace(old, new, 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (st.st_mtime_ns, st.st_size)


def test_an_edit_of_the_same_size_with_its_time_set_back_is_seen(records_dir, tmp_path):
    docs = tmp_path / "docs"
    build(records_dir, docs)
    _edit_keeping_size_and_time(records_dir / "events" / "strikes.yml", "fatalities: 25", "fatalities: 26")
    result = build(records_dir, docs)
    assert "events/strikes.md" in result.rendered.written
    clean = tmp_path / "clean"
    build(records_dir, clean)
    assert generated(docs) == generated(clean)


def test_a_record_made_invalid_with_its_time_set_back_is_not_published_from_the_cache(records_dir, tmp_path):
    docs = tmp_path / "docs"
    build(records_dir, docs)
    path = records_dir / "events" / "strikes.yml"
    _edit_keeping_size_and_time(path, "fatalities: 25", "fatalities: xx")
    result = render_docs(records_dir, docs)
    assert not result.ok
    assert any(p.path == str(path) and "fatalities must be" in p.message for p in result.problems), result.problems


def test_a_first_build_puts_each_new_folder_in_place_whole_and_clears_what_a_killed_one_left(records_dir, tmp_path):
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / urls.staged("events")).mkdir(parents=True)
    (docs / urls.staged("events") / "half.md").write_text("---\n", encoding="utf-8")  # a killed build's
    outside.mkdir()
    (outside / "keep.md").write_text("mine\n", encoding="utf-8")
    (docs / urls.staged("actors")).symlink_to(outside, target_is_directory=True)
    first = build(records_dir, docs)
    assert not [p for p in docs.iterdir() if p.name.startswith(".builder-new-")]
    assert (outside / "keep.md").read_text(encoding="utf-8") == "mine\n" and len(list(outside.iterdir())) == 1
    assert "events/strikes.md" in first.rendered.written and not (docs / "events" / "half.md").exists()
    again = build(records_dir, docs)  # the pages' states, taken in the staged folders, hold after the move
    assert again.chronology is None and again.rendered.written == []
