"""Language detection: English and French recognised, every other language told apart."""

from __future__ import annotations

import pytest

from builder.extract.language import detect_language, language_code

PARAGRAPHS = {
    "en": "Eight rockets slammed into the air base on Sunday evening, wounding two officers, "
          "the military said in a statement. No group claimed responsibility for the attack.",
    "fr": "Huit roquettes se sont abattues dimanche soir sur la base aérienne, blessant deux "
          "officiers, a indiqué l'armée dans un communiqué. Aucun groupe n'a revendiqué l'attaque.",
    "de": "Acht Raketen schlugen am Sonntagabend auf dem Stützpunkt ein und verletzten zwei "
          "Offiziere, teilte das Militär mit. Keine Gruppe bekannte sich zu dem Angriff.",
    "es": "Ocho cohetes impactaron el domingo por la noche en la base aérea, hiriendo a dos "
          "oficiales, informó el ejército. Ningún grupo reivindicó el ataque.",
    "it": "Otto razzi si sono abbattuti domenica sera sulla base aerea, ferendo due ufficiali, "
          "ha reso noto l'esercito. Nessun gruppo ha rivendicato l'attacco.",
    "pt": "Oito foguetes atingiram a base aérea no domingo à noite, ferindo dois oficiais, "
          "informou o exército. Nenhum grupo reivindicou o ataque.",
    "ar": "سقطت ثمانية صواريخ مساء الأحد على القاعدة الجوية، ما أدى إلى إصابة ضابطين، بحسب "
          "بيان للجيش. ولم تعلن أي جهة مسؤوليتها عن الهجوم.",
}

# Arabic written in Latin letters ("Arabizi"): no detector has it, none may call it en or fr.
ARABIZI = ("saqatat thamaniat sawarikh masa2 el a7ad 3ala el qa3ida el jawiya, ma adda ila "
           "isabat dabitayn, bi7asab bayan lil jaysh. wa lam tu3lin ay jiha mas2uliyataha.")


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_a_paragraph_is_recognised(code):
    found, confidence = detect_language(PARAGRAPHS[code])
    assert found == code
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("headline, code", [
    ("Militia denies role in embassy rocket attack", "en"),
    ("Une frappe de drone tue trois combattants près de la frontière", "fr"),
])
def test_a_headline_is_recognised(headline, code):
    assert detect_language(headline)[0] == code


def test_english_full_of_arabic_names_is_english():
    text = ("Kataib Hezbollah and Asaib Ahl al-Haq denied that Abu Fadak al-Mohammadawi "
            "ordered the attack on Camp Taji, the Hashd al-Shaabi said in a statement on Sunday.")
    assert detect_language(text)[0] == "en"


def test_arabic_in_latin_letters_is_neither_english_nor_french():
    assert detect_language(ARABIZI)[0] not in ("en", "fr")


@pytest.mark.parametrize("text", ["", "   ", "12 / 04", "AFP"])
def test_a_text_without_enough_letters_cannot_tell(text):
    assert detect_language(text) == (None, 0.0)


@pytest.mark.parametrize("declared, code", [
    ("en", "en"), ("FR", "fr"), ("fr-FR", "fr"), ("en_GB", "en"), (" de ", "de"), ("zh-Hant-TW", "zh"),
])
def test_a_declared_tag_gives_its_primary_language(declared, code):
    assert language_code(declared) == code


@pytest.mark.parametrize("declared", ["", "English", "f", "en-", "??"])
def test_a_declared_value_that_is_not_a_tag_gives_none(declared):
    assert language_code(declared) is None
