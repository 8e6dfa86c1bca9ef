"""Every path and link of the site: where each generated page, download and feed goes under
docs/, the address MkDocs gives a page on the published site, and the links from one file to
another. Templates ask this module too (as `urls`), so nothing else spells a page's path.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
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
# Everything the build writes under docs/, and its memory there (a dot-folder MkDocs leaves out).
GENERATED = (HOME, *GENERATED_DIRS)
CACHE_DIR = ".builder-cache"


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
    docs/-relative path (what templates call `url`)."""
    here = tuple(from_page.split("/")[:-1])

    def url(target: Record | str) -> str:
        return relative(target if isinstance(target, str) else page(target), here)

    return url


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
