"""Every path and link of the site: where each generated page, download and feed goes under
docs/, the address MkDocs gives a page on the published site, and the links from one file to
another. Templates ask this module too (as `urls`), so nothing else spells a page's path.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from ..records.model import RECORD_KINDS, Record

HOME = "index.md"
ABOUT = "about.md"  # hand-written: how the records are made
CHRONOLOGY_DIR = "chronology"  # the chronology's index and a page per year
CHRONOLOGY = f"{CHRONOLOGY_DIR}/index.md"
# A record's page is in the folder named like its kind in the records: events/, actors/...
FOLDERS: dict[type, str] = {cls: kind for kind, cls in RECORD_KINDS.items()}
# The folders of generated pages: only marked pages in them (and HOME) are ever removed.
GENERATED_DIRS = (*FOLDERS.values(), CHRONOLOGY_DIR)
DOWNLOADS_DIR = "downloads"
EXPORTS = {fmt: f"{DOWNLOADS_DIR}/{name}"
           for fmt, name in (("json", "events.json"), ("csv", "events.csv"), ("geojson", "events.geojson"))}
FEED = f"{DOWNLOADS_DIR}/events.atom"
TIMELINE = f"{DOWNLOADS_DIR}/timeline.json"
# The downloads every listing page links to, in the order it lists them.
DOWNLOADS = [("CSV", EXPORTS["csv"]), ("JSON", EXPORTS["json"]), ("GeoJSON", EXPORTS["geojson"]),
             ("TimelineJS JSON", TIMELINE), ("Atom feed", FEED)]
MAP_DATA = EXPORTS["geojson"]  # what the maps draw
# Everything the build writes under docs/, and its memory there (a dot-folder MkDocs leaves out).
GENERATED = (HOME, *GENERATED_DIRS, DOWNLOADS_DIR)
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


def link(path: str, site_url: str | None, from_file: str) -> str:
    """`path` (an address under the site root) as an absolute address when the site's
    address is known, else relative to the file `from_file` that holds the link (a feed)."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    relative_path = posixpath.relpath(path or ".", posixpath.dirname(from_file) or ".")
    return relative_path + "/" if (not path or path.endswith("/")) else relative_path
