"""The place phrases of a language (lexicon/places.LANG.yml) compiled into PlacePhrases.

They find the places the knowledge base lacks by the words that introduce them ("the X air
base", "la province de X"): templates in which {name} stands for a capitalised name of one to
four words, the words around it matched in any case (a space: any run of spaces, " ?" an
optional one). `knowledge` searches texts with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records.vocab import vocabulary
from .lexicon import Compiled, LexiconError, LexiconFile
from .text import MATCHES_NOTHING, alternation, fold_for_names, name_key


@dataclass(frozen=True)
class PlacePattern:
    """One template of the lexicon, compiled, with the kind of place it finds."""

    regex: re.Pattern
    kind: str
    name_first: bool  # the name comes before the words that say what it is ("X air base")
    cue: re.Pattern  # those words alone, searched first: most texts hold few of them
    bare: bool = False  # the words around only place the name ("near Djibo, in"): not part of it


@dataclass(frozen=True)
class PlacePhrases(Compiled, file="places", what="places lexicon"):
    """One language's place phrases, and the words that are never a place's name."""

    articles: tuple[str, ...]  # Arabic's article as transliterated ("al-"), folded for names
    determiners: tuple[str, ...]  # the language's own articles ("the "), folded for names
    not_names: frozenset[str]  # keys of capitalised words that never begin a place's name
    patterns: tuple[PlacePattern, ...]
    any_cue: re.Pattern  # the cue words of every pattern, to pass over texts without any
    gazetteer_after: re.Pattern  # a capitalised name after a place word ("near Djibo"), for the gazetteer

    @classmethod
    def compile(cls, file: LexiconFile) -> PlacePhrases:
        """The patterns of a places lexicon; LexiconError names the line of every kind that is
        not a location kind and of every template without its {name}."""
        kinds = vocabulary().location_kinds
        data = file.data
        name_re = _place_name_regex(list(data.get("hyphen_particles") or []),
                                    list(data.get("space_particles") or []))
        determiners = [fold_for_names(d) for d in data.get("determiners") or []]
        determiner = _literal(f"(?:{alternation(determiners)})") + "?"
        problems: list[LexiconError] = []
        patterns = []
        sections = [("patterns", kind, templates, False)
                    for kind, templates in (data.get("patterns") or {}).items()]
        sections += [("context_patterns", kind, templates, True)
                     for kind, templates in (data.get("context_patterns") or {}).items()]
        for section, kind, templates, bare in sections:
            if kind not in kinds:
                problems.append(file.error((section, kind), f"'{kind}' is not a location kind "
                                                            f"(expected one of: {', '.join(kinds)})"))
                continue
            for i, template in enumerate(templates or []):
                before, marker, after = fold_for_names(str(template), keep_case=True).partition("{name}")
                if not marker or "{name}" in after:
                    problems.append(file.error((section, kind, i), f"'{template}' must hold {{name}} once"))
                    continue
                regex = (rf"(?<![^\W_]){determiner}{_literal(before)}(?P<name>{name_re})"
                         rf"{_literal(after)}(?![^\W_])")
                name_first = bool(after.strip())
                # Cues are searched in the folded (lower-case) text: faster than (?i).
                cue = (rf"{_spaced(_lower(after))}(?![^\W_])" if name_first
                       else _spaced(_lower(before)))
                try:
                    patterns.append(PlacePattern(re.compile(regex), kind, name_first, re.compile(cue), bare))
                except re.error as e:
                    problems.append(file.error((section, kind, i), f"'{template}' is not a valid pattern: {e}"))
        if problems:
            raise LexiconError("\n".join(map(str, problems)))
        return cls(
            articles=tuple(fold_for_names(a) for a in data.get("articles") or []),
            determiners=tuple(determiners),
            not_names=frozenset(name_key(w) for w in data.get("not_names") or []),
            patterns=tuple(patterns),
            any_cue=re.compile("|".join(p.cue.pattern for p in patterns) or MATCHES_NOTHING),
            gazetteer_after=_after_words(data.get("gazetteer_after") or [], name_re),
        )


def _after_words(words: list[str], name_re: str) -> re.Pattern:
    """A capitalised name right after one of `words` (matched in any case, on text folded for
    names): after an elided word ("d'Indelimane") with no space, else after a space."""
    if not words:
        return re.compile(MATCHES_NOTHING)
    folded = sorted({fold_for_names(w) for w in words}, key=len, reverse=True)
    glued = [re.escape(w) for w in folded if w.endswith("'")]
    spaced = [_spaced(re.escape(w)) for w in folded if not w.endswith("'")]
    before = "|".join([*(rf"{w}\s*" for w in glued), *(rf"{w}\s+" for w in spaced)])
    return re.compile(rf"(?<![^\W_])(?i:{before})(?P<name>{name_re})(?![^\W_])")


def _place_name_regex(hyphen_particles: list[str], space_particles: list[str]) -> str:
    """A capitalised name of one to four words, as `fold_for_names` writes it ("Jurf al-Sakhar")."""
    word = r"[A-Z][^\W_]*(?:-[^\W_]+|'(?!s(?![^\W_]))[^\W_]+)*"
    parts = [word]
    if hyphen_particles:
        parts.append(rf"(?:{alternation(hyphen_particles)})-{word}")
    if space_particles:
        parts.append(rf"(?:{alternation(space_particles)}) {word}")
    part = f"(?:{'|'.join(parts)})"
    return rf"{part}(?: {part}){{0,3}}"


def _spaced(words: str) -> str:
    """Pattern text with a space standing for any run of spaces (" ?" for an optional one)."""
    return re.sub(r" (\?)?", lambda m: " *" if m.group(1) else " +", words)


def _lower(pattern: str) -> str:
    """Pattern text in lower case, its escapes (\\S, \\W) left as they are."""
    return re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), pattern)


def _literal(words: str) -> str:
    """Pattern text around {name}, matched in any case."""
    return f"(?i:{_spaced(words)})" if words else ""
