"""A page's search sections as Material's search plugin reads them (its Parser, on Python's
html.parser), read here in one pass of a regular expression over the HTML the site's pages
are made of: the same sections, titles and texts, several times faster. HTML outside what it
reads (a stray `<`, a declaration, a tag it cannot parse) gives None, and the caller lets
Material's own parser read the page.
"""

from __future__ import annotations

import re
from html import escape, unescape

from material.plugins.search.plugin import Element, Section, void

_TOKEN = re.compile(r"""
    <(?P<end>/?)(?P<tag>[a-zA-Z][-.a-zA-Z0-9:_]*)
      (?P<attrs>(?:\s+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)
      \s*(?P<close>/?)>
  | (?P<comment><!--.*?-->)
  | (?P<data>[^<]+)
""", re.VERBOSE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_RAW_TEXT = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
SKIPPED = ("object", "script", "style")


def _attributes(text: str) -> dict[str, str | None]:
    """A start tag's attributes as html.parser gives them to Material: names in lower case,
    values unescaped, None for a name without a value, the last of a name repeated."""
    out: dict[str, str | None] = {}
    for name, given, double, single, bare in _ATTRIBUTE.findall(text):
        out[name.lower()] = unescape(double or single or bare) if given else None
    return out


class _Reader:
    """Material's Parser, its rules kept line for line: a heading with an id opens a section;
    text goes to the section's title inside its heading, else to its text, escaped, with p, li,
    ul, ol, code, pre, sub and sup kept as tags; what lies inside an element marked
    data-search-exclude (or script, style, object) is left out. As in Material, elements are
    told apart by their tag alone."""

    def __init__(self) -> None:
        self.data: list[Section] = []
        self.section: Section | None = None
        self.context: list[tuple[str, dict]] = []
        self.open: dict[str, int] = {}  # how many of each tag the context holds
        self.skip = set(SKIPPED)
        self.skipping = 0  # how many elements of the context have a tag in `skip`

    def start(self, tag: str, attrs: dict) -> None:
        if tag in void:
            return
        self.context.append((tag, attrs))
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in self.skip:
            self.skipping += 1
        if tag in HEADINGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = Section(Element("hx"), depth)
                self.data.append(self.section)
            self.section = Section(Element(tag, attrs), depth)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        if self.section is None:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                if tag not in self.skip:
                    self.skip.add(tag)
                    self.skipping += self.open[tag]
                return
        if tag in KEEP and not self.skipping:
            self._target().append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.context or self.context[-1][0] != tag:
            return
        assert self.section is not None
        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        self.context.pop()
        self.open[tag] -= 1
        if tag in self.skip:
            self.skipping -= 1
            if tag not in SKIPPED:
                self.skip.discard(tag)
                self.skipping -= self.open[tag]
            return
        if tag in KEEP and not self.skipping:
            data = self._target()
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def text(self, data: str) -> None:
        if self.skipping:
            return
        if not self.open.get("pre"):
            data = data.replace("\n", " ") if not data.isspace() else " "
        if self.section is None:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        section = self.section
        if self.open.get(section.el.tag):
            if not any(tag == "a" and attrs.get("class") == "headerlink" for tag, attrs in self.context):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or self.open.get("pre"):
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))

    def _target(self) -> list[str]:
        assert self.section is not None
        return self.section.title if self.open.get(self.section.el.tag) else self.section.text


def sections(html: str) -> list[Section] | None:
    """The sections Material's search Parser makes of `html`, or None when the HTML holds
    what this reader does not read as html.parser does."""
    reader = _Reader()
    at, end = 0, len(html)
    while at < end:
        found = _TOKEN.match(html, at)
        if found is None:
            return None
        at = found.end()
        if found["data"] is not None:
            data = found["data"]
            reader.text(unescape(data) if "&" in data else data)
        elif found["tag"]:
            tag = found["tag"].lower()
            if found["end"]:
                reader.end(tag)
                continue
            attrs = _attributes(found["attrs"])
            reader.start(tag, attrs)
            if found["close"]:
                reader.end(tag)
            elif tag in _RAW_TEXT:  # html.parser reads a script's text as it is, up to its end tag
                closing = _RAW_TEXT[tag].search(html, at)
                if closing is None:
                    return None
                if closing.start() > at:
                    reader.text(html[at:closing.start()])
                reader.end(tag)
                at = closing.end()
    return reader.data
