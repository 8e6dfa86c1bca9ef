"""The live preview: what a change to each kind of input makes it do, that an invalid record
leaves the last good pages, and that the site is served on localhost."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import write_record

from builder.commands import serve
from builder.extract.pipeline import ExtractResult
from builder.records.yamlio import load_plain
from builder.site import render


def edit(path: Path, old: str, new: str) -> None:
    """Change a file as an editor would, with a modification time the watcher cannot miss."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def inputs(records_dir: Path, tmp_path: Path) -> serve.Inputs:
    """The small chronology, rendered once into a docs folder, as `serve` starts."""
    found = serve.Inputs(records=records_dir, articles=tmp_path / "articles", docs=tmp_path / "docs")
    assert serve.carry_out(serve.Plan(render=True), found).ok
    return found


@pytest.fixture
def own_templates(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the templates the renderer reads instead of the shipped ones."""
    copy = tmp_path / "templates"
    shutil.copytree(render.TEMPLATE_DIR, copy)
    monkeypatch.setattr(render, "TEMPLATE_DIR", copy)
    render._environment.cache_clear()
    yield copy
    render._environment.cache_clear()


def event_page(inputs: serve.Inputs, event_id: str = "taji-rockets") -> str:
    return (inputs.docs / "events" / f"{event_id}.md").read_text(encoding="utf-8")


# --- what a change calls for ----------------------------------------------------------------


@pytest.mark.parametrize("kinds, extract, reload", [
    ({"record"}, False, set()),
    ({"template"}, False, {"template"}),
    ({"vocabulary"}, False, {"vocabulary"}),
    ({"article"}, True, set()),
    ({"knowledge"}, True, {"knowledge"}),
    ({"record", "article", "template"}, True, {"template"}),
])
def test_each_kind_of_change_calls_for_its_work_then_rendering(kinds, extract, reload):
    plan = serve.plan_for(kinds)
    assert (plan.extract, set(plan.reload), plan.render) == (extract, reload, True)


def test_no_change_calls_for_nothing():
    assert serve.plan_for(set()) == serve.Plan()


def test_files_are_told_apart_by_folder_and_temporary_files_are_ignored(inputs):
    records = inputs.records
    assert serve.kind_of(records / "events" / "x.yml", inputs) == "record"
    assert serve.kind_of(inputs.articles / "a.html", inputs) == "article"
    assert serve.kind_of(inputs.templates / "event.md.j2", inputs) == "template"
    assert serve.kind_of(inputs.vocabulary / "roles.yml", inputs) == "vocabulary"
    assert serve.kind_of(inputs.knowledge / "actors.yml", inputs) == "knowledge"
    assert serve.kind_of(records / "events" / ".x.yml.abc.tmp", inputs) is None
    assert serve.kind_of(records / "events" / "x.yml~", inputs) is None
    assert serve.kind_of(inputs.docs / "events" / "x.md", inputs) is None


def test_a_snapshot_sees_files_added_changed_and_removed(inputs):
    watched = inputs.records / "events" / "taji-rockets.yml"
    before = serve.snapshot(inputs)
    edit(watched, "Rocket attack", "Rocket strike")
    added = write_record(inputs.records, "actors", {"id": "x", "name": "X", "kind": "other"})
    (inputs.records / "events" / "strikes.yml").unlink()
    assert serve.changed_files(before, serve.snapshot(inputs)) == sorted(
        [watched, added, inputs.records / "events" / "strikes.yml"])


# --- doing it -------------------------------------------------------------------------------


def test_a_changed_record_re_renders_its_page(inputs):
    watcher = serve.Watcher(inputs)
    edit(inputs.records / "events" / "taji-rockets.yml", "Rocket attack on Camp Taji",
         "Rocket strike on Camp Taji")
    outcome = watcher.poll()
    assert outcome.ok and "events/taji-rockets.md" in outcome.rendered.written
    assert "# Rocket strike on Camp Taji" in event_page(inputs)
    assert watcher.poll() is None


def test_an_invalid_record_keeps_the_old_page_and_reports_path_and_line(inputs):
    watcher = serve.Watcher(inputs)
    before = event_page(inputs)
    path = inputs.records / "events" / "taji-rockets.yml"
    edit(path, "title: Rocket attack on Camp Taji", "title: Rocket strike on Camp Taji")
    edit(path, "injured: 12", "injurd: 12")
    outcome = watcher.poll()
    line = path.read_text().splitlines().index("injurd: 12") + 1
    results, summaries = serve.describe(outcome)
    assert results == [f"{path}:{line}: unknown key 'injurd' in the record; did you mean 'injured'? "
                       "(expected keys: id, title, status, event_type, sub_event_type, date, time, "
                       "location, actors, fatalities, injured, weapons, ...)"]
    assert summaries[-1] == "not rendered: fix the errors above; the pages stay as they were"
    assert outcome.rendered is None and event_page(inputs) == before


def test_a_fixed_record_is_rendered_again(inputs):
    watcher = serve.Watcher(inputs)
    path = inputs.records / "events" / "taji-rockets.yml"
    edit(path, "injured: 12", "injured: -1")
    assert not watcher.poll().ok
    edit(path, "injured: -1", "injured: 13")
    assert watcher.poll().ok
    assert "Injured\n:   13\n" in event_page(inputs)


def test_a_template_change_re_renders_the_pages(records_dir, tmp_path, own_templates):
    inputs = serve.Inputs(records=records_dir, articles=tmp_path / "articles",
                          docs=tmp_path / "docs", templates=own_templates)
    serve.carry_out(serve.Plan(render=True), inputs)
    watcher = serve.Watcher(inputs)
    edit(own_templates / "event.md.j2", "## Actors\n", "## Who took part\n")
    outcome = watcher.poll()
    assert outcome.ok and len(outcome.rendered.written) == 3  # the three published events
    assert "## Who took part" in event_page(inputs)


@pytest.mark.parametrize("mistake, message", [
    ("## Actors {% if %}", "template does not parse: Expected an expression, got 'end of statement block'"),
    ("## Actors {{ event.nosuch }}", "template error: 'builder.records.model.Event object' has no attribute 'nosuch'"),
])
def test_a_broken_template_is_reported_at_its_line_and_keeps_the_pages(records_dir, tmp_path,
                                                                       own_templates, mistake, message):
    inputs = serve.Inputs(records=records_dir, articles=tmp_path / "articles",
                          docs=tmp_path / "docs", templates=own_templates)
    serve.carry_out(serve.Plan(render=True), inputs)
    before = event_page(inputs)
    watcher = serve.Watcher(inputs)
    template = own_templates / "event.md.j2"
    edit(template, "## Actors\n", mistake + "\n")
    line = template.read_text().splitlines().index(mistake) + 1
    outcome = watcher.poll()
    assert [str(p) for p in outcome.problems] == [f"{template}:{line}: {message}"]
    assert event_page(inputs) == before


def test_a_vocabulary_that_does_not_parse_is_reported_at_its_line(tmp_path):
    broken = tmp_path / "roles.yml"
    broken.write_text("perpetrator:\n  heading: [Perpetrators\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError) as error:
        load_plain(broken)
    [problem] = serve.problems_of(error.value)
    assert (problem.path, problem.line) == (str(broken), 3)
    assert problem.message.startswith("YAML does not parse")


def test_an_article_change_runs_extraction_first_and_its_writes_start_no_new_round(inputs, monkeypatch):
    inputs.articles.mkdir()
    calls = []

    def fake_extraction(given):
        calls.append(given)
        edit(given.records / "events" / "taji-rockets.yml", "Rocket attack", "Rocket fire")
        return ExtractResult(articles=1)

    monkeypatch.setattr(serve, "run_extraction", fake_extraction)
    watcher = serve.Watcher(inputs)
    (inputs.articles / "new.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
    outcome = watcher.poll()
    assert calls == [inputs] and outcome.ok
    assert "# Rocket fire on Camp Taji" in event_page(inputs)
    assert watcher.poll() is None


# --- serving --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch_until(url: str, wanted: str, seconds: float) -> str:
    deadline, text = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                text = response.read().decode("utf-8")
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{wanted!r} not served at {url} within {seconds}s")


@pytest.mark.slow
def test_the_site_is_served_on_localhost_and_follows_an_edit(records_dir, tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\ndocs_dir: docs\ntheme:\n  name: mkdocs\n"
                      "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n",
                      encoding="utf-8")
    inputs = serve.Inputs(records=records_dir, articles=tmp_path / "articles", docs=tmp_path / "docs")
    port, stop, status = _free_port(), threading.Event(), []
    thread = threading.Thread(target=lambda: status.append(
        serve.serve(inputs, config, port, interval=0.1, stop=stop)))
    thread.start()
    try:
        url = f"http://127.0.0.1:{port}/events/taji-rockets/"
        _fetch_until(url, "Rocket attack on Camp Taji", 30)
        edit(records_dir / "events" / "taji-rockets.yml", "Rocket attack on Camp Taji",
             "Rocket strike on Camp Taji")
        _fetch_until(url, "Rocket strike on Camp Taji", 30)
    finally:
        stop.set()
        thread.join(30)
    assert status == [0]
