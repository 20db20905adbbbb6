"""`compliance validate PATH...`: every problem of every file, without evaluating anything.

Each test builds a copy of the minimal rules (tests/fixtures/bad/minimal) with
faults injected by plain text replacement, so the faults are visible here, and
asserts the exact `path:line:col ... [code]` of every problem printed: none may
hide another, whether in the same file or in a file read later.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import cli

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "bad" / "minimal" / "rules"
GOOD = ROOT / "tests" / "fixtures" / "bad" / "policies" / "good.yaml"
INSTRUMENT = "rules/federal/usc-8-1373.yaml"
LOCATED = re.compile(
    r"^(?P<path>[^:\s][^:]*?)(?::(?P<line>\d+):(?P<column>\d+))?: error: (?P<message>.+) \[(?P<code>[a-z-]+)\]$"
)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with `rules/` (the minimal rules) and `good.yaml`, as the working directory."""
    shutil.copytree(MINIMAL, tmp_path / "rules")
    shutil.copyfile(GOOD, tmp_path / "good.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def inject(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, list[tuple[str, int, str]]]:
    """Exit code, stdout, and every stderr line as (path, line, code); fails on an unlocated line."""
    status = cli.main(["validate", "--no-bundled-rules", *argv])
    out, err = capsys.readouterr()
    problems = []
    for text in err.splitlines():
        match = LOCATED.match(text)
        assert match is not None, f"not a located error: {text!r}"
        problems.append((match["path"], int(match["line"] or 0), match["code"]))
    return status, out, problems


def test_a_bad_vocabulary_does_not_hide_the_instrument_files(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inject(work / "rules/vocabulary.yaml", "  - id: status-information\n", "  - id: Status_Information\n")
    inject(work / INSTRUMENT, "    verified: true\n", "    verified: yes\n")
    status, out, problems = validate(capsys, "rules")
    assert (status, out) == (2, "")
    assert problems == [(INSTRUMENT, 18, "schema"), ("rules/vocabulary.yaml", 5, "schema")]


def test_a_bad_readings_file_does_not_hide_the_instrument_files(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inject(work / "rules/readings.yaml", '    title: "Textual reading"\n', "    title: [a, list]\n")
    inject(work / INSTRUMENT, '    cite: "8 U.S.C. § 1373(a)"\n', '    cit: "8 U.S.C. § 1373(a)"\n')
    status, _, problems = validate(capsys, "rules")
    assert status == 2
    assert problems == [
        (INSTRUMENT, 12, "schema"),  # missing cite, at the provision
        (INSTRUMENT, 13, "schema"),  # unknown key cit
        ("rules/readings.yaml", 4, "schema"),
    ]


def test_schema_errors_and_dangling_names_of_one_file_together(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before, a file that failed its schema had its references left unchecked until the next run."""
    inject(work / INSTRUMENT, "    verified: true\n", "    verified: yes\n")
    inject(work / INSTRUMENT, "      counterpart: federal-immigration\n", "      counterpart: federal-imigration\n")
    status, _, problems = validate(capsys, "rules")
    assert status == 2
    assert problems == [(INSTRUMENT, 18, "schema"), (INSTRUMENT, 23, "unknown-reference")]


def test_every_policy_given_is_checked(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, old, new in (
        ("a.yaml", "    modality: prohibits\n", "    modality: NO\n"),
        ("b.yaml", "    persons: victim\n", "    persons: victm\n"),
        ("c.yaml", '  - number: "2"\n', '  - number: "1"\n'),
    ):
        shutil.copyfile(work / "good.yaml", work / name)
        inject(work / name, old, new)
        inject(work / name, "id: test-policy\n", f"id: policy-{name[0]}\n")
    inject(work / "b.yaml", "issuer-kind: police-department\n", "issuer-kind: police-departement\n")
    status, _, problems = validate(capsys, "a.yaml", "b.yaml", "c.yaml", "--rules", "rules")
    assert status == 2
    assert problems == [
        ("a.yaml", 11, "schema"),
        ("b.yaml", 5, "unknown-reference"),
        ("b.yaml", 14, "unknown-reference"),
        ("c.yaml", 16, "schema"),
    ]


def test_a_policy_with_a_schema_error_still_has_its_names_checked(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inject(work / "good.yaml", '  - number: "2"\n', "  - number: [2]\n")
    inject(work / "good.yaml", "    persons: victim\n", "    persons: victm\n")
    status, _, problems = validate(capsys, "good.yaml", "--rules", "rules")
    assert status == 2
    assert problems == [("good.yaml", 14, "unknown-reference"), ("good.yaml", 16, "schema")]


def test_one_value_wrong_twice_is_reported_once(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`persons: Victim` is a malformed id and an unknown term: the schema message alone is printed."""
    inject(work / "good.yaml", "    persons: victim\n", "    persons: Victim\n")
    status, _, problems = validate(capsys, "good.yaml", "--rules", "rules")
    assert (status, problems) == (2, [("good.yaml", 14, "schema")])


def test_duplicate_policy_ids_across_files(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copyfile(work / "good.yaml", work / "copy.yaml")
    status, _, problems = validate(capsys, "good.yaml", "copy.yaml", "--rules", "rules")
    assert (status, problems) == (2, [("copy.yaml", 2, "duplicate-id")])
    cli.main(["validate", "good.yaml", "copy.yaml", "--rules", "rules"])
    assert "duplicate policy id 'test-policy'; first defined at good.yaml:2:5" in capsys.readouterr().err


def test_bad_rules_do_not_stop_the_policies_being_read(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With the rules unusable, a policy still gets its parse and schema checks (not its names)."""
    inject(work / "rules/vocabulary.yaml", "  - id: status-information\n", "  - id: Status_Information\n")
    inject(work / "good.yaml", "    modality: prohibits\n", "    modality: forbids\n")
    inject(work / "good.yaml", "    persons: victim\n", "    persons: victm\n")
    status, _, problems = validate(capsys, "good.yaml", "--rules", "rules")
    assert status == 2
    assert problems == [("good.yaml", 11, "schema"), ("rules/vocabulary.yaml", 5, "schema")]


# --- what a path is ---------------------------------------------------------------------------


def test_a_directory_is_a_rules_directory_and_the_policies_are_checked_against_it(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, problems = validate(capsys, "rules", "good.yaml")
    assert (status, out, problems) == (0, "ok: 1 provisions, 2 readings, 1 policies\n", [])
    # The policy is checked against that directory, not the bundled rules: a term only it lacks is unknown.
    inject(work / "rules/vocabulary.yaml", "  - id: victim\n", "  - id: victims\n")
    status, _, problems = validate(capsys, "rules", "good.yaml")
    assert (status, problems) == (2, [("good.yaml", 14, "unknown-reference")])


def test_rule_files_are_recognised_by_their_keys(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = (INSTRUMENT, "rules/readings.yaml", "rules/vocabulary.yaml")
    status, out, problems = validate(capsys, *files, "--rules", "rules")
    assert (status, out, problems) == (0, "ok: 1 provisions, 2 readings, 0 policies, 3 rule files\n", [])
    inject(work / INSTRUMENT, "      counterpart: federal-immigration\n", "      counterpart: federal-imigration\n")
    inject(work / "rules/readings.yaml", '    title: "Broad reading"\n', "    titel: Broad reading\n")
    inject(
        work / "rules/vocabulary.yaml",
        "    parent: status-information\n    definition: Sending",
        "    parent: status-informaton\n    definition: Sending",
    )
    status, _, problems = validate(capsys, *files, "--rules", MINIMAL.as_posix())
    assert status == 2
    assert problems == [
        (INSTRUMENT, 23, "unknown-reference"),
        ("rules/readings.yaml", 14, "schema"),  # missing title, at the reading (holders now take three lines)
        ("rules/readings.yaml", 15, "schema"),  # unknown key titel
        ("rules/vocabulary.yaml", 8, "unknown-reference"),
    ]


def test_several_rules_directories_and_a_policy_need_rules_named(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(work / "rules", work / "other")
    assert cli.main(["validate", "rules", "other", "good.yaml"]) == 2
    assert "name the one the files are checked against with --rules" in capsys.readouterr().err
    # With the law named, the other directory is a layer on it: a copy clashes, each id at the copy, naming the first.
    status = cli.main(["validate", "--no-bundled-rules", "rules", "other", "good.yaml", "--rules", "rules"])
    err = capsys.readouterr().err
    assert status == 2
    assert f"other/{INSTRUMENT.removeprefix('rules/')}:" in err
    assert "duplicate provision id" in err and f"first defined at {INSTRUMENT}:" in err
    assert "duplicate reading id" in err and "first defined at rules/readings.yaml:" in err
    assert "duplicate term" in err and "first defined at rules/vocabulary.yaml:" in err
