"""YAML reading and writing: core-schema values, line numbers, atomic writes."""

from __future__ import annotations

import os

import pytest
import yaml

from builder import files
from builder.records import yamlio


def test_dates_times_and_country_codes_stay_text():
    doc = yamlio.parse("start: 2020-03-11\ntime: 19:00\ncountry: NO\nflag: yes\n")
    assert doc.data == {"start": "2020-03-11", "time": "19:00", "country": "NO", "flag": "yes"}


@pytest.mark.parametrize("text", [
    "n: 0x1F\no: 0o17\nneg: -4\nf: 1e3\ng: -0.5\nt: TRUE\nf2: false\nnil: ~\nempty:\ns: !!str 12\n",
    "list: [1, 'two', {three: 3.0}]\n1: int key\ntrue: bool key\n",
])
def test_values_are_those_a_yaml_loader_gives(text):
    assert yamlio.parse(text).data == yaml.load(text, Loader=yamlio._Loader)


def test_a_key_given_twice_keeps_its_last_value_and_is_reported():
    doc = yamlio.parse("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 3, "b": 2}
    assert doc.duplicate_keys == [(("a",), 3)]
    assert doc.line_of(("a",)) == 1


def test_written_yaml_reads_back_the_same():
    data = {"start": "2020-03-11", "time": "19:00", "n": 3, "none": None, "text": "a: b\nc"}
    assert yamlio.parse(yamlio.dump(data)).data == data


def test_every_key_and_item_has_its_line():
    doc = yamlio.parse("a: 1\nb:\n  - x\n  - y: 2\n")
    assert doc.line_of(("b", 1, "y")) == 4
    assert doc.line_of(("b", 0)) == 3
    assert doc.line_of(("b", 7, "missing")) == 2


def test_bad_yaml_raises_with_its_line():
    with pytest.raises(yamlio.YamlError) as err:
        yamlio.parse("a: 1\nb: [1, 2\nc: 3\n")
    assert err.value.line in (2, 3)


def test_a_file_is_written_only_when_its_content_changes(tmp_path):
    path = tmp_path / "x.yml"
    assert files.write_atomic(path, "a: 1\n")
    mtime = path.stat().st_mtime_ns
    assert not files.write_atomic(path, "a: 1\n")
    assert path.stat().st_mtime_ns == mtime


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "x.yml"
    path.write_text("old: true\n")

    def crash(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(path, "new: true\n")
    assert path.read_text() == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yml"]


# --- untrusted records: what no record holds is a YamlError, never a crash or code run -------


@pytest.mark.parametrize("text, words", [
    ("a: !!python/object/apply:os.system ['touch /tmp/pwned']", "tag !!python/object/apply:os.system"),
    ("a: !!python/name:os.system ''", "tag !!python/name:os.system"),
    ("a: !!timestamp 2020-13-45", "tag !!timestamp"),
    ("a: !!binary aGk=", "tag !!binary"),
    ("a: !!set {x}", "tag !!set"),
    ("a: !!int foo", "'foo' is not a valid !!int value"),
    ("a: !!bool maybe", "'maybe' is not a valid !!bool value"),
    ("a: .nan", "not a finite number"),
    ("a: 1e99999", "not a finite number"),
    ("a: " + "9" * 5000, "a number of 5000 digits"),
    ("? [a, b]\n: c", "a key must be plain text"),
])
def test_tags_and_values_no_record_needs_are_refused_with_their_line(text, words):
    with pytest.raises(yamlio.YamlError) as err:
        yamlio.parse(text)
    assert words in err.value.message
    assert err.value.line == 1


def test_anchors_and_aliases_are_refused_so_a_billion_laughs_cannot_expand():
    laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"b{i}: &b{i} [{', '.join(['*a' if i == 0 else f'*b{i - 1}'] * 9)}]\n" for i in range(12))
    for text in (laughs, laughs + "# padding\n" * 500):  # short texts and long ones (prechecked)
        with pytest.raises(yamlio.YamlError) as err:
            yamlio.parse(text)
        assert "anchors and aliases" in err.value.message


@pytest.mark.parametrize("depth", [40, 1_000, 200_000])
def test_deep_nesting_is_refused_before_it_can_crash_the_parser(depth):
    for text in ("a: " + "[" * depth + "]" * depth, "a:\n" + "- " * depth + "x\n"):
        with pytest.raises(yamlio.YamlError) as err:
            yamlio.parse(text)
        assert f"nested more than {yamlio.MAX_DEPTH} levels" in err.value.message


def test_brackets_in_text_are_not_nesting():
    brackets = "[" * 40 + "{" * 40
    text = (f"title: Attack {brackets}\n"  # inside a plain scalar of a block
            f"quote: '{brackets} it''s'\n"
            f'note: "{brackets} \\" {brackets}"\n'
            f"# {brackets}\n"
            f"tags: [a, '{brackets}', b]\n")
    data = yamlio.parse(text).data
    assert data["title"] == f"Attack {brackets}"
    assert data["quote"] == f"{brackets} it's"
    assert data["tags"] == ["a", brackets, "b"]


def test_deep_nesting_is_refused_at_its_line():
    text = "title: x\nitems:\n  - [" + "[" * 40 + "]" * 41 + "\n"
    with pytest.raises(yamlio.YamlError) as err:
        yamlio.parse(text)
    assert err.value.line == 3


def test_the_package_reads_yaml_with_safe_loaders_only():
    """Every YAML read in builder/ goes through yamlio's safe loader (or ruamel's round-trip
    one, which builds no Python object from a tag): in the modules that import PyYAML no
    yaml.load with another Loader, no unsafe_load, full_load, FullLoader or UnsafeLoader; and
    nowhere a ruamel YAML(typ='unsafe')."""
    import ast
    from pathlib import Path

    import builder

    unsafe = {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all", "FullLoader", "UnsafeLoader",
              "Loader", "CLoader", "CFullLoader", "CUnsafeLoader"}
    found = []
    for path in sorted(Path(builder.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        pyyaml = any(isinstance(n, ast.Import) and any(a.name == "yaml" for a in n.names) for n in ast.walk(tree))
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if not pyyaml and not isinstance(node, ast.Call):
                continue
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == "yaml" and node.attr in unsafe:
                found.append(f"{where}: yaml.{node.attr}")
            if pyyaml and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "yaml" \
                    and node.func.attr in ("load", "load_all"):
                loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
                if not (isinstance(loader, ast.Name) and loader.id == "_Loader"):
                    found.append(f"{where}: yaml.{node.func.attr} without yamlio's safe loader")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "YAML":
                typ = next((k.value for k in node.keywords if k.arg == "typ"), None)
                if typ is not None and not (isinstance(typ, ast.Constant) and typ.value in ("rt", "safe")):
                    found.append(f"{where}: YAML(typ={ast.unparse(typ)})")
    assert found == []
    assert issubclass(yamlio._Loader, yaml.SafeLoader) or yamlio._Loader.__mro__[1].__name__ == "CSafeLoader"
