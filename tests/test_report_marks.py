"""Reports people read: a conflict with law not in force has one mark in every format; text fits the terminal.

The founding case's day (2017-11-17) has both kinds of conflict in one policy:
the no-assistance clause conflicts with § 1373(a) under the broad reading
(law in force: it fails the check) and with La. R.S. 33:82 (enacted in 2024,
not yet in force) and HB 1148 (a bill that failed): reported, never counted.
Each format must tell them apart with the words of `compliance.render.marks`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from compliance.engine.reference import ReferenceEvaluator
from compliance.model.corpus import Corpus
from compliance.render import marks
from tests.child import in_child
from tests.conftest import ROOT, run_cli

NOPD = "policies/nopd-41.6.1-2016.yaml"
DAY = ("--as-of", "2017-11-17")
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"

pytestmark = pytest.mark.usefixtures("at_root")


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    # on this day only broad conflicts (a state official's and a politician's reading): every
    # reading counts here, as these tests are about how conflicts are shown
    code, out, err = run_cli(capsys, "check", *argv, *DAY, "--fail-on", "any")
    assert (code, err) == (1, "")
    return out


def test_the_mark_is_defined_once_and_differs_from_every_relation_mark() -> None:
    from compliance.render._common import MARK
    from compliance.render.html_report import SYMBOL

    assert marks.MARK not in {*MARK.values(), *SYMBOL.values()}
    assert marks.LABEL.startswith(marks.MARK) and marks.LEGEND.startswith(marks.MARK)


def test_text_marks_law_not_in_force_apart(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    out = _check(capsys, NOPD, "--reading", "broad")
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("  la-") or line.startswith("  usc-")}
    assert rows["usc-8-1373-a"].split()[3:5] == ["conflicts", "8"]  # binding: the bare word, then the citation
    assert "(!) conflicts" in rows["la-rs-33-82"] and rows["la-rs-33-82"].endswith("La. R.S. 33:82")
    assert out.count(marks.LEGEND.split(" (")[0]) == 1  # the legend, once, under the table that uses the mark
    assert "    ! conflicts: usc-8-1373-a (8 U.S.C. § 1373(a))\n" in out
    assert "    (!) conflicts, not in force: la-rs-33-82 (La. R.S. 33:82)\n" in out
    assert "    ! conflicts: la-" not in out  # no conflict with law not in force under the binding mark


@pytest.mark.parametrize("columns", [60, 80, 100, 200])
def test_text_fits_the_terminal_and_shows_citations(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = _check(capsys, "policies/")
    lines = out.splitlines()[:-1]  # the result line is never folded: scripts read it whole
    # A word longer than a line (a path, a URL) is never broken, so it stays copyable: a line may
    # run past the width only by holding such a word, on a line of its own.
    too_long = [line for line in lines if len(line) > columns]
    assert all(len(line.split()) == 1 for line in too_long), too_long
    assert "8 U.S.C. § 1373(b)(1)" in out.split("Under reading")[0]  # the matrix cites, not only ids
    if columns >= 200:
        header = next(line for line in lines if line.startswith("  provision"))
        assert header.split() == ["provision", "status", "textual", "doj", "broad", "citation"]
    if columns <= 80:  # stacked: one provision a block, the readings' verdicts under it
        assert (
            "  usc-8-1373-a  in force  8 U.S.C. § 1373(a)\n      textual: complies; doj: complies; broad: conflicts\n"
            in out
        )


def test_text_width_never_changes_the_verdicts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = set()
    for columns in ("70", "300"):
        monkeypatch.setenv("COLUMNS", columns)
        seen.add(" ".join(_check(capsys, NOPD).split("Under reading", 1)[1].split()))
    assert len(seen) == 1  # the findings fold differently, word for word the same


def test_markdown_and_json_and_junit_name_it_the_same_way(capsys: pytest.CaptureFixture[str]) -> None:
    markdown = _check(capsys, NOPD, "--format", "markdown")
    assert "| `la-rs-33-82` | La. R.S. 33:82 | not-yet | (!) conflicts, not in force (not yet in force) |" in markdown
    assert "`usc-8-1373-a` | 8 U.S.C. § 1373(a) | in force | ✅ complies | ✅ complies | ❌ **conflicts** |" in markdown
    assert "⚠️" not in markdown
    report = json.loads(_check(capsys, NOPD, "--format", "json"))
    labels = {(v["provision"], v["reading"]): v["label"] for v in report["documents"][0]["verdicts"]}
    assert labels["la-rs-33-82", "broad"] == marks.LABEL and labels["usc-8-1373-a", "broad"] == "conflicts"
    assert report["labels"] == {marks.LABEL: marks.LEGEND}
    root = ET.fromstring(_check(capsys, NOPD, "--format", "junit"))
    failed = {case.get("name") for case in root.iter("testcase") if case.find("failure") is not None}
    assert failed and all(name.startswith(("usc-", "nopd-")) for name in failed)  # law in force only
    out = [
        case.findtext("system-out") or ""
        for case in root.iter("testcase")
        if "la-rs-33-82 " in (case.get("name") or "")
    ]
    assert out and all(text.startswith(f"{marks.LABEL}: ") for text in out)


def test_sarif_makes_it_a_note_and_names_files_from_the_repository_root(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT / "compliance")  # a sub-directory: the path given is ../policies/...
    code, out, _ = run_cli(capsys, "check", f"../{NOPD}", "--format", "sarif", *DAY, "--fail-on", "any")
    assert code == 1
    log = json.loads(out)
    jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    assert run["artifacts"] == [{"location": {"uri": NOPD, "uriBaseId": "%SRCROOT%"}}]
    conflicts = [r for r in run["results"] if r["properties"]["relation"] == "conflicts"]
    for result in conflicts:
        assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": NOPD, "uriBaseId": "%SRCROOT%"}
        binding = result["properties"]["status"] == "in-force"
        assert result["level"] == ("error" if binding else "note")
        assert result["properties"]["counts"] is binding
        assert (marks.LABEL in result["message"]["text"]) is not binding
    assert {r["level"] for r in conflicts} == {"error", "note"}


def test_sarif_outside_any_repository_uses_the_working_directory(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    policy = tmp_path / "my policy.yaml"
    policy.write_text((ROOT / NOPD).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(
        capsys, "check", "my policy.yaml", "--rules", str(ROOT / "rules"), "--format", "sarif", *DAY, "--fail-on", "any"
    )
    run = json.loads(out)["runs"][0]
    assert code == 1 and run["artifacts"] == [{"location": {"uri": "my%20policy.yaml", "uriBaseId": "%SRCROOT%"}}]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_github_annotations_sit_on_the_clause_line(capsys: pytest.CaptureFixture[str]) -> None:
    from compliance.loader.corpus import load_corpus, load_policy

    out = _check(capsys, NOPD, "--format", "github")
    lines = out.splitlines()
    assert lines[-1] == "Result: conflicts with law in force (readings: textual, doj, broad; engine: durable)"
    where = load_policy(Path(NOPD), load_corpus(ROOT / "rules")).clause_locations["[no-assistance]"]
    binding = (
        f"::error file={NOPD},line={where.line},col={where.column},title=8 U.S.C. § 1373(a)::"
        "Clause [no-assistance] conflicts with 8 U.S.C. § 1373(a) (usc-8-1373-a) under reading 'broad'"
    )
    assert binding in lines
    future = (
        f"::notice file={NOPD},line={where.line},col={where.column},title=La. R.S. 33%3A82::"
        "Clause [no-assistance] conflicts with La. R.S. 33:82 (la-rs-33-82) under readings 'textual', 'doj', 'broad': "
        "(!) conflicts, not in force (not yet in force on the date; reported, does not fail the check)"
    )
    assert future in lines
    assert all(line.startswith(("::error file=", "::notice file=")) for line in lines[:-1])
    assert not any(line.startswith("::error") and marks.LABEL in line for line in lines)


def test_github_escapes_what_the_runner_would_read_as_syntax() -> None:
    from compliance.render.github_report import _data, _property

    assert _data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert _property("La. R.S. 33:82, (A)") == "La. R.S. 33%3A82%2C (A)"


@in_child  # 3,000 document reports rendered: a 227 MB spike that would stay with the whole run
def test_markdown_over_githubs_limit_is_its_summary_form(corpus: Corpus, reference: ReferenceEvaluator) -> None:
    from compliance.analysis.as_of import AsOf
    from compliance.analysis.check import check
    from compliance.loader.corpus import load_policy
    from compliance.render.markdown_report import COMMENT_LIMIT, render

    policy = load_policy(Path(NOPD), corpus)
    result = check(corpus, reference, [policy], corpus.reading_ids, AsOf.on(dt.date(2017, 11, 17)))
    one = result.documents[0]
    many = tuple(dataclasses.replace(one, document_id=f"copy-{i}", path=f"copies/{i}.yaml") for i in range(3000))
    full = render(dataclasses.replace(result, documents=many[:1]))
    assert len(full) < COMMENT_LIMIT and "Summary form" not in full
    short = render(dataclasses.replace(result, documents=many))
    assert len(short) <= COMMENT_LIMIT
    assert "**Summary form**: the full report is" in short and "over GitHub's 65,536-character comment limit" in short
    assert "| `copy-0` | `copies/0.yaml` | ✅ ok | ✅ ok | ❌ 5 conflicts | 8 U.S.C. § 1373(a);" in short
    assert short.rstrip().endswith("more documents, not shown (the comment limit).")
    middle = render(dataclasses.replace(result, documents=many[:20]))
    assert "Summary form" in middle and "not shown" not in middle and middle.count("| `copy-") == 20
