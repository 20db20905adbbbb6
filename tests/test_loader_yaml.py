"""The YAML entry point against hostile input, its typing rules, and located validation.

Each failure mode has a fixture under `tests/fixtures/hostile/` (or is generated
here when large) and must raise `InputError` with the right code at the exact
line:column, under both libyaml and the pure-Python parser. The same files are
also loaded in a child process, so a segfault fails one test instead of
killing the runner.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Literal

import pytest
import yaml

from compliance.errors import InputError, Location
from compliance.loader import files, yaml_safe
from compliance.loader.locate import validate
from compliance.loader.yaml_safe import Limits, load_yaml_file, load_yaml_text
from compliance.model.base import Label, Model, TermId

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"

# fixture file -> (code, line, column)
HOSTILE_CASES: dict[str, tuple[str, int, int]] = {
    "billion_laughs.yaml": ("anchor", 1, 4),
    "anchor.yaml": ("anchor", 1, 5),
    "alias.yaml": ("alias", 2, 8),
    "merge_key.yaml": ("merge-key", 2, 1),
    "python_object.yaml": ("tag", 2, 6),
    "float_tag.yaml": ("tag", 2, 4),
    "timestamp_tag.yaml": ("tag", 2, 7),
    "bool_tag.yaml": ("tag", 1, 4),
    "local_tag.yaml": ("tag", 2, 8),
    "duplicate_key.yaml": ("duplicate-key", 3, 1),
    "two_documents.yaml": ("multiple-documents", 2, 1),
    "empty.yaml": ("empty", 1, 1),
    "comments_only.yaml": ("empty", 1, 1),
    "empty_document.yaml": ("empty", 2, 1),
    "list_root.yaml": ("root-not-mapping", 1, 1),
    "scalar_root.yaml": ("root-not-mapping", 1, 1),
    "complex_key.yaml": ("complex-key", 2, 3),
    "nul_byte.yaml": ("control-character", 2, 9),
    "invalid_utf8.yaml": ("encoding", 2, 11),
    "random_binary.bin": ("encoding", 2, 1),
    "tab_indent.yaml": ("syntax", 3, 1),
    "unclosed_flow.yaml": ("syntax", 3, 1),
    "bad_indent.yaml": ("syntax", 2, 8),
}

# generated in the test: name -> (content, code, line, column)
GENERATED: dict[str, tuple[bytes, str, int, int]] = {
    "deep_flow": (b"a: " + b"[" * 100_000 + b"]" * 100_000, "too-deep", 1, 35),
    "deep_block": (b"a:\n  " + b"- " * 100_000 + b"x\n", "too-deep", 2, 65),
    "deep_mappings": (b"a: " + b"{a: " * 100_000 + b"}" * 100_000, "too-deep", 1, 4 + 31 * 4),
    "node_flood": (b"a:\n" + b"- x\n" * 100_001, "too-many-nodes", 99_999, 3),
    "long_scalar": (b"id: x\ntext: " + b"y" * (64 * 1024 + 1) + b"\n", "scalar-too-long", 2, 7),
    "too_large": (b"a: " + b"b" * (1 << 20), "too-large", 0, 0),
    "c1_control": ("a: b\x85c\n".encode(), "control-character", 1, 5),
    "noncharacter": ("a: \ufffe\n".encode(), "syntax", 1, 4),
}


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test under libyaml's parser and under the pure-Python fallback."""
    if request.param == "python":
        monkeypatch.setattr(yaml_safe, "_PARSER", yaml.SafeLoader)
    return request.param


def raised(call: object, *args: object) -> InputError:
    with pytest.raises(InputError) as info:
        call(*args)  # type: ignore[operator]
    assert len(info.value.problems) == 1
    return info.value


def test_every_fixture_has_an_expectation() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir()} - {"typing_traps.yaml"}
    assert on_disk == set(HOSTILE_CASES)


@pytest.mark.parametrize(("name", "expected"), sorted(HOSTILE_CASES.items()))
def test_hostile_fixture(parser: str, name: str, expected: tuple[str, int, int]) -> None:
    code, line, column = expected
    path = HOSTILE / name
    error = raised(load_yaml_file, path)
    problem = error.problems[0]
    assert problem.code == code
    assert problem.location == Location(str(path), line, column)
    assert problem.message


@pytest.mark.parametrize(("name", "case"), sorted(GENERATED.items()))
def test_hostile_generated(parser: str, name: str, case: tuple[bytes, str, int, int]) -> None:
    content, code, line, column = case
    problem = raised(load_yaml_text, content, "gen.yaml").problems[0]
    assert (problem.code, problem.location) == (code, Location("gen.yaml", line, column))


def test_limits_are_configurable() -> None:
    small = Limits(max_bytes=20, max_depth=2, max_nodes=5, max_scalar=3)
    assert raised(load_yaml_text, b"a: 12345678901234567890\n", "f", small).problems[0].code == "too-large"
    assert raised(load_yaml_text, b"a: {b: [c]}", "f", small).problems[0].code == "too-deep"
    assert raised(load_yaml_text, b"a: [b, c, d]", "f", small).problems[0].code == "too-many-nodes"
    assert raised(load_yaml_text, b"a: abcd", "f", small).problems[0].code == "scalar-too-long"
    assert load_yaml_text(b"a: {b: c}", "f", small).value == {"a": {"b": "c"}}


def test_typing_traps_stay_strings(parser: str) -> None:
    value = load_yaml_file(HOSTILE / "typing_traps.yaml").value
    assert value == {
        "id": "x",
        "number": "5.10",
        "modality": "NO",
        "adopted": "2016-02-30",
        "paragraph": "012",
        "version": "1.0",
        "enabled": "yes",
        "empty": None,
        "nothing": None,
        "flag": True,
    }


def test_scalar_typing_rules(parser: str) -> None:
    text = (
        "plain: [~, null, Null, NULL, '', true, false, True, FALSE, yes, off, 0x1F, 1e3, .inf, 2024-01-01]\n"
        "quoted: ['null', \"true\", '~', \"5.10\"]\n"
        "block: |\n  line\n"
        "null: key is text\n"
        "true: also text\n"
        "1: numeric key\n"
        "'<<': a quoted merge-looking key is just text\n"
        "empty:\n"
    )
    value = load_yaml_text(text.encode(), "t.yaml").value
    assert value == {
        "plain": [
            None,
            None,
            None,
            None,
            "",
            True,
            False,
            "True",
            "FALSE",
            "yes",
            "off",
            "0x1F",
            "1e3",
            ".inf",
            "2024-01-01",
        ],
        "quoted": ["null", "true", "~", "5.10"],
        "block": "line\n",
        "null": "key is text",
        "true": "also text",
        "1": "numeric key",
        "<<": "a quoted merge-looking key is just text",
        "empty": None,
    }


def test_marks_of_a_small_document(parser: str) -> None:
    text = b'id: x\nclauses:\n  - number: "1"\n    action: [a, b]\n  - plain\n'
    loaded = load_yaml_text(text, "small.yaml")
    assert loaded.path == "small.yaml"
    assert loaded.value == {"id": "x", "clauses": [{"number": "1", "action": ["a", "b"]}, "plain"]}

    def at(line: int, column: int) -> Location:
        return Location("small.yaml", line, column)

    assert loaded.marks == {
        (): at(1, 1),
        ("id",): at(1, 5),
        ("clauses",): at(3, 3),
        ("clauses", 0): at(3, 5),
        ("clauses", 0, "number"): at(3, 13),
        ("clauses", 0, "action"): at(4, 13),
        ("clauses", 0, "action", 0): at(4, 14),
        ("clauses", 0, "action", 1): at(4, 17),
        ("clauses", 1): at(5, 5),
    }
    assert loaded.key_marks == {
        ("id",): at(1, 1),
        ("clauses",): at(2, 1),
        ("clauses", 0, "number"): at(3, 5),
        ("clauses", 0, "action"): at(4, 5),
    }


def test_bom_is_accepted_and_columns_ignore_it() -> None:
    loaded = load_yaml_text(b"\xef\xbb\xbfid: x\n", "bom.yaml")
    assert loaded.value == {"id": "x"}
    assert loaded.marks[("id",)] == Location("bom.yaml", 1, 5)


def test_columns_count_characters_not_bytes() -> None:
    problem = raised(load_yaml_text, "é: ü\ncafé: x\x00\n".encode(), "u.yaml").problems[0]
    assert problem.location == Location("u.yaml", 2, 8)
    assert load_yaml_text("é: ü\n".encode(), "u.yaml").marks[("é",)] == Location("u.yaml", 1, 4)


def test_str_input_is_accepted() -> None:
    assert load_yaml_text("a: b\n", "s.yaml").value == {"a": "b"}


def test_deep_nesting_is_refused(parser: str) -> None:
    content = b"a: " + b"[" * 100_000 + b"]" * 100_000
    assert raised(load_yaml_text, content, "deep.yaml").problems[0].code == "too-deep"


def test_depth_guard_fires_before_libyamls_own_nesting_limit(parser: str) -> None:
    """libyaml >= 0.2.6 stops flow nesting at 1,000 levels before it emits an event; our guard decides.

    Regression: on PyYAML 6.0.4 a 1,100-deep flow list got libyaml's "exceeded maximum nesting
    depth" as a `syntax` error with indentation advice, instead of `too-deep` naming --max-depth.
    """
    content = b"a: " + b"[" * 1_100 + b"]" * 1_100
    problem = raised(load_yaml_text, content, "deep.yaml").problems[0]
    assert (problem.code, problem.location) == ("too-deep", Location("deep.yaml", 1, 35))
    assert "--max-depth" in problem.message
    # Raised past the parser's own limit, our limit is the one that counts: the file loads.
    loaded = load_yaml_text(content, "deep.yaml", Limits(max_depth=1_200))
    depth, value = 0, loaded.value["a"]
    while value:
        depth, value = depth + 1, value[0]
    assert depth == 1_099


def test_duplicate_key_names_the_first_line() -> None:
    message = raised(load_yaml_file, HOSTILE / "duplicate_key.yaml").problems[0].message
    assert "'id'" in message
    assert "line 1" in message


def test_leaked_parser_exceptions_become_syntax(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, Loader: object) -> object:
        yield yaml.StreamStartEvent(yaml.Mark("x", 0, 0, 0, None, None), None)
        raise IndexError("string index out of range")

    monkeypatch.setattr(yaml_safe.yaml, "parse", broken)
    problem = raised(load_yaml_text, b"a: b\n", "leak.yaml").problems[0]
    assert problem.code == "syntax"
    assert problem.location == Location("leak.yaml", 1, 1)


def test_missing_file(tmp_path: Path) -> None:
    problem = raised(load_yaml_file, tmp_path / "nope.yaml").problems[0]
    assert (problem.code, problem.location) == ("not-found", Location(str(tmp_path / "nope.yaml")))


def test_directory(tmp_path: Path) -> None:
    assert raised(load_yaml_file, tmp_path).problems[0].code == "is-directory"


def test_display_name_is_used(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: b\n")
    assert load_yaml_file(path, display="rules/a.yaml").path == "rules/a.yaml"
    assert raised(load_yaml_file, tmp_path / "b.yaml", Limits(), "rules/b.yaml").problems[0].location.path == (
        "rules/b.yaml"
    )


def test_unreadable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def denied(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "open", denied)
    assert raised(load_yaml_file, tmp_path / "a.yaml").problems[0].code == "unreadable"


def test_other_os_errors_are_unreadable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def failing(*args: object, **kwargs: object) -> object:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "open", failing)
    problem = raised(load_yaml_file, tmp_path / "a.yaml").problems[0]
    assert problem.code == "unreadable"
    assert "Input/output error" in problem.message


SUBPROCESS_SCRIPT = """
import sys
from pathlib import Path
from compliance.errors import InputError
from compliance.loader.yaml_safe import load_yaml_file
try:
    load_yaml_file(Path(sys.argv[1]))
except InputError as error:
    print(error.problems[0].code)
else:
    print("ok")
"""


def _subprocess_cases() -> list[str]:
    return [*sorted(p.name for p in HOSTILE.iterdir()), "generated:deep_flow", "generated:deep_block"]


@pytest.mark.parametrize("name", _subprocess_cases())
def test_hostile_input_does_not_crash_the_process(name: str, tmp_path: Path) -> None:
    if name.startswith("generated:"):
        path = tmp_path / "generated.yaml"
        path.write_bytes(GENERATED[name.removeprefix("generated:")][0])
    else:
        path = HOSTILE / name
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, "-c", SUBPROCESS_SCRIPT, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in {code for code, _, _ in HOSTILE_CASES.values()} | {"too-deep", "ok"}


# --- validate -------------------------------------------------------------------------------


class Scope(Model):
    """A nested mapping, to check that suggestions come from the right model."""

    action: TermId
    counterpart: TermId | None = None


class Doc(Model):
    """A tiny file model in the project's style: kebab-case keys, strict types."""

    id: TermId
    held_by: Label
    modality: Literal["prohibits", "requires", "permits", "restricts"]
    scope: Scope | None = None
    items: tuple[Scope, ...] = ()


def problems_of(text: str) -> list[tuple[str, str]]:
    """(line:column, message as printed: with its "did you mean") for each problem `validate` reports."""
    with pytest.raises(InputError) as info:
        validate(load_yaml_text(text.encode(), "doc.yaml"), Doc)
    assert all(p.code == "schema" for p in info.value.problems)
    return [(f"{p.location.line}:{p.location.column}", p.text) for p in info.value.problems]


def test_validate_accepts_a_good_document() -> None:
    text = "id: a\nheld-by: b\nmodality: permits\nscope: {action: x}\nitems:\n  - action: y\n"
    doc = validate(load_yaml_text(text.encode(), "doc.yaml"), Doc)
    assert doc == Doc(id="a", held_by="b", modality="permits", scope=Scope(action="x"), items=(Scope(action="y"),))


def test_unknown_key_with_suggestion_at_the_key() -> None:
    found = problems_of("id: a\nheld-bi: b\nmodality: permits\n")
    assert ("2:1", "unknown key 'held-bi' (did you mean 'held-by'?)") in found


def test_unknown_nested_key_suggests_from_the_nested_model() -> None:
    found = problems_of("id: a\nheld-by: b\nmodality: permits\nitems:\n  - acton: x\n")
    assert ("5:5", "unknown key 'acton' (did you mean 'action'?)") in found
    assert any(where == "5:5" and "missing required key 'action'" in message for where, message in found)


def test_unknown_key_without_suggestion_lists_the_keys() -> None:
    found = problems_of("id: a\nheld-by: b\nmodality: permits\nzzz: 1\n")
    assert found == [("4:1", "unknown key 'zzz'; expected one of: id, held-by, modality, scope, items")]


def test_missing_key_points_at_the_mapping() -> None:
    found = problems_of("id: a\nmodality: permits\nscope:\n  counterpart: c\n")
    assert ("1:1", "missing required key 'held-by'; add `held-by:` to this mapping") in found
    assert ("3:1", "missing required key 'action'; add `action:` to this mapping") in found


def test_wrong_literal() -> None:
    found = problems_of("id: a\nheld-by: b\nmodality: NO\n")
    assert found == [("3:11", "'NO' is not one of: prohibits, requires, permits, restricts")]
    found = problems_of("id: a\nheld-by: b\nmodality: permit\n")
    assert found[0][1].endswith("(did you mean 'permits'?)")
    with pytest.raises(InputError) as info:  # the suggestion is data, apart from the message
        validate(load_yaml_text(b"id: a\nheld-by: b\nmodality: permit\n", "doc.yaml"), Doc)
    (problem,) = info.value.problems
    assert (problem.message, problem.suggestion) == (
        "'permit' is not one of: prohibits, requires, permits, restricts",
        "permits",
    )


def test_bad_id_explains_the_pattern() -> None:
    (where, message), *_ = problems_of("id: Foo_Bar\nheld-by: b\nmodality: permits\n")
    assert where == "1:5"
    assert "kebab-case" in message


def test_multiple_errors_are_all_reported() -> None:
    found = problems_of("id: A\nheld-by:\nmodality: yes\nscope: [x]\nextra: 1\n")
    assert [where for where, _ in found] == ["1:5", "2:9", "3:11", "4:8", "5:1"]
