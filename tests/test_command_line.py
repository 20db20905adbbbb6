"""One command line: the same report options on every command, strict option names, one exit-code rule.

Issue 13 items 5 and 8: every report-producing command takes `--format`,
atomic `--output`, `--color` and `--quiet`; argparse's prefix matching is off;
an unknown option prints that command's usage; one registry renders every
result; the result or the error's class says the exit code; a "did you mean"
is data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cli
from compliance import __version__
from compliance.commands import _options, discover
from compliance.errors import (
    BadInput,
    DraftInvalid,
    EngineError,
    EngineFailure,
    EnvironmentFault,
    InputError,
    InternalError,
    PatchError,
    UsageError,
)
from compliance.exit_codes import ExitCode
from compliance.render import REGISTRY, formats
from tests.conftest import ROOT, run_cli

NOPD = "policies/nopd-41.6.1-2016.yaml"
OPSO = "policies/opso-detainers-2013.yaml"
BAD = "tests/fixtures/bad"
MINIMAL = f"{BAD}/minimal/rules"

pytestmark = pytest.mark.usefixtures("at_root")

# Every report-producing command, with arguments that make it cheap on the bundled law.
REPORTS: dict[str, tuple[str, ...]] = {
    "check": ("check", NOPD, "--as-of", "2020-01-01"),
    "dispute": ("dispute", NOPD, "--as-of", "2020-01-01"),
    "diff": ("diff", NOPD, OPSO, "--as-of", "2020-01-01"),
    "explain": ("explain", NOPD, "--clause", "5"),
    "suggest": ("suggest", NOPD, "--reading", "textual", "--as-of", "2020-01-01"),
    "interactions": ("interactions", "--no-cross-check", "--reading", "textual"),
    "test": ("test", "--no-bundled-rules", "--rules", MINIMAL),
    "validate": ("validate", NOPD),
    "timeline": ("timeline", NOPD, "--reading", "textual"),
    "record": ("record", NOPD),
    "rules": ("rules", "list"),
}


def test_every_report_command_is_in_the_table() -> None:
    reporting = {command.NAME for command in discover() if getattr(command, "RESULT", None)}
    assert reporting == set(REPORTS)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_report_command_writes_json_to_output_as_it_prints_it(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = REPORTS[name]
    code, printed, _ = run_cli(capsys, *argv, "--format", "json")
    target = tmp_path / "report.json"
    assert code in (0, 1), printed  # a report, not an error
    again, out, _ = run_cli(capsys, *argv, "--format", "json", "--output", str(target))
    assert (again, out) == (code, "")
    assert target.read_text(encoding="utf-8") == printed
    if name not in ("interactions", "timeline", "rules"):  # reports, not gates, whose JSON has no exit code: always 0
        assert json.loads(printed)["exit_code"] == code
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_report_command_refuses_an_unknown_format_the_same_way(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, *REPORTS[name], "--format", "xml")
    kind = {command.NAME: command.RESULT for command in discover() if getattr(command, "RESULT", None)}[name]
    assert (code, out) == (2, "")
    assert err == f"compliance: error: unknown format 'xml'; choose one of: {', '.join(formats(kind))}\n"


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_an_unknown_option_prints_that_commands_usage(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, *REPORTS[name], "--no-such-option")
    assert (code, out) == (2, "")
    assert err.startswith(f"usage: compliance {name} ")
    assert err.endswith(f"compliance {name}: error: unrecognized arguments: --no-such-option\n")


def test_a_prefix_of_an_option_is_not_that_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "check", NOPD, "--fail-on-dr")  # a prefix of --fail-on-draft
    assert code == 2
    assert "unrecognized arguments: --fail-on-dr" in err
    code, _, err = run_cli(capsys, "check", NOPD, "--form", "json")
    assert code == 2 and "unrecognized arguments: --form json" in err


def test_every_parser_refuses_abbreviations() -> None:
    parser = cli._parser(discover())
    assert parser.allow_abbrev is False
    for name in (command.NAME for command in discover()):
        assert cli._subparser(parser, name).allow_abbrev is False, name


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--version")
    assert (code, out, err) == (0, f"compliance {__version__}\n", "")


def test_quiet_keeps_the_summary_and_the_result_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, full, _ = run_cli(capsys, "check", NOPD, "--as-of", "2020-01-01")
    quiet_code, quiet, _ = run_cli(capsys, "check", NOPD, "--as-of", "2020-01-01", "--quiet")
    assert quiet_code == code
    lines = quiet.splitlines()
    assert lines[0] == "Law as of 2020-01-01"
    assert "Summary:" in lines
    assert lines[-1] == full.splitlines()[-1]
    assert lines[-1].startswith("Result: ")
    assert len(lines) < len(full.splitlines()) / 3


@pytest.mark.parametrize("name", ["dispute", "diff"])
def test_quiet_on_other_text_reports_is_their_result_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, full, _ = run_cli(capsys, *REPORTS[name])
    _, quiet, _ = run_cli(capsys, *REPORTS[name], "--quiet")
    assert full.splitlines()[-1].startswith("Result: ")
    assert quiet == full.splitlines()[-1] + "\n"


def test_quiet_keeps_a_report_without_a_result_line_whole(capsys: pytest.CaptureFixture[str]) -> None:
    _, full, _ = run_cli(capsys, *REPORTS["explain"])
    assert "Result: " not in full
    assert run_cli(capsys, *REPORTS["explain"], "--quiet")[1] == full


def test_quiet_test_prints_only_the_count(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "test", "--no-bundled-rules", f"{BAD}/wrong-example/rules", "--quiet")
    assert code == 1
    assert len(out.splitlines()) == 1 and out.endswith(" failed\n") and "1 failed" in out


def test_color_always_and_never(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run_cli(capsys, "check", NOPD)
    _, coloured, _ = run_cli(capsys, "check", NOPD, "--color", "always")
    assert "\x1b[" not in plain and "\x1b[" in coloured
    assert run_cli(capsys, "check", NOPD, "--color", "never")[1] == plain
    code, _, err = run_cli(capsys, "check", NOPD, "--color", "sometimes")
    assert code == 2 and "invalid choice: 'sometimes'" in err


def test_test_takes_rules_as_an_option_or_an_argument(capsys: pytest.CaptureFixture[str]) -> None:
    by_option = run_cli(capsys, "test", "--no-bundled-rules", "--rules", f"{BAD}/wrong-example/rules")
    by_argument = run_cli(capsys, "test", "--no-bundled-rules", f"{BAD}/wrong-example/rules")
    assert by_option == by_argument and by_option[0] == 1
    # Both are layers of one law: two complete rules directories define the same ids.
    code, _, err = run_cli(capsys, "test", "--no-bundled-rules", MINIMAL, "--rules", f"{BAD}/wrong-example/rules")
    assert code == 2 and "duplicate" in err


def test_test_as_json_lists_every_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "test", "--no-bundled-rules", f"{BAD}/wrong-example/rules", "--format", "json")
    data = json.loads(out)
    assert code == data["exit_code"] == 1
    assert data["failed"] == sum(not e["passed"] for e in data["examples"]) >= 1
    assert all(e["line"] > 0 for e in data["examples"])


def test_validate_reads_a_directory_of_policies_as_check_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policies = tmp_path / "policies"
    (policies / "nested").mkdir(parents=True)
    (policies / "a.yaml").write_bytes((ROOT / NOPD).read_bytes())
    (policies / "nested" / "b.yml").write_bytes((ROOT / OPSO).read_bytes())
    code, out, err = run_cli(capsys, "validate", str(policies))
    assert (code, err) == (0, "")
    assert out.endswith(", 2 policies\n")
    (policies / "nested" / "c.yaml").write_text("id: x\n", encoding="utf-8")  # a bad policy below is found
    code, out, err = run_cli(capsys, "validate", str(policies))
    assert code == 2 and out == "" and "c.yaml" in err


def test_validate_json_carries_suggestions_as_data(capsys: pytest.CaptureFixture[str]) -> None:
    path = f"{BAD}/policies/misspelt-person.yaml"
    code, out, err = run_cli(capsys, "validate", path, "--no-bundled-rules", "--rules", MINIMAL, "--format", "json")
    data = json.loads(out)
    assert (code, err) == (2, "")
    assert data["valid"] is False and data["exit_code"] == 2
    (problem,) = data["problems"]
    assert problem["message"] == "unknown person 'victm'"
    assert problem["suggestion"] == "victim"
    assert (problem["path"], problem["code"]) == (path, "unknown-reference")
    code, _, err = run_cli(
        capsys, "validate", path, "--no-bundled-rules", "--rules", MINIMAL
    )  # the text form says it in words
    assert code == 2 and err.rstrip().endswith("unknown person 'victm' (did you mean 'victim'?) [unknown-reference]")


def test_a_usage_error_carries_its_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UsageError) as raised:
        _options.readings("textul", ["textual", "doj"])
    assert (raised.value.message, raised.value.suggestion) == ("unknown reading 'textul'", "textual")
    assert str(raised.value) == "unknown reading 'textul' (did you mean 'textual'?); known: textual, doj, all"
    assert raised.value.to_data()["suggestion"] == "textual"


def test_explain_takes_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "explain", NOPD, "--clause", "5", "--as-of", "2018-01-01")
    assert code == 0 and "  Law as of 2018-01-01\n" in out
    _, plain, _ = run_cli(capsys, "explain", NOPD, "--clause", "5")
    assert "Law as of" not in plain  # without --as-of the report is as it always was
    _, data, _ = run_cli(capsys, "explain", NOPD, "--clause", "5", "--as-of", "2018-01-01", "--format", "json")
    parsed = json.loads(data)
    assert parsed["as_of"] == "2018-01-01"
    assert all(entry["status"] for entry in parsed["entries"])


def test_interactions_takes_engine(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("interactions", "--reading", "textual", "--format", "json")
    code, out, _ = run_cli(capsys, *argv, "--engine", "reference")
    assert code == 0 and json.loads(out)["cross_checked_with"] == ["reference"]


# --- one registry, one exit-code rule, one error tree ------------------------------------------


def test_the_registry_serves_every_command_and_every_entry_renders() -> None:
    import importlib

    commands = [command for command in discover() if getattr(command, "RESULT", None)]
    kinds = {kind for command in commands for kind in getattr(command, "RESULTS", (command.RESULT,))}
    assert kinds == {kind for kind, _ in REGISTRY}
    for kind in kinds:
        assert formats(kind)[:2] == ("text", "json"), kind
    for module in set(REGISTRY.values()):
        assert callable(importlib.import_module(f"compliance.render.{module}").render), module


def test_no_command_picks_a_renderer_or_writes_a_report_itself() -> None:
    for path in (ROOT / "compliance" / "commands").glob("*.py"):
        if path.name == "_options.py":  # the one place that renders (`report`) and writes (`emit`)
            continue
        source = path.read_text(encoding="utf-8")
        assert "from compliance.render import" not in source.replace("from compliance.render import Context", ""), path
        assert "sys.stdout.write" not in source, path


def test_error_classes_say_their_exit_code() -> None:
    assert not issubclass(EngineFailure, EngineError)  # a bug in the engine is not the user's bad input
    for bad in (InputError, UsageError, EngineError):
        assert issubclass(bad, BadInput) and bad.exit_code == ExitCode.BAD_INPUT == 2
    for bug in (EngineFailure, PatchError, DraftInvalid):
        assert issubclass(bug, InternalError) and bug.exit_code == ExitCode.INTERNAL == 3
    assert EnvironmentFault.exit_code == ExitCode.ENVIRONMENT == 4
    assert (ExitCode.INTERRUPTED, ExitCode.TERMINATED) == (130, 143)


def test_fail_on_draft_is_the_results_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.yaml"
    code = cli.main(["draft", "tests/fixtures/draft/nopd-41.6.1-2016.txt", "--output", str(draft)])
    assert code == 0
    capsys.readouterr()
    code, out, _ = run_cli(capsys, "check", str(draft), "--fail-on-draft", "--format", "json")
    assert code == json.loads(out)["exit_code"] == 2
    verdict, text, _ = run_cli(capsys, "check", str(draft))
    assert verdict in (0, 1)
    # the report's verdict is the law's, whatever the gate: the same result line either way
    gated = run_cli(capsys, "check", str(draft), "--fail-on-draft")
    assert gated[0] == 2 and gated[1].splitlines()[-1] == text.splitlines()[-1]
