"""docs/editing.md cannot fall behind: it names every vocabulary value and every record field,
it is in the site's navigation, and its example records are valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from builder.records import validate
from builder.records.folder import RecordFile
from builder.records.schemas import KIND_FILES, SCHEMA_DIR
from builder.records.vocab import VOCAB_DIR, vocabulary
from builder.records.yamlio import load_plain, parse

PAGE = ROOT / "docs" / "editing.md"


def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def vocabulary_values() -> dict[str, list[str]]:
    """The values each file of builder/vocab/ allows, by file name."""
    v = vocabulary()
    return {
        "event_types": [*v.event_types, *v.sub_event_types],
        "roles": list(v.roles),
        "relations": list(v.relations),
        "affiliations": list(v.affiliations),
        "actor_kinds": list(v.actor_kinds),
        "location_kinds": list(v.location_kinds),
        "statuses": [*v.statuses, *(s for group in v.statuses.values() for s in group)],
        "precisions": list(v.precisions),
        "times_of_day": list(v.times_of_day),
        "source_date_origins": list(v.source_date_origins),
        "geo_precisions": list(v.geo_precisions),
    }


def properties(schema: dict) -> set[str]:
    """Every property name a schema declares, at any depth."""
    found: set[str] = set()
    if isinstance(schema, dict):
        found |= set(schema.get("properties", {}))
        for value in schema.values():
            found |= properties(value)
    elif isinstance(schema, list):
        for item in schema:
            found |= properties(item)
    return found


def test_every_vocabulary_file_is_checked():
    assert set(vocabulary_values()) == {p.stem for p in VOCAB_DIR.glob("*.yml")}


@pytest.mark.parametrize("name", sorted(vocabulary_values()))
def test_every_vocabulary_value_is_named_in_the_page(name):
    text = page()
    missing = [value for value in vocabulary_values()[name] if f"`{value}`" not in text]
    assert missing == [], f"docs/editing.md does not name these values of builder/vocab/{name}.yml"


def test_the_vocabulary_values_are_read_from_the_files_themselves():
    raw = load_plain(VOCAB_DIR / "times_of_day.yml")
    assert vocabulary_values()["times_of_day"] == raw


@pytest.mark.parametrize("schema_file", sorted(KIND_FILES.values()))
def test_every_record_field_is_named_in_the_page(schema_file):
    schema = json.loads((SCHEMA_DIR / schema_file).read_text(encoding="utf-8"))
    text = page()
    missing = sorted(key for key in properties(schema) if f"`{key}`" not in text)
    assert missing == [], f"docs/editing.md does not name these fields of {schema_file}"


def test_the_page_is_under_about_in_the_navigation_not_in_the_readers_top_bar():
    nav = re.search(r"^nav:\n((?:  .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    lines = nav.group(1).splitlines()
    about = lines.index("  - About:")
    assert "      - Editing records: editing.md" in lines[about:]
    assert "  - Editing records: editing.md" not in lines


def test_the_example_records_are_valid():
    blocks = re.findall(r"```yaml\n(# yaml-language-server: \$schema=\S+/(\w+\.schema\.json)\n.*?)```",
                        page(), re.S)
    blocks = [(text, schema_file) for text, schema_file in blocks if "\nid: " in text]
    kinds = {file: kind for kind, file in KIND_FILES.items()}
    assert len(blocks) >= 2
    for text, schema_file in blocks:
        record = RecordFile(kinds[schema_file], Path("example.yml"), parse(text))
        assert [str(p) for p in validate.check_schema(record)] == []


def test_the_page_explains_each_review_status_and_the_workflow():
    text = page()
    for words in ("A **deleted draft comes back**", "never changes it", "keeps it out of the site",
                  "python -m builder extract", "python -m builder review", "python -m builder validate",
                  "make serve", "yaml-language-server", "path:line: message"):
        assert words in text
