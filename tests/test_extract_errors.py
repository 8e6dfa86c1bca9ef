"""A broken knowledge base or lexicon stops extraction with one of the project's errors, whose
message names the file (and the line, where the YAML parser gives one): never a traceback of
yaml, KeyError, AttributeError or TypeError."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from builder.errors import BuilderError
from builder.extract import articles, clean, cues, dates, events, numbers, pipeline, sentences, tolls
from builder.extract.articles import ArticleError
from builder.extract.knowledge import KNOWLEDGE_DIR, KnowledgeBase, KnowledgeError, load_knowledge

BROKEN_YAML = "first: [one, two]\nsecond: [three\nthird: four\n"
CACHED = (cues.lexicon, clean.lexicon, sentences.abbreviations, numbers._lexicon, tolls._words,
          events.type_rules, pipeline._published_cues, articles.limits)


def test_the_extract_layers_errors_are_the_projects_and_keep_their_bases():
    for error in (cues.LexiconError, dates.LexiconError, KnowledgeError):
        assert issubclass(error, BuilderError) and issubclass(error, ValueError)
    assert issubclass(dates.LexiconError, cues.LexiconError)
    assert issubclass(ArticleError, BuilderError)


# --- the knowledge base ------------------------------------------------------------------------


@pytest.fixture
def base(tmp_path: Path) -> Path:
    for name in ("actors.yml", "locations.yml"):
        shutil.copy(KNOWLEDGE_DIR / name, tmp_path / name)
    return tmp_path


def test_a_knowledge_file_that_does_not_parse_names_its_file_and_line(base):
    path = base / "actors.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: broken\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"{re.escape(str(path))}:\d+: YAML does not parse"):
        load_knowledge(base)


def test_a_knowledge_entry_without_its_name_names_its_file_and_line(base):
    path = base / "actors.yml"
    path.write_text("- id: nameless\n  kind: armed-group\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"{re.escape(str(path))}:1: nameless: .*'name' is a required"):
        load_knowledge(base)


def test_a_knowledge_file_that_is_not_text_names_its_file(base):
    path = base / "locations.yml"
    path.write_bytes(b"\xff\xfe\x00- id: x")
    with pytest.raises(KnowledgeError, match=rf"{re.escape(str(path))}: is not UTF-8 text"):
        load_knowledge(base)


@pytest.mark.parametrize("text, message", [
    (BROKEN_YAML, r":3: YAML does not parse"),
    ("- the {name} base\n", r": holds a list, expected a mapping"),
    ("patterns: ['the {name} base']\n", r": patterns: expected a mapping of location kinds"),
    ("determiners: the\n", r": determiners: expected a list of words"),
])
def test_a_broken_place_lexicon_names_its_file(tmp_path, text, message):
    path = tmp_path / "places.en.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=re.escape(str(path)) + message):
        KnowledgeBase({}, {}, {}, lexicon_dir=tmp_path)


# --- the lexicons ------------------------------------------------------------------------------


@pytest.fixture
def lexicons(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    """A copy of the lexicons every loader reads instead of the project's, and of limits.yml."""
    folder = tmp_path / "lexicon"
    shutil.copytree(cues.LEXICON_DIR, folder)
    shutil.copy(articles.LIMITS_FILE, tmp_path / "limits.yml")
    for module in (cues, dates, events, pipeline, clean):
        monkeypatch.setattr(module, "LEXICON_DIR", folder)
    monkeypatch.setattr(sentences, "LEXICON", folder / "sentences.yml")
    monkeypatch.setattr(articles, "LIMITS_FILE", tmp_path / "limits.yml")
    for loader in CACHED:
        loader.cache_clear()
    yield folder
    for loader in CACHED:
        loader.cache_clear()


LOADERS: dict[str, Callable[[Path], object]] = {
    "events.en.yml": lambda folder: cues.lexicon("en"),
    "dates.fr.yml": lambda folder: dates.load_lexicon(folder / "dates.fr.yml"),
    "numbers.en.yml": lambda folder: numbers._lexicon("en"),
    "tolls.fr.yml": lambda folder: tolls._words("fr"),
    "clean.en.yml": lambda folder: clean.lexicon(),
    "sentences.yml": lambda folder: sentences.abbreviations("en"),
    "families.yml": lambda folder: events._read_families(),
    "type_rules.yml": lambda folder: events.type_rules(),
    "published.yml": lambda folder: pipeline._published_cues("publication_line", "en"),
    "titles.yml": lambda folder: pipeline._titles(),
    "../limits.yml": lambda folder: articles.limits(),
}


@pytest.mark.parametrize("name", list(LOADERS))
def test_every_lexicon_loads_as_shipped(lexicons, name):
    LOADERS[name](lexicons)


@pytest.mark.parametrize("name", list(LOADERS))
def test_a_lexicon_that_does_not_parse_names_its_file_and_line(lexicons, name):
    path = Path(os.path.normpath(lexicons / name))
    path.write_text(BROKEN_YAML, encoding="utf-8")
    with pytest.raises(cues.LexiconError, match=re.escape(str(path)) + r":3: YAML does not parse"):
        LOADERS[name](lexicons)


@pytest.mark.parametrize("name", list(LOADERS))
def test_a_lexicon_that_is_a_list_names_its_file(lexicons, name):
    path = Path(os.path.normpath(lexicons / name))
    path.write_text("- one\n- two\n", encoding="utf-8")
    with pytest.raises(cues.LexiconError, match=re.escape(str(path)) + r": holds a list, expected a mapping"):
        LOADERS[name](lexicons)


@pytest.mark.parametrize("name, change", [
    ("events.en.yml", lambda text: re.sub(r"(?m)^generic:\n(?:  .*\n)+", "", text)),  # a section gone
    ("events.en.yml", lambda text: re.sub(r"(?m)^generic:\n(?:  .*\n)+", "generic: attack\n", text)),
    ("events.en.yml", lambda text: re.sub(r"(?m)^roles:\n", "roles: [passive]\n", text, count=1)),
    ("dates.fr.yml", lambda text: re.sub(r"(?m)^patterns:", "patterns: 3\nformer_patterns:", text)),
    ("numbers.en.yml", lambda text: re.sub(r"(?m)^units:", "units: 3\nformer_units:", text)),
    ("tolls.fr.yml", lambda text: re.sub(r"(?m)^killed:", "killed: [tués]\nformer_killed:", text)),
    ("type_rules.yml", lambda text: re.sub(r"(?m)^needs_place:", "needs_place: 3\nformer:", text)),
    ("type_rules.yml", lambda text: text.replace("  otherwise: Attack", "  otherwise: Assault")),
    ("titles.yml", lambda text: text.replace("  what: Air strike\n", "")),
    ("published.yml", lambda text: text.replace("  en: [published", "  english: [published")),
    ("sentences.yml", lambda text: re.sub(r"(?m)^en:", "en: Mr\nformer_en:", text)),
])
def test_a_lexicon_of_the_wrong_shape_names_its_file(lexicons, name, change):
    path = Path(os.path.normpath(lexicons / name))
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(cues.LexiconError, match=re.escape(str(path))):
        LOADERS[name](lexicons)


def test_an_empty_lexicon_section_matches_nothing(lexicons):
    path = lexicons / "events.en.yml"
    path.write_text(re.sub(r"(?m)^generic:\n(?:  .*\n)+", "generic: []\n",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    lexicon = cues.lexicon("en")
    assert lexicon.generic is cues.NEVER and lexicon.generic.search("an attack") is None


def test_a_limit_that_is_not_a_whole_number_names_limits_yml(lexicons):
    path = articles.LIMITS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("max_line_chars:", "max_line_chars: many\n#"),
                    encoding="utf-8")
    with pytest.raises(cues.LexiconError, match=re.escape(str(path)) + r": max_line_chars is 'many'"):
        articles.limits()
