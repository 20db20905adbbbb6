"""`compliance draft` end to end: PDF and text in, a valid unreviewed draft out; bad input refused cleanly.

Bad input gets one located error (or an empty-draft report) and exit 2,
never a traceback; `compliance check` names drafts before its table and
`--fail-on-draft` makes CI fail on them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from compliance.draft import source as source_module
from compliance.loader.corpus import load_corpus, load_policy
from tests.conftest import ROOT, RULES, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "draft"
PDF = FIXTURES / "policy.pdf"
SCANNED = FIXTURES / "scanned.pdf"


pytestmark = pytest.mark.usefixtures("at_root")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


def test_pdf_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "order-7.yaml"
    code, out, _ = run(capsys, "draft", str(PDF), "--issuer", "Example City Police Department", "-o", str(out_file))
    assert code == 0
    policy = load_policy(out_file, load_corpus(RULES)).document
    assert policy.issuer_kind == "police-department"
    assert policy.draft is not None and policy.draft.status == "unreviewed"
    assert policy.draft.drafted_from == "tests/fixtures/draft/policy.pdf"
    scopes = {
        c.key: (c.modality, c.action, c.persons, c.counterpart, c.exceptions, c.preserves is not None)
        for c in policy.clauses
    }
    assert scopes == {
        "1": ("prohibits", ("inquire-status",), ("victim", "witness"), (), (), False),
        "2": (
            "prohibits",
            ("assist-immigration-enforcement",),
            (),
            ("federal-immigration",),
            ("criminal-warrant", "threat-to-life-or-safety"),
            False,
        ),
        "3": ("requires", ("provide-police-services",), ("any-individual",), (), (), False),
        "5": (
            "permits",
            ("send-status-information", "receive-status-information"),
            ("any-individual",),
            ("federal-immigration",),
            (),
            True,
        ),
    }
    # the wrapped PDF line is one clause, verbatim; clause 4 is kept, unclassified, with what it lacks
    assert policy.clauses[0].text == "Officers shall not inquire about the immigration status of victims or witnesses."
    [kept] = policy.unclassified
    assert (kept.number, kept.text, kept.missing) == (
        "4",
        "The Department will review this order every year.",
        ("action",),
    )
    assert "4  UNCLASSIFIED: no action found" in out
    assert "unclassified: 4." in out
    assert all(c.review == "unreviewed" and c.evidence for c in policy.clauses)


def test_evidence_points_into_the_text_layer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from compliance.draft.source import read_source

    out_file = tmp_path / "order-7.yaml"
    assert run(capsys, "draft", str(PDF), "-o", str(out_file))[0] == 0
    text = read_source(PDF, "policy.pdf").text
    policy = load_policy(out_file, load_corpus(RULES)).document
    for clause in policy.clauses:
        for item in clause.evidence:
            assert " ".join(text[item.start : item.end].split()) == item.phrase
        assert {e.field for e in clause.evidence} >= {"modality", "action"}


def test_every_field_filled_has_evidence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "d.yaml"
    text = FIXTURES / "nopd-41.6.1-2016.txt"
    assert run(capsys, "draft", str(text), "-o", str(out_file))[0] == 0
    for clause in load_policy(out_file, load_corpus(RULES)).document.clauses:
        evidenced = {(e.field, e.value) for e in clause.evidence}
        filled = {("modality", clause.modality)}
        for name in ("actor", "action", "persons", "counterpart", "exceptions"):
            filled |= {(name, term) for term in getattr(clause, name)}
        if clause.preserves is not None:
            filled.add(("preserves", "savings"))
        assert filled <= evidenced, clause.key


def test_yaml_goes_to_stdout_and_the_summary_to_stderr_without_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "draft", str(PDF))
    assert code == 0
    assert out.startswith("# DRAFT of Example City Police Department")
    assert "4 clauses drafted from 5 passages; unclassified: 4." in err


def test_drafting_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "1"):
        done = subprocess.run(
            [sys.executable, "cli.py", "draft", "tests/fixtures/draft/nopd-41.6.1-2016.txt"],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        )
        outputs.append(done.stdout + done.stderr)
    assert outputs[0] == outputs[1]


def test_an_existing_output_is_not_overwritten_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "kept.yaml"
    out_file.write_text("reviewed by hand\n", encoding="utf-8")
    code, _, err = run(capsys, "draft", str(PDF), "-o", str(out_file))
    assert code == 2 and "--force" in err
    assert out_file.read_text(encoding="utf-8") == "reviewed by hand\n"
    assert run(capsys, "draft", str(PDF), "-o", str(out_file), "--force")[0] == 0


def _bad(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t\n", "empty"),
        ("junk.bin", bytes(range(256)) * 8, "not-text"),
        ("nul.txt", b"1. Officers shall not ask.\x00\x01\x02", "not-text"),
        ("latin1.txt", "1. Officers shall not ask about statu\xe9.".encode("latin-1"), "not-text"),
        ("truncated.pdf", PDF.read_bytes()[:200], "pdf-unreadable"),
    ],
)
def test_bad_input_is_one_located_error_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, code: str
) -> None:
    path = _bad(tmp_path, name, data)
    exit_code, out, err = run(capsys, "draft", path)
    assert exit_code == 2 and out == ""
    [line] = err.splitlines()
    assert line.startswith(path) and line.endswith(f"[{code}]")


def test_a_pdf_with_no_text_layer_is_refused_with_advice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "draft", str(SCANNED))
    assert code == 2 and out == ""
    assert err == (
        "tests/fixtures/draft/scanned.pdf: error: the PDF has no text layer (a scanned image?); run it through OCR"
        " first, or give the text as a .txt file [no-text-layer]\n"
    )


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.txt"
    line = b"1. Officers shall not inquire about immigration status.\n"
    path.write_bytes(line * (source_module.MAX_BYTES // len(line) + 1))
    code, out, err = run(capsys, "draft", str(path))
    assert code == 2 and out == ""
    assert err.strip().endswith("[too-large]") and str(source_module.MAX_BYTES) in err


def test_text_with_no_recognisable_clause_is_an_empty_draft_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad(tmp_path, "minutes.txt", b"Minutes of the meeting.\n\nThe chair opened the session at noon.\n")
    out_file = tmp_path / "never.yaml"
    code, out, err = run(capsys, "draft", path, "-o", str(out_file))
    assert code == 2 and out == ""
    assert not out_file.exists()
    assert "[paragraph 1]  UNCLASSIFIED: no modality and no action found" in err
    assert "0 clauses drafted from 2 passages" in err
    assert "Nothing could be drafted" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--id", "Not An Id"], "--id 'Not An Id' is not a valid id"),
        (["--adopted", "2016-02-30"], "--adopted '2016-02-30' is not a real calendar date"),
        (["--adopted", "2016-W01-1"], "--adopted '2016-W01-1' is not a date: dates are YYYY-MM-DD (e.g. 2017-11-17)"),
        (["--source", "troyhenry.com"], "--source 'troyhenry.com' is not a web address"),
        (["--encodes", "nopd-41-6"], "did you mean 'nopd-41-6-1'"),
        (["--issuer-kind", "polise-officer"], "did you mean 'police-officer'"),
    ],
)
def test_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "draft", str(PDF), *argv)
    assert code == 2 and out == ""
    assert message in err


def test_missing_file_and_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "draft", str(tmp_path / "nope.txt"))
    assert code == 2 and err.strip().endswith("[not-found]")
    code, _, err = run(capsys, "draft", str(tmp_path))
    assert code == 2 and err.strip().endswith("[is-directory]")


def test_check_names_drafts_before_its_table_and_fails_on_them_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "order-7.yaml"
    assert run(capsys, "draft", str(PDF), "--issuer", "Example City Police Department", "-o", str(draft))[0] == 0
    code, out, _ = run(capsys, "check", str(draft), "--engine", "reference")
    first = out.splitlines()[0]
    assert first == (
        "Unreviewed draft from tests/fixtures/draft/policy.pdf (policy): 4 of 4 clauses unreviewed;"
        " 1 unclassified, not evaluated: 4."
    )
    assert out.index("Example City Police Department (policy)") > len(first)  # the notice comes before the report
    assert code in (0, 1)
    code, out, _ = run(capsys, "check", str(draft), "--engine", "reference", "--fail-on-draft")
    assert code == 2 and out.startswith("Unreviewed draft")
    code, out, err = run(capsys, "check", str(draft), "--engine", "reference", "--format", "json")
    assert out.startswith("{") and err.startswith("Unreviewed draft")


def test_a_reviewed_draft_passes_fail_on_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "order-7.yaml"
    assert run(capsys, "draft", str(PDF), "-o", str(draft), "--issuer-kind", "police-department")[0] == 0
    text = draft.read_text(encoding="utf-8").replace("  review: unreviewed\n", "")
    text = text.replace("status: unreviewed", "status: reviewed")
    text = text[: text.index("unclassified:")]  # the reviewer classified or deleted clause 4
    draft.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(draft), "--engine", "reference", "--fail-on-draft")
    assert code in (0, 1) and not out.startswith("Unreviewed")


def test_check_of_hand_encoded_policies_says_nothing_about_drafts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "policies/opso-detainers-2013.yaml", "--fail-on-draft", "--engine", "reference")
    assert code == 1 and "Unreviewed" not in out and "Orleans Parish" in out


def test_text_over_the_character_limit_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Officers shall not ask. " * (source_module.MAX_CHARS // 20), encoding="utf-8")
    code, out, err = run(capsys, "draft", str(path))
    assert code == 2 and out == ""
    assert err.strip().endswith("[too-large]") and str(source_module.MAX_CHARS) in err


def test_a_passage_too_long_to_keep_verbatim_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "one-sentence.txt"
    path.write_text("Preamble.\n\n1. " + "Officers shall not ask, " * 900 + "ever.\n", encoding="utf-8")
    code, out, err = run(capsys, "draft", str(path))
    assert code == 2 and out == ""
    assert err == (
        f"{path}:3:4: error: passage 1 is longer than 20000 characters and cannot be kept verbatim in one clause;"
        " number its parts or split it [too-long]\n"
    )


def test_a_number_used_twice_gets_its_line_as_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two-lists.md"
    path.write_text(
        "# Part A\n1. Officers shall not ask about immigration status.\n\n"
        "# Part B\n1. Members shall not assist ICE.\n2. Members may honor detainers.\n",
        encoding="utf-8",
    )
    out_file = tmp_path / "two-lists.yaml"
    assert run(capsys, "draft", str(path), "-o", str(out_file))[0] == 0
    policy = load_policy(out_file, load_corpus(RULES)).document
    assert [c.key for c in policy.clauses] == ["1", "1 (at line 5)", "2"]
    assert policy.title == "Part A"
