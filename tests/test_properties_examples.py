"""`compliance test` on a temporary rule file, and `compliance.testing` as a rule author imports it.

The acceptance of `compliance test`: a deliberately wrong example written into
a copy of the bundled rules fails with that file's path and the example's
line, and the closing line counts it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from compliance.testing import check, load_rules, relation
from tests.conftest import RULES

WRONG = """      - clause: {modality: prohibits, action: inquire-status, persons: victim}
        expect: satisfies
        note: "Deliberately wrong: the consent decree covers victims and witnesses, so this is partial."
"""


def test_a_wrong_example_in_a_temporary_rule_file_fails_with_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    decree = rules / "consent-decree" / "nopd-consent-decree-2012.yaml"
    lines = decree.read_text(encoding="utf-8").splitlines(keepends=True)
    # Insert the wrong example as the first example of the victim-and-witness provision.
    start = next(i for i, line in enumerate(lines) if "id: nopd-cd-victim-witness-inquiry" in line)
    at = next(i for i in range(start, len(lines)) if lines[i].strip() == "examples:") + 1
    decree.write_text("".join([*lines[:at], WRONG, *lines[at:]]), encoding="utf-8")
    total = sum(len(p.provision.examples) for p in load_rules(RULES).provisions) + 1

    code = cli.main(["test", "--no-bundled-rules", str(rules)])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{decree.as_posix()}:{at + 1}:9: nopd-cd-victim-witness-inquiry: "
        "expected satisfies under reading textual, got partially-satisfies",
        f"{total - 1} passed, 1 failed",
    ]


def test_the_bundled_rules_pass_through_the_helpers_too() -> None:
    # The same examples `compliance test` runs, through `compliance.testing.relation`.
    corpus = load_rules(RULES)
    for located in corpus.provisions:
        for example in located.provision.examples:
            assert relation(example.clause, located, example.reading, corpus) == example.expect


def test_relation_reads_a_clause_written_as_in_a_rule_file() -> None:
    clause = {"modality": "prohibits", "action": "inquire-status"}
    assert relation(clause, "usc-8-1373-b-1") == "none"
    assert relation(clause, "usc-8-1373-b-1", "doj") == "potential-conflict"  # DOJ's link is a risk of application
    assert relation(clause, "usc-8-1373-b-1", "broad") == "conflicts"
    with pytest.raises(ValueError, match="did you mean 'inquire-status'"):
        relation({"modality": "prohibits", "action": "inquire-stauts"}, "usc-8-1373-b-1")
    with pytest.raises(ValueError, match="did you mean 'usc-8-1373-a'"):
        relation(clause, "usc-8-1373-x")


def test_check_reads_a_policy_file() -> None:
    outcome = check(RULES.parent / "policies" / "nopd-41.6.1-2016-without-para5.yaml", reading="doj")
    assert outcome.verdicts["usc-8-1373-b-1"] == "potential-conflict"
    nopd = RULES.parent / "policies" / "nopd-41.6.1-2016.yaml"
    assert check(nopd, reading="doj").verdicts["usc-8-1373-b-1"] == "potential-conflict"
    # On 17 Nov 2017 DOJ's reading accepts the city's interpretation of paragraph 5.
    resolved = check(nopd, reading="doj", as_of=dt.date(2017, 11, 17))
    assert resolved.verdicts["usc-8-1373-b-1"] == "complies"


def test_importing_compliance_testing_without_hypothesis_says_what_to_install() -> None:
    # A meta-path finder that hides hypothesis, as in an install without the test extra.
    code = (
        "import sys\n"
        "class Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'hypothesis' or name.startswith('hypothesis.'):\n"
        "            raise ImportError('No module named ' + repr(name))\n"
        "sys.meta_path.insert(0, Hide())\n"
        "import compliance.testing\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ}, cwd=RULES.parent
    )
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last == (
        "ImportError: compliance.testing needs hypothesis, a test dependency: "
        "pip install 'compliance[test]' (or pip install hypothesis)"
    )
