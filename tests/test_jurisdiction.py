"""Jurisdiction: a provision binds a policy only where the policy governs (issue 14, item 1).

The policies here are the OPSO detainer policy's own clauses, moved: the same
words issued by a sheriff of King County (Washington), of Hartford
(Connecticut) and of Jefferson Parish (Louisiana). Only the last is held to
Louisiana law; none is held to New Orleans' consent decree or NOPD's manual;
all are held to federal law. Both evaluators must say so alike.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from compliance.analysis.as_of import AsOf
from compliance.analysis.check import check
from compliance.errors import InputError
from compliance.loader.corpus import load_policy
from compliance.model.corpus import Corpus
from compliance.model.jurisdiction import common_root, with_ancestors, within
from tests.conftest import POLICIES, ROOT, run_cli

OPSO = (POLICIES / "opso-detainers-2013.yaml").read_text(encoding="utf-8")
DAY = AsOf.on(dt.date(2025, 1, 1), dt.date(2026, 1, 1))
LOUISIANA = ("la-hb-1148-2016", "la-rs-33-81-84")
NEW_ORLEANS = ("nopd-consent-decree-2012", "nopd-41-6-1")


def moved(tmp_path: Path, jurisdiction: str | None, name: str = "moved") -> Path:
    """The OPSO policy's clauses, issued elsewhere (no `jurisdiction:` key at all when None)."""
    text = OPSO.replace(
        "jurisdiction: us/la/orleans\n", "" if jurisdiction is None else f"jurisdiction: {jurisdiction}\n"
    )
    text = text.replace('issuer: "Orleans Parish Sheriff\'s Office"', f'issuer: "Sheriff of {name}"')
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.replace("id: opso-detainers-2013", f"id: {name}"), encoding="utf-8")
    return path


def verdicts(corpus: Corpus, evaluator, path: Path) -> dict[str, tuple[str, str, str]]:
    result = check(corpus, evaluator, [load_policy(path, corpus)], corpus.reading_ids, DAY)
    return {
        (v.provision): (v.instrument, v.verdict, v.reason)
        for report in result.documents[0].readings
        if report.reading == "textual"
        for v in report.verdicts
    }


def test_within_compares_whole_segments() -> None:
    assert within("us/la/orleans", "us/la")
    assert within("us/la", "us/la")
    assert within("us/wa/king", "us")
    assert not within("us/la", "us/la/orleans")
    assert not within("us/wa/king", "us/la")
    assert not within("us/la", "us/l")  # a prefix of characters is not a prefix of places
    assert not within("unknown", "us")
    assert common_root(["us", "us/la", "us/la/orleans"]) == "us"
    assert common_root(["us/la", "ca/on"]) is None
    assert with_ancestors(["us/la/orleans"]) == ("us", "us/la", "us/la/orleans")


@pytest.mark.parametrize(("place", "state"), [("us/wa/king", "us/wa/king"), ("us/ct/hartford", "us/ct/hartford")])
@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_a_policy_of_another_state_is_never_held_to_louisiana_law(
    tmp_path: Path, corpus: Corpus, durable, reference, place: str, state: str, engine: str
) -> None:
    evaluator = durable if engine == "durable" else reference
    got = verdicts(corpus, evaluator, moved(tmp_path, place))
    for instrument, verdict, reason in got.values():
        if instrument in LOUISIANA:
            assert verdict == "not-applicable"
            assert reason.endswith(f"of us/la does not bind a policy of {state}")
        if instrument in NEW_ORLEANS:
            assert (verdict, reason.endswith(f"of us/la/orleans does not bind a policy of {state}")) == (
                "not-applicable",
                True,
            )
    federal = {pid: v for pid, (i, v, _) in got.items() if i == "usc-8-1373"}
    assert "not-applicable" not in federal.values()  # federal law binds everywhere in us


@pytest.mark.parametrize("engine", ["durable", "reference"])
def test_a_louisiana_parish_policy_is_held_to_louisiana_law(
    tmp_path: Path, corpus: Corpus, durable, reference, engine: str
) -> None:
    evaluator = durable if engine == "durable" else reference
    got = verdicts(corpus, evaluator, moved(tmp_path, "us/la/jefferson"))
    assert got["la-rs-33-84-a"][1] == "conflicts"  # the detainer clause, under R.S. 33:84 in force in 2025
    assert got["la-rs-33-82"][1] != "not-applicable"
    # New Orleans' own consent decree does not reach Jefferson Parish, federal court order though it is.
    assert got["nopd-cd-status-based-action"][1:] == (
        "not-applicable",
        "a federal consent decree of us/la/orleans does not bind a policy of us/la/jefferson",
    )


def test_the_bundled_opso_policy_is_held_to_louisiana_law(corpus: Corpus, reference) -> None:
    got = verdicts(corpus, reference, POLICIES / "opso-detainers-2013.yaml")
    assert got["la-rs-33-84-a"][1] == "conflicts"


def test_a_policy_without_a_jurisdiction_is_a_located_error_with_a_guess(tmp_path: Path, corpus: Corpus) -> None:
    path = moved(tmp_path, None, name="orleans")
    with pytest.raises(InputError) as error:
        load_policy(path, corpus)
    (problem,) = error.value.problems
    assert (problem.location.line, problem.location.column) == (
        5,
        1,
    )  # the mapping the key is missing from (its first key, `id:`)
    assert problem.message.startswith("missing required key 'jurisdiction' (did you mean 'us/la/orleans'?)")
    assert "us, us/la, us/la/orleans" in problem.message and "jurisdiction: unknown" in problem.message


@pytest.mark.parametrize("bad", ["US/LA", "us//la", "/us", "us/la/", "us la"])
def test_a_malformed_jurisdiction_is_a_located_error(tmp_path: Path, corpus: Corpus, bad: str) -> None:
    path = moved(tmp_path, f'"{bad}"')
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("jurisdiction:"))
    with pytest.raises(InputError) as error:
        load_policy(path, corpus)
    (problem,) = error.value.problems
    assert (problem.location.line, problem.location.column) == (line, 15)
    assert "is not a jurisdiction: write a path of lower-case segments" in problem.message


def test_an_instrument_must_know_its_jurisdiction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    statute = rules / "louisiana" / "la-rs-33-81-84.yaml"
    statute.write_text(statute.read_text().replace("jurisdiction: us/la\n", "jurisdiction: unknown\n"))
    code, _out, err = run_cli(capsys, "validate", str(rules))
    assert code == 2
    assert f"{statute.as_posix()}:9:17: error: an instrument's jurisdiction must be known" in err
    statute.write_text(statute.read_text().replace("  jurisdiction: unknown\n", ""))
    code, _out, err = run_cli(capsys, "validate", str(rules))
    assert (code, "missing required key 'jurisdiction'" in err) == (2, True)


def test_an_unknown_jurisdiction_is_accepted_and_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], corpus: Corpus, reference
) -> None:
    path = moved(tmp_path, "unknown")
    got = verdicts(corpus, reference, path)
    assert got["usc-8-1373-a"][1] == "complies"  # federal law binds every place the rules know
    assert got["la-rs-33-84-a"][1:] == (
        "not-applicable",
        "could not be placed: the policy's jurisdiction is unknown, and a state statute of us/la binds only there",
    )
    _code, out, _ = run_cli(capsys, "check", str(path), "--as-of", "2025-01-01", "--format", "json")
    document = json.loads(out)["documents"][0]
    assert document["jurisdiction"] == "unknown"
    assert document["notices"] == [
        "jurisdiction unknown: held only to law binding all of us; could not be placed under"
        " nopd-consent-decree-2012, la-hb-1148-2016, la-rs-33-81-84, nopd-41-6-1"
    ]
    _code, out, _ = run_cli(capsys, "check", str(path), "--as-of", "2025-01-01")
    assert "  note: jurisdiction unknown: held only to law binding all of us" in out


@pytest.mark.parametrize("path", sorted(POLICIES.glob("*/*.yaml")), ids=lambda p: p.stem)
def test_no_bundled_policy_of_another_state_is_held_to_louisiana_or_new_orleans_law(
    corpus: Corpus,
    reference,
    path: Path,
) -> None:
    policy = load_policy(path, corpus).document
    assert not within(policy.jurisdiction, "us/la")
    for instrument, verdict, reason in verdicts(corpus, reference, path).values():
        if instrument in LOUISIANA + NEW_ORLEANS:
            assert verdict == "not-applicable"
            assert reason.endswith(f"does not bind a policy of {policy.jurisdiction}")
