"""Extraction reads dates against a `today` it is given, so nothing in it stops working in a
given year and tests can fix the clock: the years a weekday with a day-month may fall in run
up to today's, and a publication date after today is refused as one still to come."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builder.extract.articles import read_article
from builder.extract.dates import clue_years, find_dates
from builder.extract.pipeline import extract
from builder.extract.published import open_years, publication_date_from_text
from builder.records.yamlio import parse

# 11 March fell on a Wednesday in 2009, 2015, 2020, 2026 and 2037; on a Sunday in 2001, 2007,
# 2012, 2018, 2029 and 2035.
WEDNESDAY = "Rockets struck the base on Wednesday, March 11, the army said."
SUNDAY = "Rockets struck the base on Sunday, March 11, the army said."


def _day(text: str, today: date) -> date | None:
    found = [e for e in find_dates(text, "en", None, today=today) if e.kind == "absolute"]
    assert len(found) == 1, found
    return found[0].span.start if found[0].span else None


def test_a_weekday_with_a_day_month_is_the_latest_such_day_by_today():
    assert _day(WEDNESDAY, date(2021, 1, 1)) == date(2020, 3, 11)
    assert _day(WEDNESDAY, date(2035, 6, 1)) == date(2026, 3, 11)
    assert publication_date_from_text([WEDNESDAY], "en", today=date(2035, 6, 1)) == date(2026, 3, 11)


def test_the_years_a_clue_may_fix_run_past_2030_up_to_today():
    assert clue_years(date(2035, 6, 1)) == range(2000, 2036)
    assert _day(SUNDAY, date(2035, 6, 1)) == date(2035, 3, 11)
    assert _day(SUNDAY, date(2035, 3, 1)) == date(2029, 3, 11)  # 11 March 2035 is still to come
    assert publication_date_from_text([SUNDAY], "en",
                                      today=date(2035, 6, 1)) == date(2035, 3, 11)
    assert open_years([SUNDAY], "en", today=date(2035, 6, 1)) == [2001, 2007, 2012, 2018, 2029, 2035]


def _write(folder: Path, name: str, body: str, published: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    front = f"published: {published}\n" if published else ""
    path.write_text(f"---\ntitle: Rockets hit Camp Taji\n{front}language: en\n---\n\n{body}\n",
                    encoding="utf-8")
    return path


def _record(path: Path) -> dict:
    data = parse(path.read_text(encoding="utf-8")).data
    assert isinstance(data, dict)
    return data


def test_an_article_dated_after_today_is_refused_as_from_the_future(tmp_path):
    path = _write(tmp_path, "ahead", "Rockets struck Camp Taji on Tuesday.", published="2035-03-12")
    article = read_article(path, today=date(2035, 3, 1))
    assert article.published is None and article.published_from == "unknown"
    assert any("2035-03-12, is still to come" in message for _, message in article.warnings)
    article = read_article(path, today=date(2035, 3, 12))
    assert (article.published, article.published_from) == (date(2035, 3, 12), "front-matter")
    assert article.warnings == []


def test_extract_reads_every_date_against_the_today_it_is_given(tmp_path):
    articles, records = tmp_path / "articles", tmp_path / "records"
    body = "Rockets struck Camp Taji on Sunday, March 11, killing two soldiers, the coalition said."
    _write(articles, "taji", body, published="2035-03-12")
    result = extract(articles, records, today=date(2035, 3, 1), jobs=1)
    assert any("2035-03-12, is still to come" in p.message for p in result.problems)
    [event] = [_record(path) for path in (records / "events").iterdir()]
    assert event["date"]["start"] == "2029-03-11"  # not 2035: that 11 March is still to come
    assert _record(records / "sources" / "taji.yml")["published"] != "2035-03-12"

    records = tmp_path / "later"
    result = extract(articles, records, today=date(2035, 6, 1), jobs=1)
    assert not any("still to come" in p.message for p in result.problems)
    [name] = [p.name for p in (records / "events").iterdir()]
    assert name.startswith("2035-03-11-")
    again = extract(articles, records, today=date(2035, 6, 1), jobs=1)  # its own records, not in the future
    assert not again.stopped and again.new_events == [] and again.problems == []
