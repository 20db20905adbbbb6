"""Faults named as faults (issue 19 item 16), each in a child process with a timeout.

The environment's faults (a closed pipe, a full disk, a stdout that cannot
encode the report, an unwritable directory) exit 4 with one short line; 3
stays "a bug in compliance". Ctrl-C exits 130 and SIGTERM 143, with no
traceback, and neither leaves `--output`'s hidden temporary file behind.
`draft` never blocks on a named pipe.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOPD = "policies/nopd-41.6.1-2016.yaml"
TEXT = "tests/fixtures/draft/nopd-41.6.1-2016.txt"
TIMEOUT = 120


def child(*argv: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """`python cli.py ARGV` from the repository root."""
    return subprocess.run(  # type: ignore[call-overload]
        [sys.executable, "cli.py", *argv],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=TIMEOUT,
        check=False,
        **{"capture_output": True, **kwargs},
    )


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and "Exception ignored" not in text, text
    assert len(text.splitlines()) == 1, text
    return text


def test_a_closed_pipe_is_an_environment_fault() -> None:
    """`compliance check ... | head -1`: the reader goes away; exit 4 and one line, no traceback.

    The reading end is closed before the child writes, so the fault does not depend on timing.
    """
    with subprocess.Popen(
        [sys.executable, "cli.py", "check", NOPD], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        err = process.stderr.read()
        code = process.wait(timeout=TIMEOUT)
    assert code == 4
    assert one_line(err) == (
        "compliance: environment error: standard output was closed before the report was written (broken pipe)\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_an_environment_fault() -> None:
    with open("/dev/full", "wb") as full:
        done = child("check", NOPD, stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert done.returncode == 4
    assert one_line(done.stderr).startswith("compliance: environment error: No space left on device")


def test_a_stdout_that_cannot_encode_the_report_is_an_environment_fault() -> None:
    done = child("check", NOPD, env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 4
    message = one_line(done.stderr)
    assert message.startswith("compliance: environment error: standard output's encoding (ascii) cannot show ")
    assert "--output FILE" in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only directory")
def test_an_unwritable_output_directory_is_an_environment_fault(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = child("check", NOPD, "--output", str(locked / "report.txt"))
    finally:
        locked.chmod(0o700)
    assert done.returncode == 4
    assert one_line(done.stderr).startswith(f"compliance: environment error: cannot write {locked / 'report.txt'}")
    assert list(locked.iterdir()) == []


def _signalled(signal_name: str, output: Path) -> subprocess.CompletedProcess[bytes]:
    """`check --output` in a child that receives `signal_name` while the report is being written."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        os.chdir({str(ROOT)!r})
        real_fsync = os.fsync
        def fsync(fd):  # the report is in the temporary file, not yet renamed into place
            os.kill(os.getpid(), signal.{signal_name})
            real_fsync(fd)
        os.fsync = fsync
        import cli
        sys.exit(cli.main(["check", {NOPD!r}, "--output", {str(output)!r}]))
        """
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=TIMEOUT, check=False)


@pytest.mark.parametrize(("signal_name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_exits_quietly_and_leaves_no_temporary_file(signal_name: str, code: int, tmp_path: Path) -> None:
    output = tmp_path / "report.txt"
    output.write_text("the old report\n", encoding="utf-8")
    done = _signalled(signal_name, output)
    assert done.returncode == code, done.stderr.decode()
    assert done.stderr == b""  # no traceback, nothing half-said
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]
    assert output.read_text(encoding="utf-8") == "the old report\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_draft_never_blocks_on_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "policy.txt"
    os.mkfifo(pipe)
    done = child("draft", str(pipe))
    assert done.returncode == 2
    assert "not a regular file (a pipe, socket or device)" in one_line(done.stderr)


def test_draft_refuses_a_control_character_in_an_option_as_bad_input() -> None:
    done = child("draft", TEXT, "--title", "a\x01b")
    assert done.returncode == 2
    assert one_line(done.stderr).startswith("compliance: error: --title contains the control character U+0001")


def test_draft_writes_its_output_atomically(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    done = child("draft", TEXT, "--output", str(target))
    assert done.returncode == 0, done.stderr.decode()
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]
    assert target.read_text(encoding="utf-8").startswith("#") or "clauses:" in target.read_text(encoding="utf-8")
