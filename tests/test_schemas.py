"""The shipped JSON Schemas are current, and the project's own records are valid."""

from __future__ import annotations

import json

from conftest import ROOT

from builder.records import schemas, validate


def test_the_shipped_schemas_match_the_vocabularies():
    for kind, schema in schemas.schemas().items():
        shipped = (schemas.SCHEMA_DIR / schemas.KIND_FILES[kind]).read_text(encoding="utf-8")
        assert json.loads(shipped) == schema, f"run `python -m builder schemas` ({kind})"


def test_the_projects_records_are_valid():
    _, problems = validate.load(ROOT / "records")
    assert [str(p) for p in problems] == []
