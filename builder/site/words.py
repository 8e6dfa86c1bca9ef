"""The site's words, read from the data files of builder/site/words/, each checked against its
JSON Schema in builder/site/words/schemas/: country and language names for codes, the
clauses event summaries are written from, ACLED's disorder types, and the downloads' data
dictionary."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import BuilderError
from ..records.yamlio import load_plain

WORDS_DIR = Path(__file__).parent / "words"
SCHEMA_DIR = WORDS_DIR / "schemas"


def _load(name: str, schema: str):
    """A words file checked against its schema: a mistake names the file and the key."""
    import jsonschema

    data = load_plain(WORDS_DIR / f"{name}.yml")
    checker = jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / f"{schema}.schema.json").read_text()))
    for error in checker.iter_errors(data):
        where = "/".join(str(p) for p in error.absolute_path) or "the file"
        raise BuilderError(f"builder/site/words/{name}.yml: {where}: {error.message} "
                           f"(see builder/site/words/schemas/{schema}.schema.json)")
    return data


@dataclass(frozen=True)
class Words:
    """Every words file, as read."""

    countries: dict[str, str]
    languages: dict[str, str]
    summaries: dict
    disorder_types: dict
    columns: dict

    def country_name(self, code: str | None) -> str:
        """A country's name for readers ("Iraq" for IQ); the code itself when unknown."""
        return self.countries.get(code or "", code or "")

    def language_name(self, code: str) -> str:
        """A language's name for readers ("French" for fr); the code itself when unknown."""
        return self.languages.get(code, code)


@cache
def words() -> Words:
    """The words shipped with the project (read once)."""
    return Words(countries=_load("countries", "words"), languages=_load("languages", "words"),
                 summaries=_load("summaries", "summaries"), disorder_types=_load("disorder_types", "disorder_types"),
                 columns=_load("columns", "columns"))
