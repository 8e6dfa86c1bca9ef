"""Who did what in an incident: the actors a sentence names, and the role each plays.

An actor is named by a name or by a demonym and the noun it goes with ("American warplanes"
are the country's forces, "two Americans" the country); the words around it give its role
(lexicon/events.LANG.yml, `roles`): perpetrator, suspected perpetrator and who blamed it,
target; those only reporting or backing a party have none. A claim of responsibility names
its perpetrator; blame laid on "the attacks" goes to every attack of the article.
"""

from __future__ import annotations

import re

from ..records.model import ActorRole
from .clauses import Clause, phrase_break, same_phrase
from .cues import EventCues
from .event_types import TypeRules
from .knowledge import KnowledgeBase
from .knowledge import Mention as NameMention
from .reading import ActorMention, Mention, Reading, SentenceView
from .rules import RoleRules
from .text import last_match, match_after, match_before

SUBJECT_REACH = 80  # how far before the incident's cue its subject may stand
SUBJECT_GAP = 25    # how far before an actor a preposition governs it ("du général iranien X")


# --- the actors a sentence names --------------------------------------------------------------


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
    place_until = -1  # the end of the last name a locative made a place ("between Niger, Mali and...")
    for m in names:
        if m.kind != "actor":
            continue
        if match_before(lex.locative, folded, m.start, 0, 12) or (
                place_until >= 0 and _LIST_JOINER.fullmatch(folded, place_until, m.start)):
            place_until = m.end
            continue  # "in Iraq", "between Niger, Mali and Burkina Faso": places, not actors
        if _named_again_in_brackets(m, named, folded):
            continue  # "Hezbollah (Kataeb Hezbollah) brigades": the bracket says which one
        if possessive_of_actor(m, named, folded):
            continue  # "Iraq's Popular Mobilization Forces": the forces are the actor, not Iraq
        if m.form != "demonym":
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


_LIST_JOINER = re.compile(r"\s*(?:,|and|et|or|ou|,\s*and|,\s*et)\s*")  # between the items of a list of names
POSSESSIVE_REACH = 3  # characters between "'s" and the name it owns


def possessive_of_actor(m: NameMention, named: list[NameMention], folded: str) -> bool:
    """Whether a name is a possessive before another actor's name ("Iraq's Popular
    Mobilization Forces", "Lebanon's Hezbollah"): it says whose the actor is, and is itself
    neither an actor nor the place of what that actor did."""
    if not folded.startswith("'s", m.end):
        return False
    return any(0 <= other.start - (m.end + 2) <= POSSESSIVE_REACH for other in named if other is not m)


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


# --- the role of each ---------------------------------------------------------------------------


def role_of(r: Reading, s: SentenceView, a: ActorMention, clause: Clause, cue: tuple[int, int] | None,
            floor: int | None = None) -> ActorRole | None:
    """The role an actor plays in the clause's incident, by the words around it; None for
    an actor that only tells of it ("according to the Iraqi army", "US officials said")
    or backs a party to it ("backed by Iran"). Words before `floor` belong to another incident;
    `cue` is where the clause names the incident (None in a clause that only adds to one)."""
    lex, kb, folded = r.cues, r.kb, s.folded
    roles = lex.roles
    start, end = max(clause.start, floor or 0), clause.end
    if a.start < start:
        return None
    if match_after(roles["own_losses_after_actor"], folded, a.end, end, 3):
        return ActorRole(a.actor, "target")  # "Hezbollah said two of its members were killed"
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
    claimant = a.actor in kb.actors and kb.actors[a.actor].kind in RoleRules.of().claimant_kinds
    if claimant and (match_after(roles["claimed_after_actor"], folded, a.end, end, 25)
                     or _first_after(s, a, match_before(roles["claimed_before_actor"], folded, a.start, start, 50))):
        front = kb.actors[a.actor].kind == "front-group"
        return ActorRole(a.actor, "suspected-perpetrator" if front else "perpetrator", claimed=True)
    if match_after(roles["suspected_after_actor"], folded, a.end, end, 20) or \
            _first_after(s, a, match_before(roles["suspected_before_actor"], folded, a.start, start, 25)):
        return ActorRole(a.actor, "suspected-perpetrator")
    if match_after(roles["target_after_actor"], folded, a.end, end, 3):
        return ActorRole(a.actor, "target")
    owned = match_after(roles["target_owned_after_actor"], folded, a.end, end, 3)
    if owned:  # "<actor> fighters were killed"; but "<actor> fighters attacked a post"
        doing = cue is not None and owned[1] <= cue[0] and cue[0] - owned[1] <= SUBJECT_REACH and \
            not roles["passive"].search(folded, owned[1], cue[1]) and \
            not phrase_break(folded, owned[1], cue[0])
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


def _first_after(s: SentenceView, a: ActorMention, phrase: tuple[int, int] | None) -> bool:
    """Whether the actor is the first one named after a phrase ("claimed by X", "blamed on
    X"): "une attaque revendiquée par l'EIGS y avait tué dix-huit militaires nigériens"
    claims for the EIGS, not for the soldiers it killed."""
    return phrase is not None and not any(phrase[1] <= o.start < a.start for o in s.actors if o.actor != a.actor)


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


def role_floor(r: Reading, s: SentenceView, clause: Clause, cue: tuple[int, int]) -> int | None:
    """Where this incident's words begin when the clause opens on another one ("The Iranian
    fire answered the US drone strike that killed...": the Iranians belong to the other)."""
    answer = r.cues.retaliation.search(s.folded, clause.start, cue[0])
    if answer and r.cues.event_anaphora.search(s.folded, clause.start, answer.start()):
        return answer.end()
    return None


def shared_subject(r: Reading, s: SentenceView, m: Mention, previous: Clause) -> None:
    """"Washington blamed X and on Sunday bombed...": the subject of the first clause struck."""
    first = next((a for a in s.actors if previous.holds(a.start)), None)
    if first is not None and first.actor not in m.actors and \
            not match_before(r.cues.roles["reporting_before_actor"], s.folded, first.start, previous.start, 3):
        m.add_role(ActorRole(first.actor, "perpetrator"))


def claims(r: Reading, s: SentenceView, told: list[Mention]) -> None:
    """A claim of responsibility: the armed group named last before the claim made it, for
    the incident this sentence tells or the one being told. A front group's claim points
    to a suspect; another actor's claim to the perpetrator."""
    lex, kb = r.cues, r.kb
    claim = lex.claim.search(s.folded)
    if claim is None or lex.unreal.search(s.folded, max(0, claim.start() - 20), claim.start()):
        return
    named = [a for a in s.actors if a.end <= claim.start() and a.actor in kb.actors
             and kb.actors[a.actor].kind in RoleRules.of().claimant_kinds]
    target = told[-1] if told else r.recent(s.sentence.paragraph)
    if not named or target is None:
        return
    actor = named[0].actor  # the subject: "A group calling itself X - ... - claimed the attack"
    front = kb.actors[actor].kind == "front-group"
    target.add_role(ActorRole(actor, "suspected-perpetrator" if front else "perpetrator", claimed=True))
    target.quote(s.sentence)


def apply_blame(r: Reading) -> None:
    """Blame laid on "the attacks" goes to every attack of the article with no culprit named
    (of the types lexicon/type_rules.yml says, or of none)."""
    spreads_to = TypeRules.of().blame_spreads_to
    for role in r.blame:
        for m in r.mentions:
            if m.sub_event_type is not None and m.sub_event_type not in spreads_to:
                continue
            if any(x.role in ("perpetrator", "suspected-perpetrator") for x in m.actors.values()):
                continue
            m.add_role(ActorRole(role.actor, role.role, list(role.blamed_by), role.claimed, role.denied))
