"""What the reading of an article passes around: the mentions of incidents it finds, the
sentence being read, and the article's reading so far (`Reading`), which clauses that point
back ("the attack", "the base", "two days later") are read against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ..records.model import ActorRole, DateSpan
from .articles import Article, Sentence
from .cues import EventCues
from .dates import TimeExpression
from .knowledge import KnowledgeBase, PlaceCandidate
from .knowledge import Mention as NameMention
from .rules import RoleRules


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

    @property
    def grounded(self) -> bool:
        """Whether the mention says enough to stand as an incident: a date of its own, a place,
        or a toll. "The rocket fire did not stop there" says none of these."""
        return self.explicit_date or self.location is not None or self.new_place is not None or \
            self.killed is not None or self.injured is not None or (self.follows_other and bool(self.actors))

    def quote(self, sentence: Sentence) -> None:
        """Keep a sentence the mention rests on (once)."""
        if sentence.text not in self.quotes:
            self.quotes.append(sentence.text)

    def add_role(self, role: ActorRole) -> None:
        """Keep the strongest role an actor is given (lexicon/roles.yml), and every attribution detail."""
        known = self.actors.get(role.actor)
        if known is None:
            self.actors[role.actor] = role
            return
        strength = RoleRules.of().strength
        if strength[role.role] > strength[known.role] and known.role != "target":
            known.role = role.role
        known.blamed_by = list(dict.fromkeys(known.blamed_by + role.blamed_by))
        known.claimed = known.claimed or role.claimed
        known.denied = known.denied or role.denied

    def add_tolls(self, killed: int | None, injured: int | None, weapons: Iterable[tuple[str, int | None]],
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


def absorb(into: Mention, other: Mention, ancestors: Callable[[str], list[str]],
           is_vague: Callable[[str], bool] = lambda _place: False) -> None:
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


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence: by a name, or by a demonym and the noun it goes with.
    `weapon` marks a demonym on a weapon ("a US drone strike"): the actor that struck."""

    actor: str
    start: int
    end: int
    weapon: bool = False


@dataclass(frozen=True)
class Scene:
    """When and where a sentence that tells no incident sets what the next ones tell
    ("Early June, gunmen separated 1,200 men from their families outside Saqlawiya.")."""

    sentence: int
    paragraph: int
    date: DateSpan
    place: str | None
    new_place: PlaceCandidate | None = None  # a place the base lacks, more specific than `place`


@dataclass
class SentenceView:
    """One sentence as the mention finder sees it: folded text and what was found in it."""

    sentence: Sentence
    folded: str
    dates: list[TimeExpression]
    names: list[NameMention]
    actors: list[ActorMention]
    new_places: list[PlaceCandidate]


@dataclass
class Reading:
    """One article being read for the incidents it tells: what every clause is read against
    (the article, its publication date, the knowledge base, the cues of its language, the day
    nothing may be dated after) and what the article has told so far."""

    article: Article
    published: date | None
    kb: KnowledgeBase
    cues: EventCues
    today: date  # what a year-less date is read against, lacking else
    mentions: list[Mention] = field(default_factory=list)
    last_sentence_mentions: list[Mention] = field(default_factory=list)
    last_sentence: int = -1
    places: list[str] = field(default_factory=list)
    blame: list[ActorRole] = field(default_factory=list)
    scene: Scene | None = None  # a dated sentence that told no incident
    section: Scene | None = None  # the date (and place) of the section being read, from its heading
    countries: tuple[str, ...] = ()  # where the known places the article names lie, most named first
    new_places: dict[str, PlaceCandidate] = field(default_factory=dict)  # met so far, by name

    @property
    def language(self) -> str:
        """The article's language, one extraction reads."""
        return self.article.known_language

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
