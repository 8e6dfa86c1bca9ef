"""What makes the readers' site trustworthy: summaries written from the fields, names instead
of codes, drafts said to be drafts (or left out), provenance down to the original and its
archived copy, the downloads described, and each record's history from git."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
from conftest import write_record

from builder.records.folder import Chronology
from builder.site import datapackage, export, history, render
from builder.site.build import render_docs
from builder.site.view import SiteView


def pages_of(chronology, **options) -> dict[str, str]:
    return render.render_pages(SiteView(chronology, **options))


def test_the_summary_is_written_from_the_fields_and_a_quote_is_not_repeated_as_one(chronology):
    taji = chronology.events["taji-rockets"]
    view = SiteView(chronology)
    assert view.summary(taji) == ("Eighteen rockets struck Camp Taji on the evening of 11 March 2020, killing three "
                                  "to four and injuring twelve. US forces blamed Kataib Hezbollah. Kataib Hezbollah "
                                  "denied it.")
    assert view.summary(chronology.events["k1-rockets"]) == \
        "Shells, rockets or missiles struck K1 Air Base in late December 2019, killing one."
    page = pages_of(chronology)["events/taji-rockets.md"]
    assert "Eighteen rockets hit Camp Taji." in page  # a maintainer's own summary stays
    taji.summary = "Three were killed at Taji."  # a copy of a quote is not shown twice
    page = pages_of(chronology)["events/taji-rockets.md"]
    assert "\nThree were killed at Taji.\n" not in page and "> Three were killed at Taji." in page


def test_countries_and_languages_read_as_names(chronology):
    pages = pages_of(chronology)
    assert "| [Kataib Hezbollah](kataib-hezbollah.md) | Armed group | Iraq |" in pages["actors/index.md"]
    assert "*Armed group · Iraq*" in pages["actors/kataib-hezbollah.md"]
    assert "- English: KH" in pages["actors/kataib-hezbollah.md"]
    assert "| French |" in pages["sources/index.md"] and "Language\n:   French" in pages["sources/b-two.md"]


def test_indexes_list_the_busiest_first_and_empty_ones_last(chronology):
    view = SiteView(chronology)
    assert [a.id for a in view.actors_by_events()] == ["kataib-hezbollah", "us-forces", "pmf"]
    page = pages_of(chronology)["locations/index.md"]
    assert "- [Iraq](iraq.md) (country, 3 events)" in page
    assert page.index("[Baghdad](baghdad.md)") < page.index("[K1 Air Base](k1.md)")  # 1 event each, by name


def test_listings_say_how_many_drafts_they_show_and_a_draft_says_what_it_is(chronology):
    pages = pages_of(chronology)
    for path in ("index.md", "chronology/index.md", "chronology/2019.md", "actors/index.md", "locations/index.md",
                 "sources/index.md", "locations/iraq.md"):
        assert '!!! warning "Drafts shown"' in pages[path], path
    assert "2 of the 3 events listed here are drafts" in pages["chronology/index.md"]
    assert "Drafts shown" not in pages["chronology/2020.md"]  # its one event is reviewed
    assert '!!! warning "Draft: not yet reviewed"' in pages["events/k1-rockets.md"]
    assert "[What a draft is](../about.md#drafts)" in pages["events/k1-rockets.md"]


def test_only_reviewed_leaves_drafts_out_of_pages_and_downloads(records_dir, tmp_path):
    docs = tmp_path / "docs"
    assert render_docs(records_dir, docs, only_reviewed=True).ok
    assert sorted(p.name for p in (docs / "events").glob("*.md")) == ["taji-rockets.md"]
    rows = list(csv.DictReader(io.StringIO((docs / "downloads" / "events.csv").read_text(encoding="utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == ["taji-rockets"]
    assert "Drafts shown" not in (docs / "chronology" / "index.md").read_text(encoding="utf-8")
    assert "k1-rockets" not in (docs / "chronology" / "events-index.json").read_text(encoding="utf-8")
    assert render_docs(records_dir, docs).ok  # and back: the drafts return
    assert (docs / "events" / "k1-rockets.md").exists()


def test_a_relation_to_a_draft_is_dropped_when_drafts_are_left_out(chronology):
    chronology.events["taji-rockets"].relations = []
    chronology.events["strikes"].status = "reviewed"
    reviewed = chronology.without_drafts()
    assert isinstance(reviewed, Chronology) and set(reviewed.events) == {"strikes", "taji-rockets", "rejected-one"}
    assert reviewed.events["strikes"].relations == []  # it answered k1-rockets, a draft
    assert chronology.events["strikes"].relations != []  # the records themselves are untouched


def test_a_source_links_its_original_and_archived_copy_or_says_it_has_no_address(chronology):
    pages = pages_of(chronology)
    archive = "[Web archive copy](<https://web.archive.org/web/20200312/https://example.org/a>)"
    assert f"[Original article](<https://example.org/a>) · {archive}" in pages["sources/a-one.md"]
    assert "[Web archive copy](<https://web.archive.org/web/20200312/https://example.org/a>)" in \
        pages["events/taji-rockets.md"]
    b_two = pages["sources/b-two.md"]
    assert "No web address was recorded for this article" in b_two
    assert "seeds/b_two.md" not in b_two  # no path that is not on the site


def test_the_csv_carries_acleds_current_columns_and_precision_codes(chronology):
    rows = list(csv.DictReader(io.StringIO(export.export(chronology, "csv"))))
    taji = rows[2]
    assert taji["disorder_type"] == "Political violence" and taji["civilian_targeting"] == ""
    assert taji["time_precision"] == "1" and taji["geo_precision"] == "1" and taji["tags"] == ""
    assert rows[1]["geo_precision"] == "3"  # the strikes are placed in Iraq only
    columns = next(csv.reader(io.StringIO(export.export(chronology, "csv"))))
    assert columns.index("disorder_type") == columns.index("time_precision") + 1


def test_the_data_package_and_the_downloads_page_describe_every_column(chronology):
    view = SiteView(chronology)
    package = json.loads(datapackage.text(view))
    csv_resource = next(r for r in package["resources"] if r["format"] == "csv")
    assert [f["name"] for f in csv_resource["schema"]["fields"]] == export.CSV_COLUMNS
    assert all(f["description"] for f in csv_resource["schema"]["fields"])
    assert csv_resource["path"] == "events.csv" and package["licenses"][0]["name"] == "CC-BY-4.0"
    page = pages_of(chronology)["downloads/index.md"]
    for column in export.CSV_COLUMNS:
        assert f"| `{column}` |" in page, column
    assert "## How to cite" in page and "[datapackage.json](datapackage.json)" in page


# --- history ------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(folder, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True, env={"GIT_AUTHOR_DATE": "2021-02-03T10:00:00",
                                                         "GIT_COMMITTER_DATE": "2021-02-03T10:00:00",
                                                         "PATH": "/usr/bin:/bin"})


@needs_git
def test_each_event_page_says_when_its_record_was_first_published_and_last_changed(records_dir, tmp_path):
    repo = records_dir.parent
    _git(repo, "init", "-q")
    _git(repo, "add", "records")
    _git(repo, "commit", "-qm", "First records")
    write_record(records_dir, "events", {**__import__("conftest").EVENTS[1], "fatalities": 2})
    _git(repo, "commit", "-qam", "K1: two killed, per the second source")
    (records_dir / "events" / "rejected-one.yml").unlink()
    _git(repo, "commit", "-qam", "Not an event: removed")
    found = history.read(records_dir)
    assert found.missing == ""
    assert [c.status for c in found.of("events/k1-rockets.yml")] == ["M", "A"]
    docs = tmp_path / "docs"
    assert render_docs(records_dir, docs).ok
    page = (docs / "events" / "k1-rockets.md").read_text(encoding="utf-8")
    assert ("first published 3 February 2021; last changed 3 February 2021 "
            "(K1: two killed, per the second source)") in page
    changes = (docs / "chronology" / "changes.md").read_text(encoding="utf-8")
    assert "| 2021-02-03 | changed | [Rocket attack on K1](../events/k1-rockets.md) *(draft)* |" in changes
    assert ("| 2021-02-03 | withdrawn | rejected-one (withdrawn: no longer published) | "
            "Not an event: removed |") in changes
    feed = (docs / "downloads" / "changes.atom").read_text(encoding="utf-8")
    assert "<title>Changed: Rocket attack on K1</title>" in feed


def test_without_a_repository_the_history_says_so(records_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(records_dir.parent))
    found = history.read(records_dir)
    assert found.changes == {} and found.missing
    assert render_docs(records_dir, tmp_path / "docs").ok
    page = (tmp_path / "docs" / "events" / "k1-rockets.md").read_text(encoding="utf-8")
    assert f"no history: {found.missing}" in page
    monkeypatch.setattr(history.shutil, "which", lambda name: None)
    assert history.read(records_dir).missing == "git is not installed where the site was built"


def test_the_history_is_read_with_one_git_log_for_the_whole_folder(records_dir, monkeypatch):
    calls = []
    real = history._git
    monkeypatch.setattr(history, "_git", lambda folder, *args: calls.append(args[0]) or real(folder, *args))
    history.read(records_dir)
    assert calls.count("log") <= 1 and len(calls) <= 3


def test_map_tiles_are_drawn_only_when_mkdocs_yml_names_a_tile_server(chronology):
    from conftest import ROOT

    from builder.site.build import read_config
    from builder.site.settings import Extra, Tiles

    assert read_config(ROOT / "mkdocs.yml").extra.tiles is None  # the shipped setting: no third party
    assert "data-tiles" not in pages_of(chronology)["index.md"]
    tiles = Tiles("https://tiles.example.org/{z}/{x}/{y}.png", "&copy; Example")
    home = pages_of(chronology, extra=Extra(tiles))["index.md"]
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png" data-tiles-attribution="&amp;copy; Example"' in home
