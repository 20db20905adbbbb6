"""Rules and policies share one set of YAML names; a rules file that would not be read is an error.

Issue 19 item 4: a rules file named `*.yml` was silently skipped (policies
accepted `.yml`), so `validate` said ok with fewer provisions and `check`'s
verdict flipped from conflict to none.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compliance.errors import InputError
from compliance.loader.corpus import load_corpus
from tests.conftest import POLICIES, RULES, run_cli

NOPD = str(POLICIES / "nopd-41.6.1-2016-without-para5.yaml")
BUNDLED = load_corpus(RULES)


def _rules(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the bundled rules and its instrument file for 8 U.S.C. § 1373."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    return rules, rules / "federal" / "usc-8-1373.yaml"


def test_a_rules_file_named_yml_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules, instrument = _rules(tmp_path)
    instrument.rename(instrument.with_suffix(".yml"))
    assert sorted(p.provision.id for p in load_corpus(rules).provisions) == sorted(
        p.provision.id for p in BUNDLED.provisions
    )
    argv = ["check", NOPD, "--as-of", "2017-11-17", "--format", "json", "--fail-on", "any"]
    renamed = run_cli(capsys, *argv, "--no-bundled-rules", "--rules", str(rules))
    bundled = run_cli(capsys, *argv, "--rules", str(RULES))
    assert renamed[0] == bundled[0] == 1
    assert renamed[1].replace("federal/usc-8-1373.yml", "federal/usc-8-1373.yaml") == bundled[1]
    code, out, _ = run_cli(capsys, "validate", "--no-bundled-rules", "--rules", str(rules))
    assert (code, out) == run_cli(capsys, "validate", "--rules", str(RULES))[:2]


@pytest.mark.parametrize("name", ["usc.YAML", "usc.Yml", "usc.yaml.bak", "usc.yml~", "usc.yaml.orig"])
def test_a_yaml_looking_file_that_is_not_read_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    rules, instrument = _rules(tmp_path)
    instrument.rename(instrument.parent / name)
    with pytest.raises(InputError) as caught:
        load_corpus(rules)
    assert [(p.code, Path(p.location.path).name) for p in caught.value.problems if p.code == "not-read"] == [
        ("not-read", name)
    ]
    for command in (["validate", str(rules)], ["check", NOPD, "--rules", str(rules)]):
        code, out, err = run_cli(capsys, *command)
        assert (code, out) == (2, "") and f"{name}: error: this looks like a YAML file but is not read" in err


def test_the_top_level_files_have_one_name_each(tmp_path: Path) -> None:
    rules, _ = _rules(tmp_path)
    (rules / "readings.yaml").rename(rules / "readings.yml")
    with pytest.raises(InputError) as caught:
        load_corpus(rules)
    messages = [p.message for p in caught.value.problems if p.code == "not-read"]
    assert messages == ["the readings file must be named readings.yaml; rename it"]


def test_other_files_in_a_rules_directory_are_left_alone(tmp_path: Path) -> None:
    rules, _ = _rules(tmp_path)
    (rules / "README.md").write_text("notes")
    (rules / "yamlish.txt").write_text("x")
    assert len(load_corpus(rules).provisions) == len(BUNDLED.provisions)
