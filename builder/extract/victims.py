"""Who an incident struck when the story says it by what they were, not by who: "71
soldiers were killed" struck the armed forces of the country it happened in, "280 students
were kidnapped" struck civilians, "an attack on an army post" struck the army. The nouns and
the phrases live in lexicon/victims.LANG.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records.model import ActorRole
from ..records.places import chain
from .knowledge import KnowledgeBase
from .lexicon import Compiled, LexiconFile
from .numbers import find_quantities
from .reading import Mention, Reading
from .roles import forces_of
from .text import fold
from .tolls import find_tolls

CIVILIANS = "civilians"  # the knowledge base's actor for people who take no part in the fighting
ABDUCTION = "Abduction/forced disappearance"
TITLED_TYPES = {"Attack", ABDUCTION, None}  # whose victim named with a civilian's title is a civilian


@dataclass(frozen=True)
class VictimWords(Compiled, file="victims", what="victims lexicon"):
    """The nouns of each group of victims of one language, and the attacks on military posts."""

    groups: dict[str, frozenset[str]]
    posts: re.Pattern[str]
    titled: re.Pattern[str]  # a civilian named by what they were: "journalist Ahmed Hassan"

    @classmethod
    def compile(cls, file: LexiconFile) -> VictimWords:
        """The nouns lower-cased, the post phrases as one pattern on folded text."""
        groups = {group: frozenset(noun.lower() for noun in nouns) for group, nouns in file.get("groups").items()}
        nouns = sorted(groups.get("civilians", ()), key=len, reverse=True)
        titled = re.compile(r"(?i:\b(?:" + "|".join(map(re.escape, nouns)) + r"))\s+(?:[a-zé]+\s+)?[A-Z][\w'’-]+")
        return cls(groups, re.compile(file.patterns("posts")), titled)

    def group_of(self, counted: str) -> str | None:
        """The group of victims a count names by its last words ("two service members":
        forces; "trois villageois": civilians), if any."""
        words = counted.lower().split()
        for group, nouns in self.groups.items():
            if any(" ".join(words[-len(noun.split()):]) == noun for noun in nouns):
                return group
        return None


def add_victims(r: Reading) -> None:
    """Give each mention of the article the targets its victims' nouns name, where it names no
    target of that group already."""
    for m in r.mentions:
        for group in struck_groups(m, r.language):
            actor = _actor_of(group, m, r.kb)
            if actor is not None and not _has_target_like(m, actor, r.kb):
                m.add_role(ActorRole(actor, "target"))


def struck_groups(m: Mention, language: str) -> list[str]:
    """The groups of victims the sentences that told the incident count as killed, wounded or
    taken, or whose posts they say were attacked, in the order found."""
    words = VictimWords.of(language)
    found: list[str] = []
    for quote in m.quotes:
        tolls = find_tolls(quote, language)
        for q in find_quantities(quote, language):
            group = words.group_of(q.text)
            if group is None or group in found or _owned(q.text):
                continue
            counted = any(start <= q.start < end for _, start, end in tolls.evidence)
            if counted or m.sub_event_type == ABDUCTION:
                found.append(group)
        if "forces" not in found and words.posts.search(fold(quote)):
            found.append("forces")
        if "civilians" not in found and m.sub_event_type in TITLED_TYPES and words.titled.search(quote):
            found.append("civilians")  # "protest leader Ihab al-Wazni", "le journaliste Ahmed Hassan"
    return found


def _owned(counted: str) -> bool:
    """Whether a count says whose its people are by a capitalised word after the number
    ("13 French soldiers", "two US service members"): their own actor, which the knowledge
    base reads, not the country's."""
    return any(word[:1].isupper() for word in counted.split()[1:])


def _actor_of(group: str, m: Mention, kb: KnowledgeBase) -> str | None:
    """The actor a group of victims stands for: civilians, or the armed forces of the country
    the incident's place lies in (None where the place or its country is not known)."""
    if group == "civilians":
        return CIVILIANS if CIVILIANS in kb.actors else None
    country = next((loc.country for loc in chain(kb.locations, m.location) if loc.country), None)
    government = next((a.id for a in kb.actors.values() if a.kind == "government" and a.country == country), None)
    return forces_of(kb, government) if country and government else None


def _has_target_like(m: Mention, actor: str, kb: KnowledgeBase) -> bool:
    """Whether the mention already has that target, or one of the same kind (another state's
    forces, named by their demonym: "French soldiers")."""
    kind = kb.actors[actor].kind
    return any(role.role == "target" and (a == actor or (a in kb.actors and kb.actors[a].kind == kind))
               for a, role in m.actors.items())
