"""The toll of one sentence: killed, injured and weapons, in English and French."""

from __future__ import annotations

import pytest

from builder.extract.tolls import Tolls, find_tolls


def toll(language: str, sentence: str) -> tuple[int | None, int | None]:
    found = find_tolls(sentence, language)
    return found.killed, found.injured


# --- killed, injured and weapons kept apart ---------------------------------------------


@pytest.mark.parametrize("language, sentence", [
    ("en", "The raid killed at least 12 militiamen and wounded at least 30 more."),
    ("fr", "Le raid a tué au moins douze miliciens et blessé une trentaine d'autres."),
])
def test_killed_and_injured_of_one_sentence_stay_apart(language, sentence):
    assert toll(language, sentence) == (12, 30)


@pytest.mark.parametrize("language, sentence, weapon", [
    ("en", "Twelve mortar shells fell on the camp, killing two.", "mortar round"),
    ("fr", "Douze obus de mortier sont tombés sur le camp, tuant deux soldats.", "mortar round"),
])
def test_a_count_of_weapons_is_not_a_toll(language, sentence, weapon):
    found = find_tolls(sentence, language)
    assert (found.killed, found.injured, found.weapons) == (2, None, [(weapon, 12)])


@pytest.mark.parametrize("language, sentence", [
    ("en", "The bombing left 14 dead and 40 wounded."),
    ("fr", "L'attentat a fait 14 morts et 40 blessés."),
    ("en", "14 killed, 40 injured in market bombing"),
])
def test_toll_nouns_give_their_own_count(language, sentence):
    assert toll(language, sentence) == (14, 40)


# --- voices and forms -------------------------------------------------------------------


@pytest.mark.parametrize("language, sentence", [
    ("en", "Nine soldiers were killed."), ("fr", "Neuf soldats ont été tués."),
    ("en", "Nine soldiers have reportedly been killed."), ("fr", "Neuf soldats ont tous été tués."),
])
def test_passive_verb_counts_the_people_before_it(language, sentence):
    assert toll(language, sentence) == (9, None)


@pytest.mark.parametrize("language, sentence", [
    ("en", "Six pilgrims died in the blast."), ("fr", "Six pèlerins ont péri dans l'explosion."),
    ("en", "Six pilgrims lost their lives."), ("fr", "Six pèlerins ont trouvé la mort."),
])
def test_verbs_of_dying_count_the_people_before_them(language, sentence):
    assert toll(language, sentence) == (6, None)


@pytest.mark.parametrize("language, sentence", [
    ("en", "Four soldiers killed in ambush near Kirkuk"),
    ("fr", "Quatre soldats américains tués dans une embuscade"),
])
def test_a_participle_right_after_the_count(language, sentence):
    assert toll(language, sentence) == (4, None)


@pytest.mark.parametrize("language, sentence", [
    ("en", "The blast tore through the market, killing 31 shoppers."),
    ("fr", "L'explosion a ravagé le marché, tuant 31 clients."),
    ("en", "A drone fired at the car, killing its three occupants."),
    ("fr", "La frappe a coûté la vie à trois combattants."),
    ("en", "The blast caused the deaths of three guards."),
    ("fr", "L'explosion a causé la mort de trois gardes."),
])
def test_an_active_verb_counts_the_people_after_it(language, sentence):
    assert toll(language, sentence)[0] in (31, 3)


@pytest.mark.parametrize("language, sentence", [
    ("en", "Two gunmen killed three guards."), ("fr", "Deux hommes armés ont tué trois gardes."),
])
def test_an_active_verb_counts_its_object_not_its_subject(language, sentence):
    assert toll(language, sentence) == (3, None)


@pytest.mark.parametrize("language, sentence", [
    ("en", "The strike killed the group's commander."),
    ("fr", "La frappe a tué le commandant du groupe."),
    ("en", "Gunmen killed Major Ali Hassan on Monday."),
])
def test_people_named_without_a_count_give_no_toll(language, sentence):
    assert toll(language, sentence) == (None, None)


@pytest.mark.parametrize("language, sentence", [
    ("en", "The attack caused 14 casualties."), ("fr", "L'attaque a fait 14 victimes."),
    ("en", "Fourteen people were killed or wounded."),
    ("fr", "Quatorze personnes ont été tuées ou blessées."),
])
def test_casualties_are_not_split_into_killed_and_injured(language, sentence):
    assert toll(language, sentence) == (None, None)


# --- nobody hurt ------------------------------------------------------------------------


@pytest.mark.parametrize("language, sentence", [
    ("en", "No one was killed or wounded."),
    ("fr", "Personne n'a été tué ni blessé."),
    ("en", "No Kurdish or Iraqi soldier was killed or injured, officials said."),
    ("fr", "Aucun soldat kurde ou irakien n'a été tué ni blessé, selon l'armée."),
    ("en", "The drones hit the depot without causing casualties."),
    ("fr", "Les drones ont frappé le dépôt sans faire de victimes."),
    ("en", "Neither rocket caused casualties."),
    ("fr", "Ces tirs n'avaient pas fait de victimes."),
    ("en", "There were no deaths or injuries."),
    ("fr", "L'explosion n'a fait ni mort ni blessé."),
])
def test_nobody_hurt_is_zero_killed_and_zero_injured(language, sentence):
    assert toll(language, sentence) == (0, 0)


@pytest.mark.parametrize("language, sentence", [
    ("en", "The salvo caused no injuries."), ("fr", "La salve a frappé la base sans faire de blessés."),
    ("en", "Nobody was hurt."), ("fr", "Aucun blessé n'a été signalé."),
])
def test_no_injuries_leaves_the_death_toll_unknown(language, sentence):
    assert toll(language, sentence) == (None, 0)


@pytest.mark.parametrize("language, sentence", [
    ("en", "No one died, but three guards were hurt."),
    ("fr", "Personne n'est mort, mais trois gardes ont été blessés."),
])
def test_a_zero_and_a_count_of_the_other_toll(language, sentence):
    assert toll(language, sentence) == (0, 3)


@pytest.mark.parametrize("language, sentence", [
    ("en", "The embassy declined to comment on casualties."),
    ("en", "It was not clear whether there were casualties."),
    ("fr", "L'ambassade n'a pas commenté le bilan."),
])
def test_silence_on_casualties_is_not_zero(language, sentence):
    assert toll(language, sentence) == (None, None)


# --- sums, totals and parts -------------------------------------------------------------


@pytest.mark.parametrize("language, sentence, injured", [
    ("en", "Three Canadians and an Italian were wounded.", 4),
    ("fr", "Deux Italiens et un soldat canadien ont été blessés.", 3),
    ("en", "Five police officers and two members of a tribal militia were wounded.", 7),
    ("fr", "Deux gendarmes irakiens ainsi qu'un civil ont été blessés.", 3),
    ("en", "The blast wounded two officers, a driver and an interpreter.", 4),
    ("fr", "Deux gardes, l'un kurde et l'autre irakien, ainsi qu'un chauffeur ont été blessés.", 3),
])
def test_counts_of_people_joined_are_summed(language, sentence, injured):
    assert toll(language, sentence) == (None, injured)


@pytest.mark.parametrize("language, sentence", [
    ("en", "Eight people in all, six Syrians and two Iraqis, were killed."),
    ("fr", "Huit personnes au total, six Syriens et deux Irakiens, ont été tuées."),
    ("en", "The strike killed eight people, six Syrians and two Iraqis."),
])
def test_a_total_with_its_breakdown_counts_once(language, sentence):
    assert toll(language, sentence) == (8, None)


@pytest.mark.parametrize("language, sentence", [
    ("en", "Nine people were hurt, including at least two seriously."),
    ("fr", "Neuf personnes ont été blessées, dont deux grièvement."),
    ("en", "Nine people, among them two children, were hurt."),
    ("fr", "Neuf personnes, dont deux enfants, ont été blessées."),
    ("en", "The shelling wounded nine people, two of them critically."),
])
def test_a_part_of_a_count_is_not_added_to_it(language, sentence):
    assert toll(language, sentence) == (None, 9)


@pytest.mark.parametrize("language, sentence", [
    ("en", "Two officers were among the dead."), ("fr", "Deux officiers figurent parmi les morts."),
    ("en", "Two officers were among those killed."), ("en", "Two of the wounded are in a coma."),
    ("fr", "Deux des blessés sont dans un état grave."),
    ("fr", "Deux officiers figurent parmi les tués et trois parmi les blessés."),
])
def test_a_part_of_the_toll_alone_gives_no_toll(language, sentence):
    assert toll(language, sentence) == (None, None)


@pytest.mark.parametrize("language, sentence", [
    ("en", "Some 2,500 troops remain there, and 12 of them were injured."),
    ("fr", "Quelque 2 500 soldats y restent, et 12 d'entre eux ont été blessés."),
])
def test_a_part_that_is_the_subject_is_the_toll(language, sentence):
    assert toll(language, sentence) == (None, 12)


# --- one person -------------------------------------------------------------------------


@pytest.mark.parametrize("language, sentence", [
    ("en", "The shell hit a school, wounding a child."),
    ("fr", "L'obus est tombé sur une école, blessant un enfant."),
    ("en", "A police officer was wounded."), ("fr", "Un policier a été blessé."),
    ("en", "A police colonel was wounded."), ("fr", "Un capitaine de police a été blessé."),
    ("en", "The child was injured in the head."), ("fr", "L'enfant a été blessé à la tête."),
])
def test_a_single_person_counts_one(language, sentence):
    assert toll(language, sentence) == (None, 1)


@pytest.mark.parametrize("language, sentence", [
    ("en", "Gunmen opened fire, killing an Iraqi interpreter."),
    ("fr", "Des hommes armés ont ouvert le feu, tuant un interprète irakien."),
    ("fr", "Un sous-traitant américain a été tué."),
])
def test_a_single_person_of_a_nationality_counts_one(language, sentence):
    assert toll(language, sentence) == (1, None)


@pytest.mark.parametrize("language, sentence", [
    ("en", "Hassan, 45, was killed in the raid."), ("fr", "Hassan, 45 ans, a été tué lors du raid."),
])
def test_an_age_is_not_a_toll(language, sentence):
    assert toll(language, sentence) == (None, None)


# --- injuries under other names, stated minimums ----------------------------------------


@pytest.mark.parametrize("language, sentence", [
    ("en", "Fifty troops were diagnosed with concussions."),
    ("en", "Fifty troops suffered traumatic brain injuries."),
    ("fr", "Cinquante soldats souffrent de commotions cérébrales."),
    ("fr", "Cinquante militaires ont reçu un diagnostic de traumatisme crânien."),
])
def test_brain_injuries_and_concussions_are_injuries(language, sentence):
    assert toll(language, sentence) == (None, 50)


@pytest.mark.parametrize("language, sentence", [
    ("en", "More than 20 protesters were injured."), ("fr", "Plus de vingt manifestants ont été blessés."),
    ("en", "At least 20 protesters were injured."), ("fr", "Au moins 20 manifestants ont été blessés."),
])
def test_a_minimum_gives_the_stated_number(language, sentence):
    assert toll(language, sentence) == (None, 20)


# --- weapons ----------------------------------------------------------------------------


@pytest.mark.parametrize("language, sentence, weapons", [
    ("en", "A rocket struck the runway.", [("rocket", 1)]),
    ("fr", "Une roquette a frappé la piste.", [("rocket", 1)]),
    ("en", "Rockets struck the airport.", [("rocket", None)]),
    ("fr", "Des roquettes ont frappé l'aéroport.", [("rocket", None)]),
    ("en", "Four Katyusha rockets fell near the embassy.", [("Katyusha rocket", 4)]),
    ("fr", "Quatre roquettes Katioucha sont tombées près de l'ambassade.", [("Katyusha rocket", 4)]),
    ("en", "Two roadside bombs exploded.", [("roadside bomb", 2)]),
    ("fr", "Une voiture piégée a explosé.", [("car bomb", 1)]),
    ("fr", "Deux engins explosifs improvisés ont été désamorcés.", [("IED", 2)]),
    ("en", "Police found a rocket launcher and two rockets.", [("rocket launcher", 1), ("rocket", 2)]),
])
def test_weapons_with_their_own_count(language, sentence, weapons):
    assert find_tolls(sentence, language).weapons == weapons


@pytest.mark.parametrize("language, sentence", [
    ("en", "Iran launched more than a dozen ballistic missiles."),
    ("fr", "L'Iran a lancé plus d'une douzaine de missiles balistiques."),
    ("fr", "Le Pentagone a fait état de « plus d'une douzaine » de missiles balistiques."),
])
def test_a_minimum_count_of_weapons(language, sentence):
    assert find_tolls(sentence, language).weapons == [("ballistic missile", 12)]


@pytest.mark.parametrize("language, sentence, weapons", [
    ("en", "About 3,000 troops are based there.", []),
    ("fr", "Environ 750 parachutistes ont été envoyés.", []),
    ("en", "There have been three dozen rocket attacks since May.", [("rocket", None)]),
    ("fr", "Une vingtaine d'attaques à la roquette ont eu lieu depuis mai.", [("rocket", None)]),
    ("en", "One of the rockets hit a hangar.", [("rocket", None)]),
    ("en", "The missile defence system was switched on.", []),
    ("fr", "Le système de défense antimissile a été activé.", []),
])
def test_counts_that_are_not_of_weapons_fired(language, sentence, weapons):
    found = find_tolls(sentence, language)
    assert (found.killed, found.injured, found.weapons) == (None, None, weapons)


def test_a_weapon_named_twice_keeps_its_first_count():
    found = find_tolls("Five rockets were fired; the rockets hit a depot and two more rockets fell.", "en")
    assert found.weapons == [("rocket", 5)]


# --- evidence and the quick path --------------------------------------------------------


@pytest.mark.parametrize("language, sentence, killed_text, weapon_text", [
    ("en", "Three rockets hit the base, killing two soldiers.", "killing two soldiers", "Three rockets"),
    ("fr", "Trois roquettes ont frappé la base, tuant deux soldats.", "tuant deux soldats",
     "Trois roquettes"),
])
def test_evidence_gives_the_span_of_each_value(language, sentence, killed_text, weapon_text):
    spans = {field: sentence[start:end] for field, start, end in find_tolls(sentence, language).evidence}
    assert spans == {"killed": killed_text, "weapons": weapon_text}


@pytest.mark.parametrize("language, sentence", [
    ("en", "Parliament voted on Sunday to ask 5,200 troops to leave."),
    ("fr", "Le parlement a voté dimanche."),
])
def test_a_sentence_without_toll_or_weapon_gives_nothing(language, sentence):
    assert find_tolls(sentence, language) == Tolls(None, None, [], [])


@pytest.mark.parametrize("language, sentence", [
    ("en", "Hisham al-Hashimi was shot dead outside his home on Monday."),
    ("fr", "Le militant Ihab al-Wazni a été abattu peu après minuit."),
])
def test_a_person_named_before_a_verb_of_killing_counts_one(language, sentence):
    assert find_tolls(sentence, language).killed == 1
    assert find_tolls(sentence, language).named == frozenset({"killed"})
