"""New records by hand: `python -m builder new event|actor|location --title "..."`.

The file is written from a template in builder/templates/new/: every field is listed, the
values to provide are TODO (which `validate` rejects, so none is forgotten), the others are
null or empty, and comments name the values the vocabularies allow. An existing file is
never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import jinja2

from .. import files
from ..errors import BuilderError
from ..records.folder import record_path, schema_header
from ..records.model import slugify
from ..records.problems import display_path
from ..records.vocab import Vocabulary, vocabulary
from ..records.yamlio import YamlError, parse
from ..site.render import template_environment

TEMPLATE_DIR = Path(__file__).parents[1] / "templates" / "new"
KINDS = {"event": "events", "actor": "actors", "location": "locations"}
PLACEHOLDER = "TODO"


class NewRecordError(BuilderError):
    """The record cannot be written: no id can be made from the title, or its file exists."""


@dataclass(frozen=True)
class NewRecord:
    """A record to be written: its folder (events, actors, locations), id, file and text."""

    kind: str
    id: str
    path: Path
    text: str


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when it reads back as itself, else double-quoted."""
    try:
        if value.strip() == value and parse(value).data == value:
            return value
    except YamlError:
        pass
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def lines_of(values, width: int) -> list[list[str]]:
    """`values` in lines of at most `width` characters once joined with ", ", never splitting one."""
    lines: list[list[str]] = [[]]
    for value in values:
        if lines[-1] and len(", ".join(lines[-1] + [value])) > width:
            lines.append([])
        lines[-1].append(value)
    return lines


@cache
def _environment() -> jinja2.Environment:
    env = template_environment(TEMPLATE_DIR)
    env.filters.update(yaml_scalar=yaml_scalar, lines_of=lines_of)
    return env


def record_id(kind: str, title: str, day: date) -> str:
    """The id of a new record: the title as a slug, after the date for an event."""
    slug = slugify(title)
    if not slug:
        raise NewRecordError(f"no id can be made from the title {title!r}; give one with "
                             "letters or digits")
    return f"{day.isoformat()}-{slug}" if kind == "event" else slug


def _context(kind: str, v: Vocabulary) -> dict:
    if kind == "event":
        return {"statuses": v.statuses["event"], "event_types": v.event_types,
                "precisions": v.precisions, "times_of_day": v.times_of_day,
                "roles": v.roles, "relations": v.relations}
    kinds = v.actor_kinds if kind == "actor" else v.location_kinds
    return {"statuses": v.statuses["entity"], "kinds": list(kinds), "affiliations": v.affiliations,
            "geo_precisions": list(v.geo_precisions)}


def new_record(records_dir: Path, kind: str, title: str, day: date | None = None) -> NewRecord:
    """The text of a new record of `kind` (event, actor, location) titled or named `title`."""
    day = day or date.today()
    folder = KINDS[kind]
    rid = record_id(kind, title, day)
    path = record_path(records_dir, folder, rid)
    template = _environment().get_template(f"{kind}.yml.j2")
    text = template.render(header=schema_header(path, folder), id=rid, title=title, name=title,
                           date=day.isoformat(), **_context(kind, vocabulary()))
    return NewRecord(folder, rid, path, text)


def write_new(record: NewRecord) -> None:
    """Write the record's file whole (a temporary file, then a link), never over an existing one."""
    if record.path.exists():
        raise NewRecordError(f"{display_path(record.path)} already exists; not overwritten "
                             "(edit it, or choose another title)")
    try:
        files.write_new(record.path, record.text)
    except FileExistsError:
        raise NewRecordError(f"{display_path(record.path)} already exists; not overwritten") from None
