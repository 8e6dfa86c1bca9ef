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
from builder.extract import articles, lexicon
from builder.extract.articles import ArticleError
from builder.extract.clean import Boilerplate
from builder.extract.cues import EventCues
from builder.extract.date_lexicon import DateLexicon
from builder.extract.drafts import Titles
from builder.extract.event_types import Families, TypeRules
from builder.extract.knowledge import KNOWLEDGE_DIR, KnowledgeBase, KnowledgeError, load_knowledge
from builder.extract.numbers import NumberWords
from builder.extract.published import PublishedCues
from builder.extract.sentences import AbbreviationTable
from builder.extract.tolls import TollWords

BROKEN_YAML = "first: [one, two]\nsecond: [three\nthird: four\n"
CACHED = (lexicon.clear_cache, articles.limits.cache_clear)


def test_the_extract_layers_errors_are_the_projects_and_keep_their_bases():
    for error in (lexicon.LexiconError, KnowledgeError):
        assert issubclass(error, BuilderError) and issubclass(error, ValueError)
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
    ("patterns: ['the {name} base']\n", r":1: patterns is .*, expected a mapping of location kinds"),
    ("determiners: the\n", r":1: determiners is 'the', expected a list of words"),
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
    shutil.copytree(lexicon.LEXICON_DIR, folder)
    shutil.copy(articles.LIMITS_FILE, tmp_path / "limits.yml")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", folder)
    monkeypatch.setattr(articles, "LIMITS_FILE", tmp_path / "limits.yml")
    for clear in CACHED:
        clear()
    yield folder
    for clear in CACHED:
        clear()


LOADERS: dict[str, Callable[[Path], object]] = {
    "events.en.yml": lambda folder: EventCues.of("en"),
    "dates.fr.yml": lambda folder: DateLexicon.read(folder / "dates.fr.yml"),
    "numbers.en.yml": lambda folder: NumberWords.of("en"),
    "tolls.fr.yml": lambda folder: TollWords.of("fr"),
    "clean.en.yml": lambda folder: Boilerplate.of(),
    "sentences.yml": lambda folder: AbbreviationTable.of(),
    "families.yml": lambda folder: Families.of(),
    "type_rules.yml": lambda folder: TypeRules.of(),
    "published.yml": lambda folder: PublishedCues.of(),
    "titles.yml": lambda folder: Titles.of(),
    "../limits.yml": lambda folder: articles.limits(),
}


@pytest.mark.parametrize("name", list(LOADERS))
def test_every_lexicon_loads_as_shipped(lexicons, name):
    LOADERS[name](lexicons)


@pytest.mark.parametrize("name", list(LOADERS))
def test_a_lexicon_that_does_not_parse_names_its_file_and_line(lexicons, name):
    path = Path(os.path.normpath(lexicons / name))
    path.write_text(BROKEN_YAML, encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=re.escape(str(path)) + r":3: YAML does not parse"):
        LOADERS[name](lexicons)


@pytest.mark.parametrize("name", list(LOADERS))
def test_a_lexicon_that_is_a_list_names_its_file(lexicons, name):
    path = Path(os.path.normpath(lexicons / name))
    path.write_text("- one\n- two\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=re.escape(str(path)) + r": holds a list, expected a mapping"):
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
    with pytest.raises(lexicon.LexiconError, match=re.escape(str(path))):
        LOADERS[name](lexicons)


def test_an_empty_lexicon_section_matches_nothing(lexicons):
    path = lexicons / "events.en.yml"
    path.write_text(re.sub(r"(?m)^generic:\n(?:  .*\n)+", "generic: []\n",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    cues = EventCues.of("en")
    assert cues.generic is lexicon.NEVER and cues.generic.search("an attack") is None


def test_a_limit_that_is_not_a_whole_number_names_limits_yml(lexicons):
    path = articles.LIMITS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("max_line_chars:", "max_line_chars: many\n#"),
                    encoding="utf-8")
    with pytest.raises(lexicon.LexiconError,
                       match=re.escape(str(path)) + r":\d+: max_line_chars is 'many', expected a whole number"):
        articles.limits()
