"""The hand-kept knowledge base's places and the gazetteer: what it proposes for the places
without coordinates (`review --knowledge`), and filling in what the base leaves empty
(`knowledge fill`): coordinates, GeoNames ids and parents, for a maintainer to review in the
diff. A value a person wrote is never replaced: a line is changed only when it says `null`,
and every other byte of the file stays as it was."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuilderError
from ..extract.knowledge import KNOWLEDGE_DIR
from ..files import write_atomic
from ..gazetteer.choose import km
from ..gazetteer.index import Gazetteer
from ..gazetteer.proposals import Proposal, Proposer
from ..records.model import Location
from ..records.places import precision_of
from ..records.problems import Problem, display_path
from ..records.yamlio import Document, YamlError, parse

LOCATIONS_FILE = KNOWLEDGE_DIR / "locations.yml"
_NULL = re.compile(r"^(?P<indent>\s*)(?P<key>[a-z_]+):\s*(?:null|~)?\s*(?:#.*)?$")


class KnowledgeFileError(BuilderError):
    """The knowledge base's locations file cannot be read as a list of location entries."""


@dataclass(frozen=True)
class Entry:
    """One place of the base, with where it is in the file."""

    index: int  # its position in the list
    line: int
    location: Location


def read_entries(path: Path) -> tuple[str, Document, list[Entry]]:
    """The file's text, its parsed document, and its location entries."""
    text = path.read_text(encoding="utf-8")
    try:
        doc = parse(text)
    except YamlError as e:
        raise KnowledgeFileError(f"{display_path(path)}:{e.line or 1}: {e.message}") from None
    if not isinstance(doc.data, list):
        raise KnowledgeFileError(f"{display_path(path)}:1: expected a list of location entries")
    entries = [Entry(i, doc.line_of((i,)), Location.from_dict(data)) for i, data in enumerate(doc.data)]
    return text, doc, entries


def unplaced(gazetteer: Gazetteer, path: Path = LOCATIONS_FILE) -> list[Problem]:
    """Each place of the base without coordinates, with the gazetteer's proposal for it."""
    _, doc, entries = read_entries(path)
    proposer = Proposer(gazetteer, {e.location.id: e.location for e in entries})
    out = []
    for entry in entries:
        if entry.location.has_coordinates:
            continue
        proposal = proposer.propose(entry.location)
        out.append(Problem(display_path(path), doc.line_of((entry.index, "latitude")),
                           f"{entry.location.id}: no coordinates; {proposal.describe()}", "review"))
    return out


# How far the base's own point may be from GeoNames' for an entry to take its id, by precision:
# a division's point in GeoNames' packages is its main town, not its middle.
_AGREE_KM = {"town": 25, "site": 25, "district": 100, "region": 400}


def agrees(location: Location, proposal: Proposal) -> bool:
    """The place GeoNames proposes is the one the base already placed (near its coordinates)."""
    place = proposal.choice.place
    if place is None or place.latitude is None or place.longitude is None or not location.has_coordinates:
        return False
    limit = _AGREE_KM.get(precision_of(location).name, 0)
    return km((location.latitude or 0.0, location.longitude or 0.0), (place.latitude, place.longitude)) <= limit


@dataclass(frozen=True)
class Filled:
    """What `fill` wrote into one entry."""

    line: int
    location: Location
    values: dict[str, object]
    proposal: Proposal


def _is_null(line: str, key: str) -> bool:
    """Whether the line gives `key` no value (null, ~ or nothing)."""
    match = _NULL.match(line)
    return match is not None and match["key"] == key


def _set_null(lines: list[str], line: int, key: str, value: object) -> bool:
    """Write `value` on the line of `key`, when that line says null; False when it says more."""
    match = _NULL.match(lines[line - 1])
    if not match or match["key"] != key:
        return False
    lines[line - 1] = f"{match['indent']}{key}: {value}\n"
    return True


def _add(lines: list[str], inserts: dict[int, list[str]], doc: Document, index: int, key: str,
         value: object) -> bool:
    """Give an entry `key: value`: on its line if it has one saying null, else as a new line
    after its longitude, where records keep it. False when neither can be done."""
    if (index, key) in doc.lines:
        return _set_null(lines, doc.line_of((index, key)), key, value)
    after = doc.line_of((index, "longitude"))
    found = re.match(r"^(?P<indent>\s*)longitude:", lines[after - 1])
    if (index, "longitude") not in doc.lines or not found:
        return False
    inserts.setdefault(after, []).append(f"{found['indent']}{key}: {value}\n")
    return True


def fill(gazetteer: Gazetteer, path: Path = LOCATIONS_FILE) -> list[Filled]:
    """Write into the base what the gazetteer proposes where the base leaves it empty: the
    coordinates of an entry without any, the GeoNames id of an entry it can place (of one
    already placed, only when GeoNames' point is near the base's), the parent of one without.
    Returns what was written, entry by entry."""
    text, doc, entries = read_entries(path)
    proposer = Proposer(gazetteer, {e.location.id: e.location for e in entries})
    lines = text.splitlines(keepends=True)
    inserts: dict[int, list[str]] = {}
    done = []
    for entry in entries:
        loc = entry.location
        proposal = proposer.propose(loc)
        values = dict(proposal.fill)
        half_placed = (loc.latitude is None) != (loc.longitude is None)
        if half_placed or (loc.has_coordinates and not agrees(loc, proposal)):
            values.pop("geonames", None)
        written: dict[str, object] = {}
        if "parent" in values and _set_null(lines, doc.line_of((entry.index, "parent")), "parent", values["parent"]):
            written["parent"] = values["parent"]
        where = {key: doc.line_of((entry.index, key)) for key in ("latitude", "longitude")}
        if "latitude" in values:
            if not all(_is_null(lines[where[key] - 1], key) for key in where):
                continue  # the file holds more than null there: leave the entry alone
            for key, line in where.items():
                _set_null(lines, line, key, values[key])
                written[key] = values[key]
        for key in ("precision", "geonames"):
            if key in values and _add(lines, inserts, doc, entry.index, key, values[key]):
                written[key] = values[key]
        if written:
            done.append(Filled(entry.line, loc, written, proposal))
    out: list[str] = []
    for number, text_line in enumerate(lines, start=1):
        out.append(text_line)
        out += inserts.get(number, [])
    write_atomic(path, "".join(out))
    return done
