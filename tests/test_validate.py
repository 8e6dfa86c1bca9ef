"""Validation: each kind of mistake is reported at its file and line, with what was expected."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
from conftest import event, write_record

from builder.records import validate

TODAY = date(2026, 1, 1)


def problems_of(records_dir: Path) -> list[str]:
    _, problems = validate.load(records_dir, today=TODAY)
    return [str(p) for p in problems]


def only_problem(records_dir: Path) -> str:
    found = problems_of(records_dir)
    assert len(found) == 1, found
    return found[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_a_valid_chronology_has_no_problems(records_dir):
    assert problems_of(records_dir) == []


def test_yaml_that_does_not_parse_is_reported_at_its_line(records_dir):
    path = records_dir / "events" / "taji-rockets.yml"
    edit(path, "title: Rocket attack on Camp Taji", "title: [Rocket attack on Camp Taji")
    problem = only_problem(records_dir)
    assert problem.startswith(f"{path}:")
    assert "YAML does not parse" in problem


def test_unknown_key_suggests_the_likely_key(records_dir):
    path = records_dir / "events" / "taji-rockets.yml"
    edit(path, "fatalities:", "fatalites:")
    found = problems_of(records_dir)
    unknown = [p for p in found if "unknown key 'fatalites'" in p]
    assert unknown and unknown[0].startswith(f"{path}:{line_of(path, 'fatalites')}:")
    assert "did you mean 'fatalities'?" in unknown[0]


def test_value_of_the_wrong_type_names_the_expected_type(records_dir):
    path = write_record(records_dir, "events", event(injured="twelve"))
    problem = only_problem(records_dir)
    assert problem.startswith(f"{path}:{line_of(path, 'injured:')}:")
    assert "injured must be null or a whole number" in problem


def test_a_date_that_does_not_exist_is_reported(records_dir):
    path = write_record(records_dir, "events", event(date={"start": "2020-02-30", "precision": "day"}))
    problem = only_problem(records_dir)
    assert problem.startswith(f"{path}:{line_of(path, 'start:')}:")
    assert "'2020-02-30' is not a date that exists" in problem


def test_an_end_before_the_start_is_reported(records_dir):
    path = write_record(records_dir, "events", event(
        date={"start": "2020-03-11", "end": "2020-03-01", "precision": "range"}))
    problem = only_problem(records_dir)
    assert problem.startswith(f"{path}:{line_of(path, 'end:')}:")
    assert "before date.start" in problem


def test_a_future_date_is_reported(records_dir):
    path = write_record(records_dir, "events", event(date={"start": "2030-01-01", "precision": "day"}))
    assert "is in the future" in only_problem(records_dir)
    assert only_problem(records_dir).startswith(f"{path}:")


def test_a_precision_that_does_not_fit_the_span_is_reported(records_dir):
    write_record(records_dir, "events", event(
        date={"start": "2020-03-01", "end": "2020-03-10", "precision": "month"}))
    assert "use precision 'range'" in only_problem(records_dir)


def test_a_negative_toll_is_reported(records_dir):
    path = write_record(records_dir, "events", event(fatalities=-2))
    problem = only_problem(records_dir)
    assert problem.startswith(f"{path}:{line_of(path, 'fatalities:')}:")
    assert "fatalities must be at least 0, not -2" in problem


def test_a_best_toll_outside_its_range_is_reported(records_dir):
    write_record(records_dir, "events", event(fatalities={"best": 9, "low": 3, "high": 4}))
    assert "expected low <= best <= high" in only_problem(records_dir)


def test_a_duplicate_id_is_reported(records_dir):
    path = write_record(records_dir, "events", event(), name="taji-rockets-copy")
    found = problems_of(records_dir)
    assert any(p.startswith(f"{path}:") and "duplicate id 'taji-rockets'" in p for p in found), found


def test_an_id_that_differs_from_the_file_name_is_reported(records_dir):
    write_record(records_dir, "events", event(id="taji-attack"), name="taji-rockets")
    assert "does not match the file name" in only_problem(records_dir)


def test_an_id_that_is_not_a_slug_is_reported(records_dir):
    write_record(records_dir, "events", event(id="Taji_Rockets"), name="Taji_Rockets")
    found = problems_of(records_dir)
    assert any("'Taji_Rockets' is not a valid id" in p for p in found), found


def test_a_missing_required_key_is_reported(records_dir):
    data = event(id="no-title")
    del data["title"]
    write_record(records_dir, "events", data)
    assert "missing key 'title'" in only_problem(records_dir)


def test_a_key_given_twice_is_reported(records_dir):
    path = records_dir / "events" / "taji-rockets.yml"
    path.write_text(path.read_text(encoding="utf-8") + "injured: 13\n", encoding="utf-8")
    problem = only_problem(records_dir)
    assert "key 'injured' is given twice" in problem
    assert problem.startswith(f"{path}:{len(path.read_text().splitlines())}:")


def test_a_sub_event_type_of_another_event_type_is_reported(records_dir):
    write_record(records_dir, "events", event(event_type="Battles"))
    assert "is not a sub-event type of the event type given" in only_problem(records_dir)


def test_an_unknown_role_lists_the_roles(records_dir):
    write_record(records_dir, "events", event(actors=[{"actor": "us-forces", "role": "attacker"}]))
    problem = only_problem(records_dir)
    assert "'attacker' is not a valid role" in problem and "perpetrator" in problem


def test_a_reference_to_a_missing_actor_is_reported_at_its_line(records_dir):
    path = write_record(records_dir, "events", event(
        actors=[{"actor": "kataib-hezbolah", "role": "suspected-perpetrator"}]))
    problem = only_problem(records_dir)
    assert problem == (f"{path}:{line_of(path, 'kataib-hezbolah')}: unknown actor 'kataib-hezbolah'; "
                       "did you mean 'kataib-hezbollah'?")


def test_a_reference_to_a_missing_location_is_reported(records_dir):
    path = write_record(records_dir, "events", event(location="camp-tajji"))
    assert only_problem(records_dir).startswith(f"{path}:{line_of(path, 'location:')}: unknown location 'camp-tajji'")


def test_a_reference_to_a_missing_source_is_reported(records_dir):
    write_record(records_dir, "events", event(sources=[{"article": "c-three", "quotes": []}]))
    assert "unknown source 'c-three'" in only_problem(records_dir)


def test_a_reference_to_a_missing_event_is_reported(records_dir):
    write_record(records_dir, "events", event(relations=[{"type": "follow-up-to", "event": "nothing"}]))
    assert "unknown event 'nothing'" in only_problem(records_dir)


def test_a_reference_to_a_missing_parent_is_reported(records_dir):
    write_record(records_dir, "locations", {"id": "taji", "name": "Taji", "kind": "town",
                                            "parent": "baghdad-province"})
    assert "unknown location 'baghdad-province'" in only_problem(records_dir)


def test_a_reference_to_a_missing_affiliation_is_reported(records_dir):
    write_record(records_dir, "actors", {"id": "aah", "name": "Asaib Ahl al-Haq", "kind": "armed-group",
                                         "affiliations": [{"actor": "irgc", "relation": "backed-by"}]})
    assert "unknown actor 'irgc'" in only_problem(records_dir)


def test_a_parent_cycle_is_reported_once(records_dir):
    write_record(records_dir, "locations", {"id": "a", "name": "A", "kind": "zone", "parent": "b"})
    write_record(records_dir, "locations", {"id": "b", "name": "B", "kind": "zone", "parent": "a"})
    problem = only_problem(records_dir)
    assert "parent cycle: a -> b -> a" in problem


def test_a_broken_record_does_not_also_break_the_records_that_cite_it(records_dir):
    path = records_dir / "locations" / "camp-taji.yml"
    edit(path, "kind: base", "kind: army-base")
    found = problems_of(records_dir)
    assert len(found) == 1 and "'army-base' is not a valid kind" in found[0]


def test_a_file_outside_the_kind_folders_is_a_warning(records_dir):
    (records_dir / "stray.yml").write_text("id: x\n")
    _, problems = validate.load(records_dir, today=TODAY)
    assert [p.severity for p in problems] == ["warning"]


# --- untrusted records ----------------------------------------------------------------------


def test_an_id_that_would_replace_a_list_page_is_reported(records_dir):
    from conftest import ACTORS

    path = write_record(records_dir, "actors", {**ACTORS[2], "id": "index"})
    assert only_problem(records_dir) == (
        f"{path}:1: id 'index' cannot name a page: it is reserved (the list page is index) or over "
        "120 characters; choose another, such as index-1")


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "data:text/html,<script>x</script>",
                                 "https://example.org/\"><script>alert(1)</script>", "//evil.example"])
def test_a_source_url_that_is_not_a_web_address_is_an_error_at_its_line(records_dir, url):
    path = records_dir / "sources" / "a-one.yml"
    edit(path, "url: https://example.org/a", f"url: '{url}'")
    assert only_problem(records_dir) == (
        f"{path}:{line_of(path, 'url:')}: url '{url}' is not a web address; expected one starting "
        "http:// or https:// with a host name and no user name or password, with spaces, quotes, "
        "< > | { } percent-encoded, or no url")


def test_a_record_cannot_make_the_validator_run_code(records_dir, tmp_path):
    path = records_dir / "sources" / "a-one.yml"
    edit(path, "title: Rockets hit Taji",
         f"title: !!python/object/apply:os.system ['echo ran > {tmp_path}/ran.txt']")
    assert (f"{path}:{line_of(path, 'title:')}: the tag !!python/object/apply:os.system is not read "
            "in records; expected a list or a mapping") in problems_of(records_dir)
    assert not (tmp_path / "ran.txt").exists()


# --- values beyond the schema (records/limits.py, limits.yml) ---------------------------------


def test_a_source_cited_twice_is_reported_at_the_second_entry(records_dir):
    """What two extractions that ran at once wrote: the same source entry appended twice."""
    sources = event()["sources"]
    path = write_record(records_dir, "events", event(sources=[*sources, copy.deepcopy(sources[0])]))
    problem = only_problem(records_dir)
    lines = path.read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, 1) if "article: a-one" in line][1]
    assert problem.startswith(f"{path}:{second}:"), problem
    assert "sources[2] repeats sources[0] (article 'a-one'); keep one" in problem


def test_thousands_of_identical_roles_are_one_problem_naming_the_limit_and_the_repeats(records_dir):
    role = {"actor": "us-forces", "role": "target"}
    path = write_record(records_dir, "events", event(actors=[dict(role) for _ in range(10_000)]))
    found = problems_of(records_dir)
    assert len(found) == 2, found
    assert f"{path}:" in found[0] and "actors holds 10,000 entries, more than the 500 a list may" in found[0]
    assert "actors[1] repeats actors[0] (actor 'us-forces', role 'target') (9,998 more entries" in found[1]


def test_a_quote_given_twice_is_reported(records_dir):
    write_record(records_dir, "events", event(sources=[{"article": "a-one", "quotes": ["Same.", "Same."]}]))
    assert "sources[0].quotes[1] repeats sources[0].quotes[0]" in only_problem(records_dir)


@pytest.mark.parametrize(("changes", "line", "message"), [
    ({"fatalities": 10**30}, "fatalities:", "fatalities is 1,000,000,000,000,000,000,000,000,000,000, more than "
                                            "the 100,000 people one event may count (max_toll in limits.yml)"),
    ({"injured": {"best": 3, "low": 3, "high": 200_000}}, "high: 200000",
     "injured.high is 200,000, more than the 100,000"),
    ({"weapons": [{"name": "rocket", "count": 50_000}]}, "count:",
     "weapons[0].count is 50,000, more than the 10,000"),
    ({"weapons": [{"name": "  "}]}, "name:", "weapons[0].name is blank"),
    ({"title": " \t "}, "title:", "title is blank"),
])
def test_absurd_values_are_reported_at_their_line_with_the_limit(records_dir, changes, line, message):
    path = write_record(records_dir, "events", event(**changes))
    problem = only_problem(records_dir)
    assert problem.startswith(f"{path}:{line_of(path, line)}:"), problem
    assert message in problem


@pytest.mark.parametrize("char", ["\x1b", "\f", "\x00", "\ufffe", "\x9b", "\r"])
def test_a_control_character_in_record_text_is_reported_at_its_line(records_dir, char):
    path = write_record(records_dir, "events", event(summary=f"Eighteen{char}rockets"))
    problem = only_problem(records_dir)
    assert problem.startswith(f"{path}:{line_of(path, 'summary:')}:"), problem
    assert f"summary holds the character U+{ord(char):04X}" in problem and "at character 9" in problem


def test_a_raw_control_character_is_reported_at_its_line(records_dir):
    path = records_dir / "events" / "taji-rockets.yml"
    edit(path, "summary: Eighteen rockets hit Camp Taji.", "summary: Eighteen\x1b rockets")
    problem = only_problem(records_dir)
    assert problem.startswith(f"{path}:{line_of(path, 'summary:')}: YAML does not parse: the character U+001B")


def test_text_that_is_not_utf8_is_reported_at_its_line(records_dir):
    path = records_dir / "events" / "taji-rockets.yml"
    path.write_bytes(path.read_bytes().replace(b"Eighteen rockets", b"Eighteen \xe9clats"))
    problem = only_problem(records_dir)
    data = path.read_bytes()
    line = data.count(b"\n", 0, data.index(b"\xe9")) + 1
    assert problem.startswith(f"{path}:{line}: not UTF-8 text (invalid continuation byte, column 19)"), problem
