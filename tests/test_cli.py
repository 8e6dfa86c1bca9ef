"""The command line: help on every command, and exit status 0 ok / 1 problems / 2 cannot run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, write_record

from builder.cli import main, parser


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd,
                          capture_output=True, text=True)


@pytest.mark.parametrize("command", ["validate", "extract", "build", "export", "review", "new", "serve",
                                     "schemas", "synth", "bench"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "usage: python -m builder " + command in capsys.readouterr().out


def test_validate_exits_0_on_valid_records(records_dir, capsys):
    assert main(["validate", "--records", str(records_dir)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "0 errors" in captured.err


def test_validate_exits_1_and_prints_path_line_message(records_dir, capsys):
    path = write_record(records_dir, "locations", {"id": "x", "name": "X", "kind": "town", "parent": "nowhere"})
    assert main(["validate", "--records", str(records_dir)]) == 1
    line = path.read_text().splitlines().index("parent: nowhere") + 1
    assert capsys.readouterr().out == f"{path}:{line}: unknown location 'nowhere'\n"


def test_a_missing_records_folder_cannot_run(tmp_path, capsys):
    assert main(["validate", "--records", str(tmp_path / "nope")]) == 2
    assert "no such records folder" in capsys.readouterr().err


def test_a_usage_error_exits_2():
    assert run("export", "--format", "xml").returncode == 2


def test_export_writes_the_json_of_the_records(records_dir, tmp_path):
    out = tmp_path / "events.json"
    proc = run("export", "--records", str(records_dir), "--format", "json", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(out.read_text())["events"]) == 3


def test_export_refuses_invalid_records(records_dir, capsys):
    write_record(records_dir, "events", {"id": "bad"})
    assert main(["export", "--records", str(records_dir)]) == 1


def test_the_parser_names_every_command():
    text = parser().format_help()
    for command in ("validate", "build", "export", "schemas"):
        assert command in text


def test_an_output_closed_early_is_one_line_and_exit_2(records_dir):
    """`export | head`: the reader goes away; one line says so, no traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "builder", "export", "--records", str(records_dir),
                             "--format", "csv"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    proc.stdout.close()  # before the command writes anything
    err = proc.stderr.read()
    assert proc.wait() == 2
    assert err == "error: the output was closed before it was all written\n"


def test_a_port_in_use_is_one_line_and_exit_2(records_dir):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = run("serve", "--no-extract", "--records", str(records_dir), "--port", str(port))
    assert proc.returncode == 2
    assert proc.stderr == (f"error: port {port} on 127.0.0.1 is in use (another `serve`?); "
                           "give another with --port N\n")


def test_an_operating_system_error_is_one_line_naming_the_file_and_exit_2(records_dir, tmp_path):
    target = tmp_path / "a-folder"
    target.mkdir()
    proc = run("export", "--records", str(records_dir), "--output", str(target))
    assert proc.returncode == 2
    assert proc.stderr == f"error: {target}: Is a directory\n"


def test_a_broken_knowledge_base_file_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    from builder.extract import knowledge, pipeline

    base = tmp_path / "knowledge"
    base.mkdir()
    (base / "actors.yml").write_text("- id: a\n  name: [unclosed\n", encoding="utf-8")
    (base / "locations.yml").write_text("[]\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "load_knowledge", lambda: knowledge.load_knowledge(base))
    (tmp_path / "articles").mkdir()
    code = main(["extract", "--articles", str(tmp_path / "articles"), "--records", str(tmp_path / "records")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"error: {base / 'actors.yml'}:") and err.count("\n") == 1, err
