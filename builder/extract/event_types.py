"""Which incident a clause tells: its ACLED sub-event type, whether it really happened, and the
types that turn on who took part.

A clause's cue words (lexicon/events.LANG.yml) give its type, the first in file order; a cue
under a negation, a plan or a threat is unreal, one counting many incidents a tally. Once the
article is read, the rules of lexicon/type_rules.yml settle the types that depend on the
parties (territory a state's forces take is regained, a group's "arrest" is an abduction),
and an explosion or attack of no stated kind takes its type from who did it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records.vocab import vocabulary
from .clauses import Clause, same_phrase
from .cues import EventCues
from .knowledge import KnowledgeBase
from .lexicon import Compiled, LexiconFile
from .reading import Mention, Reading
from .rules import RoleRules
from .text import fold, last_match


@dataclass(frozen=True)
class Families(Compiled, file="families", what="families lexicon", per_language=False):
    """The families of sub-event types (lexicon/families.yml): types sources may use for one
    incident."""

    of_type: dict[str, str]

    @classmethod
    def compile(cls, file: LexiconFile) -> Families:
        """The family of each sub-event type the file lists."""
        return cls({str(member): str(name) for name, members in file.data.items() for member in members})


def family(sub_event_type: str | None) -> str | None:
    """Sub-event types that may be told of one incident ("Arrests" and "Disrupted weapons use")."""
    return Families.of().of_type.get(sub_event_type, sub_event_type) if sub_event_type else None


def compatible_types(a: str | None, b: str | None) -> bool:
    """Whether two mentions' types may be those of one incident (unknown, or of one family)."""
    return a is None or b is None or family(a) == family(b)


@dataclass(frozen=True)
class TypeRules(Compiled, file="type_rules", what="type rules", per_language=False):
    """The rules of lexicon/type_rules.yml: sub-event types that turn on who took part."""

    state_kinds: list[str]
    non_state_kinds: list[str]
    told_as_known: list[str]
    needs_place: list[str]
    by_perpetrator: dict[str, dict[str, str]]  # type -> {side: type, or "untyped"}
    by_target_actor: dict[str, dict[str, str]]  # type -> {actor struck: type}
    by_target_kind: dict[str, dict[str, str]]  # type -> {kind of actor struck: type}
    unexplained_explosion: dict[str, str]
    unexplained_attack: dict[str, str]
    remote_violence: frozenset[str]  # one strike told in different words on one day is one
    unexplained_strike: str
    protest: dict[str, Any]  # family; killed: type; dispersed: {type: type}
    blame_spreads_to: frozenset[str]

    @classmethod
    def compile(cls, file: LexiconFile) -> TypeRules:
        """The rules, each type they give checked to be one of the vocabulary's."""
        types = set(vocabulary().sub_event_types)
        given: list[tuple[tuple[str | int, ...], Any, set[str]]]
        given = [((key, choice), value, types) for key in ("unexplained_explosion", "unexplained_attack")
                 for choice, value in file.get(key).items()]
        given += [((key, name, side), value, types | {"untyped"} if key == "by_perpetrator" else types)
                  for key in ("by_perpetrator", "by_target_actor", "by_target_kind")
                  for name, table in file.get(key).items() for side, value in table.items()]
        given += [((key, i), value, types) for key in ("remote_violence", "blame_spreads_to", "needs_place",
                                                        "told_as_known") for i, value in enumerate(file.get(key))]
        given += [(("unexplained_strike",), file.get("unexplained_strike"), types),
                  (("protest", "killed"), file.get("protest", "killed"), types)]
        given += [(("protest", "dispersed", name), given_type, types)
                  for name, value in file.get("protest", "dispersed").items() for given_type in (name, value)]
        for keys, value, allowed in given:
            if value not in allowed:
                raise file.error(keys, f"{value!r} is not a sub-event type of builder/vocab/event_types.yml"
                                       + (" (nor untyped)" if "untyped" in allowed else ""))
        return cls(**{name: file.get(name) for name in (
            "state_kinds", "non_state_kinds", "told_as_known", "needs_place", "by_perpetrator",
            "by_target_actor", "by_target_kind", "unexplained_explosion", "unexplained_attack", "unexplained_strike",
            "protest")}, remote_violence=frozenset(file.get("remote_violence")),
            blame_spreads_to=frozenset(file.get("blame_spreads_to")))


# --- what a clause tells ------------------------------------------------------------------


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


def is_definite(folded: str, cue: tuple[int, int], lex: EventCues) -> bool:
    """An attack noun with a determiner ("the strikes", "ces tirs", "the same drone strike")
    points back to one told: at most one word stands between them."""
    if not lex.event_nouns.match(folded, cue[0]):
        return False  # "The security forces fired tear gas": the determiner is the subject's
    before = folded[max(0, cue[0] - 25):cue[0]]
    m = last_match(lex.definite, before)
    return m is not None and len(before[m.end():].split()) <= 1


# --- types that turn on who took part -------------------------------------------------------


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
    kinds = rules.by_target_kind.get(m.sub_event_type or "", {})
    for actor, role in m.actors.items():
        if role.role == "target" and actor in struck:
            return struck[actor]
        if role.role == "target" and actor in kb.actors and kb.actors[actor].kind in kinds:
            return kinds[kb.actors[actor].kind]
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


def protest_type(m: Mention) -> str | None:
    """A peaceful protest the police broke up is a protest with intervention; one where
    protesters were killed, excessive force against protesters (lexicon/type_rules.yml)."""
    rule = TypeRules.of().protest
    if family(m.sub_event_type) != rule["family"]:
        return m.sub_event_type
    if m.killed:
        return str(rule["killed"])
    if m.intervention and m.sub_event_type in rule["dispersed"]:
        return str(rule["dispersed"][m.sub_event_type])
    return m.sub_event_type


def _done_by_armed_group(m: Mention, kb: KnowledgeBase) -> bool:
    doers = [a for a, r in m.actors.items() if r.role in ("perpetrator", "suspected-perpetrator")
             and a in kb.actors]
    return bool(doers) and all(kb.actors[a].kind in TypeRules.of().non_state_kinds for a in doers)


def explosion_type(m: Mention, kb: KnowledgeBase) -> str:
    """The type of an explosion nothing else explains: a bomb if an armed group set it off."""
    rules = TypeRules.of()
    return rules.unexplained_explosion["non_state" if _done_by_armed_group(m, kb) else "otherwise"]


def settle_types(r: Reading) -> None:
    """The types of an article's mentions once it is read: by who took part, a protest's by how
    it ended, and a strike, an explosion or an attack of no stated kind by its words and doers."""
    lex, kb = r.cues, r.kb
    for m in r.mentions:
        m.sub_event_type = type_for_parties(m, kb)
        m.sub_event_type = protest_type(m)
        if m.sub_event_type is None and (lex.strike_nouns.search(fold(m.cue)) or _struck_by_strikes(m, lex)):
            m.sub_event_type = TypeRules.of().unexplained_strike  # "a strike attributed to Israel": from the air
        if m.sub_event_type is None and lex.explosion.search(fold(m.cue)) and \
                (m.location is not None or m.new_place is not None):
            m.sub_event_type = explosion_type(m, kb)
        if m.sub_event_type is None and (_done_by_armed_group(m, kb) or m.killed or _victims_named(m, kb)):
            military = any(lex.military_targets.search(fold(q)) for q in m.quotes[:1])
            m.sub_event_type = TypeRules.of().unexplained_attack["military" if military else "otherwise"]
            m.sub_event_type = type_for_parties(m, kb)  # an attack on soldiers is a clash
        _struck_only(m, kb)


def _struck_only(m: Mention, kb: KnowledgeBase) -> None:
    """Civilians named as doers outside a protest were struck (lexicon/roles.yml: struck_only)."""
    rules = RoleRules.of()
    if family(m.sub_event_type) in rules.struck_only_except:
        return
    for actor, role in m.actors.items():
        if role.role in ("perpetrator", "suspected-perpetrator") and actor in kb.actors \
                and kb.actors[actor].kind in rules.struck_only:
            role.role = "target"


def _struck_by_strikes(m: Mention, lex: EventCues) -> bool:
    """Whether the words just after the cue, in its phrase, name strikes ("were hit by strikes",
    "ont été touchés par des frappes")."""
    if not m.quotes or not m.cue:
        return False
    folded = fold(m.quotes[0])
    at = folded.find(fold(m.cue))
    if at < 0:
        return False
    end = at + len(m.cue)
    found = lex.strike_nouns.search(folded, end, end + 30)
    return found is not None and same_phrase(folded, end, found.start())


def _victims_named(m: Mention, kb: KnowledgeBase) -> bool:
    """Whether the mention names who was struck as civilians or soldiers (not who was blamed)."""
    return any(role.role == "target" and actor in kb.actors and kb.actors[actor].kind in ("civilians", "state-force")
               for actor, role in m.actors.items())


def placed_enough(m: Mention, kb: KnowledgeBase) -> bool:
    """Whether a mention has the place its type needs (territory is taken somewhere, more
    precise than a whole country)."""
    return m.sub_event_type not in TypeRules.of().needs_place or m.new_place is not None or \
        (m.location is not None and kb.locations[m.location].kind != "country")
