"""Policy versions (issue 14, item 6): `--as-of` picks the text in force, warns before adoption, and a
version whose text is not in the sources is reported, never checked; `diff` compares two versions.

The files are copies of the bundled NOPD chapter: its 2016 text, and the February 2026 revision exactly
as dossier §3.7 knows it (reported by Axios on 19 Feb 2026, text NOT FOUND). A second fixture gives the
counterfactual without paragraph 5 a later version *with* paragraph 5 — a made-up history, used only to
show `diff` between two texts of one file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compliance.errors import InputError
from compliance.loader.corpus import load_policy
from compliance.model.corpus import Corpus
from tests.conftest import POLICIES, run_cli

NOPD = (POLICIES / "nopd-41.6.1-2016.yaml").read_text(encoding="utf-8")
REVISION = """versions:
  - version: "2026 revision"
    reported: "2026-02-19"
    source: "https://www.axios.com/local/new-orleans/2026/02/19/nopd-immigration-enforcement-policy"
    text-found: false
    note: >-
      Revised during Mardi Gras 2026, as reported by Axios on 19 Feb 2026 (dossier §3.7); the date of
      the revision and the revised text are NOT FOUND.
"""


@pytest.fixture
def revised(tmp_path: Path) -> Path:
    path = tmp_path / "nopd.yaml"
    path.write_text(NOPD.replace('adopted: "2016-02-28"\n', 'version: "2016"\nadopted: "2016-02-28"\n') + REVISION)
    return path


def test_the_text_in_force_is_checked_and_a_date_before_adoption_is_reported(
    revised: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, out, _ = run_cli(capsys, "check", str(revised), "--as-of", "2017-11-17", "--format", "json")
    document = json.loads(out)["documents"][0]
    assert document["notices"] == []
    assert any(v["verdict"] == "conflicts" for v in document["verdicts"])  # the 2016 text, under broad
    _code, out, _ = run_cli(capsys, "check", str(revised), "--as-of", "2015-01-01", "--format", "json")
    document = json.loads(out)["documents"][0]
    assert document["notices"] == [
        "the policy was adopted 2016-02-28; on 2015-01-01 it did not exist (its adopted text is checked, as if it had)"
    ]


def test_a_version_whose_text_is_not_found_is_reported_and_never_checked(
    revised: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "check", str(revised), "--as-of", "2026-03-01", "--format", "json")
    document = json.loads(out)["documents"][0]
    assert (code, document["verdicts"], document["findings"], document["beyond"]) == (0, [], [], [])
    assert document["notices"] == [
        "on 2026-03-01 the version in force is '2026 revision' (reported 2026-02-19, adoption date not recorded):"
        " its text is not in the sources, so it is not checked (see its note); the last text in the sources is"
        " '2016' (--as-of 2026-02-18 checks it)"
    ]
    code, out, _ = run_cli(capsys, "check", str(revised), "--as-of", "2026-03-01")
    assert "  note: on 2026-03-01 the version in force is '2026 revision'" in " ".join(out.split("\n"))
    assert "provision" not in out  # no verdict table for words nobody has
    code, out, err = run_cli(capsys, "suggest", str(revised), "--as-of", "2026-03-01")
    assert code == 2 and "its text is not in the sources" in err  # nothing to edit
    code, out, _ = run_cli(capsys, "check", str(revised), "--as-of", "2026-02-18", "--format", "json")
    assert json.loads(out)["documents"][0]["verdicts"]  # the day before the report: the 2016 text


HISTORY = """id: history
title: "A made-up history of one order"
issuer: "Example Police Department"
issuer-kind: police-department
jurisdiction: us/xx/example
version: "first"
adopted: "2016-01-01"
source: "https://example.org/order"
clauses:
  - number: "1"
    text: "Officers shall not inquire about immigration status."
    modality: prohibits
    actor: police-officer
    action: inquire-status
versions:
  - version: "second"
    adopted: "2016-09-01"
    note: "made up for this test"
    clauses:
      - number: "1"
        text: "Officers shall not inquire about immigration status."
        modality: prohibits
        actor: police-officer
        action: inquire-status
      - number: "2"
        text: "Nothing in this order restricts sending status information to ICE."
        modality: permits
        action: [send-status-information, receive-status-information]
        counterpart: federal-immigration
        preserves: {action: [send-status-information, receive-status-information], counterpart: federal-immigration}
"""


def test_diff_compares_two_versions_of_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "history.yaml"
    path.write_text(HISTORY, encoding="utf-8")
    argv = ("diff", str(path), "--old-version", "first", "--new-version", "second", "--reading", "doj")
    code, out, err = run_cli(capsys, *argv, "--as-of", "2017-11-17", "--format", "json")
    assert err == ""
    changes = json.loads(out)
    assert [c["new"] for c in changes["clauses"] if c["matched_by"] == "added"] == ["2"]
    code, _, err = run_cli(capsys, "diff", str(path), "--old-version", "first", "--new-version", "secnd")
    assert code == 2 and "did you mean 'second'?" in err
    code, out, _ = run_cli(capsys, "check", str(path), "--as-of", "2017-01-01", "--format", "json")
    assert json.loads(out)["documents"][0]["notices"] == [
        "on 2017-01-01 the version in force is 'second' (adopted 2016-09-01)"
    ]


@pytest.mark.parametrize(
    ("block", "words"),
    [
        ('  - version: "x"\n    note: "n"\n    text-found: false\n', "a version needs `adopted`"),
        ('  - version: "x"\n    reported: "2026-02-19"\n    text-found: false\n', "needs a note"),
        ('  - version: "x"\n    adopted: "2015-01-01"\n    text-found: false\n    note: "n"\n', "in date order"),
        ('  - version: "2016"\n    adopted: "2020-01-01"\n    text-found: false\n    note: "n"\n', "its own name"),
        ('  - version: "x"\n    adopted: "2020-01-01"\n', "a version needs its clauses, or `text-found: false`"),
        ('  - version: "x"\n    adopted: "2020-02-30"\n    text-found: false\n    note: "n"\n', "real calendar"),
    ],
)
def test_a_bad_version_is_a_located_error(tmp_path: Path, corpus: Corpus, block: str, words: str) -> None:
    path = tmp_path / "nopd.yaml"
    text = NOPD.replace('adopted: "2016-02-28"\n', 'version: "2016"\nadopted: "2016-02-28"\n')
    path.write_text(text + "versions:\n" + block, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_policy(path, corpus)
    (problem,) = error.value.problems
    assert words in problem.message
    # At the version; an order or naming problem spans versions, so it points at the document (its `id:`).
    assert problem.location.line >= text.count("\n") or problem.location.line == 7
