"""A synthetic corpus for benchmarks: news-like articles of about 500 words, English and French.

Each article tells one or two incidents at places and with actors drawn from the knowledge
base, wrapped in background paragraphs, so extraction does its full work on every article.
The same seed always gives the same corpus.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from builder.extract.knowledge import load_knowledge

EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FR_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
EN_NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"]
FR_NUMBERS = ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "douze"]

EN_INCIDENTS = [
    "{n} rockets slammed into {place} on {weekday} evening, killing {k} people and wounding {i}, "
    "security officials said.",
    "A drone strike hit a vehicle near {place} early on {weekday}, killing {k} members of {actor}.",
    "A roadside bomb struck a logistics convoy near {place} on {weekday}, wounding {i} drivers.",
    "Iraqi forces arrested {n} suspects in a raid near {place} on {weekday}, the Counter-Terrorism "
    "Service said.",
    "Hundreds of protesters gathered outside {place} on {weekday}; police fired tear gas to disperse them.",
]
FR_INCIDENTS = [
    "{weekday} soir, {n} roquettes se sont abattues sur {place}, tuant {k} personnes et en blessant {i}, "
    "selon une source de sécurité.",
    "Une frappe de drone a visé un véhicule près de {place} {weekday}, tuant {k} membres de {actor}.",
    "Un engin explosif a touché un convoi logistique près de {place} {weekday}, blessant {i} chauffeurs.",
    "Les forces irakiennes ont arrêté {n} suspects lors d'un raid près de {place} {weekday}.",
    "Des centaines de manifestants se sont rassemblés devant {place} {weekday}; la police a tiré des "
    "gaz lacrymogènes pour les disperser.",
]
EN_FOLLOW = [
    "No group immediately claimed responsibility, but Washington blamed {actor} for the attack.",
    "{actor} denied any involvement in a statement on its Telegram channel.",
    "The Pentagon said it was assessing the damage and that no American was hurt.",
]
FR_FOLLOW = [
    "Aucun groupe n'a revendiqué l'attaque, mais Washington l'a imputée à {actor}.",
    "{actor} a démenti toute implication dans un communiqué.",
    "Le Pentagone a indiqué évaluer les dégâts, sans faire état de victimes américaines.",
]
EN_BACKGROUND = [
    "The attack comes amid rising tension between Washington and Tehran, whose allies in Iraq have "
    "repeatedly demanded the withdrawal of the roughly 2,500 American troops still in the country.",
    "Since October, more than sixty attacks have targeted bases and diplomatic sites hosting "
    "American personnel in Iraq and Syria, most of them causing little damage.",
    "The prime minister has promised to bring all weapons under state control, but analysts say the "
    "government has little leverage over the most powerful armed factions.",
    "Parliament is due to debate a resolution on the presence of foreign forces next week, and several "
    "blocs have threatened to boycott the session if the vote is delayed again.",
    "Diplomats in Baghdad fear that a single deadly strike could drag the country back into a wider "
    "confrontation, as happened at the start of 2020.",
    "Officials declined to say whether the defence systems installed around the base had been activated.",
]
FR_BACKGROUND = [
    "Cette attaque intervient dans un contexte de fortes tensions entre Washington et Téhéran, dont les "
    "alliés en Irak réclament le départ des quelque 2 500 soldats américains encore déployés.",
    "Depuis octobre, plus de soixante attaques ont visé des bases et des sites diplomatiques abritant du "
    "personnel américain en Irak et en Syrie, la plupart sans faire de dégâts.",
    "Le Premier ministre a promis de placer toutes les armes sous le contrôle de l'État, mais les analystes "
    "jugent que le gouvernement a peu de prise sur les factions armées les plus puissantes.",
    "Le Parlement doit débattre la semaine prochaine d'une résolution sur la présence des forces étrangères, "
    "et plusieurs blocs menacent de boycotter la séance si le vote est encore reporté.",
    "Les diplomates à Bagdad craignent qu'une seule frappe meurtrière ne replonge le pays dans une "
    "confrontation plus large, comme au début de l'année 2020.",
    "Les responsables n'ont pas voulu dire si les systèmes de défense installés autour de la base avaient "
    "été activés.",
]


def _names(kb, kind: str, language: str, pick: random.Random) -> list[str]:
    records = kb.locations if kind == "location" else kb.actors
    wanted = {"base", "airport", "city", "town", "zone", "compound"} if kind == "location" else \
        {"armed-group", "front-group", "state-force"}
    out = []
    for record in records.values():
        if record.kind in wanted:
            names = record.aliases.get(language) or []
            out.append(names[0] if names and language == "fr" else record.name)
    return sorted(out)


def article(number: int, pick: random.Random, places: dict, actors: dict) -> tuple[str, str]:
    """One article's file name and text."""
    language = "fr" if number % 2 else "en"
    published = date(2019, 1, 1) + timedelta(days=pick.randrange(1800))
    weekday = (published - timedelta(days=pick.randrange(1, 6))).weekday()
    incidents, follow, background = ((FR_INCIDENTS, FR_FOLLOW, FR_BACKGROUND) if language == "fr"
                                     else (EN_INCIDENTS, EN_FOLLOW, EN_BACKGROUND))
    numbers = FR_NUMBERS if language == "fr" else EN_NUMBERS
    weekdays = FR_WEEKDAYS if language == "fr" else EN_WEEKDAYS
    slots = {"n": pick.choice(numbers), "k": pick.choice(numbers), "i": pick.choice(numbers),
             "place": pick.choice(places[language]), "actor": pick.choice(actors[language]),
             "weekday": weekdays[weekday]}
    paragraphs = [pick.choice(incidents).format(**slots) + " " + pick.choice(follow).format(**slots)]
    paragraphs += [" ".join(pick.sample(background, 3)) for _ in range(6)]
    slots.update(place=pick.choice(places[language]), weekday=weekdays[(weekday + 5) % 7])
    paragraphs.insert(2, pick.choice(incidents).format(**slots))
    body = "\n\n".join(paragraphs)
    title = f"{'Attaque en Irak' if language == 'fr' else 'Attack in Iraq'} {number}"
    if number % 3 == 0:  # a saved Markdown file with front matter
        text = (f"---\ntitle: {title}\npublished: {published.isoformat()}\nlanguage: {language}\n"
                f"publisher: Benchmark Wire\n---\n\n{body}\n")
        return f"{number:04d}_bench.md", text
    # a plain text file: headline, body, the address (its date) and a comment form, language detected
    url = f"https://news.example.org/{published:%Y/%m/%d}/attack-{number}"
    text = f"{title}\n\n{body}\n\n{url}\n\nLEAVE A REPLY\n\nPlease enter your comment!\n"
    return f"{number:04d}_bench.txt", text


def write_corpus(folder: Path, count: int = 1000, seed: int = 7) -> list[Path]:
    """Write `count` articles into `folder` (the same ones for the same seed)."""
    kb = load_knowledge()
    pick = random.Random(seed)
    places = {lang: _names(kb, "location", lang, pick) for lang in ("en", "fr")}
    actors = {lang: _names(kb, "actor", lang, pick) for lang in ("en", "fr")}
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        name, text = article(number, pick, places, actors)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
