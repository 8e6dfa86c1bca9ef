"""Event mentions: the clauses of an article that tell an incident, with what they say of it.

A sentence is cut into clauses ("..., while two rockets hit Balad"); a clause whose cues
name an incident (a rocket attack, an air strike, an arrest...) and that is not a tally, a
plan, a threat or a denial becomes a mention with its date, place, actors, tolls and
weapons. A clause that only adds to the incident just told ("Twelve other people were
injured") adds to that mention, and mentions of one incident within the article are
merged. Everything a mention says keeps the sentence it came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from ..model import ActorRole, DateSpan
from ..vocab import vocabulary
from .articles import Article, Sentence
from .cues import EventCues
from .dates import TimeExpression, find_dates
from .knowledge import KnowledgeBase, PlaceCandidate
from .knowledge import Mention as NameMention
from .lexicon import Compiled, LexiconFile
from .text import QUOTE, ends_near, ends_with, fold, last_match, match_after, match_before
from .tolls import find_tolls

# How specific a kind of place is: the most specific place a clause names is where it happened.
SPECIFICITY = {
    "compound": 6, "base": 6, "airport": 6, "site": 6, "border-crossing": 5,
    "neighbourhood": 5, "zone": 5, "village": 4, "town": 4, "city": 3, "district": 2,
    "border-area": 2, "governorate": 1, "region": 1, "country": 0,
}
# The kinds of place a pointing-back phrase ("the base") can point to.
ANAPHORA_KINDS = {"base": {"base", "airport"}, "compound": {"compound"},
                  "airport": {"airport", "base"}, "zone": {"zone"}, "town": {"city", "town", "village"},
                  "any": set(SPECIFICITY)}
DATE_KIND_RANK = {"absolute": 0, "weekday": 1, "period": 2, "relative": 3, "event-relative": 4}
RETALIATION_DAYS = 10   # how long after an attack a reprisal is looked for
LEAD_DAYS = 6           # an undated incident in the lead happened within the week before publication
TOLL_REACH = 3  # how many sentences after an incident a toll of no other still belongs to it
NEIGHBOUR_PARAGRAPHS = 3  # how far back a placeless incident looks for the story's place
ROLE_STRENGTH = {"perpetrator": 3, "suspected-perpetrator": 2, "target": 1, "other": 0}
REMOTE_VIOLENCE = {"Shelling/artillery/missile attack", "Air/drone strike",
                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}
_PHRASE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()—–]| - ")  # not the comma of "1,500"
_PREPOSITION_END = re.compile(r"(?:for|to|a|aux|au)\s*$")  # "in retaliation for <the earlier one>"
_DATELINE_HEAD = re.compile(r"[A-ZÀ-Ý]{3,}[^-—–]{0,60}?\s[-—–]\s")  # "ERBIL, Iraq, Feb 16 - "
_DATELINE = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?[-—–]")  # "ERBIL, Iraq, Feb 16 - ": the article's date
_QUOTES = re.compile(QUOTE)
_SPACES = re.compile(r"[\s,]*")
_OF = re.compile(r"\W*(?:of|in|de|du|d'|a|à)?\W*")  # what joins a place to the one it lies in


@dataclass
class Mention:
    """What one article says of one incident."""

    article: str
    order: int
    paragraph: int
    sub_event_type: str | None
    date: DateSpan | None = None
    explicit_date: bool = False
    time: str | None = None
    location: str | None = None
    new_place: PlaceCandidate | None = None
    actors: dict[str, ActorRole] = field(default_factory=dict)
    killed: int | None = None
    injured: int | None = None
    weapons: dict[str, int | None] = field(default_factory=dict)
    quotes: list[str] = field(default_factory=list)
    relations: list[tuple[str, Mention]] = field(default_factory=list)
    intervention: bool = False
    named: frozenset[str] = frozenset()  # tolls that count one person named, not a total
    sentence: int = 0
    cue: str = ""                # the words that named the incident
    names_places: bool = False   # its clause names places, none of them where it happened
    follows_other: bool = False  # dated from another incident ("days later", "in retaliation"):
    #                              a different incident, never merged into the one before

    @property
    def known_date(self) -> DateSpan:
        """The date of a mention `find_mentions` returned: it leaves out those it could not
        date, so merging counts on every mention having one."""
        if self.date is None:
            raise ValueError(f"{self.article}: the mention of {self.cue!r} has no date; only "
                             "the dated mentions find_mentions returns are merged")
        return self.date

    def quote(self, sentence: Sentence) -> None:
        if sentence.text not in self.quotes:
            self.quotes.append(sentence.text)

    def add_role(self, role: ActorRole) -> None:
        """Keep the strongest role an actor is given, and every attribution detail."""
        known = self.actors.get(role.actor)
        if known is None:
            self.actors[role.actor] = role
            return
        if ROLE_STRENGTH[role.role] > ROLE_STRENGTH[known.role] and known.role != "target":
            known.role = role.role
        known.blamed_by = list(dict.fromkeys(known.blamed_by + role.blamed_by))
        known.claimed = known.claimed or role.claimed
        known.denied = known.denied or role.denied

    def add_tolls(self, killed: int | None, injured: int | None, weapons,
                  named: frozenset[str] = frozenset()) -> None:
        """Keep the first count of each, but let a count raise one that only named a person
        ("Soleimani was killed... Ten people died in the attack")."""
        if killed is not None and (self.killed is None or (
                "killed" in self.named and "killed" not in named and killed > self.killed)):
            self.killed = killed
            self.named = self.named - {"killed"} | ({"killed"} & named)
        if injured is not None and (self.injured is None or (
                "injured" in self.named and "injured" not in named and injured > self.injured)):
            self.injured = injured
            self.named = self.named - {"injured"} | ({"injured"} & named)
        for name, count in weapons:
            if self.weapons.get(name) is None:
                self.weapons[name] = count


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    joined: bool = False    # begins with "and"/"et": it may share the previous clause's subject
    relative: bool = False  # begins with "which"/"who": it tells of the actor just before it


@dataclass(frozen=True)
class Scene:
    """When and where a sentence that tells no incident sets what the next ones tell
    ("Early June, gunmen separated 1,200 men from their families outside Saqlawiya.")."""

    sentence: int
    paragraph: int
    date: DateSpan
    place: str | None


SCENE_MAX_DAYS = 10  # a scene is a day or a few ("early June"), not a month


@dataclass
class _Context:
    """What the article has told so far, for clauses that point back."""

    mentions: list[Mention] = field(default_factory=list)
    last_sentence_mentions: list[Mention] = field(default_factory=list)
    last_sentence: int = -1
    places: list[str] = field(default_factory=list)
    blame: list[ActorRole] = field(default_factory=list)
    scene: Scene | None = None  # a dated sentence that told no incident
    new_places: dict[str, PlaceCandidate] = field(default_factory=dict)  # met so far, by name
    today: date = field(default_factory=date.today)  # what a year-less date is read against, lacking else

    def last(self) -> Mention | None:
        """The incident told most recently (a mention told again moves to the front)."""
        best = None
        for m in self.mentions:
            if best is None or m.sentence >= best.sentence:
                best = m
        return best

    def recent(self, paragraph: int) -> Mention | None:
        """The incident being told: the last one, if told in this paragraph or the two before."""
        last = self.last()
        return last if last and paragraph - last.paragraph <= 2 else None


@dataclass(frozen=True)
class Families(Compiled):
    """The families of sub-event types (lexicon/families.yml): types sources may use for one
    incident."""

    FILE = "families"
    WHAT = "families lexicon"
    PER_LANGUAGE = False

    of_type: dict[str, str]

    @classmethod
    def compile(cls, file: LexiconFile) -> Families:
        """The family of each sub-event type the file lists."""
        return cls({str(member): str(name) for name, members in file.data.items() for member in members})


def family(sub_event_type: str | None) -> str | None:
    """Sub-event types that may be told of one incident ("Arrests" and "Disrupted weapons use")."""
    return Families.of().of_type.get(sub_event_type, sub_event_type) if sub_event_type else None


def compatible_types(a: str | None, b: str | None) -> bool:
    return a is None or b is None or family(a) == family(b)


@dataclass(frozen=True)
class TypeRules(Compiled):
    """The rules of lexicon/type_rules.yml: sub-event types that turn on who took part."""

    FILE = "type_rules"
    WHAT = "type rules"
    PER_LANGUAGE = False

    state_kinds: list[str]
    non_state_kinds: list[str]
    told_as_known: list[str]
    needs_place: list[str]
    by_perpetrator: dict[str, dict[str, str]]  # type -> {side: type, or "untyped"}
    by_target_actor: dict[str, dict[str, str]]  # type -> {actor struck: type}
    unexplained_explosion: dict[str, str]
    unexplained_attack: dict[str, str]

    @classmethod
    def compile(cls, file: LexiconFile) -> TypeRules:
        """The rules, each type they give checked to be one of the vocabulary's."""
        types = set(vocabulary().sub_event_types)
        given: list[tuple[tuple[str, ...], Any, set[str]]]
        given = [((key, choice), value, types) for key in ("unexplained_explosion", "unexplained_attack")
                 for choice, value in file.get(key).items()]
        given += [((key, name, side), value, types | {"untyped"} if key == "by_perpetrator" else types)
                  for key in ("by_perpetrator", "by_target_actor")
                  for name, table in file.get(key).items() for side, value in table.items()]
        for keys, value, allowed in given:
            if value not in allowed:
                raise file.error(keys, f"{value!r} is not a sub-event type of builder/vocab/event_types.yml"
                                       + (" (nor untyped)" if "untyped" in allowed else ""))
        return cls(**{name: file.get(name) for name in (
            "state_kinds", "non_state_kinds", "told_as_known", "needs_place", "by_perpetrator",
            "by_target_actor", "unexplained_explosion", "unexplained_attack")})


def _state_side(actor_id: str, kb: KnowledgeBase, rules: TypeRules) -> bool:
    actor = kb.actors[actor_id]
    return actor.kind in rules.state_kinds or any(
        tie.relation == "part-of" and tie.actor in kb.actors
        and kb.actors[tie.actor].kind in rules.state_kinds for tie in actor.affiliations)


def type_for_parties(m: Mention, kb: KnowledgeBase) -> str | None:
    """The sub-event type for who took part: territory a state's forces take is regained, a
    non-state group's "arrest" is an abduction, an attack on protesters is excessive force
    against them (rules in lexicon/type_rules.yml)."""
    rules = TypeRules.of()
    struck = rules.by_target_actor.get(m.sub_event_type or "", {})
    for actor, role in m.actors.items():
        if role.role == "target" and actor in struck:
            return struck[actor]
    rule = rules.by_perpetrator.get(m.sub_event_type or "")
    doers = [a for a, r in m.actors.items() if r.role == "perpetrator" and a in kb.actors]
    if not rule or not doers:
        return m.sub_event_type
    sides = {"forces": all(kb.actors[a].kind in rules.state_kinds for a in doers),
             "state": any(_state_side(a, kb, rules) for a in doers),
             "non_state": all(kb.actors[a].kind in rules.non_state_kinds for a in doers)}
    side = next((side for side in rule if sides.get(side)), None)
    if side is None:
        return m.sub_event_type
    return None if rule[side] == "untyped" else rule[side]


# --- clauses ----------------------------------------------------------------------------


_CLAUSE_BREAKS = {
    "en": re.compile(r";\s|,\s(?=while\b|whereas\b|but\b|hours (?:after|before)\b|which\b|who\b|after which\b"
                     r"|(?:\w+ )?(?:days?|hours?|weeks?) (?:after|before)\b)"
                     r"|[,\s]\s?(?=in (?:retaliation|response|reprisal) (?:for|to)\b)"
                     r"|\s(?=hours (?:after|before)\b)|(?<=\w)\s(?=and (?:on|late on|early on|then|later)\b)"
                     r"|\s(?=since (?:a|an|the) (?:[\w-]+ ){0,3}"
                     r"(?:strike|attack|killing|assassination|raid|bombing)s?\b)"),
    "fr": re.compile(r";\s|:\s|,\s(?=mais\b|(?:\w+ )?(?:jours?|heures?|semaines?) (?:apres|avant)\b)"
                     r"|[,\s]\s?(?=tandis qu|alors qu|en (?:represailles|riposte|reponse) (?:a|aux|au)\b)"
                     r"|\s(?=depuis (?:l'|le |la |les |un |une )(?:[\w-]+ ){0,3}"
                     r"(?:frappe|attaque|assassinat|elimination|raid|attentat)s?\b)"
                     r"|(?<=\w)\s(?=et (?:dimanche|lundi|mardi|mercredi|jeudi|vendredi|samedi"
                     r"|le lendemain|la veille"
                     r"|le \d|le premier) )"),
}
_JOINED = re.compile(r"(?:and|et)\s")
_RELATIVE = re.compile(r"(?:which|who)\b")


def clauses(folded: str, language: str) -> list[Clause]:
    """Cut a folded sentence where a new clause may tell another incident."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAKS[language].finditer(folded)] + [len(folded)]
    return [Clause(a, b, bool(_JOINED.match(folded, a)), bool(_RELATIVE.match(folded, a)))
            for a, b in pairwise(cuts) if folded[a:b].strip()]


def same_phrase(folded: str, a: int, b: int) -> bool:
    """Whether no comma, colon or bracket stands between two positions."""
    lo, hi = min(a, b), max(a, b)
    return not _PHRASE_BREAK.search(folded, lo, hi)


# --- cues -------------------------------------------------------------------------------


def classify(folded: str, clause: Clause, lex: EventCues) -> tuple[str | None, tuple[int, int]] | None:
    """The sub-event type a clause names and where its cue is; (None, span) for an attack of
    unknown kind; None when the clause names no incident."""
    for name, pattern in lex.types:
        m = pattern.search(folded, clause.start, clause.end)
        if m:
            return name, m.span()
    m = lex.generic.search(folded, clause.start, clause.end)
    return (None, m.span()) if m else None


def is_unreal(folded: str, clause: Clause, cue: tuple[int, int], lex: EventCues) -> bool:
    """A negation, plan, threat or policy about the cue: it did not happen (yet)."""
    floor = max(clause.start, cue[0] - lex.unreal_window)
    before = any(same_phrase(folded, m.end(), cue[0]) or m.end() > cue[0] - 25
                 for m in lex.unreal.finditer(folded, floor, cue[0]))
    after = lex.unreal_after.search(folded, cue[1], min(clause.end, cue[1] + 30))
    return before or bool(after and same_phrase(folded, cue[1], after.start()))


def is_tally(folded: str, clause: Clause, cue: tuple[int, int], lex: EventCues) -> bool:
    """The cue counts many incidents ("three dozen attacks since October"): not one incident."""
    return any((m.start() <= cue[1] and m.end() >= cue[0]) or same_phrase(folded, m.start(), cue[0])
               for m in lex.tally.finditer(folded, clause.start, clause.end))


def _inside(pattern: re.Pattern, folded: str, clause: Clause, expr: TimeExpression) -> bool:
    """Whether a match of `pattern` in the clause covers the expression."""
    return any(m.start() <= expr.start and expr.end <= m.end()
               for m in pattern.finditer(folded, clause.start, clause.end))


def _quoted(text: str, pos: int) -> bool:
    """Whether a position lies inside a quotation of the sentence."""
    return len(_QUOTES.findall(text, 0, pos)) % 2 == 1


def is_definite(folded: str, cue: tuple[int, int], lex: EventCues) -> bool:
    """An attack noun with a determiner ("the strikes", "ces tirs", "the same drone strike")
    points back to one told: at most one word stands between them."""
    if not lex.event_nouns.match(folded, cue[0]):
        return False  # "The security forces fired tear gas": the determiner is the subject's
    before = folded[max(0, cue[0] - 25):cue[0]]
    m = last_match(lex.definite, before)
    return m is not None and len(before[m.end():].split()) <= 1


# --- dates ------------------------------------------------------------------------------


def _in(clause: Clause, start: int) -> bool:
    return clause.start <= start < clause.end


def _past_spaces(folded: str, pos: int) -> int:
    """Where the spaces and commas at `pos` end (`pos` itself when there are none)."""
    spaces = _SPACES.match(folded, pos)
    return spaces.end() if spaces else pos


def choose_date(exprs: list[TimeExpression], clause: Clause, cue: int) -> TimeExpression | None:
    """The expression that dates the clause: local before elsewhere, precise before vague,
    nearest the cue; a date earlier in the sentence carries over to its later clauses."""
    dated = [e for e in exprs if e.kind in DATE_KIND_RANK]
    own = [e for e in dated if _in(clause, e.start)]
    introducing = [e for e in own if e.kind == "event-relative" and 0 <= cue - e.end <= 15]
    if introducing and not any(e.kind in ("absolute", "weekday") and e.start > introducing[0].start
                               for e in own):
        return introducing[0]  # "two days after a huge demonstration": dates the demonstration
    pool = own or [e for e in dated if e.end <= clause.start and e.kind != "event-relative"]
    if not pool:
        return None
    return min(pool, key=lambda e: (e.elsewhere, DATE_KIND_RANK[e.kind], abs(e.start - cue)))


def shifted(span: DateSpan, offset: int | None, days_after: int = RETALIATION_DAYS) -> DateSpan:
    """A date relative to another incident's: `offset` days later, or an open span after it."""
    if offset is None:
        return DateSpan(span.start, span.end + timedelta(days=days_after), "range")
    if not offset:
        return span
    delta = timedelta(days=offset)  # "the next day" after "last year" is no calendar year: a range
    precision = span.precision if span.precision in ("day", "range") else "range"
    return DateSpan(span.start + delta, span.end + delta, precision)


def relative_offset(expr: TimeExpression, cue: int, lex: EventCues) -> int | None:
    """Days from the incident told before to this one. "two days after <this incident>"
    puts this one before the other, so the offset turns round."""
    offset = expr.offset_days
    if offset is not None and expr.end <= cue and ends_with(lex.relative_prepositions, expr.text):
        return -offset
    return offset


# --- places -----------------------------------------------------------------------------


def choose_place(names: list[NameMention], folded: str, clause: Clause, lex: EventCues,
                 kb: KnowledgeBase, cue: int | None = None, original: str = "") -> str | None:
    """The most specific place the clause names (of two as specific, the nearer the cue),
    leaving out launch sites, places compared with, the goal of an attack that was only
    planned, and countries named as actors ("blamed Iran", as against "in Iran")."""
    best = None
    actor_spans = {(m.start, m.end) for m in names if m.kind == "actor"}
    left_out_until = None  # the end of the last place left out ("launched from the X district of Y")
    for m in names:
        if m.kind != "location" or not _in(clause, m.start):
            continue
        if (m.start, m.end) in actor_spans and not match_before(lex.place_prepositions, folded, m.start,
                                                           clause.start, 12):
            continue
        before = folded[max(clause.start, m.start - 30):m.start]
        launch = match_before(lex.launch_before, folded, m.start, clause.start, 40)
        if launch and same_phrase(folded, launch[1], m.start):
            left_out_until = m.end  # "fired from a truck in neighbouring Nineveh province"
            continue
        if ends_near(lex.reference_before, before, 12) or (
                left_out_until is not None and 0 <= m.start - left_out_until <= 12
                and _OF.fullmatch(folded[left_out_until:m.start])):
            left_out_until = m.end
            continue
        if is_unreal(folded, clause, (m.start, m.end), lex):
            continue
        if cue is not None and original and _quoted(original, m.start) != _quoted(original, cue):
            continue  # "chanting 'Iran out!'": a place in words quoted, not where it happened
        rank = SPECIFICITY.get(kb.locations[m.id].kind, 3)
        nearer = cue is not None and best is not None and rank == best[0] > 0 and \
            abs(m.start - cue) < best[3]
        if best is None or rank > best[0] or nearer:
            best = (rank, m.id, False, abs(m.start - cue) if cue is not None else 0)
        elif rank == best[0] == 0 and m.id != best[1]:
            best = (rank, best[1], True, 0)  # "in Iraq and Syria": several countries, no one place
    return best[1] if best and not best[2] else None


def choose_new_place(candidates: list[PlaceCandidate], clause: Clause,
                     known_rank: int) -> PlaceCandidate | None:
    """A place the knowledge base lacks, if it is more specific than any known one named."""
    for c in candidates:
        if _in(clause, c.start) and SPECIFICITY.get(c.kind, 3) > known_rank:
            return c
    return None


def place_pointed_to(folded: str, clause: Clause, lex: EventCues, kb: KnowledgeBase,
                     ctx: _Context, other_incident: bool = False) -> str | None:
    """The place a phrase such as "the base" or "l'ambassade" points back to: the last
    place of that kind the article named, else (unless the clause tells another incident)
    the place of the incident being told."""
    kind = lex.place_anaphora_kind(folded, clause.start, clause.end)
    if kind is None:
        return None
    last = ctx.last()
    if last is not None and last.location and not other_incident and \
            kb.locations[last.location].kind in ANAPHORA_KINDS[kind] and kind != "any":
        return last.location  # "the town": the one the incident being told is in
    for place in reversed(ctx.places):
        if kb.locations[place].kind in ANAPHORA_KINDS[kind]:
            return place
    last = ctx.last()
    return last.location if last and not other_incident else None


# --- actors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence: by a name, or by a demonym and the noun it goes with.
    `weapon` marks a demonym on a weapon ("a US drone strike"): the actor that struck."""

    actor: str
    start: int
    end: int
    weapon: bool = False


def _noun_of(demonym: NameMention, folded: str, lex: EventCues) -> tuple[re.Match, re.Pattern] | None:
    """The noun a demonym goes with: after it in English, before it in French."""
    nouns = (lex.weapon_nouns, lex.military_nouns, lex.civilian_nouns)
    if lex.language == "fr":  # the head noun first: "installations diplomatiques et militaires américaines"
        floor = max(0, demonym.start - 50)
        opening = last_match(lex.determiners, folded[floor:demonym.start])
        if opening is not None:
            floor += opening.end()  # the demonym's own noun phrase: "un sous-traitant civil américain"
        found = [(m.start(), m, pattern) for pattern in nouns
                 for m in pattern.finditer(folded, floor, demonym.start)
                 if same_phrase(folded, m.end(), demonym.start)]
        if not found:
            return None
        _, first, pattern = min(found, key=lambda f: f[0])
        return first, pattern
    for pattern in nouns:
        m = pattern.search(folded, demonym.end, demonym.end + 30)
        if m and m.start() - demonym.end <= 14:
            return m, pattern
    return None


def _nationality_noun(m: NameMention, folded: str, lex: EventCues) -> bool:
    """Whether a demonym is used as a noun for people: "deux Iraniens", "two Americans",
    "an American was killed"."""
    if lex.language == "fr":
        return m.text[:1].isupper()
    if folded[m.start:m.end].endswith("s"):
        return True
    rest = folded[m.end:m.end + 20].lstrip()
    if not rest or not rest[0].isalnum():
        return True
    return bool(lex.nationality_followers.match(rest))


def resolve_actors(names: list[NameMention], folded: str, lex: EventCues,
                   kb: KnowledgeBase) -> list[ActorMention]:
    """Actors named in a sentence. A demonym with a weapon or military noun ("American
    warplanes", "soldats américains") stands for the country's forces; with a civilian noun,
    or as a noun itself ("two Americans", "deux Iraniens"), for the country. A name after
    "in" ("in Iraq", "in Washington") is a place, not an actor."""
    out = []
    named = [m for m in names if m.kind == "actor"]
    for m in names:
        if m.kind != "actor":
            continue
        if _named_again_in_brackets(m, named, folded):
            continue  # "Hezbollah (Kataeb Hezbollah) brigades": the bracket says which one
        if m.form != "demonym":
            if not match_before(lex.locative, folded, m.start, 0, 12):
                armed = bool(lex.weapon_nouns.search(folded, m.start, m.end))  # "American warplanes"
                out.append(ActorMention(m.id, m.start, m.end, weapon=armed))
            continue
        found = _noun_of(m, folded, lex)
        if found is None:
            if _nationality_noun(m, folded, lex):
                out.append(ActorMention(m.id, m.start, m.end))
            continue
        noun, pattern = found
        actor = m.id if pattern is lex.civilian_nouns else forces_of(kb, m.id)
        start, end = min(m.start, noun.start()), max(m.end, noun.end())
        out.append(ActorMention(actor, start, end, weapon=pattern is lex.weapon_nouns))
    return out


def _named_again_in_brackets(m: NameMention, named: list[NameMention], folded: str) -> bool:
    """Whether the name is followed by another actor's name in brackets, which then says
    which actor is meant ("Kait'ib Hezbollah (KH)": not Lebanon's Hezbollah)."""
    for other in named:
        if other.id != m.id and other.start > m.end and \
                re.fullmatch(r"\s*\(\s*", folded[m.end:other.start]) and \
                folded[other.end:other.end + 3].lstrip().startswith(")"):
            return True
    return False


def forces_of(kb: KnowledgeBase, country: str) -> str:
    """A country's armed forces: the first state force the knowledge base lists as part of
    the country's government (the government itself when it lists none)."""
    for actor in kb.actors.values():
        if actor.kind == "state-force" and any(a.actor == country and a.relation == "part-of"
                                               for a in actor.affiliations):
            return actor.id
    return country


def role_of(a: ActorMention, folded: str, clause: Clause, cue: tuple[int, int] | None, lex: EventCues,
            kb: KnowledgeBase, floor: int | None = None) -> ActorRole | None:
    """The role an actor plays in the clause's incident, by the words around it; None for
    an actor that only tells of it ("according to the Iraqi army", "US officials said")
    or backs a party to it ("backed by Iran"). Words before `floor` belong to another incident;
    `cue` is where the clause names the incident (None in a clause that only adds to one)."""
    roles = lex.roles
    start, end = max(clause.start, floor or 0), clause.end
    if a.start < start:
        return None
    if match_before(roles["reporting_before_actor"], folded, a.start, start, 3) or \
            match_after(roles["reporting_after_actor"], folded, a.end, end, 3) or \
            match_before(roles["backer_before_actor"], folded, a.start, start, 3):
        return None
    if cue and a.start > cue[1] and (lex.retaliation.search(folded, cue[1], a.start)
                                     or lex.unreal.search(folded, cue[1], a.start)):
        return None  # "in retaliation for the killing of X", "to prepare attacks on X": not this one's
    if a.weapon or (cue and a.start <= cue[0] < a.end):
        return ActorRole(a.actor, "perpetrator")
    if match_after(roles["denied_after_actor"], folded, a.end, end, 25):
        return ActorRole(a.actor, "suspected-perpetrator", denied=True)
    claimant = a.actor in kb.actors and kb.actors[a.actor].kind in CLAIMANT_KINDS
    if claimant and (match_after(roles["claimed_after_actor"], folded, a.end, end, 25)
                     or match_before(roles["claimed_before_actor"], folded, a.start, start, 50)):
        front = kb.actors[a.actor].kind == "front-group"
        return ActorRole(a.actor, "suspected-perpetrator" if front else "perpetrator", claimed=True)
    if match_after(roles["suspected_after_actor"], folded, a.end, end, 20) or \
            match_before(roles["suspected_before_actor"], folded, a.start, start, 25):
        return ActorRole(a.actor, "suspected-perpetrator")
    if match_after(roles["target_after_actor"], folded, a.end, end, 3):
        return ActorRole(a.actor, "target")
    owned = match_after(roles["target_owned_after_actor"], folded, a.end, end, 3)
    if owned:  # "<actor> fighters were killed"; but "<actor> fighters attacked a post"
        doing = cue is not None and owned[1] <= cue[0] and cue[0] - owned[1] <= SUBJECT_REACH and \
            not roles["passive"].search(folded, owned[1], cue[1]) and \
            not _PHRASE_BREAK.search(folded, owned[1], cue[0])
        return ActorRole(a.actor, "perpetrator" if doing else "target")
    if match_before(roles["perpetrator_before_actor"], folded, a.start, start, 6):
        return ActorRole(a.actor, "perpetrator")
    if (cue is None or a.end <= cue[1]) and (
            match_after(lex.weapon_nouns, folded, a.end, end, 3)
            or match_after(roles["perpetrator_after_actor"], folded, a.end, end, 30)):
        return ActorRole(a.actor, "perpetrator")
    if match_before(roles["target_before_actor"], folded, a.start, start, 40) or \
            _in_object(a, folded, cue or (start, start), lex):
        return ActorRole(a.actor, "target")
    if match_before(roles["supporters_before_actor"], folded, a.start, start, 3) or \
            match_after(roles["supporters_after_actor"], folded, a.end, end, 2):
        return ActorRole(a.actor, "perpetrator")  # "supporters of the PMF stormed..."
    if cue and _subject_of(a, folded, start, cue, lex):
        return ActorRole(a.actor, "perpetrator")
    return None


PROTESTERS = "protesters"  # the knowledge base's actor for people protesting
SUBJECT_REACH = 80  # how far before the incident's cue its subject may stand
SUBJECT_GAP = 25    # how far before an actor a preposition governs it ("du général iranien X")


def _subject_of(a: ActorMention, folded: str, start: int, cue: tuple[int, int], lex: EventCues) -> bool:
    """Whether the actor is the subject of the clause's verb ("army units, federal police and
    fighters of the PMU had raised the flag over..."): before the cue and near it, after no
    preposition (but "fighters of"), with no passive between ("... were struck")."""
    if not (a.end <= cue[0] and cue[0] - a.end <= SUBJECT_REACH):
        return False
    roles = lex.roles
    if roles["passive"].search(folded, a.end, cue[1]):
        return False
    governed = match_before(roles["preposition_before_actor"], folded, a.start, start, SUBJECT_GAP)
    if governed is None or not same_phrase(folded, governed[1], a.start):
        return True
    members = match_before(roles["members_before_actor"], folded, a.start, start, SUBJECT_GAP)
    return members is not None and members[1] >= governed[1]


def _in_object(a: ActorMention, folded: str, cue: tuple[int, int], lex: EventCues) -> bool:
    """Whether the actor stands in what the incident struck ("killed Soleimani, the commander
    of the Quds Force"): after a striking word that follows the cue, before any reprisal cue."""
    if a.start <= cue[0]:
        return False
    hit = lex.roles["target_before_actor"].search(folded, cue[0], a.start)
    return hit is not None and not lex.retaliation.search(folded, hit.end(), a.start)


def blamers(actors: list[ActorMention], folded: str, a: ActorMention, lex: EventCues) -> list[str]:
    """Who blames an actor: the actor named just before the blaming words ("Washington blamed X")."""
    cue = match_before(lex.roles["suspected_before_actor"], folded, a.start, 0, 25)
    if not cue:
        return []
    earlier = [o for o in actors if o.end <= cue[0] and cue[0] - o.end <= 60 and o.actor != a.actor]
    return [earlier[-1].actor] if earlier else []


# --- reading an article -----------------------------------------------------------------


@dataclass
class _Sentence:
    """One sentence as the mention finder sees it: folded text and what was found in it."""

    sentence: Sentence
    folded: str
    dates: list[TimeExpression]
    names: list[NameMention]
    actors: list[ActorMention]
    new_places: list[PlaceCandidate]


def find_mentions(article: Article, published: date | None, kb: KnowledgeBase, *,
                  today: date | None = None) -> list[Mention]:
    """Every incident the article tells, one mention each, with the sentences they rest on.
    Those it cannot date are left out. With no publication date, a weekday with a day-month
    is dated by `today` (by default, the day it runs)."""
    language = article.known_language
    lex = EventCues.of(language)
    ctx = _Context(today=today or date.today())
    for sentence in article.sentences:
        folded = fold(sentence.text)
        names = kb.find(sentence.text, language)
        dates = [e for e in find_dates(sentence.text, language, published, today=ctx.today)
                 if not (sentence.index == 0 and _DATELINE.match(sentence.text, e.end) and e.start < 40)]
        if sentence.index == 0:  # "WASHINGTON/BAGHDAD, Feb 3 - ...": where the story was filed
            head = _DATELINE_HEAD.match(sentence.text)
            names = [n for n in names if not (head and n.end <= head.end())]
        new_places = kb.unknown_places(sentence.text, language)
        new_places = sorted(new_places + _named_again(sentence.text, new_places, names, ctx),
                            key=lambda c: c.start)
        seen = _Sentence(sentence, folded, dates,
                         names, resolve_actors(names, folded, lex, kb), new_places)
        _read(seen, article, published, kb, lex, ctx)
        for c in new_places:
            ctx.new_places.setdefault(c.name, c)
        ctx.places += [m.id for m in names if m.kind == "location"]
    _apply_blame(ctx)
    _join_placeless(ctx, kb)
    _place_from_neighbours(ctx)
    for m in ctx.mentions:
        m.sub_event_type = type_for_parties(m, kb)
        m.sub_event_type = protest_type(m)
        if m.sub_event_type is None and lex.strike_nouns.search(fold(m.cue)):
            m.sub_event_type = "Air/drone strike"  # "a strike attributed to Israel": from the air
        if m.sub_event_type is None and lex.explosion.search(fold(m.cue)) and \
                (m.location is not None or m.new_place is not None):
            m.sub_event_type = explosion_type(m, kb)
        if m.sub_event_type is None and _done_by_armed_group(m, kb):
            military = any(lex.military_targets.search(fold(q)) for q in m.quotes[:1])
            m.sub_event_type = TypeRules.of().unexplained_attack["military" if military else "otherwise"]
    return [m for m in ctx.mentions if m.date is not None and grounded(m) and placed_enough(m)]


def _done_by_armed_group(m: Mention, kb: KnowledgeBase) -> bool:
    doers = [a for a, r in m.actors.items() if r.role in ("perpetrator", "suspected-perpetrator")
             and a in kb.actors]
    return bool(doers) and all(kb.actors[a].kind in TypeRules.of().non_state_kinds for a in doers)


def explosion_type(m: Mention, kb: KnowledgeBase) -> str:
    """The type of an explosion nothing else explains: a bomb if an armed group set it off."""
    rules = TypeRules.of()
    return rules.unexplained_explosion["non_state" if _done_by_armed_group(m, kb) else "otherwise"]


def placed_enough(m: Mention) -> bool:
    """Whether a mention has the place its type needs (territory is taken somewhere)."""
    return m.sub_event_type not in TypeRules.of().needs_place or \
        m.location is not None or m.new_place is not None


def _named_again(text: str, found: list[PlaceCandidate], names: list[NameMention],
                 ctx: _Context) -> list[PlaceCandidate]:
    """A new place the article introduced before ("Dhiban, the last town held by...") named
    again bare ("drove the SDF out of Dhiban"), where nothing else was found."""
    taken = [(c.start, c.end) for c in found] + [(n.start, n.end) for n in names]
    again = []
    for name, first in ctx.new_places.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                again.append(PlaceCandidate(first.name, first.kind, m.start(), m.end(), first.text))
    return again


def grounded(m: Mention) -> bool:
    """Whether a mention says enough to stand as an incident: a date of its own, a place,
    or a toll. "The rocket fire did not stop there" says none of these."""
    return m.explicit_date or m.location is not None or m.new_place is not None or \
        m.killed is not None or m.injured is not None or (m.follows_other and bool(m.actors))


def protest_type(m: Mention) -> str | None:
    """A peaceful protest the police broke up is a protest with intervention; one where
    protesters were killed, excessive force against protesters."""
    if family(m.sub_event_type) != "protest":
        return m.sub_event_type
    if m.killed:
        return "Excessive force against protesters"
    if m.sub_event_type == "Peaceful protest" and m.intervention:
        return "Protest with intervention"
    return m.sub_event_type


def _read(s: _Sentence, article: Article, published: date | None, kb: KnowledgeBase,
          lex: EventCues, ctx: _Context) -> None:
    told: list[Mention] = []
    previous_clause: Clause | None = None
    for clause in clauses(s.folded, lex.language):
        found = classify(s.folded, clause, lex)
        if found is None:
            _add_details(s, clause, told, article, kb, lex, ctx)
            previous_clause = clause
            continue
        sub_type, cue = found
        if is_unreal(s.folded, clause, cue, lex) or is_tally(s.folded, clause, cue, lex):
            continue  # a plan, a threat, a denial, a count of many incidents
        own_date = choose_date(s.dates, clause, cue[0])
        if own_date is not None and _inside(lex.event_anaphora, s.folded, clause, own_date):
            own_date = None  # "Monday's barrage", "today's attack": a reference, not a new date
        if own_date is not None and own_date.kind == "relative" and _quoted(s.sentence.text, own_date.start):
            own_date = None  # "earlier this evening" in a quotation: the speaker's day, not ours
        if own_date is not None and sub_type is None and not (
                same_phrase(s.folded, own_date.start, cue[0])
                or min(abs(cue[0] - own_date.end), abs(own_date.start - cue[1])) <= 60):
            own_date = None  # "who came to power last year ... the attack": not the attack's date
        undated = own_date is None or not _in(clause, own_date.start)
        since = next((e for e in s.dates if e.kind == "since" and _in(clause, e.start) and
                      (same_phrase(s.folded, e.start, cue[0]) or undated)), None)
        if since is not None:
            told_then = _since_when(s, since, clause, article, published, kb, lex, ctx.today)
            if told_then is None:
                _add_details(s, clause, told, article, kb, lex, ctx)
                continue  # "attacks have grown bolder since October, when the first rockets landed"
            own_date, undated = told_then, False  # "since January 2020, when Iran fired at Ain al-Asad"
        found_answer = lex.retaliation.search(s.folded, clause.start, clause.end)
        # a reprisal cue before the incident's ("In retaliation, US jets struck...")
        answer = found_answer if found_answer is not None and found_answer.start() < cue[0] else None
        introduces = answer is not None and bool(_PREPOSITION_END.search(answer.group()))
        reprisal = answer is not None and not introduces and not \
            lex.event_anaphora.search(s.folded, clause.start, answer.start())
        definite = is_definite(s.folded, cue, lex)
        if definite and own_date is not None and lex.claim.search(s.folded, clause.start, clause.end):
            own_date, undated = None, True  # "JNIM claimed the attack on Sunday": the claim's day
        told_before = definite and any(
            compatible_types(sub_type, m.sub_event_type) and (
                undated or own_date is None or m.date is None or own_date.span is None
                or m.date.overlaps(own_date.span))
            for m in ctx.mentions)
        if not reprisal and sub_type is None and (undated or told_before):
            _add_details(s, clause, told, article, kb, lex, ctx)  # "the attack", "the attacks"
            continue
        if not reprisal and definite and undated and not told_before and \
                sub_type not in TypeRules.of().told_as_known:
            _add_details(s, clause, told, article, kb, lex, ctx, attribution_only=True)
            continue  # "killed in the same US drone strike as Soleimani": another incident, told before
        mention = _mention(s, clause, sub_type, cue, own_date, article, published, kb, lex, ctx,
                           previous_clause, reprisal)
        apart = told if introduces else []  # "X struck, in retaliation for an attack that...": not X
        target = None if mention.follows_other else _merge_target(mention, s, clause, kb, lex, ctx,
                                                                  told_before and undated, apart)
        if target is None:
            ctx.mentions.append(mention)
            final = mention
        else:
            absorb(target, mention, kb.ancestors, lambda place: vague(place, kb))
            final = target
        _link(final, s, clause, cue, answer, introduces, lex, ctx)
        told.append(final)
        previous_clause = clause
    _claims(s, told, kb, lex, ctx)
    if told:
        ctx.last_sentence_mentions = told
        ctx.last_sentence = s.sentence.index
    else:
        _set_scene(s, ctx, kb, lex)


def _set_scene(s: _Sentence, ctx: _Context, kb: KnowledgeBase, lex: EventCues) -> None:
    """"The capital lived through one of its bloodiest days on Sunday 6 April." tells no
    incident but dates (and places) the ones the next sentences tell."""
    spans = [e.span for e in s.dates if e.kind in ("absolute", "weekday", "period") and e.span
             and e.span.days <= SCENE_MAX_DAYS and not e.elsewhere]
    if len(spans) == 1 and not lex.unreal.search(s.folded):  # not "troops are due to leave by Dec. 31"
        place = choose_place(s.names, s.folded, Clause(0, len(s.folded)), lex, kb)
        ctx.scene = Scene(s.sentence.index, s.sentence.paragraph, spans[0], place)


def _current_scene(m: Mention, ctx: _Context) -> Scene | None:
    """The scene a mention of this paragraph (or the next) is told in, if none was told since."""
    last = ctx.last()
    scene = ctx.scene
    if scene is not None and m.paragraph - scene.paragraph <= 1 and \
            (last is None or last.sentence < scene.sentence):
        return scene
    return None


def _since_when(s: _Sentence, since: TimeExpression, clause: Clause, article: Article,
                published: date | None, kb: KnowledgeBase, lex: EventCues,
                today: date | None = None) -> TimeExpression | None:
    """The date of an incident a "since X, when..." clause tells at a named place ("since
    January 2020, when Tehran fired missiles at Ain al-Asad"): X. None for the background
    of a trend ("since October, when the first rockets landed near bases")."""
    when = lex.since_when.match(s.folded, _past_spaces(s.folded, since.end))
    if when is None:
        return None
    after = Clause(when.end(), clause.end)
    if choose_place(s.names, s.folded, after, lex, kb) is None:
        return None
    start = _past_spaces(s.folded, since.start + len(since.text.split(" ", 1)[0]))
    inner = [e for e in find_dates(s.sentence.text[start:since.end], article.known_language, published,
                                   today=today)
             if e.span is not None and e.kind in ("absolute", "period")]
    if not inner:
        return None
    e = inner[0]
    return TimeExpression(e.text, start + e.start, start + e.end, e.kind, e.span, e.time_of_day,
                          e.offset_days, e.elsewhere)


CLAIMANT_KINDS = {"armed-group", "front-group", "umbrella-organization", "state-force"}


def _claims(s: _Sentence, told: list[Mention], kb: KnowledgeBase, lex: EventCues, ctx: _Context) -> None:
    """A claim of responsibility: the armed group named last before the claim made it, for
    the incident this sentence tells or the one being told. A front group's claim points
    to a suspect; another actor's claim to the perpetrator."""
    claim = lex.claim.search(s.folded)
    if claim is None or lex.unreal.search(s.folded, max(0, claim.start() - 20), claim.start()):
        return
    named = [a for a in s.actors if a.end <= claim.start() and a.actor in kb.actors
             and kb.actors[a.actor].kind in CLAIMANT_KINDS]
    target = told[-1] if told else ctx.recent(s.sentence.paragraph)
    if not named or target is None:
        return
    actor = named[0].actor  # the subject: "A group calling itself X - ... - claimed the attack"
    front = kb.actors[actor].kind == "front-group"
    target.add_role(ActorRole(actor, "suspected-perpetrator" if front else "perpetrator", claimed=True))
    target.quote(s.sentence)


def _role_floor(s: _Sentence, clause: Clause, cue: tuple[int, int], lex: EventCues) -> int | None:
    """Where this incident's words begin when the clause opens on another one ("The Iranian
    fire answered the US drone strike that killed...": the Iranians belong to the other)."""
    answer = lex.retaliation.search(s.folded, clause.start, cue[0])
    if answer and lex.event_anaphora.search(s.folded, clause.start, answer.start()):
        return answer.end()
    return None


def _mention(s: _Sentence, clause: Clause, sub_type: str | None, cue: tuple[int, int],
             expr: TimeExpression | None, article: Article, published: date | None,
             kb: KnowledgeBase, lex: EventCues, ctx: _Context, previous_clause: Clause | None,
             reprisal: bool = False) -> Mention:
    sentence = s.sentence
    m = Mention(article.id, sentence.index * 1000 + clause.start, sentence.paragraph, sub_type,
                sentence=sentence.index, cue=sentence.text[cue[0]:cue[1]])
    previous = ctx.last()
    m.follows_other = reprisal or (expr is not None and expr.kind == "event-relative"
                                   and relative_offset(expr, cue[0], lex) != 0) or any(
        a.end() >= cue[0] or same_phrase(s.folded, a.end(), cue[0])
        for a in lex.another.finditer(s.folded, max(clause.start, cue[0] - 60), cue[1]))
    if expr is not None and expr.kind == "event-relative":
        anchor = _anchor_date(s, expr, previous)
        offset = relative_offset(expr, cue[0], lex)
        if anchor is not None and offset == 0 and expr.offset_days == 0 and expr.end <= cue[0] and \
                ends_with(lex.relative_prepositions, expr.text):
            m.date = DateSpan(anchor.start - timedelta(days=1), anchor.end, "range")  # "hours after X"
        elif anchor is not None:
            m.date = shifted(anchor, offset)
    elif expr is not None:
        m.date, m.explicit_date = expr.span, True
        earlier = ctx.last()
        if expr.span and expr.span.precision == "month" and earlier and earlier.date and \
                lex.same_year.match(s.folded, _past_spaces(s.folded, expr.end)):  # "of the same year"
            m.date = DateSpan.month(earlier.date.start.year, expr.span.start.month)
        if expr.time_of_day == "night" and expr.span and expr.span.days == 2:
            late = lex.after_midnight.search(s.folded, clause.start, clause.end) or any(
                e.kind == "time" and e.time_of_day and e.time_of_day[:2].isdigit()
                and int(e.time_of_day[:2]) < 6 for e in s.dates)
            # "the night of Monday to Tuesday": Monday; "shortly after midnight": Tuesday
            m.date = DateSpan.day(expr.span.end if late else expr.span.start)
    m.time = next((e.time_of_day for e in ([expr] if expr else []) + s.dates
                   if e.time_of_day and (e is expr or (e.kind == "time" and _in(clause, e.start)))), None)
    if m.date is None and reprisal and previous and previous.date:
        m.date = shifted(previous.date, None)  # a reprisal comes after what it answers
    if m.date is None:
        m.date = _context_date(m, s, clause, published, lex, ctx)
    m.location = choose_place(s.names, s.folded, clause, lex, kb, cue[0], s.sentence.text)
    m.names_places = m.location is None and any(n.kind == "location" and _in(clause, n.start)
                                                for n in s.names)
    known_rank = SPECIFICITY.get(kb.locations[m.location].kind, 3) if m.location else -1
    m.new_place = choose_new_place(s.new_places, clause, known_rank)
    scene = _current_scene(m, ctx)
    if scene is not None and scene.place and m.new_place is None and \
            (m.location is None or m.location in kb.ancestors(scene.place)):
        m.location = scene.place  # "... outside Saqlawiya. 643 of them are still missing."
    if m.location is None and m.new_place is None:
        kind = lex.place_anaphora_kind(s.folded, clause.start, clause.end)
        last = ctx.last()
        if kind and kind != "any" and last is not None and last.new_place is not None and \
                last.new_place.kind in ANAPHORA_KINDS[kind] and not m.follows_other:
            m.new_place = last.new_place  # "the town": the new place the incident told is in
        else:
            m.location = place_pointed_to(s.folded, clause, lex, kb, ctx, m.follows_other)
    _details_into(m, s, clause, cue, article, kb, lex, _role_floor(s, clause, cue, lex))
    if clause.joined and previous_clause is not None and not any(
            r.role == "perpetrator" for r in m.actors.values()):
        _shared_subject(m, s, previous_clause, lex)
    m.sub_event_type = type_for_parties(m, kb)
    m.quote(sentence)
    return m


def _anchor_date(s: _Sentence, expr: TimeExpression, previous: Mention | None) -> DateSpan | None:
    """What a relative date counts from: another date in the sentence ("The attack of Sunday
    came two days after a march") or else the incident told before."""
    others = [e for e in s.dates if e is not expr and e.kind in ("absolute", "weekday") and e.span]
    if others:
        return min(others, key=lambda e: abs(e.start - expr.start)).span
    return previous.date if previous else None


def _shared_subject(m: Mention, s: _Sentence, previous: Clause, lex: EventCues) -> None:
    """"Washington blamed X and on Sunday bombed...": the subject of the first clause struck."""
    first = next((a for a in s.actors if _in(previous, a.start)), None)
    if first is not None and first.actor not in m.actors and \
            not match_before(lex.roles["reporting_before_actor"], s.folded, first.start, previous.start, 3):
        m.add_role(ActorRole(first.actor, "perpetrator"))


def _context_date(m: Mention, s: _Sentence, clause: Clause, published: date | None,
                  lex: EventCues, ctx: _Context) -> DateSpan | None:
    """The date of an undated clause: the day a sentence just before set the scene on; that
    of the incident being told (in this paragraph or one just before, or pointed back to);
    in the lead, the week before publication."""
    scene = _current_scene(m, ctx)
    if scene is not None:
        return scene.date
    alike = [p for p in ctx.mentions if m.paragraph - p.paragraph <= 2 and p.date is not None
             and m.sub_event_type is not None and compatible_types(m.sub_event_type, p.sub_event_type)]
    if alike:
        return max(alike, key=lambda p: (p.sentence, -p.order)).date  # on a tie, the sentence's main one
    recent = ctx.recent(m.paragraph)
    if recent is not None:
        return recent.date
    last = ctx.last()
    if lex.event_anaphora.search(s.folded, clause.start, clause.end) and last is not None:
        return last.date
    if m.paragraph <= 1 and not ctx.mentions and published is not None:
        return DateSpan(published - timedelta(days=LEAD_DAYS), published, "range")
    return None


def _details_into(m: Mention, s: _Sentence, clause: Clause, cue: tuple[int, int] | None,
                  article: Article, kb: KnowledgeBase, lex: EventCues, floor: int | None = None) -> bool:
    """Add what a clause says of an incident (tolls, weapons, actors); whether it said anything."""
    said = _tolls_into(m, s, clause, article)
    scope = clause
    if clause.relative:  # "Hezbollah brigades, which were blamed for...": the actor before it
        antecedent = [a for a in s.actors if a.end <= clause.start]
        if antecedent:
            scope = Clause(antecedent[-1].start, clause.end)
    for a in s.actors:
        if not (_in(scope, a.start) or scope.start <= a.end <= scope.end):
            continue
        role = role_of(a, s.folded, scope, cue, lex, kb, floor)
        if role is None:
            continue
        if role.role == "suspected-perpetrator":
            role.blamed_by = blamers(s.actors, s.folded, a, lex)
        m.add_role(role)
        said = True
    if lex.intervention.search(s.folded, clause.start, clause.end):
        m.intervention = said = True
    return said


def _refine_place(m: Mention, s: _Sentence, clause: Clause, kb: KnowledgeBase, lex: EventCues) -> bool:
    """A later sentence may name the place more precisely ("three of the sites were in the
    Al-Qaim district"): take it when it lies within the place known so far, from a clause
    that names no incident of its own."""
    found = classify(s.folded, clause, lex)
    if found is not None and found[0] is not None:
        return False
    if m.location is None:
        place = choose_place(s.names, s.folded, clause, lex, kb)
        if place is not None and SPECIFICITY.get(kb.locations[place].kind, 3) > 2:
            m.location = place
            return True
        return False
    if m.location is None or SPECIFICITY.get(kb.locations[m.location].kind, 3) > 2:
        return False
    place = choose_place(s.names, s.folded, clause, lex, kb)
    if place and SPECIFICITY.get(kb.locations[place].kind, 3) > 2 and \
            (m.location in kb.ancestors(place) or vague(m.location, kb)):
        m.location = place
        return True
    return False


def _add_details(s: _Sentence, clause: Clause, told: list[Mention], article: Article,
                 kb: KnowledgeBase, lex: EventCues, ctx: _Context,
                 attribution_only: bool | None = False) -> None:
    """A clause that names no new incident adds to the one(s) being told: the last of this
    sentence; one pointed to by its place ("the attack on K1 base"); those of the sentence
    before ("Neither attack caused casualties"). Blame laid on "the attacks" goes to all the
    article's attacks. Across a paragraph break only tolls carry over."""
    follows = ctx.last_sentence == s.sentence.index - 1
    refers_back = bool(lex.event_anaphora.search(s.folded, clause.start, clause.end))
    place = choose_place(s.names, s.folded, clause, lex, kb) if refers_back else None
    at_place = [m for m in ctx.mentions if place and m.location == place]
    if place and not at_place:  # "the strikes hit positions near Hilla": those placed in Iraq, not Harir
        at_place = sorted((m for m in ctx.mentions if m.location and m.location in kb.ancestors(place)
                           and not told), key=lambda m: m.sentence)
    if lex.collective.search(s.folded, clause.start, clause.end) and not told:
        probe = Mention(article.id, 0, s.sentence.paragraph, None)
        _details_into(probe, s, clause, None, article, kb, lex)
        ctx.blame += [r for r in probe.actors.values() if r.role == "suspected-perpetrator"]
        targets = ctx.last_sentence_mentions if follows else []
        attribution_only = None  # "Neither attack caused casualties": tolls for each, no actors
    elif at_place:
        targets = at_place[-1:]
    elif told:
        targets = told[-1:]
        refers_back = False  # "..., which were blamed for the attack on K1 base": not to be placed there
    elif follows and len(ctx.last_sentence_mentions) > 1 and not refers_back:
        targets = ctx.last_sentence_mentions[:1]  # "X struck, five days after Y. None was hurt": of X
    elif refers_back and (recent := ctx.recent(s.sentence.paragraph)) is not None:
        targets = [recent]
    else:
        last = ctx.last()
        near = last is not None and s.sentence.paragraph - last.paragraph <= 1 and \
            last.sentence >= s.sentence.index - TOLL_REACH
        targets = [last] if last is not None and (follows or near) else []
    if _opens_with_answer(lex, s.folded, clause):
        return  # "in retaliation for the killing of Soleimani": of another incident
    if lex.tally.search(s.folded, clause.start, clause.end):
        if attribution_only is None:
            return
        attribution_only = True  # "1,420 Iraqis were killed in August alone": no one incident's toll
    pointing = refers_back or lex.place_anaphora_kind(s.folded, clause.start, clause.end) is not None
    for m in targets:
        if attribution_only is None:
            said = _tolls_into(m, s, clause, article)
        elif attribution_only:
            said = _attribution_into(m, s, clause, article, kb, lex)
        elif m.paragraph == s.sentence.paragraph or pointing:
            said = _details_into(m, s, clause, None, article, kb, lex)
            if not (told and lex.event_anaphora.search(s.folded, clause.start, clause.end)):
                said = _refine_place(m, s, clause, kb, lex) or said
        else:
            said = _tolls_into(m, s, clause, article) | _attribution_into(m, s, clause, article, kb, lex)
            if m.sentence >= s.sentence.index - 2:
                said = _refine_place(m, s, clause, kb, lex) or said
        if said:
            m.quote(s.sentence)
            m.sentence = max(m.sentence, s.sentence.index)  # told here too
            m.paragraph = max(m.paragraph, s.sentence.paragraph)
            ctx.last_sentence = s.sentence.index


def _opens_with_answer(lex: EventCues, folded: str, clause: Clause) -> bool:
    """Whether the clause begins with a reprisal cue ("in retaliation for ...")."""
    m = lex.retaliation.search(folded, clause.start, clause.end)
    return m is not None and not folded[clause.start:m.start()].strip(" ,")


def _attribution_into(m: Mention, s: _Sentence, clause: Clause, article: Article, kb: KnowledgeBase,
                      lex: EventCues) -> bool:
    """Blame, claims and denials carry across paragraphs to the incident being told."""
    probe = Mention(article.id, 0, s.sentence.paragraph, None)
    _details_into(probe, s, clause, None, article, kb, lex)
    said = False
    for role in probe.actors.values():
        if role.role == "suspected-perpetrator" or role.claimed or role.denied:
            m.add_role(role)
            said = True
    return said


def _tolls_into(m: Mention, s: _Sentence, clause: Clause, article: Article) -> bool:
    lex = EventCues.of(article.known_language)
    tolls = find_tolls(s.sentence.text[clause.start:clause.end], article.known_language)
    killed, injured = tolls.killed, tolls.injured
    for field_name, start, end in tolls.evidence:
        if lex.unreal.search(s.folded, clause.start + start, clause.start + end):
            killed = None if field_name == "killed" else killed  # "fifteen fighters may have been killed"
            injured = None if field_name == "injured" else injured
    if lex.unharmed.search(s.folded, clause.start, clause.end):
        killed, injured = (0 if killed is None else killed), (0 if injured is None else injured)
    if killed is None and injured is None and not tolls.weapons:
        return False
    m.add_tolls(killed, injured, tolls.weapons, tolls.named)
    return True


def _merge_target(n: Mention, s: _Sentence, clause: Clause, kb: KnowledgeBase, lex: EventCues,
                  ctx: _Context, refers_back: bool = False, apart: Sequence[Mention] = ()) -> Mention | None:
    """The incident already told that this mention tells again, if any (`refers_back`: the
    clause names it with a definite article, "the firing of 30 rockets")."""
    refers_back = refers_back or bool(lex.event_anaphora.search(s.folded, clause.start, clause.end))
    anaphoric = refers_back or lex.place_anaphora_kind(s.folded, clause.start, clause.end) is not None
    for p in reversed(ctx.mentions):
        if any(p is q for q in apart) or _roles_clash(n, p):
            continue
        if not compatible_types(n.sub_event_type, p.sub_event_type) and not _same_strike(n, p):
            continue
        if refers_back and not n.explicit_date:
            return p  # "the assault", "l'attaque": the incident just told, wherever it names
        if n.date and p.date and not n.date.overlaps(p.date):
            continue
        if n.new_place is not None and p.new_place is not None and n.new_place.name != p.new_place.name:
            continue  # two villages the base does not know
        if not places_agree(_known_place(n, kb), _known_place(p, kb), kb):
            continue
        if not n.explicit_date and (anaphoric or p.paragraph >= n.paragraph - 2):
            return p
        if n.explicit_date and n.date and p.date and (n.date.contains(p.date) or p.date.contains(n.date)) \
                and (n.location == p.location or anaphoric or n.location is None
                     or n.sub_event_type == p.sub_event_type):
            return p  # the same day, the same kind, a place within the other (places agree)
    return None


def _known_place(m: Mention, kb: KnowledgeBase) -> str | None:
    """The known place to compare a mention's by: none when a place the base does not know
    is more specific (it may lie within any place the base knows)."""
    if m.new_place is not None and m.location is not None and \
            SPECIFICITY.get(m.new_place.kind, 3) > SPECIFICITY.get(kb.locations[m.location].kind, 3):
        return None
    return m.location


def _roles_clash(a: Mention, b: Mention) -> bool:
    """An actor that struck in one and was struck in the other: two incidents. Protesters
    are both the doers of a protest and those the police fired on; in a battle each side
    is both."""
    if family(a.sub_event_type) == family(b.sub_event_type) == "battle":
        return False
    def doers(m: Mention) -> set[str]:
        return {x for x, r in m.actors.items() if r.role == "perpetrator"}

    both = doers(a) & _targets(b) | doers(b) & _targets(a)
    if family(a.sub_event_type) == family(b.sub_event_type) == "protest":
        both -= {PROTESTERS}
    return bool(both)


def _same_strike(n: Mention, p: Mention) -> bool:
    """Remote violence told twice with different words ("a drone strike" then "missiles hit
    the cars"): the same incident when the two name the same target on the same day."""
    if {n.sub_event_type, p.sub_event_type} - REMOTE_VIOLENCE or n.date != p.date:
        return False
    return bool(_targets(n) & _targets(p))


def _targets(m: Mention) -> set[str]:
    return {a for a, r in m.actors.items() if r.role == "target"}


def vague(location: str | None, kb: KnowledgeBase) -> bool:
    """A place too loose to tell incidents apart (a stretch of border spans two countries)."""
    return location is None or (location in kb.locations and kb.locations[location].kind == "border-area")


def places_agree(a: str | None, b: str | None, kb: KnowledgeBase) -> bool:
    """Two places may be the place of one incident: unknown or vague, the same, or one
    within the other."""
    if a is None or b is None or vague(a, kb) or vague(b, kb):
        return True
    return a == b or a in kb.ancestors(b) or b in kb.ancestors(a)


def absorb(into: Mention, other: Mention, ancestors, is_vague=lambda _place: False) -> None:
    """Fold what another mention of the same incident says into `into` (`ancestors` gives
    a place's parent chain, `is_vague` tells a place too loose to keep)."""
    if into.sub_event_type is None:
        into.sub_event_type = other.sub_event_type
    if other.date and (into.date is None or (other.date.days < into.date.days and
                                             into.date.contains(other.date))):
        into.date, into.explicit_date = other.date, other.explicit_date or into.explicit_date
    into.time = into.time or other.time
    if other.location and (into.location is None or into.location in ancestors(other.location)
                           or (is_vague(into.location) and not is_vague(other.location))):
        into.location = other.location
    into.new_place = into.new_place or other.new_place
    for role in other.actors.values():
        into.add_role(role)
    into.add_tolls(other.killed, other.injured, other.weapons.items(), other.named)
    into.intervention = into.intervention or other.intervention
    for q in other.quotes:
        if q not in into.quotes:
            into.quotes.append(q)
    into.relations += [r for r in other.relations if r not in into.relations]
    into.sentence = max(into.sentence, other.sentence)  # where the incident was last told
    into.paragraph = max(into.paragraph, other.paragraph)


def _link(final: Mention, s: _Sentence, clause: Clause, cue: tuple[int, int],
          answer: re.Match | None, introduces: bool, lex: EventCues, ctx: _Context) -> None:
    """Relations to the incident told before: a reprisal, or a few hours after."""
    earlier = [m for m in ctx.mentions if m is not final]
    if not earlier:
        return
    previous = max(earlier, key=lambda m: m.sentence)
    if answer is not None:
        if introduces or lex.event_anaphora.search(s.folded, clause.start, answer.start()):
            pair = (previous, final)   # "... in retaliation for a rocket attack", "a direct answer to"
        else:
            pair = (final, previous)   # "In retaliation, US jets struck..."
        relation = ("retaliation-for", pair[1])
        if relation not in pair[0].relations:
            pair[0].relations.append(relation)
        if final.date is None and previous.date:
            final.date = shifted(previous.date, None)
        return
    for e in s.dates:
        if e.kind == "event-relative" and _in(clause, e.start) and e.offset_days == 0 and \
                lex.after.search(fold(e.text)):
            relation = ("shortly-after", previous)
            if relation not in final.relations:
                final.relations.append(relation)


def _apply_blame(ctx: _Context) -> None:
    """Blame laid on "the attacks" goes to every attack of the article with no culprit named."""
    for role in ctx.blame:
        for m in ctx.mentions:
            if m.sub_event_type not in (None, "Shelling/artillery/missile attack",
                                        "Remote explosive/landmine/IED"):
                continue
            if any(r.role in ("perpetrator", "suspected-perpetrator") for r in m.actors.values()):
                continue
            m.add_role(ActorRole(role.actor, role.role, list(role.blamed_by), role.claimed, role.denied))


def _join_placeless(ctx: _Context, kb: KnowledgeBase) -> None:
    """A mention with no place ("two rockets targeted US installations overnight") that fits
    one incident of the article told with its place is that incident, summed up."""
    for m in list(ctx.mentions):
        if m.location is not None or m.new_place is not None or m.follows_other:
            continue
        fits = [p for p in ctx.mentions if p.order > m.order and p.location is not None
                and compatible_types(m.sub_event_type, p.sub_event_type)
                and m.date is not None and p.date is not None and m.date.overlaps(p.date)]
        if len(fits) == 1:
            absorb(fits[0], m, kb.ancestors, lambda place: vague(place, kb))
            ctx.mentions.remove(m)
            for other in ctx.mentions:
                other.relations = [(t, fits[0] if o is m else o) for t, o in other.relations]




def _place_from_neighbours(ctx: _Context) -> None:
    """A mention still without a place, told on the day of an incident placed just before
    ("Dès dimanche matin, des centaines de personnes se sont rassemblées devant le
    consulat"), happened where the story is: at that incident's place."""
    for m in ctx.mentions:
        if m.location is not None or m.new_place is not None or m.date is None or m.follows_other \
                or m.names_places or not grounded(m):
            continue  # a place gives no incident a standing it lacked
        before = [p for p in ctx.mentions if p.sentence < m.sentence and p.location is not None
                  and 0 <= m.paragraph - p.paragraph <= NEIGHBOUR_PARAGRAPHS
                  and p.date is not None and p.date.days <= 2 and p.date.overlaps(m.date, slack_days=1)]
        if before:
            m.location = max(before, key=lambda p: p.sentence).location
