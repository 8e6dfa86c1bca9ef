"""Synthetic chronologies for measuring: news-like articles, and valid records, of any size.

Articles (English and French) tell incidents at places and with actors drawn from the
knowledge base, each incident told by one to three articles, in the sentence forms of
`synth.yml`, wrapped in background paragraphs so extraction does its full work. Records are
valid events with the actors, locations (and their parents) and sources they cite; the
places and actors used grow with the number of events, as a longer chronology covers more
ground. The same seed always gives the same files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from ..files import write_atomic
from ..records import places
from ..records.folder import record_path, record_text
from ..records.model import Actor, Event, Location, Source, slugify
from ..records.yamlio import load_plain

FORMS_FILE = Path(__file__).with_name("synth.yml")
FIRST_DAY, DAYS = date(2014, 1, 1), 11 * 365  # incidents fall in 2014-2024
PLACE_KINDS = frozenset({"base", "airport", "city", "town", "village", "zone", "compound", "neighbourhood"})
ACTOR_KINDS = frozenset({"armed-group", "front-group", "state-force"})


@cache
def forms() -> dict:
    """The sentence forms, publishers and word lists of `synth.yml`."""
    return load_plain(FORMS_FILE)


def _knowledge():
    from ..extract.knowledge import load_knowledge

    return load_knowledge()


# --- articles ---------------------------------------------------------------------------


@dataclass
class Incident:
    """One made-up incident, as the articles that tell it share it."""

    day: date
    form: int
    place: Location
    actor: Actor
    numbers: tuple[int, int, int]


def _name(record: Actor | Location, language: str) -> str:
    aliases = record.aliases.get(language) or []
    return aliases[0] if language == "fr" and aliases else record.name


def _when(day: date, published: date, words: dict, pick: random.Random) -> str:
    """How an article published on `published` names `day`: its weekday when it is within the
    week, else its date."""
    shapes = [s for s in words["when"] if "{weekday}" not in s or (published - day).days < 6]
    return pick.choice(shapes).format(weekday=words["weekdays"][day.weekday()], day=day.day,
                                      month=words["months"][day.month - 1])


def _slots(incident: Incident, published: date, language: str, pick: random.Random) -> dict:
    words = forms()[language]
    n, k, i = (words["numbers"][x] for x in incident.numbers)
    return {"n": n, "k": k, "i": i, "place": _name(incident.place, language),
            "actor": _name(incident.actor, language), "when": _when(incident.day, published, words, pick)}


def _sentence(kind: str, incident: Incident, slots: dict, language: str) -> str:
    options = forms()[language][kind]
    text = options[incident.form % len(options)].format(**slots)
    return text[0].upper() + text[1:]


def article_text(number: int, told: list[Incident], retelling: bool, pick: random.Random) -> tuple[str, str]:
    """One article's file name and text, telling `told` (the first incident leads)."""
    language = pick.choice(("en", "fr"))
    words = forms()[language]
    published = told[0].day + timedelta(days=pick.randrange(1, 5))
    lead = _slots(told[0], published, language, pick)
    paragraphs = [_sentence("retold" if retelling else "incidents", told[0], lead, language) + " "
                  + pick.choice(words["follow"]).format(**lead)]
    paragraphs += [" ".join(pick.sample(words["background"], 3)) for _ in range(6)]
    for other in told[1:]:
        paragraphs.insert(2, _sentence("incidents", other, _slots(other, published, language, pick), language))
    body = "\n\n".join(paragraphs)
    title = pick.choice(words["title"]).format(**lead)
    if number % 3 == 0:  # a saved Markdown file with front matter
        publisher = pick.choice(forms()["publishers"])
        text = (f"---\ntitle: \"{title}\"\npublished: {published.isoformat()}\nlanguage: {language}\n"
                f"publisher: {publisher}\n---\n\n{body}\n")
        return f"{number:06d}-synthetic.md", text
    # a plain text file: headline, body, the address (its date) and a comment form
    url = f"https://news.example.org/{published:%Y/%m/%d}/incident-{number}"
    return f"{number:06d}-synthetic.txt", f"{title}\n\n{body}\n\n{url}\n\nLEAVE A REPLY\n\nPlease enter your comment!\n"


def _pools(count: int, pick: random.Random) -> tuple[list[Location], list[Actor]]:
    """The places and actors a chronology of `count` events draws on: more for a longer one."""
    kb = _knowledge()
    places = sorted((loc for loc in kb.locations.values() if loc.kind in PLACE_KINDS), key=lambda r: r.id)
    actors = sorted((a for a in kb.actors.values() if a.kind in ACTOR_KINDS), key=lambda r: r.id)
    return (pick.sample(places, min(len(places), max(20, count // 10))),
            pick.sample(actors, min(len(actors), max(10, count // 50))))


def incidents(count: int, pick: random.Random) -> list[Incident]:
    """`count` incidents in date order."""
    places, actors = _pools(count, pick)
    days = sorted(FIRST_DAY + timedelta(days=pick.randrange(DAYS)) for _ in range(count))
    return [Incident(day, pick.randrange(8), pick.choice(places), pick.choice(actors),
                     (pick.randrange(10), pick.randrange(10), pick.randrange(10))) for day in days]


def write_articles(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` articles into `folder`; each incident is told by one to three of them."""
    pick = random.Random(seed)
    told = incidents(max(1, count * 5 // 8), pick)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for index, incident in enumerate(told):
        for copy in range(pick.choice((1, 1, 2, 3))):
            if len(paths) == count:
                return paths
            others = [told[index + 1]] if index + 1 < len(told) and pick.random() < 0.2 else []
            name, text = article_text(len(paths), [incident, *others], copy > 0, pick)
            path = folder / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths


# --- records ----------------------------------------------------------------------------

EVENT_KINDS = [  # (type, sub-event type, title word, weapon)
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Rocket attack", "rocket"),
    ("Explosions/Remote violence", "Air/drone strike", "Drone strike", "drone"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Roadside bomb", "IED"),
    ("Battles", "Armed clash", "Clash", None),
    ("Violence against civilians", "Attack", "Attack on civilians", None),
    ("Strategic developments", "Arrests", "Arrests", None),
    ("Protests", "Protest with intervention", "Protest", None),
]


def _closure(ids: set[str], parents) -> set[str]:
    """The ids and every record they lead to through `parents(id)`."""
    todo, out = list(ids), set()
    while todo:
        current = todo.pop()
        if current not in out:
            out.add(current)
            todo += parents(current)
    return out


def _source(number: int, day: date, pick: random.Random) -> Source:
    publisher = pick.choice(forms()["publishers"])
    return Source(id=f"synthetic-{number:06d}", title=f"Report {number} from {publisher}",
                  language=pick.choice(("en", "fr")), published=day + timedelta(days=pick.randrange(1, 4)),
                  published_from="front-matter", publisher=publisher,
                  url=f"https://news.example.org/{day:%Y/%m/%d}/report-{number}")


def _event(incident: Incident, kind: tuple, target: Actor, cited: list[Source], taken: set[str],
           pick: random.Random) -> Event:
    event_type, sub_type, word, weapon = kind
    title = f"{word} in {incident.place.name}"
    base = f"{incident.day.isoformat()}-{slugify(title)}"
    event_id, n = base, 2
    while event_id in taken:
        event_id, n = f"{base}-{n}", n + 1
    taken.add(event_id)
    killed, injured = incident.numbers[1], incident.numbers[2]
    quote = f"{word} in {incident.place.name} on {incident.day:%d %B %Y}: {killed} killed, {injured} injured."
    return Event.from_dict({
        "id": event_id, "title": title, "event_type": event_type, "sub_event_type": sub_type,
        "date": {"start": incident.day, "end": incident.day, "precision": "day"},
        "location": incident.place.id,
        "actors": [{"actor": incident.actor.id, "role": "perpetrator"}, {"actor": target.id, "role": "target"}],
        "fatalities": killed, "injured": injured,
        "weapons": [{"name": weapon}] if weapon else [],
        "summary": quote,
        "sources": [{"article": s.id, "quotes": [quote], "fatalities": killed} for s in cited],
        "status": pick.choice(("draft", "reviewed")),
    })


def chronology(count: int, seed: int = 7) -> tuple[list[Event], list[Actor], list[Location], list[Source]]:
    """`count` valid events with every actor, location and source they refer to."""
    pick = random.Random(seed)
    kb = _knowledge()
    told = incidents(count, pick)
    pool_actors = sorted({i.actor.id for i in told})
    sources: list[Source] = []
    events: list[Event] = []
    taken: set[str] = set()
    for incident in told:
        if not sources or pick.random() < 0.5:  # about one source for two events
            sources.append(_source(len(sources), incident.day, pick))
        cited = [sources[-1]] + ([sources[pick.randrange(len(sources))]] if pick.random() < 0.3 else [])
        target = kb.actors[pick.choice(pool_actors)]
        events.append(_event(incident, pick.choice(EVENT_KINDS), target,
                             list({s.id: s for s in cited}.values()), taken, pick))
    used_actors = _closure({a.actor for e in events for a in e.actors},
                           lambda a: [t.actor for t in kb.actors[a].affiliations])
    used_places = {loc.id for e in events for loc in places.chain(kb.locations, e.location)}
    return (events, [kb.actors[a] for a in sorted(used_actors)],
            [kb.locations[p] for p in sorted(used_places)], sources)


def write_records(folder: Path, count: int, seed: int = 7) -> int:
    """Write a chronology of `count` events into the records folder `folder`; returns the
    number of files written."""
    events, actors, locations, sources = chronology(count, seed)
    written = 0
    for kind, items in (("events", events), ("actors", actors), ("locations", locations), ("sources", sources)):
        for record in items:
            path = record_path(folder, kind, record.id)
            write_atomic(path, record_text(path, kind, record))
            written += 1
    return written
