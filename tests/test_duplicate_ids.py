"""One run, one document per id; one HTML anchor per finding.

Issue 19 item 3: `check` accepted two files with the same document id (which
`validate` refuses), so SARIF gave both the same partialFingerprints and the
HTML had duplicate element ids; and clauses "(a)" and "[a]" got one anchor.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.render.html_report import _id
from tests.conftest import POLICIES, RULES, run_cli

NOPD = POLICIES / "nopd-41.6.1-2016.yaml"


def test_two_files_with_one_document_id_are_refused_located_in_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b" / "copy.yml"
    second.parent.mkdir()
    shutil.copy(NOPD, first)
    shutil.copy(NOPD, second)
    line = next(i for i, text in enumerate(NOPD.read_text().splitlines(), 1) if text.startswith("id:"))
    for argv in ([str(first), str(second)], [str(tmp_path)]):
        code, out, err = run_cli(capsys, "check", *argv, "--rules", str(RULES), "--format", "sarif")
        assert (code, out) == (2, "")
        located = re.findall(r"^(\S+):(\d+):(\d+): error: duplicate document id 'nopd-41-6-1-2016'", err, re.M)
        assert sorted(path for path, _, _ in located) == sorted([str(first), str(second)])
        assert {int(at) for _, at, _ in located} == {line}
        assert str(second) in err.splitlines()[0] + err.splitlines()[1]


def test_distinct_documents_have_distinct_fingerprints_and_element_ids(capsys: pytest.CaptureFixture[str]) -> None:
    policies = [str(p) for p in sorted(POLICIES.glob("*.yaml"))]
    _, sarif, _ = run_cli(capsys, "check", *policies, "--as-of", "2017-11-17", "--format", "sarif")
    prints = [r["partialFingerprints"]["complianceFinding/v1"] for r in json.loads(sarif)["runs"][0]["results"]]
    assert prints and not [p for p, n in Counter(prints).items() if n > 1]
    _, html, _ = run_cli(capsys, "check", *policies, "--as-of", "2017-11-17", "--format", "html")
    ids = re.findall(r' id="([^"]*)"', html)
    assert ids and not [i for i, n in Counter(ids).items() if n > 1]
    assert set(re.findall(r'href="#([^"]*)"', html)) <= set(ids)  # every link lands


def test_clauses_a_in_parentheses_and_in_brackets_get_their_own_anchors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "p.yaml"
    clause = """  - number: "{number}"
    text: "Members shall not honor a detainer."
    verified: true
    modality: prohibits
    actor: police-officer
    action: honor-detainer
    counterpart: federal-immigration
"""
    policy.write_text(
        'id: p\ntitle: "P"\nissuer: "I"\nissuer-kind: police-department\njurisdiction: us/la/orleans\nsource: "https://example.org/p"\n'
        "clauses:\n" + clause.format(number="(a)") + clause.format(number="[a]") + clause.format(number="_a_"),
        encoding="utf-8",
    )
    _, html, _ = run_cli(capsys, "check", str(policy), "--as-of", "2017-11-17", "--format", "html")
    ids = re.findall(r' id="([^"]*)"', html)
    assert len(ids) == len(set(ids))
    findings = [i for i in ids if i.count(".") == 3]  # document.reading.clause.provision
    assert {i.split(".")[2] for i in findings} == {"_28_a_29_", "_5b_a_5d_", "_5f_a_5f_"}
    assert set(re.findall(r'href="#([^"]*)"', html)) <= set(ids)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=6), min_size=1, max_size=4), st.lists(st.text(max_size=6), min_size=1, max_size=4))
def test_anchors_are_one_to_one(one: list[str], other: list[str]) -> None:
    if one != other:
        assert _id(*one) != _id(*other)
    assert not re.search(r"\s", _id(*one))
