"""The site's build: MkDocs run in this process on the rendered docs/, in strict mode.

After a good build the site's stamp (in docs/.builder-cache/) records what the site was made
with: mkdocs.yml, the site's address, MkDocs', Material's and this package's versions and
plugin. The next build is an incremental one (`mkdocs build --dirty`: only the pages whose
file changed since are built again) when the stamp matches, the chronology plugin is on (it
keeps the search index and the site's files what a clean build makes them) and every entry of
the navigation names its title (a page not built again shows the same navigation only then).
Otherwise, and whenever a build fails, the next one is a clean build.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from ..files import write_atomic
from . import urls

STAMP = "site.json"
PACKAGE = Path(__file__).resolve().parent
PLUGIN = "chronology"


@dataclass(frozen=True)
class Site:
    """What a build of the site needs from mkdocs.yml."""

    config_file: Path
    site_dir: Path
    docs_dir: Path
    site_url: str | None
    plugin: bool  # the chronology plugin is on
    titled_nav: bool  # every navigation entry names its title


def site_of(config_file: Path, config, site_dir: Path | None = None) -> Site:
    """The site a loaded mkdocs.yml (`config`) describes, built into `site_dir` if given."""
    plugins = config["plugins"]
    return Site(config_file, Path(site_dir or config["site_dir"]).resolve(), Path(config["docs_dir"]),
                config["site_url"] or None, PLUGIN in plugins, _titled(config["nav"]))


def _titled(nav) -> bool:
    """Whether every entry of a navigation (as mkdocs.yml gives it) names its title."""
    if nav is None:
        return False
    for entry in nav:
        if not isinstance(entry, dict) or len(entry) != 1:
            return False
        (value,) = entry.values()
        if isinstance(value, list) and not _titled(value):
            return False
    return True


def made_with(site: Site) -> str:
    """A digest of what the site is made with besides docs/: its mkdocs.yml (with the one it
    inherits, when it names one), address, folder and the versions it is built with."""
    h = hashlib.blake2b(digest_size=12)
    config = site.config_file.read_bytes()
    for line in config.decode("utf-8", "replace").splitlines():
        if line.startswith("INHERIT:"):
            h.update((site.config_file.parent / line.partition(":")[2].strip()).read_bytes() + b"\0")
    for part in (config, str(site.site_url).encode(), str(site.site_dir).encode(),
                 version("mkdocs").encode(), version("mkdocs-material").encode()):
        h.update(part + b"\0")
    for module in ("plugin.py", "search.py"):
        h.update((PACKAGE / module).read_bytes())
    return h.hexdigest()


def _stamp_file(site: Site) -> Path:
    return site.docs_dir / urls.CACHE_DIR / STAMP


def incremental(site: Site) -> bool:
    """Whether the site can be built again incrementally (see the module's docstring)."""
    return site.plugin and site.titled_nav and (site.site_dir / "sitemap.xml").is_file() and stamped(site)


def stamped(site: Site) -> bool:
    """Whether the last good build left the site's stamp, made with what the site is now."""
    try:
        stamp = json.loads(_stamp_file(site).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and stamp.get("made_with") == made_with(site)


class _Collected(logging.Handler):
    """MkDocs' warnings and errors, kept to be shown after the build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def build_site(site: Site, clean: bool = False) -> tuple[bool, str, bool]:
    """Build the site with MkDocs in strict mode, incrementally when it can be (and `clean`
    is not asked): whether it succeeded, MkDocs' warnings, and whether it was incremental."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    dirty = not clean and incremental(site)
    _stamp_file(site).unlink(missing_ok=True)  # a build that fails half-way leaves no stamp
    collected = _Collected()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    propagate, logger.propagate = logger.propagate, False
    try:
        config = load_config(str(site.config_file), site_dir=str(site.site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as e:
        return False, "\n".join([*collected.lines, str(e)]).strip(), dirty
    finally:
        logger.removeHandler(collected)
        logger.propagate = propagate
    write_atomic(_stamp_file(site), json.dumps({"made_with": made_with(site)}) + "\n", durable=False)
    return True, "\n".join(collected.lines), dirty
