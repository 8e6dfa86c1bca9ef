"""Event mentions beyond rockets and strikes: territory, looting, massacres, protests fired on,
explosions of no stated cause, and the rules that type an incident by who took part.

Every article here is written for the test, in phrasings of its own.
"""

from __future__ import annotations

from datetime import date

import pytest
from extraction import mentions, only, roles

from builder.records.model import DateSpan


def day(text: str) -> DateSpan:
    return DateSpan.day(date.fromisoformat(text))


# --- kinds of incident --------------------------------------------------------------------


@pytest.mark.parametrize("body, language, sub_event_type", [
    ("Army units and federal police recaptured Baiji from the Islamic State on Sunday.", "en",
     "Government regains territory"),
    ("Islamic State fighters overran the town of Hit on Monday.", "en",
     "Non-state actor overtakes territory"),
    ("Samedi, les jihadistes de l'EI se sont emparés de Sinjar.", "fr", "Non-state actor overtakes territory"),
    ("L'armée irakienne a repris dimanche le contrôle de Tal Afar.", "fr", "Government regains territory"),
    ("Gunmen looted shops and set fire to homes in Tuz Khurmatu on Tuesday.", "en",
     "Looting/property destruction"),
    ("Des hommes en uniforme ont pillé des maisons à Falloujah samedi.", "fr", "Looting/property destruction"),
    ("Militants massacred dozens of villagers near Sinjar on Friday.", "en", "Attack"),
    ("Mardi, au moins six civils ont été tués par des tireurs embusqués à Mossoul.", "fr", "Attack"),
    ("A suicide truck bomber struck a checkpoint in Samarra on Monday.", "en", "Suicide bomb"),
    ("Un camion piégé a explosé devant un marché de Kirkouk lundi.", "fr", "Remote explosive/landmine/IED"),
    ("Iraqi troops launched an offensive to retake Hawija on Thursday.", "en", "Armed clash"),
    ("Police found a weapons cache in the Hamrin mountains on Wednesday.", "en", "Disrupted weapons use"),
    ("Intelligence officers apprehended four suspects in Kirkuk on Sunday.", "en", "Arrests"),
])
def test_more_kinds_of_incident_get_their_acled_type(tmp_path, body, language, sub_event_type):
    assert only(mentions(tmp_path, body, language)).sub_event_type == sub_event_type


def test_territory_taken_by_state_forces_is_regained_and_by_a_group_overtaken(tmp_path):
    by_army = only(mentions(tmp_path / "a", "Iraqi troops took control of Rutba on Saturday."))
    by_group = only(mentions(tmp_path / "b", "Islamic State fighters took control of Rutba on Saturday."))
    assert by_army.sub_event_type == "Government regains territory"
    assert by_group.sub_event_type == "Non-state actor overtakes territory"


def test_territory_needs_a_place(tmp_path):
    assert mentions(tmp_path, "The fall of the old regime was celebrated on Monday.") == []


def test_an_arrest_by_an_armed_group_is_an_abduction(tmp_path):
    m = only(mentions(tmp_path, "Kataib Hezbollah fighters detained three engineers in Jurf al-Sakhar "
                                "on Monday."))
    assert m.sub_event_type == "Abduction/forced disappearance"


def test_soldiers_who_storm_an_office_raid_it_they_do_not_riot(tmp_path):
    m = only(mentions(tmp_path, "American soldiers stormed an office in Erbil before dawn on Thursday and "
                                "detained six staff members."))
    assert m.sub_event_type == "Arrests"


def test_security_forces_shooting_protesters_is_excessive_force(tmp_path):
    m = only(mentions(tmp_path, "Riot police shot dead four protesters in Nasiriyah on Friday."))
    assert m.sub_event_type == "Excessive force against protesters" and m.killed == 4


def test_a_protest_broken_up_with_tear_gas_without_a_protest_word_before(tmp_path):
    m = only(mentions(tmp_path, "Dimanche matin, des centaines de personnes se sont rassemblées devant le "
                                "gouvernorat de Bassora. Les policiers ont fait usage de gaz lacrymogènes "
                                "pour les disperser.", "fr", "2021-05-10"))
    assert m.sub_event_type == "Protest with intervention" and m.date == day("2021-05-09")


def test_a_depot_that_blew_up_is_typed_other(tmp_path):
    m = only(mentions(tmp_path, "A huge explosion tore through an ammunition depot at Camp Taji on "
                                "Tuesday, sending rockets into nearby fields."))
    assert m.sub_event_type == "Other" and m.location == "camp-taji"


def test_an_explosion_claimed_by_an_armed_group_is_a_bomb(tmp_path):
    m = only(mentions(tmp_path, "On Monday, an explosion claimed by the Islamic State killed nine people "
                                "at a market in Tikrit."))
    assert m.sub_event_type == "Remote explosive/landmine/IED"


def test_an_attack_of_no_stated_kind_on_an_army_post_by_a_group_is_a_clash(tmp_path):
    m = only(mentions(tmp_path, "JNIM fighters attacked an army post near Djibo on Sunday, killing 12 "
                                "soldiers.", published="2024-03-05"))
    assert m.sub_event_type == "Armed clash" and roles(m)["jnim"] == "perpetrator"


@pytest.mark.parametrize("body, language", [
    ("Washington has long accused Tehran of supplying the militias with roadside bombs capable of "
     "piercing armour.", "en"),
    ("Sixty people have been killed and hundreds wounded across the south since the unrest began.", "en"),
    ("Plus de 1 400 civils ont été tués au cours du seul mois d'août, selon l'ONU.", "fr"),
    ("The troops are due to leave Baghdad by Dec. 31, and a wave of rockets hit the embassy in recent "
     "weeks.", "en"),
])
def test_supplies_counts_and_plans_are_not_incidents(tmp_path, body, language):
    assert mentions(tmp_path, body, language) == []


# --- dates --------------------------------------------------------------------------------


def test_a_dated_sentence_that_tells_no_incident_sets_the_day_for_the_next(tmp_path):
    found = mentions(tmp_path, "Sunday 6 April was one of the bloodiest days in Baghdad for months. Two "
                               "rockets slammed into the Green Zone, killing two soldiers.",
                     published="2008-04-07")
    assert only(found).date == day("2008-04-06")


def test_a_month_of_the_same_year_takes_the_year_told_before(tmp_path):
    found = mentions(tmp_path, "En mars 2022, des missiles ont frappé Erbil. En septembre de la même "
                               "année, des frappes de drones ont visé Koya.", "fr", "2024-01-17")
    assert [m.date for m in found] == [DateSpan.month(2022, 3), DateSpan.month(2022, 9)]


def test_since_a_date_when_an_incident_happened_at_a_named_place_is_that_incident(tmp_path):
    m = only(mentions(tmp_path, "It is the first such attack since January 2020, when Iran fired ballistic "
                                "missiles at Ain al-Asad air base.", published="2022-03-13"))
    assert m.location == "ain-al-asad" and m.date == DateSpan.month(2020, 1)


def test_a_night_told_with_a_time_after_midnight_is_its_second_day(tmp_path):
    m = only(mentions(tmp_path, "Dans la nuit de samedi à dimanche, peu après minuit, un militant a été "
                                "abattu à Kerbala.", "fr", "2021-05-10"))
    assert m.date == day("2021-05-09")


def test_a_claim_made_on_another_day_does_not_make_another_attack(tmp_path):
    found = mentions(tmp_path, "Gunmen killed seven villagers near Kaya on Saturday. The group claimed "
                               "the attack on Monday.", published="2024-08-27")
    assert len(found) == 1 and found[0].date == day("2024-08-24")


# --- places -------------------------------------------------------------------------------


def test_a_place_introduced_by_what_it_is_is_known_when_named_again(tmp_path):
    found = mentions(tmp_path, "Tribal fighters massed around Zarqa, a small town on the river, on Monday. "
                               "On Tuesday they drove the army out of Zarqa.", published="2023-08-30")
    taken = only([m for m in found if m.sub_event_type and "territory" in m.sub_event_type])
    assert taken.new_place is not None and taken.new_place.name == "Zarqa"


def test_a_place_in_a_quoted_chant_is_not_where_it_happened(tmp_path):
    m = only(mentions(tmp_path, "Des centaines de manifestants ont défilé à Kerbala samedi en scandant "
                                "« Iran dehors ! ».", "fr"))
    assert m.location == "karbala"


def test_the_town_points_back_to_the_town_of_the_incident_told(tmp_path):
    found = mentions(tmp_path, "Homes were looted in Tuz Khurmatu, south of Kirkuk, on Monday. At least "
                               "forty houses in the town were torched, its mayor said.",
                     published="2017-10-18")
    assert only(found).location == "tuz-khurmatu"


# --- actors -------------------------------------------------------------------------------


def test_the_subject_of_the_verb_is_the_perpetrator(tmp_path):
    m = only(mentions(tmp_path, "Federal police and army units recaptured Baiji on Sunday."))
    assert roles(m).get("iraqi-federal-police") == "perpetrator"


def test_a_group_s_fighters_who_attacked_are_the_group_attacking(tmp_path):
    m = only(mentions(tmp_path, "Islamic State fighters ambushed an army convoy near Tarmiyah on Monday."))
    assert roles(m)["islamic-state"] == "perpetrator"


def test_a_named_victim_s_count_gives_way_to_the_total(tmp_path):
    m = only(mentions(tmp_path, "Abu Taha al-Jabouri was killed by a drone strike near Al-Qaim on Friday. "
                                "Ten people died in the strike in all."))
    assert m.killed == 10
