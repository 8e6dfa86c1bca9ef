"""The live preview's site: MkDocs kept in this process between changes, so that a change to
a few files of docs/ builds only their pages again (Markdown, theme, search entries) instead
of reading the whole docs/ folder, as `mkdocs serve --dirty` does on every change. A page or
file added or removed, or a change to mkdocs.yml, builds the site again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import urls

log = logging.getLogger(__name__)


@dataclass
class LiveSite:
    """A site built into `site_dir` from `config_file`, served at `serve_url`."""

    config_file: Path
    site_dir: Path
    serve_url: str
    config: Any = None
    built: set[str] = field(default_factory=set)  # the docs/ files of the site

    def build_all(self) -> None:
        """Build the whole site (its first build, or after pages came or went)."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=self.serve_url)
        self.config = config
        self.built = self._docs_files()

    def _docs_files(self) -> set[str]:
        docs = Path(self.config.docs_dir)
        return {p.relative_to(docs).as_posix() for p in docs.rglob("*")
                if p.is_file() and urls.CACHE_DIR not in p.parts}

    def update(self, changed: set[str], later: list[Callable[[], None]] | None = None) -> int:
        """Bring the site in step with docs/ after `changed` (docs/-relative paths): build their
        pages again, copy their files; the whole site when a file came or went. Returns how
        many pages were built. Given `later`, the search index is written by a function added
        to it."""
        from mkdocs.commands.build import _build_page, _populate_page

        plugin = self.config.plugins.get("chronology") if self.config is not None else None
        files = getattr(plugin, "files", None)
        if plugin is None or files is None or any(self._came_or_went(path) for path in changed):
            self.build_all()
            return len(self.built)
        docs_pages = files.documentation_pages()
        search = self.config.plugins.get("material/search") or self.config.plugins.get("search")
        count = 0
        for path in sorted(changed):
            file = files.get_file_from_path(path)
            if file is None:
                continue
            if file.page is None:  # a download or an asset
                file.copy_file()
                continue
            page = file.page
            if search is not None:
                search.search_index.entries = [e for e in search.search_index.entries
                                               if str(e.get("location", "")).partition("#")[0] != page.url]
            _populate_page(page, self.config, files)
            _build_page(page, self.config, docs_pages, plugin.nav, plugin.env)
            count += 1
        if count and search is not None:  # the search index, with the pages built now
            if later is None:
                search.on_post_build(config=self.config)
            else:
                later.append(lambda: search.on_post_build(config=self.config))
        return count

    def _came_or_went(self, path: str) -> bool:
        return (Path(self.config.docs_dir) / path).is_file() != (path in self.built)
