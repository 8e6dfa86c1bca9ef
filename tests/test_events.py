"""Event mentions: which clauses tell an incident, and what they say of it (English and French).

Every article here is written for the test, in phrasings of its own.
"""

from __future__ import annotations

from datetime import date

import pytest
from extraction import mentions, only, roles

from builder.extract.knowledge import load_knowledge
from builder.records.model import DateSpan


def day(text: str) -> DateSpan:
    return DateSpan.day(date.fromisoformat(text))


# --- what is an incident ------------------------------------------------------------------


@pytest.mark.parametrize("body, language, sub_event_type", [
    ("Two Katyusha rockets struck Camp Taji on Sunday night.", "en", "Shelling/artillery/missile attack"),
    ("A mortar round landed inside the Green Zone on Saturday.", "en", "Shelling/artillery/missile attack"),
    ("A drone strike hit a car near Baghdad International Airport on Friday.", "en", "Air/drone strike"),
    ("US warplanes bombed a weapons depot near Al-Qaim on Thursday.", "en", "Air/drone strike"),
    ("A roadside bomb exploded next to a supply convoy in Diwaniyah on Monday.", "en",
     "Remote explosive/landmine/IED"),
    ("Counter-Terrorism Service troops arrested five men in Baghdad on Tuesday.", "en", "Arrests"),
    ("Iraqi forces foiled an attack and seized a rocket launcher near Balad on Wednesday.", "en",
     "Disrupted weapons use"),
    ("Hundreds of protesters stormed the US embassy in Baghdad on Tuesday.", "en", "Violent demonstration"),
    ("Thousands marched peacefully through Baghdad on Friday.", "en", "Peaceful protest"),
    ("Trois roquettes se sont abattues sur la base de Taji dimanche soir.", "fr",
     "Shelling/artillery/missile attack"),
    ("Une frappe de drone a visé un véhicule près de l'aéroport de Bagdad vendredi.", "fr", "Air/drone strike"),
    ("Un engin explosif a touché un convoi logistique à Diwaniyah lundi.", "fr",
     "Remote explosive/landmine/IED"),
    ("Les forces irakiennes ont arrêté six suspects à Bagdad mardi.", "fr", "Arrests"),
    ("Mercredi, l'armée a déjoué une attaque en saisissant deux roquettes près de Balad.", "fr",
     "Disrupted weapons use"),
    ("Des manifestants ont pris d'assaut l'ambassade américaine à Bagdad mardi.", "fr",
     "Violent demonstration"),
])
def test_each_kind_of_incident_gets_its_acled_type(tmp_path, body, language, sub_event_type):
    assert only(mentions(tmp_path, body, language)).sub_event_type == sub_event_type


def test_a_protest_dispersed_with_tear_gas_is_a_protest_with_intervention(tmp_path):
    m = only(mentions(tmp_path, "Hundreds protested in Tahrir Square on Friday. Police fired tear gas "
                                "to disperse them."))
    assert m.sub_event_type == "Protest with intervention"


@pytest.mark.parametrize("body, language", [
    ("More than sixty attacks have targeted US forces since October.", "en"),
    ("Washington has blamed a series of rocket attacks on Iran-backed militias.", "en"),
    ("The militia threatened to fire rockets at the embassy if the troops stayed.", "en"),
    ("Officials said the group was planning an attack on the airport.", "en"),
    ("The Pentagon said it had not carried out any air strike in the area.", "en"),
    ("Depuis octobre, une cinquantaine d'attaques ont visé des intérêts américains.", "fr"),
    ("Le groupe menace de tirer des roquettes sur les bases américaines.", "fr"),
    ("Les tirs de roquettes répétés risquent de provoquer une escalade.", "fr"),
])
def test_tallies_threats_plans_and_denials_are_not_incidents(tmp_path, body, language):
    assert mentions(tmp_path, body, language) == []


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("body, language, published, span", [
    ("Rockets hit Camp Taji on 11 March 2020.", "en", "2020-03-15", day("2020-03-11")),
    ("Rockets hit Camp Taji on March 11.", "en", "2020-03-15", day("2020-03-11")),
    ("Rockets hit Camp Taji on Wednesday evening.", "en", "2020-03-12", day("2020-03-11")),
    ("Rockets hit Camp Taji yesterday.", "en", "2020-03-12", day("2020-03-11")),
    ("Rockets hit Camp Taji in late December.", "en", "2020-01-05",
     DateSpan(date(2019, 12, 21), date(2019, 12, 31), "range")),
    ("Rockets hit Camp Taji last month.", "en", "2020-04-02", DateSpan.month(2020, 3)),
    ("Des roquettes ont frappé la base de Taji le 3 janvier.", "fr", "2020-01-06", day("2020-01-03")),
    ("Samedi soir, des roquettes ont frappé la base de Taji.", "fr", "2020-07-05", day("2020-07-04")),
    ("Des roquettes ont frappé la base de Taji fin juin.", "fr", "2020-07-05",
     DateSpan(date(2020, 6, 21), date(2020, 6, 30), "range")),
    ("En mars, des roquettes ont frappé la base de Taji.", "fr", "2020-07-05", DateSpan.month(2020, 3)),
    ("Le mois dernier, des roquettes ont frappé la base de Taji.", "fr", "2020-07-05", DateSpan.month(2020, 6)),
])
def test_dates_resolve_to_spans_with_their_precision(tmp_path, body, language, published, span):
    assert only(mentions(tmp_path, body, language, published)).date == span


def test_a_time_of_day_is_kept(tmp_path):
    m = only(mentions(tmp_path, "Rockets hit Camp Taji at around 9 p.m. on Monday.", published="2020-01-14"))
    assert (m.date, m.time) == (day("2020-01-13"), "21:00")


def test_an_incident_told_relative_to_the_one_before_takes_its_date(tmp_path):
    found = mentions(tmp_path, "Rockets hit Camp Taji on Monday evening. A few hours later, air strikes "
                               "hit a militia base near Al-Qaim.", published="2020-01-15")
    assert [m.date for m in found] == [day("2020-01-13"), day("2020-01-13")]
    assert found[1].relations == [("shortly-after", found[0])]


def test_the_next_day_is_one_day_later(tmp_path):
    found = mentions(tmp_path, "Le 5 mars, des roquettes ont visé la base de Balad. Le lendemain, un drone "
                               "a frappé un convoi près d'Al-Qaïm.", "fr", "2020-03-10")
    assert [m.date for m in found] == [day("2020-03-05"), day("2020-03-06")]


def test_a_date_given_in_another_capital_gives_way_to_the_local_one(tmp_path):
    m = only(mentions(tmp_path, "Early on Wednesday, local time, late Tuesday in Washington, missiles struck "
                                "Ain al-Asad air base.", published="2020-01-10"))
    assert m.date == day("2020-01-08")


def test_a_reprisal_told_without_a_date_follows_the_attack_it_answers(tmp_path):
    found = mentions(tmp_path, "Rockets killed a contractor at K1 air base on December 27. In retaliation, "
                               "American jets struck five militia sites in Iraq and Syria.",
                     published="2020-01-05")
    assert len(found) == 2
    reprisal = found[1]
    assert reprisal.date.start == date(2019, 12, 27) and reprisal.date.precision == "range"
    assert reprisal.relations == [("retaliation-for", found[0])]


# --- places -------------------------------------------------------------------------------


def test_the_most_specific_place_is_kept(tmp_path):
    m = only(mentions(tmp_path, "Rockets slammed into Balad air base, north of Baghdad, on Sunday."))
    assert m.location == "balad-air-base"


def test_a_launch_site_is_not_where_the_incident_happened(tmp_path):
    m = only(mentions(tmp_path, "Une roquette lancée depuis le quartier de Zayouna est tombée dans la zone "
                                "verte samedi.", "fr"))
    assert m.location == "green-zone"


def test_the_base_points_back_to_the_base_just_named(tmp_path):
    m = only(mentions(tmp_path, "Rockets hit Camp Taji on Sunday. Two more rockets landed inside the base "
                                "an hour later, wounding a soldier."))
    assert m.location == "camp-taji" and m.injured == 1


def test_a_place_the_knowledge_base_lacks_is_found_by_its_pattern(tmp_path):
    assert load_knowledge().location_by_name("Marwan") is None
    m = only(mentions(tmp_path, "Three rockets struck the Marwan air base in Babil province on Monday."))
    assert m.new_place is not None and (m.new_place.name, m.new_place.kind) == ("Marwan", "base")
    assert m.location == "babil-governorate"  # the known place around it becomes its parent


# --- actors and roles ---------------------------------------------------------------------


def test_the_actor_that_fired_is_the_perpetrator_and_the_one_hit_the_target(tmp_path):
    m = only(mentions(tmp_path, "Iran fired ballistic missiles at Ain al-Asad air base on Wednesday, "
                                "targeting US troops."))
    assert roles(m)["iran"] == "perpetrator" and roles(m)["us-armed-forces"] == "target"


def test_a_demonym_on_a_weapon_names_the_forces_that_struck(tmp_path):
    m = only(mentions(tmp_path, "Une frappe de drone américain a tué un commandant du Kataëb Hezbollah "
                                "près de l'aéroport de Bagdad vendredi.", "fr"))
    assert roles(m) == {"us-armed-forces": "perpetrator", "kataib-hezbollah": "target"}


def test_blame_makes_a_suspected_perpetrator_and_records_who_blamed(tmp_path):
    m = only(mentions(tmp_path, "Rockets hit the US embassy in Baghdad on Sunday. Washington blamed "
                                "Kataib Hezbollah for the attack."))
    role = m.actors["kataib-hezbollah"]
    assert role.role == "suspected-perpetrator" and role.blamed_by == ["united-states"]


def test_a_denial_is_recorded_beside_the_suspicion(tmp_path):
    m = only(mentions(tmp_path, "Des roquettes ont visé la zone verte samedi. Washington accuse Kataëb "
                                "Hezbollah, qui a démenti toute implication.", "fr"))
    assert m.actors["kataib-hezbollah"].role == "suspected-perpetrator"
    assert m.actors["kataib-hezbollah"].denied


def test_a_claim_by_a_front_group_is_a_suspicion_with_a_claim(tmp_path):
    m = only(mentions(tmp_path, "A drone attacked Erbil airport on Monday. Ashab al-Kahf claimed "
                                "responsibility for the attack."))
    role = m.actors["ashab-al-kahf"]
    assert role.role == "suspected-perpetrator" and role.claimed


def test_people_of_a_nationality_are_their_country(tmp_path):
    m = only(mentions(tmp_path, "Two Americans and a Briton were killed when rockets hit Camp Taji on "
                                "Wednesday."))
    assert roles(m)["united-states"] == "target" and m.killed == 3


def test_generic_phrases_are_not_actors(tmp_path):
    m = only(mentions(tmp_path, "Iran-backed factions fired rockets at Camp Taji on Sunday."))
    assert roles(m) == {}


def test_those_who_report_or_back_an_actor_play_no_part(tmp_path):
    m = only(mentions(tmp_path, "Fighters backed by Iran fired rockets at Camp Taji on Sunday, according "
                                "to the Iraqi military."))
    assert "iran" not in m.actors and "iraqi-security-forces" not in m.actors


# --- tolls --------------------------------------------------------------------------------


def test_tolls_told_in_the_next_sentence_belong_to_the_incident(tmp_path):
    m = only(mentions(tmp_path, "Eight rockets hit Balad air base on Sunday. Two officers were killed and "
                                "five airmen wounded, the army said."))
    assert (m.killed, m.injured, m.weapons) == (2, 5, {"rocket": 8})


def test_french_tolls_and_zero_tolls(tmp_path):
    found = mentions(tmp_path, "Samedi, deux roquettes sont tombées sur la zone verte, sans faire de "
                               "victimes. Dimanche, un obus de mortier a tué trois soldats à Taji.", "fr",
                     published="2020-01-06")
    assert [(m.killed, m.injured) for m in found] == [(0, 0), (3, None)]
