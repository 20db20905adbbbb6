"""The tutorial "add a provision in YAML" (docs/tutorials/), replayed: its YAML, its examples, its outputs.

The tutorial adds one provision as a layer (`--rules my-rules`) on the bundled law,
without copying a bundled file: the fixture's directory holds that one file only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import cli
from tests.conftest import ROOT

PAGE = (ROOT / "docs" / "tutorials" / "add-a-provision.md").read_text(encoding="utf-8")
TUTORIAL = PAGE[PAGE.index("# Tutorial: add a provision in YAML") :]
PROVISION = Path("my-rules/louisiana/la-act-399-2025.yaml")


def _tutorial_yaml() -> str:
    match = re.search(r"\*\*2\. Write the provision\*\*.*?```yaml\n(.*?)```\n", TUTORIAL, re.S)
    assert match, "the tutorial's step 2 has a ```yaml block"
    return match.group(1)


def _shown(command: str, occurrence: int = 0) -> list[str]:
    """The output lines the tutorial prints under `$ command` (its `occurrence`-th appearance)."""
    blocks = re.findall(rf"```\n\$ {re.escape(command)}\n(.*?)```\n", TUTORIAL, re.S)
    assert len(blocks) > occurrence, f"the tutorial shows `{command}` {occurrence + 1} times"
    return blocks[occurrence].splitlines()


@pytest.fixture
def my_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding `my-rules/` with the tutorial's one file, as step 1 and 2 make it."""
    (tmp_path / PROVISION).parent.mkdir(parents=True)
    (tmp_path / PROVISION).write_text(_tutorial_yaml(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "my-rules"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_the_layer_is_one_file_and_copies_nothing(my_rules: Path) -> None:
    assert [p.relative_to(my_rules).as_posix() for p in my_rules.rglob("*") if p.is_file()] == [
        "louisiana/la-act-399-2025.yaml"
    ]
    assert "cp -r rules" not in TUTORIAL


def test_validate_shows_the_misspelt_key_then_ok(my_rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = PROVISION.read_text(encoding="utf-8")
    PROVISION.write_text(text.replace("    binds: any-actor\n", "    bind: any-actor\n"), encoding="utf-8")
    assert _run(capsys, "validate", "--rules", "my-rules") == (2, [], _shown("compliance validate --rules my-rules"))
    PROVISION.write_text(text, encoding="utf-8")
    shown = _shown("compliance validate --rules my-rules", 1)
    assert _run(capsys, "validate", "--rules", "my-rules") == (0, shown, [])


def test_the_examples_run_and_a_wrong_one_is_located(my_rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = PROVISION.read_text(encoding="utf-8")
    detainer = "action: honor-detainer, counterpart: federal-immigration}\n        expect: none\n"
    assert text.count(detainer) == 1
    PROVISION.write_text(text.replace(detainer, detainer.replace("none", "conflicts")), encoding="utf-8")
    assert _run(capsys, "test", "--rules", "my-rules") == (1, _shown("compliance test --rules my-rules"), [])
    PROVISION.write_text(text, encoding="utf-8")
    assert _run(capsys, "test", "--rules", "my-rules") == (0, _shown("compliance test --rules my-rules", 1), [])


def test_the_tutorial_check_finds_the_conflict_it_shows(
    my_rules: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code = cli.main(["check", "policies/nopd-41.6.1-2016.yaml", "--rules", str(my_rules), "--format", "json"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    verdicts = [v for v in report["documents"][0]["verdicts"] if v["provision"] == "la-act-399-2025-thwart"]
    assert [(v["reading"], v["verdict"], v["clauses"]) for v in verdicts] == [
        (reading, "conflicts", ["[no-assistance]"]) for reading in ("textual", "doj", "broad")
    ]


def test_rules_show_finds_the_added_provision(my_rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "rules", "show", "la-act-399-2025-thwart", "--rules", "my-rules")
    assert (code, err) == (0, [])
    assert out[0].startswith("la-act-399-2025-thwart: La. Acts 2025, No. 399 (SB 15)")
    assert "  text (UNVERIFIED: not checked verbatim):" in out
    assert f"  file: {PROVISION.as_posix()}" in out


def test_the_tutorial_provision_is_not_in_the_bundled_rules() -> None:
    """The sources are too thin to apply it to every check (see the tutorial's last paragraph)."""
    assert not list((ROOT / "rules").rglob("la-act-399-2025.yaml"))
