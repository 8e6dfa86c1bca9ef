"""Reading and writing record YAML: line numbers for every key, and a stable output.

Records follow YAML 1.2's core schema, as maintainers' editors do: `2020-03-11` and `19:00`
stay strings and `no` is not false. pyyaml's C parser is used when it is installed.

Records and front matter are untrusted: they are read with safe loaders only, and a document
holding what no record needs (anchors and aliases, tags other than the core ones, values that
do not match their tag, nesting deeper than MAX_DEPTH) is a YamlError, never a crash.
"""

from __future__ import annotations

import contextlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import BuilderError

try:
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # PyYAML built without libyaml: the same classes, in Python
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# YAML 1.2 core schema: the implicit types a plain scalar may have.
_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), [*list("~nN"), ""]),
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
        for ch in first:
            table.setdefault(ch, []).append((tag, regexp))
    return table


class _Loader(_BaseLoader):
    yaml_implicit_resolvers = _core_resolvers()

    def resolve(self, kind, value, implicit):
        """A node's tag: for a plain scalar, the core schema's type its text has. PyYAML's
        own, without the path resolvers and wildcards records never use (the parser asks
        once per value: a tenth of the reading)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


def _core_int(value: str) -> int:
    """An int of the core schema: decimal, 0o octal or 0x hexadecimal."""
    return int(value, 0) if value.startswith(("0o", "0x")) else int(value)


def _construct_int(loader, node):
    return _core_int(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


class _Dumper(_BaseDumper):
    yaml_implicit_resolvers = _core_resolvers()


def _represent_str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


class YamlError(BuilderError):
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


MAX_DEPTH = 32  # lists and mappings within one another; a record needs 5
MAX_DIGITS = 100  # a toll or a count; Python refuses to read ints of over 4,300 digits
PRECHECK_CHARS = 4096  # longer texts are checked event by event before they are composed
_CORE = "tag:yaml.org,2002:"
# The tags a record may hold, and the form a scalar must have to carry each scalar tag.
_SCALAR_FORMS = {_CORE + name: regexp for name, regexp in (
    ("str", None), ("null", _CORE_RESOLVERS[0][1]), ("bool", _CORE_RESOLVERS[1][1]),
    ("int", _CORE_RESOLVERS[2][1]), ("float", _CORE_RESOLVERS[3][1]))}
_COLLECTION_TAGS = {_CORE + "seq", _CORE + "map"}
_STR = _CORE + "str"
_ALIASES = ("anchors and aliases (&name, *name) are not read in records; "
            "write the value out in full")


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _scalar(node: yaml.ScalarNode):
    """The value of a scalar under the core schema, once its tag and text are checked."""
    tag, value = node.tag, node.value
    if tag == _STR:  # most of a record's values: text, which any text is
        return value
    if tag not in _SCALAR_FORMS:
        raise YamlError(f"the tag {_short_tag(tag)} is not read in records; expected text, "
                        "a number, true or false, or null", node.start_mark.line + 1)
    form = _SCALAR_FORMS[tag]
    if form is not None and not form.match(value):
        raise YamlError(f"{value!r} is not a valid {_short_tag(tag)} value; "
                        "remove the tag or correct the value", node.start_mark.line + 1)
    if tag == _CORE + "int":
        if len(value) > MAX_DIGITS:
            raise YamlError(f"a number of {len(value)} digits; expected at most {MAX_DIGITS}",
                            node.start_mark.line + 1)
        return _core_int(value)
    if tag == _CORE + "float":
        if value.lower().lstrip("+-") in (".inf", ".nan") or not math.isfinite(float(value)):
            raise YamlError(f"{value!r} is not a finite number; expected a number such as 33.3",
                            node.start_mark.line + 1)
        return float(value)
    if tag == _CORE + "bool":
        return value.lower() == "true"
    return None


def _check_once(node, seen_nodes: set[int] | None) -> None:
    """A node met a second time is an alias of an anchored one (the composer shares them);
    `seen_nodes` is None for a text without "*", which can hold no alias."""
    if seen_nodes is None:
        return
    if id(node) in seen_nodes:
        line = node.start_mark.line + 1
        raise YamlError(f"the value anchored at line {line} is repeated: {_ALIASES}", line)
    seen_nodes.add(id(node))


def _build(node, path: tuple, doc: Document, seen_nodes: set[int] | None):
    """The value of `node`, recording the line of every key and item and checking each
    node as it goes; a key given twice keeps its last value, as YAML loaders do."""
    _check_once(node, seen_nodes)
    line = node.start_mark.line + 1
    if len(path) >= MAX_DEPTH:
        raise YamlError(f"nested more than {MAX_DEPTH} levels deep; a record needs a few", line)
    doc.lines.setdefault(path, line)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if node.tag not in _COLLECTION_TAGS:
        raise YamlError(f"the tag {_short_tag(node.tag)} is not read in records; expected a "
                        "list or a mapping", line)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, seen_nodes) for i, item in enumerate(node.value)]
    mapping: dict = {}
    seen: set = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError("a key must be plain text, not a list or a mapping", key_node.start_mark.line + 1)
        _check_once(key_node, seen_nodes)
        key_value = _scalar(key_node)
        key = key_node.value
        key_path = (*path, key)
        if key in seen:
            doc.duplicate_keys.append((key_path, key_node.start_mark.line + 1))
            mapping[key_value] = _build(value_node, key_path, Document(None), seen_nodes)
            continue
        seen.add(key)
        doc.lines[key_path] = key_node.start_mark.line + 1
        mapping[key_value] = _build(value_node, key_path, doc, seen_nodes)
    return mapping


def _precheck(text: str) -> None:
    """Read a long text event by event, before it is composed, and stop at the first alias
    or at nesting deeper than MAX_DEPTH: the C composer would recurse until the process
    crashed on a text of [[[[... tens of thousands deep."""
    loader = _Loader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(_ALIASES, line)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(f"nested more than {MAX_DEPTH} levels deep; a record needs a few", line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


# The last character before a bracket that opens a flow collection in a block ("a: [",
# "- {", a line of its own); inside a flow collection every bracket opens or closes one.
_FLOW_OPENS_AFTER = "\n:-?"


def _check_flow_depth(text: str) -> None:
    """Refuse flow collections ([...], {...}) nested deeper than MAX_DEPTH by reading the
    text itself. libyaml's scanner reads every opening bracket ahead of the parser and stops
    at a limit of its own, so the parser's events would come too late for the project's
    limit to be the one that answers. Brackets in quoted scalars and comments do not count."""
    depth, line, last = 0, 1, "\n"
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if ch in "'\"" and (depth or last in _FLOW_OPENS_AFTER):
            end = _end_of_quoted(text, i)
            line += text.count("\n", i, end)
            i, last = end, ch
            continue
        if ch in "[{" and (depth or last in _FLOW_OPENS_AFTER):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"nested more than {MAX_DEPTH} levels deep; a record needs a few", line)
        elif ch in "]}" and depth:
            depth -= 1
        elif ch == "\n":
            line += 1
        if ch not in " \t":
            last = ch
        i += 1


def _end_of_quoted(text: str, start: int) -> int:
    """The offset just past the quoted scalar opening at `start` ('' and \\" escape a quote)."""
    quote, i = text[start], start + 1
    while (i := text.find(quote, i)) >= 0:
        if quote == "'" and text.startswith("''", i):
            i += 2
        elif quote == '"' and (i - len(text[:i].rstrip("\\"))) % 2:
            i += 1
        else:
            return i + 1
    return len(text)


def parse(text: str) -> Document:
    """Parse one YAML document, keeping the line of each key; raises YamlError on bad YAML
    and on what no record holds (aliases, other tags, deep nesting), never anything else."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        _check_flow_depth(text)
    prechecked = len(text) > PRECHECK_CHARS
    try:
        if prechecked:
            _precheck(text)
        loader = _Loader(text)
    except yaml.YAMLError as e:
        raise _yaml_error(e, text) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(None, {(): 1})
        doc = Document(None)
        doc.data = _build(node, (), doc, set() if "*" in text else None)
        return doc
    except yaml.YAMLError as e:
        if not prechecked:
            _refuse_what_records_never_hold(text)
        raise _yaml_error(e, text) from None
    finally:
        loader.dispose()


def _refuse_what_records_never_hold(text: str) -> None:
    """Before a parser's error is reported, give the project's own reason where there is
    one (an alias, nesting deeper than MAX_DEPTH) up to the point where the text breaks: the
    parser may have stopped at a limit of its own."""
    with contextlib.suppress(yaml.YAMLError):
        _precheck(text)


def _yaml_error(e: yaml.YAMLError, text: str) -> YamlError:
    if isinstance(e, yaml.MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        message = " ".join(p for p in (e.context, e.problem) if p)
        return YamlError(f"YAML does not parse: {message}", mark.line + 1 if mark else None)
    if isinstance(e, yaml.reader.ReaderError) and isinstance(e.character, int):
        # A character YAML refuses: the reader stops at its first raw occurrence (libyaml
        # gives the offset in bytes, PyYAML in characters, so the character is looked for).
        at = text.find(chr(e.character))
        line = text.count("\n", 0, at if at >= 0 else e.position) + 1
        return YamlError(f"YAML does not parse: the character U+{e.character:04X} is not allowed in "
                         "a YAML file; remove it", line)
    return YamlError(f"YAML does not parse: {e}", None)


def load_plain(path: Path):
    """Read a YAML data file (knowledge base, vocabulary) without line tracking."""
    with open(path, encoding="utf-8-sig") as f:
        return yaml.load(f, Loader=_Loader)


def dump(data, header: str = "") -> str:
    """YAML text for a record, in the key order given, readable by a maintainer."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=10_000, indent=2)
    return header + body
