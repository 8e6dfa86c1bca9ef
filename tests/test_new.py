"""`python -m builder new`: a record to fill in by hand, with its id made from its title."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from builder.cli import main
from builder.commands import new
from builder.records import validate
from builder.records.schemas import KIND_FILES, SCHEMA_DIR
from builder.records.vocab import vocabulary
from builder.records.yamlio import parse

FILLED = {
    "events": {"event_type": "Battles", "sub_event_type": "Armed clash", "- actor": "us-forces",
               "role": "target", "- article": "a-one"},
    "actors": {"kind": "armed-group"},
    "locations": {"kind": "town"},
}


def make(records_dir: Path, kind: str, title: str) -> Path:
    """Run `new` (events dated 8 January 2020) and return the file written."""
    extra = ["--date", "2020-01-08"] if kind == "event" else []
    assert main(["new", kind, "--title", title, "--records", str(records_dir), *extra]) == 0
    return records_dir / new.KINDS[kind] / f"{new.record_id(kind, title, date(2020, 1, 8))}.yml"


def fill(path: Path, kind: str) -> None:
    """Replace every TODO the way a maintainer would."""
    text = path.read_text(encoding="utf-8")
    for key, value in FILLED[kind].items():
        text = re.sub(rf"^(\s*){re.escape(key)}: TODO$", rf"\g<1>{key}: {value}", text,
                      flags=re.MULTILINE)
    assert "TODO" not in text.replace("Replace every TODO", "")
    path.write_text(text, encoding="utf-8")


def comments(path: Path) -> str:
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if line.lstrip().startswith("#"))


@pytest.mark.parametrize("command", ["new", "review", "serve"])
def test_the_new_commands_have_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "usage: python -m builder " + command in capsys.readouterr().out


def test_a_new_event_is_named_after_its_date_and_title_and_its_path_printed(records_dir, capsys):
    code = main(["new", "event", "--title", "Rocket attack on Ain al-Asad", "--date", "2020-01-08",
                 "--records", str(records_dir)])
    path = records_dir / "events" / "2020-01-08-rocket-attack-on-ain-al-asad.yml"
    assert code == 0 and capsys.readouterr().out == f"{path}\n"
    data = parse(path.read_text(encoding="utf-8")).data
    assert (data["id"], data["title"], data["status"]) == (
        "2020-01-08-rocket-attack-on-ain-al-asad", "Rocket attack on Ain al-Asad", "draft")
    assert data["date"] == {"start": "2020-01-08", "end": "2020-01-08", "precision": "day"}


def test_an_event_is_dated_today_unless_told(records_dir):
    assert main(["new", "event", "--title", "Clash", "--records", str(records_dir)]) == 0
    assert (records_dir / "events" / f"{date.today().isoformat()}-clash.yml").is_file()


@pytest.mark.parametrize("kind", ["actor", "location"])
def test_an_actor_or_location_takes_its_id_and_name_from_the_title(records_dir, kind):
    assert main(["new", kind, "--title", "Ain al-Asad: air base", "--records", str(records_dir)]) == 0
    path = records_dir / new.KINDS[kind] / "ain-al-asad-air-base.yml"
    data = parse(path.read_text(encoding="utf-8")).data
    assert (data["id"], data["name"], data["status"]) == ("ain-al-asad-air-base",
                                                          "Ain al-Asad: air base", "draft")


@pytest.mark.parametrize("kind", ["event", "actor", "location"])
def test_the_file_starts_with_its_schema_line_and_lists_every_field(records_dir, kind):
    path = make(records_dir, kind, "Example")
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema_file = (path.parent / first.split("=", 1)[1]).resolve()
    assert schema_file == (SCHEMA_DIR / KIND_FILES[new.KINDS[kind]]).resolve()
    for key in json.loads(schema_file.read_text(encoding="utf-8"))["properties"]:
        assert re.search(rf"^(# )?{key}:", text, re.MULTILINE), f"{key} not listed"


def test_the_comments_name_the_allowed_values(records_dir):
    v = vocabulary()
    event = make(records_dir, "event", "Example")
    actor = make(records_dir, "actor", "Example")
    location = make(records_dir, "location", "Example")
    expected = {
        event: [*v.event_types, *v.sub_event_types, *v.roles, *v.relations, *v.precisions,
                *v.statuses["event"], *v.times_of_day],
        actor: [*v.actor_kinds, *v.affiliations, *v.statuses["entity"]],
        location: [*v.location_kinds, *v.statuses["entity"]],
    }
    for path, values in expected.items():
        said = comments(path)
        assert [value for value in values if value not in said] == [], path.name


def test_an_existing_file_is_never_overwritten(records_dir, capsys):
    path = make(records_dir, "actor", "Example")
    path.write_text("# mine\n", encoding="utf-8")
    assert main(["new", "actor", "--title", "Example", "--records", str(records_dir)]) == 1
    assert path.read_text(encoding="utf-8") == "# mine\n"
    assert f"{path} already exists; not overwritten" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["event", "actor", "location"])
def test_a_filled_in_record_is_valid(records_dir, kind):
    path = make(records_dir, kind, "Example")
    fill(path, kind=new.KINDS[kind])
    _, problems = validate.load(records_dir)
    assert [str(p) for p in problems] == []


def test_each_todo_left_is_an_error_at_its_line(records_dir):
    path = make(records_dir, "event", "Example")
    lines = path.read_text(encoding="utf-8").splitlines()
    todo_lines = [i + 1 for i, line in enumerate(lines) if line.endswith(": TODO")]
    _, problems = validate.load(records_dir)
    assert sorted(p.line for p in problems if p.path == str(path)) == todo_lines


def test_a_title_with_no_letter_or_digit_makes_no_record(records_dir, capsys):
    assert main(["new", "event", "--title", "!!!", "--records", str(records_dir)]) == 2
    assert "no id can be made from the title" in capsys.readouterr().err


def test_a_date_is_for_events_and_not_in_the_future(records_dir):
    assert main(["new", "actor", "--title", "X", "--date", "2020-01-01", "--records", str(records_dir)]) == 2
    assert main(["new", "event", "--title", "X", "--date", "2999-01-01", "--records", str(records_dir)]) == 2
    with pytest.raises(SystemExit):
        main(["new", "event", "--title", "X", "--date", "2020-02-30", "--records", str(records_dir)])


@pytest.mark.parametrize("title", ["Rocket attack on Camp Taji", "Taji: rockets", "# seven",
                                   "null", "123", "a #b", "- item", "'quoted'", 'say "hi"',
                                   "back\\slash", " padded ", "@home", "L'attaque à Bagdad"])
def test_a_title_reads_back_as_written(title):
    assert parse(f"title: {new.yaml_scalar(title)}\n").data == {"title": title}


@pytest.mark.parametrize("title, rid", [("../../Index", "index-1"), ("/etc/passwd", "etc-passwd"),
                                        ("عين الأسد", "yn-lsd"),
                                        ("<script>alert(1)</script>", "script-alert-1-script")])
def test_a_title_that_is_a_path_a_reserved_name_or_markup_makes_a_record_in_its_folder(records_dir, title, rid):
    path = make(records_dir, "actor", title)
    assert path == records_dir / "actors" / f"{rid}.yml" and path.is_file()
    fill(path, "actors")
    assert parse(path.read_text(encoding="utf-8")).data["name"] == title
    assert [str(p) for p in validate.load(records_dir)[1]] == []
