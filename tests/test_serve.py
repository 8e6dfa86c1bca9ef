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
from conftest import ROOT

from builder.commands import serve
from builder.extract.pipeline import ExtractResult
from builder.records.yamlio import load_plain
from builder.site import render, urls


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


def test_changes_keep_the_inputs_and_hand_written_pages_not_what_the_build_writes(inputs, tmp_path):
    config = tmp_path / "mkdocs.yml"
    changes = serve.Changes(inputs, config)
    docs = inputs.docs.resolve()
    assert changes.add((inputs.records / "events" / "taji-rockets.yml").resolve())
    assert changes.add(docs / "about.md") and changes.add(docs / "assets" / "chronology.css")
    assert changes.add(config.resolve())
    assert not changes.add(docs / "events" / "taji-rockets.md")  # written by the build itself
    assert not changes.add(docs / ".builder-cache" / "outputs.pickle")
    assert not changes.add((inputs.records / "events" / ".taji-rockets.yml.tmp").resolve())
    assert len(changes.take()) == 4 and changes.take() == []


def round_of(inputs: serve.Inputs, *paths: Path) -> serve.Outcome:
    """What the preview does after `paths` changed (the site's HTML left out)."""
    resolved = inputs.resolved()
    return serve.round_for(sorted(p.resolve() for p in paths), resolved, None, Path("mkdocs.yml"))


# --- doing it -------------------------------------------------------------------------------


def test_a_changed_record_re_renders_its_page(inputs):
    path = inputs.records / "events" / "taji-rockets.yml"
    edit(path, "Rocket attack on Camp Taji", "Rocket strike on Camp Taji")
    outcome = round_of(inputs, path)
    assert outcome.ok and "events/taji-rockets.md" in outcome.rendered.written
    assert "# Rocket strike on Camp Taji" in event_page(inputs)
    assert round_of(inputs, path).rendered.written == []  # nothing else changed


def test_an_invalid_record_keeps_the_old_page_and_reports_path_and_line(inputs):
    before = event_page(inputs)
    path = inputs.records / "events" / "taji-rockets.yml"
    edit(path, "title: Rocket attack on Camp Taji", "title: Rocket strike on Camp Taji")
    edit(path, "injured: 12", "injurd: 12")
    outcome = round_of(inputs, path)
    line = path.read_text().splitlines().index("injurd: 12") + 1
    results, summaries = serve.describe(outcome)
    assert results == [f"{path}:{line}: unknown key 'injurd' in the record; did you mean 'injured'? "
                       "(expected keys: id, title, status, event_type, sub_event_type, date, time, "
                       "location, actors, fatalities, injured, weapons, ...)"]
    assert summaries[-1] == "not rendered: fix the errors above; the pages stay as they were"
    assert outcome.rendered is None and event_page(inputs) == before


def test_a_fixed_record_is_rendered_again(inputs):
    path = inputs.records / "events" / "taji-rockets.yml"
    edit(path, "injured: 12", "injured: -1")
    assert not round_of(inputs, path).ok
    edit(path, "injured: -1", "injured: 13")
    assert round_of(inputs, path).ok
    assert "<dt>Injured</dt>\n<dd>13</dd>" in event_page(inputs)


def test_a_template_change_re_renders_the_pages(records_dir, tmp_path, own_templates):
    inputs = serve.Inputs(records=records_dir, articles=tmp_path / "articles",
                          docs=tmp_path / "docs", templates=own_templates)
    serve.carry_out(serve.Plan(render=True), inputs)
    template = own_templates / "event.md.j2"
    edit(template, "## Actors\n", "## Who took part\n")
    outcome = round_of(inputs, template)
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
    template = own_templates / "event.md.j2"
    edit(template, "## Actors\n", mistake + "\n")
    line = template.read_text().splitlines().index(mistake) + 1
    outcome = round_of(inputs, template)
    assert [str(p) for p in outcome.problems] == [f"{template.resolve()}:{line}: {message}"]
    assert event_page(inputs) == before


def test_a_vocabulary_that_does_not_parse_is_reported_at_its_line(tmp_path):
    broken = tmp_path / "roles.yml"
    broken.write_text("perpetrator:\n  heading: [Perpetrators\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError) as error:
        load_plain(broken)
    [problem] = serve.problems_of(error.value)
    assert (problem.path, problem.line) == (str(broken), 3)
    assert problem.message.startswith("YAML does not parse")


def test_an_article_change_runs_extraction_first_then_renders(inputs, monkeypatch):
    inputs.articles.mkdir()
    calls = []

    def fake_extraction(given):
        calls.append(given)
        edit(given.records / "events" / "taji-rockets.yml", "Rocket attack", "Rocket fire")
        return ExtractResult(articles=1)

    monkeypatch.setattr(serve, "run_extraction", fake_extraction)
    article = inputs.articles / "new.txt"
    article.write_text("Headline\n\nBody.\n", encoding="utf-8")
    outcome = round_of(inputs, article)
    assert calls == [inputs.resolved()] and outcome.ok
    assert "# Rocket fire on Camp Taji" in event_page(inputs)


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
def test_the_site_is_served_on_localhost_and_follows_an_edit_and_a_hand_written_page(records_dir, tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns(*urls.GENERATED, ".*"))
    inputs = serve.Inputs(records=records_dir, articles=tmp_path / "articles", docs=tmp_path / "docs")
    port, stop, status = _free_port(), threading.Event(), []
    thread = threading.Thread(target=lambda: status.append(
        serve.serve(inputs, tmp_path / "mkdocs.yml", port, stop=stop, site_dir=tmp_path / "site")))
    thread.start()
    try:
        url = f"http://127.0.0.1:{port}/events/taji-rockets/"
        _fetch_until(url, "Rocket attack on Camp Taji", 60)
        edit(records_dir / "events" / "taji-rockets.yml", "Rocket attack on Camp Taji",
             "Rocket strike on Camp Taji")
        page = _fetch_until(url, "Rocket strike on Camp Taji", 30)
        assert "livereload" in page  # the browser is told to reload
        index = f"http://127.0.0.1:{port}/search/search_index.json"
        _fetch_until(index, "Rocket strike on Camp Taji", 30)
        about = tmp_path / "docs" / "about.md"
        about.write_text(about.read_text(encoding="utf-8") + "\nA sentence added while serving.\n",
                         encoding="utf-8")
        _fetch_until(f"http://127.0.0.1:{port}/about/", "A sentence added while serving.", 30)
    finally:
        stop.set()
        thread.join(30)
    assert status == [0]
