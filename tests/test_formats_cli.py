"""`check` as a corpus runner: directories, --jobs, --output, colour and the progress bar."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from compliance.commands import _batch, _options
from compliance.commands import check as check_command
from compliance.errors import EnvironmentFault
from tests.conftest import ROOT, run_cli

POLICIES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "policies").rglob("*.yaml"))


pytestmark = pytest.mark.usefixtures("at_root")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


def test_a_directory_is_every_policy_below_it_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.yaml").write_text("x")
    (tmp_path / "b" / "a.yml").write_text("x")
    (tmp_path / "a.yaml").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    found = _batch.policy_paths([tmp_path, tmp_path / "a.yaml"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.yaml", "b/a.yml", "b/z.yaml"]


def test_directory_run_equals_the_files_named_one_by_one(capsys: pytest.CaptureFixture[str]) -> None:
    by_dir = run(capsys, "check", "policies", "--format", "json")
    by_file = run(capsys, "check", *POLICIES, "--format", "json")
    assert by_dir == by_file
    assert by_dir[0] == 1


def test_jobs_gives_identical_results_in_the_same_order(capsys: pytest.CaptureFixture[str]) -> None:
    one = run(capsys, "check", "policies/", "--format", "json", "--jobs", "1")
    two = run(capsys, "check", "policies/", "--format", "json", "--jobs", "2", "--engine", "durable")
    assert one == two and one[0] == 1


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "policies/", "--jobs", "0") == (
        2,
        "",
        "compliance: error: --jobs must be at least 1, not 0\n",
    )


def test_an_empty_directory_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(tmp_path))
    assert (code, out) == (2, "") and "no policy files" in err


def test_bad_files_of_a_corpus_are_all_reported_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((ROOT / POLICIES[0]).read_text().replace("issuer-kind:", "issuer-knd:"))
    code, out, err = run(capsys, "check", str(tmp_path))
    assert (code, out) == (2, "")
    assert "a.yaml" in err and "b.yaml" in err and "did you mean" in err


def test_output_writes_the_report_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old report")
    code, out, _ = run(capsys, "check", "policies/", "--format", "sarif", "--output", str(target))
    assert (code, out) == (1, "")
    _, printed, _ = run(capsys, "check", "policies/", "--format", "sarif")
    assert target.read_text(encoding="utf-8") == printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]  # no temporary file left behind
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)


def test_a_failing_render_leaves_the_old_file_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from compliance.commands import _options

    target = tmp_path / "report.txt"
    target.write_text("old report")

    class Broken(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError("disk full")

    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Broken() if a[1] == "w" else real_fdopen(*a, **k))
    with pytest.raises(EnvironmentFault):  # a full disk is the machine's fault: exit 4, not a bug
        _options.emit("new report", target)
    assert target.read_text() == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_output_into_a_missing_directory_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", POLICIES[0], "--output", str(tmp_path / "nowhere" / "r.txt"))
    assert (code, out) == (2, "") and "does not exist" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _args(output: str | None = None, color: str = "auto"):  # type: ignore[no-untyped-def]
    import argparse

    return argparse.Namespace(output=output, color=color)


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stdout", _Terminal())
    assert _options.colour(_args()) is True
    assert _options.colour(_args("report.txt")) is False
    assert _options.colour(_args(color="never")) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert _options.colour(_args()) is False
    assert _options.colour(_args(color="always")) is True  # asked for in so many words: NO_COLOR yields
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert _options.colour(_args()) is False
    assert _options.colour(_args("report.txt", color="always")) is True


def test_coloured_text_has_the_plain_layout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    _, plain, _ = run(capsys, "check", *POLICIES)
    _, coloured, _ = run(capsys, "check", *POLICIES, "--color", "always")
    assert run(capsys, "check", *POLICIES, "--color", "never")[1] == plain
    assert "\x1b[31;1mconflicts\x1b[0m" in coloured
    assert "\x1b[" not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_progress_is_drawn_on_a_terminal_and_erased(capsys: pytest.CaptureFixture[str]) -> None:
    terminal = _Terminal()
    progress = _batch.Progress(4, terminal)
    for name in "abcd":
        progress.advance(name)
    progress.close()
    drawn = terminal.getvalue()
    assert "[###############---------------] 2/4 b" in drawn and "4/4 d" in drawn
    assert drawn.endswith("\r\x1b[2K")


def test_no_progress_when_piped_or_for_one_document() -> None:
    piped = io.StringIO()
    progress = _batch.Progress(4, piped)
    progress.advance("a")
    progress.close()
    assert piped.getvalue() == ""
    terminal = _Terminal()
    single = _batch.Progress(1, terminal)
    single.advance("a")
    single.close()
    assert terminal.getvalue() == ""


def test_the_text_summary_counts_conflicts_per_document_and_reading(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a table when it fits (stacked, one document a block, when it does not)
    _, out, _ = run(capsys, "check", "policies/")
    summary = out[out.index("Summary:") :].splitlines()
    assert summary[1].split() == ["document", "path", "textual", "doj", "broad"]
    documents = len(POLICIES)
    rows = {line.split()[0]: line for line in summary[2 : 2 + documents]}
    assert {"nopd-41-6-1-2016", "nopd-41-6-1-2016-without-para5", "opso-detainers-2013"} <= set(rows)
    assert len(rows) == documents
    assert f"{documents} documents" in summary[2 + documents]


def test_the_pre_commit_hooks_run_the_commands_they_name(capsys: pytest.CaptureFixture[str]) -> None:
    """Each hook's entry, with its files as pre-commit passes them, runs and exits as documented."""
    import re

    import yaml  # the hooks file is pre-commit's format (a list at the root), not one of ours

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["compliance-check", "compliance-validate", "compliance-test"]
    expected = {"compliance-check": 1, "compliance-validate": 0, "compliance-test": 0}
    for hook in hooks:
        assert set(hook) >= {"id", "name", "entry", "language"} and hook["language"] == "python"
        command = hook["entry"].split()
        assert command[0] == "compliance"
        matched = [p for p in [*POLICIES, "rules/federal/usc-8-1373.yaml"] if re.search(hook["files"], p)]
        assert matched
        files = [] if hook.get("pass_filenames") is False else matched
        rules = ["--rules", "rules"]  # the args a user's config gives (the README's pre-commit example)
        code, out, err = run(capsys, *command[1:], *rules, *files)
        assert (code, err) == (expected[hook["id"]], ""), out


def test_output_onto_a_directory_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", POLICIES[0], "--output", str(tmp_path))
    assert (code, out) == (2, "") and "is a directory" in err


def test_the_help_lists_every_registered_format() -> None:
    from compliance.render import FORMATS

    others = ", ".join(name for name in FORMATS if name != "text")
    shown = check_command.FORMAT_NAMES
    assert shown == f"text (default), {others}"
