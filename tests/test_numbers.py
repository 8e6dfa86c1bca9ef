"""Counts in digits and words, English and French, and the nouns they count."""

from __future__ import annotations

import pytest

from builder.extract.numbers import find_quantities, noun_kind, parse_number


@pytest.mark.parametrize("text, value", [
    ("18", 18), ("5,200", 5200), ("5 200", 5200), ("5\u202f200", 5200), ("5\u00a0200", 5200),
    ("12 000", 12000),
])
def test_digits_read_with_any_thousands_separator(text, value):
    assert parse_number(text, "en") == value
    assert parse_number(text, "fr") == value


@pytest.mark.parametrize("text, value", [
    ("seven", 7), ("twenty-two", 22), ("twenty two", 22), ("one hundred and five", 105),
    ("two thousand five hundred", 2500), ("a hundred", 100), ("Eighteen", 18),
])
def test_english_number_words(text, value):
    assert parse_number(text, "en") == value


@pytest.mark.parametrize("text, value", [
    ("sept", 7), ("vingt-deux", 22), ("dix-sept", 17), ("soixante et onze", 71),
    ("soixante-dix-huit", 78), ("quatre-vingts", 80), ("quatre-vingt-dix", 90),
    ("quatre-vingt-treize", 93), ("deux cent cinquante", 250), ("trois mille deux cents", 3200),
    ("vingt et un", 21), ("Onze", 11),
])
def test_french_number_words(text, value):
    assert parse_number(text, "fr") == value


@pytest.mark.parametrize("language, text, value", [
    ("en", "a dozen", 12), ("en", "four dozen", 48), ("fr", "une douzaine", 12),
    ("fr", "deux douzaines", 24), ("fr", "une quarantaine", 40), ("fr", "une vingtaine", 20),
    ("fr", "une centaine", 100),
])
def test_collectives_count_by_their_number(language, text, value):
    assert parse_number(text, language) == value


@pytest.mark.parametrize("language, text", [("en", "a"), ("en", "an"), ("fr", "un"), ("fr", "une")])
def test_an_article_alone_counts_one(language, text):
    assert parse_number(text, language) == 1


@pytest.mark.parametrize("language, text", [
    ("en", "several"), ("en", "dozens"), ("en", "2.5"), ("en", "3rd"), ("en", "two soldiers"),
    ("fr", "plusieurs"), ("fr", "des dizaines"), ("fr", "1er"), ("en", ""),
])
def test_words_that_are_not_a_number_give_none(language, text):
    assert parse_number(text, language) is None


def test_unknown_language_is_refused_with_the_languages_known():
    with pytest.raises(ValueError, match="'de'"):
        parse_number("drei", "de")


def _only(text: str, language: str):
    found = find_quantities(text, language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("language, text, noun", [
    ("en", "Three Iraqi Air Force officers were hurt.", "officers"),
    ("en", "Nine Katyusha rockets hit the runway.", "rockets"),
    ("en", "Two US civilian contractors were evacuated.", "contractors"),
    ("fr", "Neuf militaires irakiens ont été évacués.", "militaires"),
    ("fr", "Deux autres roquettes ont touché la piste.", "roquettes"),
])
def test_the_counted_noun_is_the_head_of_its_phrase(language, text, noun):
    assert _only(text, language).noun == noun


@pytest.mark.parametrize("language, text", [
    ("en", "Nine rockets struck soldiers' barracks."),
    ("fr", "Neuf roquettes ont visé des soldats."),
])
def test_a_verb_ends_the_counted_noun(language, text):
    assert _only(text, language).noun in ("rockets", "roquettes")


@pytest.mark.parametrize("language, text, noun", [
    ("en", "at least 30 of their fighters", "fighters"),
    ("fr", "40 des militaires déployés", "militaires"),
    ("fr", "cinq de ses gardes", "gardes"),
])
def test_a_partitive_counts_the_noun_after_it(language, text, noun):
    assert _only(text, language).noun == noun


@pytest.mark.parametrize("language, text", [("en", "four of them"), ("fr", "quatre d'entre eux")])
def test_a_partitive_pronoun_leaves_no_noun(language, text):
    q = _only(text, language)
    assert (q.value, q.noun, q.text) == (4, "", text)


@pytest.mark.parametrize("language, text, value", [
    ("en", "Some 3,400 troops", 3400), ("en", "around forty drones", 40),
    ("fr", "environ 750 parachutistes", 750), ("fr", "près de mille manifestants", 1000),
])
def test_approximate_markers(language, text, value):
    q = _only(text, language)
    assert (q.value, q.approximate, q.minimum) == (value, True, False)


@pytest.mark.parametrize("language, text, value", [
    ("en", "at least 24 guards", 24), ("en", "more than 40 rockets", 40),
    ("fr", "au moins vingt manifestants", 20), ("fr", "plus de 40 roquettes", 40),
])
def test_minimum_markers(language, text, value):
    q = _only(text, language)
    assert (q.value, q.minimum) == (value, True)


@pytest.mark.parametrize("language, text", [
    ("en", "more than a dozen cruise missiles"), ("fr", "plus d'une douzaine de drones"),
])
def test_a_collective_after_a_minimum_marker_is_both(language, text):
    q = _only(text, language)
    assert (q.value, q.minimum, q.approximate) == (12, True, True)


@pytest.mark.parametrize("language, text", [
    ("fr", "une trentaine de roquettes"), ("en", "two dozen mortar rounds"),
])
def test_a_collective_is_approximate(language, text):
    assert _only(text, language).approximate


@pytest.mark.parametrize("language, text, span", [
    ("en", "Gunmen wounded at least 30 pilgrims.", "at least 30 pilgrims"),
    ("fr", "Les tirs ont blessé environ trente pèlerins.", "environ trente pèlerins"),
])
def test_the_span_covers_marker_number_and_noun(language, text, span):
    q = _only(text, language)
    assert q.text == span == text[q.start:q.end]


@pytest.mark.parametrize("language, text, noun", [
    ("en", "A drone hit a truck near a checkpoint.", "drone"),
    ("en", "An Iraqi read a statement.", "Iraqi"),
    ("fr", "Une roquette a touché une maison.", "roquette"),
    ("fr", "Un enfant a vu une maison.", "enfant"),
])
def test_an_article_counts_only_before_a_counted_noun(language, text, noun):
    q = _only(text, language)
    assert (q.value, q.noun) == (1, noun)


@pytest.mark.parametrize("language, text", [
    ("en", "A few soldiers were hurt."), ("en", "No one was hurt."), ("en", "A second drone fell."),
    ("fr", "L'une d'elles est tombée."), ("fr", "Une seconde roquette est tombée."),
])
def test_an_article_or_one_that_counts_nothing_is_left_out(language, text):
    assert find_quantities(text, language) == []


@pytest.mark.parametrize("language, text", [
    ("en", "On March 11, 2020, four rockets fell."), ("en", "On 11 March four rockets fell."),
    ("fr", "Le 3 janvier 2020, quatre roquettes sont tombées."),
])
def test_days_and_years_are_not_counts(language, text):
    assert [q.value for q in find_quantities(text, language)] == [4]


def test_an_age_after_a_name_is_not_a_count():
    assert find_quantities("Hassan, 45, was among them.", "en") == []


@pytest.mark.parametrize("text, counts", [
    ("the K1 base", []),
    ("two F-16 jets", [(2, "jets")]),  # the count is the word, not the 16 of the name
    ("the 45th brigade", []),
    ("a 12-year-old boy", [(1, "boy")]),  # one boy, not twelve
])
def test_digits_glued_to_letters_are_not_counts(text, counts):
    assert [(q.value, q.noun) for q in find_quantities(text, "en")] == counts


def test_a_decimal_is_not_a_count():
    assert find_quantities("The blast left a 1.5 metre crater.", "en") == []


@pytest.mark.parametrize("language, word, kind", [
    ("en", "Marines", "people"), ("en", "Britons", "demonym"), ("en", "launchers", "weapon"),
    ("en", "dead", "toll"), ("fr", "irakiennes", "demonym"), ("fr", "sous-traitants", "people"),
    ("fr", "roquettes", "weapon"), ("fr", "blessés", "toll"), ("fr", "table", None),
])
def test_noun_kinds(language, word, kind):
    assert noun_kind(word, language) == kind
