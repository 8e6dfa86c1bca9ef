"""The rules the reading of an article weighs what it finds by, as data: how specific each kind
of place is (lexicon/place_kinds.yml), how strong each role (lexicon/roles.yml), and how far
what it has read carries (lexicon/reach.yml).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records.vocab import vocabulary
from .lexicon import Compiled, LexiconFile


@dataclass(frozen=True)
class PlaceKinds(Compiled, file="place_kinds", what="place kinds", per_language=False):
    """How specific each kind of place is, and which kinds "the base", "the town" may mean."""

    ranks: dict[str, int]
    unlisted: int
    precise: int
    anaphora: dict[str, frozenset[str]]  # the name of a place_anaphora list -> the kinds it may mean
    joined_by_hyphen: frozenset[str]  # kinds of place a hyphen joins into a road between them

    def specificity(self, kind: str) -> int:
        """How specific a kind of place is (a base 6, a town 4, a country 0)."""
        return self.ranks.get(kind, self.unlisted)

    @classmethod
    def compile(cls, file: LexiconFile) -> PlaceKinds:
        """The ranks, each kind checked to be one of builder/vocab/location_kinds.yml."""
        kinds = vocabulary().location_kinds
        named: list[tuple[tuple[str | int, ...], str]] = [(("specificity", kind), kind)
                                                          for kind in file.get("specificity")]
        named += [(("anaphora", name, i), kind) for name, listed in file.get("anaphora").items()
                  for i, kind in enumerate(listed)]
        named += [(("joined_by_hyphen", i), kind) for i, kind in enumerate(file.get("joined_by_hyphen"))]
        for keys, kind in named:
            if kind not in kinds:
                raise file.error(keys, f"{kind!r} is not a location kind (expected one of: {', '.join(kinds)})")
        return cls(dict(file.get("specificity")), file.get("unlisted"), file.get("precise"),
                   {name: frozenset(listed) for name, listed in file.get("anaphora").items()},
                   frozenset(file.get("joined_by_hyphen")))


@dataclass(frozen=True)
class RoleRules(Compiled, file="roles", what="role rules", per_language=False):
    """How strong each role is, whose claims count, and who may strike and be struck in one
    incident."""

    strength: dict[str, int]
    claimant_kinds: frozenset[str]
    every_actor_both: frozenset[str]  # families in which any actor may strike and be struck
    actors_both: dict[str, frozenset[str]]  # family -> the actors who may be both in it
    struck_only: frozenset[str]  # kinds of actor that strike no one...
    struck_only_except: frozenset[str]  # ...but in these families

    @property
    def strongest_first(self) -> list[str]:
        """The roles, the strongest first."""
        return sorted(self.strength, key=lambda role: -self.strength[role])

    @classmethod
    def compile(cls, file: LexiconFile) -> RoleRules:
        """The rules, each role and actor kind checked to be one of the vocabularies'."""
        vocab = vocabulary()
        for role in file.get("strength"):
            if role not in vocab.roles:
                raise file.error(("strength", role), f"{role!r} is not a role of builder/vocab/roles.yml")
        for i, kind in enumerate(file.get("claimant_kinds")):
            if kind not in vocab.actor_kinds:
                raise file.error(("claimant_kinds", i), f"{kind!r} is not an actor kind of "
                                                        "builder/vocab/actor_kinds.yml")
        struck_only = file.get("struck_only")
        for i, kind in enumerate(struck_only["kinds"]):
            if kind not in vocab.actor_kinds:
                raise file.error(("struck_only", "kinds", i), f"{kind!r} is not an actor kind of "
                                                                "builder/vocab/actor_kinds.yml")
        both = file.get("striking_and_struck")
        return cls(dict(file.get("strength")), frozenset(file.get("claimant_kinds")),
                   frozenset(both["every_actor"]),
                   {family: frozenset(actors) for family, actors in both["actors"].items()},
                   frozenset(struck_only["kinds"]), frozenset(struck_only["except_families"]))


@dataclass(frozen=True)
class Reach(Compiled, file="reach", what="reach of the reading", per_language=False):
    """How far the reading of an article carries what it has read (lexicon/reach.yml)."""

    toll_sentences: int
    neighbour_paragraphs: int
    retaliation_days: int
    lead_days: int
    scene_days: int
    summary_days: int

    @classmethod
    def compile(cls, file: LexiconFile) -> Reach:
        """The reach, each a whole number (the schema says so)."""
        return cls(**file.data)
