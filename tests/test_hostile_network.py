"""No network: reading rules and policies and checking them never opens a connection or resolves a name.

Rule files are full of URLs (`source:`), and a tool that fetched them would
leak what is being checked and depend on the network for its answer. Each
command runs in a child process with an audit hook that fails the process on
any socket, DNS or urllib event (PEP 578), and must still give its usual exit
code. durable-rules' C core links no socket functions (see SECURITY.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POLICIES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "policies").glob("*.yaml"))

GUARD = """
import os, sys

def no_network(event, args):
    if event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser.")):
        os.write(2, f"NETWORK USED: {event} {args!r}\\n".encode())
        os._exit(99)

sys.addaudithook(no_network)
import cli
sys.exit(cli.main(sys.argv[1:]))
"""


def test_the_guard_catches_a_connection() -> None:
    """The hook is real: a command that resolves a name is stopped."""
    result = subprocess.run(
        [sys.executable, "-c", GUARD.replace("import cli", "import socket; socket.getaddrinfo('localhost', 80)")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 99
    assert "NETWORK USED: socket.getaddrinfo" in result.stderr


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["check", *POLICIES, "--format", "json"], 1),
        (["check", *POLICIES, "--engine", "reference"], 1),
        (["validate", "rules", *POLICIES], 0),
        (["test"], 0),
    ],
    ids=["check-json", "check-reference", "validate", "test"],
)
def test_commands_use_no_network(argv: list[str], status: int) -> None:
    result = subprocess.run(
        [sys.executable, "-c", GUARD, *argv], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert "NETWORK USED" not in result.stderr, result.stderr
    assert result.returncode == status, result.stderr
