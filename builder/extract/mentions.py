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
from datetime import date

from ..gazetteer.cache import open_gazetteer
from ..records.places import chain
from .articles import Article, Sentence
from .clauses import Clause, clauses, quoted, same_phrase
from .cues import EventCues
from .dates import TimeExpression, find_dates
from .event_types import (
    TypeRules,
    classify,
    compatible_types,
    family,
    is_definite,
    is_tally,
    is_unreal,
    placed_enough,
    settle_types,
    type_for_parties,
)
from .knowledge import KnowledgeBase, PlaceCandidate
from .knowledge import Mention as NameMention
from .mention_dates import (
    choose_date,
    covered,
    current_scene,
    date_mention,
    relative_offset,
    set_scene,
    set_section,
    shifted,
    shortly_after,
    since_here,
    since_when,
)
from .merge import MergeRules
from .places import (
    choose_new_place,
    choose_place,
    join_placeless,
    known_place,
    named_again,
    new_place_pointed_to,
    place_from_neighbours,
    place_pointed_to,
    places_agree,
    refine_place,
    specificity,
    vague,
)
from .reading import Mention, Reading, SentenceView, absorb
from .roles import apply_blame, blamers, claims, resolve_actors, role_floor, role_of, shared_subject
from .rules import PlaceKinds, Reach, RoleRules
from .text import fold
from .tolls import find_tolls
from .victims import add_victims, struck_groups

# Where the story was filed, opening its first paragraph: "ERBIL, Iraq, Feb 16 - ", "KIRKUK — ",
# "DAMASCUS: ", "Niamey (AFP) - ", "Bagdad (AFP) - ", "AMMAN, Oct 2 (Reuters) — ".
_DATELINE_HEAD = re.compile(
    r"(?:[A-ZÀ-Ý][A-ZÀ-Ý'’.-]{2,}(?:[ /][A-ZÀ-Ý][A-ZÀ-Ý'’.-]+)*(?:,[^-—–:()]{0,60}?)?\s*(?:\([^)]{1,30}\))?\s*[-—–:]"
    r"|[A-ZÀ-Ý][\w'’.-]+(?: [A-ZÀ-Ý][\w'’.-]+){0,2}(?:,[^-—–:()]{0,40}?)?\s*\([A-Za-z][\w .-]{1,25}\)\s*[-—–:]"
    r"|[A-ZÀ-Ý][\w'’.-]+(?: [A-ZÀ-Ý][\w'’.-]+)?\s+[—–])\s")
_DATELINE = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?[-—–]")  # "ERBIL, Iraq, Feb 16 - ": the article's date


def find_mentions(article: Article, published: date | None, kb: KnowledgeBase, *,
                  today: date | None = None) -> list[Mention]:
    """Every incident the article tells, one mention each, with the sentences they rest on.
    Those it cannot date are left out. With no publication date, a weekday with a day-month
    is dated by `today` (by default, the day it runs)."""
    language = article.known_language
    lex = EventCues.of(language)
    r = Reading(article, published, kb, lex, today or date.today())
    names = [kb.find(sentence.text, language) for sentence in article.sentences]
    r.countries = _countries(kb, [n for found in names for n in found])
    paragraph = -1
    for sentence, found in zip(article.sentences, names, strict=True):
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            if paragraph in article.headings:  # "## July 19: Amerli": when and where the section is
                heading = Sentence(article.headings[paragraph], paragraph, sentence.index)
                set_section(r, _view(r, heading, kb.find(heading.text, language)))
        s = _view(r, sentence, found)
        _read(r, s)
        for c in s.new_places:
            r.new_places.setdefault(c.name, c)
        r.places += [m.id for m in s.names if m.kind == "location"]
    apply_blame(r)
    join_placeless(r)
    place_from_neighbours(r)
    add_victims(r)
    settle_types(r)
    return [m for m in r.mentions if m.date is not None and m.grounded and placed_enough(m, kb)]


def _view(r: Reading, sentence: Sentence, names: list[NameMention]) -> SentenceView:
    """A sentence with what is found in it (`names`: the knowledge base's): its dates, names,
    actors and new places, those the base lacks that the gazetteer knows among them."""
    language, kb = r.language, r.kb
    folded = fold(sentence.text)
    dates = [e for e in find_dates(sentence.text, language, r.published, today=r.today)
             if not (sentence.index == 0 and _DATELINE.match(sentence.text, e.end) and e.start < 40)]
    if sentence.index == 0:  # "WASHINGTON/BAGHDAD, Feb 3 - ...": where the story was filed
        head = _DATELINE_HEAD.match(sentence.text)
        names = [n for n in names if not (head and n.end <= head.end())]
    new_places = kb.unknown_places(sentence.text, language)
    new_places += [c for c in kb.towns_named(sentence.text, language, lambda name: _town(r, name))
                   if not any(o.start < c.end and c.start < o.end for o in new_places)]
    new_places = sorted(new_places + named_again(r, sentence.text, new_places, names), key=lambda c: c.start)
    return SentenceView(sentence, folded, dates, names, resolve_actors(names, folded, r.cues, kb), new_places)


def _countries(kb: KnowledgeBase, names: list[NameMention]) -> tuple[str, ...]:
    """The countries the known places an article names lie in, most named first."""
    counts: dict[str, int] = {}
    for n in names:
        if n.kind == "location":
            country = next((loc.country for loc in chain(kb.locations, n.id) if loc.country), None)
            if country:
                counts[country] = counts.get(country, 0) + 1
    return tuple(sorted(counts, key=lambda c: -counts[c]))


GAZETTEER_KINDS = {"town": "town", "district": "district", "region": "region"}  # its precision: a kind


def _town(r: Reading, name: str) -> str | None:
    """The kind of place the gazetteer knows `name` as, in the countries the article's known
    places lie in (the most populous of its namesakes); None when it knows none there."""
    if not r.countries:
        return None
    found = [p for p in open_gazetteer().lookup(name, r.countries) if p.level != "country"]
    return GAZETTEER_KINDS.get(found[0].precision) if found else None


def _read(r: Reading, s: SentenceView) -> None:
    """Read one sentence clause by clause: new incidents, and what the others add."""
    lex = r.cues
    told: list[Mention] = []
    previous_clause: Clause | None = None
    for clause in clauses(s.folded, lex):
        found = classify(s.folded, clause, lex) or _toll_told(r, s, clause, told)
        if found is None:
            _add_details(r, s, clause, told)
            previous_clause = clause
            continue
        sub_type, cue = found
        if is_unreal(s.folded, clause, cue, lex) or is_tally(s.folded, clause, cue, lex):
            continue  # a plan, a threat, a denial, a count of many incidents
        own_date = choose_date(s.dates, clause, cue[0])
        if own_date is not None and own_date.start > cue[1] and \
                lex.retaliation.search(s.folded, cue[1], own_date.start):
            own_date = None  # "these raids, in retaliation for the attack of Friday 27 December": that attack's
        if own_date is not None and covered(lex.event_anaphora, s.folded, clause, own_date):
            own_date = None  # "Monday's barrage", "today's attack": a reference, not a new date
        if own_date is not None and own_date.kind == "relative" and quoted(s.sentence.text, own_date.start):
            own_date = None  # "earlier this evening" in a quotation: the speaker's day, not ours
        if own_date is not None and sub_type is None and not (
                same_phrase(s.folded, own_date.start, cue[0]) or _opens(s.folded, clause, own_date)
                or min(abs(cue[0] - own_date.end), abs(own_date.start - cue[1])) <= 60):
            # "who came to power last year ... the attack", "... the assault, the ministry said on
            # Wednesday": not the attack's date; one earlier in the sentence may be
            own_date = choose_date([e for e in s.dates if e.end <= clause.start], clause, cue[0])
        if own_date is not None and own_date.span is not None and \
                own_date.span.days > Reach.of().summary_days and not _names_place(r, s, clause, cue):
            continue  # "over six weeks this summer, five depots have exploded": a season summed up
        undated = (own_date is None or not clause.holds(own_date.start)) and not _first_of_section(r)
        since = since_here(s, clause, cue, undated)
        if since is not None:
            told_then = since_when(r, s, since, clause)
            if told_then is None:
                _add_details(r, s, clause, told)
                continue  # "attacks have grown bolder since October, when the first rockets landed"
            own_date, undated = told_then, False  # "since January 2020, when Iran fired at Ain al-Asad"
        found_answer = lex.retaliation.search(s.folded, clause.start, clause.end)
        # a reprisal cue before the incident's ("In retaliation, US jets struck...")
        answer = found_answer if found_answer is not None and found_answer.start() < cue[0] else None
        introduces = answer is not None and bool(lex.retaliation_introduces.search(answer.group()))
        reprisal = answer is not None and not introduces and not \
            lex.event_anaphora.search(s.folded, clause.start, answer.start())
        definite = is_definite(s.folded, cue, lex)
        if definite and own_date is not None and lex.claim.search(s.folded, clause.start, clause.end):
            own_date, undated = None, True  # "JNIM claimed the attack on Sunday": the claim's day
        told_before = definite and any(
            compatible_types(sub_type, m.sub_event_type) and (
                undated or own_date is None or m.date is None or own_date.span is None
                or m.date.overlaps(own_date.span))
            for m in r.mentions)
        # "71 soldiers were killed in the assault on...": the lead's first incident, one ("attacks" are many)
        lead = not r.mentions and s.sentence.paragraph <= 1 and \
            not s.folded[cue[0]:cue[1]].rstrip().endswith(("s", "x"))
        if not reprisal and sub_type is None and (undated or told_before) and not lead:
            _add_details(r, s, clause, told)  # "the attack", "the attacks"
            continue
        if not reprisal and definite and undated and r.mentions and _attributes(lex, s.folded, clause):
            _add_details(r, s, clause, told, attribution_only=True)
            continue  # "Trump accused Iran of orchestrating the assault on the embassy": who did one told
        if not reprisal and definite and undated and not told_before and not lead and \
                sub_type not in TypeRules.of().told_as_known:
            _add_details(r, s, clause, told, attribution_only=True)
            continue  # "killed in the same US drone strike as Soleimani": another incident, told before
        mention = _new_mention(r, s, clause, sub_type, cue, own_date, reprisal)
        if clause.joined and previous_clause is not None and not any(
                x.role == "perpetrator" for x in mention.actors.values()):
            shared_subject(r, s, mention, previous_clause)
        mention.sub_event_type = type_for_parties(mention, r.kb)
        mention.quote(s.sentence)
        apart = told if introduces else []  # "X struck, in retaliation for an attack that...": not X
        target = None if mention.follows_other else _merge_target(r, s, mention, clause,
                                                                  told_before and undated, apart)
        if target is None:
            r.mentions.append(mention)
            final = mention
        else:
            absorb(target, mention, r.kb.ancestors, lambda place: vague(place, r.kb))
            final = target
        _link(r, s, final, clause, answer, introduces)
        told.append(final)
        previous_clause = clause
    claims(r, s, told)
    if told:
        r.last_sentence_mentions = told
        r.last_sentence = s.sentence.index
    else:
        set_scene(r, s)


def _toll_told(r: Reading, s: SentenceView, clause: Clause, told: list[Mention]) -> tuple[None, tuple[int, int]] | None:
    """A clause that names no incident but says people were killed, where and when ("At least
    three civilians were killed in the village of X on Saturday night"): an attack of no stated
    kind, the words of its toll as its cue. Not one that adds to an incident this sentence or
    the one before told, nor a possibility ("may have been killed")."""
    if told or (r.mentions and r.last_sentence == s.sentence.index - 1):
        return None
    tolls = find_tolls(s.sentence.text[clause.start:clause.end], r.language)
    if not tolls.killed or r.cues.tally.search(s.folded, clause.start, clause.end):
        return None
    evidence = next((clause.start + a, clause.start + b) for name, a, b in tolls.evidence if name == "killed")
    if r.cues.unreal.search(s.folded, *evidence):
        return None
    dated = any(clause.holds(e.start) and e.kind in ("absolute", "weekday", "relative") for e in s.dates)
    placed = any(n.kind == "location" and clause.holds(n.start) for n in s.names) or \
        any(clause.holds(c.start) for c in s.new_places)
    return (None, evidence) if dated and placed else None


def _attributes(lex: EventCues, folded: str, clause: Clause) -> bool:
    """Whether a clause lays blame, claims or denies ("accused Iran of orchestrating the
    assault", "X claimed the attack", "Y denied any role in the strike")."""
    roles = lex.roles
    return any(pattern.search(folded, clause.start, clause.end) for pattern in (
        roles["suspected_before_actor"], roles["suspected_after_actor"], roles["denied_after_actor"], lex.claim))


def _opens(folded: str, clause: Clause, expr: TimeExpression) -> bool:
    """Whether a date opens the clause, set off by a comma, and so dates all of it ("Yesterday,
    Wednesday 2 March, it was the police headquarters that were hit")."""
    return len(folded[clause.start:expr.start].split()) <= 2 and folded[expr.end:clause.end].lstrip().startswith(",")


def _first_of_section(r: Reading) -> bool:
    """Whether a dated section is being read whose heading no incident has taken up yet."""
    return r.section is not None and not any(m.paragraph >= r.section.paragraph for m in r.mentions)


def _place_before(r: Reading, s: SentenceView, clause: Clause) -> tuple[str | None, PlaceCandidate | None]:
    """The most precise place named in the sentence before a clause, known or new ("celui
    d'Indelimane, dans le nord-est du Mali voisin, où...": Indelimane)."""
    known = [(specificity(r.kb.locations[n.id].kind), n.end, n.id) for n in s.names
             if n.kind == "location" and n.end <= clause.start]
    new = [(specificity(c.kind), c.end, c) for c in s.new_places if c.end <= clause.start]
    best_known, best_new = max(known, default=None), max(new, default=None, key=lambda x: x[:2])
    if best_new is not None and (best_known is None or best_new[:2] > best_known[:2]):
        return None, best_new[2]
    return (best_known[2], None) if best_known else (None, None)


def _names_place(r: Reading, s: SentenceView, clause: Clause, cue: tuple[int, int]) -> bool:
    """Whether a clause names where its incident happened, known to the base or not."""
    return choose_place(r, s, clause, cue[0]) is not None or any(clause.holds(c.start) for c in s.new_places)


def _new_mention(r: Reading, s: SentenceView, clause: Clause, sub_type: str | None, cue: tuple[int, int],
                 expr: TimeExpression | None, reprisal: bool) -> Mention:
    """The mention a clause makes of a new incident: its date, place, actors and tolls."""
    lex, kb, sentence = r.cues, r.kb, s.sentence
    m = Mention(r.article.id, sentence.index * 1000 + clause.start, sentence.paragraph, sub_type,
                sentence=sentence.index, cue=sentence.text[cue[0]:cue[1]])
    m.follows_other = reprisal or (expr is not None and expr.kind == "event-relative"
                                   and relative_offset(expr, cue[0], lex) != 0) or any(
        a.end() >= cue[0] or same_phrase(s.folded, a.end(), cue[0])
        for a in lex.another.finditer(s.folded, max(clause.start, cue[0] - 60), cue[1]))
    date_mention(r, s, m, clause, cue, expr, reprisal)
    m.location = choose_place(r, s, clause, cue[0])
    m.names_places = m.location is None and any(n.kind == "location" and clause.holds(n.start)
                                                for n in s.names)
    known_rank = PlaceKinds.of().specificity(kb.locations[m.location].kind) if m.location else -1
    m.new_place = choose_new_place(r, s, clause, known_rank)
    scene = current_scene(r, m) or r.section
    if scene is not None and scene.place and m.new_place is None and \
            (m.location is None or m.location in kb.ancestors(scene.place)):
        m.location = scene.place  # "... outside Saqlawiya. 643 of them are still missing."
    if scene is not None and scene.new_place is not None and m.new_place is None and \
            (m.location is None or m.location == scene.place or m.location in kb.ancestors(scene.place or "")):
        m.new_place = scene.new_place  # "At the church in the town of K., hundreds gathered on Sunday. Then a blast..."
    if m.location is None and m.new_place is None and (clause.at_place or clause.relative):
        m.location, m.new_place = _place_before(r, s, clause)  # "..., where 49 soldiers died", "X, which..."
        if m.location is None and m.new_place is None:  # "The sprawling base, which hosts US troops, had been..."
            m.location = place_pointed_to(r, s, Clause(0, clause.start), m.follows_other)
    if m.location is None and m.new_place is None:
        pointed = new_place_pointed_to(r, s, clause, m.follows_other)
        if pointed is not None:
            m.new_place = pointed  # "the town": the new place the incident told is in
        else:
            m.location = place_pointed_to(r, s, clause, m.follows_other)
    _details_into(r, s, m, clause, cue, role_floor(r, s, clause, cue))
    return m


# --- clauses that add to an incident ------------------------------------------------------------


def _add_details(r: Reading, s: SentenceView, clause: Clause, told: list[Mention],
                 attribution_only: bool | None = False) -> None:
    """A clause that names no new incident adds to the one(s) being told: the last of this
    sentence; one pointed to by its place ("the attack on K1 base"); those of the sentence
    before ("Neither attack caused casualties"). Blame laid on "the attacks" goes to all the
    article's attacks. Across a paragraph break only tolls carry over."""
    lex, kb = r.cues, r.kb
    follows = r.last_sentence == s.sentence.index - 1
    refers_back = bool(lex.event_anaphora.search(s.folded, clause.start, clause.end))
    place = choose_place(r, s, clause) if refers_back else None
    at_place = [m for m in r.mentions if place and m.location == place]
    if place and not at_place:  # "the strikes hit positions near Hilla": those placed in Iraq, not Harir
        at_place = sorted((m for m in r.mentions if m.location and m.location in kb.ancestors(place)
                           and not told), key=lambda m: m.sentence)
    if lex.collective.search(s.folded, clause.start, clause.end) and not told:
        probe = Mention(r.article.id, 0, s.sentence.paragraph, None)
        _details_into(r, s, probe, clause, None)
        r.blame += [x for x in probe.actors.values() if x.role == "suspected-perpetrator"]
        targets = r.last_sentence_mentions if follows else []
        attribution_only = None  # "Neither attack caused casualties": tolls for each, no actors
    elif at_place:
        targets = at_place[-1:]
    elif told:
        targets = told[-1:]
        refers_back = False  # "..., which were blamed for the attack on K1 base": not to be placed there
    elif follows and len(r.last_sentence_mentions) > 1 and not refers_back:
        targets = r.last_sentence_mentions[:1]  # "X struck, five days after Y. None was hurt": of X
    elif refers_back and (recent := r.recent(s.sentence.paragraph)) is not None:
        targets = [recent]
    else:
        last = r.last()
        near = last is not None and s.sentence.paragraph - last.paragraph <= 1 and \
            last.sentence >= s.sentence.index - Reach.of().toll_sentences
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
            said = _tolls_into(r, s, m, clause)
        elif attribution_only:
            said = _attribution_into(r, s, m, clause)
            if refers_back and m.sentence >= s.sentence.index - 2:  # "The attack in the town of K. was claimed by..."
                said = refine_place(r, s, m, clause, new=True) or said
        elif m.paragraph == s.sentence.paragraph or pointing:
            said = _details_into(r, s, m, clause, None)
            if not (told and lex.event_anaphora.search(s.folded, clause.start, clause.end)):
                said = refine_place(r, s, m, clause, new=refers_back) or said
        else:
            said = _tolls_into(r, s, m, clause) | _attribution_into(r, s, m, clause)
            if m.sentence >= s.sentence.index - 2:
                said = refine_place(r, s, m, clause) or said
        if said:
            m.quote(s.sentence)
            m.sentence = max(m.sentence, s.sentence.index)  # told here too
            m.paragraph = max(m.paragraph, s.sentence.paragraph)
            r.last_sentence = s.sentence.index


def _opens_with_answer(lex: EventCues, folded: str, clause: Clause) -> bool:
    """Whether the clause begins with a reprisal cue ("in retaliation for ...")."""
    m = lex.retaliation.search(folded, clause.start, clause.end)
    return m is not None and not folded[clause.start:m.start()].strip(" ,")


def _details_into(r: Reading, s: SentenceView, m: Mention, clause: Clause, cue: tuple[int, int] | None,
                  floor: int | None = None) -> bool:
    """Add what a clause says of an incident (tolls, weapons, actors); whether it said anything."""
    said = _tolls_into(r, s, m, clause)
    scope = clause
    if clause.relative:  # "Hezbollah brigades, which were blamed for...": the actor before it
        antecedent = [a for a in s.actors if a.end <= clause.start]
        if antecedent:
            scope = Clause(antecedent[-1].start, clause.end)
    for a in s.actors:
        if not (scope.holds(a.start) or scope.start <= a.end <= scope.end):
            continue
        role = role_of(r, s, a, scope, cue, floor)
        if role is None:
            continue
        if role.role == "suspected-perpetrator":
            role.blamed_by = blamers(s.actors, s.folded, a, r.cues)
        m.add_role(role)
        said = True
    if r.cues.intervention.search(s.folded, clause.start, clause.end):
        m.intervention = said = True
    return said


def _attribution_into(r: Reading, s: SentenceView, m: Mention, clause: Clause) -> bool:
    """Blame, claims and denials carry across paragraphs to the incident being told."""
    probe = Mention(r.article.id, 0, s.sentence.paragraph, None)
    _details_into(r, s, probe, clause, None)
    said = False
    for role in probe.actors.values():
        if role.role == "suspected-perpetrator" or role.claimed or role.denied:
            m.add_role(role)
            said = True
    return said


def _tolls_into(r: Reading, s: SentenceView, m: Mention, clause: Clause) -> bool:
    """Add the tolls and weapons a clause gives (none said only as a possibility)."""
    lex = r.cues
    tolls = find_tolls(s.sentence.text[clause.start:clause.end], r.language)
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


# --- one incident told twice within the article --------------------------------------------------


def _merge_target(r: Reading, s: SentenceView, n: Mention, clause: Clause, refers_back: bool = False,
                  apart: Sequence[Mention] = ()) -> Mention | None:
    """The incident already told that this mention tells again, if any (`refers_back`: the
    clause names it with a definite article, "the firing of 30 rockets")."""
    lex, kb = r.cues, r.kb
    refers_back = refers_back or bool(lex.event_anaphora.search(s.folded, clause.start, clause.end))
    anaphoric = refers_back or lex.place_anaphora_kind(s.folded, clause.start, clause.end) is not None
    for p in reversed(r.mentions):
        if any(p is q for q in apart) or _roles_clash(n, p) or _victims_differ(r, n, p):
            continue
        if not compatible_types(n.sub_event_type, p.sub_event_type) and not _same_strike(n, p) \
                and not _told_in_other_words(r, n, p):
            continue
        if refers_back and not n.explicit_date:
            return p  # "the assault", "l'attaque": the incident just told, wherever it names
        if n.date and p.date and not n.date.overlaps(p.date):
            continue
        if n.new_place is not None and p.new_place is not None and n.new_place.name != p.new_place.name:
            continue  # two villages the base does not know
        if not places_agree(known_place(n, kb), known_place(p, kb), kb):
            continue
        if not n.explicit_date and (anaphoric or p.paragraph >= n.paragraph - 2):
            return p
        if n.explicit_date and n.date and p.date and (n.date.contains(p.date) or p.date.contains(n.date)) \
                and (n.location == p.location or anaphoric or n.location is None
                     or n.sub_event_type == p.sub_event_type):
            return p  # the same day, the same kind, a place within the other (places agree)
    return None


def _roles_clash(a: Mention, b: Mention) -> bool:
    """An actor that struck in one and was struck in the other: two incidents. Protesters
    are both the doers of a protest and those the police fired on; in a battle each side
    is both."""
    rules, same = RoleRules.of(), family(a.sub_event_type) == family(b.sub_event_type)
    if same and family(a.sub_event_type) in rules.every_actor_both:
        return False

    def doers(m: Mention) -> set[str]:
        return {x for x, r in m.actors.items() if r.role == "perpetrator"}

    both = doers(a) & _targets(b) | doers(b) & _targets(a)
    if same:
        both -= rules.actors_both.get(family(a.sub_event_type) or "", frozenset())
    return bool(both)


def _victims_differ(r: Reading, a: Mention, b: Mention) -> bool:
    """Two mentions whose sentences count victims of different groups ("three civilians were
    killed", "three soldiers were injured when their vehicle hit a mine"): two incidents."""
    one, other = struck_groups(a, r.language), struck_groups(b, r.language)
    return bool(one) and bool(other) and not set(one) & set(other)


def _told_in_other_words(r: Reading, n: Mention, p: Mention) -> bool:
    """Related types at one precise place on one day ("a missile and an explosives-laden drone
    hit the base"): one incident told in other words (merge.yml's related_types)."""
    if n.location is None or n.location != p.location or n.date is None or n.date != p.date or n.date.days > 1:
        return False
    return MergeRules.of().related(n.sub_event_type, p.sub_event_type, specificity(r.kb.locations[n.location].kind))


def _same_strike(n: Mention, p: Mention) -> bool:
    """Remote violence told twice with different words ("a drone strike" then "missiles hit
    the cars"): the same incident when the two name the same target on the same day."""
    if {n.sub_event_type, p.sub_event_type} - TypeRules.of().remote_violence or n.date != p.date:
        return False
    return bool(_targets(n) & _targets(p))


def _targets(m: Mention) -> set[str]:
    return {a for a, r in m.actors.items() if r.role == "target"}


def _link(r: Reading, s: SentenceView, final: Mention, clause: Clause, answer: re.Match | None,
          introduces: bool) -> None:
    """Relations to the incident told before: a reprisal, or a few hours after."""
    earlier = [m for m in r.mentions if m is not final]
    if not earlier:
        return
    previous = max(earlier, key=lambda m: m.sentence)
    if answer is not None:
        if introduces or r.cues.event_anaphora.search(s.folded, clause.start, answer.start()):
            pair = (previous, final)   # "... in retaliation for a rocket attack", "a direct answer to"
        else:
            pair = (final, previous)   # "In retaliation, US jets struck..."
        relation = ("retaliation-for", pair[1])
        if relation not in pair[0].relations:
            pair[0].relations.append(relation)
        if final.date is None and previous.date:
            final.date = shifted(previous.date, None)
        return
    if shortly_after(r, s, clause):
        relation = ("shortly-after", previous)
        if relation not in final.relations:
            final.relations.append(relation)
