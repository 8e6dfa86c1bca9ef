"""The record model: events, actors, locations and sources, as typed dataclasses.

Records are read from and written to YAML as plain dicts; `from_dict` expects data that has
passed schema validation, and `to_dict` gives the stable key order every file is written in.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from urllib.parse import quote, urlsplit, urlunsplit

from anyascii import anyascii

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_CHARS = 80  # what slugify makes of a title
MAX_ID_CHARS = 120  # a record's id: a date, a slug and a -2 fit; a file name stays far below 255 bytes
# Ids that would be the name of a listing page (actors/index.md) or that Windows reserves.
RESERVED_IDS = frozenset({"index", "con", "prn", "aux", "nul",
                          *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


def slugify(text: str, max_words: int = 12, max_chars: int = MAX_SLUG_CHARS) -> str:
    """An id of [a-z0-9-] made from free text in any script ("Rocket attack on Camp Taji" ->
    "rocket-attack-on-camp-taji", "الموصل" -> "lmwsl"): transliterated to ASCII by anyascii,
    at most `max_words` words and `max_chars` characters, never a reserved name ("index" ->
    "index-1"); "" when the text has no letter or digit in any script."""
    ascii_text = anyascii(unicodedata.normalize("NFC", text)).lower()
    words = re.findall(r"[a-z0-9]+", re.sub(r"['`’]", "", ascii_text))[:max_words]
    slug = ""
    for word in words:
        joined = f"{slug}-{word}" if slug else word
        if len(joined) > max_chars:
            slug = slug or word[:max_chars]
            break
        slug = joined
    return f"{slug}-1" if slug in RESERVED_IDS else slug


def id_from(text: str, prefix: str) -> str:
    """`slugify(text)`, or, when the text has no letter or digit ("!!!"), `prefix` and a
    digest of the text: the same text always gets the same id."""
    return slugify(text) or f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:10]}"


_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f\s\"<>\\^`{}|]")
# What stays as it is in a rebuilt address: RFC 3986's unreserved and sub-delimiter characters,
# ":" "@" "/" "?" and "%" (an escape already made). "[" "]" never do: with them an address
# pasted into Markdown could hold a link of its own ("/[Read](javascript:...)").
_KEEP_IN_PATH = "/:@!$&'()*+,;=-._~%"
_KEEP_IN_QUERY = _KEEP_IN_PATH + "?"
_BROKEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?"
_HOST = re.compile(rf"^(?:{_LABEL}\.)*{_LABEL}\.?$")


@lru_cache(maxsize=1 << 16)  # a page names the same sources many times
def web_address(url: str) -> str:
    """`url` rebuilt from its parts when it is an http or https address with a host: the
    scheme and host lower-cased (a host in another script in its ASCII form), the path, query
    and fragment percent-encoded but for the characters RFC 3986 lets them hold, brackets
    always encoded. "" for anything else: `javascript:`, `data:`, relative paths, white
    space, controls, quotes or angle brackets in the text, a user name or password, a port
    that is not a number. What the site links to is this, never the text as given."""
    if not url or _NOT_IN_URL.search(url):
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or parts.username is not None or parts.password is not None:
        return ""
    if ":" in host:
        netloc = f"[{host}]"  # an IPv6 address, which urlsplit has checked
    elif _HOST.match(host):
        netloc = host
    else:
        return ""
    if port is not None:
        netloc += f":{port}"
    path, query, fragment = (quote(_BROKEN_ESCAPE.sub("%25", part), safe=safe) for part, safe in
                             ((parts.path, _KEEP_IN_PATH), (parts.query, _KEEP_IN_QUERY),
                              (parts.fragment, _KEEP_IN_QUERY)))
    return urlunsplit((scheme, netloc, path, query, fragment))


def is_web_url(url: str) -> bool:
    """Whether `url` is an http or https address the site can link to (see web_address)."""
    return bool(web_address(url))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


# --- events ---------------------------------------------------------------------------


@dataclass(slots=True)
class DateSpan:
    """When an event happened: the span the sources allow, and how precise that is."""

    start: date
    end: date
    precision: str = "day"

    @classmethod
    def day(cls, day: date) -> DateSpan:
        return cls(day, day, "day")

    @classmethod
    def month(cls, year: int, month: int) -> DateSpan:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month")

    @classmethod
    def year(cls, year: int) -> DateSpan:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def from_dict(cls, data: dict) -> DateSpan:
        start = date.fromisoformat(str(data["start"]))
        return cls(start, _date(data.get("end")) or start, data.get("precision") or "day")

    def to_dict(self) -> dict:
        return {"start": _iso(self.start), "end": _iso(self.end), "precision": self.precision}

    def overlaps(self, other: DateSpan, slack_days: int = 0) -> bool:
        slack = timedelta(days=slack_days)
        return self.start <= other.end + slack and other.start <= self.end + slack

    def contains(self, other: DateSpan) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(slots=True)
class Toll:
    """A count of people killed or injured: a best value, and the low and high the sources give."""

    best: int
    low: int
    high: int

    @classmethod
    def exact(cls, value: int) -> Toll:
        return cls(value, value, value)

    @classmethod
    def parse(cls, value) -> Toll | None:
        if value is None:
            return None
        if isinstance(value, dict):
            best = int(value["best"])
            return cls(best, int(value.get("low", best)), int(value.get("high", best)))
        return cls.exact(int(value))

    @classmethod
    def from_figures(cls, figures: list[int]) -> Toll | None:
        """Combine the figures several sources give: the most reported one is the best value,
        the lowest on a tie (ACLED's conservative rule)."""
        if not figures:
            return None
        counts = Counter(figures)
        best = min(counts, key=lambda n: (-counts[n], n))
        return cls(best, min(figures), max(figures))

    @property
    def disputed(self) -> bool:
        return self.low != self.high

    def to_yaml(self) -> int | dict:
        if not self.disputed and self.best == self.low:
            return self.best
        return {"best": self.best, "low": self.low, "high": self.high}


@dataclass(slots=True)
class ActorRole:
    """An actor's part in an event, and how that part is known."""

    actor: str
    role: str
    blamed_by: list[str] = field(default_factory=list)
    claimed: bool = False
    denied: bool = False

    @classmethod
    def from_dict(cls, data: dict) -> ActorRole:
        return cls(
            actor=data["actor"],
            role=data["role"],
            blamed_by=list(data.get("blamed_by") or []),
            claimed=bool(data.get("claimed", False)),
            denied=bool(data.get("denied", False)),
        )

    def to_dict(self) -> dict:
        out: dict = {"actor": self.actor, "role": self.role}
        if self.blamed_by:
            out["blamed_by"] = list(self.blamed_by)
        if self.claimed:
            out["claimed"] = True
        if self.denied:
            out["denied"] = True
        return out


@dataclass(slots=True)
class Weapon:
    """A weapon used, with how many were fired or found when the sources say."""

    name: str
    count: int | None = None

    @classmethod
    def from_dict(cls, data: dict) -> Weapon:
        return cls(data["name"], data.get("count"))

    def to_dict(self) -> dict:
        out: dict = {"name": self.name}
        if self.count is not None:
            out["count"] = self.count
        return out


@dataclass(slots=True)
class Relation:
    """A link to another event ("retaliation-for", "follow-up-to"...)."""

    type: str
    event: str

    @classmethod
    def from_dict(cls, data: dict) -> Relation:
        return cls(data["type"], data["event"])

    def to_dict(self) -> dict:
        return {"type": self.type, "event": self.event}


@dataclass(slots=True)
class SourceRef:
    """One article's support for an event: the sentences it was taken from, and its own tolls."""

    article: str
    quotes: list[str] = field(default_factory=list)
    fatalities: int | None = None
    injured: int | None = None

    @classmethod
    def from_dict(cls, data: dict) -> SourceRef:
        return cls(
            article=data["article"],
            quotes=list(data.get("quotes") or []),
            fatalities=data.get("fatalities"),
            injured=data.get("injured"),
        )

    def to_dict(self) -> dict:
        out: dict = {"article": self.article}
        if self.fatalities is not None:
            out["fatalities"] = self.fatalities
        if self.injured is not None:
            out["injured"] = self.injured
        out["quotes"] = list(self.quotes)
        return out


@dataclass(slots=True)
class Event:
    """One incident: what happened, when, where, who was involved, the toll, and the sources."""

    id: str
    title: str
    event_type: str
    sub_event_type: str
    date: DateSpan
    time: str | None = None
    location: str | None = None
    actors: list[ActorRole] = field(default_factory=list)
    fatalities: Toll | None = None
    injured: Toll | None = None
    weapons: list[Weapon] = field(default_factory=list)
    summary: str = ""
    relations: list[Relation] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    status: str = "draft"
    notes: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> Event:
        return cls(
            id=data["id"],
            title=data["title"],
            event_type=data["event_type"],
            sub_event_type=data["sub_event_type"],
            date=DateSpan.from_dict(data["date"]),
            time=_time(data.get("time")),
            location=data.get("location"),
            actors=[ActorRole.from_dict(a) for a in data.get("actors") or []],
            fatalities=Toll.parse(data.get("fatalities")),
            injured=Toll.parse(data.get("injured")),
            weapons=[Weapon.from_dict(w) for w in data.get("weapons") or []],
            summary=data.get("summary") or "",
            relations=[Relation.from_dict(r) for r in data.get("relations") or []],
            sources=[SourceRef.from_dict(s) for s in data.get("sources") or []],
            status=data.get("status") or "draft",
            notes=data.get("notes") or "",
        )

    def to_dict(self) -> dict:
        out: dict = {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date.to_dict(),
        }
        if self.time:
            out["time"] = self.time
        out["location"] = self.location
        out["actors"] = [a.to_dict() for a in self.actors]
        out["fatalities"] = self.fatalities.to_yaml() if self.fatalities else None
        out["injured"] = self.injured.to_yaml() if self.injured else None
        if self.weapons:
            out["weapons"] = [w.to_dict() for w in self.weapons]
        out["summary"] = self.summary
        if self.relations:
            out["relations"] = [r.to_dict() for r in self.relations]
        out["sources"] = [s.to_dict() for s in self.sources]
        if self.notes:
            out["notes"] = self.notes
        return out

    def actors_in(self, *roles: str) -> list[ActorRole]:
        return [a for a in self.actors if a.role in roles]

    @property
    def sort_key(self) -> tuple:
        return (self.date.start, self.date.end, time_rank(self.time), self.id)


_PARTS_OF_DAY = {"dawn": 300, "morning": 540, "midday": 720, "afternoon": 900,
                 "evening": 1140, "night": 1380}


def time_rank(time: str | None) -> int:
    """Minutes after midnight a time of day stands for, to order events of one day
    (an unknown time counts as midday)."""
    if not time:
        return 720
    if time in _PARTS_OF_DAY:
        return _PARTS_OF_DAY[time]
    hours, _, minutes = time.partition(":")
    return int(hours) * 60 + int(minutes or 0) if hours.isdigit() else 720


def _time(value) -> str | None:
    return str(value) if value not in (None, "") else None


# --- actors, locations, sources -------------------------------------------------------


def _aliases(data) -> dict[str, list[str]]:
    return {lang: list(names or []) for lang, names in (data or {}).items()}


def _names(name: str, aliases: dict[str, list[str]]) -> list[str]:
    seen: dict[str, None] = {name: None}
    for names in aliases.values():
        for alias in names:
            seen.setdefault(alias, None)
    return list(seen)


@dataclass(slots=True)
class Affiliation:
    """A tie from one actor to another ("member-of", "backed-by"...)."""

    actor: str
    relation: str

    @classmethod
    def from_dict(cls, data: dict) -> Affiliation:
        return cls(data["actor"], data["relation"])

    def to_dict(self) -> dict:
        return {"actor": self.actor, "relation": self.relation}


@dataclass(slots=True)
class Actor:
    """A state force, armed group, government, coalition or person that takes part in events."""

    id: str
    name: str
    kind: str
    aliases: dict[str, list[str]] = field(default_factory=dict)
    affiliations: list[Affiliation] = field(default_factory=list)
    country: str | None = None
    description: str = ""
    status: str = "reviewed"

    @classmethod
    def from_dict(cls, data: dict) -> Actor:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            aliases=_aliases(data.get("aliases")),
            affiliations=[Affiliation.from_dict(a) for a in data.get("affiliations") or []],
            country=data.get("country"),
            description=data.get("description") or "",
            status=data.get("status") or "reviewed",
        )

    def to_dict(self) -> dict:
        out: dict = {"id": self.id, "name": self.name, "status": self.status, "kind": self.kind}
        out["aliases"] = {lang: list(names) for lang, names in self.aliases.items()}
        if self.affiliations:
            out["affiliations"] = [a.to_dict() for a in self.affiliations]
        out["country"] = self.country
        out["description"] = self.description
        return out

    @property
    def all_names(self) -> list[str]:
        return _names(self.name, self.aliases)


@dataclass(slots=True)
class Location:
    """A place events happen at, within its parent place."""

    id: str
    name: str
    kind: str
    aliases: dict[str, list[str]] = field(default_factory=dict)
    parent: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None  # how precisely the coordinates place it; None: as its kind says
    geonames: int | None = None  # its GeoNames id, where it has one
    description: str = ""
    status: str = "reviewed"

    @classmethod
    def from_dict(cls, data: dict) -> Location:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            aliases=_aliases(data.get("aliases")),
            parent=data.get("parent"),
            country=data.get("country"),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            precision=data.get("precision"),
            geonames=data.get("geonames"),
            description=data.get("description") or "",
            status=data.get("status") or "reviewed",
        )

    def to_dict(self) -> dict:
        out: dict = {"id": self.id, "name": self.name, "status": self.status, "kind": self.kind}
        out["aliases"] = {lang: list(names) for lang, names in self.aliases.items()}
        out["parent"] = self.parent
        out["country"] = self.country
        out["latitude"] = self.latitude
        out["longitude"] = self.longitude
        if self.precision:
            out["precision"] = self.precision
        if self.geonames is not None:
            out["geonames"] = self.geonames
        if self.description:
            out["description"] = self.description
        return out

    @property
    def all_names(self) -> list[str]:
        return _names(self.name, self.aliases)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(slots=True)
class Source:
    """A source article: where it was published, when, and where its text is kept."""

    id: str
    title: str
    language: str
    published: date | None = None
    published_from: str = "unknown"
    publisher: str = ""
    url: str = ""
    path: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> Source:
        return cls(
            id=data["id"],
            title=data["title"],
            language=data["language"],
            published=_date(data.get("published")),
            published_from=data.get("published_from") or "unknown",
            publisher=data.get("publisher") or "",
            url=data.get("url") or "",
            path=data.get("path") or "",
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "published": _iso(self.published),
            "published_from": self.published_from,
            "language": self.language,
            "path": self.path,
        }

    @property
    def link(self) -> str:
        """The address to link to: the url rebuilt from its parts when it is a web address,
        else "" (a `javascript:` or `data:` url never becomes a link, even in a record that
        skipped validation)."""
        return web_address(self.url)


Record = Event | Actor | Location | Source

RECORD_KINDS: dict[str, type[Event] | type[Actor] | type[Location] | type[Source]] = {
    "events": Event,
    "actors": Actor,
    "locations": Location,
    "sources": Source,
}
