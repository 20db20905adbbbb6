"""The command line builds its parser from only the command it names (start-up), else from all."""

from __future__ import annotations

import cli
from compliance.commands import discover, find

ALL = sorted(command.NAME for command in discover())


def test_a_named_command_is_the_only_one_built() -> None:
    assert list(cli._commands(["check", "policies/nopd-41.6.1-2016.yaml"])) == ["check"]
    assert list(cli._commands(["--debug", "explain", "--help"])) == ["explain"]


def test_help_and_unknown_commands_see_every_command() -> None:
    assert sorted(cli._commands([])) == ALL
    assert sorted(cli._commands(["--help"])) == ALL
    assert sorted(cli._commands(["chek", "x.yaml"])) == ALL


def test_a_command_named_unlike_its_module_falls_back_to_discovery() -> None:
    assert find("test") is None  # lives in rule_tests
    assert "test" in cli._commands(["test"])


def test_helpers_and_non_commands_are_never_found() -> None:
    assert find("_options") is None
    assert find("../cli") is None
    assert find("rule_tests") is None  # its NAME is "test", so the module name is not a command


def test_usage_errors_are_the_same_either_way(capsys: object) -> None:
    assert cli.main(["check"]) == 2
    assert "the following arguments are required: POLICY|DIR" in capsys.readouterr().err  # type: ignore[attr-defined]
    assert cli.main(["chek"]) == 2
    assert "invalid choice: 'chek'" in capsys.readouterr().err  # type: ignore[attr-defined]
