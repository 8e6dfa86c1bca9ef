"""Keeping only the story: the lines of a saved article that are not what its reporter wrote.

Two kinds of rules. Lexicon rules (lexicon/clean.*.yml, every language at once, since the
language is not known yet and a site's prompts rarely look like a story sentence): comment
forms, share and newsletter prompts, related links, advertisements, copyright and
publication lines. Structural rules, the same in every language: a caption repeated with
its credit appended, a short unpunctuated tail that is a photo credit, a bare URL, a
title-like line (short, no sentence punctuation: a sub-heading or a related headline),
a repeated line, and the comment section that follows the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Compiled, LexiconFile
from .sentences import split_sentences
from .text import MATCHES_NOTHING, plain_quotes, squeeze, tidy

TITLE_MAX_WORDS = 20     # a longer line without a full stop is a story paragraph missing one
CAPTION_MAX_WORDS = 40   # a caption is one sentence of at most this many words
CREDIT_MAX_WORDS = 8
PAIR_TAIL_MAX_WORDS = 12  # what a repeated caption may add: a credit
WRAP_WIDTH = (40, 100)   # lengths of the lines of a hard-wrapped paragraph
BOILERPLATE_MAX_CHARS = 400  # longer lines are never a site's prompt or notice
LIST_ITEM_MIN_WORDS = 5  # a bulleted line longer than this is story text ("- 12 missiles struck...")
COMMENTS_AFTER = 2       # story lines before a comment heading that ends the story (not a top link)
SECTION_HEADING_MAX_WORDS = 10  # a title-like line within the story that heads a section

_URL_LINE = re.compile(r"<?((?:https?://|www\.)[^\s<>]+)>?", re.IGNORECASE)
_CLOSERS = "»”\"’')]} "
_TERMINAL = ".!?…"
_PUNCTUATION = ".,;:!?…()[]\"'«»“”’/|-–—*"
# Where a credit may start: after a sentence's end, a spaced dash or bar, or in parentheses.
_CREDIT_TAILS = (
    re.compile(r"[.!?…][»”\"’')\]]*\s+([^.!?…]+)$"),
    re.compile(r"\s[-–—|]\s+([^.!?…]+)$"),
    re.compile(r"\(([^()]+)\)$"),
)


@dataclass(frozen=True)
class Boilerplate(Compiled, file="clean", what="cleaning lexicon"):
    """The patterns of every lexicon/clean.LANG.yml at once (a page's language is not known
    when it is cleaned): a reason per line pattern, the comment section's start, credits."""

    lines: dict[str, re.Pattern]
    comments_start: re.Pattern
    credit: re.Pattern
    credit_words: frozenset[str]

    @classmethod
    def compile_all(cls, files: list[LexiconFile]) -> Boilerplate:
        """The patterns of every language's file, merged (each file's in its order)."""
        reasons: dict[str, list[str]] = {}
        for file in files:
            for reason in file.get("lines") or {}:
                reasons.setdefault(reason, []).append(file.patterns("lines", reason, spaced=False))
        words = {match_key(str(w)).lower() for file in files for w in file.get("credit_words") or []}

        def merged(section: str) -> re.Pattern[str]:
            return _compiled([file.patterns(section, spaced=False) for file in files])

        return cls({reason: _compiled(bodies) for reason, bodies in reasons.items()},
                   merged("comments_start"), merged("credit"), frozenset(words))


def _compiled(bodies: list[str]) -> re.Pattern[str]:
    """The pattern texts of several files as one pattern, matched in any case."""
    return re.compile("|".join(b for b in bodies if b != MATCHES_NOTHING) or MATCHES_NOTHING, re.IGNORECASE)


@dataclass
class Cleaned:
    """The story's paragraphs, and every line left out with the reason why."""

    paragraphs: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)  # bare URL lines, in order
    headings: dict[int, str] = field(default_factory=dict)  # a section's heading, by its first paragraph


def match_key(text: str) -> str:
    """A line as the patterns see it: quotes straightened, white space squeezed."""
    return squeeze(plain_quotes(text))


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence: a stop, perhaps inside closing quotes."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_title_like(text: str) -> bool:
    """Short and without a sentence's final punctuation: a heading or a headline."""
    return not ends_sentence(text) and len(text.split()) <= TITLE_MAX_WORDS


_CREDIT_OPENS = re.compile(r"(?:photos?|credits?|crédits?|images?|pictures?|illustrations?)\s*:", re.IGNORECASE)
_CREDIT_SLASH = re.compile(r"\w\s*/\s*[A-Z]")  # "U.S. Army National Guard/Staff Sgt. X", "AFP/Getty"


def is_credit(text: str) -> bool:
    """Whether a short text is a photo credit ("SABAH ARAR / AFP", "Photo d'archives",
    "Photo: Marib governorate media office / handout", "U.S. Army/Staff Sgt. X")."""
    words = text.split()
    lex = Boilerplate.of()
    if not words or len(words) > CREDIT_MAX_WORDS or ends_sentence(text):
        return False
    if _CREDIT_OPENS.match(text) or (_CREDIT_SLASH.search(text) and text[:1].isupper()):
        return True  # it says it is one, or names an agency and a photographer
    if not lex.credit.search(match_key(text)):
        return False
    for word in words:
        bare = match_key(word).strip(_PUNCTUATION)
        if bare and bare[0].islower() and bare.lower() not in lex.credit_words:
            return False
    return True


def credit_tail(line: str) -> str | None:
    """The photo credit a line ends with, if it ends with one."""
    for tail in _CREDIT_TAILS:
        found = tail.search(line)
        if found and is_credit(found.group(1)):
            return found.group(1)
    return None


def url_of_line(line: str) -> str | None:
    """The URL a line holds when it holds nothing else ("https://...", "<https://...>")."""
    found = _URL_LINE.fullmatch(match_key(line))
    return found[1] if found else None


def line_reason(line: str) -> str | None:
    """The lexicon's reason to drop a line, if a pattern matches all of it."""
    key = match_key(line)
    if len(key) > BOILERPLATE_MAX_CHARS:
        return None
    for reason, pattern in Boilerplate.of().lines.items():
        if pattern.fullmatch(key):
            return reason
    return None


def text_blocks(text: str) -> list[list[str]]:
    """The runs of non-blank lines of a text, each line stripped."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        line = tidy(line)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


@dataclass
class _Line:
    text: str
    block: int
    reason: str | None = None

    @property
    def key(self) -> str:
        return match_key(self.text)


def _title_key(text: str) -> str:
    return match_key(text).casefold().rstrip(_TERMINAL)


def _caption_pair(a: str, b: str) -> bool:
    """Whether two lines are one caption, the second or first with a credit appended
    (a credit never ends like a sentence)."""
    short, long = sorted((a, b), key=len)
    if len(long) == len(short) or not long.startswith(short) or len(short.split()) < 3:
        return False
    tail = long[len(short):]
    return len(tail.split()) <= PAIR_TAIL_MAX_WORDS and not ends_sentence(tail)


def _mark_lines(lines: list[_Line], title: str) -> None:
    lex = Boilerplate.of()
    title_key = _title_key(title) if title else None
    keys = [line.key for line in lines]
    for line, key in zip(lines, keys, strict=True):
        if line.reason is not None:
            continue  # a heading, by the markup
        if not any(ch.isalpha() for ch in key):
            line.reason = "no words"
        elif _URL_LINE.fullmatch(key):
            line.reason = "url"
        elif title_key is not None and _title_key(key) == title_key:
            line.reason = "headline"
        else:
            line.reason = line_reason(key)
    for i, line in enumerate(lines):  # the items listed under "Related coverage", "Read more:"
        if line.reason == "related link" and i + 1 < len(lines):
            for item in lines[i + 1:]:
                if (item.block != line.block and item.block != lines[i + 1].block) or \
                        not (_LIST_ITEM.match(item.text) or is_title_like(item.text)):
                    break
                item.reason = item.reason or "related link"
    for i in range(len(lines) - 1):
        if _caption_pair(keys[i], keys[i + 1]):
            lines[i].reason = lines[i].reason or "caption"
            lines[i + 1].reason = lines[i + 1].reason or "caption"
    story_lines = 0
    for i, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if story_lines >= COMMENTS_AFTER and len(key) < 100 and lex.comments_start.fullmatch(key):
            for rest in lines[i:]:
                rest.reason = rest.reason or "comment section"
            break
        if line.reason is None and ends_sentence(line.text):
            story_lines += 1


_LIST_ITEM = re.compile(r"\s*(?:[-–•*·]|\d{1,2}[.)])\s+\S")  # "- Iraq weighs request...", "2. ..."


def _wrapped(line: str) -> bool:
    low, high = WRAP_WIDTH
    return low <= len(line) <= high and not ends_sentence(line)


def _units(lines: list[_Line]) -> list[_Line]:
    """Hard-wrapped lines joined into one paragraph; marked lines stay on their own."""
    units: list[_Line] = []
    for line in lines:
        last = units[-1] if units else None
        if (line.reason is None and last is not None and last.reason is None
                and last.block == line.block and _wrapped(last.text.rsplit("\n", 1)[-1])
                and not _LIST_ITEM.match(line.text)):
            last.text = f"{last.text}\n{line.text}"
        else:
            units.append(_Line(line.text, line.block, line.reason))
    for unit in units:
        unit.text = re.sub(r"(?<=\w)-\n(?=[a-z])", "-", unit.text).replace("\n", " ")
    return units


def _unit_reason(text: str) -> tuple[str | None, str]:
    """Why a paragraph no line rule dropped is not story text, or None and the text to keep
    (a story paragraph may lose a credit at its end)."""
    tail = credit_tail(text)
    if tail is None:
        if _LIST_ITEM.match(text) and len(text.split()) > LIST_ITEM_MIN_WORDS:
            return None, text  # a key point of the story: a sentence without its full stop
        if is_title_like(text):
            return ("photo credit" if is_credit(text) else "title-like line"), text
        return None, text
    head = text[: text.rfind(tail)].rstrip(" (-–—|")
    if not head.strip(_PUNCTUATION + " "):
        return "photo credit", text
    if len(head.split()) <= CAPTION_MAX_WORDS and len(split_sentences(head, None)) == 1:
        return "caption", text
    return None, head


def clean(blocks: list[list[str]], title: str = "", headings: set[str] | frozenset[str] = frozenset()) -> Cleaned:
    """The story paragraphs of an article's body; blocks are runs of lines (text_blocks).
    `headings` are lines the markup says are section headings. A heading, or a short
    title-like line once the story has begun, is kept as what the next paragraph begins."""
    lines = [_Line(line, b) for b, block in enumerate(blocks) for line in map(tidy, block) if line]
    for line in lines:
        if line.text in headings:
            line.reason = "heading"
    _mark_lines(lines, title)
    result = Cleaned()
    kept: set[str] = set()
    section: str | None = None
    for unit in _units(lines):
        reason, text = unit.reason, unit.text
        if reason is None:
            reason, text = _unit_reason(unit.text)
            if text != unit.text:
                result.dropped.append((unit.text[len(text):].strip(), "photo credit"))
        key = match_key(text).casefold()
        if reason is None and key in kept:
            reason = "repeated line"
        if reason == "url" and (url := url_of_line(unit.text)) is not None:  # it is: a "url" line is one
            result.urls.append(url)
        if reason == "heading" or (reason == "title-like line" and result.paragraphs
                                   and len(text.split()) <= SECTION_HEADING_MAX_WORDS):
            section = text
        if reason:
            result.dropped.append((unit.text, reason))
        else:
            if section is not None:
                result.headings[len(result.paragraphs)] = section
                section = None
            result.paragraphs.append(text)
            kept.add(key)
    return result
