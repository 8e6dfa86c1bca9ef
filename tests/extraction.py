"""Helpers for extraction tests: articles written to a temporary folder, read as the tool reads them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builder.extract.articles import read_article
from builder.extract.knowledge import load_knowledge
from builder.extract.mentions import find_mentions
from builder.extract.reading import Mention


def write_article(folder: Path, name: str, body: str, language: str = "en",
                  published: str = "2020-01-13", title: str = "Untitled") -> Path:
    """An article as a Markdown file with front matter, the way a maintainer saves one."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(f"---\ntitle: \"{title}\"\npublished: {published}\nlanguage: {language}\n"
                    f"publisher: Test Wire\n---\n\n{body.strip()}\n", encoding="utf-8")
    return path


def mentions(tmp_path: Path, body: str, language: str = "en", published: str = "2020-01-13") -> list[Mention]:
    """The incidents one article tells."""
    article = read_article(write_article(tmp_path, "a", body, language, published))
    return find_mentions(article, date.fromisoformat(published), load_knowledge())


def only(found: list[Mention]) -> Mention:
    assert len(found) == 1, [(m.sub_event_type, m.date, m.location, m.quotes) for m in found]
    return found[0]


def roles(m: Mention) -> dict[str, str]:
    return {actor: r.role for actor, r in m.actors.items()}
