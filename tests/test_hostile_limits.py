"""Input limits: sensible defaults, one flag each to raise them, the same flags on every command.

A legitimate but unusually large file must be loadable by raising a limit,
and the error that stops it must name the flag that would let it through.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

import cli
from compliance.commands import discover
from compliance.loader import limits

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "bad" / "minimal" / "rules"
GOOD = ROOT / "tests" / "fixtures" / "bad" / "policies" / "good.yaml"


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "policy.yaml"
    shutil.copyfile(GOOD, path)
    return path


def validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = cli.main(["validate", *argv, "--no-bundled-rules", "--rules", str(MINIMAL)])
    return status, capsys.readouterr().err


def test_defaults_are_the_measured_ones() -> None:
    assert (
        limits.Limits(max_bytes=1 << 20, max_depth=32, max_nodes=100_000, max_scalar=64 * 1024) == limits.DEFAULT_LIMITS
    )
    assert limits.current() == limits.DEFAULT_LIMITS


def test_a_large_file_is_refused_by_default_and_accepted_with_the_flag(
    policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with policy.open("a", encoding="utf-8") as handle:
        handle.write(("# a long comment line, as a generated file might carry\n") * 20_000)
    assert policy.stat().st_size > limits.DEFAULT_LIMITS.max_bytes
    status, err = validate(capsys, str(policy))
    assert status == 2
    assert err == (
        f"{policy}: error: the file is larger than the limit of 1048576 bytes; split it into smaller files "
        "(or raise the limit with --max-bytes) [too-large]\n"
    )
    assert validate(capsys, str(policy), "--max-bytes", "2000000") == (0, "")


@pytest.mark.parametrize(
    ("flag", "value", "code"),
    [
        ("--max-depth", "2", "too-deep"),
        ("--max-nodes", "20", "too-many-nodes"),
        ("--max-bytes", "100", "too-large"),
        ("--max-scalar", "10", "scalar-too-long"),
    ],
)
def test_each_flag_lowers_its_limit_and_is_named_in_the_error(
    policy: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, code: str
) -> None:
    assert validate(capsys, str(policy)) == (0, "")
    status, err = validate(capsys, str(policy), flag, value)
    assert status == 2
    (line,) = [line for line in err.splitlines() if line.startswith(str(policy))]  # the rules are refused too
    assert line.endswith(f"(or raise the limit with {flag}) [{code}]")


def test_limits_apply_to_the_rules_too(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MINIMAL)
    status, err = validate(capsys, "--max-bytes", "200")
    assert status == 2
    assert {line.split(": error:")[0] for line in err.splitlines()} == {
        "federal/usc-8-1373.yaml",
        "readings.yaml",
        "vocabulary.yaml",
    }


def test_the_limits_end_with_the_command(policy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validate(capsys, str(policy), "--max-depth", "2")
    assert limits.current() == limits.DEFAULT_LIMITS


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--max-depth", "0", "0 is out of range; give a number between 1 and 1000"),
        ("--max-depth", "1001", "1001 is out of range; give a number between 1 and 1000"),
        ("--max-bytes", "-5", "-5 is out of range; give a number at least 1"),
        ("--max-nodes", "many", "'many' is not a whole number"),
    ],
)
def test_a_bad_limit_is_a_usage_error(
    policy: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, words: str
) -> None:
    status, err = validate(capsys, str(policy), flag, value)
    assert status == 2
    assert f"argument {flag}: {words}" in err
    assert "Traceback" not in err


def test_every_command_takes_every_limit_flag() -> None:
    parser = cli._parser(discover())
    (group,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    wanted = {limits.flag(name) for name in limits.names()}
    assert wanted == {"--max-bytes", "--max-depth", "--max-nodes", "--max-scalar"}
    for name, sub in group.choices.items():
        flags = {option for action in sub._actions for option in action.option_strings}
        assert wanted <= flags, name
