"""The site's settings that are not MkDocs' own, read from `extra.chronology` in mkdocs.yml:
map tiles (off unless set: the maps draw the base layer shipped with the site) and the
licence the data is published under."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import BuilderError


@dataclass(frozen=True)
class Tiles:
    """A tile server to draw under the maps: its URL template and its attribution (HTML)."""

    url: str
    attribution: str


@dataclass(frozen=True)
class Licence:
    """The licence of the data: its SPDX id, its name and where it is read."""

    id: str = "CC-BY-4.0"
    title: str = "Creative Commons Attribution 4.0 International"
    url: str = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Extra:
    """What `extra.chronology` in mkdocs.yml sets."""

    tiles: Tiles | None = None
    licence: Licence = field(default_factory=Licence)
    title: str = "Incident chronology"


def read_extra(extra: dict | None, site_name: str = "Incident chronology") -> Extra:
    """The settings of `extra.chronology` (a mapping), with their defaults."""
    found = (extra or {}).get("chronology") or {}
    if not isinstance(found, dict):
        raise BuilderError("mkdocs.yml: extra.chronology must be a mapping (map_tiles, licence)")
    tiles = found.get("map_tiles")
    licence = found.get("licence") or {}
    try:
        return Extra(Tiles(str(tiles["url"]), str(tiles.get("attribution", ""))) if tiles else None,
                     Licence(**{k: str(v) for k, v in licence.items()}), site_name)
    except (TypeError, KeyError) as e:
        raise BuilderError(f"mkdocs.yml: extra.chronology: {e}; expected map_tiles: {{url, attribution}} "
                           "and licence: {id, title, url}") from e
