"""The text layer of extraction: how text is folded for matching, and how word lists become patterns.

Every fold keeps one character for one (but `phrase_key`, `tidy` and `squeeze`, which make keys
and kept lines), so that an offset in folded text is an offset in the text as written. The folds
differ in what they are for and are named for it; they share one set of apostrophes, hyphens,
dashes and quotation marks. `alternation` is the one compiler of a lexicon's list of phrases
(or of patterns) into a regular expression.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable

APOSTROPHES = "'’‘ʼʻ`´ʹ′"
HYPHENS = "-‐‑‒−"  # they glue a compound ("Iran-backed")
DASHES = "–—―"  # en and em dashes: they set words apart, never glue them
QUOTES = '"“”„‟«»'
ODD_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin spaces

APOSTROPHE = f"[{re.escape(APOSTROPHES)}]"  # a pattern for any apostrophe
QUOTE = f"[{re.escape(QUOTES)}]"  # a pattern for any quotation mark
_HYPHEN = f"[{re.escape(HYPHENS)}]"
MATCHES_NOTHING = "(?!)"  # the pattern text of an empty list


# --- folds ------------------------------------------------------------------------------


def _cue_char(ch: str) -> str:
    if ch in APOSTROPHES:
        return "'"
    if ch in HYPHENS or ch in DASHES:
        return "-"
    if ch in QUOTES or ch in ODD_SPACES:
        return " "  # quotation marks do not break a phrase ('the "marks" of')
    return unicodedata.normalize("NFKD", ch)[:1].lower()[:1] or ch


_CUE_TABLE = {i: _cue_char(chr(i)) for i in range(0x2200) if _cue_char(chr(i)) != chr(i)}


def fold(text: str) -> str:
    """Text as lexicon cues are matched on: lower case, no accents, straight apostrophes,
    hyphens for dashes, spaces for quotation marks; one character for one."""
    return text.translate(_CUE_TABLE)


class _NameTable(dict[int, str]):
    """A `str.translate` table taking each character to exactly one, worked out on first use."""

    def __init__(self, lower: bool):
        super().__init__()
        self.lower = lower

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in APOSTROPHES:
            out = "'"
        elif char in QUOTES:
            out = '"'
        elif char in HYPHENS:
            out = "-"
        elif char.isspace() and char != "\n":
            out = " "
        else:
            out = unicodedata.normalize("NFKD", char)[:1] or char
            if self.lower:
                out = out.lower()[:1] or out
        self[code] = out
        return out


_NAMES_LOWER = _NameTable(lower=True)
_NAMES_CASED = _NameTable(lower=False)
_UNUSUAL = re.compile(r"[^\n\x20-\x5f\x61-\x7e]")  # all but printable ASCII and newlines


def fold_for_names(text: str, *, keep_case: bool = False) -> str:
    """Text as names are found in: accents (and case, unless `keep_case`) folded, apostrophes,
    quotation marks and hyphens each made one, dashes kept apart from hyphens (a dash never
    glues a compound); one character for one ("Aïn al‑Assad" -> "ain al-assad")."""
    table = _NAMES_CASED if keep_case else _NAMES_LOWER
    # str.translate costs ~70 ns a character outside ASCII; mostly-ASCII text is lowered in
    # C and only its unusual characters are looked up.
    base = text if keep_case else text.lower()
    if len(base) != len(text):  # a capital that lowers to two characters ("İ")
        return text.translate(table)
    return _UNUSUAL.sub(lambda m: table[ord(m.group())], base)


NAME_SEPARATORS = frozenset(" -–—―")  # what may stand between two words of a name
NAME_SKIPPED = frozenset("'\".")  # ignored inside a name: "Kata'ib" = "Kataib", "U.S." = "US"


def name_key(name: str) -> str:
    """The form a name is looked up by: folded for names, quotes and dots dropped, the
    separators between its words one space ("Kata'ib Hezbollah" -> "kataib hezbollah")."""
    chars = "".join(c for c in fold_for_names(name) if c not in NAME_SKIPPED)
    return " ".join("".join(" " if c in NAME_SEPARATORS else c for c in chars).split())


def lower(text: str) -> str:
    """The text in lower case, each character in its place (patterns then need no IGNORECASE,
    which makes Python's regular expressions several times slower)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def straighten(text: str) -> str:
    """The text with every apostrophe made "'" (one character for one)."""
    for apostrophe in APOSTROPHES[1:]:
        if apostrophe in text:  # most texts hold one kind at the most: faster than translate
            text = text.replace(apostrophe, "'")
    return text


_HYPHENS_AND_SPACES = re.compile(rf"(?:\s|{_HYPHEN})+")


def phrase_key(text: str, *, hyphens: bool = False) -> str:
    """A phrase as the tables of a lexicon are keyed by: lower case, straight apostrophes, each
    run of white space (and, with `hyphens`, of hyphens) one space ("Le  lendemain" -> "le
    lendemain")."""
    text = straighten(text.lower())
    if hyphens:
        return _HYPHENS_AND_SPACES.sub(" ", text).strip()
    return " ".join(text.split())


_SPACES = re.compile(r"\s{2,}|[^\S ]")  # only what folding changes: fast on clean text
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def squeeze(text: str) -> str:
    """The text with each run of white space one space, and none at its ends."""
    return _SPACES.sub(" ", text).strip()


def tidy(text: str) -> str:
    """A line as it is kept: invisible characters removed, white space squeezed."""
    return squeeze(_INVISIBLE.sub("", text))


def plain_quotes(text: str) -> str:
    """The text with apostrophes made "'" and quotation marks '"' (one character for one)."""
    for quote in QUOTES[1:]:
        if quote in text:
            text = text.replace(quote, '"')
    return straighten(text)


# --- phrases and patterns into one regular expression ------------------------------------


class PatternError(ValueError):
    """A pattern of a list that is not a regular expression: which one, and why."""

    def __init__(self, index: int, pattern: object, reason: str):
        super().__init__(reason)
        self.index = index
        self.pattern = pattern
        self.reason = reason


def phrase_pattern(phrase: str, *, hyphen_or_space: bool = False, space_after_apostrophe: bool = False,
                   word_end: bool = False) -> str:
    """A phrase written as plain words, as pattern text: a space matches any run of white space,
    an apostrophe any apostrophe (and, `space_after_apostrophe`, the spaces after it), a hyphen,
    with `hyphen_or_space`, any hyphen or spaces; `word_end` lets no letter follow (unless the
    phrase ends with an apostrophe, as "l'" does)."""
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
        elif ch in APOSTROPHES:
            out.append(APOSTROPHE + (r"\s*" if space_after_apostrophe else ""))
        elif hyphen_or_space and ch in HYPHENS:
            out.append(rf"(?:{_HYPHEN}|\s+)")
        else:
            out.append(re.escape(ch))
    if word_end and phrase and phrase[-1] not in APOSTROPHES:
        out.append(r"(?!\w)")
    return "".join(out)


def alternation(entries: Iterable[object] | None, *, patterns: bool = False, spaced: bool = True,
                hyphen_or_space: bool = False, space_after_apostrophe: bool = False,
                word_end: bool = False) -> str:
    """One pattern text matching any of `entries`; MATCHES_NOTHING when there are none.

    Entries are plain phrases (longest first, so that the longest one matches), or with
    `patterns` regular expressions kept in their order, each checked (PatternError says which
    is not one); in those, with `spaced`, a space matches any run of white space."""
    if entries is None:
        return MATCHES_NOTHING
    if not patterns:
        phrases = sorted(dict.fromkeys(str(e) for e in entries), key=len, reverse=True)
        return "|".join(phrase_pattern(p, hyphen_or_space=hyphen_or_space,
                                       space_after_apostrophe=space_after_apostrophe, word_end=word_end)
                        for p in phrases) or MATCHES_NOTHING
    bodies = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, str):
            raise PatternError(i, entry, "is not a pattern; quote an entry that holds ': '")
        body = entry.replace(" ", r"\s+") if spaced else entry
        try:
            re.compile(body)
        except re.error as e:
            hint = "; a space matches any run of spaces, so write \\s in a look-behind" if spaced else ""
            raise PatternError(i, entry, f"is not a valid regular expression ({e}{hint})") from None
        bodies.append(f"(?:{body})")
    return "|".join(bodies) or MATCHES_NOTHING


# --- patterns near a position --------------------------------------------------------------


def last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of `pattern` in `text`, if any."""
    last = deque(pattern.finditer(text), maxlen=1)
    return last[0] if last else None


def match_after(pattern: re.Pattern[str], text: str, pos: int, limit: int, gap: int) -> tuple[int, int] | None:
    """The span of a match starting within `gap` characters after `pos` (and before `limit`)."""
    m = pattern.search(text, pos, min(limit, pos + gap + 80))
    return m.span() if m and m.start() - pos <= gap else None


def match_before(pattern: re.Pattern[str], text: str, pos: int, floor: int, gap: int) -> tuple[int, int] | None:
    """The span of the last match ending within `gap` characters before `pos` (after `floor`)."""
    start = max(floor, pos - gap - 60)
    m = last_match(pattern, text[start:pos])
    if m and pos - (start + m.end()) <= gap:
        return start + m.start(), start + m.end()
    return None


def ends_near(pattern: re.Pattern[str], text: str, gap: int) -> bool:
    """Whether a match of `pattern` ends within `gap` characters of the end of `text`."""
    return any(len(text) - m.end() <= gap for m in pattern.finditer(text))


def ends_with(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a match of `pattern` ends where the folded `text` ends (its spaces aside)."""
    folded = fold(text).rstrip()
    return any(m.end() == len(folded) for m in pattern.finditer(folded))
