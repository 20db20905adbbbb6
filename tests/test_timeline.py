"""`compliance timeline`: the verdict under every reading at every dated event, and what changed it.

Pinned with `--to` so that no step depends on the day the tests run.
"""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from compliance.analysis.timeline import law_events, timeline
from compliance.engine.reference import ReferenceEvaluator
from compliance.loader.corpus import load_policy
from compliance.model.corpus import Corpus
from tests.conftest import POLICIES, run_cli

NOPD = "policies/nopd-41.6.1-2016.yaml"
OPSO = "policies/opso-detainers-2013.yaml"
TO = ["--to", "2025-01-01"]


@pytest.fixture
def nopd_json(capsys: pytest.CaptureFixture[str], at_root: None) -> dict:
    code, out, _ = run_cli(capsys, "timeline", NOPD, "--format", "json", *TO)
    assert code == 0
    return json.loads(out)


def test_steps_are_the_event_days_from_adoption(nopd_json: dict) -> None:
    days = [step["date"] for step in nopd_json["steps"]]
    assert days[0] == "2016-02-28", "a policy's timeline starts on its adoption"
    assert days == sorted(days) and len(days) == len(set(days))
    assert "2024-05-28" in days, "R.S. 33:81-84 entering into force is an event"
    assert all(day <= "2025-01-01" for day in days)
    first = nopd_json["steps"][0]
    assert [e["kind"] for e in first["events"]] == ["adopted"]


def test_state_law_entering_force_is_the_event_that_changes_the_cells(nopd_json: dict) -> None:
    step = next(s for s in nopd_json["steps"] if s["date"] == "2024-05-28")
    assert any(e["subject"] == "la-rs-33-81-84" for e in step["events"])
    changed = {(c["after"]["reading"], c["after"]["provision"]) for c in step["changes"]}
    assert ("textual", "la-rs-33-84-a") in changed
    change = next(c for c in step["changes"] if c["after"]["provision"] == "la-rs-33-84-a")
    assert change["before"]["status"] == "not-yet" and change["after"]["status"] == "in-force"
    before = nopd_json["steps"][nopd_json["steps"].index(step) - 1]
    assert step["conflicts"]["textual"] > before["conflicts"]["textual"]


def test_a_reading_ends_the_day_after_it_was_last_held(corpus: Corpus) -> None:
    policy = load_policy(POLICIES / "nopd-41.6.1-2016.yaml", corpus)
    events = law_events(corpus, policy, corpus.reading_ids)
    for reading in (corpus.reading(r) for r in corpus.reading_ids):
        if reading.until is not None:
            ended = [e for e in events if e.kind == "reading-ended" and e.subject == reading.id]
            assert [e.date for e in ended] == [reading.until + dt.timedelta(days=1)]


def test_from_and_to_bound_the_steps(corpus: Corpus, reference: ReferenceEvaluator) -> None:
    policy = load_policy(POLICIES / "opso-detainers-2013.yaml", corpus)
    whole = timeline(corpus, reference, policy, corpus.reading_ids, today=dt.date(2026, 1, 1))
    part = timeline(
        corpus, reference, policy, corpus.reading_ids, dt.date(2016, 1, 1), dt.date(2020, 1, 1), dt.date(2026, 1, 1)
    )
    assert part.steps and all(dt.date(2016, 1, 1) <= s.date <= dt.date(2020, 1, 1) for s in part.steps)
    assert {s.date for s in part.steps} < {s.date for s in whole.steps}


def test_first_step_lists_only_what_counts_and_later_steps_only_changes(nopd_json: dict) -> None:
    first = nopd_json["steps"][0]
    counted = {(c["after"]["reading"], c["after"]["provision"]) for c in first["changes"]}
    in_force_conflicts = {
        (c["reading"], c["provision"])
        for c in first["cells"]
        if c["verdict"] == "conflicts" and c["status"] == "in-force"
    }
    assert counted == in_force_conflicts
    for previous, step in zip(nopd_json["steps"], nopd_json["steps"][1:], strict=False):
        old = {(c["reading"], c["provision"]): c for c in previous["cells"]}
        for change in step["changes"]:
            key = (change["after"]["reading"], change["after"]["provision"])
            assert old[key] == change["before"]


def test_text_and_chart(capsys: pytest.CaptureFixture[str], at_root: None) -> None:
    code, out, _ = run_cli(capsys, "timeline", NOPD, *TO)
    assert code == 0
    assert out.startswith("Timeline of NOPD Operations Manual, Chapter 41.6.1")
    assert "2016-02-28\n  * NOPD Operations Manual" in out
    assert "Chart (conflicts with law in force per step; · none):" in out
    assert "la-rs-33-84-a: conflicts (not-yet) → conflicts (in force)" in out


def test_html_is_well_formed_with_one_rect_per_reading_and_step(
    capsys: pytest.CaptureFixture[str], at_root: None, nopd_json: dict
) -> None:
    code, out, _ = run_cli(capsys, "timeline", NOPD, "--format", "html", *TO)
    assert code == 0

    class Rects(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rects: list[dict[str, str | None]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "rect":
                self.rects.append(dict(attrs))

    parser = Rects()
    parser.feed(out)
    assert len(parser.rects) == len(nopd_json["steps"]) * len(nopd_json["readings"])
    cell = next(r for r in parser.rects if r["data-reading"] == "broad" and r["data-date"] == "2016-02-28")
    assert cell["data-conflicts"] == str(nopd_json["steps"][0]["conflicts"]["broad"])


def test_same_input_same_bytes_under_both_engines(capsys: pytest.CaptureFixture[str], at_root: None) -> None:
    outputs = set()
    for engine in ("durable", "reference"):
        code, out, _ = run_cli(capsys, "timeline", OPSO, "--format", "json", "--engine", engine, *TO)
        assert code == 0
        outputs.add(out.replace(f'"evaluator": "{engine}"', '"evaluator": "-"'))
    assert len(outputs) == 1


def test_from_after_to_is_a_usage_error(capsys: pytest.CaptureFixture[str], at_root: None) -> None:
    code, _, err = run_cli(capsys, "timeline", NOPD, "--from", "2020-01-01", "--to", "2019-01-01")
    assert code == 2
    assert "--from 2020-01-01 is after --to 2019-01-01" in err


def test_the_record_is_an_event_read_beside_the_tools_verdict(nopd_json: dict) -> None:
    """Each verdict of the record is an event on its day, with the tool's answer to the same question."""
    steps = {step["date"]: step for step in nopd_json["steps"]}
    november = steps["2017-11-17"]
    assert any(e["kind"] == "record" for e in november["events"])
    [case] = november["record"]
    assert (case["wording"], case["law"], case["reading"]) == ("no-evidence-of-non-compliance", "usc-8-1373", "doj")
    assert case["outcome"] in ("agrees", "disagrees") and case["tool_verdict"]
    recorded = [c["wording"] for step in nopd_json["steps"] for c in step["record"]]
    assert recorded.index("may-violate") < recorded.index("no-evidence-of-non-compliance"), "in the record's order"


def test_interpretations_and_validity_are_events_of_the_founding_case(nopd_json: dict) -> None:
    """DESIGN.md's timeline: the city's interpretation of 12 Oct 2017 is a dated fact of the policy,
    and the June-July 2018 holdings on § 1373's validity are events (validity, not scope)."""
    kinds = {(step["date"], event["kind"]) for step in nopd_json["steps"] for event in step["events"]}
    assert ("2017-10-12", "interpretation") in kinds
    assert {("2018-06-06", "validity"), ("2018-07-27", "validity")} <= kinds
    june = next(s for s in nopd_json["steps"] if s["date"] == "2018-06-06")
    [event] = [e for e in june["events"] if e["kind"] == "validity"]
    assert "held-unconstitutional" in event["label"] and "usc-8-1373-a" in event["label"]
    assert june["changes"] == [], "a holding elsewhere changes no scope verdict of a New Orleans policy"
