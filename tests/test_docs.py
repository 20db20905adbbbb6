"""Every command output the docs show on the bundled law is the real output.

A docs block `$ compliance ARGS` (or `$ COLUMNS=N compliance ARGS`, at a terminal's width)
followed by output lines is run in-process from the
repository root (globs expanded there, as a shell would); every line it shows must be a
line of the real output (`...` marks an elision, within a line or as a line of its own,
so an excerpt pins what it shows; an excerpt may show lines in another order). Lines
marked `(stderr)` carry timings and are not compared. A
trailing `# exit N` comment, or a following `$ echo $?` block line, pins the exit code.
Blocks that need files made earlier in a tutorial, a shell pipe or redirection, or a
program other than `compliance` are listed by the reason they are not replayed here;
the tutorials have tests of their own (tests/test_formats_tutorial.py, tests/test_draft_*).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

import pytest

from tests.conftest import ROOT, run_cli

DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
_SHELL = re.compile(r"[|<>]|&&")
# Files that only exist after an earlier step of a tutorial, or in a fixture directory.
_MADE_BY_A_TUTORIAL = ("my-rules", "order.", "with-savings.yaml", "hostile-cli/")


@dataclass(frozen=True)
class Shown:
    """One command the docs show, the output lines they show for it, and the exit code if pinned."""

    where: str
    argv: tuple[str, ...]
    lines: tuple[str, ...]
    exit_code: int | None
    columns: str = "200"
    """The terminal width the command is shown at (`$ COLUMNS=120 compliance ...`, else a wide one)."""


def _blocks(text: str) -> list[list[str]]:
    blocks, current = [], None
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def _expand(word: str) -> str:
    """A shell glob as the shell would expand it from the repository root (one word: joined later)."""
    if "*" not in word:
        return word
    return "\0".join(sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(word)))


def _pattern(line: str) -> re.Pattern[str]:
    """A shown line as a pattern: `...` (or `…`) stands for any text."""
    parts = re.split(r"\.\.\.|…", line.rstrip())
    return re.compile(".*".join(re.escape(part) for part in parts) + r"\Z")


_COLUMNS = re.compile(r"^COLUMNS=(\d+) ")


def _replayable(command: str) -> bool:
    command = _COLUMNS.sub("", command)
    return (
        command.startswith("compliance ")
        and not _SHELL.search(command.split("#")[0])
        and not any(marker in command for marker in _MADE_BY_A_TUTORIAL)
    )


def shown_commands() -> list[Shown]:
    found = []
    for path in DOCS:
        for block in _blocks(path.read_text(encoding="utf-8")):
            for i, line in enumerate(block):
                if not line.startswith("$ "):
                    continue
                command = line[2:]
                if not _replayable(command):
                    continue
                width = _COLUMNS.match(command)
                command = _COLUMNS.sub("", command)
                rest = block[i + 1 :]
                end = next((j for j, other in enumerate(rest) if other.startswith("$ ")), len(rest))
                output = tuple(
                    o for o in rest[:end] if o.strip() and o.strip() != "..." and not o.rstrip().endswith("(stderr)")
                )
                code_match = re.search(r"#\s*exit (\d)", command)
                code = int(code_match.group(1)) if code_match else None
                if end < len(rest) and rest[end] == "$ echo $?" and end + 1 < len(rest):
                    code = int(rest[end + 1])
                argv = tuple(_expand(word) for word in shlex.split(command.split("#")[0]))[1:]
                columns = width.group(1) if width else "200"
                found.append(Shown(f"{path.relative_to(ROOT)}:{line}", argv, output, code, columns))
    return found


CASES = shown_commands()


def test_the_docs_show_commands_on_the_bundled_law() -> None:
    assert len(CASES) >= 8, [c.where for c in CASES]


@pytest.mark.parametrize("shown", CASES, ids=[c.where for c in CASES])
def test_shown_output_is_the_real_output(
    shown: Shown, capsys: pytest.CaptureFixture[str], at_root: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", shown.columns)  # the docs show reports as a wide terminal lays them out
    argv = [part for word in shown.argv for part in word.split("\0")]
    code, out, err = run_cli(capsys, *argv)
    real = [line.rstrip() for line in (out + err).splitlines()]
    for line in shown.lines:
        pattern = _pattern(line)
        if not any(pattern.match(candidate) for candidate in real):
            pytest.fail(f"{shown.where}: the docs show a line the command does not print:\n{line}")
    if shown.exit_code is not None:
        assert code == shown.exit_code
