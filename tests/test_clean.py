"""Cleaning: what is not the story goes, with its reason; no story sentence ever goes."""

from __future__ import annotations

import pytest

from builder.extract.clean import Boilerplate, clean, credit_tail, text_blocks

STORY = [
    "Four rockets struck the airport compound on Tuesday night, wounding two guards, police said.",
    "Le porte-parole de l’armée a précisé que les tirs étaient partis d’un verger proche.",
]


def cleaned(*lines: str, title: str = ""):
    """Clean a body written one paragraph per line, blank lines between them."""
    return clean(text_blocks("\n\n".join(lines)), title)


def reasons(result) -> dict[str, str]:
    return dict(result.dropped)


# --- lexicon lines --------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "LEAVE A REPLY", "Leave a comment", "Please enter your comment!", "Please enter your name here",
    "Your email address will not be published. Required fields are marked *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Laisser un commentaire", "Veuillez saisir votre commentaire !", "Veuillez saisir votre nom ici",
    "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
    "Annuler la réponse",
])
def test_comment_form_lines_are_dropped(line):
    result = cleaned(*STORY, line)
    assert result.paragraphs == STORY
    assert reasons(result)[line] == "comment form"


@pytest.mark.parametrize("line", [
    "Share this article", "Share this article:", "Share on Facebook", "Facebook Twitter WhatsApp Email",
    "Partager", "Partager cet article", "Partager : Facebook Twitter", "Suivez-nous sur Instagram",
])
def test_share_prompts_are_dropped(line):
    result = cleaned(*STORY, line)
    assert result.paragraphs == STORY
    assert reasons(result)[line] == "share prompt"


@pytest.mark.parametrize("line", [
    "Sign up for our daily newsletter and get the news in your inbox every morning.",
    "Get our morning briefing",
    "Subscribe now!",
    "Abonnez-vous à notre newsletter.",
    "Recevez chaque matin l’essentiel de l’actualité.",
    "Inscrivez-vous gratuitement !",
])
def test_newsletter_prompts_are_dropped(line):
    result = cleaned(*STORY, line)
    assert result.paragraphs == STORY
    assert reasons(result)[line] == "newsletter prompt"


@pytest.mark.parametrize("line", [
    "Read more: Curfew lifted in Basra after week of unrest.",
    "See also: Who are the armed groups firing at US bases?",
    "Lire aussi : L’armée reprend le contrôle du poste frontière.",
    "À lire aussi : Les milices visent à nouveau l’aéroport",
])
def test_related_links_are_dropped_even_when_punctuated(line):
    result = cleaned(STORY[0], line, STORY[1])
    assert result.paragraphs == STORY
    assert reasons(result)[line] == "related link"


@pytest.mark.parametrize("line", [
    "© 2021 Northern Wire. All rights reserved.", "Tous droits réservés.",
])
def test_copyright_lines_are_dropped(line):
    assert cleaned(*STORY, line).paragraphs == STORY


@pytest.mark.parametrize("line", [
    "Published: 28 November 2019 - 14:12", "Updated on Monday, January 13, 2020",
    "Publié le 29/09/2020 à 17h05", "Mis à jour le mardi 3 mars 2020",
    "Monday, January 13, 2020 10:32 GMT", "lundi 13 janvier 2020",
])
def test_publication_lines_are_dropped_as_datelines(line):
    result = cleaned(line, *STORY)
    assert result.paragraphs == STORY
    assert reasons(result)[line] == "dateline"


# --- captions and credits -------------------------------------------------------------------


def test_a_caption_repeated_with_its_credit_is_dropped_twice():
    caption = "Firefighters work at the scene of the blast in Karrada, central Baghdad."
    result = clean([[caption, f"{caption} Reuters/Ahmed Saad"], [STORY[0]]])
    assert result.paragraphs == [STORY[0]]
    assert result.dropped == [(caption, "caption"), (f"{caption} Reuters/Ahmed Saad", "caption")]


def test_a_caption_whose_credited_copy_comes_first_is_dropped_twice():
    caption = "Smoke rises over the Baiji refinery after the attack."
    result = cleaned(f"{caption} Photo: handout", caption, STORY[0])
    assert result.paragraphs == [STORY[0]]


def test_a_paragraph_repeated_with_a_sentence_more_is_not_a_caption():
    first = "Three rockets hit the base on Sunday."
    result = cleaned(first, f"{first} Two soldiers were wounded.")
    assert result.paragraphs == [first, f"{first} Two soldiers were wounded."]


def test_a_repeated_caption_is_found_in_any_language():
    caption = "Des pompiers sur les lieux de l’explosion, à Karrada."
    result = cleaned(caption, f"{caption} STR / XINHUA", STORY[1])
    assert result.paragraphs == [STORY[1]]


@pytest.mark.parametrize("credit", [
    "SABAH ARAR / AFP", "Photo: AFP", "File photo", "Reuters file photo", "Getty Images",
    "Photo d’archives", "Photo d'archives AFP", "IRIB / AFP", "AFP/Getty Images",
    "Photo: Iraqi Prime Minister Press Office / handout",
])
def test_a_caption_ending_in_a_credit_is_dropped(credit):
    caption = f"Smoke rises over the oil refinery in Baiji. {credit}"
    result = cleaned(caption, *STORY)
    assert result.paragraphs == STORY
    assert reasons(result)[caption] == "caption"


@pytest.mark.parametrize("credit", ["Photo: AFP", "Crédit photo : AFP", "Reuters", "(AFP)"])
def test_a_credit_on_its_own_line_is_dropped(credit):
    result = cleaned(STORY[0], credit, STORY[1])
    assert result.paragraphs == STORY
    assert reasons(result)[credit] == "photo credit"


def test_a_story_paragraph_ending_in_an_agency_name_loses_only_the_name():
    paragraph = ("Gunmen opened fire on a checkpoint in Tarmiyah. Two soldiers were killed and "
                 "three wounded, the army said. (AFP)")
    result = cleaned(paragraph)
    assert result.paragraphs == [paragraph.removesuffix(" (AFP)")]
    assert result.dropped == [("(AFP)", "photo credit")]


@pytest.mark.parametrize("sentence", [
    "A source told AFP",
    "Three protesters were hurt, a medical source told Reuters",
])
def test_a_sentence_naming_an_agency_is_not_a_credit(sentence):
    assert credit_tail(f"The base was hit. {sentence}") is None


# --- structure --------------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "Deadly escalation in late December",
    "Colère après les frappes de dimanche",
    "Irak : la contestation ne faiblit pas à Bagdad",
    "«Agent des Américains»",
    "Iraq's parliament votes to expel US troops",
])
def test_title_like_lines_between_paragraphs_are_dropped(line):
    result = cleaned(STORY[0], line, STORY[1])
    assert result.paragraphs == STORY
    assert reasons(result)[line] == "title-like line"


def test_a_long_paragraph_missing_its_full_stop_is_kept():
    paragraph = ("Hundreds of demonstrators gathered outside the provincial council building on "
                 "Saturday to demand the release of activists detained during the week")
    assert cleaned(paragraph).paragraphs == [paragraph]


def test_the_headline_repeated_in_the_body_is_dropped():
    result = cleaned("Rockets hit Balad air base", STORY[0], title="Rockets hit Balad air base")
    assert result.paragraphs == [STORY[0]]
    assert reasons(result)["Rockets hit Balad air base"] == "headline"


def test_a_bare_url_line_is_dropped_and_reported():
    url = "https://www.example.org/news/2020/01/13/rockets-balad"
    result = cleaned(STORY[0], url)
    assert result.paragraphs == [STORY[0]]
    assert result.urls == [url]


def test_a_url_in_angle_brackets_is_a_bare_url():
    result = cleaned(STORY[0], "<https://www.example.org/news/balad>")
    assert result.urls == ["https://www.example.org/news/balad"]


def test_a_repeated_paragraph_is_kept_once():
    result = cleaned(STORY[0], STORY[1], STORY[0])
    assert result.paragraphs == STORY
    assert reasons(result)[STORY[0]] == "repeated line"


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    body = ("Four rockets struck the airport compound on Tuesday night,\n"
            "wounding two guards and damaging a hangar used by the\n"
            "coalition, police said.")
    assert cleaned(body).paragraphs == [" ".join(body.split("\n"))]


def test_a_heading_right_above_wrapped_lines_stays_apart():
    body = ("Attack on the airport\n"
            "Four rockets struck the airport compound on Tuesday night,\n"
            "wounding two guards, police said.")
    result = cleaned(body)
    assert result.paragraphs == ["Four rockets struck the airport compound on Tuesday night, "
                                 "wounding two guards, police said."]
    assert reasons(result)["Attack on the airport"] == "title-like line"


def test_the_comment_section_at_the_end_is_dropped_whole():
    result = cleaned(*STORY, "2 comments",
                     "This keeps happening and nobody is ever held responsible for it.",
                     "Praying for the families of the wounded guards tonight.")
    assert result.paragraphs == STORY
    assert reasons(result)["Praying for the families of the wounded guards tonight."] == "comment section"


def test_a_comment_link_near_the_top_does_not_cut_the_story():
    result = cleaned("Leave a comment", *STORY, STORY[0].replace("Tuesday", "Friday"))
    assert len(result.paragraphs) == 3


def test_lines_without_words_are_dropped():
    assert cleaned(STORY[0], "* * *", STORY[1]).paragraphs == STORY


# --- what must never be dropped ------------------------------------------------------------

STORY_SENTENCES = [
    "The group announced the attack in its weekly newsletter, al-Naba.",
    "Police shared photos of the launcher with reporters on Monday.",
    "A photographer for AFP was wounded by shrapnel near the bridge.",
    "Published figures show that 25 people were killed in the strikes.",
    "Read the full statement, the spokesman told journalists, and you will see who fired.",
    "Comments by the prime minister were broadcast on state television.",
    "Three people were killed, the official told Reuters.",
    "“Share the blame,” the minister said.",
    "Recevant les familles, le gouverneur a promis une enquête.",
    "Le groupe a publié un communiqué sur sa chaîne Telegram dimanche.",
    "Une photo diffusée par l’AFP montre le cratère.",
    "Partageant la même frontière, les deux pays ont renforcé leurs patrouilles.",
    "Selon des images publiées sur les réseaux sociaux, le convoi a été touché.",
    "Lire les communiqués de l’armée ne suffit pas, estime un diplomate.",
    "Publié en 2019, le rapport recensait 40 attaques.",
    "Published on 13 January 2020, the report counted 40 attacks.",
    "Publié le 3 mars 2020, le rapport de l’ONU recense 40 attaques.",
    "Les commentaires du ministre ont provoqué la colère à Bagdad.",
    "By Sunday evening, twelve people had died in the clashes.",
    "Par ailleurs, le Pentagone a revu ses procédures.",
    "Who fired the rockets?",
    "No one was hurt!",
]


def test_story_sentences_are_never_dropped():
    result = cleaned(*STORY_SENTENCES)
    assert result.dropped == []
    assert result.paragraphs == STORY_SENTENCES


def test_every_lexicon_has_line_patterns_and_credits():
    lex = Boilerplate.of()
    assert {"comment form", "share prompt", "newsletter prompt", "related link"} <= set(lex.lines)
    assert lex.credit.search("AFP") and "photo" in lex.credit_words


# --- lists ----------------------------------------------------------------------------------


def test_bulleted_key_points_are_story_text_each_on_its_own():
    result = cleaned("KEY POINTS",
                     "- Twelve ballistic missiles struck the city around 1 a.m. local time\n"
                     "- One civilian was slightly hurt, the health ministry said",
                     STORY[0])
    assert result.paragraphs[:2] == [
        "- Twelve ballistic missiles struck the city around 1 a.m. local time",
        "- One civilian was slightly hurt, the health ministry said"]


def test_the_items_listed_under_a_related_heading_are_dropped():
    result = cleaned(STORY[0], "Related coverage\n- Parliament votes on the budget again\n"
                     "- Rocket fire on bases rises as the withdrawal nears")
    assert result.paragraphs == [STORY[0]]
    assert reasons(result)["- Rocket fire on bases rises as the withdrawal nears"] == "related link"
