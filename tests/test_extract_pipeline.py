"""The extraction run: articles in, records out, merged across articles and with what the
records already hold, without ever losing what a maintainer wrote."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from extraction import write_article

from builder.cli import main
from builder.extract.pipeline import extract
from builder.records import validate
from builder.records.yamlio import parse
from builder.site import export

EN_TAJI = """Two American soldiers and a British soldier were killed on Wednesday evening when
eighteen rockets struck Camp Taji, north of Baghdad, the coalition said.

Twelve other people were wounded. Washington blamed Kataib Hezbollah for the attack."""

FR_TAJI = """Trois soldats de la coalition ont été tués mercredi soir par des tirs de roquettes sur le
camp Taji, au nord de Bagdad, selon la coalition internationale.

Quatre autres personnes ont été blessées, d'après un responsable militaire."""

FR_MARCH = """En mars, deux Américains et un soldat britannique avaient été tués par des roquettes sur
la base de Taji. Depuis, les attaques se sont multipliées."""


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write_article(folder, "en_taji", EN_TAJI, "en", "2020-03-12", "Rockets kill three at Taji")
    write_article(folder, "fr_taji", FR_TAJI, "fr", "2020-03-12", "Trois morts à Taji")
    return folder


def events_of(records: Path) -> dict:
    chron, problems = validate.load(records)
    assert [p for p in problems if p.is_error] == []
    return chron.events


def only_event(records: Path):
    events = events_of(records)
    assert len(events) == 1, list(events)
    return next(iter(events.values()))


def snapshot(records: Path) -> dict[str, bytes]:
    return {p.relative_to(records).as_posix(): p.read_bytes() for p in sorted(records.rglob("*.yml"))}


def test_a_new_chronology_takes_its_actors_and_places_from_the_knowledge_base(articles, tmp_path):
    records = tmp_path / "records"
    result = extract(articles, records)
    assert result.articles == 2 and result.problems == []
    chron, problems = validate.load(records)
    assert problems == []
    assert {"camp-taji", "baghdad-governorate", "iraq"} <= set(chron.locations)
    assert {"kataib-hezbollah", "united-states"} <= set(chron.actors)
    assert set(chron.sources) == {"en-taji", "fr-taji"}


def test_one_incident_told_in_two_languages_is_one_event_with_two_sources(articles, tmp_path):
    records = tmp_path / "records"
    extract(articles, records)
    ev = only_event(records)
    assert ev.location == "camp-taji" and ev.sub_event_type == "Shelling/artillery/missile attack"
    assert [s.article for s in ev.sources] == ["en-taji", "fr-taji"]
    assert all(s.quotes for s in ev.sources)
    kh = next(a for a in ev.actors if a.actor == "kataib-hezbollah")
    assert kh.role == "suspected-perpetrator" and kh.blamed_by == ["united-states"]


def test_disagreeing_tolls_keep_each_sources_figure_and_a_best_value(articles, tmp_path):
    records = tmp_path / "records"
    extract(articles, records)
    ev = only_event(records)
    assert {s.article: s.injured for s in ev.sources} == {"en-taji": 12, "fr-taji": 4}
    assert (ev.injured.low, ev.injured.high) == (4, 12)
    assert ev.fatalities.best == 3 and not ev.fatalities.disputed


def test_a_vaguer_mention_merges_into_the_dated_event(articles, tmp_path):
    write_article(articles, "fr_later", FR_MARCH, "fr", "2020-07-05")
    records = tmp_path / "records"
    extract(articles, records)
    ev = only_event(records)
    assert ev.date.start.isoformat() == "2020-03-11" and ev.date.precision == "day"
    assert len(ev.sources) == 3


def test_two_runs_on_the_same_articles_write_byte_identical_records(articles, tmp_path):
    records = tmp_path / "records"
    extract(articles, records)
    first = snapshot(records)
    result = extract(articles, records)
    assert snapshot(records) == first
    assert result.new_events == [] and result.updated_events == []


def test_a_new_article_adds_a_source_and_fills_only_empty_fields(articles, tmp_path):
    records = tmp_path / "records"
    write_article(tmp_path / "first", "en_taji", EN_TAJI, "en", "2020-03-12")
    extract(tmp_path / "first", records)
    path = next((records / "events").glob("*.yml"))
    text = path.read_text()
    edited = text.replace("\nfatalities: 3\n", "\nfatalities: 2  # checked with the coalition's statement\n")
    path.write_text(edited.replace("title: Rocket attack on Camp Taji", "title: Rockets hit Taji"))
    extract(articles, records)
    after = path.read_text()
    assert "fatalities: 2  # checked with the coalition's statement" in after
    assert "title: Rockets hit Taji" in after
    ev = only_event(records)
    assert [s.article for s in ev.sources] == ["en-taji", "fr-taji"]
    assert {s.article: s.fatalities for s in ev.sources} == {"en-taji": 3, "fr-taji": 3}


def test_comments_and_key_order_survive_a_re_extract(articles, tmp_path):
    records = tmp_path / "records"
    write_article(tmp_path / "first", "en_taji", EN_TAJI, "en", "2020-03-12")
    extract(tmp_path / "first", records)
    path = next((records / "events").glob("*.yml"))
    lines = path.read_text().splitlines()
    lines.insert(2, "# Reviewed against the Pentagon's statement of 12 March.")
    path.write_text("\n".join(lines) + "\n")
    extract(articles, records)
    after = path.read_text().splitlines()
    assert after[2] == "# Reviewed against the Pentagon's statement of 12 March."
    assert [line.split(":")[0] for line in after if line and line[0] not in " -#"][:4] == \
        ["id", "title", "status", "event_type"]


def test_a_reviewed_event_is_not_changed_by_extraction(articles, tmp_path):
    records = tmp_path / "records"
    write_article(tmp_path / "first", "en_taji", EN_TAJI, "en", "2020-03-12")
    extract(tmp_path / "first", records)
    path = next((records / "events").glob("*.yml"))
    path.write_text(path.read_text().replace("status: draft", "status: reviewed"))
    before = path.read_bytes()
    extract(articles, records)
    assert path.read_bytes() == before
    assert len(events_of(records)) == 1


def test_a_rejected_event_never_comes_back(articles, tmp_path):
    records = tmp_path / "records"
    extract(articles, records)
    path = next((records / "events").glob("*.yml"))
    path.write_text(path.read_text().replace("status: draft", "status: rejected"))
    extract(articles, records)
    events = events_of(records)
    assert [e.status for e in events.values()] == ["rejected"]
    assert json.loads(export.export(validate.load(records)[0], "json"))["events"] == []


def test_a_deleted_draft_comes_back(articles, tmp_path):
    records = tmp_path / "records"
    extract(articles, records)
    path = next((records / "events").glob("*.yml"))
    path.unlink()
    extract(articles, records)
    assert path.exists()


def test_an_article_in_another_language_gives_a_warning_and_no_events(tmp_path):
    folder = tmp_path / "articles"
    write_article(folder, "de", "Raketen trafen am Mittwoch das Lager Taji nördlich von Bagdad. Drei "
                                "Soldaten wurden getötet, teilte die Koalition mit.", "de")
    result = extract(folder, tmp_path / "records")
    assert [p.severity for p in result.problems] == ["warning"]
    assert "language 'de'" in result.problems[0].message
    assert result.new_events == []


def test_a_place_the_knowledge_base_lacks_becomes_a_draft_location(tmp_path):
    folder = tmp_path / "articles"
    write_article(folder, "a", "Three rockets struck the Marwan air base in Babil province on Monday, "
                               "wounding two soldiers.", published="2020-01-14")
    records = tmp_path / "records"
    extract(folder, records)
    chron, problems = validate.load(records)
    assert problems == []
    loc = chron.locations["marwan"]
    assert (loc.status, loc.kind, loc.parent, loc.latitude) == ("draft", "base", "babil-governorate", None)
    assert next(iter(chron.events.values())).location == "marwan"


def test_a_place_the_base_lacks_is_placed_from_the_gazetteer_among_namesakes_by_the_region_named(tmp_path):
    folder = tmp_path / "articles"  # two Adamivkas: the small gazetteer's, as GeoNames has them
    write_article(folder, "a", "Russian shelling hit the village of Adamivka in Dnipropetrovsk Oblast on "
                               "Monday, killing two civilians.", published="2023-03-14")
    records = tmp_path / "records"
    extract(folder, records)
    chron, problems = validate.load(records)
    assert problems == []
    loc = chron.locations["adamivka"]
    assert (loc.status, loc.kind, loc.parent, loc.country) == ("draft", "village", "dnipropetrovsk-oblast", "UA")
    assert (loc.latitude, loc.longitude, loc.geonames, loc.precision) == (48.324, 34.2109, 713801, None)
    assert next(iter(chron.events.values())).location == "adamivka"


def test_a_new_town_is_called_by_its_name_and_a_new_base_with_its_kind(tmp_path):
    folder = tmp_path / "articles"
    write_article(folder, "a", "Three rockets struck the Adamivka air base in Babil province on Monday, and a bomb "
                               "went off in the town of Tell Qasra on Tuesday.", published="2020-01-15")
    records = tmp_path / "records"
    extract(folder, records)
    chron, _ = validate.load(records)
    assert {chron.locations[i].name for i in ("adamivka", "tell-qasra")} == {"Adamivka air base", "Tell Qasra"}


def test_a_place_the_gazetteer_knows_only_elsewhere_stays_a_draft_without_coordinates(tmp_path):
    folder = tmp_path / "articles"  # the small gazetteer has Adamivkas in Ukraine only
    write_article(folder, "a", "Three rockets struck the Adamivka air base in Babil province on Monday, "
                               "wounding two soldiers.", published="2020-01-14")
    records = tmp_path / "records"
    extract(folder, records)
    chron, _ = validate.load(records)
    loc = chron.locations["adamivka"]
    assert (loc.parent, loc.latitude, loc.geonames) == ("babil-governorate", None, None)


def test_extract_refuses_to_merge_into_invalid_records(articles, tmp_path, capsys):
    records = tmp_path / "records"
    (records / "events").mkdir(parents=True)
    (records / "events" / "broken.yml").write_text("id: broken\ntitle: [\n")
    assert main(["extract", "--articles", str(articles), "--records", str(records)]) == 1
    assert "broken.yml:" in capsys.readouterr().out
    assert not (records / "sources").exists()


def test_the_json_export_names_each_source_by_its_article_file(articles, tmp_path):
    records = tmp_path / "records"
    extract(articles, records)
    doc = json.loads(export.export(validate.load(records)[0], "json"))
    assert [s["article"] for s in doc["events"][0]["sources"]] == ["en_taji", "fr_taji"]
    assert isinstance(doc["events"][0]["injured"], int)


def test_every_record_written_parses_and_starts_with_its_schema_line(articles, tmp_path):
    records = tmp_path / "records"
    extract(articles, records)
    for path in records.rglob("*.yml"):
        text = path.read_text()
        assert text.startswith("# yaml-language-server: $schema=")
        assert parse(text).data["id"] == path.stem


# --- untrusted articles: ids, limits, refusals ------------------------------------------------


def test_articles_whose_names_make_the_same_id_get_the_same_distinct_ids_on_every_run(articles, tmp_path):
    for name in ("en taji", "en-taji!"):  # en_taji.md is there already: all three slug to en-taji
        (articles / f"{name}.md").write_text((articles / "en_taji.md").read_text(), encoding="utf-8")
    records = tmp_path / "records"
    first = extract(articles, records)
    ids = {s.path.rsplit("/", 1)[-1]: s.id for s in validate.load(records)[0].sources.values()}
    assert ids == {"en taji.md": "en-taji", "en-taji!.md": "en-taji-2", "en_taji.md": "en-taji-3",
                   "fr_taji.md": "fr-taji"}
    assert [str(p) for p in first.problems if "is already that of" in p.message] == [
        f"{articles}/en-taji!.md: warning: the id 'en-taji' is already that of "
        "articles/en taji.md; this article's source is 'en-taji-2'",
        f"{articles}/en_taji.md: warning: the id 'en-taji' is already that of "
        "articles/en taji.md; this article's source is 'en-taji-3'"]
    before = snapshot(records)
    # A new article first in name order takes no id from those the records hold.
    (articles / "en  taji.md").write_text((articles / "en_taji.md").read_text(), encoding="utf-8")
    extract(articles, records)
    after = {s.path.rsplit("/", 1)[-1]: s.id for s in validate.load(records)[0].sources.values()}
    assert after == {**ids, "en  taji.md": "en-taji-4"}
    assert {k: v for k, v in snapshot(records).items() if k.startswith("sources/")
            and k in before} == {k: v for k, v in before.items() if k.startswith("sources/")}


def test_an_article_telling_more_incidents_than_the_limit_is_refused_and_the_others_kept(
        articles, tmp_path, monkeypatch):
    from builder.extract import pipeline
    from builder.extract.articles import Limits

    monkeypatch.setattr(pipeline, "limits", lambda: Limits(5_000_000, 20_000, 1))
    write_article(articles, "roundup", EN_TAJI + "\n\nOn 20 March, a car bomb exploded in Kirkuk, "
                                                 "killing five civilians.", "en", "2020-03-21")
    records = tmp_path / "records"
    result = extract(articles, records)
    assert [str(p) for p in result.problems] == [
        f"{articles}/roundup.md: tells of 2 incidents, more than the 1 an article may "
        "(max_events_per_article in builder/extract/limits.yml); split it into several articles"]
    assert result.skipped == 1
    assert sorted(validate.load(records)[0].sources) == ["en-taji", "fr-taji"]


def test_refused_articles_are_named_the_rest_is_built_and_the_exit_status_says_so(articles, tmp_path, capsys):
    (articles / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (articles / "empty.md").write_bytes(b"")
    records = tmp_path / "records"
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\ndocs_dir: docs\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    status = main(["build", "--articles", str(articles), "--records", str(records), "--no-mkdocs",
                   "--config", str(config)])
    out, err = capsys.readouterr()
    assert status == 1
    assert f"{articles}/photo.txt: holds NUL bytes (the first at byte 8)" in out
    assert f"{articles}/empty.md: is empty" in out
    assert "4 articles read (2 skipped)" in err and "2 input files refused (listed above)" in err
    assert sorted(validate.load(records)[0].sources) == ["en-taji", "fr-taji"]
    assert (tmp_path / "docs" / "events").is_dir()


def test_dates_still_to_come_are_left_out_so_the_records_stay_valid(tmp_path):
    folder = tmp_path / "articles"
    write_article(folder, "ahead", "On 12 March 2099, rockets struck Camp Taji, killing three soldiers.",
                  "en", "2999-01-01")
    (folder / "url.txt").write_text("Rockets hit Balad\n\nhttps://www.example.org/news/2098/05/04/balad\n\n"
                                    "Rockets struck Balad air base on Monday 4 May 2020, wounding two airmen.\n",
                                    encoding="utf-8")
    records = tmp_path / "records"
    result = extract(folder, records)
    warnings = [str(p) for p in result.problems]
    assert f"{folder}/ahead.md: warning: the publication date its front matter or page gives, 2999-01-01, " \
           "is still to come; left out, so the date is looked for in the text" in warnings
    assert f"{folder}/ahead.md: warning: tells of an incident on 2099-03-12, a day still to come; left out" in warnings
    assert f"{folder}/url.txt: warning: the publication date its address gives, 2098-05-04, is still to " \
           "come; left out, so the date is looked for in the text" in warnings
    chron, problems = validate.load(records)
    assert problems == [] and sorted(chron.sources) == ["ahead", "url"]
    # The strike whose date is past is kept, dated by the text rather than by the address.
    assert [ev.date.start for ev in chron.events.values()] == [date(2020, 5, 4)]


def test_an_incident_the_day_after_a_year_is_a_range_so_its_record_is_valid(tmp_path):
    # Found by fuzzing: "the next day" after "last year" kept the precision of a calendar year.
    folder = tmp_path / "articles"
    write_article(folder, "a", "Last year, rockets struck Camp Taji, killing two soldiers. The next day, "
                               "a drone strike hit Baghdad, killing three people.", "en", "1999-01-01")
    records = tmp_path / "records"
    extract(folder, records)
    chron, problems = validate.load(records)
    assert problems == []
    spans = sorted((e.date.start.isoformat(), e.date.end.isoformat(), e.date.precision) for e in chron.events.values())
    assert spans == [("1998-01-01", "1998-12-31", "year"), ("1998-01-02", "1999-01-01", "range")]
