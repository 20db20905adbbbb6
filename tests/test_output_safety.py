"""`--output` never loses a file: not an input, not what a link points at, not a device, not a read-only file.

Issue 19 item 1: the writer renamed its report over whatever was at the path,
so `check p.yaml --output p.yaml` replaced the policy with its own report.
Each case below checks both the exit code and that the thing at the path is
byte-for-byte (and kind-for-kind) what it was.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import POLICIES, ROOT, RULES, run_cli

POLICY = POLICIES / "nopd-41.6.1-2016.yaml"
DRAFT_TEXT = ROOT / "tests" / "fixtures" / "draft"


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    copy = tmp_path / "p.yaml"
    shutil.copy(POLICY, copy)
    return copy


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run_cli(capsys, *argv)
    assert (code, out) == (2, ""), err
    return err


def test_the_input_policy_is_not_replaced_by_its_own_report(policy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = policy.read_bytes()
    err = _refused(capsys, "check", str(policy), "--as-of", "2017-11-17", "--output", str(policy))
    assert "an input of this command" in err
    assert policy.read_bytes() == before
    assert sorted(p.name for p in policy.parent.iterdir()) == ["p.yaml"]


def test_an_input_under_another_name_is_refused_hard_link_and_directory_argument(
    policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = policy.read_bytes()
    other = policy.parent / "other-name.yaml.txt"
    os.link(policy, other)
    _refused(capsys, "check", str(policy), "--output", str(other))
    _refused(capsys, "check", str(policy.parent), "--output", str(policy))  # a file found below a directory
    assert policy.read_bytes() == before and other.read_bytes() == before


def test_a_rules_file_is_an_input_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    vocabulary = rules / "vocabulary.yaml"
    before = vocabulary.read_bytes()
    _refused(capsys, "check", str(POLICY), "--rules", str(rules), "--output", str(vocabulary))
    assert vocabulary.read_bytes() == before


def test_a_symbolic_link_is_not_replaced(policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("someone's file")
    for points_at in (target, policy):
        link = tmp_path / f"link-to-{points_at.name}"
        link.symlink_to(points_at)
        err = _refused(capsys, "check", str(policy), "--output", str(link))
        assert "symbolic link" in err or "an input" in err
        assert link.is_symlink() and os.readlink(link) == str(points_at)
    assert target.read_text() == "someone's file"
    link = tmp_path / "schema-link"
    link.symlink_to(target)
    _refused(capsys, "schema", "policy", "--output", str(link))
    assert link.is_symlink() and target.read_text() == "someone's file"


def test_a_pipe_or_device_is_not_replaced(policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "not a regular file" in _refused(capsys, "check", str(policy), "--output", str(fifo))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError):
        return  # not allowed to make a device node here: the pipe stands for it
    assert "not a regular file" in _refused(capsys, "schema", "rules", "--output", str(device))
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_read_only_file_is_not_replaced(policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.txt"
    report.write_text("the last report")
    report.chmod(0o444)
    assert "read-only" in _refused(capsys, "check", str(policy), "--output", str(report))
    assert report.read_text() == "the last report"
    assert stat.S_IMODE(report.stat().st_mode) == 0o444  # not chmod-ed either


def test_a_writable_report_is_replaced_and_keeps_its_mode(
    policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.txt"
    report.write_text("the last report")
    report.chmod(0o640)
    code, out, _ = run_cli(
        capsys, "check", str(policy), "--as-of", "2017-11-17", "--fail-on", "any", "--output", str(report)
    )
    assert (code, out) == (1, "")  # a conflict under some reading (the broad one, counted with --fail-on any)
    assert report.read_text().startswith("Law as of 2017-11-17")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


def test_draft_never_replaces_its_input_even_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "policy.txt"
    source.write_text("Policy 1.\n\n1. Members shall not inquire about immigration status.\n", encoding="utf-8")
    before = source.read_bytes()
    assert "an input" in _refused(capsys, "draft", str(source), "--output", str(source), "--force")
    assert source.read_bytes() == before
    link = tmp_path / "draft.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    assert "symbolic link" in _refused(capsys, "draft", str(source), "--output", str(link), "--force")
    assert link.is_symlink() and not (tmp_path / "elsewhere.yaml").exists()


def test_timeline_never_replaces_its_policy(policy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = policy.read_bytes()
    assert "an input" in _refused(capsys, "timeline", str(policy), "--output", str(policy))
    assert policy.read_bytes() == before


def test_record_never_replaces_a_policy_it_replays(policy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = policy.read_bytes()
    assert "an input" in _refused(capsys, "record", str(policy.parent), "--output", str(policy))
    assert policy.read_bytes() == before
