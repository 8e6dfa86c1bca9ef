"""The one loader of extraction's word lists and rules (the files of `lexicon/`).

Each file is read once, checked against its JSON Schema (`lexicon/schemas/`), and compiled
into the typed object its reader uses (EventCues, DateLexicon, TollWords...); a file that is
not what its schema says stops extraction with a LexiconError naming the file and the line.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, TypeVar, cast

import jsonschema

from ..errors import BuilderError
from ..records.yamlio import Document, YamlError, parse
from .text import MATCHES_NOTHING, PatternError, alternation

LEXICON_DIR = Path(__file__).parent / "lexicon"
SCHEMA_DIR = LEXICON_DIR / "schemas"
NEVER = re.compile(MATCHES_NOTHING)  # what an empty section compiles to: it matches nothing
LANGUAGES = ("en", "fr")  # those extraction reads: every per-language lexicon has their files


class LexiconError(BuilderError, ValueError):
    """A lexicon file (or limits.yml) that cannot be used: names the file, and the line, and
    says what was expected."""


@dataclass(frozen=True)
class LexiconFile:
    """A lexicon file as read and checked against its schema, with the line of each entry."""

    path: Path
    data: dict[str, Any]
    document: Document
    language: str | None = None

    def line(self, *keys: str | int) -> int:
        """The line an entry starts at (that of the nearest enclosing one it has)."""
        return self.document.line_of(keys)

    def error(self, keys: tuple[str | int, ...], message: str) -> LexiconError:
        """`path:line: section.entry: message`, for what the schema cannot tell."""
        where = ".".join(map(str, keys))
        return LexiconError(f"{self.path}:{self.line(*keys)}: {where + ': ' if where else ''}{message}")

    def get(self, *keys: str | int) -> Any:
        """The entry at `keys` (None for a section the file leaves empty)."""
        value: Any = self.data
        for key in keys:
            value = value[key] if value is not None else None
        return value

    def patterns(self, *keys: str, spaced: bool = True) -> str:
        """The list of regular expressions at `keys` as one pattern text (MATCHES_NOTHING
        when empty); LexiconError names the line of one that is not a regular expression."""
        try:
            return alternation(self.get(*keys), patterns=True, spaced=spaced)
        except PatternError as e:
            raise self.error((*keys, e.index), f"{e.pattern!r} {e.reason}") from None

    def phrases(self, *keys: str, **options: bool) -> str:
        """The list of plain phrases at `keys` as one pattern text (see text.alternation)."""
        return alternation(self.get(*keys) or [], **options)


def lexicon_path(name: str, language: str | None = None, directory: Path | None = None) -> Path:
    """Where the lexicon `<name>.yml` or `<name>.<language>.yml` is."""
    return (directory or LEXICON_DIR) / (f"{name}.{language}.yml" if language else f"{name}.yml")


def languages(name: str, directory: Path | None = None) -> list[str]:
    """The languages a lexicon has a file for ("en", "fr")."""
    return sorted(p.name.split(".")[1] for p in (directory or LEXICON_DIR).glob(f"{name}.*.yml"))


@cache
def _validator(schema: str) -> jsonschema.Draft202012Validator:
    path = SCHEMA_DIR / f"{schema}.schema.json"
    return jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def read_file(path: Path, schema: str, language: str | None = None) -> LexiconFile:
    """A lexicon file, parsed and checked against `lexicon/schemas/<schema>.schema.json`.
    LexiconError names the file, and the line, when it cannot be read, is not YAML, holds a
    key twice or is not what the schema describes."""
    try:
        document = parse(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise LexiconError(f"{path}: cannot be read ({e.strerror or e}); expected a lexicon file") from None
    except UnicodeDecodeError as e:
        raise LexiconError(f"{path}: is not UTF-8 text ({e.reason} at byte {e.start})") from None
    except YamlError as e:
        raise LexiconError(f"{path}:{e.line}: {e.message}" if e.line else f"{path}: {e.message}") from None
    if document.duplicate_keys:
        keys, line = document.duplicate_keys[0]
        raise LexiconError(f"{path}:{line}: {'.'.join(map(str, keys))} is given twice; expected each "
                           "key once (the second would silently replace the first)")
    data = {} if document.data is None else document.data
    errors = sorted(_validator(schema).iter_errors(data),
                    key=lambda e: (document.line_of(tuple(e.absolute_path)), len(e.absolute_path)))
    if errors:
        raise LexiconError(_problem(path, document, errors[0]))
    assert isinstance(data, dict)  # the schemas of every lexicon say so
    return LexiconFile(path, data, document, language)


def _problem(path: Path, document: Document, error: jsonschema.ValidationError) -> str:
    """What a schema error says, as `path:line: what is wrong, what was expected`."""
    keys = tuple(error.absolute_path)
    where = ".".join(map(str, keys))
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance: Any = error.instance
    if not keys and error.validator == "type":
        return f"{path}: holds a {type(instance).__name__}, expected {_expected(schema)}"
    if error.validator == "required":
        required: Any = error.validator_value
        missing = [k for k in required if k not in instance]
        inside = f" in {where}" if where else ""
        return (f"{path}:{document.line_of(keys)}: missing {', '.join(map(repr, missing))}{inside}, "
                "which this lexicon needs (see the comments of the file)")
    if error.validator == "additionalProperties":
        known = list(schema.get("properties", {}))
        extra = next(k for k in instance if k not in known)
        close = difflib.get_close_matches(str(extra), known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        inside = f" in {where}" if where else ""
        return (f"{path}:{document.line_of((*keys, extra))}: unknown key {extra!r}{inside}{hint} "
                f"(expected one of: {', '.join(known)})")
    if "propertyNames" in error.schema_path:
        return (f"{path}:{document.line_of((*keys, error.instance))}: {where}: unknown key "
                f"{error.instance!r}, expected {_expected(schema)}")
    return f"{path}:{document.line_of(keys)}: {where} is {_shown(error.instance)}, expected {_expected(schema)}"


def _expected(schema: dict[str, Any]) -> str:
    if "description" in schema:
        return str(schema["description"])
    if "enum" in schema:
        return "one of: " + ", ".join(map(str, schema["enum"]))
    kinds = schema.get("type", "a value")
    return " or ".join(kinds) if isinstance(kinds, list) else str(kinds)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- the compiled lexicons -------------------------------------------------------------------

C = TypeVar("C", bound="Compiled")


class Compiled:
    """What a reader makes of its lexicon file; `of` compiles each file once. A subclass says
    which file in its class line: `class DateLexicon(Compiled, file="dates", what="date lexicon")`,
    and `per_language=False` for a file of all languages at once (`families.yml`)."""

    FILE: ClassVar[str]  # the file's name: FILE.yml, or FILE.<language>.yml
    WHAT: ClassVar[str]  # what it holds, for messages ("date lexicon")
    PER_LANGUAGE: ClassVar[bool]

    def __init_subclass__(cls, *, file: str, what: str, per_language: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.FILE, cls.WHAT, cls.PER_LANGUAGE = file, what, per_language

    @classmethod
    def compile(cls: type[C], file: LexiconFile) -> C:
        """The typed object for a file already checked against its schema."""
        raise NotImplementedError

    @classmethod
    def compile_all(cls: type[C], files: list[LexiconFile]) -> C:
        """The typed object for the files of every language at once, for the lexicons read so
        (`of()` without a language)."""
        raise NotImplementedError(f"the {cls.WHAT} is read one language at a time")

    @classmethod
    def of(cls: type[C], language: str | None = None, directory: Path | None = None) -> C:
        """The compiled lexicon of `language` (of every language at once, for a lexicon that
        reads so, or the one file of a lexicon that has no language), compiled once."""
        return _loaded(cls, language, directory or LEXICON_DIR)

    @classmethod
    def read(cls: type[C], path: Path, language: str | None = None) -> C:
        """The lexicon file at `path` compiled (not kept: for checking a file)."""
        file = read_file(path, cls.FILE, language)
        return _compiling(path, lambda: cls.compile(file))


def _compiling(path: Path, build: Callable[[], C]) -> C:
    """What `build` compiles; a lexicon of a shape no schema foresaw is a LexiconError naming
    the file, not a KeyError or a TypeError."""
    try:
        return build()
    except BuilderError:
        raise
    except (KeyError, TypeError, AttributeError, ValueError, IndexError, re.error) as e:
        raise LexiconError(f"{path}: an entry does not have the shape expected ({e}); "
                           "see the comments of the file") from None


_LOADED: dict[tuple[type[Compiled], str | None, Path], Compiled] = {}


def _loaded(kind: type[C], language: str | None, directory: Path) -> C:
    key = (kind, language, directory)
    found = _LOADED.get(key)
    if found is None:
        known = languages(kind.FILE, directory) if kind.PER_LANGUAGE else []
        if language is None and kind.PER_LANGUAGE:
            files = [read_file(lexicon_path(kind.FILE, code, directory), kind.FILE, code) for code in known]
            found = _compiling(directory, lambda: kind.compile_all(files))
        elif kind.PER_LANGUAGE and language not in known:
            raise LexiconError(f"no {kind.WHAT} for language {language!r} (expected one of: {', '.join(known)})")
        else:
            found = kind.read(lexicon_path(kind.FILE, language if kind.PER_LANGUAGE else None, directory), language)
        _LOADED[key] = found
    return cast(C, found)


def clear_cache() -> None:
    """Forget every compiled lexicon, so that the next use reads the files again."""
    _LOADED.clear()
