"""Counts in English and French text: "18", "5 200", "vingt-deux", "a dozen", "more than 30 rockets".

A count is read with the noun it counts, as written, and with what the words before it say
about it ("about" makes it approximate, "at least" a minimum), so that `tolls` can tell the
killed, the wounded and the rockets fired apart from the other numbers of a sentence.
Number words, markers and counted nouns live in `lexicon/numbers.<language>.yml`; the
weapon and toll nouns a count may also be of come from `lexicon/tolls.<language>.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .lexicon import Compiled, LexiconFile, lexicon_path, read_file
from .text import APOSTROPHES, alternation

# Digits with thousands separators ("5,200", "5 200", "5\u202f200") or without; a number
# glued to letters or a hyphen ("K1", "F-16", "45th", "12-year-old") is a word, not a count.
_TOKEN_RE = re.compile(
    r"(?P<num>(?<![\w.,:\-])(?:\d{1,3}(?:(?:,|\.|[ \u00a0\u202f])\d{3})+|\d+(?:[.,]\d+)?)"
    r"(?![\w\-\u2011]|[.,:]\d))"
    r"|(?P<word>(?:[A-Z]\.){2,}|\w+(?:[\-\u2011]\w+)*)"
    r"|(?P<punct>\S)"
)
_GROUPED_RE = re.compile(r"\d{1,3}(?:[,. \u00a0\u202f]\d{3})+")
_TOKEN_FOLD = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), "\u2011": "-"})


class Token(NamedTuple):
    """A word, a number in digits or a punctuation mark, with its offsets in the text."""

    kind: str
    text: str
    lower: str
    start: int
    end: int


def _kind(m: re.Match[str]) -> str:
    """Which of _TOKEN_RE's groups a match is of ("num", "word" or "punct"): one always is."""
    kind = m.lastgroup
    if kind is None:
        raise ValueError(f"{m.group()!r}: a match of none of the token patterns' groups")
    return kind


def tokenize(text: str) -> list[Token]:
    """The words, digit numbers and punctuation marks of a text, in order."""
    lower = text.lower().translate(_TOKEN_FOLD)
    if len(lower) != len(text):  # a letter whose lower case is longer ("İ"): token by token
        return [Token(_kind(m), m.group(), m.group().lower().translate(_TOKEN_FOLD), m.start(), m.end())
                for m in _TOKEN_RE.finditer(text)]
    return [Token(_kind(m), text[a:b], lower[a:b], a, b)
            for m in _TOKEN_RE.finditer(text) for a, b in (m.span(),)]


@dataclass(frozen=True)
class Quantity:
    """A count in a text, with the noun it counts and how firmly the text gives it."""

    value: int
    start: int
    end: int
    text: str
    approximate: bool
    minimum: bool
    noun: str


# --- the lexicon ----------------------------------------------------------------------


def _forms(word: str, language: str) -> set[str]:
    """A listed noun with its plural (and, in French, feminine) forms."""
    forms = {word, word + "s"}
    if language == "en" and re.search(r"[^aeiou]y$", word):
        forms.add(word[:-1] + "ies")
    if language == "fr":
        forms |= {word + "e", word + "es"}
        if word.endswith("ien"):
            forms |= {word + "ne", word + "nes"}
    return forms


def _token_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(t.lower for t in tokenize(phrase))


def _marker_re(phrases: list[str]) -> re.Pattern:
    """A pattern for any of the phrases ending a text (the words just before a number)."""
    return re.compile(r"(?<!\w)(?:" + alternation(phrases) + r")\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberWords(Compiled, file="numbers", what="numbers lexicon"):
    """The number words of one language and what they count (lexicon/numbers.LANG.yml, with
    the weapon and toll nouns of lexicon/tolls.LANG.yml)."""

    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    multiplying_tens: frozenset[str]
    multipliers: dict[str, int]
    joiners: frozenset[str]
    articles: frozenset[str]
    collectives: dict[str, int]
    vague: frozenset[str]
    not_after: frozenset[str]
    approximate: re.Pattern
    minimum: re.Pattern
    months: frozenset[str]
    partitive: tuple[tuple[str, ...], ...]
    determiners: tuple[tuple[str, ...], ...]
    pronouns: frozenset[str]
    stop: frozenset[str]
    modifiers: frozenset[str]
    kinds: dict[str, str]
    number_words: frozenset[str]

    @classmethod
    def compile(cls, file: LexiconFile) -> NumberWords:
        """The number words of a numbers lexicon, and the nouns they count."""
        language = file.language or "en"
        tolls = read_file(lexicon_path("tolls", language, file.path.parent), "tolls", language)
        return _compiled(language, file.data, tolls.data)


def _words_of(phrases) -> set[str]:
    return {t for phrase in phrases for t in _token_phrase(phrase) if t.isalpha() or "-" in t}


def _compiled(language: str, data: dict, tolls: dict) -> NumberWords:
    stop = {w.lower() for w in data["stop"]}
    # Later kinds win: a toll noun ("dead", "blessés") over a weapon word over people.
    kinds: dict[str, str] = {}
    for kind, words in (("thing", data["things"]), ("demonym", data["demonyms"]),
                        ("people", data["people"])):
        for word in words:
            for form in _forms(str(word).lower(), language):
                kinds[form] = kind
    for phrase in (p for phrases in tolls["weapons"].values() for p in phrases):
        words = [w for w in _token_phrase(phrase) if w not in stop and w != "'"]
        kinds[words[0] if language == "fr" else words[-1]] = "weapon"  # the phrase's head
    toll_nouns = tolls["killed"]["nouns"] + tolls["injured"]["nouns"] + tolls["casualties"]
    for word in toll_nouns:
        kinds[word.lower()] = "toll"
    # The verbs of the toll lists end a counted noun ("five Iraqis died").
    verbs = _words_of(p for field in ("killed", "injured")
                      for key in ("active", "passive", "intransitive")
                      for p in tolls[field].get(key, []))
    stop |= {v for v in verbs if v not in kinds}
    return NumberWords(
        units={k.lower(): v for k, v in data["units"].items()},
        teens={k.lower(): v for k, v in data["teens"].items()},
        tens={k.lower(): v for k, v in data["tens"].items()},
        multiplying_tens=frozenset(data.get("multiplying_tens", [])),
        multipliers={k.lower(): v for k, v in data["multipliers"].items()},
        joiners=frozenset(data["joiners"]),
        articles=frozenset(data["articles"]),
        collectives={k.lower(): v for k, v in data["collectives"].items()},
        vague=frozenset(w.lower() for w in data.get("vague", [])),
        not_after=frozenset(w.lower() for w in data.get("not_after", [])),
        approximate=_marker_re(data["approximate"]),
        minimum=_marker_re(data["minimum"]),
        months=frozenset(w.lower() for w in data["months"]),
        partitive=tuple(sorted((_token_phrase(p) for p in data["partitive"]), key=len, reverse=True)),
        determiners=tuple(_token_phrase(p) for p in data["determiners"]),
        pronouns=frozenset(data["pronouns"]),
        stop=frozenset(stop),
        modifiers=frozenset(w.lower() for w in data["modifiers"]),
        kinds=kinds,
        number_words=frozenset(w.lower() for key in ("units", "teens", "tens", "multipliers", "articles")
                               for w in data[key]),
    )


def noun_kind(noun: str, language: str) -> str | None:
    """What a counted noun counts: "people", "demonym", "weapon", "toll", "thing", or None."""
    return NumberWords.of(language).kinds.get(noun.lower().translate(_TOKEN_FOLD))


# --- numbers written in words -----------------------------------------------------------

# The state of a number read word by word: the completed thousands, the current group,
# the kind of the last word read and its value.
_State = tuple[int, int, str | None, int]


def _step(state: _State, word: str, lex: NumberWords, language: str) -> _State | None:
    """The state after one more number word, or None if the word cannot follow."""
    total, current, last, last_value = state
    if word in lex.joiners:
        if last == "multiplier" or (language == "fr" and last == "ten"):
            return total, current, "joiner", last_value
        return None
    if last is None and word in lex.articles:
        return total, 1, "article", 1
    if word in lex.units:
        value = lex.units[word]
        after_ten = last == "ten" and current % 10 == 0
        after_teen = language == "fr" and last == "teen" and last_value == 10 and value >= 7
        if last in (None, "multiplier", "joiner") or after_ten or after_teen:
            return total, current + value, "unit", value
        return None
    if word in lex.teens:
        value = lex.teens[word]
        after_ten = language == "fr" and last in ("ten", "joiner") and (total + current) % 100 in (60, 80)
        if last in (None, "multiplier") or after_ten:
            return total, current + value, "teen", value
        return None
    if word in lex.tens:
        value = lex.tens[word]
        if word in lex.multiplying_tens and last == "unit" and last_value == 4:
            return total, current - 4 + 4 * value, "ten", 4 * value
        if last in (None, "multiplier"):
            return total, current + value, "ten", value
        return None
    if word in lex.multipliers:
        value = lex.multipliers[word]
        if last == "multiplier" and value <= last_value:
            return None
        if value < 1000:
            if current >= 100:
                return None
            return total, (current or 1) * value, "multiplier", value
        return total + (current or 1) * value, 0, "multiplier", value
    return None


def _read_words(tokens: list[Token], i: int, lex: NumberWords, language: str) -> tuple[int, int, bool] | None:
    """The number written in words from token i: its value, the index after it, and
    whether it is only an article ("a", "une")."""
    state: _State = (0, 0, None, 0)
    best = None
    j = i
    while j < len(tokens) and tokens[j].kind == "word":
        new: _State | None = state
        for part in tokens[j].lower.split("-"):
            new = _step(new, part, lex, language) if new else None
        if new is None:
            break
        state = new
        j += 1
        if state[2] != "joiner":
            best = (state[0] + state[1], j, state[2] == "article")
    return best


def _read_number(tokens: list[Token], i: int, lex: NumberWords,
                 language: str) -> tuple[int, int, bool, bool] | None:
    """The number starting at token i: its value, the index after it, whether it is
    approximate (a collective: "a dozen", "une trentaine") and whether it is a bare article."""
    token = tokens[i]
    if token.kind == "num":
        if token.text.isdigit():
            value = int(token.text)
        elif _GROUPED_RE.fullmatch(token.text):
            value = int(re.sub(r"\D", "", token.text))
        else:
            return None  # a decimal: "1.5"
        j, article = i + 1, False
    elif token.kind == "word":
        read = _read_words(tokens, i, lex, language)
        if read is None:
            return None
        value, j, article = read
    else:
        return None
    approximate = False
    if j < len(tokens) and tokens[j].lower in lex.collectives:
        value *= lex.collectives[tokens[j].lower]
        j, approximate, article = j + 1, True, False
    return value, j, approximate, article


# --- the noun a number counts -----------------------------------------------------------


def _match_phrase(tokens: list[Token], j: int, phrase: tuple[str, ...]) -> bool:
    return tuple(t.lower for t in tokens[j:j + len(phrase)]) == phrase


def _is_number_word(word: str, lex: NumberWords) -> bool:
    return any(part in lex.units or part in lex.teens or part in lex.tens or part in lex.multipliers
               for part in word.split("-"))


def _noun_en(tokens: list[Token], j: int, lex: NumberWords) -> int | None:
    """The index of the noun counted by the number ending before token j, in English, where
    the noun ends its phrase: "four American service members", "three Katyusha rockets"."""
    head = tentative = toll = unknown = None
    seen = 0
    k = j
    while k < len(tokens) and tokens[k].kind == "word":
        word = tokens[k].lower
        kind = lex.kinds.get(word)
        if head is not None:
            if kind in ("people", "weapon", "thing"):  # a compound: "rocket launcher"
                head = k
                k += 1
                continue
            break
        if seen >= 4 or _is_number_word(word, lex):
            break
        if kind == "toll":
            if tentative is not None or unknown is not None or toll is not None:
                break  # "two Iraqis killed": the toll word is not part of the noun
            toll = k
        elif kind in ("people", "weapon", "thing"):
            head = k
        elif word in lex.stop:
            break
        elif kind == "demonym":
            tentative = k
        elif word not in lex.modifiers and unknown is None and k == j:
            unknown = k
        seen += 1
        k += 1
    for candidate in (head, toll, tentative, unknown):
        if candidate is not None:
            return candidate
    return None


def _noun_fr(tokens: list[Token], j: int, lex: NumberWords) -> int | None:
    """The index of the noun counted by the number ending before token j, in French, where
    the noun comes first: "109 militaires américains", "deux autres roquettes"."""
    k = j
    while k < len(tokens) and tokens[k].lower in lex.modifiers:
        k += 1
    if k < len(tokens) and tokens[k].kind == "word" and tokens[k].lower not in lex.stop:
        return k
    return k - 1 if k > j else None  # "blessant trois autres"


def _partitive(tokens: list[Token], j: int, lex: NumberWords) -> tuple[int, bool] | None:
    """Where the counted noun starts after a partitive ("24 of its fighters", "76 des
    militaires"), and whether a pronoun ends the count there ("three of them")."""
    for phrase in lex.partitive:
        if _match_phrase(tokens, j, phrase):
            k = j + len(phrase)
            if k < len(tokens) and tokens[k].lower in lex.pronouns:
                return k + 1, True
            for det in lex.determiners:
                if _match_phrase(tokens, k, det):
                    return k + len(det), False
            return k, False
    return None


def _word_before(tokens: list[Token], i: int) -> str:
    """The word before token i, across an elision's apostrophe ("l'une": "l")."""
    k = i - 1
    if k > 0 and tokens[k].lower == "'":
        k -= 1
    return tokens[k].lower if k >= 0 else ""


def _is_date(tokens: list[Token], i: int, j: int, lex: NumberWords) -> bool:
    """ "11 March", "le trois janvier", "March 11" (but "March four rockets" is a count)."""
    before = tokens[i - 1].lower if i > 0 and tokens[i].kind == "num" else ""
    after = tokens[j].lower if j < len(tokens) else ""
    return before in lex.months or after in lex.months


def _is_age(tokens: list[Token], i: int, j: int) -> bool:
    """ "Soleimani, 62, was ...": a number set off by commas after a name."""
    return (i >= 2 and tokens[i - 1].text == "," and tokens[i - 2].text[:1].isupper()
            and j < len(tokens) and tokens[j].text in (",", ")"))


def _noun_phrase(tokens: list[Token], j: int, lex: NumberWords, language: str) -> tuple[int | None, int]:
    """The noun counted by the number ending before token j (its index, or None), and the
    index after the counted phrase."""
    partitive = _partitive(tokens, j, lex)
    if partitive and partitive[1]:
        return None, partitive[0]
    find = _noun_fr if language == "fr" else _noun_en
    at = find(tokens, partitive[0] if partitive else j, lex)
    if at is None:
        return None, j
    end = at + 1
    if language == "fr":  # "deux militaires irakiens", "un sous-traitant civil américain"
        while end < min(len(tokens), at + 3) and lex.kinds.get(tokens[end].lower) in ("demonym", "people"):
            end += 1
    return at, end


def _quantity(text: str, tokens: list[Token], i: int, j: int, value: int, collective: bool,
              article: bool, lex: NumberWords, language: str) -> Quantity | None:
    """The count a number read from tokens i to j makes, or None if it counts nothing."""
    if value == 1 and j == i + 1 and _word_before(tokens, i) in lex.not_after:
        return None  # "no one", "l'une d'elles"
    if article and j < len(tokens) and tokens[j].lower in lex.vague:
        return None  # "a few soldiers"
    if _is_date(tokens, i, j, lex):
        return None
    at, end = _noun_phrase(tokens, j, lex, language)
    noun = tokens[at].text if at is not None else ""
    kind = lex.kinds.get(noun.lower()) if noun else None
    if kind is None and at is not None and end > at + 1:
        kind = "people"  # "un interprète irakien": a noun followed by a nationality
    counted = kind in ("people", "demonym", "weapon", "toll")
    if article and not counted:
        return None
    if not noun and _is_age(tokens, i, j):
        return None
    if tokens[i].kind == "num" and len(tokens[i].text) == 4 and 1900 <= value <= 2100 and not counted:
        return None  # a year
    start = tokens[i].start
    before = text[max(0, start - 30):start]
    minimum = lex.minimum.search(before)
    approximate = lex.approximate.search(before)
    marker = minimum or approximate
    if marker:
        start -= len(before) - marker.start()
    stop = tokens[end - 1].end
    return Quantity(value, start, stop, text[start:stop], collective or bool(approximate),
                    bool(minimum), noun)


def find_quantities(text: str, language: str) -> list[Quantity]:
    """Every count in a text, in order, with the noun it counts and its markers.

    "a"/"an"/"un"/"une" count one only before a noun known to count people, weapons or a
    toll ("a rocket", "un enfant"); days of the month, years and ages are not counts."""
    lex = NumberWords.of(language)
    tokens = tokenize(text)
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        starts = token.kind == "num" or (
            token.kind == "word" and token.lower.split("-", 1)[0] in lex.number_words)
        read = _read_number(tokens, i, lex, language) if starts else None
        if read is None:
            i += 1
            continue
        value, j, collective, article = read
        quantity = _quantity(text, tokens, i, j, value, collective, article, lex, language)
        if quantity:
            found.append(quantity)
        i = j
    return found


def parse_number(text: str, language: str) -> int | None:
    """The number a short text is: "18", "5 200", "twenty-two", "quatre-vingt-dix",
    "a dozen", "une trentaine", "a" (one); None for anything else ("several")."""
    lex = NumberWords.of(language)
    tokens = tokenize(text.strip())
    if not tokens:
        return None
    read = _read_number(tokens, 0, lex, language)
    if read is None or read[1] != len(tokens):
        return None
    return read[0]
