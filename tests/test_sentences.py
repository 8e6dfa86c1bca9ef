"""Sentence splitting: abbreviations, initials, numbers and quotes in English and French."""

from __future__ import annotations

import pytest

from builder.extract.sentences import split_sentences


def parts(*sentences: str) -> tuple[str, list[str]]:
    return " ".join(sentences), list(sentences)


@pytest.mark.parametrize("sentences", [
    ("The U.S. Army said the shells landed at 11 p.m. local time near the gate.", "Nobody was hurt."),
    ("Gen. Hamid and Lt. Col. Yusuf Ali inspected the site.", "Dr. Karim treated the wounded."),
    ("Mr. Davies met Mrs. Okafor and Ms. Lind in St. Petersburg.", "They spoke for an hour."),
    ("The council cited resolution No. 1546 in its letter.", "The vote was delayed."),
    ("Convoys left on Feb. 12 and returned on Mar. 2 without incident.", "Two trucks broke down."),
    ("Smith & Co. Ltd. paid the guards.", "None of them complained."),
])
def test_english_abbreviations_do_not_end_a_sentence(sentences):
    text, expected = parts(*sentences)
    assert split_sentences(text, "en") == expected


@pytest.mark.parametrize("sentences", [
    ("M. Dupont a rencontré Mme Martin et MM. Leroy et Petit à Erbil.", "Ils ont parlé du retrait."),
    ("Selon l’art. 5 du traité, les alliés doivent se consulter.", "Paris l’a rappelé."),
    ("Le Dr Haddad a soigné les blessés, selon le gén. Rasool.", "Trois sont morts."),
    ("Les tirs ont eu lieu le 5 janv. 2020 près du pont.", "Aucune victime."),
])
def test_french_abbreviations_do_not_end_a_sentence(sentences):
    text, expected = parts(*sentences)
    assert split_sentences(text, "fr") == expected


def test_initials_stay_inside_the_sentence():
    text, expected = parts("Envoy George W. Ferris met J. R. Salem in Basra.", "They left at noon.")
    assert split_sentences(text, "en") == expected


def test_decimals_and_thousands_separators_do_not_split():
    text, expected = parts("Prices rose 2.5 percent as 12,400 people fled.",
                           "Les États-Unis comptent 5 200 soldats, soit 1,5 % des effectifs.")
    assert split_sentences(text, "en") == expected


def test_a_sentence_can_end_with_a_number():
    text, expected = parts("The protests began in October 2019.", "They have not stopped.")
    assert split_sentences(text, "en") == expected


def test_pm_followed_by_a_sentence_opener_ends_the_sentence():
    text, expected = parts("The blast was heard at 9 p.m.", "The police sealed off the street.")
    assert split_sentences(text, "en") == expected


def test_pm_followed_by_a_name_does_not_end_the_sentence():
    text = "The blast was heard at 9 p.m. Baghdad time near the bridge."
    assert split_sentences(text, "en") == [text]


def test_curly_quotes_after_the_stop_stay_with_their_sentence():
    text, expected = parts("He said: “We will not leave.”", "“This is our land.”", "The crowd cheered.")
    assert split_sentences(text, "en") == expected


def test_straight_quotes_open_the_next_sentence():
    text, expected = parts("The minister left.", '"Talks are over," his aide said.')
    assert split_sentences(text, "en") == expected


def test_guillemets_with_french_spacing_stay_with_their_sentence():
    text, expected = parts("Le ministre a déclaré : « Le bilan est lourd. »", "Puis il est parti.")
    assert split_sentences(text, "fr") == expected


def test_an_exclamation_inside_guillemets_does_not_end_the_sentence():
    text = "Aux cris de « Dehors ! », la foule a avancé vers le pont."
    assert split_sentences(text, "fr") == [text]


def test_question_and_exclamation_marks_end_sentences():
    text, expected = parts("Qui a tiré ?", "Personne ne le sait !", "L’enquête continue.")
    assert split_sentences(text, "fr") == expected


def test_a_question_quoted_mid_sentence_does_not_split():
    text = "“Who fired?” asked the governor at the press conference."
    assert split_sentences(text, "en") == [text]


def test_an_ellipsis_before_a_capital_ends_the_sentence():
    text, expected = parts("The shelling went on for hours…", "Then it stopped.")
    assert split_sentences(text, "en") == expected


def test_an_ellipsis_before_a_lower_case_word_does_not():
    text = "The shelling went on... and then silence fell."
    assert split_sentences(text, "en") == [text]


def test_a_cut_marked_in_brackets_does_not_end_the_sentence():
    text = "Le texte […] Les députés kurdes l’ont rejeté, selon l’agence."
    assert split_sentences(text, "fr") == [text]


def test_white_space_runs_are_folded():
    assert split_sentences("Two  rockets\n fell.\tNo one\u00a0was hurt.", "en") == [
        "Two rockets fell.", "No one was hurt."]


def test_a_stray_stop_joins_the_sentence_before():
    assert split_sentences("He said so. . Then he left.", "en") == ["He said so. .", "Then he left."]


def test_an_empty_paragraph_has_no_sentences():
    assert split_sentences("   ", "en") == []


def test_an_unlisted_language_uses_every_listed_abbreviation():
    text, expected = parts("Gen. Hamid met M. Dupont.", "Nobody spoke.")
    assert split_sentences(text, "de") == expected
    assert split_sentences(text, None) == expected
