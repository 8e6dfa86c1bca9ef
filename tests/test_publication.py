"""When an article was published, from what its page shows when nothing else says it: the
lines around the story, its dateline, its copyright and, for a story that gives weekdays but
no year, the other articles of the run.

Every article here is written for the test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from extraction import write_article

from builder.extract.articles import read_article
from builder.extract.knowledge import load_knowledge
from builder.extract.pipeline import ExtractResult, read_mentions
from builder.extract.published import open_years, publication_date


def page(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


STORY = "Two rockets struck the Green Zone on Tuesday, wounding a guard, police said."


@pytest.mark.parametrize("line, expected", [
    ("Publié le 02-07-2011 Modifié le 02-07-2011 à 12:47", date(2011, 7, 2)),
    ("Par notre correspondante – Publié le 4 septembre 2023 à 11h20", date(2023, 9, 4)),
    ("Live updates | Sunday 13 March 2022", date(2022, 3, 13)),
    ("Moyen-Orient | 06/10/2023 - 17:42 | Par la rédaction", date(2023, 10, 6)),
])
def test_a_line_that_dates_the_page_gives_the_publication_date(tmp_path, line, expected):
    language = "fr" if "Publié" in line or "Moyen" in line else "en"
    body = STORY if language == "en" else "Deux roquettes ont frappé la zone verte mardi, blessant un garde."
    article = read_article(page(tmp_path, "a", f"Rockets hit the Green Zone\n\n{line}\n\n{body}\n"))
    assert publication_date(article) == (expected, "text")


def test_a_dateline_without_a_year_takes_the_copyright_year(tmp_path):
    article = read_article(page(tmp_path, "a", "Clash near the border\n\nERBIL, Iraq, June 7 (Reuters) - "
                                "Five fighters were killed in a clash near the border on Saturday.\n\n"
                                "© 2021 Reuters. All rights reserved.\n"))
    assert publication_date(article) == (date(2021, 6, 7), "text")


def test_talk_of_what_is_to_come_does_not_push_the_publication_date_later(tmp_path):
    article = read_article(page(tmp_path, "a", "Journée sanglante à Bagdad\n\n"
                                "La capitale a vécu dimanche 6 avril 2008 une journée violente. Deux "
                                "roquettes ont frappé la zone verte. Le chef chiite a appelé à une marche "
                                "contre l'occupation mercredi 9 avril 2008.\n"))
    assert publication_date(article)[0] == date(2008, 4, 7)


def test_weekdays_with_a_day_and_month_leave_the_years_they_fit_open():
    assert open_years(["La capitale a vécu dimanche 6 avril une journée violente."], "fr",
                      today=date(2026, 1, 1)) == [2003, 2008, 2014, 2025]
    assert open_years(["Sunday 6 April 2008 was a violent day."], "en") == []


def test_an_open_year_is_settled_by_the_incidents_other_articles_date(tmp_path):
    folder = tmp_path / "articles"
    write_article(folder, "a_dated", "Rockets and mortar shells struck the Green Zone in Baghdad on Sunday "
                  "23 March, the US embassy said.", "en", "2008-03-24")
    write_article(folder, "b_dated", "Militants fired rockets at Camp Taji on 20 July, the army said.",
                  "en", "2014-07-21")
    page(folder, "c_open", "Nouvelle journée de violences à Bagdad\n\n"
         "Dimanche 6 avril, deux roquettes ont frappé la base de Muqdadiyah. Depuis le dimanche 23 mars, "
         "des roquettes ont frappé la zone verte de Bagdad, tuant deux gardes.\n")
    result = ExtractResult()
    _, sources = read_mentions(sorted(folder.iterdir()), load_knowledge(), tmp_path / "records", result)
    open_article = next(s for s in sources.values() if s.path.endswith("c_open.txt"))
    assert open_article.published == date(2008, 4, 7)


@pytest.mark.parametrize("line, language, expected", [
    ("Published: 14/11/2021 - 17:40", "en", date(2021, 11, 14)),     # day first: 14 is no month
    ("Posted 11/14/2021 09:12", "en", date(2021, 11, 14)),           # month first: 14 is no month
    ("Dernière mise à jour à 08h41 le 24/02", "fr", date(2017, 2, 24)),  # the year the story gives
    ("Tue 9 Mar 2021 06.30 GMT", "en", date(2021, 3, 9)),
    ("Updated Oct. 2, 2020 11:20 AM ET", "en", date(2020, 10, 2)),
])
def test_a_stamp_line_dates_the_page_whatever_its_form(tmp_path, line, language, expected):
    body = ("Five soldiers were killed on 22 February 2017 when their post came under fire, the army said."
            if language == "en" and expected.year == 2017 else
            "Cinq soldats ont été tués le 22 février 2017 dans l'attaque de leur poste, selon l'armée."
            if expected.year == 2017 else STORY)
    article = read_article(page(tmp_path, "a", f"Attack on an army post\n\n{line}\n\n{body}\n"))
    assert publication_date(article, today=date(2026, 12, 1))[0] == expected


def test_a_date_in_words_in_the_front_matter_is_read(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Rockets hit a base\npublished: 2 March 2021\nlanguage: en\n---\n\n"
                    f"{STORY}\n", encoding="utf-8")
    article = read_article(path)
    assert (article.published, article.published_from) == (date(2021, 3, 2), "front-matter")


@pytest.mark.parametrize("url, expected", [
    ("https://news.example.org/world/2021/mar/09/rockets-hit-base", date(2021, 3, 9)),
    ("https://www.example.fr/international/20200911-attaque-niger", date(2020, 9, 11)),
    ("https://example.com/story?id=7&d=2020-05-02", date(2020, 5, 2)),
])
def test_an_address_of_any_usual_shape_dates_the_page(url, expected):
    from builder.extract.articles import date_from_url

    assert date_from_url(url) == expected


def test_an_undated_article_is_dated_by_the_incident_another_article_tells_at_its_place(tmp_path):
    folder = tmp_path / "articles"
    write_article(folder, "a_dated", "Gunmen killed four villagers in Muqdadiyah on Thursday 9 January 2020, "
                  "police said.", "en", "2020-01-10")
    page(folder, "b_undated", "Villagers killed in Muqdadiyah\n\n"
         "Gunmen stormed Muqdadiyah on Thursday, killing four villagers, residents said.\n")
    result = ExtractResult()
    told, sources = read_mentions(sorted(folder.iterdir()), load_knowledge(), tmp_path / "records", result,
                                  today=date(2026, 1, 1))
    undated = next(s for s in sources.values() if s.path.endswith("b_undated.txt"))
    assert (undated.published, undated.published_from) == (date(2020, 1, 10), "inferred")
    assert {m.known_date.start for m in told if m.article == undated.id} == {date(2020, 1, 9)}
    assert any("was inferred from the incidents other articles tell" in str(p) for p in result.problems)


def test_an_article_no_date_can_be_found_for_says_what_was_lost_and_how_to_date_it(tmp_path):
    folder = tmp_path / "articles"
    page(folder, "undated", "Villagers killed in Muqdadiyah\n\n"
         "Gunmen stormed Muqdadiyah on Thursday, killing four villagers, residents said.\n")
    result = ExtractResult()
    told, _ = read_mentions(sorted(folder.iterdir()), load_knowledge(), tmp_path / "records", result)
    assert told == []
    (warning,) = [str(p) for p in result.problems]
    assert "no publication date found" in warning and "1 incident it dates relative to it was left out" in warning
    assert "`published: YYYY-MM-DD`" in warning and "--published" in warning


def test_a_maintainer_gives_one_article_its_date(tmp_path):
    from builder.cli import main
    from builder.records import validate

    folder = tmp_path / "articles"
    path = page(folder, "undated", "Villagers killed in Muqdadiyah\n\n"
                "Gunmen stormed Muqdadiyah on Thursday, killing four villagers, residents said.\n")
    records = tmp_path / "records"
    assert main(["extract", "--articles", str(path), "--records", str(records), "--published", "2020-01-10"]) == 0
    chron, problems = validate.load(records)
    assert not problems
    (source,) = chron.sources.values()
    assert (source.published, source.published_from) == (date(2020, 1, 10), "maintainer")
    assert [ev.date.start for ev in chron.events.values()] == [date(2020, 1, 9)]
    assert main(["extract", "--articles", str(folder), "--records", str(records), "--published", "2020-01-10"]) == 2


def test_an_undated_article_is_not_dated_by_an_incident_of_another_kind_at_its_place(tmp_path):
    folder = tmp_path / "articles"
    write_article(folder, "a_dated", "Hundreds of people marched peacefully in Muqdadiyah on Thursday 9 January 2020.",
                  "en", "2020-01-10")
    page(folder, "b_undated", "Villagers killed in Muqdadiyah\n\n"
         "Gunmen stormed Muqdadiyah on Thursday, killing four villagers, residents said.\n")
    result = ExtractResult()
    _, sources = read_mentions(sorted(folder.iterdir()), load_knowledge(), tmp_path / "records", result,
                               today=date(2026, 1, 1))
    undated = next(s for s in sources.values() if s.path.endswith("b_undated.txt"))
    assert undated.published is None


def test_an_undated_article_is_dated_by_an_incident_another_article_tells_as_news_of_its_week(tmp_path):
    folder = tmp_path / "articles"
    write_article(folder, "a_dated", "Russian forces have launched missiles into the railway station of Kramatorsk, "
                  "killing thirty civilians.", "en", "2022-04-08")
    page(folder, "b_undated", "Station struck\n\n"
         "Two rockets hit the railway station of Kramatorsk on Friday morning, killing fifty civilians.\n")
    result = ExtractResult()
    told, sources = read_mentions(sorted(folder.iterdir()), load_knowledge(), tmp_path / "records", result,
                                  today=date(2026, 1, 1))
    undated = next(s for s in sources.values() if s.path.endswith("b_undated.txt"))
    assert (undated.published, undated.published_from) == (date(2022, 4, 8), "inferred")
    assert {m.known_date.start for m in told if m.article == undated.id} == {date(2022, 4, 8)}
