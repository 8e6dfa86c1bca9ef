"""The keys a place's name is indexed and looked up under: the same for "Al-Anbār Governorate",
"Anbar" and "gouvernorat d'al-Anbar", so that a name meets its spellings in any of them.

The words dropped (Arabic's article, the words for a region or district) are data, in
`names.yml`, checked against `names.schema.json`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema

from ..errors import BuilderError
from ..records.yamlio import YamlError, parse

NAMES_FILE = Path(__file__).with_name("names.yml")
SCHEMA_FILE = Path(__file__).with_name("names.schema.json")

_APOSTROPHES = re.compile(r"[’'ʼʿʾ‘`´ʻ]")
_ELISION = re.compile(r"\b([a-z])[’'ʼ‘`´]")  # French "d'", "l'": a word of its own
_PUNCTUATION = re.compile(r"[-‐‑–—_.,/()\[\]\"«»:;!?]")
_SPACES = re.compile(r"\s+")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
# Letters NFKD leaves whole.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                          "æ": "ae", "œ": "oe", "ß": "ss", "ə": "a"})


class NamesError(BuilderError):
    """names.yml does not have the shape its schema asks for."""


@dataclass(frozen=True)
class NameRules:
    """The words dropped to make a name's further keys."""

    article: re.Pattern  # a leading article and the space after it
    admin_words: re.Pattern  # the words for a division, anywhere in its name


@cache
def rules() -> NameRules:
    """The rules of names.yml (read once); NamesError says where the file breaks its schema."""
    try:
        doc = parse(NAMES_FILE.read_text(encoding="utf-8"))
    except YamlError as e:
        raise NamesError(f"{NAMES_FILE}:{e.line or 1}: {e.message}") from None
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for error in jsonschema.Draft202012Validator(schema).iter_errors(doc.data):
        raise NamesError(f"{NAMES_FILE}:{doc.line_of(tuple(error.absolute_path))}: {error.message}, "
                         f"as {SCHEMA_FILE.name} says")
    data = doc.data
    assert isinstance(data, dict)  # the schema asks for a mapping
    return NameRules(
        article=re.compile(rf"^(?:{'|'.join(map(re.escape, data['articles']))}) "),
        admin_words=re.compile(rf"\b(?:{'|'.join(map(re.escape, data['admin_words']))})\b"),
    )


def fold(name: str) -> str:
    """The name without case, accents, apostrophes or punctuation, words one space apart
    ("Ḩadīthah" -> "hadithah", "Deir ez-Zor" -> "deir ez zor")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().translate(_LETTERS)
    text = _PUNCTUATION.sub(" ", _APOSTROPHES.sub("", _ELISION.sub(r"\1 ", text)))
    return _SPACES.sub(" ", text).strip()


def keys(name: str, division: bool = False) -> set[str]:
    """Every key a name is known under: folded, without a parenthesis, without a leading
    article, and, for the name of a region or district (`division`), without the words that
    say so ("Nineveh Governorate" -> {"nineveh governorate", "nineveh"})."""
    r = rules()
    out: set[str] = set()
    for variant in {name, _PARENTHESIS.sub("", name)}:
        folded = fold(variant)
        forms = [folded]
        if division:
            forms.append(_SPACES.sub(" ", r.admin_words.sub(" ", folded)).strip())
        for form in forms:
            if form:
                out.add(form)
                out.add(r.article.sub("", form))
    out.discard("")
    return out


def is_latin(name: str) -> bool:
    """Whether the name is written in Latin letters, as English and French articles write
    places (names in other scripts never meet an article's text)."""
    letters = [c for c in unicodedata.normalize("NFKD", name) if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)
