"""`compliance suggest`: verified edits, applied and re-checked through the normal loader.

The acceptance case: the counterfactual Chapter 41.6.1 without paragraph 5,
under the DOJ reading, must be offered a savings clause with paragraph 5's
scope, and the policy with that patch applied must load and check as the
real chapter does. The natural case with no safe edit is the consent decree
under the broad reading.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main
from compliance.analysis.check import check_document
from compliance.analysis.suggest import SuggestResult, edited_document, evaluate, suggest
from compliance.analysis.suggest_candidates import Target, candidates_for, fewest_words, narrow_candidates
from compliance.analysis.suggest_patch import PatchError, apply_patch
from compliance.engine.durable_evaluator import DurableEvaluator
from compliance.engine.findings import Evaluator
from compliance.engine.reference import ReferenceEvaluator
from compliance.loader.corpus import load_policy
from compliance.loader.yaml_safe import load_yaml_file
from compliance.loader.yaml_write import dump_yaml, model_data
from compliance.model.corpus import Corpus
from compliance.model.policy import Clause, LoadedPolicy, PolicyDocument, Preserves
from compliance.semantics.scope import linked, preserved_scope
from tests.conftest import POLICIES, ROOT
from tests.test_differential import CORPUS, DURABLE, REFERENCE, policies

WITHOUT = POLICIES / "nopd-41.6.1-2016-without-para5.yaml"
WITH = POLICIES / "nopd-41.6.1-2016.yaml"
OPSO = POLICIES / "opso-detainers-2013.yaml"
FEDERAL_STATUS = ("usc-8-1373-a", "usc-8-1373-b-1", "usc-8-1373-b-2", "usc-8-1373-b-3", "usc-8-1644")


def _suggest(corpus: Corpus, evaluator: Evaluator, path: Path, readings: list[str]) -> SuggestResult:
    return suggest(corpus, evaluator, load_policy(path, corpus), readings)


def _patched_file(path: Path, ops: object, tmp_path: Path) -> Path:
    """Apply a patch to the file's own YAML data (as a JSON Patch tool would) and write the result."""
    data = apply_patch(load_yaml_file(path).value, ops)  # type: ignore[arg-type]
    out = tmp_path / "patched.yaml"
    out.write_text(dump_yaml(data), encoding="utf-8")
    return out


def _verdicts(corpus: Corpus, evaluator: Evaluator, path: Path, reading: str) -> dict[str, str]:
    """Verdicts on the 2016 text: a date after 2026-02-19 would pick the revision whose text is not found."""
    from compliance.analysis.as_of import AsOf

    day = AsOf.on(dt.date(2025, 1, 1))
    # doj was held in 2017 only: its verdicts are asked for anyway, as suggest evaluates it
    report = check_document(corpus, evaluator, load_policy(path, corpus), [reading], day, apply_unheld=True)
    return {v.provision: v.verdict for v in report.readings[0].verdicts}


# --- the patch format -------------------------------------------------------------------------


def test_patch_operations_apply_in_order_and_leave_the_input_alone() -> None:
    data = {"clauses": [{"number": "1", "action": "a"}, {"number": "2", "action": "b"}]}
    ops = [
        {"op": "test", "path": "/clauses/1/number", "value": "2"},
        {"op": "replace", "path": "/clauses/1/action", "value": ["c"]},
        {"op": "add", "path": "/clauses/0/persons", "value": ["victim"]},
        {"op": "add", "path": "/clauses/-", "value": {"number": "3"}},
        {"op": "remove", "path": "/clauses/0"},
    ]
    assert apply_patch(data, ops) == {"clauses": [{"number": "2", "action": ["c"]}, {"number": "3"}]}
    assert data["clauses"][0] == {"number": "1", "action": "a"}


@pytest.mark.parametrize(
    "op",
    [
        {"op": "test", "path": "/clauses/0/number", "value": "9"},
        {"op": "remove", "path": "/clauses/5"},
        {"op": "replace", "path": "/clauses/0/persons", "value": []},
        {"op": "move", "path": "/clauses/0"},
        {"op": "add", "path": "clauses", "value": 1},
    ],
    ids=["failed-test", "out-of-range", "replace-missing", "unsupported", "bad-pointer"],
)
def test_a_patch_that_does_not_fit_is_refused(op: dict) -> None:
    with pytest.raises(PatchError):
        apply_patch({"clauses": [{"number": "1"}]}, [op])


# --- acceptance: paragraph 5 ------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_doj_gets_a_savings_clause_with_paragraph_5s_scope(
    corpus: Corpus, durable: DurableEvaluator, reference: ReferenceEvaluator, engine: str, tmp_path: Path
) -> None:
    """Without paragraph 5, DOJ's risk (inquiring may restrict requesting) is unresolved: a potential
    conflict. The edit that resolves it is a savings clause keeping what paragraph 5 keeps as the city
    read it on 12 Oct 2017 (sending, receiving, and requesting): DOJ's link is a risk, not a definition
    of receiving, so paragraph 5's own words alone no longer suffice."""
    evaluator = durable if engine == "durable" else reference
    result = _suggest(corpus, evaluator, WITHOUT, ["doj"])
    assert result.evaluator == engine
    doj = corpus.reading("doj")
    real_chapter = load_policy(WITH, corpus).document
    para5 = next(c for c in real_chapter.clauses if c.number == "5")
    assert para5.preserves is not None
    said = [a for i in real_chapter.interpretations if i.clause == "5" and i.effect == "preserves" for a in i.action]
    assert said == ["request-status-information"]
    want = preserved_scope(corpus, para5.preserves, doj, said)
    target = ("doj", "[no-inquiry]", "usc-8-1373-b-1")
    conflict = next(c for c in result.conflicts if (c.target.reading, c.target.clause, c.target.provision) == target)
    assert conflict.target.potential
    equivalent = []
    for edit_id in conflict.resolved_by:
        edit = result.edit(edit_id)
        assert edit is not None and edit.accepted
        if edit.candidate.kind != "add-savings":
            continue
        added = edit.candidate.ops[-1]["value"]
        kept = preserved_scope(corpus, Preserves.model_validate(added["preserves"]), doj)
        if kept == want:
            equivalent.append(edit)
    assert equivalent, "no savings clause equivalent in scope to paragraph 5 as the city read it was suggested"
    # Under doj no link makes fewer words mean as much: the equivalent is in § 1373(b)(1)'s own words.
    b1 = corpus.provision("usc-8-1373-b-1").provision.norm
    assert any(e.candidate.ops[-1]["value"]["preserves"]["action"] == list(b1.action) for e in equivalent)
    real = _verdicts(corpus, evaluator, WITH, "doj")
    for edit in equivalent:
        patched = _patched_file(WITHOUT, list(edit.candidate.ops), tmp_path)
        verdicts = _verdicts(corpus, evaluator, patched, "doj")
        assert all(verdicts[p] == "complies" for p in FEDERAL_STATUS)
        assert verdicts == real, "the patched counterfactual does not check as the real chapter does"


def test_apply_prints_a_policy_the_loader_accepts(
    corpus: Corpus, durable: DurableEvaluator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = _suggest(corpus, durable, WITHOUT, ["doj"])
    chosen = next(
        e for e in result.edits if e.accepted and e.candidate.summary.endswith("words of 8 U.S.C. § 1373(b)(1))")
    )
    code = main(["suggest", str(WITHOUT), "--reading", "doj", "--apply", chosen.id])
    written = capsys.readouterr().out
    assert code == 0
    assert written.startswith("# ") and f"with edit {chosen.id} applied" in written.splitlines()[0]
    out = tmp_path / "applied.yaml"
    out.write_text(written, encoding="utf-8")
    policy = load_policy(out, corpus)
    assert policy.document.clauses[-1].number == "[savings]"
    assert policy.document.clauses[-1].verified is False
    assert _verdicts(corpus, durable, out, "doj")["usc-8-1373-b-1"] == "complies"
    assert main(["check", str(out), "--reading", "doj"]) == 1  # La. R.S. 33 (2024) still conflicts, as with ¶5
    capsys.readouterr()


# --- the guarantee: never a new conflict ------------------------------------------------------


def _rank(verdict: str) -> int:
    return {"conflicts": 0, "potential-conflict": 1, "not-addressed": 2, "complies": 3, "not-applicable": 4}[verdict]


def unfiled(path: Path, tmp_path: Path, corpus: Corpus) -> Path:
    """The policy without its `required-by` records: the OPSO clauses as if no court had them filed.

    Why: the bundled OPSO clauses are all court-filed, so `suggest` (rightly) edits none of them;
    the edit machinery is exercised on the same clauses unprotected.
    """
    from compliance.loader.yaml_write import dump_yaml, model_data

    document = load_policy(path, corpus).document
    bare = document.model_copy(
        update={"clauses": tuple(c.model_copy(update={"required_by": None}) for c in document.clauses)}
    )
    out = tmp_path / f"{path.stem}-unfiled.yaml"
    out.write_text(dump_yaml(model_data(bare)), encoding="utf-8")
    return out


@pytest.mark.parametrize("path", [WITHOUT, WITH, OPSO], ids=lambda p: p.stem)
def test_every_safe_edit_applied_to_the_file_breaks_nothing(
    corpus: Corpus, durable: DurableEvaluator, path: Path, tmp_path: Path
) -> None:
    readings = list(corpus.reading_ids)
    if path == OPSO:
        path = unfiled(path, tmp_path, corpus)
    result = _suggest(corpus, durable, path, readings)
    before = check_document(corpus, durable, load_policy(path, corpus), readings)
    old = {
        (r.reading, f.finding.clause, f.finding.provision)
        for r in before.readings
        for f in r.findings
        if f.finding.relation in ("conflicts", "potential-conflict")
    }
    assert result.edits
    for edit in (e for e in result.edits if e.accepted):
        patched = _patched_file(path, list(edit.candidate.ops), tmp_path)
        after = check_document(corpus, durable, load_policy(patched, corpus), readings)
        new = {
            (r.reading, f.finding.clause, f.finding.provision)
            for r in after.readings
            for f in r.findings
            if f.finding.relation in ("conflicts", "potential-conflict")
        }
        assert new < old, f"{edit.id} resolves nothing or adds a conflict: {sorted(new - old)}"
        for was, now in zip(before.readings, after.readings, strict=True):
            for v0, v1 in zip(was.verdicts, now.verdicts, strict=True):
                assert _rank(v1.verdict) >= _rank(v0.verdict), f"{edit.id} worsens {v0.provision} under {was.reading}"


def test_the_consent_decree_blocks_every_edit_to_the_no_inquiry_clause_under_broad(
    corpus: Corpus, durable: DurableEvaluator
) -> None:
    result = _suggest(corpus, durable, WITHOUT, ["broad"])
    stuck = [c for c in result.conflicts if not c.resolved_by]
    assert stuck and {c.target.clause for c in stuck} == {"[no-inquiry]"}
    assert {c.target.provision for c in stuck} == set(FEDERAL_STATUS)
    for conflict in stuck:
        assert conflict.rejected, "an unresolvable conflict must say what each edit would break"
        for edit_id in conflict.rejected:
            edit = result.edit(edit_id)
            assert edit is not None
            assert "nopd-cd-victim-witness-inquiry" in {b.provision for b in edit.breaks}
    assert result.exit_code == 1
    # The other clauses' conflicts under broad do have safe edits.
    assert all(c.resolved_by for c in result.conflicts if c.target.clause != "[no-inquiry]")


# --- how candidates are made ------------------------------------------------------------------


def test_exceptions_never_end_a_conflict_and_are_pruned(corpus: Corpus) -> None:
    policy = load_policy(WITHOUT, corpus)
    data = model_data(policy.document)
    target = Target(
        "doj", "[no-assistance]", 3, "la-rs-33-82", (("assist-immigration-enforcement", "federal-immigration"),)
    )
    made = candidates_for(corpus, policy.document.clauses, data, target, [target])
    exceptions = [c for c in made if c.kind == "add-exception"]
    assert [c.summary.split()[2] for c in exceptions] == ["cooperating-victim-or-witness"]
    result = suggest(corpus, ReferenceEvaluator(corpus), policy, ["doj"])
    assert result.pruned >= 1
    assert not any(e.candidate.kind == "add-exception" for e in result.edits)


def test_narrowing_keeps_the_largest_set_of_narrower_terms_clear_of_the_provision(corpus: Corpus) -> None:
    clause = Clause(
        number="1", text="t", modality="prohibits", action=("status-information",), counterpart=("federal-immigration",)
    )
    data = model_data(clause)
    made = narrow_candidates(
        corpus, clause, 0, data, [corpus.provision("usc-8-1373-a")], corpus.reading("textual"), "clear of usc-8-1373-a"
    )
    assert len(made) == 1
    assert made[0].ops[-1] == {
        "op": "replace",
        "path": "/clauses/0/action",
        "value": [
            "request-status-information",
            "maintain-status-information",
            "share-status-information",
            "use-status-information",
        ],
    }
    # Under doj, receiving includes requesting, but requesting alone links to nothing: it stays.
    made = narrow_candidates(corpus, clause, 0, data, [corpus.provision("usc-8-1373-a")], corpus.reading("doj"), "")
    assert "request-status-information" in made[0].ops[-1]["value"]
    # Sizes count cells as written: 4 of 7 actions kept, 1 person-set of 5 and 1 counterpart.
    assert made[0].size == (7 - 4) * 5 * 1


def test_a_policy_without_conflicts_gets_nothing_to_suggest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = WITH.read_text(encoding="utf-8")
    head = text[: text.index('  - number: "Item #1"\n    part: status')]
    path = tmp_path / "item-1.yaml"
    path.write_text(head, encoding="utf-8")
    assert main(["suggest", str(path), "--reading", "textual"]) == 0
    assert "nothing to suggest" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [["--format", "xml"], ["--apply", "E99"], ["--reading", "dj"]],
    ids=["format", "apply", "reading"],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(WITHOUT), *argv]) == 2
    assert "error" in capsys.readouterr().err


def test_json_is_byte_identical_under_another_hash_seed(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["suggest", str(WITHOUT), "--reading", "doj,broad", "--format", "json"]
    main(argv)
    here = capsys.readouterr().out
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    there = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *argv], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    ).stdout
    assert here == there
    assert json.loads(here)["version"] == "1.0"


# --- golden reports ---------------------------------------------------------------------------

GOLDEN = ROOT / "tests" / "golden"
NOPD_CF = str(WITHOUT.relative_to(ROOT))
OPSO_REL = str(OPSO.relative_to(ROOT))
CASES = {
    "suggest-without-para5-doj-2017.txt": ([NOPD_CF, "--reading", "doj", "--as-of", "2017-11-17"], 0),
    "suggest-without-para5-doj-2017.json": ([NOPD_CF, "--reading", "doj", "--as-of", "2017-11-17", "--format=json"], 0),
    "suggest-without-para5-broad-2017.txt": ([NOPD_CF, "--reading", "broad", "--as-of", "2017-11-17"], 1),
    "suggest-without-para5-doj-2025.txt": ([NOPD_CF, "--reading", "doj", "--as-of", "2025-01-01"], 0),
    "suggest-opso-2025.txt": ([OPSO_REL, "--reading", "all", "--as-of", "2025-01-01"], 1),
    "suggest-opso-2025.json": ([OPSO_REL, "--reading", "all", "--as-of", "2025-01-01", "--format", "json"], 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_suggest(name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    argv, code = CASES[name]
    assert main(["suggest", *argv]) == code
    out = capsys.readouterr().out
    path = GOLDEN / name
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


# --- property: on generated policies, a safe edit is safe by the other engine too --------------

SUGGEST_EXAMPLES = max(1, int(os.environ.get("COMPLIANCE_HYPOTHESIS_EXAMPLES", "60")) // 3)


@settings(max_examples=SUGGEST_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policies(), st.sampled_from([("textual",), ("doj",), ("broad",), ("textual", "doj", "broad")]))
def test_safe_edits_on_generated_policies_hold_under_durable_rules(document: PolicyDocument, readings: tuple) -> None:
    policy = LoadedPolicy(document, "generated.yaml", {})
    result = suggest(CORPUS, REFERENCE, policy, list(readings))
    assert result == suggest(CORPUS, REFERENCE, policy, list(readings)), "suggest is not deterministic"
    before = evaluate(CORPUS, DURABLE, document, readings, dt.date(2025, 1, 1))
    data = model_data(document)
    for edit in result.edits:
        after = evaluate(CORPUS, DURABLE, edited_document(data, edit.candidate), readings, dt.date(2025, 1, 1))
        assert set(edit.resolves) == set(before.conflicts) - set(after.conflicts)
        if not edit.accepted:
            continue
        assert set(after.conflicts) < set(before.conflicts), edit.candidate.summary
        for key, was in before.standings.items():
            assert not after.standings[key].worse_than(was), (edit.candidate.summary, key)
    for conflict in result.conflicts:
        key = (conflict.target.reading, conflict.target.clause, conflict.target.provision)
        assert key in before.conflicts
        assert all(key in result.edit(e).resolves for e in conflict.resolved_by)  # type: ignore[union-attr]


@pytest.mark.parametrize("path", [WITHOUT, WITH, OPSO], ids=lambda p: p.stem)
def test_both_engines_suggest_the_same_edits(
    corpus: Corpus, durable: DurableEvaluator, reference: ReferenceEvaluator, path: Path
) -> None:
    ours = _suggest(corpus, durable, path, list(corpus.reading_ids))
    theirs = _suggest(corpus, reference, path, list(corpus.reading_ids))
    assert (ours.evaluator, theirs.evaluator) == ("durable", "reference")
    assert ours.conflicts == theirs.conflicts
    assert [(e.id, e.candidate.key, e.resolves, e.breaks) for e in ours.edits] == [
        (e.id, e.candidate.key, e.resolves, e.breaks) for e in theirs.edits
    ]


def test_fewest_words_follow_the_definitions_stated_for_the_provision(corpus: Corpus) -> None:
    """DOJ stated a risk for § 1373(b)(1), not a definition of receiving, so no fewer of its words mean as
    much under doj than under textual; a reading that defined receiving as including requesting (for this
    provision) would need only paragraph 5's two words."""
    from compliance.model.readings import Link

    words = corpus.provision("usc-8-1373-b-1").provision.norm.action
    assert words == ("send-status-information", "request-status-information", "receive-status-information")
    tax = corpus.taxonomy
    for reading in ("doj", "textual"):
        meaning = linked(tax, tax.below(words), corpus.reading(reading))
        assert fewest_words(corpus, words, meaning, corpus.reading(reading)) == words
    link = Link(
        term="receive-status-information",
        includes=("request-status-information",),
        provisions=("usc-8-1373-b-1",),
        why="a reading that defines receiving as including requesting",
    )
    defining = corpus.reading("doj").model_copy(update={"links": (link,)})
    meaning = linked(tax, tax.below(words), defining)
    assert fewest_words(corpus, words, meaning, defining) == ("send-status-information", "receive-status-information")


def _para5_as_the_city_read_it(corpus: Corpus) -> object:
    """What paragraph 5 preserves under doj once the city's 12 Oct 2017 interpretation is accepted."""
    real = load_policy(WITH, corpus).document
    para5 = next(c for c in real.clauses if c.number == "5")
    assert para5.preserves is not None
    said = [a for i in real.interpretations if i.clause == "5" and i.effect == "preserves" for a in i.action]
    return preserved_scope(corpus, para5.preserves, corpus.reading("doj"), said)


def test_as_of_november_2017_the_only_conflict_under_doj_is_the_one_paragraph_5_settled(
    corpus: Corpus, durable: DurableEvaluator
) -> None:
    """On 17 Nov 2017 the counterfactual's one doj finding in force is the potential conflict paragraph 5
    (as the city read it on 12 Oct 2017) settled; a safe edit keeps what paragraph 5 so read keeps."""
    from compliance.analysis.as_of import AsOf

    policy = load_policy(WITHOUT, corpus)
    result = suggest(corpus, durable, policy, ["doj"], AsOf.on(dt.date(2017, 11, 17)))
    assert [(c.target.clause, c.target.provision) for c in result.conflicts] == [("[no-inquiry]", "usc-8-1373-b-1")]
    assert result.conflicts[0].target.potential
    doj = corpus.reading("doj")
    want = _para5_as_the_city_read_it(corpus)
    safe = [result.edit(e) for e in result.conflicts[0].resolved_by]
    kept = [e.candidate.ops[-1]["value"]["preserves"] for e in safe if e and e.candidate.kind == "add-savings"]
    assert any(preserved_scope(corpus, Preserves.model_validate(k), doj) == want for k in kept)
    assert result.statuses["la-rs-33-82"] == "not-yet"
    assert result.statuses["nopd-cd-victim-witness-inquiry"] == "in-force"
    assert result.exit_code == 0  # a potential conflict does not fail, resolved or not


def test_the_patched_counterfactual_complies_under_doj_on_the_day_doj_found_no_violation(
    corpus: Corpus, durable: DurableEvaluator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On 17 Nov 2017 DOJ found "no evidence ... out of compliance"; with paragraph 5's scope (as the city read
    it) restored, check agrees; without it, the potential conflict fails only when potential conflicts count."""
    from compliance.analysis.as_of import AsOf

    day = ["--as-of", "2017-11-17"]
    result = suggest(corpus, durable, load_policy(WITHOUT, corpus), ["doj"], AsOf.on(dt.date(2017, 11, 17)))
    want = _para5_as_the_city_read_it(corpus)
    doj = corpus.reading("doj")
    edit = next(
        e
        for e in result.edits
        if e.accepted
        and e.candidate.kind == "add-savings"
        and preserved_scope(corpus, Preserves.model_validate(e.candidate.ops[-1]["value"]["preserves"]), doj) == want
    )
    assert main(["suggest", str(WITHOUT), "--reading", "doj", *day, "--apply", edit.id]) == 0
    out = tmp_path / "with-savings.yaml"
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["check", str(out), "--reading", "doj", *day, "--fail-on", "any"]) == 0
    assert main(["check", str(WITHOUT), "--reading", "doj", *day]) == 0  # only a potential conflict
    assert main(["check", str(WITHOUT), "--reading", "doj", *day, "--fail-on", "potential"]) == 1
    assert main(["check", str(WITH), "--reading", "doj", *day, "--fail-on", "any"]) == 0
    capsys.readouterr()
