"""Bad rule and policy FILES: every failure mode is one located, explained problem.

Each case is a tiny rules directory under `tests/fixtures/bad/<case>/rules/`
(a copy of `tests/fixtures/bad/minimal/rules/` with one fault injected) or a
policy file under `tests/fixtures/bad/policies/` (a copy of `good.yaml` with
one fault), checked against the minimal rules. The YAML parser's own hazards
(anchors, tags, tabs, ...) are covered by `test_loader_yaml.py`; these are the
errors of the formats on top of it: schema, cross-references, vocabulary
shape, duplicates across files.

Each case states every problem it must produce: its code, the file, the exact
1-based line and column, and words its message must contain (including the
"did you mean" suggestion for a misspelt name).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from compliance.errors import InputError, Location, Problem
from compliance.loader.corpus import load_corpus, load_policy
from compliance.model.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
BAD = "tests/fixtures/bad"  # relative to ROOT, which every test runs in: reports show paths this way
MINIMAL = Path(BAD, "minimal", "rules")
POLICIES = Path(BAD, "policies")
INSTRUMENT = "rules/federal/usc-8-1373.yaml"


pytestmark = pytest.mark.usefixtures("at_root")


@dataclass(frozen=True)
class Expected:
    """One problem a case must report."""

    code: str
    file: str  # under tests/fixtures/bad/
    line: int
    column: int
    words: tuple[str, ...]

    def matches(self, problem: Problem) -> bool:
        where = Location(f"{BAD}/{self.file}", self.line, self.column)
        return problem.code == self.code and problem.location == where


def _rules(case: str, file: str, code: str, line: int, column: int, *words: str) -> Expected:
    return Expected(code, f"{case}/{file}", line, column, words)


def _policy(case: str, code: str, line: int, column: int, *words: str) -> Expected:
    return Expected(code, f"policies/{case}.yaml", line, column, words)


# rules directory case -> every problem it must report, in the order reported (sorted by position)
RULES_CASES: dict[str, list[Expected]] = {
    "misspelt-action": [
        _rules(
            "misspelt-action",
            INSTRUMENT,
            "unknown-reference",
            22,
            16,
            "unknown action 'send-status-informaton'",
            "(did you mean 'send-status-information'?)",
        )
    ],
    "unknown-key": [
        # The misspelt key also leaves `cite` missing; that is reported at the provision's mapping.
        _rules("unknown-key", INSTRUMENT, "schema", 12, 5, "missing required key 'cite'"),
        _rules("unknown-key", INSTRUMENT, "schema", 13, 5, "unknown key 'cit'", "(did you mean 'cite'?)"),
    ],
    "missing-text": [
        _rules("missing-text", INSTRUMENT, "schema", 12, 5, "missing required key 'text'", "add `text:`"),
    ],
    "unverified-without-note": [
        _rules("unverified-without-note", INSTRUMENT, "schema", 12, 5, "unverified provision needs a note", "verbatim"),
    ],
    "verified-yes": [
        _rules("verified-yes", INSTRUMENT, "schema", 18, 15, "expected true or false", "found 'yes'"),
    ],
    "example-unknown-reading": [
        _rules(
            "example-unknown-reading",
            INSTRUMENT,
            "unknown-reference",
            28,
            18,
            "unknown reading 'braod'",
            "(did you mean 'broad'?)",
        ),
    ],
    "duplicate-provision": [
        _rules(
            "duplicate-provision",
            "rules/state/la-copy.yaml",
            "duplicate-id",
            12,
            9,
            "duplicate provision id 'usc-8-1373-a'",
            f"first defined at {BAD}/duplicate-provision/{INSTRUMENT}:12:9",
        ),
    ],
    "duplicate-reading": [
        _rules(
            "duplicate-reading",
            "rules/readings.yaml",
            "duplicate-id",
            14,  # each holder now names its authority, so the fixture's second reading starts lower
            9,
            "duplicate reading id 'textual'",
            f"first defined at {BAD}/duplicate-reading/rules/readings.yaml:3:9",
        ),
    ],
    "widen-unknown-provision": [
        _rules(
            "widen-unknown-provision",
            "rules/readings.yaml",
            "unknown-reference",
            23,
            22,
            "unknown provision 'usc-8-1373a'",
            "(did you mean 'usc-8-1373-a'?)",
        ),
    ],
    "vocabulary-unknown-parent": [
        _rules(
            "vocabulary-unknown-parent",
            "rules/vocabulary.yaml",
            "unknown-reference",
            21,
            13,
            "unknown actor parent 'goverment-entity'",
            "(did you mean 'government-entity'?)",
        ),
    ],
    "vocabulary-cycle": [
        _rules("vocabulary-cycle", "rules/vocabulary.yaml", "cycle", 8, 13, "'send-status-information'", "ancestor"),
        _rules(
            "vocabulary-cycle", "rules/vocabulary.yaml", "cycle", 11, 13, "'receive-status-information'", "ancestor"
        ),
    ],
    "vocabulary-below-cycle": [
        # status-information <-> send-status-information; receive-status-information is only below the cycle.
        _rules("vocabulary-below-cycle", "rules/vocabulary.yaml", "cycle", 6, 13, "'status-information'", "ancestor"),
        _rules(
            "vocabulary-below-cycle", "rules/vocabulary.yaml", "cycle", 9, 13, "'send-status-information'", "ancestor"
        ),
    ],
    "two-person-roots": [
        _rules(
            "two-person-roots",
            "rules/vocabulary.yaml",
            "schema",
            25,
            3,
            "persons needs exactly one root term",
            "['any-individual', 'victim']",
        ),
    ],
    "no-vocabulary": [
        _rules("no-vocabulary", "rules/vocabulary.yaml", "not-found", 0, 0, "no such file"),
    ],
    "no-such-directory": [
        _rules("no-such-directory", "rules", "not-found", 0, 0, "rules directory does not exist"),
    ],
    "three-errors": [
        # Written in this order in the file; pydantic reports them in field order (source, verified, examples).
        _rules("three-errors", INSTRUMENT, "schema", 17, 15, "expected true or false", "found 'yes'"),
        _rules("three-errors", INSTRUMENT, "schema", 18, 13, "'ftp://example.org/1373'", "is not a web address"),
        _rules(
            "three-errors",
            INSTRUMENT,
            "schema",
            25,
            28,
            "'NO' is not one of: prohibits, requires, permits, restricts",
        ),
    ],
}

KNOWN_BUGS: dict[str, str] = {}
"""Rules cases that pin a known bug (xfail, strict): empty since the bugs found were fixed."""

# policy file case (checked against the minimal rules) -> every problem it must report
POLICY_CASES: dict[str, list[Expected]] = {
    "misspelt-person": [
        _policy("misspelt-person", "unknown-reference", 14, 14, "unknown person 'victm'", "(did you mean 'victim'?)"),
    ],
    "modality-no": [
        _policy(
            "modality-no",
            "schema",
            11,
            15,
            "'NO' is not one of:",
            "prohibits",
            "requires",
            "permits",
            "restricts",
        ),
    ],
    "impossible-date": [
        _policy("impossible-date", "schema", 6, 10, "'2016-02-30' is not a real calendar date", "out of range"),
    ],
    "unknown-instrument": [
        _policy(
            "unknown-instrument",
            "unknown-reference",
            8,
            10,
            "unknown instrument 'usc-8-1337'",
            "(did you mean 'usc-8-1373'?)",
        ),
    ],
    "duplicate-clause": [
        _policy("duplicate-clause", "schema", 16, 13, "clause '1' appears twice", "add a distinct `part`"),
    ],
    "three-errors": [
        # Checked in the order issuer-kind, clauses, encodes; reported in the order written.
        _policy("three-errors", "unknown-reference", 3, 10, "unknown instrument 'usc-8-1337'", "'usc-8-1373'?"),
        _policy(
            "three-errors", "unknown-reference", 6, 14, "unknown actor 'police-departement'", "'police-department'?"
        ),
        _policy("three-errors", "unknown-reference", 15, 14, "unknown person 'victm'", "(did you mean 'victim'?)"),
    ],
}

# A provision file that fails its schema must not also make readings.yaml's
# `widen: provisions: [usc-8-1373-a]` look dangling (regression: test_no_cascade).
CASCADE_CASES = ("unknown-key", "missing-text", "unverified-without-note", "verified-yes", "three-errors")


def _raised(call: object, *args: object) -> InputError:
    with pytest.raises(InputError) as info:
        call(*args)  # type: ignore[operator]
    return info.value


def _assert_problems(problems: list[Problem], expected: list[Expected]) -> None:
    shown = "\n".join(str(p) for p in problems)
    assert len(problems) == len(expected), shown
    for problem, want in zip(problems, expected, strict=True):
        assert want.matches(problem), f"expected {want}\n got {problem}"
        for word in want.words:
            assert word in problem.text, f"{word!r} not in {problem.text!r}"
        # A "did you mean" is data on the problem (JSON carries it), never baked into the message.
        assert "did you mean" not in problem.message
        assert ("did you mean" in problem.text) == (problem.suggestion is not None)
        assert str(problem) == f"{problem.location}: error: {problem.text} [{problem.code}]"


@pytest.fixture(scope="module")
def minimal() -> Corpus:
    """The minimal rules every bad case is a copy of, and every bad policy is checked against."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        return load_corpus(MINIMAL)


def _rules_params() -> list[object]:
    return [
        pytest.param(
            case,
            expected,
            id=case,
            marks=[pytest.mark.xfail(strict=True, raises=AssertionError, reason=KNOWN_BUGS[case])]
            if case in KNOWN_BUGS
            else [],
        )
        for case, expected in RULES_CASES.items()
    ]


@pytest.mark.parametrize(("case", "expected"), _rules_params())
def test_bad_rules_directory(case: str, expected: list[Expected]) -> None:
    error = _raised(load_corpus, Path(BAD, case, "rules"))
    _assert_problems(list(error.problems), expected)


@pytest.mark.parametrize(("case", "expected"), list(POLICY_CASES.items()), ids=list(POLICY_CASES))
def test_bad_policy(minimal: Corpus, case: str, expected: list[Expected]) -> None:
    error = _raised(load_policy, POLICIES / f"{case}.yaml", minimal)
    _assert_problems(list(error.problems), expected)


@pytest.mark.parametrize("case", CASCADE_CASES)
def test_no_cascade(case: str) -> None:
    error = _raised(load_corpus, Path(BAD, case, "rules"))
    assert all(p.location.path == f"{BAD}/{case}/{INSTRUMENT}" for p in error.problems), str(error)


def test_duplicate_clause_points_at_the_second_clause(minimal: Corpus) -> None:
    (problem,) = _raised(load_policy, POLICIES / "duplicate-clause.yaml", minimal).problems
    assert (problem.location.line, problem.location.column) == (16, 13)


def test_all_problems_of_a_file_are_reported_together(minimal: Corpus) -> None:
    """Three independent faults in one file: three problems, sorted by position, not by check order."""
    rules = list(_raised(load_corpus, Path(BAD, "three-errors", "rules")).problems)
    policy = _raised(load_policy, POLICIES / "three-errors.yaml", minimal).problems
    for problems in (rules, list(policy)):
        assert len(problems) == 3
        assert len({p.location.path for p in problems}) == 1
        positions = [(p.location.line, p.location.column) for p in problems]
        assert positions == sorted(positions)
        assert len(set(positions)) == 3
    assert [p.location.line for p in policy] == [3, 6, 15]
    assert [p.location.line for p in rules] == [17, 18, 25]


def test_the_error_text_has_one_line_per_problem(minimal: Corpus) -> None:
    """What the CLI prints: one `path:line:col: error: message [code]` line per problem, in order."""
    error = _raised(load_policy, POLICIES / "three-errors.yaml", minimal)
    assert str(error).splitlines() == [
        f"{BAD}/policies/three-errors.yaml:3:10: error: unknown instrument 'usc-8-1337' "
        "(did you mean 'usc-8-1373'?) [unknown-reference]",
        f"{BAD}/policies/three-errors.yaml:6:14: error: unknown actor 'police-departement' "
        "(did you mean 'police-department'?) [unknown-reference]",
        f"{BAD}/policies/three-errors.yaml:15:14: error: unknown person 'victm' "
        "(did you mean 'victim'?) [unknown-reference]",
    ]


def test_the_minimal_rules_are_valid(minimal: Corpus) -> None:
    """The control: every bad case differs from a corpus that loads."""
    assert [p.provision.id for p in minimal.provisions] == ["usc-8-1373-a"]
    assert minimal.reading_ids == ("textual", "broad")
    assert minimal.taxonomy.roots("persons") == ("any-individual",)
    assert minimal.provisions[0].path == f"{BAD}/minimal/{INSTRUMENT}"


def test_the_good_policy_is_valid(minimal: Corpus) -> None:
    policy = load_policy(POLICIES / "good.yaml", minimal)
    assert policy.document.id == "test-policy"
    assert [c.key for c in policy.document.clauses] == ["1", "2"]
    assert policy.clause_locations["2"] == Location(f"{BAD}/policies/good.yaml", 16, 5)


def test_number_5_10_stays_the_string_written(minimal: Corpus) -> None:
    """YAML 1.1 would read `number: 5.10` as the float 5.1; the clause keeps "5.10"."""
    text = (ROOT / POLICIES / "number-5-10.yaml").read_text()
    assert "  - number: 5.10\n" in text  # unquoted in the file
    policy = load_policy(POLICIES / "number-5-10.yaml", minimal)
    number = policy.document.clauses[1].number
    assert number == "5.10"
    assert type(number) is str
    assert "5.10" in policy.clause_locations


def test_the_cli_fixture_rules_are_valid() -> None:
    """The rules directories tests/test_cli.py uses load cleanly."""
    only = load_corpus(Path(BAD, "only-1373", "rules"))
    assert [p.instrument.id for p in only.provisions] == ["usc-8-1373"] * 4
    assert only.reading_ids == ("textual", "doj", "broad")
    wrong = load_corpus(Path(BAD, "wrong-example", "rules"))
    assert wrong.provisions[0].provision.examples[1].expect == "satisfies"


def test_every_fixture_has_a_case() -> None:
    directories = {p.name for p in (ROOT / BAD).iterdir() if p.is_dir()}
    assert directories == (set(RULES_CASES) - {"no-such-directory"}) | {
        "minimal",
        "policies",
        "only-1373",
        "wrong-example",
    }
    assert not (ROOT / BAD / "no-such-directory").exists()
    policies = {p.stem for p in (ROOT / POLICIES).iterdir()}
    assert policies == set(POLICY_CASES) | {"good", "number-5-10"}
