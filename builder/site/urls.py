"""Every path and link of the site: where each generated page, download and feed goes under
docs/, the address MkDocs gives a page on the published site (directory URLs), and the links
from one file to another: as docs/ paths in Markdown, which MkDocs checks and rewrites, and as
the site's own addresses in the HTML blocks pages are mostly made of, checked here as they are
made. Templates ask this module too (as `urls`), so nothing else spells a page's path.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..records.model import RECORD_KINDS, Record

HOME = "index.md"
# Hand-written pages: how the records are made (with what a draft is, at DRAFTS), how to
# ask for a correction, and the licence of the data and of the site.
ABOUT = "about.md"
DRAFTS = f"{ABOUT}#drafts"
CORRECTIONS = "corrections.md"
LICENCE = "licence.md"
CHRONOLOGY_DIR = "chronology"  # the chronology's index and a page per year
CHRONOLOGY = f"{CHRONOLOGY_DIR}/index.md"
CHANGES = f"{CHRONOLOGY_DIR}/changes.md"  # new, changed and withdrawn events
# A record's page is in the folder named like its kind in the records: events/, actors/...
FOLDERS: dict[type, str] = {cls: kind for kind, cls in RECORD_KINDS.items()}
EVENTS_DIR = FOLDERS[RECORD_KINDS["events"]]
# The folders of generated pages: only marked pages in them (and HOME) are ever removed.
GENERATED_DIRS = (*FOLDERS.values(), CHRONOLOGY_DIR, "downloads")
DOWNLOADS_DIR = "downloads"
DOWNLOADS_PAGE = f"{DOWNLOADS_DIR}/index.md"  # every format, its columns, the licence, how to cite
EXPORTS = {fmt: f"{DOWNLOADS_DIR}/{name}"
           for fmt, name in (("json", "events.json"), ("csv", "events.csv"), ("geojson", "events.geojson"))}
FEED = f"{DOWNLOADS_DIR}/events.atom"
CHANGES_FEED = f"{DOWNLOADS_DIR}/changes.atom"
TIMELINE = f"{DOWNLOADS_DIR}/timeline.json"
DATAPACKAGE = f"{DOWNLOADS_DIR}/datapackage.json"  # Frictionless Data: the CSV and JSON described
# The downloads every listing page links to, in the order it lists them.
DOWNLOADS = [("CSV", EXPORTS["csv"]), ("JSON", EXPORTS["json"]), ("GeoJSON", EXPORTS["geojson"]),
             ("TimelineJS JSON", TIMELINE), ("Atom feed", FEED)]
# What the maps and the chronology's filter read: every event, compactly, loaded once.
SITE_DATA = f"{CHRONOLOGY_DIR}/events-index.json"
MAP_DATA = SITE_DATA
# The maps' base layer, shipped with the site (hand-kept, under docs/).
BASEMAP = "assets/basemap/world-50m.json"
# Every file the build writes besides pages, and the hand-written files pages link to (the
# site's build refuses a docs/ without them).
DOWNLOAD_FILES = (*EXPORTS.values(), FEED, CHANGES_FEED, TIMELINE, DATAPACKAGE, SITE_DATA)
HAND_WRITTEN = (ABOUT, CORRECTIONS, LICENCE, BASEMAP)
# Everything the build writes under docs/, and its memory there (a dot-folder MkDocs leaves out).
GENERATED = (HOME, *GENERATED_DIRS)
CACHE_DIR = ".builder-cache"


def staged(folder: str) -> str:
    """Where a build writes a generated folder that is not there yet, before it takes the
    folder's place whole (a dot-folder: MkDocs leaves it out of the site, git ignores it)."""
    return f".builder-new-{folder}"


def page(record: Record) -> str:
    """The docs/-relative path of a record's page: events/<id>.md, actors/<id>.md..."""
    return f"{FOLDERS[type(record)]}/{record.id}.md"


def listing(folder: str) -> str:
    """The page listing a folder's records: actors/index.md."""
    return f"{folder}/index.md"


def year(number: int) -> str:
    """The page of a year of the chronology: chronology/2020.md."""
    return f"{CHRONOLOGY_DIR}/{number}.md"


def address(path: str) -> str:
    """A page's address under the site root, as MkDocs makes it with directory URLs:
    events/<id>.md is at events/<id>/, index.md at the root ("")."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def record_address(record: Record) -> str:
    """The address of a record's page under the site root: events/<id>/."""
    return address(page(record))


def relative(path: str, from_dir: tuple[str, ...]) -> str:
    """`path` (docs/-relative, normalised) as a link from a page in the folder `from_dir`:
    what posixpath.relpath gives, without its work on absolute paths (a site makes
    hundreds of thousands of links)."""
    parts = path.split("/")
    common = 0
    while common < len(from_dir) and common < len(parts) - 1 and parts[common] == from_dir[common]:
        common += 1
    return "/".join([".."] * (len(from_dir) - common) + parts[common:])


def linker(from_page: str) -> Callable[[Record | str], str]:
    """A function giving links relative to the page `from_page` to a record's page or to a
    docs/-relative path, for Markdown (what templates call `url`)."""
    here = tuple(from_page.split("/")[:-1])

    def url(target: Record | str) -> str:
        return relative(target if isinstance(target, str) else page(target), here)

    return url


def site_path(path: str) -> str:
    """A docs/-relative path (with an anchor or not) as the address MkDocs serves it at:
    pages at their directory address (about.md#drafts is at about/#drafts), other files as
    they are."""
    target, hash_, anchor = path.partition("#")
    if target.endswith(".md"):
        target = address(target)
    return target + hash_ + anchor


def href(target: str, from_address: tuple[str, ...]) -> str:
    """The site address `target` (site_path) as a link from the page served at the folder
    `from_address`, as MkDocs writes the links it rewrites ("../../actors/x/", "." for itself)."""
    path, hash_, anchor = target.partition("#")
    parts = path.split("/")
    common = 0
    while common < len(from_address) and common < len(parts) - 1 and parts[common] == from_address[common]:
        common += 1
    link = "/".join([".."] * (len(from_address) - common) + parts[common:])
    if not path:  # the site's root: "../.." from two folders down, "." from the root
        link = "/".join([".."] * len(from_address)) or "."
    return (link or "./") + hash_ + anchor


HUB = "hub"  # the site that lists the years, when the chronology is published as a site per year


@dataclass(frozen=True)
class Sites:
    """Where each page is when the chronology is published as a site per year and a hub:
    the hub at the root of the published tree, each year's site in the folder named by the
    year (2020/). A year's site holds its events and the actors, places and sources they
    cite; the hub, the chronology's home, calendar, changes and downloads."""

    here: str  # HUB or a year, as text
    event_years: dict[str, int]  # every published event's year
    years: frozenset[int]

    def folder(self, site: str) -> str:
        """Where a site is in the published tree: "" for the hub, "2020/" for a year."""
        return "" if site == HUB else f"{site}/"

    def site_of(self, path: str) -> str | None:
        """The site that holds the page at `path` (docs/-relative), None when it is in none."""
        folder, _, name = path.partition("/")
        stem = name.removesuffix(".md")
        if folder == EVENTS_DIR:
            year = self.event_years.get(stem)
            return None if year is None else str(year)
        if folder == CHRONOLOGY_DIR and stem.isdigit():
            return stem if int(stem) in self.years else None
        if self.here == HUB and folder in FOLDERS.values():
            return None  # the hub holds no record's page
        return self.here


@dataclass
class Links:
    """The links of one page's HTML: each a site address relative to the page, made only to
    a page or file that exists (`exists`, given a docs/-relative path). HTML is not checked by
    MkDocs, so a link to nothing is noted here (`missing`) and the build fails on it. With
    `sites`, a page of another year's site (or of the hub) is linked where that site is
    published, and checked as one of its pages."""

    from_page: str
    exists: Callable[[str], bool] = lambda path: True
    sites: Sites | None = None
    missing: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        folder = ((self.sites.folder(self.sites.here) if self.sites else "") + address(self.from_page)).rstrip("/")
        self._here = tuple(folder.split("/")) if folder else ()

    def __call__(self, target: Record | str) -> str:
        path = target if isinstance(target, str) else page(target)
        file = path.partition("#")[0]
        if self.sites is None:
            if not self.exists(file):
                self.missing.append(path)
            return href(site_path(path), self._here)
        site = self.sites.site_of(file)
        if site is None or (site == self.sites.here and not self.exists(file)):
            self.missing.append(path)
        return href(self.sites.folder(site or self.sites.here) + site_path(path), self._here)


ARCHIVE = "https://web.archive.org/web/"


def archive(url: str, day: date | None) -> str:
    """The Wayback Machine's copy of `url` nearest to `day` (its publication date), or its
    latest copy when the day is unknown: an address made from the two, without asking the
    archive anything."""
    return f"{ARCHIVE}{day.strftime('%Y%m%d') if day else ''}{'/' if day else ''}{url}"


def link(path: str, site_url: str | None, from_file: str) -> str:
    """`path` (an address under the site root) as an absolute address when the site's
    address is known, else relative to the file `from_file` that holds the link (a feed)."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    relative_path = posixpath.relpath(path or ".", posixpath.dirname(from_file) or ".")
    return relative_path + "/" if (not path or path.endswith("/")) else relative_path
