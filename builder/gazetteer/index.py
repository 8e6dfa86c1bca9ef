"""The gazetteer's index: one SQLite file of places and the keys of their names, written once
and then opened read-only by every process (in 0.1 ms; a look-up costs about 10 µs), so that
no run pays for reading GeoNames' 235,000 towns."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuilderError
from .names import keys

# The levels of GeoNames' places the index holds, and the precision each gives coordinates.
LEVEL_PRECISION = {"town": "town", "admin2": "district", "admin1": "region", "country": "country"}
FORMAT = 1  # raised whenever the tables change, so an index of another format is rebuilt

_SCHEMA = """
create table meta (key text primary key, value text not null);
create table place (
    geonames integer primary key, name text not null, country text not null,
    level text not null,          -- town, admin2, admin1 or country
    code text not null,           -- a division's own GeoNames code (IQ.13, IQ.13.94786); '' for a town
    admin1 text not null,         -- the codes of the divisions a town or district lies in
    admin2 text not null,
    population integer not null,
    latitude real, longitude real -- a division's: those of its most populous town
);
create table name (key text not null, geonames integer not null, primary key (key, geonames)) without rowid;
create index place_code on place (code) where code != '';
"""


class GazetteerError(BuilderError):
    """An index that cannot be opened or read, with what to do about it."""


@dataclass(frozen=True)
class GeoPlace:
    """One GeoNames place: a town, a district (admin2), a region (admin1) or a country."""

    geonames: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    level: str  # a key of LEVEL_PRECISION
    code: str = ""  # a division's own GeoNames code ("IQ.13")
    admin1: str = ""  # the division codes of the regions it lies in ("IQ.13", "IQ.13.94786")
    admin2: str = ""
    population: int = 0
    latitude: float | None = None
    longitude: float | None = None

    @property
    def precision(self) -> str:
        """How precisely its coordinates place it (a precision of builder/vocab/geo_precisions.yml)."""
        return LEVEL_PRECISION[self.level]

    @property
    def division(self) -> bool:
        return self.level in ("admin1", "admin2")


_COLUMNS = "geonames, name, country, level, code, admin1, admin2, population, latitude, longitude"


def write_index(path: Path, places: Iterable[tuple[GeoPlace, Iterable[str]]], meta: dict[str, str]) -> int:
    """Write a new index at `path` (replacing none: the caller renames it into place) from
    places and the names each is known by; returns how many places it holds."""
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
        count = 0
        for place, names in places:
            db.execute(f"insert into place ({_COLUMNS}) values (?,?,?,?,?,?,?,?,?,?)",
                       (place.geonames, place.name, place.country, place.level, place.code,
                        place.admin1, place.admin2, place.population, place.latitude, place.longitude))
            found = set().union(*(keys(n, place.division) for n in {place.name, *names}))
            db.executemany("insert or ignore into name values (?, ?)", ((k, place.geonames) for k in found))
            count += 1
        db.executemany("insert into meta values (?, ?)", [*meta.items(), ("format", str(FORMAT))])
        db.commit()
        db.execute("vacuum")
    finally:
        db.close()
    return count


class Gazetteer:
    """An index opened read-only: places by name (within countries, at levels), by id and by
    division code."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self.meta = dict(self.db.execute("select key, value from meta").fetchall())
        except sqlite3.Error as e:
            raise GazetteerError(f"{path}: not a gazetteer index ({e}); delete it and run "
                                 "`python -m builder gazetteer build`") from None

    def _places(self, sql: str, args: Iterable) -> list[GeoPlace]:
        return [GeoPlace(*row) for row in self.db.execute(sql, tuple(args))]

    def lookup(self, name: str, countries: Iterable[str] = (), levels: Iterable[str] = ()) -> list[GeoPlace]:
        """The places a name may designate, most populous first: within `countries` and at
        `levels` when given. A region or district is also found without the words that say
        what it is ("Kirkuk Governorate" finds the governorate, not the town)."""
        plain, bare = sorted(keys(name)), sorted(keys(name, division=True))
        if not plain:
            return []
        columns = ", ".join("p." + c.strip() for c in _COLUMNS.split(","))
        sql = (f"select {columns} from place p where "
               f"(p.level in ('town', 'country') and p.geonames in "
               f"(select geonames from name where key in ({','.join('?' * len(plain))}))) or "
               f"(p.level in ('admin1', 'admin2') and p.geonames in "
               f"(select geonames from name where key in ({','.join('?' * len(bare))})))")
        args: list = [*plain, *bare]
        countries, levels = list(countries), list(levels)
        if countries:
            sql = f"select * from ({sql}) where country in ({','.join('?' * len(countries))})"
            args += countries
        if levels:
            sql = f"select * from ({sql}) where level in ({','.join('?' * len(levels))})"
            args += levels
        return self._places(sql + " order by population desc, geonames", args)

    def known_as(self, geonames: int, wanted: Iterable[str]) -> bool:
        """Whether a place is indexed under one of these keys as they are (nothing dropped)."""
        wanted = sorted(set(wanted))
        row = self.db.execute(f"select 1 from name where key in ({','.join('?' * len(wanted))}) and geonames = ?",
                              (*wanted, geonames)).fetchone() if wanted else None
        return row is not None

    def get(self, geonames: int) -> GeoPlace | None:
        """The place of a GeoNames id, if the index holds it."""
        places = self._places(f"select {_COLUMNS} from place where geonames = ?", [geonames])
        return places[0] if places else None

    def division(self, code: str) -> GeoPlace | None:
        """The region or district of a GeoNames division code ("IQ.13")."""
        places = self._places(f"select {_COLUMNS} from place where code = ?", [code]) if code else []
        return places[0] if places else None

    def __iter__(self) -> Iterator[GeoPlace]:
        return iter(self._places(f"select {_COLUMNS} from place order by geonames", []))

    def __len__(self) -> int:
        return int(self.db.execute("select count(*) from place").fetchone()[0])
