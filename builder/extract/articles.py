"""Reading an article file (.txt, .md, .html) into its headline, metadata and clean story text.

A .txt file is a headline line then the body; a .md file has a YAML front matter block
(title, url, published, publisher, language) before its body; a saved web page goes
through trafilatura, which finds the main text and the page's metadata. Whatever the
format, the body is then cleaned (clean.py), its language declared or detected
(language.py) and its paragraphs split into sentences (sentences.py).

Articles are untrusted: a file that is binary, undecodable, empty, over the limits of
limits.yml, a symbolic link out of its folder, or whose front matter is cut short is refused
with an ArticleError naming it and why; an address that is not a web address is left out
with a warning.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import BuilderError
from ..records.limits import CONTROL
from ..records.model import id_from, is_web_url
from ..records.yamlio import YamlError, parse
from .clean import TITLE_MAX_WORDS, clean, ends_sentence, line_reason, match_key, text_blocks, url_of_line
from .dates import find_dates
from .language import detect_language, language_code
from .lexicon import read_file
from .sentences import split_sentences
from .text import tidy

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
LANGUAGES_READ = ("en", "fr")  # the languages a date in words may be written in


@dataclass(frozen=True)
class Sentence:
    """One sentence of the story, with where it sits in the article."""

    text: str        # as in the article (runs of white space folded to one space)
    paragraph: int   # index into Article.paragraphs
    index: int       # index into Article.sentences


@dataclass
class Article:
    """An article's metadata and the story's text, ready for extraction."""

    path: Path
    id: str
    title: str
    paragraphs: list[str]
    sentences: list[Sentence]
    language: str | None
    language_from: str            # "declared" | "detected"
    url: str = ""
    publisher: str = ""
    published: date | None = None
    published_from: str = "unknown"  # "front-matter" (or page metadata) | "url" | "unknown"
    dropped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message)
    headings: dict[int, str] = field(default_factory=dict)  # a section's heading, by its first paragraph

    @property
    def known_language(self) -> str:
        """The language code, for the stages that read the story: extraction takes only the
        articles whose language is known (and one it has a lexicon for). ArticleError when
        neither the article nor the guess could tell."""
        if self.language is None:
            raise ArticleError(self.path, "its language could not be told, expected a declared "
                                          "language (language: en in the front matter)")
        return self.language


class ArticleError(BuilderError):
    """An article that cannot be read, said as `path: what is wrong, what was expected`."""

    def __init__(self, path: Path, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@dataclass
class _Parts:
    """What a format reader finds before cleaning."""

    title: str
    blocks: list[list[str]]
    url: str = ""
    publisher: str = ""
    published: date | None = None
    language: str | None = None
    dropped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    headings: set[str] = field(default_factory=set)  # the section headings markup marks as such
    title_in_story: bool = False  # the title is the story's first sentence (the page gave none)


# --- limits -------------------------------------------------------------------------------

LIMITS_FILE = Path(__file__).parent / "limits.yml"


@dataclass(frozen=True)
class Limits:
    """How much one article may hold (limits.yml), so one bad file cannot exhaust memory or time."""

    max_article_bytes: int
    max_line_chars: int
    max_events_per_article: int


@cache
def limits() -> Limits:
    """The limits of limits.yml, each checked to be a whole number above zero (LexiconError
    names the file and line otherwise: a broken limits file stops a run, it is no article's
    fault)."""
    data = read_file(LIMITS_FILE, "limits").data
    return Limits(**{f.name: data[f.name] for f in fields(Limits)})


# --- finding and decoding ---------------------------------------------------------------


def find_articles(folder: Path) -> list[Path]:
    """The article files of a folder (.txt .md .markdown .html .htm), sorted by name. Every
    entry with such a name but a folder is listed, whatever it is (a symbolic link out of the
    folder or in a loop, a pipe), so that read_article refuses each by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArticleError(folder, "is not a folder, expected a folder of article files")
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if not e.is_dir(follow_symlinks=False)]
    except OSError as e:
        raise ArticleError(folder, f"cannot be listed ({e.strerror or e}), expected a readable folder") from None
    return sorted((folder / name for name in names
                   if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES),
                  key=lambda p: p.name)


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", re.IGNORECASE)


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: bytes that are not UTF-8 read as Windows-1252 (Latin-1 where
    Windows-1252 has no character), so a UTF-8 file with a few such bytes keeps every accent."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), error.end


codecs.register_error("builder-cp1252", _cp1252_bytes)

# What pages declare as Latin-1 is in practice Windows-1252 (as browsers read it).
_LATIN_1 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}


def decode(data: bytes, declared: str | None = None) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, the declared encoding,
    else UTF-8 with Windows-1252 for the bytes that are not UTF-8; line ends made \\n and
    accents composed (NFC). Raises UnicodeDecodeError on UTF-16 that is not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        data = data.removeprefix(b"\xef\xbb\xbf")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_declared(data, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _decode_declared(data: bytes, declared: str | None) -> str:
    encoding = (declared or "").strip().lower()
    if encoding and encoding not in _LATIN_1 and not encoding.startswith("utf"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", errors="builder-cp1252")


# --- refusing what is not an article ------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BINARY_SHARE = 0.01  # text with more control characters than this share of it is binary


def _size_words(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _check_file(path: Path) -> int:
    """The size of a file that may be read as an article: a regular file, and when it is a
    symbolic link, one to a file within the articles folder. Raises ArticleError otherwise."""
    try:
        if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            raise ArticleError(path, f"is a symbolic link to {path.resolve()}, outside the articles "
                                     "folder; refused (copy the file into the folder instead)")
        info = path.stat()
    except (OSError, RuntimeError) as e:  # RuntimeError: a loop of symbolic links
        if isinstance(e, RuntimeError) or e.errno == errno.ELOOP:
            raise ArticleError(path, "is a symbolic link in a loop (it leads back to itself), expected "
                                     "a file") from None
        raise ArticleError(path, f"cannot be read ({e.strerror or e}), expected a readable file") from None
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError(path, "is not a regular file (a folder, device or pipe), expected a text file")
    return info.st_size


def _too_big(path: Path, size: int, most: int) -> ArticleError:
    return ArticleError(path, f"is {_size_words(size)}, more than the {_size_words(most)} an article "
                              f"may be (max_article_bytes in {LIMITS_FILE.name}); keep only the story")


def _read_bytes(path: Path, most: int) -> bytes:
    """The file's bytes, never reading more than `most` + 1 of them. The file is opened
    without waiting and checked again, so a pipe put in its place meanwhile is refused
    rather than read for ever."""
    size = _check_file(path)
    if size > most:
        raise _too_big(path, size, most)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ArticleError(path, "is not a regular file (a folder, device or pipe), expected a text file")
            data = f.read(most + 1)
    except OSError as e:
        raise ArticleError(path, f"cannot be read ({e.strerror or e}), expected a readable file") from None
    if len(data) > most:  # it grew since
        raise _too_big(path, len(data), most)
    return data


def _binary(data: bytes) -> str | None:
    """Why bytes are not text, if they hold a NUL byte (UTF-16 with a byte-order mark aside)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in data:
        return None
    first = data.index(0)
    return (f"holds NUL bytes (the first at byte {first}): it is a binary file, or UTF-16 text "
            "without a byte-order mark; expected UTF-8 text")


def _decode(path: Path, data: bytes, declared: str | None = None) -> str:
    """decode(), refusing what does not decode or decodes to control characters, and dropping
    the few control characters a text may hold."""
    try:
        text = decode(data, declared)
    except UnicodeDecodeError as e:
        raise ArticleError(path, f"is not valid {e.encoding.upper()} text ({e.reason} at byte "
                                 f"{e.start}); expected UTF-8 text") from None
    controls = len(_CONTROL.findall(text))
    if controls > BINARY_SHARE * len(text):
        raise ArticleError(path, f"is binary: {controls:,} of its {len(text):,} characters are "
                                 "control characters; expected text")
    return _CONTROL.sub(" ", text) if controls else text


def _check_lines(path: Path, lines: list[str], numbered: bool) -> None:
    """Refuse an article with a line longer than the limit (`numbered`: lines of the file)."""
    most = limits().max_line_chars
    for number, line in enumerate(lines, 1):
        if len(line) > most:
            where = f"line {number}" if numbered else "a paragraph of the page's text"
            raise ArticleError(path, f"{where} is {len(line):,} characters long, more than the "
                                     f"{most:,} a line may be (max_line_chars in {LIMITS_FILE.name}); "
                                     "break it into paragraphs", number if numbered else None)


# --- URLs -----------------------------------------------------------------------------------

_URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})([/_.-])(\d{1,2})\2(\d{1,2})(?!\d)")
_URL_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_URL_YEAR_MONTH = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/")
_MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_URL_MONTH_NAME = re.compile(r"/((?:19|20)\d{2})/(" + "|".join(_MONTH_ABBREVIATIONS) + r")[a-z]*/(\d{1,2})(?:/|$)",
                             re.IGNORECASE)  # /2021/mar/09/
_URL_STAMP = re.compile(r"(?<!\d)(\d{12,})(?!\d)")  # yymmddHHMMSS... (Al Jazeera's old slugs)
_URL_YEAR_MMDD = re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/")  # /2021/0304/
_URL_DATED_ID = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})\d{2,6}(?!\d)")  # a story number 202403080139


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _stamp_date(digits: str) -> date | None:
    try:
        return datetime.strptime("20" + digits[:12], "%Y%m%d%H%M%S").date()
    except ValueError:
        return None


def date_from_url(url: str) -> date | None:
    """The publication date a URL's path holds (/2020/01/13/, 2020-01-13, 20200113, /2020/0113/,
    a yymmddHHMMSS stamp agreeing with /2020/07/, or a story number that opens with the day,
    202001130139); None when it holds no possible date."""
    parts = urlsplit(url if "://" in url else "//" + url)
    where = f"{parts.path}?{parts.query}"
    for found in _URL_YMD.finditer(where):
        if day := _day(int(found[1]), int(found[3]), int(found[4])):
            return day
    for found in _URL_COMPACT.finditer(where):
        if day := _day(int(found[1]), int(found[2]), int(found[3])):
            return day
    for found in _URL_MONTH_NAME.finditer(where):
        month = _MONTH_ABBREVIATIONS.index(found[2].lower()) + 1
        if day := _day(int(found[1]), month, int(found[3])):
            return day
    for found in _URL_YEAR_MMDD.finditer(where):
        if day := _day(int(found[1]), int(found[2]), int(found[3])):
            return day
    year_month = _URL_YEAR_MONTH.search(where)
    for found in _URL_STAMP.finditer(where):
        day = _stamp_date(found[1])
        if day and (not year_month or (day.year, day.month) == (int(year_month[1]), int(year_month[2]))):
            return day
    if not year_month:
        for found in _URL_DATED_ID.finditer(where):
            if day := _day(int(found[1]), int(found[2]), int(found[3])):
                return day
    return None


def host_of(url: str) -> str:
    """A URL's host without "www." ("https://www.aljazeera.com/news" -> "aljazeera.com")."""
    host = urlsplit(url if "://" in url else "//" + url).hostname or ""
    return host.removeprefix("www.")


# --- text and Markdown ------------------------------------------------------------------------

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_QUOTE_MARK = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST_MARK = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
# Inline markup may run over a line end, never over a blank line. Its text never holds its own
# delimiters (brackets, stars, underscores), so each try stops at the next one and a line of
# 20,000 "[" costs a pass, not a pass per "[" (nested emphasis is undone from the inside out).
_IN = r"(?:[^\n]|\n(?![ \t]*\n))"
_IMAGE = re.compile(rf"!\[((?:(?![\[\]]){_IN})*)\]\((?:(?![()]){_IN}|\([^()\n]*\))*\)")
_LINK = re.compile(rf"\[((?:(?![\[\]]){_IN})+)\](?:\((?:(?![()]){_IN}|\([^()\n]*\))*\)|\[[^\[\]\n]*\])")
_STRONG = re.compile(rf"(\*\*|\*)(?=[^\s*])((?:(?!\*){_IN})+?)(?<=[^\s*])\1")
_UNDERSCORE = re.compile(rf"(?<!\w)(__|_)(?=[^\s_])((?:(?!_){_IN})+?)(?<=[^\s_])\1(?!\w)")
_NESTING = 3  # emphasis within emphasis within emphasis
_CODE = re.compile(r"`+([^`\n]*)`+")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")


def _without_comments(text: str) -> str:
    """The text without its HTML comments, in one pass (a pattern would search the rest of
    the text again from each "<!--" left open)."""
    out, i = [], 0
    while (start := text.find("<!--", i)) != -1 and (end := text.find("-->", start + 4)) != -1:
        out.append(text[i:start])
        i = end + 3
    out.append(text[i:])
    return "".join(out)


def _plain_inline(text: str, dropped: list[tuple[str, str]]) -> str:
    """Markdown's inline markup removed: images (recorded as dropped), links, emphasis."""
    def image(found: re.Match) -> str:
        dropped.append((tidy(found[0]), "image"))
        return ""

    text = _without_comments(text)
    text = _IMAGE.sub(image, text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(_NESTING):
        text = _UNDERSCORE.sub(r"\2", _STRONG.sub(r"\2", text))
    return text


def _plain_line(line: str) -> str:
    return _ESCAPE.sub(r"\1", _LIST_MARK.sub("", _QUOTE_MARK.sub("", line)))


def _same_title(a: str, b: str) -> bool:
    return match_key(a).casefold() == match_key(b).casefold()


def _markdown_body(text: str, title: str) -> tuple[list[str], list[tuple[str, str]], str, set[str]]:
    """The body's lines as plain text, the leading heading, and the section headings: a
    heading after the story began stays, on a line of its own, for the cleaning to drop as
    a heading and keep as what the section after it is about."""
    dropped: list[tuple[str, str]] = []
    raw = _plain_inline(text, dropped).split("\n")
    lines: list[str] = []
    first_heading = ""
    sections: set[str] = set()

    def heading(content: str) -> None:
        nonlocal first_heading
        content = tidy(_plain_line(content))
        leading = not first_heading and not any(line.strip() for line in lines)
        if leading:
            first_heading = content
        is_title = leading and (not title or _same_title(content, title))
        if is_title or not any(line.strip() for line in lines):
            dropped.append((content, "headline" if is_title else "heading"))
            lines.append("")
        else:
            sections.add(content)
            lines.extend(["", content, ""])

    for i, line in enumerate(raw):
        following = raw[i + 1] if i + 1 < len(raw) else ""
        if atx := _ATX.match(line):
            heading(atx[2])
        elif line.strip() and _SETEXT.match(following) and not _RULE.match(line):
            heading(line)
        elif _SETEXT.match(line) and i and raw[i - 1].strip() and not _RULE.match(raw[i - 1]):
            continue  # the underline of the heading just read
        elif _RULE.match(line) or _LINK_DEFINITION.match(line):
            lines.append("")
        else:
            lines.append(_plain_line(line))
    return lines, dropped, first_heading, sections


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_OPENS = re.compile(r"\A---[ \t]*\n")


def _front_matter(path: Path, text: str) -> tuple[dict, dict[str, int], str]:
    """The front matter's keys (lower-cased), the file line of each, and the body after it."""
    found = _FRONT_MATTER.match(text)
    if not found:
        if _FRONT_MATTER_OPENS.match(text):
            raise ArticleError(path, "the front matter opened by '---' is never closed; expected a "
                                     "line '---' after its keys, then the story", 1)
        return {}, {}, text
    try:
        doc = parse(found[1] or "")
    except YamlError as e:
        raise ArticleError(path, f"front matter: {e.message}, expected YAML key: value lines",
                           (e.line or 0) + 1) from None
    if doc.data is None:
        return {}, {}, text[found.end():]
    if not isinstance(doc.data, dict):
        raise ArticleError(path, "front matter is not a mapping, expected key: value lines", 2)
    for key, value in doc.data.items():
        if isinstance(value, (dict, list)):
            raise ArticleError(path, f"front matter: {key} is a {type(value).__name__}, "
                                     "expected a single value", doc.line_of((key,)) + 1)
    data = {str(k).lower(): v for k, v in doc.data.items()}
    lines = {str(k).lower(): doc.line_of((k,)) + 1 for k in doc.data}
    return data, lines, text[found.end():]


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


def _iso_day(value) -> date | None:
    if isinstance(value, date):
        return value
    found = _ISO_DAY.match(str(value).strip())
    return _day(int(found[1]), int(found[2]), int(found[3])) if found else None


def day_in_words(value: str) -> date | None:
    """The day a date written in words names ("2 March 2021", "le 2 mars 2021", "March 2,
    2021, 10:30 AM"): one whole day, in English or French, with its year; None otherwise."""
    text = _text(value)
    for language in LANGUAGES_READ:
        days = [e for e in find_dates(text, language, None) if e.kind == "absolute" and e.span is not None]
        if len(days) == 1 and days[0].span is not None and days[0].span.days == 1:
            return days[0].span.start
    return None


def _text(value) -> str:
    return tidy(str(value)) if value is not None else ""


def _first(meta: dict, *keys: str) -> str | None:
    return next((key for key in keys if meta.get(key) not in (None, "")), None)


def _declared(path: Path, meta: dict, lines: dict[str, int], title: str,
              blocks: list[list[str]], dropped: list[tuple[str, str]]) -> _Parts:
    """The parts of a text or Markdown article, its front matter's values checked."""
    published, language = None, None
    if key := _first(meta, "published", "date"):
        published = _iso_day(meta[key]) or day_in_words(str(meta[key]))
        if not published:
            raise ArticleError(path, f"{key}: {meta[key]!r} is not a date, expected YYYY-MM-DD "
                                     "(or a day, month and year in words, such as 2 March 2021)",
                               lines.get(key))
    if key := _first(meta, "language", "lang"):
        language = language_code(str(meta[key]))
        if not language:
            raise ArticleError(path, f"{key}: {meta[key]!r} is not a language code, "
                                     "expected an ISO 639-1 code such as en or fr", lines.get(key))
    url, warnings = _web_url(_text(meta.get("url")), lines.get("url"))
    return _Parts(title=title, blocks=blocks, url=url,
                  publisher=_text(meta.get("publisher")), published=published, language=language,
                  dropped=dropped, warnings=warnings)


def _web_url(url: str, line: int | None = None) -> tuple[str, list[tuple[int | None, str]]]:
    """The address if it is a web one, else "" and a warning saying it was left out."""
    if not url or is_web_url(url):
        return url, []
    return "", [(line, f"url: {url[:200]!r} is not a web address (http:// or https://); left out, "
                       "so the source has no link")]


def _read_txt(path: Path, text: str) -> _Parts:
    meta, lines, body = _front_matter(path, text)
    title = _text(meta.get("title"))
    rows = body.split("\n")
    in_story = False
    if not title:
        filled = [i for i, row in enumerate(rows) if row.strip() and not url_of_line(row)]
        headline = next((i for n, i in enumerate(filled) if not _before_the_headline(rows[i], filled[n + 1:])),
                        filled[0] if filled else None)
        if headline is not None:
            title = tidy(rows[headline])
            in_story = len(title.split()) > TITLE_MAX_WORDS and ends_sentence(title)
            if in_story:
                title = split_sentences(title, None)[0]  # no headline: the story begins, its first sentence names it
            else:
                del rows[headline]
    if not title:
        raise ArticleError(path, "has no headline, expected the headline on the first line")
    parts = _declared(path, meta, lines, title, text_blocks("\n".join(rows)), [])
    parts.title_in_story = in_story
    return parts


_BREADCRUMB = re.compile(r"\s(?:>|›|»|\|)\s")  # "Accueil > International", "Iran | World news"
KICKER_MAX_WORDS = 5  # "MANDA BAY ATTACK" above a headline


def _before_the_headline(row: str, rest: list[int]) -> bool:
    """Whether a first line is what a page puts above its headline, not the headline: a site's
    notice or prompt, a breadcrumb or section label, or a short kicker in capitals."""
    text = tidy(row)
    if line_reason(text):
        return True
    words = text.split()
    if _BREADCRUMB.search(text) and len(words) <= 8 and not ends_sentence(text):
        return True
    return bool(rest) and len(words) <= KICKER_MAX_WORDS and text.isupper()


def _read_md(path: Path, text: str) -> _Parts:
    meta, lines, body = _front_matter(path, text)
    title = _text(meta.get("title"))
    body_lines, dropped, first_heading, sections = _markdown_body(body, title)
    title = title or first_heading
    blocks = text_blocks("\n".join(body_lines))
    if not title and blocks:
        title = blocks[0].pop(0)
        blocks = [b for b in blocks if b]
    parts = _declared(path, meta, lines, title, blocks, dropped)
    parts.headings = sections
    return parts


# --- HTML -------------------------------------------------------------------------------------

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)",
                        re.IGNORECASE)
_META_LANG = re.compile(r"<meta[^>]+http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*"
                        r"content\s*=\s*[\"']?\s*([A-Za-z]{2,3})", re.IGNORECASE)
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _read_html(path: Path, data: bytes) -> _Parts:
    charset = _META_CHARSET.search(data[:4096])
    html = _decode(path, data, charset[1].decode("ascii", "ignore") if charset else None)
    from trafilatura import bare_extraction  # imported here: only web pages need it

    found = bare_extraction(html, with_metadata=True, include_comments=False,
                            include_tables=False, include_images=False,
                            date_extraction_params={"extensive_search": False, "original_date": True})
    text = getattr(found, "text", None) or ""
    if not text.strip():
        raise ArticleError(path, "no article text found in the page, expected a saved news article")
    declared = _HTML_LANG.search(html) or _META_LANG.search(html)
    page_title = _HTML_TITLE.search(html)
    title = _text(getattr(found, "title", None)) or (tidy(page_title[1]) if page_title else "")
    published = getattr(found, "date", None)
    url, warnings = _web_url(_text(getattr(found, "url", None)))
    return _Parts(
        title=title,
        blocks=[[line] for line in text.split("\n") if line.strip()],
        url=url,
        publisher=_text(getattr(found, "sitename", None)),
        published=_iso_day(published) if published else None,
        language=language_code(declared[1]) if declared else None,
        warnings=warnings,
    )


# --- an article -------------------------------------------------------------------------------


def read_article(path: Path, *, today: date | None = None) -> Article:
    """Read one article file; raises ArticleError when it cannot be read, is not text, is over
    a limit of limits.yml, or has no text. A publication date after `today` (by default, the
    day it runs) is left out with a warning."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ArticleError(path, f"unknown format {suffix or '(no extension)'!r}, "
                                 f"expected one of {', '.join(SUFFIXES)}")
    data = _read_bytes(path, limits().max_article_bytes)
    if reason := _binary(data):
        raise ArticleError(path, reason)
    if suffix in (".html", ".htm"):
        if not data.strip():
            raise ArticleError(path, "is empty, expected a saved web page")
        parts = _read_html(path, data)
        _check_lines(path, [line for block in parts.blocks for line in block], numbered=False)
    else:
        text = _decode(path, data)
        if not text.strip():
            raise ArticleError(path, "is empty, expected a headline and the story's text")
        _check_lines(path, text.split("\n"), numbered=True)
        parts = _read_md(path, text) if suffix in (".md", ".markdown") else _read_txt(path, text)
    if not parts.blocks:
        raise ArticleError(path, "has a headline but no story text, expected paragraphs after it")
    return _article(path, _showable(parts), today or date.today())


def _showable(parts: _Parts) -> _Parts:
    """The parts with every character no page or feed can show (a control character written
    as an escape in the front matter, a character reference in a page) made a space, as
    validation refuses them in the records the article becomes."""
    def spaced(text: str) -> str:
        return CONTROL.sub(" ", text) if CONTROL.search(text) else text

    parts.title, parts.publisher = tidy(spaced(parts.title)), tidy(spaced(parts.publisher))
    parts.blocks = [[spaced(line) for line in block] for block in parts.blocks]
    return parts


def _article(path: Path, parts: _Parts, today: date) -> Article:
    cleaned = clean(parts.blocks, "" if parts.title_in_story else parts.title, parts.headings)
    url = parts.url or next((u for u in cleaned.urls if is_web_url(u)), "")
    warnings = list(parts.warnings)
    published: date | None
    if parts.published:
        published, published_from = parts.published, "front-matter"
    elif url and (published := date_from_url(url)):
        published_from = "url"
    else:
        published, published_from = None, "unknown"
    if published and published > today:
        where = "front matter or page" if published_from == "front-matter" else "address"
        warnings.append((None, f"the publication date its {where} gives, {published}, is still to "
                               "come; left out, so the date is looked for in the text"))
        published, published_from = None, "unknown"
    language: str | None
    if parts.language:
        language, language_from = parts.language, "declared"
    else:
        language = detect_language("\n".join([parts.title, *cleaned.paragraphs]))[0]
        language_from = "detected"
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(cleaned.paragraphs):
        for text in split_sentences(paragraph, language):
            sentences.append(Sentence(text, number, len(sentences)))
    return Article(
        path=path,
        id=id_from(path.stem, "article"),
        title=parts.title,
        paragraphs=cleaned.paragraphs,
        sentences=sentences,
        language=language,
        language_from=language_from,
        url=url,
        publisher=parts.publisher or host_of(url),
        published=published,
        published_from=published_from,
        dropped=parts.dropped + cleaned.dropped,
        warnings=warnings,
        headings=cleaned.headings,
    )
