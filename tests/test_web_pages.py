"""Reading articles as real web pages give them: section headings, summaries of a season,
stamps, datelines, captions, embedded posts, recaps of earlier incidents. Issue 13's classes,
each pinned in English and French with articles written for the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from extraction import write_article

from builder.extract.articles import read_article
from builder.extract.knowledge import load_knowledge
from builder.extract.mentions import find_mentions
from builder.extract.reading import Mention


def told(path: Path, published: date) -> list[Mention]:
    return find_mentions(read_article(path), published, load_knowledge())


def test_a_dated_heading_dates_and_places_the_incidents_of_its_section(tmp_path):
    body = ("A summer of attacks on depots has worried Baghdad.\n\n"
            "## July 19: Tarmiyah\n\nA blast hit a militia base, killing two fighters.\n\n"
            "## August 2: Samarra\n\nA depot exploded, wounding a guard.\n")
    found = told(write_article(tmp_path, "a", body, "en", "2019-08-28"), date(2019, 8, 28))
    assert [(m.location, m.known_date.start) for m in found] == [
        ("tarmiyah", date(2019, 7, 19)), ("samarra", date(2019, 8, 2))]


def test_a_dated_heading_in_french_dates_its_section(tmp_path):
    body = ("Un été noir pour les milices.\n\n## Le 19 juillet à Tarmiyah\n\n"
            "Une explosion a touché une base de la milice, tuant deux combattants.\n")
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2019-08-28"), date(2019, 8, 28))
    assert (m.location, m.known_date.start) == ("tarmiyah", date(2019, 7, 19))


def test_a_season_summed_up_is_no_incident(tmp_path):
    body = ("Over six weeks this summer, at least five depots have exploded or been hit from the air. "
            "On 19 July, a blast hit a militia base in Tarmiyah, killing two fighters.")
    found = told(write_article(tmp_path, "a", body, "en", "2019-08-28"), date(2019, 8, 28))
    assert [(m.location, m.known_date.start) for m in found] == [("tarmiyah", date(2019, 7, 19))]


def test_a_series_of_explosions_at_one_depot_is_one_incident(tmp_path):
    body = "On 12 August, a series of explosions at a militia depot in Samarra killed one civilian."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2019-08-14"), date(2019, 8, 14))
    assert (m.location, m.killed) == ("samarra", 1)


def test_soldiers_counted_as_killed_are_the_forces_of_the_country_it_happened_in(tmp_path):
    body = "On 10 December, 71 soldiers were killed when gunmen stormed a camp near Menaka."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2019-12-11"), date(2019, 12, 11))
    assert m.actors["malian-armed-forces"].role == "target"


def test_des_militaires_tues_sont_les_forces_du_pays_ou_cela_s_est_passe(tmp_path):
    body = "Le 10 décembre, 71 militaires ont été tués dans l'attaque d'un camp près de Ménaka."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2019-12-11"), date(2019, 12, 11))
    assert m.actors["malian-armed-forces"].role == "target"


def test_soldiers_of_another_country_named_by_their_demonym_are_theirs_not_the_country_s(tmp_path):
    body = "On 10 December, 13 French soldiers were killed when a bomb hit their convoy near Menaka."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2019-12-11"), date(2019, 12, 11))
    assert "malian-armed-forces" not in m.actors


def test_villagers_and_students_counted_as_victims_are_civilians(tmp_path):
    body = ("On Thursday, gunmen kidnapped 280 students from a school in Kaduna. "
            "On Friday, three villagers were killed when gunmen attacked a market near Menaka.")
    found = told(write_article(tmp_path, "a", body, "en", "2024-03-09"), date(2024, 3, 9))
    assert [m.actors["civilians"].role for m in found] == ["target", "target"]


def test_an_attack_on_an_army_post_struck_the_army(tmp_path):
    body = "Le 3 mai, des hommes armés ont attaqué un poste de l'armée près de Ménaka."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2021-05-04"), date(2021, 5, 4))
    assert m.actors["malian-armed-forces"].role == "target"


def test_a_toll_with_its_place_and_day_is_an_incident_even_with_no_word_for_it(tmp_path):
    body = ("At least three civilians were killed in Menaka on Saturday night. "
            "Separately, three soldiers were injured when their vehicle hit a roadside bomb.")
    found = told(write_article(tmp_path, "a", body, "en", "2021-05-09"), date(2021, 5, 9))
    attack = found[0]
    assert (attack.location, attack.killed, attack.known_date.start) == ("menaka", 3, date(2021, 5, 8))
    assert len(found) == 2 and found[1].injured == 3  # other victims: another incident


def test_people_still_missing_after_an_attack_are_no_abduction(tmp_path):
    body = ("Gunmen killed three villagers near Menaka on Saturday. "
            "Two residents were still missing on Sunday. Deux habitants sont portés disparus.")
    found = told(write_article(tmp_path, "a", body, "en", "2021-05-10"), date(2021, 5, 10))
    assert [m.sub_event_type for m in found] == ["Attack"]


def extracted(tmp_path: Path, *articles: tuple[str, str, str, str]) -> dict:
    """The events that extracting the articles (name, body, language, date) makes, by id."""
    from builder.extract.pipeline import extract
    from builder.records import validate

    folder = tmp_path / "articles"
    for name, body, language, published in articles:
        write_article(folder, name, body, language, published)
    records = tmp_path / "records"
    extract(folder, records, today=date(2026, 1, 1))
    chron, problems = validate.load(records)
    assert not problems, [str(p) for p in problems]
    return chron.events


def test_one_incident_told_as_a_bombing_and_as_a_suicide_attack_is_one_event(tmp_path):
    events = extracted(
        tmp_path,
        ("a_wire", "Two car bombs exploded near the education ministry in Mogadishu on Saturday, "
                   "killing 100 people.", "en", "2022-10-30"),
        ("b_local", "Deux kamikazes ont fait exploser leurs voitures piégées samedi à Mogadiscio, "
                    "tuant 120 personnes.", "fr", "2022-10-30"))
    (event,) = events.values()
    assert [s.article for s in event.sources] == ["a-wire", "b-local"]


def test_a_place_the_base_knows_by_another_phrasing_is_that_place(tmp_path):
    events = extracted(
        tmp_path,
        ("a_fr", "Le 12 août, l'explosion d'un entrepôt de munitions dans le camp d'al-Saqr a fait un mort.",
         "fr", "2019-08-14"))
    (event,) = events.values()
    assert event.location == "al-saqr-base"


def test_a_town_the_base_lacks_that_the_gazetteer_knows_in_the_story_s_country_is_its_place(tmp_path):
    body = "Russian shelling killed two civilians in Adamivka, in eastern Ukraine, on Tuesday."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2022-03-02"), date(2022, 3, 2))
    assert (m.new_place.name, m.new_place.kind) == ("Adamivka", "town")
    abroad = "Rockets killed two people in Adamivka on Tuesday, officials in Baghdad said."
    (m,) = told(write_article(tmp_path, "b", abroad, "en", "2022-03-02"), date(2022, 3, 2))
    assert m.new_place is None  # the story's country is Iraq: the Ukrainian town is not looked for


def test_a_clause_opened_by_where_happened_at_the_place_before_it(tmp_path):
    body = ("The assault on Tuesday came weeks after the one at Inates, in western Niger, "
            "where 18 soldiers died on 1 July in an attack claimed by the Islamic State.")
    found = told(write_article(tmp_path, "a", body, "en", "2019-12-11"), date(2019, 12, 11))
    recap = next(m for m in found if m.known_date.start == date(2019, 7, 1))
    assert recap.location == "inates" and recap.actors["niger-armed-forces"].role == "target"


def test_a_claim_is_that_of_the_first_actor_named_after_it(tmp_path):
    body = "Début juillet, une attaque revendiquée par l'EIGS y avait tué dix-huit militaires nigériens à Inates."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2019-12-11"), date(2019, 12, 11))
    assert m.actors["islamic-state-sahel-province"].role == "perpetrator"
    assert m.actors["niger-armed-forces"].role == "target"


def test_a_date_after_a_reprisal_cue_is_the_answered_incident_s(tmp_path):
    body = ("Le 29 décembre, des frappes américaines ont tué 25 combattants près d'Al-Qaïm. "
            "Washington a présenté ces frappes comme des représailles à l'attaque du vendredi 27 décembre "
            "contre la base K1.")
    found = told(write_article(tmp_path, "a", body, "fr", "2019-12-30"), date(2019, 12, 30))
    strikes = [m for m in found if m.sub_event_type == "Air/drone strike"]
    assert [m.known_date.start for m in strikes] == [date(2019, 12, 29)]


def test_a_page_that_opens_on_its_stamp_and_its_story_is_dated_and_keeps_its_lead(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Dernière mise à jour à 09h24 le 04/03/2021\n\n"
                    "Des roquettes ont été tirées mercredi matin sur la base d'Aïn al-Assad, dans la province "
                    "d'Anbar, sans faire de victime, a-t-on appris de sources sécuritaires.\n", encoding="utf-8")
    from builder.extract.published import publication_date

    article = read_article(path)
    assert publication_date(article)[0] == date(2021, 3, 4)
    assert article.sentences[0].text.startswith("Des roquettes ont été tirées mercredi")


def test_a_file_photo_s_caption_does_not_date_the_page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Contractor dies after rocket attack\n\n"
                    "FILE - Soldiers at Ain al-Asad air base, Iraq, Jan. 13, 2020. (AP Photo/File)\n\n"
                    "A contractor died of a heart attack during a rocket attack on Ain al-Asad air base early "
                    "Wednesday morning, the Pentagon said.\n", encoding="utf-8")
    from builder.extract.published import publication_date

    assert publication_date(read_article(path))[0] is None


def test_a_possessive_says_whose_an_actor_is_and_names_neither_actor_nor_place(tmp_path):
    body = "On Sunday, Lebanon's Hezbollah fired rockets at Israel's north, wounding two soldiers."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2024-07-29"), date(2024, 7, 29))
    assert "lebanon" not in m.actors and m.location != "lebanon"
    assert m.actors["lebanese-hezbollah"].role == "perpetrator" and m.location == "israel"


def test_a_base_struck_by_missiles_in_the_passive_is_a_missile_attack_on_who_it_hosts(tmp_path):
    body = ("Ain al-Asad, which hosts US troops, was targeted on 8 January 2020 by Iran's ballistic "
            "missiles, causing no deaths.")
    (m,) = told(write_article(tmp_path, "a", body, "en", "2021-05-09"), date(2021, 5, 9))
    assert (m.location, m.sub_event_type, m.known_date.start) == (
        "ain-al-asad", "Shelling/artillery/missile attack", date(2020, 1, 8))
    assert m.actors["us-armed-forces"].role == "target"


def test_an_airliner_shot_down_is_a_missile_attack(tmp_path):
    body = ("On Wednesday, Iran's air defences shot down a Ukrainian airliner near Tehran, killing all 176 "
            "people aboard.")
    (m,) = told(write_article(tmp_path, "a", body, "en", "2020-01-12"), date(2020, 1, 12))
    assert (m.sub_event_type, m.killed) == ("Shelling/artillery/missile attack", 176)


def test_foiling_a_plan_is_no_weapon_disrupted(tmp_path):
    body = ("On 24 August, Israeli jets struck a compound at Aqraba; the army said it had foiled a plan "
            "to launch drones at Israel.")
    found = told(write_article(tmp_path, "a", body, "en", "2019-08-28"), date(2019, 8, 28))
    assert [m.sub_event_type for m in found] == ["Air/drone strike"]


def test_the_nth_time_a_place_was_targeted_counts_attacks(tmp_path):
    body = ("It was the second time this month that Balad air base was targeted. On Saturday, January 4, "
            "two rockets fell inside the base perimeter.")
    found = told(write_article(tmp_path, "a", body, "en", "2020-01-13"), date(2020, 1, 13))
    assert [m.known_date.start for m in found] == [date(2020, 1, 4)]


def test_a_place_also_hit_at_another_time_is_another_incident(tmp_path):
    body = ("Le 12 août, l'explosion d'un entrepôt de munitions dans le camp d'al-Saqr a fait un mort. "
            "Fin juillet, le camp Ashraf, dans la province de Diyala, avait lui aussi été touché.")
    found = told(write_article(tmp_path, "a", body, "fr", "2019-08-26"), date(2019, 8, 26))
    assert sorted((m.location or m.new_place.name, m.known_date.start.month) for m in found) == [
        ("al-Saqr", 8), ("camp-ashraf", 7)]


def test_an_attack_on_soldiers_is_a_clash(tmp_path):
    body = "On 9 January, militants stormed the army camp at Chinagodrar, killing 89 soldiers."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2020-01-13"), date(2020, 1, 13))
    assert m.sub_event_type == "Armed clash"


def test_an_attack_that_killed_is_typed_without_a_culprit(tmp_path):
    body = "Le 30 septembre, l'attaque d'un marché à Ménaka avait fait 38 morts."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2019-10-03"), date(2019, 10, 3))
    assert (m.sub_event_type, m.killed) == ("Attack", 38)


def test_countries_named_between_or_near_are_places_not_targets(tmp_path):
    body = ("On 10 December, jihadists attacked the Inates camp, in the border area between Niger, "
            "Mali and Burkina Faso, killing 71 soldiers.")
    (m,) = told(write_article(tmp_path, "a", body, "en", "2019-12-11"), date(2019, 12, 11))
    assert not {"mali", "burkina-faso"} & set(m.actors)


def test_the_month_of_may_is_no_modal_verb(tmp_path):
    body = ("The month saw an explosives-laden drone hit a hangar at Ain al-Asad air base in early May, "
            "and the assassination of an activist in Karbala on May 9.")
    found = told(write_article(tmp_path, "a", body, "en", "2021-06-01"), date(2021, 6, 1))
    assert [(m.location, m.sub_event_type) for m in found] == [
        ("ain-al-asad", "Air/drone strike"), ("karbala", "Attack")]


def test_a_second_device_that_exploded_is_a_bomb(tmp_path):
    body = "The next day, a second device exploded next to a convoy near Diwaniyah, wounding a driver."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2021-06-01"), date(2021, 6, 1))
    assert (m.sub_event_type, m.injured) == ("Remote explosive/landmine/IED", 1)


def test_students_who_had_gathered_are_a_protest(tmp_path):
    body = ("Samedi 11 janvier au soir, des centaines d'étudiants s'étaient rassemblés devant l'université, "
            "dans le centre de Téhéran. La police les avait dispersés à coups de gaz lacrymogène.")
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2020-01-15"), date(2020, 1, 15))
    assert (m.sub_event_type, m.location) == ("Protest with intervention", "tehran")


def test_a_group_that_says_its_members_were_killed_was_struck(tmp_path):
    body = "On 24 August, Israeli jets struck a compound at Aqraba; Hezbollah said two of its members were killed."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2019-08-28"), date(2019, 8, 28))
    assert m.actors["lebanese-hezbollah"].role == "target"


def test_a_journalist_or_an_activist_named_by_title_is_a_civilian(tmp_path):
    body = "On Monday, gunmen shot journalist Ahmed Hassan in the head outside his home in Diwaniyah."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2021-05-11"), date(2021, 5, 11))
    assert m.actors["civilians"].role == "target"


def test_blame_for_an_assault_told_before_is_no_new_incident(tmp_path):
    body = ("Mardi, des partisans des milices ont pris d'assaut l'ambassade américaine à Bagdad. "
            "Le président américain a accusé l'Iran d'orchestrer l'assaut contre l'ambassade.")
    found = told(write_article(tmp_path, "a", body, "fr", "2020-01-01"), date(2020, 1, 1))
    assert len(found) == 1 and found[0].actors["iran"].role == "suspected-perpetrator"


def test_dozens_more_wounded_is_a_toll_not_a_tally(tmp_path):
    body = ("At least 11 people were killed Saturday, and dozens more were wounded when a rocket hit a "
            "soccer field in Majdal Shams.")
    (m,) = told(write_article(tmp_path, "a", body, "en", "2024-07-28"), date(2024, 7, 28))
    assert (m.killed, m.sub_event_type) == (11, "Shelling/artillery/missile attack")


def test_a_country_after_a_direction_is_a_place_not_a_perpetrator(tmp_path):
    body = "On Thursday, gunmen kidnapped 280 students from a school in Kuriga, in north-western Nigeria."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2024-03-08"), date(2024, 3, 8))
    assert m.sub_event_type == "Abduction/forced disappearance" and "nigeria" not in m.actors


def test_a_dateline_with_a_dash_names_where_the_story_was_filed(tmp_path):
    body = "Abuja — Plus de 200 élèves ont été enlevés jeudi à Kaduna, dans le nord du Nigeria."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2024-03-08"), date(2024, 3, 8))
    assert m.location != "abuja"


def test_a_hyphenated_pair_of_countries_is_not_part_of_a_place_s_name(tmp_path):
    from builder.extract.knowledge import load_knowledge

    found = load_knowledge().unknown_places("Militants raided the US-Kenya Simba Airbase on Sunday.", "en")
    assert [(c.name, c.kind) for c in found] == [("Simba", "base")]


def test_a_caption_ending_with_its_credit_is_dropped(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Missile strike on Marib\n\n"
                    "A missile slammed into a petrol station in Marib on Saturday, killing 17 people.\n\n"
                    "Smoke rises from a petrol station hit by a missile in Marib, Yemen, June 5, 2021. "
                    "(Photo: Marib governorate media office / handout)\n\n"
                    "Soldiers at the base, Jan. 27, 2021. (U.S. Army National Guard/Staff Sgt. John Doe)\n",
                    encoding="utf-8")
    article = read_article(path)
    assert [s.text for s in article.sentences] == [
        "A missile slammed into a petrol station in Marib on Saturday, killing 17 people."]
    assert [reason for _, reason in article.dropped].count("caption") == 2


def test_a_missile_and_a_drone_at_one_base_on_one_day_are_one_incident(tmp_path):
    body = ("On Sunday, an explosives-laden drone struck the Al-Anad air base, killing five soldiers. "
            "A ballistic missile landed near the barracks of the Al-Anad air base minutes later.")
    found = told(write_article(tmp_path, "a", body, "en", "2021-08-30"), date(2021, 8, 30))
    assert len(found) == 1


def test_the_deadliest_attack_since_a_month_is_a_comparison_not_an_incident(tmp_path):
    body = ("At least 11 people were killed Saturday when a rocket hit a soccer field in Majdal Shams. "
            "It was the single deadliest Hezbollah attack on northern Israel since fighting began in October.")
    found = told(write_article(tmp_path, "a", body, "en", "2024-07-28"), date(2024, 7, 28))
    assert [m.known_date.start for m in found] == [date(2024, 7, 27)]


def test_territory_taken_in_a_whole_country_is_no_place_taken(tmp_path):
    body = "Dimanche, les shebab avaient pris le contrôle d'une partie de la base, au Kenya."
    found = told(write_article(tmp_path, "a", body, "fr", "2020-01-06"), date(2020, 1, 6))
    assert "Non-state actor overtakes territory" not in [m.sub_event_type for m in found]


def test_one_toll_at_one_city_on_one_day_told_as_a_strike_and_as_an_attack_is_one_event(tmp_path):
    events = extracted(
        tmp_path,
        ("a_wire", "A Russian air strike killed six people in Kharkiv on Tuesday.", "en", "2022-03-02"),
        ("b_local", "Mardi à Kharkiv, une attaque a tué six personnes près de la gare.", "fr", "2022-03-02"))
    (event,) = events.values()
    assert [s.article for s in event.sources] == ["a-wire", "b-local"]


def test_different_tolls_at_one_city_told_as_a_strike_and_as_an_attack_stay_apart(tmp_path):
    events = extracted(
        tmp_path,
        ("a_wire", "A Russian air strike killed six people in Kharkiv on Tuesday.", "en", "2022-03-02"),
        ("b_local", "Mardi à Kharkiv, une attaque a tué deux personnes près de la gare.", "fr", "2022-03-02"))
    assert len(events) == 2


def test_a_date_that_opens_a_sentence_dates_the_incident_told_far_after_it(tmp_path):
    body = ("Tuesday morning, a missile strike killed ten people at the town hall of Kharkiv.\n\n"
            "Yesterday, Wednesday 2 March, it was the police headquarters, the security service's offices "
            "and a university building housing the faculty of economics that were hit.")
    found = told(write_article(tmp_path, "a", body, "en", "2022-03-03"), date(2022, 3, 3))
    assert [m.date.start for m in found] == [date(2022, 3, 1), date(2022, 3, 2)]


def test_a_named_school_or_seminary_is_the_place_of_what_happened_there(tmp_path):
    body = "Gunmen raided the Holy Cross Minor Seminary near Kaduna on Monday and abducted six students."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2020-01-14"), date(2020, 1, 14))
    assert m.new_place is not None and m.new_place.text == "the Holy Cross Minor Seminary"


def test_a_word_that_only_says_what_kind_a_school_is_names_no_place(tmp_path):
    body = "Gunmen abducted six students from a Catholic seminary near Kaduna on Monday."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2020-01-14"), date(2020, 1, 14))
    assert m.new_place is None and m.location == "kaduna"


def test_une_universite_nommee_est_le_lieu_de_ce_qui_s_y_est_passe(tmp_path):
    body = "Lundi, une frappe a touché l'université Karazine à Kharkiv, tuant quatre personnes."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2022-03-08"), date(2022, 3, 8))
    assert m.new_place is not None and m.new_place.name == "Karazine"


def test_gunmen_who_made_away_with_students_abducted_them(tmp_path):
    body = "Armed bandits attacked a boarding school in Kaduna on Monday night and made away with four students."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2020-01-14"), date(2020, 1, 14))
    assert m.sub_event_type == "Abduction/forced disappearance"


def test_un_commando_arme_qui_prend_d_assaut_une_ecole_l_attaque(tmp_path):
    body = "Lundi matin, à Kaduna, un commando armé a pris d'assaut l'établissement scolaire de la ville."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2024-03-05"), date(2024, 3, 5))
    assert m.sub_event_type == "Attack"


def test_militants_who_bombed_a_service_set_off_a_bomb_and_struck_from_no_aircraft(tmp_path):
    body = "Islamist militants bombed a Sunday service in eastern Congo on Sunday, killing ten worshippers."
    (m,) = told(write_article(tmp_path, "a", body, "en", "2023-01-16"), date(2023, 1, 16))
    assert m.sub_event_type == "Remote explosive/landmine/IED"


def test_the_attack_named_again_in_a_town_the_base_lacks_is_placed_there(tmp_path):
    body = ("Militants bombed a church in eastern Congo on Sunday, killing ten worshippers.\n\n"
            "The attack in the border city of Mbarali was carried out by a militant group, officials said.")
    (m,) = told(write_article(tmp_path, "a", body, "en", "2023-01-16"), date(2023, 1, 16))
    assert m.new_place is not None and m.new_place.name == "Mbarali"


def test_a_sentence_that_sets_the_scene_at_a_town_the_base_lacks_places_what_follows(tmp_path):
    body = ("The mood at the church in the city of Mbarali in eastern Congo was joyful on Sunday as hundreds "
            "gathered. Then a blast tore through the courtyard, killing fourteen people.")
    (m,) = told(write_article(tmp_path, "a", body, "en", "2023-01-17"), date(2023, 1, 17))
    assert m.new_place is not None and m.new_place.name == "Mbarali"
    assert m.date is not None and m.date.start == date(2023, 1, 15)


def test_buildings_hit_by_strikes_were_struck_from_the_air(tmp_path):
    body = "Mardi 1er mars, le siège de la police de Kharkiv a été touché par des frappes, faisant trois morts."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2022-03-02"), date(2022, 3, 2))
    assert m.sub_event_type == "Air/drone strike"


def test_a_second_weapon_after_and_in_one_sentence_is_a_second_incident(tmp_path):
    body = "Three rockets struck a base in Babil province on Monday, and a bomb went off in Hillah on Tuesday."
    found = told(write_article(tmp_path, "a", body, "en", "2020-01-15"), date(2020, 1, 15))
    assert [(m.sub_event_type, m.date.start) for m in found if m.date] == [
        ("Shelling/artillery/missile attack", date(2020, 1, 13)), ("Remote explosive/landmine/IED", date(2020, 1, 14))]


def test_a_truck_that_hit_a_mine_on_the_road_between_two_towns_was_struck_there(tmp_path):
    body = "Jeudi, un camion de l'armée avait sauté sur une mine sur l'axe Ansongo-Ménaka, blessant deux militaires."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2019-11-02"), date(2019, 11, 2))
    assert (m.sub_event_type, m.location) == ("Remote explosive/landmine/IED", "ansongo")


def test_a_depot_that_went_up_in_flames_is_an_incident_however_long_its_description(tmp_path):
    body = ("On Sunday, a depot at Camp Ashraf in Diyala, the former headquarters of an exiled opposition group "
            "and now used by militia units, went up in flames.")
    (m,) = told(write_article(tmp_path, "a", body, "en", "2019-07-30"), date(2019, 7, 30))
    assert (m.sub_event_type, m.location) == ("Other", "camp-ashraf")


def test_a_foiled_plan_by_a_force_to_launch_drones_is_no_drone_strike(tmp_path):
    body = ("On Saturday night, Israeli jets struck a compound at Aqraba; the army said it had foiled a plan by "
            "Iran's Quds Force to launch explosive-laden drones at Israel.")
    found = told(write_article(tmp_path, "a", body, "en", "2019-08-26"), date(2019, 8, 26))
    assert [m.location for m in found] == ["aqraba"]


def test_the_hospital_the_wounded_were_taken_to_is_not_where_it_happened(tmp_path):
    body = ("A roadside bomb struck an army patrol near Kaduna on Monday, wounding six soldiers, who were taken "
            "to the Saint Gerard Hospital.")
    (m,) = told(write_article(tmp_path, "a", body, "en", "2020-01-14"), date(2020, 1, 14))
    assert m.new_place is None and m.location == "kaduna"


def test_l_hopital_dont_les_medecins_ont_compte_les_morts_n_est_pas_le_lieu_de_l_attaque(tmp_path):
    body = ("Lundi, des sources médicales de l'hôpital Ibn Sina ont reçu les corps de dix morts après l'attaque "
            "de drones contre la base aérienne Al-Anad.")
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2021-08-31"), date(2021, 8, 31))
    assert (m.location, m.new_place) == ("al-anad-air-base", None)


def test_civilians_named_as_doers_of_a_strike_were_struck(tmp_path):
    body = ("Russian forces fired missiles into the railway station of Kramatorsk on Friday, where thousands of "
            "civilians had gathered to leave, killing thirty.")
    (m,) = told(write_article(tmp_path, "a", body, "en", "2022-04-09"), date(2022, 4, 9))
    assert {a: r.role for a, r in m.actors.items()}.get("civilians") == "target"


def test_un_pays_apres_une_direction_est_le_lieu_et_non_un_acteur(tmp_path):
    body = "Des hommes armés ont enlevé vingt élèves jeudi 7 mars dans le nord-ouest du Nigeria."
    (m,) = told(write_article(tmp_path, "a", body, "fr", "2024-03-08"), date(2024, 3, 8))
    assert m.location == "nigeria" and "nigeria" not in m.actors
