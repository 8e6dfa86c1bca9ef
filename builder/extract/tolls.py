"""The toll a sentence states: how many were killed, how many injured, and which weapons, how many.

A count found by `numbers` becomes a toll through the words around it: a verb before it
("killing three"), a verb after it ("two Americans were killed"), or the noun it counts
("25 morts"). Counts of people joined by "and" are summed, a total followed by its
breakdown counts once, a part of another count ("including five seriously") is left out,
and phrases saying nobody was hurt give zero. A weapon takes the count of its own noun
("18 rockets"), never a neighbour's ("three dozen rocket attacks"). Words and phrases live
in `lexicon/tolls.<language>.yml`; this module holds the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .lexicon import Compiled, LexiconFile
from .numbers import Quantity, find_quantities, noun_kind
from .text import APOSTROPHE, APOSTROPHES, QUOTES, alternation, phrase_key, phrase_pattern, straighten

FIELDS = ("killed", "injured")


@dataclass(frozen=True)
class Tolls:
    """What one sentence says of an event's toll, with the spans each value came from."""

    killed: int | None
    injured: int | None
    weapons: list[tuple[str, int | None]]
    evidence: list[tuple[str, int, int]]
    named: frozenset[str] = frozenset()  # the fields whose value is one person named ("X was killed")


# --- the lexicon, compiled --------------------------------------------------------------


# A person's name just before a verb: two or more capitalised words, with the particles
# of Arabic names ("Ihab al-Wazni", "Abu Mahdi al-Muhandis", "Hicham al-Hachemi").
_PERSON_NAME = re.compile(rf"(?<![\w-])[A-Z][\w{re.escape(APOSTROPHES)}-]+"
                          r"(?: (?:(?:al|el|ad|as|ash|bin|ibn|ben|abu|abou|de|du)[- ])?"
                          rf"[A-Z][\w{re.escape(APOSTROPHES)}-]+)+\s*,?\s*$")


def _phrase(phrase: str) -> str:
    """A pattern for a lexicon phrase: a space matches any run of spaces, an apostrophe any
    apostrophe and the spaces after it ("l' armée"), and the phrase stands as whole words."""
    return phrase_pattern(phrase, space_after_apostrophe=True, word_end=True)


def _any(phrases, with_adverbs: str = "") -> str:
    """One alternation of phrases, longest first; with_adverbs lets an adverb stand
    after each word ("have reportedly been")."""
    if not with_adverbs:
        return "(?:" + alternation(phrases, space_after_apostrophe=True, word_end=True) + ")"
    parts = [(r"(?:\s+" + with_adverbs + r")?\s+").join(_phrase(w) for w in phrase.split())
             for phrase in sorted(set(phrases), key=len, reverse=True)]
    return "(?:" + "|".join(parts) + ")"


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class TollWords(Compiled, file="tolls", what="tolls lexicon"):
    """The toll and weapon words of one language (lexicon/tolls.LANG.yml), compiled."""

    keywords: frozenset[str]
    needs: dict[str, frozenset[str]]
    triggers: re.Pattern
    passive: dict[str, re.Pattern]
    either: re.Pattern
    singular: re.Pattern
    active: dict[str, re.Pattern]
    after: dict[str, re.Pattern]
    objects: re.Pattern
    nouns: dict[str, str]
    zero: tuple[re.Pattern, ...]
    zero_words: dict[str, tuple[str, ...]]
    subset_before: re.Pattern
    subset_after: re.Pattern
    subset_between: re.Pattern
    separator: re.Pattern
    conjunction: re.Pattern
    totals: re.Pattern
    total_nouns: frozenset[str]
    auxiliary_words: frozenset[str]
    definite: re.Pattern
    weapons: re.Pattern
    weapon_names: dict[str, str]
    not_weapons: re.Pattern
    parts_of: re.Pattern
    counted_with: re.Pattern

    @classmethod
    def compile(cls, file: LexiconFile) -> TollWords:
        """The patterns of a tolls lexicon."""
        return _compiled(file.data)


_LETTERS = re.compile(r"[^\W\d_]+")
# Between a count and a participle said of it: up to two words ("trois soldats américains tués").
_AFTER_GAP = re.compile(r"\s+(?:[^\W\d_]+\s+){0,2}")
_START = r"(?<!\w)"
def _verbs(words: dict, aux: str, perfect: str, adverb: str) -> tuple[str, str, str]:
    """The patterns of one toll's verbs: said of the count before them ("were killed",
    "died", "suffered concussions"), of the count after them ("killing"), or right after it."""
    before = [_START + aux + r"(?:\s+" + adverb + r")?\s+" + _any(words["passive"])]
    if words.get("intransitive"):
        before.append(_START + r"(?:" + perfect + r"(?:\s+" + adverb + r")?\s+)?"
                      + _any(words["intransitive"]))
    if words.get("predicates"):
        before.append(_START + _any(words["predicates"]))
    return "|".join(before), _START + _any(words["active"]), _START + _any(words["after"])


def _zero_words(data: dict) -> dict[str, tuple[str, ...]]:
    """The words that tell which toll a "nobody hurt" phrase is about."""
    found: dict[str, tuple[str, ...]] = {phrase_key(w): FIELDS for w in data["casualties"]}
    for field in FIELDS:
        for key in ("passive", "active", "after", "nouns"):
            for phrase in data[field].get(key, []):
                if " " not in phrase.strip():
                    found.setdefault(phrase_key(phrase), (field,))
        for phrase in data[field].get("intransitive", []):  # "lost their lives": "lost"
            found.setdefault(phrase_key(phrase).split()[0], (field,))
    return found


def _zero_patterns(data: dict, slots: dict[str, str]) -> tuple[re.Pattern, ...]:
    """The "nobody hurt" templates, their {slots} filled with the lexicon's words."""
    patterns = []
    for template in data["zero"]:
        pattern = re.sub(APOSTROPHE, lambda _: APOSTROPHE, template).replace(" ", r"\s+")
        for name, value in slots.items():
            pattern = pattern.replace("{" + name + "}", value)
        patterns.append(_compile(_START + pattern + r"(?!\w)"))
    return tuple(patterns)


def _key_words(phrases) -> frozenset[str]:
    """A word each phrase cannot match without (its longest), to skip patterns that cannot
    match a sentence."""
    return frozenset(max(_LETTERS.findall(p.lower()), key=len) for p in phrases)


def _needs(data: dict, nouns: list[str], weapons: list[str]) -> dict[str, frozenset[str]]:
    """For each pattern of a sentence's reading, the words one of which it needs."""
    needs = {"weapons": _key_words(weapons)}
    for field in FIELDS:
        words = data[field]
        needs["passive " + field] = _key_words(words["passive"] + words.get("intransitive", [])
                                               + words.get("predicates", []))
        needs["active " + field] = _key_words(words["active"])
        needs["after " + field] = _key_words(words["after"])
    needs["zero"] = frozenset().union(_key_words(nouns), *needs.values()) - needs["weapons"]
    return needs


def _compiled(data: dict) -> TollWords:
    adverb = "(?:" + _any(data["adverbs"]) + r"|\w+" + re.escape(data["adverb_suffix"]) + r"(?!\w))"
    aux = _any(data["auxiliaries"], adverb)
    perfect = _any(data["perfect"])
    determiners = r"\s+(?:" + _any(data["object_determiners"]) + r"\s+)?"
    nouns = {phrase_key(w): "casualties" for w in data["casualties"]}
    passive, active, after = {}, {}, {}
    for field in FIELDS:
        before, object_, right_after = _verbs(data[field], aux, perfect, adverb)
        passive[field] = _compile(before)
        active[field] = _compile(object_ + determiners)
        after[field] = _compile(right_after)
        nouns.update({phrase_key(noun): field for noun in data[field]["nouns"]})
    triggers = [p for field in FIELDS for key in ("active", "passive", "intransitive", "predicates", "after")
                for p in data[field].get(key, [])]
    slots = {"harm": _any(nouns), "aux": aux, "perfect": perfect, "adverb": adverb,
             "participle": _any(data["killed"]["passive"] + data["injured"]["passive"]),
             "died": _any(data["killed"].get("intransitive", []))}
    weapon_phrases = {phrase_key(p): name for name, phrases in data["weapons"].items() for p in phrases}
    definite = "|".join(_phrase(d) + ("" if d.endswith("'") else r"\s+") for d in data["definite"])
    quotes = rf"[\s{re.escape(QUOTES + APOSTROPHES)}]*"
    return TollWords(
        keywords=frozenset(_LETTERS.findall(p.lower())[0]
                           for p in [*triggers, *nouns, *weapon_phrases]),
        needs=_needs(data, list(nouns), list(weapon_phrases)),
        triggers=_compile(_START + _any(triggers)),
        passive=passive,
        either=_compile(r"^,?\s+" + _any(data["either"]) + r"\s+(?:" + _any(data["adverbs"]) + r"\s+)?"
                        + slots["participle"]),
        singular=_compile(r"^" + _any(data["singular_auxiliaries"], adverb)),
        active=active,
        after=after,
        objects=_compile(r"^\s+(?:" + _any(data["objects"]) + r"|\d)"),
        nouns=nouns,
        zero=_zero_patterns(data, slots),
        zero_words=_zero_words(data),
        subset_before=_compile(_START + _any(data["subset"]["before"]) + r"\s*$"),
        subset_after=_compile(_START + _any(data["subset"]["after"])),
        subset_between=_compile(_START + _any(data["subset"]["between"])),
        separator=_compile(r"(?:\s+" + _any(data["tails"]) + r"[^,;:]{0,100}?)?"
                           r"(?:\s+" + _any(data["totals"]) + r")?"
                           r"(?:\s*,[^,;:]{1,60}?(?=,))?"  # an aside: "Deux soldats, l'un américain, ..."
                           r"\s*(?:,\s*(?:" + _any(data["conjunctions"]) + r"\s*)?|\s+"
                           + _any(data["conjunctions"]) + r"\s*)"),
        conjunction=_compile(_START + _any(data["conjunctions"])),
        totals=_compile(_START + _any(data["totals"])),
        total_nouns=frozenset(phrase_key(w) for w in data["total_nouns"]),
        auxiliary_words=frozenset(w for p in data["auxiliaries"] + data["perfect"]
                                  for w in phrase_key(p).split()),
        definite=_compile(r"(?<!\w)(?:" + definite + r")(?:[\w-]+\s+){0,2}?([\w-]+)\s*,?\s*$"),
        weapons=_compile(_START + _any(weapon_phrases)),
        weapon_names=weapon_phrases,
        not_weapons=_compile(_START + _any(data["not_weapons"])),
        parts_of=_compile(_START + _any(data["parts_of"])),
        counted_with=_compile(quotes + r"(?:" + _any(data["counted_with"]) + quotes + r")?"),
    )


# --- reading one sentence ---------------------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    field: str
    value: int
    start: int
    end: int
    named: bool = False  # one person, by name or singular noun: a floor another count may raise


class _Reading:
    """The counts of one sentence and the tolls found among them so far."""

    def __init__(self, sentence: str, language: str, present: set[str]) -> None:
        self.present = present  # the words of the sentence, to skip patterns that cannot match
        self.text = sentence
        self.language = language
        self.words = TollWords.of(language)
        self.quantities = find_quantities(sentence, language)
        self.starts = {q.start: k for k, q in enumerate(self.quantities)}
        self.used: set[int] = set()
        self.figures: list[_Figure] = []
        self.zero_spans: list[tuple[int, int]] = []
        self.verbs: list[tuple[int, int]] = []  # verbs that took the count after them

    # what a count is

    def subset_marker(self, q: Quantity) -> int | None:
        """Where the words making a count a part of another start ("including five",
        "dont cinq"), or None."""
        before = self.text[max(0, q.start - 40):q.start]
        m = self.words.subset_before.search(before)
        return q.start - len(before) + m.start() if m else None

    def is_subset(self, q: Quantity) -> bool:
        return self.subset_marker(q) is not None

    def is_part(self, q: Quantity) -> bool:
        """ "three of them", "trois d'entre eux": a part of a count already given."""
        return bool(self.words.subset_after.search(q.text))

    def counts_people(self, q: Quantity) -> bool:
        """Whether a count may be of people: a bare number, a noun of people or a
        nationality, or a noun the lexicon does not know; not weapons, things or tolls."""
        return not q.noun or noun_kind(q.noun, self.language) in (None, "people", "demonym")

    def free(self, k: int) -> bool:
        q = self.quantities[k]
        return k not in self.used and not self.is_subset(q) and self.counts_people(q)

    def in_zero(self, m: re.Match) -> bool:
        return any(a <= m.start() < b for a, b in self.zero_spans)

    # counts of people joined into one

    def joined(self, a: int, b: int) -> bool:
        sep = self.text[self.quantities[a].end:self.quantities[b].start]
        return bool(self.words.separator.fullmatch(sep)) and not self.words.triggers.search(sep)

    def group(self, k: int, step: int) -> list[int]:
        """The counts joined to count k, going left (step -1) or right (step 1); just k
        unless a conjunction joins them ("two Americans and a Briton")."""
        members = [k]
        while (0 <= k + step < len(self.quantities) and self.free(k + step)
               and not self.is_part(self.quantities[k + step])):
            a, b = sorted((k, k + step))
            if not self.joined(a, b):
                break
            k += step
            members.append(k)
        members.sort()
        seps = [self.text[self.quantities[a].end:self.quantities[b].start]
                for a, b in pairwise(members)]
        if not any(self.words.conjunction.search(sep) for sep in seps):
            return [members[-1] if step < 0 else members[0]]
        return members

    def value(self, members: list[int]) -> int:
        """The sum of joined counts, or the first alone when the others break it down:
        a total ("Ten people in all, ..."), or people broken down by nationality ("Three
        soldiers of the coalition, two Americans and a Briton")."""
        qs = [self.quantities[k] for k in members]
        if len(qs) > 1:
            first_sep = self.text[qs[0].end:qs[1].start]
            total = (self.words.totals.search(first_sep)
                     or phrase_key(qs[0].noun) in self.words.total_nouns
                     or (self.kind(qs[0]) != "demonym"
                         and all(self.kind(q) == "demonym" for q in qs[1:])))
            if (total and not self.words.conjunction.search(first_sep)
                    and sum(q.value for q in qs[1:]) <= qs[0].value):
                return qs[0].value
        return sum(q.value for q in qs)

    def kind(self, q: Quantity) -> str | None:
        return noun_kind(q.noun, self.language) if q.noun else None

    def add(self, field: str, members: list[int], start: int, end: int) -> None:
        self.used.update(members)
        self.figures.append(_Figure(field, self.value(members), start, end))

    # the rules, in the order they claim counts

    def can(self, rule: str) -> bool:
        return not self.present.isdisjoint(self.words.needs[rule])

    def zeros(self) -> None:
        """ "No one was killed or wounded", "sans faire de victimes": zero, per toll word."""
        if not self.can("zero"):
            return
        for pattern in self.words.zero:
            for m in pattern.finditer(self.text):
                fields = {f for w in phrase_key(m.group()).replace("'", " ").split()
                          for f in self.words.zero_words.get(w, ())}
                for field in fields:
                    self.figures.append(_Figure(field, 0, m.start(), m.end()))
                self.zero_spans.append((m.start(), m.end()))

    def subject_before(self, pos: int) -> int | None:
        """The nearest count of people before a verb, within its clause; a part set off
        before the verb ("Eleven people, among them four children, were hurt") is passed over."""
        for k in range(len(self.quantities) - 1, -1, -1):
            q = self.quantities[k]
            if q.end > pos:
                continue
            gap = self.text[q.end:pos]
            if (len(gap.split()) > 12 or re.search(r"[;:!?]", gap)
                    or self.words.subset_between.search(gap) or self.words.triggers.search(gap)):
                return None
            marker = self.subset_marker(q)
            if marker is not None:
                pos = marker
                continue
            if k in self.used:
                return None
            if self.counts_people(q):
                return k
        return None

    def passives(self) -> None:
        """ "Two Americans and a Briton were killed", "dix personnes ont péri"."""
        for field in (f for f in FIELDS if self.can("passive " + f)):
            for m in self.words.passive[field].finditer(self.text):
                if self.in_zero(m) or self.words.either.match(self.text[m.end():]):
                    continue  # "nine people were killed or wounded": casualties, not a toll
                k = self.subject_before(m.start())
                if k is not None:
                    members = self.group(k, -1)
                    self.add(field, members, self.quantities[members[0]].start, m.end())
                elif self.words.singular.match(m.group()) and self.definite_one(m.start()):
                    self.figures.append(_Figure(field, 1, m.start(), m.end(), named=True))

    def definite_one(self, pos: int) -> bool:
        """ "The child was injured", "Ihab al-Wazni a été abattu": one person, named by a
        singular noun of people or by a person's name."""
        before = self.text[max(0, pos - 60):pos]
        if _PERSON_NAME.search(before):
            return True
        m = self.words.definite.search(before)
        return m is not None and noun_kind(m.group(1), self.language) == "people"

    def actives(self) -> None:
        """ "killing at least 24 of its fighters", "blessant un enfant"."""
        for field in (f for f in FIELDS if self.can("active " + f)):
            for m in self.words.active[field].finditer(self.text):
                k = self.starts.get(m.end())
                if k is None or self.in_zero(m) or k in self.used or self.is_subset(self.quantities[k]):
                    continue
                self.verbs.append((m.start(), m.end()))
                own = self.words.nouns.get(phrase_key(self.quantities[k].noun))
                if own in FIELDS:  # "left 3 dead", "bilan de 12 blessés"
                    self.add(own, [k], m.start(), self.quantities[k].end)
                elif self.counts_people(self.quantities[k]):
                    members = self.group(k, 1)
                    self.add(field, members, m.start(), self.quantities[members[-1]].end)

    def afters(self) -> None:
        """ "25 people killed", "trois soldats américains tués", "left two soldiers dead"."""
        for field in (f for f in FIELDS if self.can("after " + f)):
            for m in self.words.after[field].finditer(self.text):
                if (self.in_zero(m) or self.words.objects.match(self.text[m.end():])
                        or any(a <= m.start() < b for a, b in self.verbs)):
                    continue  # "gunmen killed the mayor", "two gunmen killed three guards"
                before = [k for k, q in enumerate(self.quantities) if q.start < m.end()]
                if not before:
                    continue
                k = before[-1]
                q = self.quantities[k]
                gap = self.text[q.end:m.start()]
                if (q.end > m.start() or not _AFTER_GAP.fullmatch(gap) or not self.free(k)
                        or self.words.subset_between.search(gap)  # "huit parmi les blessés"
                        or any(w in self.words.auxiliary_words for w in phrase_key(gap).split())):
                    continue
                members = self.group(k, -1)
                self.add(field, members, self.quantities[members[0]].start, m.end())

    def nouns(self) -> None:
        """ "25 morts et 51 blessés", "three dead soldiers"."""
        for k, q in enumerate(self.quantities):
            if k in self.used or self.is_subset(q) or self.words.parts_of.search(q.text):
                continue  # "three of the wounded" is a part of a toll given elsewhere
            field = self.words.nouns.get(phrase_key(q.noun))
            if field not in FIELDS:
                field = next((self.words.nouns[w] for w in phrase_key(q.text).split()[1:]
                              if self.words.nouns.get(w) in FIELDS), None)
            if field in FIELDS:
                self.add(field, [k], q.start, q.end)

    def weapons(self) -> tuple[list[tuple[str, int | None]], list[tuple[str, int, int]]]:
        """Each weapon named, once, with the count of its own noun when there is one."""
        if not self.can("weapons"):
            return [], []
        ignored = [(m.start(), m.end()) for m in self.words.not_weapons.finditer(self.text)]
        counts: dict[str, int | None] = {}
        evidence = []
        for m in self.words.weapons.finditer(self.text):
            if any(a <= m.start() < b for a, b in ignored):
                continue
            name = self.words.weapon_names[phrase_key(m.group())]
            count, start = self.weapon_count(m)
            if name not in counts or (counts[name] is None and count is not None):
                counts[name] = count
                evidence.append(("weapons", start, m.end()))
        return list(counts.items()), evidence

    def weapon_count(self, m: re.Match) -> tuple[int | None, int]:
        for q in self.quantities:
            if q.noun:
                noun_start = q.start + q.text.rfind(q.noun)
                if (noun_start < m.end() and m.start() < q.end
                        and not self.words.parts_of.search(q.text)):
                    return q.value, q.start
            elif q.end <= m.start() and self.words.counted_with.fullmatch(self.text[q.end:m.start()]):
                return q.value, q.start
        return None, m.start()

    def tolls(self) -> Tolls:
        self.zeros()
        self.passives()
        self.actives()
        self.afters()
        self.nouns()
        values: dict[str, int | None] = {}
        evidence: list[tuple[str, int, int]] = []
        named = set()
        for field in FIELDS:
            figures = [f for f in self.figures if f.field == field]
            positive = [f for f in figures if f.value > 0]
            chosen = min(positive, key=lambda f: f.start) if positive else (figures[0] if figures else None)
            values[field] = chosen.value if chosen else None
            if chosen:
                evidence.append((field, chosen.start, chosen.end))
                if chosen.named:
                    named.add(field)
        weapons, weapon_evidence = self.weapons()
        return Tolls(values["killed"], values["injured"], weapons, evidence + weapon_evidence,
                     frozenset(named))


def find_tolls(sentence: str, language: str) -> Tolls:
    """How many people one sentence says were killed and injured (None where it does not
    say), and the weapons it names with their counts."""
    words = TollWords.of(language)
    present = set(_LETTERS.findall(straighten(sentence.lower())))
    if present.isdisjoint(words.keywords):
        return Tolls(None, None, [], [])
    return _Reading(sentence, language, present).tolls()
