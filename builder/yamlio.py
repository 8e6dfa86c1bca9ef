"""Reading and writing record YAML: line numbers for every key, a stable output, atomic writes.

Records follow YAML 1.2's core schema, as maintainers' editors do: `2020-03-11` and `19:00`
stay strings and `no` is not false. pyyaml's C parser is used when it is installed.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# YAML 1.2 core schema: the implicit types a plain scalar may have.
_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    ("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
     list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
     list("-+.0123456789")),
]


def _core_resolvers() -> dict:
    table: dict = {}
    for tag, regexp, first in _CORE_RESOLVERS:
        for ch in first or [None]:
            table.setdefault(ch, []).append((tag, regexp))
    return table


class _Loader(_BaseLoader):
    yaml_implicit_resolvers = _core_resolvers()


def _construct_int(loader, node):
    value = loader.construct_scalar(node)
    return int(value, 0) if value.startswith(("0o", "0x")) else int(value)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


class _Dumper(_BaseDumper):
    yaml_implicit_resolvers = _core_resolvers()


def _represent_str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


class YamlError(Exception):
    """YAML that does not parse, with the line it failed at."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Document:
    """A parsed YAML file: its data, the line of every key and item, and any duplicate keys."""

    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[tuple, int]] = field(default_factory=list)

    def line_of(self, path: tuple | list) -> int:
        """The line of the deepest part of `path` the file has (1 for the document itself)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _index(node, path: tuple, doc: Document) -> None:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            key_path = path + (key,)
            if key in seen:
                doc.duplicate_keys.append((key_path, key_node.start_mark.line + 1))
                continue
            seen.add(key)
            doc.lines[key_path] = key_node.start_mark.line + 1
            _index(value_node, key_path, doc)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), doc)


def parse(text: str) -> Document:
    """Parse one YAML document, keeping the line of each key; raises YamlError on bad YAML."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(None, {(): 1})
        doc = Document(None)
        _index(node, (), doc)
        doc.data = loader.construct_document(node)
        return doc
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(p for p in (e.context, e.problem) if p)
        raise YamlError(f"YAML does not parse: {message}", line) from None
    except yaml.YAMLError as e:
        raise YamlError(f"YAML does not parse: {e}", None) from None
    finally:
        loader.dispose()


def load_plain(path: Path):
    """Read a YAML data file (knowledge base, vocabulary) without line tracking."""
    with open(path, encoding="utf-8-sig") as f:
        return yaml.load(f, Loader=_Loader)


def dump(data, header: str = "") -> str:
    """YAML text for a record, in the key order given, readable by a maintainer."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=10_000, indent=2)
    return header + body


def write_atomic(path: Path, text: str) -> bool:
    """Write `text` to `path` through a temporary file and a rename, only if it changed.

    An interrupted run leaves either the old file or the new one, never half of one.
    Returns whether the file was written.
    """
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
