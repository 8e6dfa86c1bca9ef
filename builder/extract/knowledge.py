"""The knowledge base and its gazetteer: the actors and places extraction knows by name.

The base ships as `builder/knowledge/actors.yml` and `locations.yml`: lists of entries shaped
like actor and location records, plus `demonyms` on countries' governments, from which a new
chronology starts. `KnowledgeBase.find` spots their names in an article; `unknown_places`
spots the places the base lacks by the phrases that introduce them ("the X air base", "la
province de X"), whose patterns live in `lexicon/places.<language>.yml`.

Matching runs on text folded for names (`text.fold_for_names`: accents and case folded,
apostrophe and hyphen variants made one, one character for one), so every offset points into
the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema

from ..errors import BuilderError
from ..records.model import Actor, Location
from ..records.places import chain
from ..records.schemas import schemas
from ..records.yamlio import YamlError, parse
from .lexicon import LEXICON_DIR, LexiconError, lexicon_path
from .place_phrases import PlacePattern, PlacePhrases
from .rules import PlaceKinds
from .text import NAME_SEPARATORS, NAME_SKIPPED, fold_for_names, name_key

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"

# --- names ---------------------------------------------------------------------------------

# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A known actor or location named in a text."""

    kind: str  # "actor" or "location"
    id: str
    start: int  # character offsets in the text given
    end: int
    text: str  # the matched text, as written
    form: str  # "name" (a name or alias), "demonym" ("American", "iraniens") or "joined" ("Ansongo-Ménaka")


@dataclass(frozen=True)
class PlaceCandidate:
    """A place the knowledge base lacks, found by the phrase that introduces it."""

    name: str  # the place's name as written ("Kalsu", "Al-Hurriya")
    kind: str  # a location kind from builder/vocab/location_kinds.yml
    start: int  # offsets of the whole phrase
    end: int
    text: str  # the whole matched phrase ("the Kalsu air base")


class KnowledgeError(BuilderError, ValueError):
    """A knowledge base or lexicon file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# --- names and the trie they are matched with --------------------------------------------


@dataclass(frozen=True)
class _Name:
    """One name an entry is known by, with the case rule it must meet in a text."""

    kind: str
    id: str
    form: str
    exact: str | None  # an acronym's letters, which the text must show in this case ("US")
    capital: bool  # a one-word name written with a capital needs one in the text ("Hit")


def _name(kind: str, entry_id: str, written: str, form: str) -> tuple[str, _Name]:
    key = name_key(written)
    letters = sum(c.isalpha() for c in written)
    acronym = written.isupper() and letters <= 4 and " " not in written.strip()
    exact = "".join(c for c in fold_for_names(written, keep_case=True) if c.isalnum()) if acronym else None
    capital = not acronym and " " not in key and written[:1].isupper()
    return key, _Name(kind, entry_id, form, exact, capital)


_END = ""  # the trie key under which a node keeps the names that end there


def _trie(names: list[tuple[str, _Name]]) -> dict:
    root: dict = {}
    for key, name in names:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        ending = node.setdefault(_END, [])
        if name not in ending:
            ending.append(name)
    return root


def _walk(trie: dict, norm: str, start: int) -> list[tuple[int, list[_Name]]]:
    """Every name of the trie that `norm` spells from `start`: (end, names), shortest first."""
    found = []
    node, i, size = trie, start, len(norm)
    while i < size:
        char = norm[i]
        if char in NAME_SEPARATORS:
            child = node.get(" ")
            if child is None:
                break
            while i < size and norm[i] in NAME_SEPARATORS:
                i += 1
            node = child
            continue
        child = node.get(char)
        if child is None:
            if char in NAME_SKIPPED:
                i += 1
                continue
            break
        node, i = child, i + 1
        if _END in node:
            found.append((i, node[_END]))
    return found


def _glued_before(norm: str, start: int) -> bool:
    return start >= 2 and norm[start - 1] == "-" and norm[start - 2].isalnum()


def _ends_word(norm: str, end: int) -> bool:
    if end >= len(norm):
        return True
    if norm[end].isalnum():
        return False
    return not (norm[end] == "-" and end + 1 < len(norm) and norm[end + 1].isalnum())


def _case_ok(name: _Name, cased: str, start: int, end: int) -> bool:
    if name.exact is not None:
        return "".join(c for c in cased[start:end] if c.isalnum()) == name.exact
    return not name.capital or cased[start].isupper()


def _render(node: dict) -> str:
    """A regular expression matching what a trie of strings holds (a space: any separators)."""
    alternatives = []
    for char, child in sorted(node.items()):
        if char == _END:
            continue
        piece = "[ \\-\u2013\u2014\u2015]+" if char == " " else re.escape(char)
        rest = _render(child)
        alternatives.append(piece + (f"['\".]*{rest}" if rest else ""))
    if not alternatives:
        return ""
    body = "(?:" + "|".join(alternatives) + ")"
    return body + "?" if _END in node else body


def _starts_regex(keys: list[str], articles: tuple[str, ...]) -> re.Pattern:
    """Word starts spelling the first three characters of a name or article: a filter run in
    C, so that the trie is walked at a few positions of a text rather than at every word."""
    heads: dict = {}
    for head in {key[:3] for key in keys} | {article[:3] for article in articles}:
        node = heads
        for char in head:
            node = node.setdefault(char, {})
        node[_END] = True
    return re.compile(r"(?<![^\W_])(?=" + _render(heads) + ")")


@dataclass(frozen=True)
class _Matcher:
    """What `find` needs for one language: its names in a trie, and where one may begin."""

    trie: dict
    starts: re.Pattern
    articles: tuple[str, ...]
    initials: frozenset[str]  # the articles' first letters


def _capitals_joined(cased: str, hyphen: int) -> bool:
    """Whether the hyphen at `hyphen` joins two capitalised words ("Ansongo-Ménaka")."""
    if not (0 < hyphen < len(cased) - 1 and cased[hyphen] == "-" and cased[hyphen + 1].isupper()):
        return False
    return re.split(r"[\s-]", cased[:hyphen])[-1][:1].isupper()


def _match_at(matcher: _Matcher, norm: str, cased: str, start: int,
              hyphen_ok: Callable[[int], bool] = lambda _end: False) -> tuple[int, list[_Name]] | None:
    """The longest name at `start`, with or without an article, that ends a word (or, where
    `hyphen_ok` allows, a hyphen) and meets its case rule: (end, names)."""
    candidates = [(end, names, start) for end, names in _walk(matcher.trie, norm, start)]
    for article in matcher.articles if norm[start] in matcher.initials else ():
        after = start + len(article)
        if norm.startswith(article, start) and after < len(norm) and norm[after].isalnum():
            candidates += [(end, names, after) for end, names in _walk(matcher.trie, norm, after)]
    if len(candidates) > 1:
        candidates.sort(key=lambda c: -c[0])
    for end, names, name_start in candidates:
        if not _ends_word(norm, end) and not hyphen_ok(end):
            continue
        kept = [n for n in names if _case_ok(n, cased, name_start, end)]
        if kept:
            return end, kept
    return None


# --- places the base lacks -----------------------------------------------------------------


def place_phrases(directory: Path, language: str) -> PlacePhrases:
    """The place phrases of `language` in a lexicon folder (the English ones for a language that
    has none); KnowledgeError names the file and line of every problem."""
    path = lexicon_path("places", language, directory)
    try:
        return PlacePhrases.of(language if path.exists() else "en", directory)
    except LexiconError as e:
        raise KnowledgeError(str(e).split("\n")) from None


_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case(line: str) -> bool:
    """A headline Written Like This, where capitals say nothing about names (a headline does
    not end like a sentence: "Militants raided Simba Airbase on Sunday." is a sentence)."""
    if line.rstrip().endswith((".", "!", "?", "»", '"', "”")):
        return False
    words = _TITLE_WORD.findall(line)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _around(pattern: PlacePattern, cased: str, norm: str, cue: re.Match,
            determiners: tuple[str, ...]) -> list[re.Match]:
    """The pattern's matches that use this occurrence of its cue words."""
    if pattern.name_first:
        window = pattern.regex.finditer(cased, max(0, cue.start() - 160), cue.end())
        return [m for m in window if m.end() == cue.end()]
    start = cue.start()
    if start and norm[start - 1].isalnum():
        return []
    starts = [start - len(d) for d in determiners
              if start >= len(d) and norm.startswith(d, start - len(d))]
    for at in [*starts, start]:
        match = pattern.regex.match(cased, at)
        if match:
            return [match]
    return []


class _PlaceContext:
    """One text being searched for unknown places, with what is worked out once for it."""

    def __init__(self, kb: KnowledgeBase, text: str, cased: str, norm: str, language: str,
                 lexicon: PlacePhrases):
        self.kb, self.text, self.cased, self.language = kb, text, cased, language
        self.norm = norm
        self.lexicon = lexicon
        self._known: list[tuple[int, int]] | None = None
        self._title_lines: dict[int, bool] = {}

    def known(self) -> list[tuple[int, int]]:
        if self._known is None:
            # a name a hyphen joins to another ("Qaïm-Haditha") may be part of a new place's name
            self._known = [(m.start, m.end) for m in self.kb.find(self.text, self.language) if m.form != "joined"]
        return self._known

    def in_title_line(self, pos: int) -> bool:
        start = self.cased.rfind("\n", 0, pos) + 1
        if start not in self._title_lines:
            end = self.cased.find("\n", pos)
            self._title_lines[start] = _title_case(self.cased[start:end if end >= 0 else None])
        return self._title_lines[start]

    def name_run(self, match: re.Match, pattern: PlacePattern,
                 known_names_stop: bool) -> list[tuple[int, int]]:
        """The words of the pattern's name that can be a place's: the run of them next to the
        pattern's own words, cut at words that begin sentences (and at known names)."""
        name_start, name_end = match.span("name")
        runs: list[list[tuple[int, int]]] = [[]]
        for token in re.finditer(r"\S+", self.cased[name_start:name_end]):
            start, end = name_start + token.start(), name_start + token.end()
            word = self.cased[start:end]
            stop = (name_key(word) in self.lexicon.not_names
                    or ("-" in word and word.rpartition("-")[2][:1].islower())  # "US-led"
                    or self.actors_joined(word)  # "US-Kenya", "Kenyan-US": whose the place is
                    or (known_names_stop
                        and any(s < end and start < e for s, e in self.known())))
            if stop:
                runs.append([])
            else:
                runs[-1].append((start, end))
        return runs[-1] if pattern.name_first else runs[0]

    def actors_joined(self, word: str) -> bool:
        """Whether a hyphenated word joins actors' names or demonyms ("US-Kenya", "KDF-US",
        "Kenyan-US"): it says whose a place is, it is not part of its name."""
        parts = word.split("-")
        return len(parts) > 1 and any(
            n.kind == "actor" or self.kb.locations[n.id].kind == "country"
            for part in parts for n in self.kb.find(part, self.language))

    def candidate(self, match: re.Match, pattern: PlacePattern) -> PlaceCandidate | None:
        if self.in_title_line(match.start()):
            return None
        run = self.name_run(match, pattern, known_names_stop=False)
        if not run or self.kb._lookup(self.text[run[0][0]:run[-1][1]]):
            return None
        run = self.name_run(match, pattern, known_names_stop=True)
        if not run or not any(c.isupper() for c in self.cased[run[0][0]:run[-1][1]]):
            return None
        name_start, name_end = match.span("name")
        start = run[0][0] if run[0][0] != name_start or pattern.bare else match.start()
        end = run[-1][1] if run[-1][1] != name_end or pattern.bare else match.end()
        name = self.text[run[0][0]:run[-1][1]]
        if self.kb._lookup(name):
            return None
        return PlaceCandidate(name, pattern.kind, start, end, self.text[start:end])


# --- the knowledge base ----------------------------------------------------------------------


class KnowledgeBase:
    """The actors and locations extraction knows, and the matching of their names in text."""

    def __init__(self, actors: dict[str, Actor], locations: dict[str, Location],
                 demonyms: dict[str, dict[str, list[str]]], lexicon_dir: Path = LEXICON_DIR):
        self.actors = actors
        self.locations = locations
        self.demonyms = demonyms
        self.lexicon_dir = lexicon_dir
        self._names: list[tuple[str, _Name]] = []
        for kind, entries in (("actor", actors), ("location", locations)):
            for entry in entries.values():
                for written in entry.all_names:
                    self._names.append(_name(kind, entry.id, written, "name"))
        self._by_key: dict[str, list[_Name]] = {}
        for key, name in self._names:
            self._by_key.setdefault(key, []).append(name)
        self._matchers: dict[str, _Matcher] = {}
        self._phrases: dict[str, PlacePhrases] = {}
        self._prefixes: list[str] = []
        for path in sorted(lexicon_dir.glob("places.*.yml")):
            lexicon = self.place_phrases(path.name.split(".")[1])
            self._prefixes += [p for p in lexicon.determiners + lexicon.articles
                               if p not in self._prefixes]

    def place_phrases(self, language: str) -> PlacePhrases:
        """The place phrases of `language` in the base's lexicon folder."""
        if language not in self._phrases:
            self._phrases[language] = place_phrases(self.lexicon_dir, language)
        return self._phrases[language]

    # finding known names

    def _matcher(self, language: str) -> _Matcher:
        if language not in self._matchers:
            names = list(self._names)
            for actor_id, by_language in self.demonyms.items():
                names += [_name("actor", actor_id, d, "demonym")
                          for d in by_language.get(language, [])]
            articles = self.place_phrases(language).articles
            self._matchers[language] = _Matcher(
                _trie(names), _starts_regex([key for key, _ in names], articles), articles,
                frozenset(a[:1] for a in articles))
        return self._matchers[language]

    def find(self, text: str, language: str) -> list[Mention]:
        """Every known actor and location named in `text`, in text order: the longest name wins,
        names never overlap, and a name glued into a hyphenated compound ("Iran-backed") is
        not a mention. A span that names an actor and a location gives one mention of each."""
        norm, cased = fold_for_names(text), fold_for_names(text, keep_case=True)
        matcher = self._matcher(language)
        road_kinds = PlaceKinds.of().joined_by_hyphen
        mentions: list[Mention] = []
        resume = 0
        for word in matcher.starts.finditer(norm):
            start = word.start()
            glued = _glued_before(norm, start)
            if start < resume or (glued and not _capitals_joined(cased, start - 1)):
                continue
            match = _match_at(matcher, norm, cased, start, hyphen_ok=lambda end: _capitals_joined(cased, end))
            if match is None:
                continue
            end, names = match
            joined = glued or not _ends_word(norm, end)
            if joined:  # "the Ansongo-Ménaka road": towns it joins, nothing else
                names = [n for n in names if n.kind == "location" and self.locations[n.id].kind in road_kinds]
                if not names:
                    continue
            if end < len(norm) and norm[end] == "." and norm[end - 2:end - 1] == ".":
                end += 1  # an abbreviation's last dot ("U.S.")
            seen = set()
            for name in sorted(names, key=lambda n: n.kind):
                if (name.kind, name.id) not in seen:
                    seen.add((name.kind, name.id))
                    mentions.append(Mention(name.kind, name.id, start, end, text[start:end],
                                            "joined" if joined else name.form))
            resume = end
        return mentions

    # finding unknown places

    def unknown_places(self, text: str, language: str) -> list[PlaceCandidate]:
        """Places the base lacks, found by the phrases that introduce one ("the X air base",
        "la province de X"), in text order, without overlaps. Capitalised words that begin
        sentences, known names and demonyms are trimmed off the name; title-case headlines
        are skipped, since every word is capitalised there."""
        lexicon = self.place_phrases(language)
        cased = fold_for_names(text, keep_case=True)
        norm = fold_for_names(text)
        if not lexicon.any_cue.search(norm):
            return []
        context = _PlaceContext(self, text, cased, norm, language, lexicon)
        found = {}
        for pattern in lexicon.patterns:
            for cue in pattern.cue.finditer(norm):
                for match in _around(pattern, cased, context.norm, cue, lexicon.determiners):
                    candidate = context.candidate(match, pattern)
                    if candidate is not None:
                        found[(candidate.start, candidate.end)] = candidate
        kept: list[PlaceCandidate] = []
        for candidate in sorted(found.values(), key=lambda c: (c.start, -c.end)):
            if not kept or candidate.start >= kept[-1].end:
                kept.append(candidate)
        return kept

    def towns_named(self, text: str, language: str, town: Callable[[str], str | None]) -> list[PlaceCandidate]:
        """Places the base lacks that `town` finds (the gazetteer, in the article's countries:
        a kind of place, or None), named after a place word ("près de Djibo", "in Kuriga",
        "celui d'Indelimane"): capitalised words the base does not know, cut at words that
        never begin a place's name."""
        lexicon = self.place_phrases(language)
        cased = fold_for_names(text, keep_case=True)
        known = [(m.start, m.end) for m in self.find(text, language)]
        found: list[PlaceCandidate] = []
        for match in lexicon.gazetteer_after.finditer(cased):
            start, end = match.span("name")
            words = cased[start:end].split(" ")
            while words and (name_key(words[-1]) in lexicon.not_names or not words[-1][:1].isupper()):
                words.pop()
            if not words or name_key(words[0]) in lexicon.not_names:
                continue
            end = start + len(" ".join(words))
            if any(s < end and start < e for s, e in known):
                continue
            name = text[start:end]
            kind = town(name)
            if kind is not None:
                found.append(PlaceCandidate(name, kind, start, end, name))
        return found

    # looking entries up

    def _lookup(self, name: str) -> list[_Name]:
        """The entries a whole name designates, with or without its article ("the", "al-")."""
        norm = fold_for_names(name).strip()
        forms = [norm] + [norm[len(prefix):] for prefix in self._prefixes
                          if norm.startswith(prefix)]
        for form in forms:
            names = self._by_key.get(name_key(form))
            if names:
                return names
        return []

    def location_called(self, name: str, kind: str) -> Location | None:
        """The one location of a kind whose name or an alias holds `name` as whole words
        ("al-Saqr", a base: "Al-Saqr base", known also as "al-Saqr camp"): a place the base
        knows, named another way ("le camp d'al-Saqr"). None when none or several do."""
        key = name_key(name)
        if not key:
            return None
        within = re.compile(rf"(?<![^\W_]){re.escape(key)}(?![^\W_])")
        found = {loc.id: loc for loc in self.locations.values() if loc.kind == kind and any(
            within.search(name_key(n)) for n in [loc.name, *(a for names in loc.aliases.values() for a in names)])}
        return next(iter(found.values())) if len(found) == 1 else None

    def location_by_name(self, name: str) -> Location | None:
        """The location a name or alias designates (the first in file order), if any."""
        for found in self._lookup(name):
            if found.kind == "location":
                return self.locations[found.id]
        return None

    def actor_by_name(self, name: str) -> Actor | None:
        """The actor a name or alias designates (the first in file order), if any."""
        for found in self._lookup(name):
            if found.kind == "actor":
                return self.actors[found.id]
        return None

    def ancestors(self, location_id: str) -> list[str]:
        """The ids of a location's parents, nearest first ("camp-taji" -> baghdad-governorate,
        iraq)."""
        return [location.id for location in chain(self.locations, location_id)[1:]]


# --- loading ------------------------------------------------------------------------------


def _read_entries(path: Path, kind: str) -> tuple[list[tuple[dict, int]], list[str]]:
    """The entries of one knowledge file with the line each starts at, and its problems."""
    try:
        doc = parse(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        return [], [f"{path}: cannot read the knowledge base: {e.strerror}"]
    except UnicodeDecodeError as e:
        return [], [f"{path}: is not UTF-8 text ({e.reason} at byte {e.start})"]
    except YamlError as e:
        return [], [f"{path}:{e.line or 1}: {e.message}"]
    if not isinstance(doc.data, list):
        return [], [f"{path}:1: expected a list of {kind} entries"]
    validator = jsonschema.Draft202012Validator(schemas()[kind])
    entries, problems = [], []
    for i, data in enumerate(doc.data):
        line = doc.line_of((i,))
        if not isinstance(data, dict):
            problems.append(f"{path}:{line}: expected an entry with id, name and kind")
            continue
        record = {k: v for k, v in data.items() if k != "demonyms"}
        if "demonyms" in data and kind != "actors":
            problems.append(f"{path}:{doc.line_of((i, 'demonyms'))}: only actors have demonyms")
        for error in validator.iter_errors(record):
            where = ".".join(str(p) for p in error.absolute_path) or "entry"
            problems.append(f"{path}:{doc.line_of((i, *error.absolute_path))}: "
                            f"{data.get('id', f'entry {i + 1}')}: {where}: {error.message}")
        demonyms = data.get("demonyms", {})
        if not (isinstance(demonyms, dict) and all(
                isinstance(v, list) and all(isinstance(d, str) for d in v)
                for v in demonyms.values())):
            problems.append(f"{path}:{doc.line_of((i, 'demonyms'))}: demonyms must map a "
                            "language code to a list of words ({en: [American, Americans]})")
        entries.append((data, line))
    return entries, problems


def _check_references(files: dict[str, Path], lines: dict[str, dict[str, int]],
                      actors: dict[str, Actor], locations: dict[str, Location]) -> list[str]:
    """Affiliations to actors and parents that the base does not hold."""
    problems = []
    for actor in actors.values():
        for affiliation in actor.affiliations:
            if affiliation.actor not in actors:
                problems.append(f"{files['actors']}:{lines['actors'][actor.id]}: {actor.id}: "
                                f"affiliation to '{affiliation.actor}', which is no actor's id")
    for location in locations.values():
        if location.parent and location.parent not in locations:
            problems.append(f"{files['locations']}:{lines['locations'][location.id]}: "
                            f"{location.id}: parent '{location.parent}' is no location's id")
    return problems


def _load(directory: Path, lexicon_dir: Path) -> KnowledgeBase:
    files = {"actors": directory / "actors.yml", "locations": directory / "locations.yml"}
    records: dict[str, dict] = {"actors": {}, "locations": {}}
    demonyms: dict[str, dict[str, list[str]]] = {}
    problems: list[str] = []
    lines: dict[str, dict[str, int]] = {"actors": {}, "locations": {}}
    for kind, path in files.items():
        entries, found = _read_entries(path, kind)
        problems += found
        for data, line in entries:
            entry_id = str(data.get("id"))
            if entry_id in lines[kind]:
                problems.append(f"{path}:{line}: duplicate id '{entry_id}', already the id of "
                                f"the entry at line {lines[kind][entry_id]}")
                continue
            lines[kind][entry_id] = line
            if found:
                continue
            record = {k: v for k, v in data.items() if k != "demonyms"}
            if kind == "actors":
                records[kind][entry_id] = Actor.from_dict(record)
                if data.get("demonyms"):
                    demonyms[entry_id] = {lang: list(words)
                                          for lang, words in data["demonyms"].items()}
            else:
                records[kind][entry_id] = Location.from_dict(record)
    if not problems:
        problems = _check_references(files, lines, records["actors"], records["locations"])
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(records["actors"], records["locations"], demonyms, lexicon_dir)


@cache
def _load_cached(directory: Path) -> KnowledgeBase:
    return _load(directory, LEXICON_DIR)


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """The knowledge base in `directory` (actors.yml and locations.yml), read once per folder.

    Raises KnowledgeError naming the file and line of every problem found."""
    return _load_cached(Path(directory).resolve())
