"""The tutorial "add a provision in YAML" (docs/tutorials/), replayed: its YAML, its examples, its check."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import cli
from tests.conftest import ROOT


def _tutorial_yaml() -> str:
    readme = (ROOT / "docs" / "tutorials" / "add-a-provision.md").read_text(encoding="utf-8")
    section = readme[readme.index("# Tutorial: add a provision in YAML") :]
    match = re.search(r"\*\*2\. Write the provision\*\*.*?```yaml\n(.*?)```\n", section, re.S)
    assert match, "the tutorial's step 2 has a ```yaml block"
    return match.group(1)


@pytest.fixture
def my_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "my-rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "louisiana" / "la-act-399-2025.yaml").write_text(_tutorial_yaml(), encoding="utf-8")
    return rules


def test_the_tutorial_provision_validates_and_its_examples_pass(
    my_rules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", "--rules", str(my_rules)]) == 0
    capsys.readouterr()
    assert cli.main(["test", str(my_rules)]) == 0
    assert capsys.readouterr().out.endswith(" passed, 0 failed\n")


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


def test_the_tutorial_provision_is_not_in_the_bundled_rules() -> None:
    """The sources are too thin to apply it to every check (see the tutorial's last paragraph)."""
    assert not list((ROOT / "rules").rglob("la-act-399-2025.yaml"))
