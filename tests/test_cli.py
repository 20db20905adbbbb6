"""The `compliance` command: exit codes, located errors on stderr, reports, determinism.

Most cases call `cli.main(argv)` in-process and read the output with `capsys`;
a few run the real command (`python cli.py ...`) in a subprocess, to prove
that what reaches the user's terminal never contains a traceback and that
the output does not depend on the interpreter's hash seed.

Exit codes (cli.py): 0 no conflict with law in force, 1 a conflict, 2 bad
input or usage, 3 an internal error.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from compliance.loader.corpus import load_corpus
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
BAD = "tests/fixtures/bad"
MINIMAL = f"{BAD}/minimal/rules"
ONLY_1373 = f"{BAD}/only-1373/rules"
NOPD = "policies/nopd-41.6.1-2016.yaml"
OPSO = "policies/opso-detainers-2013.yaml"
ALL_POLICIES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "policies").glob("*.yaml"))

LOCATED = re.compile(
    r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.+) \[(?P<code>[a-z-]+)\]$"
)
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")


pytestmark = pytest.mark.usefixtures("at_root")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


def run_bytes(*argv: str, seed: str = "0") -> subprocess.CompletedProcess[bytes]:
    """The real command in a child process, from the repository root; output as the bytes written."""
    return subprocess.run(
        [sys.executable, "cli.py", *argv],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        timeout=300,
        check=False,
    )


def run_process(*argv: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    """The real command in a child process, output decoded as UTF-8."""
    raw = run_bytes(*argv, seed=seed)
    return subprocess.CompletedProcess(raw.args, raw.returncode, raw.stdout.decode(), raw.stderr.decode())


def located(err: str) -> list[tuple[str, int, int, str, str]]:
    """Every stderr line as (path, line, column, message, code); fails on any other line."""
    found = []
    for text in err.splitlines():
        match = LOCATED.match(text)
        assert match is not None, f"not a located error line: {text!r}"
        found.append((match["path"], int(match["line"]), int(match["column"]), match["message"], match["code"]))
    return found


# --- bad input: exit 2 and `path:line:col: error: ... [code]` -----------------------------------


@pytest.mark.parametrize("command", ["check", "validate"])
@pytest.mark.parametrize(
    ("policy", "line", "column", "code", "words"),
    [
        ("misspelt-person", 14, 14, "unknown-reference", "unknown person 'victm' (did you mean 'victim'?)"),
        ("modality-no", 11, 15, "schema", "'NO' is not one of: prohibits, requires, permits, restricts"),
        ("impossible-date", 6, 10, "schema", "'2016-02-30' is not a real calendar date"),
        ("unknown-instrument", 8, 10, "unknown-reference", "(did you mean 'usc-8-1373'?)"),
    ],
)
def test_bad_policy_exits_2_with_a_located_error(
    capsys: pytest.CaptureFixture[str], command: str, policy: str, line: int, column: int, code: str, words: str
) -> None:
    path = f"{BAD}/policies/{policy}.yaml"
    status, out, err = run(capsys, command, path, "--no-bundled-rules", "--rules", MINIMAL)
    assert status == 2
    assert out == ""
    ((where, got_line, got_column, message, got_code),) = located(err)
    assert (where, got_line, got_column, got_code) == (path, line, column, code)
    assert words in message


def test_every_problem_of_a_bad_policy_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    path = f"{BAD}/policies/three-errors.yaml"
    status, out, err = run(capsys, "check", path, "--no-bundled-rules", "--rules", MINIMAL, "--format", "json")
    assert (status, out) == (2, "")
    assert [(p, line, column, code) for p, line, column, _, code in located(err)] == [
        (path, 3, 10, "unknown-reference"),
        (path, 6, 14, "unknown-reference"),
        (path, 15, 14, "unknown-reference"),
    ]


def test_bad_rules_exit_2_with_located_errors(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", NOPD, "--no-bundled-rules", "--rules", f"{BAD}/misspelt-action/rules")
    assert (status, out) == (2, "")
    ((path, line, column, message, code),) = located(err)
    assert (path, line, column, code) == (
        f"{BAD}/misspelt-action/rules/federal/usc-8-1373.yaml",
        22,
        16,
        "unknown-reference",
    )
    assert message.endswith("(did you mean 'send-status-information'?)")


def test_missing_policy_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", "policies/no-such-policy.yaml")
    assert (status, out) == (2, "")
    assert err == "policies/no-such-policy.yaml: error: no such file; check the path and its spelling [not-found]\n"


def test_missing_rules_directory(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", NOPD, "--no-bundled-rules", "--rules", f"{BAD}/no-such-directory/rules")
    assert (status, out) == (2, "")
    assert err.startswith(f"{BAD}/no-such-directory/rules: error: the rules directory does not exist")
    assert err.rstrip().endswith("[not-found]")


def test_unknown_reading(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", NOPD, "--reading", "texual")
    assert (status, out) == (2, "")
    assert err.startswith("compliance: error: unknown reading 'texual' (did you mean 'textual'?)")
    assert "known: textual, doj, broad, all" in err


def test_unknown_reading_in_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", NOPD, "--reading", "textual,brod")
    assert (status, out) == (2, "")
    assert "unknown reading 'brod' (did you mean 'broad'?)" in err


def test_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", NOPD, "--format", "xml")
    assert (status, out) == (2, "")
    assert (
        err
        == "compliance: error: unknown format 'xml'; choose one of: text, json, markdown, sarif, junit, html, github\n"
    )


@pytest.mark.parametrize("output", ["text", "json"])
def test_an_empty_reading_list_is_a_usage_error(capsys: pytest.CaptureFixture[str], output: str) -> None:
    status, out, err = run(capsys, "check", NOPD, "--reading", "", "--format", output)
    assert (status, out) == (2, "")
    assert err.startswith("compliance: error:")


def test_argparse_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["check"], ["check", NOPD, "--engine", "nope"], ["frobnicate"]):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert "usage: compliance" in err
        assert "Traceback" not in err


def test_an_internal_error_is_exit_3_without_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import compliance.analysis.check

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(compliance.analysis.check, "check", broken)
    status, out, err = run(capsys, "check", OPSO)
    assert (status, out) == (3, "")
    assert err == "compliance: internal error: RuntimeError: boom (rerun with --debug for a traceback)\n"
    status = cli.main(["--debug", "check", OPSO])
    assert status == 3
    assert "Traceback" in capsys.readouterr().err


# --- the real command: no traceback reaches the terminal ----------------------------------------


@pytest.mark.parametrize(
    ("argv", "first_line"),
    [
        (
            ["check", f"{BAD}/policies/misspelt-person.yaml", "--no-bundled-rules", "--rules", MINIMAL],
            f"{BAD}/policies/misspelt-person.yaml:14:14: error: unknown person 'victm' (did you mean 'victim'?) "
            "[unknown-reference]",
        ),
        (
            ["validate", f"{BAD}/policies/modality-no.yaml", "--no-bundled-rules", "--rules", MINIMAL],
            f"{BAD}/policies/modality-no.yaml:11:15: error: "
            "'NO' is not one of: prohibits, requires, permits, restricts [schema]",
        ),
        (
            ["test", "--no-bundled-rules", f"{BAD}/vocabulary-cycle/rules"],
            f"{BAD}/vocabulary-cycle/rules/vocabulary.yaml:8:13: error: "
            "term 'send-status-information' is its own ancestor [cycle]",
        ),
        (
            ["check", "policies/no-such-policy.yaml"],
            "policies/no-such-policy.yaml: error: no such file; check the path and its spelling [not-found]",
        ),
        (
            ["check", NOPD, "--reading", "texual"],
            "compliance: error: unknown reading 'texual' (did you mean 'textual'?); known: textual, doj, broad, all",
        ),
        (
            ["check", NOPD, "--format", "xml"],
            "compliance: error: unknown format 'xml'; choose one of: text, json, markdown, sarif, junit, html, github",
        ),
        (["check", NOPD, "--engine", "nope"], "usage: compliance check [-h] [--rules DIR] [--no-bundled-rules]"),
    ],
    ids=["bad-policy", "modality", "bad-vocabulary", "missing-policy", "unknown-reading", "format", "engine"],
)
def test_the_command_reports_bad_input_without_a_traceback(argv: list[str], first_line: str) -> None:
    result = run_process(*argv)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == first_line


# --- check: verdicts and exit codes -----------------------------------------------------------


def test_check_nopd_conflicts_with_law_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", NOPD)
    assert (status, err) == (1, "")
    assert (
        out.splitlines()[-1] == "Result: conflicts with law in force (readings: textual, doj, broad; engine: durable)"
    )


def test_check_nopd_in_a_subprocess_exits_1() -> None:
    result = run_process("check", NOPD)
    assert (result.returncode, result.stderr) == (1, "")
    assert "Result: conflicts with law in force" in result.stdout


def test_the_bundled_nopd_policy_encodes_an_instrument_the_1373_only_rules_lack(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`encodes: nopd-41-6-1` must name a loaded instrument, so this combination is bad input, not 0."""
    status, out, err = run(capsys, "check", NOPD, "--reading", "textual", "--no-bundled-rules", "--rules", ONLY_1373)
    assert (status, out) == (2, "")
    assert err == f"{NOPD}:14:10: error: unknown instrument 'nopd-41-6-1' [unknown-reference]\n"


def _verdicts(payload: dict) -> dict[tuple[str, str], str]:
    (document,) = payload["documents"]
    return {(v["provision"], v["reading"]): v["verdict"] for v in document["verdicts"]}


def test_nopd_under_the_textual_reading_of_1373_alone_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The NOPD policy (without its `encodes:` line) against § 1373 alone, textual reading: no conflict."""
    text = (ROOT / NOPD).read_text(encoding="utf-8")
    assert text.count("\nencodes: nopd-41-6-1\n") == 1
    policy = tmp_path / "nopd.yaml"
    policy.write_text(text.replace("\nencodes: nopd-41-6-1\n", "\n"), encoding="utf-8")
    status, out, err = run(
        capsys,
        "check",
        str(policy),
        "--reading",
        "textual",
        "--no-bundled-rules",
        "--rules",
        ONLY_1373,
        "--format",
        "json",
    )
    assert (status, err) == (0, "")
    payload = json.loads(out)
    assert payload["exit_code"] == 0
    assert payload["readings"] == ["textual"]
    assert _verdicts(payload) == {
        ("usc-8-1373-a", "textual"): "complies",
        ("usc-8-1373-b-1", "textual"): "complies",
        ("usc-8-1373-b-2", "textual"): "complies",
        ("usc-8-1373-b-3", "textual"): "complies",
    }
    reasons = {v["provision"]: v["reason"] for v in payload["documents"][0]["verdicts"]}
    assert reasons["usc-8-1373-a"] == "satisfied by clause 5"
    assert reasons["usc-8-1373-b-1"] == "partially satisfied by clause 5"
    # The same policy under the broad reading conflicts with § 1373: the 0 above is the reading's doing.
    # A political reading fails the check only when asked for (--fail-on reading=broad).
    argv = ["check", str(policy), "--reading", "broad", "--no-bundled-rules", "--rules", ONLY_1373, "--format", "json"]
    status, out, _ = run(capsys, *argv)
    assert status == 0
    status, out, _ = run(capsys, *argv, "--fail-on", "reading=broad")
    assert status == 1
    assert set(_verdicts(json.loads(out)).values()) == {"conflicts"}


def test_opso_under_the_textual_reading_of_1373_alone_exits_0() -> None:
    """The real command, a bundled policy, the 1373-only rules: exit 0, every verdict `complies`."""
    result = run_process(
        "check", OPSO, "--reading", "textual", "--no-bundled-rules", "--rules", ONLY_1373, "--format", "json"
    )
    assert (result.returncode, result.stderr) == (0, "")
    verdicts = _verdicts(json.loads(result.stdout))
    assert sorted(verdicts) == [(f"usc-8-1373-{p}", "textual") for p in ("a", "b-1", "b-2", "b-3")]
    assert set(verdicts.values()) == {"complies"}


def test_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", *ALL_POLICIES, "--format", "json")
    assert (status, err) == (1, "")
    payload = json.loads(out)
    assert isinstance(payload["version"], str)
    assert payload["version"]
    assert payload["exit_code"] == 1
    assert payload["readings"] == ["textual", "doj", "broad"]
    # Documents come in order of their id, whatever order the files were named in (determinism).
    assert [d["path"] for d in payload["documents"]] == [
        "policies/nopd-41.6.1-2016.yaml",
        "policies/nopd-41.6.1-2016-without-para5.yaml",
        "policies/opso-detainers-2013.yaml",
    ]
    verdicts = [v for d in payload["documents"] for v in d["verdicts"]]
    provisions = len(load_corpus(ROOT / "rules").provisions)
    assert len(verdicts) == provisions * 3 * len(ALL_POLICIES)
    for verdict in verdicts:
        assert {"provision", "reading", "verdict"} <= set(verdict)
        assert verdict["reading"] in payload["readings"]
        assert verdict["verdict"] in {
            "complies",
            "conflicts",
            "potential-conflict",
            "not-addressed",
            "not-applicable",
            "not-held",
        }
    nopd = {
        (v["provision"], v["reading"]): v["verdict"]
        for v in next(d for d in payload["documents"] if d["path"] == NOPD)["verdicts"]
    }
    assert nopd[("usc-8-1373-a", "textual")] == "complies"
    assert nopd[("usc-8-1373-a", "broad")] == "conflicts"
    assert nopd[("nopd-41-6-1-para-5", "textual")] == "not-applicable"


# --- test and validate --------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_the_bundled_examples_pass(capsys: pytest.CaptureFixture[str], engine: str) -> None:
    status, out, err = run(capsys, "test", "--engine", engine)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 1, out  # no failure lines, only the summary
    match = SUMMARY.match(lines[-1])
    assert match is not None
    passed, failed = int(match[1]), int(match[2])
    corpus = load_corpus(ROOT / "rules")
    assert (passed, failed) == (sum(len(p.provision.examples) for p in corpus.provisions), 0)


def test_a_wrong_example_fails_with_its_location(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "test", "--no-bundled-rules", f"{BAD}/wrong-example/rules")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        f"{BAD}/wrong-example/rules/federal/usc-8-1373.yaml:27:9: usc-8-1373-a: "
        "expected satisfies under reading broad, got partially-satisfies",
        "1 passed, 1 failed",
    ]
    assert SUMMARY.match(out.splitlines()[-1])


def test_the_test_command_in_a_subprocess() -> None:
    result = run_process("test")
    assert (result.returncode, result.stderr) == (0, "")
    assert SUMMARY.match(result.stdout.splitlines()[-1])
    result = run_process("test", "--no-bundled-rules", f"{BAD}/wrong-example/rules")
    assert (result.returncode, result.stderr) == (1, "")
    assert re.match(r"^[^:\s]+\.yaml:\d+:\d+: ", result.stdout.splitlines()[0])
    assert result.stdout.splitlines()[-1] == "1 passed, 1 failed"


def test_validate_the_bundled_rules_and_policies(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "validate", *ALL_POLICIES)
    assert (status, err) == (0, "")
    corpus = load_corpus(ROOT / "rules")
    assert out == (
        f"ok: {len(corpus.provisions)} provisions, {len(corpus.readings)} readings, {len(ALL_POLICIES)} policies\n"
    )


def test_validate_a_bad_policy(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "validate", f"{BAD}/policies/impossible-date.yaml", "--no-bundled-rules", "--rules", MINIMAL
    )
    assert (status, out) == (2, "")
    assert [(line, column, code) for _, line, column, _, code in located(err)] == [(6, 10, "schema")]
    # A good policy against the same rules validates: the 2 is the bad file's doing.
    status, out, err = run(capsys, "validate", f"{BAD}/policies/good.yaml", "--no-bundled-rules", "--rules", MINIMAL)
    assert (status, out, err) == (0, "ok: 1 provisions, 2 readings, 1 policies\n", "")


def test_validate_bad_rules(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "validate", "--no-bundled-rules", "--rules", f"{BAD}/duplicate-reading/rules")
    assert (status, out) == (2, "")
    ((_, line, column, message, code),) = located(err)
    assert (line, column, code) == (14, 9, "duplicate-id")
    assert f"first defined at {BAD}/duplicate-reading/rules/readings.yaml:3:9" in message


# --- determinism --------------------------------------------------------------------------------


@pytest.mark.parametrize("output", ["text", "json"])
def test_the_same_check_twice_gives_identical_output(capsys: pytest.CaptureFixture[str], output: str) -> None:
    argv = ("check", *ALL_POLICIES, "--format", output)
    first = run(capsys, *argv)
    second = run(capsys, *argv)
    assert first[0] == 1
    assert first[1]
    assert first == second
    assert first[1].encode() == second[1].encode()


@pytest.mark.parametrize("output", ["text", "json"])
def test_output_does_not_depend_on_the_hash_seed(output: str) -> None:
    argv = ("check", *ALL_POLICIES, "--format", output)
    runs = [run_bytes(*argv, seed=seed) for seed in ("1", "4242")]
    for result in runs:
        assert (result.returncode, result.stderr) == (1, b"")
    assert runs[0].stdout
    assert runs[0].stdout == runs[1].stdout
