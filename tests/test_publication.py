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
         "Dimanche 6 avril, deux roquettes ont frappé la base de Rustamiya. Depuis le dimanche 23 mars, "
         "des roquettes ont frappé la zone verte de Bagdad, tuant deux gardes.\n")
    result = ExtractResult()
    _, sources = read_mentions(sorted(folder.iterdir()), load_knowledge(), tmp_path / "records", result)
    open_article = next(s for s in sources.values() if s.path.endswith("c_open.txt"))
    assert open_article.published == date(2008, 4, 7)
