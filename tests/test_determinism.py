"""Determinism: the same inputs give byte-identical output, whatever the hash seed or file order.

The installed command is run on the bundled corpus (every bundled policy
against the bundled rules, every reading) under three PYTHONHASHSEED values
and with the policy files named in reverse order; the bytes on stdout must
be identical. The rules directory's listing order is reversed in-process
(the loader must not depend on what the file system returns first).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Generator
from pathlib import Path

import pytest

import cli

ROOT = Path(__file__).resolve().parent.parent
POLICIES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "policies").glob("*.yaml"))
SEEDS = ("0", "1", "4242")
AS_OF = "2017-11-17"
"""Pinned, so that runs either side of midnight compare the same law (the default is today)."""


def installed() -> str:
    script = Path(sys.executable).with_name("compliance")
    assert script.exists(), "the compliance command is not installed: pip install -e '.[test]'"
    return str(script)


def run(policies: list[str], seed: str, output: str = "json") -> bytes:
    result = subprocess.run(
        [installed(), "check", *policies, "--format", output, "--as-of", AS_OF, "--fail-on", "any"],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert (result.returncode, result.stderr) == (1, b""), result.stderr.decode()
    return result.stdout


def test_bundled_corpus_json_is_byte_identical_across_seeds_and_file_order() -> None:
    assert len(POLICIES) >= 3
    runs = {f"seed {seed}": run(POLICIES, seed) for seed in SEEDS}
    runs["reversed files"] = run(POLICIES[::-1], SEEDS[1])
    first = runs["seed 0"]
    payload = json.loads(first)
    assert len(payload["documents"]) == len(POLICIES)
    assert sum(len(d["findings"]) for d in payload["documents"]) > 0
    for name, output in runs.items():
        assert output == first, f"{name} differs from seed 0"


def test_text_report_does_not_depend_on_file_order() -> None:
    assert run(POLICIES, "7", "text") == run(POLICIES[::-1], "8", "text")


@pytest.fixture
def reversed_listing(monkeypatch: pytest.MonkeyPatch) -> Generator[None, None, None]:
    """Make the file system list every directory backwards."""
    original = Path.rglob

    def backwards(self: Path, pattern: str) -> list[Path]:
        return sorted(original(self, pattern), reverse=True)

    monkeypatch.setattr(Path, "rglob", backwards)
    yield


def _check_json(capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["check", *POLICIES, "--format", "json", "--as-of", AS_OF, "--fail-on", "any"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_rules_directory_listing_order_does_not_matter(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.chdir(ROOT)
    forwards = _check_json(capsys)
    request.getfixturevalue("reversed_listing")
    assert sorted(Path("rules").rglob("*.yaml")) != list(Path("rules").rglob("*.yaml"))  # the patch is in effect
    assert _check_json(capsys) == forwards
