"""The model's draft fields: evidence offsets from YAML strings, a source required unless drafted."""

from __future__ import annotations

import pytest

from compliance.errors import InputError
from compliance.loader.locate import validate
from compliance.loader.yaml_safe import load_yaml_text
from compliance.model.policy import PolicyDocument

BASE = """\
id: d
title: T
issuer: I
issuer-kind: police-department
jurisdiction: us/la/orleans
{extra}
clauses:
  - number: "1"
    text: Officers shall not ask.
    modality: prohibits
    action: inquire-status
    review: unreviewed
    evidence:
      - {{field: modality, value: prohibits, phrase: shall not, start: {start}, end: "18", cue: shall not}}
"""


def load(extra: str, start: str = "9") -> PolicyDocument:
    return validate(load_yaml_text(BASE.format(extra=extra, start=start), "d.yaml"), PolicyDocument)


def test_a_draft_may_lack_its_source_and_offsets_are_read_from_text() -> None:
    document = load("draft: {status: unreviewed, drafted-from: d.txt}")
    evidence = document.clauses[0].evidence[0]
    assert (evidence.start, evidence.end, evidence.phrase) == (9, 18, "shall not")


def test_a_document_that_is_not_a_draft_needs_a_source() -> None:
    with pytest.raises(InputError) as caught:
        load("note: hand-written")
    assert "needs a `source`" in str(caught.value)


@pytest.mark.parametrize("start", ["-1", "true", "nine"])
def test_an_offset_must_be_a_whole_number(start: str) -> None:
    with pytest.raises(InputError) as caught:
        load("draft: {status: unreviewed, drafted-from: d.txt}", start)
    [problem] = caught.value.problems
    assert (problem.location.line, problem.location.column) == (14, 71)
