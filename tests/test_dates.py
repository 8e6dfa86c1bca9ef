"""Dates in articles: what each kind of expression resolves to, in English and French."""

from __future__ import annotations

from datetime import date

import pytest

from builder.extract.date_lexicon import DateLexicon
from builder.extract.dates import TimeExpression, find_dates
from builder.extract.lexicon import LexiconError
from builder.extract.published import publication_date_from_text
from builder.records.model import DateSpan

# Publication dates the tests read against (weekdays checked by test_the_fixture_weekdays).
FRI_2021_05_14 = date(2021, 5, 14)
SUN_2021_03_07 = date(2021, 3, 7)
TUE_2021_01_05 = date(2021, 1, 5)
WED_2021_03_03 = date(2021, 3, 3)


def the_one(text: str, language: str, published: date | None) -> TimeExpression:
    """The single expression a sentence holds."""
    found = find_dates(text, language, published)
    assert len(found) == 1, [(e.text, e.kind) for e in found]
    return found[0]


def day(y: int, m: int, d: int) -> DateSpan:
    return DateSpan.day(date(y, m, d))


def span(start: tuple, end: tuple, precision: str = "range") -> DateSpan:
    return DateSpan(date(*start), date(*end), precision)


def test_the_fixture_weekdays():
    assert [d.strftime("%A") for d in (FRI_2021_05_14, SUN_2021_03_07, TUE_2021_01_05, WED_2021_03_03)] == [
        "Friday", "Sunday", "Tuesday", "Wednesday"]


# --- absolute -----------------------------------------------------------------------------


@pytest.mark.parametrize("language, text, expected", [
    ("en", "Gunmen stormed the checkpoint on 12 May 2021, officials said.", day(2021, 5, 12)),
    ("en", "The convoy was ambushed on May 12, 2021 near the border.", day(2021, 5, 12)),
    ("en", "The convoy was ambushed on May 12 near the border.", day(2021, 5, 12)),
    ("en", "Police said the raid took place on the 12th of May.", day(2021, 5, 12)),
    ("fr", "Des hommes armés ont attaqué le poste le 12 mai 2021.", day(2021, 5, 12)),
    ("fr", "L'embuscade a eu lieu le 1er mai, selon l'armée.", day(2021, 5, 1)),
    ("fr", "Mis en ligne le 02-05-2021 à 09:30.", day(2021, 5, 2)),
    ("fr", "Mis à jour le 03.05.2021.", day(2021, 5, 3)),
])
def test_a_day_with_its_month_is_that_day(language, text, expected):
    found = the_one(text, language, FRI_2021_05_14)
    assert (found.kind, found.span) == ("absolute", expected)


@pytest.mark.parametrize("language, text, written", [
    ("en", "Militants shelled the town on Tuesday, May 11, killing two.", "Tuesday, May 11"),
    ("fr", "Le village a été bombardé mardi 11 mai, faisant deux morts.", "mardi 11 mai"),
])
def test_a_weekday_with_a_day_month_is_one_absolute_date(language, text, written):
    found = the_one(text, language, FRI_2021_05_14)
    assert (found.text, found.kind, found.span) == (written, "absolute", day(2021, 5, 11))


@pytest.mark.parametrize("language, text", [
    ("en", "A car bomb went off on December 30 outside the ministry."),
    ("fr", "Une voiture piégée a explosé le 30 décembre devant le ministère."),
])
def test_a_december_date_in_a_january_article_is_last_year(language, text):
    assert the_one(text, language, TUE_2021_01_05).span == day(2020, 12, 30)


def test_a_date_a_few_days_ahead_is_this_year_not_last_year():
    found = the_one("Talks are scheduled for January 9 in Geneva.", "en", TUE_2021_01_05)
    assert found.span == day(2021, 1, 9)


def test_29_february_without_a_year_is_the_last_leap_day():
    assert the_one("The base was hit on February 29.", "en", WED_2021_03_03).span == day(2020, 2, 29)
    assert the_one("La base a été visée le 29 février.", "fr", WED_2021_03_03).span == day(2020, 2, 29)


def test_a_day_that_does_not_exist_is_no_date():
    assert find_dates("The report is dated 29 February 2021.", "en", WED_2021_03_03) == []
    assert find_dates("Rendez-vous le 31 juin.", "fr", WED_2021_03_03) == []


def test_a_date_in_an_address_is_found():
    found = the_one("https://news.example.org/2021/05/13/rockets-hit-base", "en", None)
    assert found.span == day(2021, 5, 13)


def test_english_month_and_weekday_names_must_be_capitalised():
    assert find_dates("Rebels may march 5 kilometres to the city and sunday school closed.", "en",
                      FRI_2021_05_14) == []


# --- weekday ------------------------------------------------------------------------------


@pytest.mark.parametrize("language, text, expected", [
    ("en", "A drone struck a truck on Wednesday.", day(2021, 5, 12)),
    ("en", "Officials said on Friday that the toll had risen.", day(2021, 5, 14)),
    ("en", "The attack came last Friday.", day(2021, 5, 7)),
    ("fr", "Un drone a frappé un camion mercredi.", day(2021, 5, 12)),
    ("fr", "Les autorités ont annoncé vendredi un nouveau bilan.", day(2021, 5, 14)),
    ("fr", "L'attaque a eu lieu vendredi dernier.", day(2021, 5, 7)),
])
def test_a_weekday_is_the_latest_such_day_up_to_publication(language, text, expected):
    found = the_one(text, language, FRI_2021_05_14)
    assert (found.kind, found.span) == ("weekday", expected)


@pytest.mark.parametrize("language, text, written, time_of_day", [
    ("en", "Mortar rounds fell on the camp on Saturday evening.", "Saturday evening", "evening"),
    ("en", "Mortar rounds fell on the camp late on Saturday.", "late on Saturday", "night"),
    ("en", "Early on Saturday, mortar rounds fell on the camp.", "Early on Saturday", "dawn"),
    ("fr", "Des obus sont tombés sur le camp samedi soir.", "samedi soir", "evening"),
    ("fr", "Des obus sont tombés sur le camp tard samedi.", "tard samedi", "night"),
    ("fr", "Et samedi, à l'aube, des obus sont tombés.", "samedi, à l'aube", "dawn"),
])
def test_a_weekday_keeps_its_time_of_day(language, text, written, time_of_day):
    found = the_one(text, language, SUN_2021_03_07)
    assert (found.text, found.span, found.time_of_day) == (written, day(2021, 3, 6), time_of_day)


def test_the_night_from_one_weekday_to_the_next_is_a_range():
    found = the_one("Des tirs ont eu lieu dans la nuit de samedi à dimanche.", "fr", SUN_2021_03_07)
    assert (found.kind, found.span, found.time_of_day) == (
        "weekday", span((2021, 3, 6), (2021, 3, 7)), "night")


def test_without_a_publication_date_a_weekday_is_unresolved():
    found = the_one("Rockets hit the base on Sunday.", "en", None)
    assert (found.kind, found.span) == ("weekday", None)


# --- relative -----------------------------------------------------------------------------


@pytest.mark.parametrize("language, text, expected", [
    ("en", "Two soldiers were killed yesterday.", day(2021, 3, 6)),
    ("fr", "Deux soldats ont été tués hier.", day(2021, 3, 6)),
    ("en", "The army said today that it had retaken the town.", day(2021, 3, 7)),
    ("fr", "L'armée a déclaré aujourd'hui avoir repris la ville.", day(2021, 3, 7)),
    ("en", "The camp was shelled three days ago.", day(2021, 3, 4)),
    ("fr", "Le camp a été bombardé il y a trois jours.", day(2021, 3, 4)),
    ("en", "The camp was shelled two weeks ago.", span((2021, 2, 18), (2021, 2, 24))),
    ("fr", "Le camp a été bombardé il y a deux semaines.", span((2021, 2, 18), (2021, 2, 24))),
    ("en", "The camp was shelled a few days ago.", span((2021, 3, 1), (2021, 3, 5))),
    ("en", "Protests spread last week.", span((2021, 2, 22), (2021, 2, 28))),
    ("fr", "Les manifestations se sont étendues la semaine dernière.", span((2021, 2, 22), (2021, 2, 28))),
    ("en", "Protests spread last month.", span((2021, 2, 1), (2021, 2, 28), "month")),
    ("fr", "Les manifestations se sont étendues le mois dernier.", span((2021, 2, 1), (2021, 2, 28), "month")),
    ("en", "Protests spread earlier this month.", span((2021, 3, 1), (2021, 3, 6))),
    ("en", "The group was founded last year.", span((2020, 1, 1), (2020, 12, 31), "year")),
    ("fr", "Le groupe a été fondé l'an dernier.", span((2020, 1, 1), (2020, 12, 31), "year")),
    ("fr", "Le groupe a été fondé l’année dernière.", span((2020, 1, 1), (2020, 12, 31), "year")),
    ("en", "Twelve attacks were recorded this year.", span((2021, 1, 1), (2021, 12, 31), "year")),
    ("fr", "Douze attaques ont été recensées cette année.", span((2021, 1, 1), (2021, 12, 31), "year")),
])
def test_relative_expressions_count_from_publication(language, text, expected):
    found = the_one(text, language, SUN_2021_03_07)
    assert (found.kind, found.span) == ("relative", expected)


@pytest.mark.parametrize("language, text, expected", [
    ("en", "Forty people died over the past two weeks.", span((2021, 2, 21), (2021, 3, 7))),
    ("fr", "Quarante personnes sont mortes ces deux dernières semaines.", span((2021, 2, 21), (2021, 3, 7))),
    ("en", "Three attacks in the past 24 hours.", span((2021, 3, 6), (2021, 3, 7))),
    ("fr", "Trois attaques au cours des dernières 24 heures.", span((2021, 3, 6), (2021, 3, 7))),
])
def test_the_past_few_units_reach_up_to_publication(language, text, expected):
    assert the_one(text, language, SUN_2021_03_07).span == expected


@pytest.mark.parametrize("language, text, published, expected", [
    ("en", "The base was hit last weekend.", SUN_2021_03_07, span((2021, 2, 27), (2021, 2, 28))),
    ("en", "The base was hit over the weekend.", SUN_2021_03_07, span((2021, 3, 6), (2021, 3, 7))),
    ("fr", "La base a été visée le week-end dernier.", WED_2021_03_03, span((2021, 2, 27), (2021, 2, 28))),
])
def test_last_weekend_is_the_latest_one_over_by_publication(language, text, published, expected):
    assert the_one(text, language, published).span == expected


def test_last_month_in_january_is_last_december():
    assert the_one("It began last month.", "en", TUE_2021_01_05).span == span(
        (2020, 12, 1), (2020, 12, 31), "month")


def test_yesterday_evening_keeps_its_time():
    found = the_one("Des roquettes sont tombées hier soir.", "fr", SUN_2021_03_07)
    assert (found.text, found.span, found.time_of_day) == ("hier soir", day(2021, 3, 6), "evening")


# --- period -------------------------------------------------------------------------------


@pytest.mark.parametrize("language, text, expected", [
    ("en", "The base was attacked in late December 2019.", span((2019, 12, 21), (2019, 12, 31))),
    ("fr", "La base a été attaquée fin décembre 2019.", span((2019, 12, 21), (2019, 12, 31))),
    ("en", "Arrests followed in early February.", span((2021, 2, 1), (2021, 2, 10))),
    ("fr", "Des arrestations ont suivi début février.", span((2021, 2, 1), (2021, 2, 10))),
    ("en", "Fighting resumed in mid-January.", span((2021, 1, 11), (2021, 1, 20))),
    ("fr", "Les combats ont repris mi-janvier.", span((2021, 1, 11), (2021, 1, 20))),
    ("fr", "Les combats ont repris à la mi-janvier.", span((2021, 1, 11), (2021, 1, 20))),
    ("en", "The town fell in January.", span((2021, 1, 1), (2021, 1, 31), "month")),
    ("fr", "La ville est tombée en janvier.", span((2021, 1, 1), (2021, 1, 31), "month")),
    ("en", "The town fell in November.", span((2020, 11, 1), (2020, 11, 30), "month")),
    ("fr", "La ville est tombée en novembre.", span((2020, 11, 1), (2020, 11, 30), "month")),
    ("en", "Troops on patrol near the town, June 2017.", span((2017, 6, 1), (2017, 6, 30), "month")),
    ("en", "The militia was formed in 2014.", span((2014, 1, 1), (2014, 12, 31), "year")),
    ("fr", "La milice a été formée en 2014.", span((2014, 1, 1), (2014, 12, 31), "year")),
    ("en", "More troops arrived at the end of the month.", span((2021, 2, 21), (2021, 2, 28))),
    ("fr", "Des renforts sont arrivés au début du mois.", span((2021, 3, 1), (2021, 3, 10))),
    ("en", "The offensive began last autumn.", span((2020, 9, 1), (2020, 11, 30))),
    ("fr", "L'offensive a commencé l'automne dernier.", span((2020, 9, 1), (2020, 11, 30))),
    ("en", "The village was shelled from 3 to 5 January.", span((2021, 1, 3), (2021, 1, 5))),
    ("fr", "Le village a été bombardé du 3 au 5 janvier.", span((2021, 1, 3), (2021, 1, 5))),
    ("en", "An air strike hit the town in June last year.", span((2020, 6, 1), (2020, 6, 30), "month")),
    ("en", "Rockets hit the base in late June of last year.", span((2020, 6, 21), (2020, 6, 30))),
    ("fr", "Une frappe a touché la ville en juin l'an dernier.", span((2020, 6, 1), (2020, 6, 30), "month")),
    ("fr", "Des roquettes ont visé la base fin juin de l'année dernière.", span((2020, 6, 21), (2020, 6, 30))),
    ("en", "The town fell in March this year.", span((2021, 3, 1), (2021, 3, 31), "month")),
])
def test_periods_are_the_span_the_text_allows(language, text, expected):
    found = the_one(text, language, SUN_2021_03_07)
    assert (found.kind, found.span) == ("period", expected)


@pytest.mark.parametrize("language, text, expected", [
    ("en", "Twelve attacks were recorded between November and February.", span((2020, 11, 1), (2021, 2, 28))),
    ("fr", "Douze attaques ont été recensées entre novembre et février.", span((2020, 11, 1), (2021, 2, 28))),
    ("en", "Curfews were imposed in the last week of February.", span((2021, 2, 22), (2021, 2, 28))),
    ("fr", "Le couvre-feu a été décrété dans la dernière semaine de février.", span((2021, 2, 22), (2021, 2, 28))),
])
def test_spans_of_months_and_weeks(language, text, expected):
    found = the_one(text, language, SUN_2021_03_07)
    assert (found.kind, found.span) == ("period", expected)


@pytest.mark.parametrize("language, text", [
    ("en", "Fighting raged from Tuesday to Thursday."),
    ("fr", "Les combats ont fait rage de mardi à jeudi."),
])
def test_a_run_of_weekdays_is_a_range(language, text):
    assert the_one(text, language, SUN_2021_03_07).span == span((2021, 3, 2), (2021, 3, 4))


def test_late_february_of_a_leap_year_ends_on_the_29th():
    found = the_one("Clashes erupted in late February 2020.", "en", SUN_2021_03_07)
    assert found.span == span((2020, 2, 21), (2020, 2, 29))


# --- event-relative -----------------------------------------------------------------------


@pytest.mark.parametrize("language, text, offset, time_of_day", [
    ("en", "A few hours later, jets struck the depot.", 0, None),
    ("fr", "Quelques heures plus tard, des avions ont frappé le dépôt.", 0, None),
    ("en", "The next day, jets struck the depot.", 1, None),
    ("fr", "Le lendemain, des avions ont frappé le dépôt.", 1, None),
    ("en", "The following morning, jets struck the depot.", 1, "morning"),
    ("en", "The night before, rockets had hit the embassy.", -1, "night"),
    ("fr", "La veille, des roquettes avaient touché l'ambassade.", -1, None),
    ("en", "Two days later, jets struck the depot.", 2, None),
    ("fr", "Deux jours plus tard, des avions ont frappé le dépôt.", 2, None),
    ("fr", "Cinq jours après, des avions ont frappé le dépôt.", 5, None),
    ("en", "A week earlier, jets had struck the depot.", -7, None),
    ("en", "That night, jets struck the depot.", 0, "night"),
    ("fr", "En même temps, une autre attaque a été déjouée.", 0, None),
    ("en", "At the same time, another attack was foiled.", 0, None),
    ("en", "Days later, jets struck the depot.", None, None),
    ("fr", "Quelques jours plus tard, des avions ont frappé le dépôt.", None, None),
])
def test_event_relative_expressions_give_a_day_offset(language, text, offset, time_of_day):
    found = the_one(text, language, SUN_2021_03_07)
    assert (found.kind, found.span, found.offset_days, found.time_of_day) == (
        "event-relative", None, offset, time_of_day)


def test_an_idiom_with_a_date_word_is_no_date():
    assert find_dates("La situation a changé du jour au lendemain.", "fr", SUN_2021_03_07) == []


# --- since --------------------------------------------------------------------------------


@pytest.mark.parametrize("language, text, start", [
    ("en", "Attacks have multiplied since October.", (2020, 10, 1)),
    ("fr", "Les attaques se multiplient depuis octobre.", (2020, 10, 1)),
    ("en", "Attacks have multiplied since late October.", (2020, 10, 21)),
    ("fr", "Les attaques se multiplient depuis fin octobre.", (2020, 10, 21)),
    ("en", "Attacks have multiplied since the start of the month.", (2021, 3, 1)),
    ("fr", "Les attaques se multiplient depuis le début du mois.", (2021, 3, 1)),
    ("en", "The group has fought the army since 2003.", (2003, 1, 1)),
    ("fr", "Le groupe combat l'armée depuis 2003.", (2003, 1, 1)),
    ("fr", "Les attaques se multiplient depuis le 3 janvier.", (2021, 1, 3)),
    ("fr", "Les attaques se multiplient depuis deux semaines.", (2021, 2, 21)),
])
def test_since_spans_from_that_point_to_publication(language, text, start):
    found = the_one(text, language, SUN_2021_03_07)
    assert (found.kind, found.span) == ("since", span(start, (2021, 3, 7)))


# --- time of day --------------------------------------------------------------------------


@pytest.mark.parametrize("language, text, written, time_of_day", [
    ("en", "The shells landed at around 9 p.m. local time.", "at around 9 p.m. local time", "21:00"),
    ("en", "The shells landed at 21:15.", "at 21:15", "21:15"),
    ("fr", "Les obus sont tombés vers 21 h, selon l'armée.", "vers 21 h", "21:00"),
    ("fr", "Les obus sont tombés peu après 2 h 15 du matin.", "peu après 2 h 15 du matin", "02:15"),
    ("fr", "Les obus sont tombés à 10 heures du soir.", "à 10 heures du soir", "22:00"),
    ("en", "The shells landed in the evening.", "in the evening", "evening"),
    ("fr", "Les obus sont tombés dans la soirée.", "dans la soirée", "evening"),
    ("fr", "Les obus sont tombés en début d’après-midi.", "en début d’après-midi", "afternoon"),
])
def test_a_time_of_day_alone_has_no_date(language, text, written, time_of_day):
    found = the_one(text, language, SUN_2021_03_07)
    assert (found.kind, found.text, found.span, found.time_of_day) == ("time", written, None, time_of_day)


@pytest.mark.parametrize("language, text, written, time_of_day", [
    ("en", "He was killed in the evening of Saturday, March 6, at his home.",
     "in the evening of Saturday, March 6", "evening"),
    ("en", "Shells hit the camp at around 9 p.m. on Saturday.", "at around 9 p.m. on Saturday", "21:00"),
    ("fr", "L'obus est tombé le 6 mars au soir.", "6 mars au soir", "evening"),
    ("fr", "L'obus est tombé samedi, vers 21 h 30.", "samedi, vers 21 h 30", "21:30"),
    ("fr", "L'obus est tombé dans la soirée de samedi.", "dans la soirée de samedi", "evening"),
    ("en", "The shell landed on the night of March 6.", "on the night of March 6", "night"),
    ("fr", "L'obus est tombé samedi en fin de journée.", "samedi en fin de journée", "evening"),
])
def test_a_time_of_day_next_to_a_date_belongs_to_it(language, text, written, time_of_day):
    found = the_one(text, language, SUN_2021_03_07)
    assert (found.text, found.span, found.time_of_day) == (written, day(2021, 3, 6), time_of_day)


# --- elsewhere ----------------------------------------------------------------------------


def test_a_date_in_a_distant_clock_is_marked_elsewhere():
    found = find_dates("Early on Wednesday, local time (late Tuesday in Washington), missiles hit the base.",
                       "en", FRI_2021_05_14)
    assert [(e.text, e.span, e.elsewhere) for e in found] == [
        ("Early on Wednesday, local time", day(2021, 5, 12), False),
        ("late Tuesday in Washington", day(2021, 5, 11), True),
    ]


@pytest.mark.parametrize("language, text", [
    ("fr", "Les missiles ont été tirés mardi soir, heure de Washington."),
    ("en", "The missiles were fired at 2230 GMT."),
])
def test_a_clock_named_after_the_date_marks_it_elsewhere(language, text):
    assert the_one(text, language, FRI_2021_05_14).elsewhere


# --- several in one text --------------------------------------------------------------------


def test_every_expression_of_a_paragraph_in_order_with_offsets():
    text = ("Rockets hit the airport on Thursday night. The next day, jets struck two depots, "
            "and since last week the border has been closed.")
    found = find_dates(text, "en", FRI_2021_05_14)
    assert [(e.kind, e.text) for e in found] == [
        ("weekday", "Thursday night"), ("event-relative", "The next day"), ("since", "since last week")]
    assert all(text[e.start:e.end] == e.text for e in found)


# --- publication date from the text -----------------------------------------------------------


def test_publication_date_is_the_latest_full_date_stated():
    texts = ["Le 3 mars 2021, des roquettes ont visé la base.", "Une autre attaque a suivi le 5 mars 2021."]
    assert publication_date_from_text(texts, "fr", today=date(2026, 11, 21)) == date(2021, 3, 5)


def test_a_weekday_with_a_day_month_fixes_the_year():
    # 11 March fell on a Thursday in 2010, 2021 and 2027: the latest not after today.
    texts = ["Rockets hit the base on Thursday, March 11."]
    assert publication_date_from_text(texts, "en", today=date(2026, 11, 21)) == date(2021, 3, 11)
    assert publication_date_from_text(texts, "en", today=date(2021, 3, 1)) == date(2010, 3, 11)


def test_a_year_the_text_mentions_picks_among_the_weekday_years():
    # 11 March fell on a Wednesday in 2009, 2015, 2020 and 2026; the text speaks of 2019.
    texts = ["Attacks have grown since October 2019.", "Three soldiers were killed on Wednesday, March 11."]
    assert publication_date_from_text(texts, "en", today=date(2026, 11, 21)) == date(2020, 3, 11)


def test_with_no_year_in_the_text_a_nearby_date_picks_among_the_weekday_years():
    # "vendredi 27 décembre": 2002, 2013, 2019 and 2024.
    texts = ["Washington a riposté à l'attaque du vendredi 27 décembre contre la base."]
    assert publication_date_from_text(texts, "fr", today=date(2026, 11, 21)) == date(2024, 12, 27)
    assert publication_date_from_text(texts, "fr", today=date(2026, 11, 21),
                                      near=date(2020, 1, 15)) == date(2019, 12, 27)


def test_a_later_weekday_clue_beats_an_earlier_full_date():
    texts = ["Le Pentagone a reconnu lundi 10 février 2020 un nouveau bilan.",
             "Jeudi 13 février, une roquette s'est abattue sur la base."]
    assert publication_date_from_text(texts, "fr", today=date(2026, 11, 21)) == date(2020, 2, 13)


def test_no_publication_date_without_a_clue_or_with_future_dates_only():
    assert publication_date_from_text(["Rockets hit the base on Sunday."], "en") is None
    assert publication_date_from_text(["Elections are due on 6 June 2030."], "en",
                                      today=date(2026, 11, 21)) is None


# --- the lexicon ---------------------------------------------------------------------------


def test_an_unknown_language_names_the_known_ones():
    with pytest.raises(LexiconError, match=r"no date lexicon for language 'de'.*en, fr"):
        find_dates("am 3. Mai", "de", None)


def test_a_lexicon_with_an_unknown_placeholder_names_the_file_and_pattern(tmp_path):
    text = DateLexicon.of("en").path.read_text(encoding="utf-8")
    broken = tmp_path / "dates.xx.yml"
    broken.write_text(text.replace('- "{weekday}"', '- "{weekdy}"', 1), encoding="utf-8")
    with pytest.raises(LexiconError,
                       match=r"dates\.xx\.yml:\d+: patterns\.weekday\.\d+: unknown placeholder \{weekdy\}"):
        DateLexicon.read(broken)


def test_a_lexicon_pattern_without_a_word_it_can_be_found_by_is_refused(tmp_path):
    text = DateLexicon.of("fr").path.read_text(encoding="utf-8")
    broken = tmp_path / "dates.xx.yml"
    broken.write_text(text.replace('- "{weekday}"', '- "(?:{number} )?fois"', 1), encoding="utf-8")
    with pytest.raises(LexiconError,
                       match=r"dates\.xx\.yml:\d+: patterns\.weekday\.\d+: "
                             r"pattern .*fois.* holds none of the placeholders"):
        DateLexicon.read(broken)
