"""Validate any mix of rules directories and rule or policy files, gathering every problem.

How a path is read (documented in docs/reference/commands.md and `compliance validate --help`):

- a **directory** is a rules directory: `vocabulary.yaml`, `readings.yaml` and
  instrument files below, each checked and cross-checked as `check` would load it,
  as a layer on the law given (the bundled rules and `--rules` directories);
- a **file** is recognised by its top-level keys: `instrument:`/`provisions:`
  → an instrument file, `readings:` → a readings file, a vocabulary category
  (`actions:`, `actors:`, ...) → a vocabulary file, anything else → a policy.
  Instrument and policy files are cross-checked against the law (the bundled
  rules and `--rules`, with the one directory given among the paths added);
  a readings or vocabulary file given alone gets its parse and schema checks.

Why by content and not by name: a policy can be called anything, and a file
that does not parse at all cannot be anything but reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from compliance.errors import Location, Problem
from compliance.exit_codes import ExitCode
from compliance.loader.corpus import (
    Layers,
    attempt,
    check_provision_files,
    check_readings,
    check_vocabulary,
    corpus_problems,
    layers_of,
    load_file,
    policy_problems,
)
from compliance.loader.locate import validate
from compliance.loader.references import ReferenceChecker, locate, text, without_echoes
from compliance.loader.yaml_safe import Loaded
from compliance.model.corpus import Corpus
from compliance.model.law import ProvisionFile
from compliance.model.readings import ReadingsFile
from compliance.model.vocabulary import CATEGORIES, VocabularyFile


@dataclass
class ValidationReport:
    """What `validate` found: counts of what loaded, and every problem."""

    provisions: int = 0
    readings: int = 0
    policies: int = 0
    rule_files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        """2 when any file has a problem, else 0."""
        return ExitCode.BAD_INPUT if self.problems else ExitCode.OK


def kind_of(loaded: Loaded) -> str:
    """`instrument`, `readings`, `vocabulary` or `policy`, from a file's top-level keys."""
    keys = set(loaded.value) if isinstance(loaded.value, dict) else set()
    if keys & {"instrument", "provisions"}:
        return "instrument"
    if "readings" in keys:
        return "readings"
    if keys & set(CATEGORIES):
        return "vocabulary"
    return "policy"


def validate_paths(paths: Sequence[Path], rules: Layers) -> ValidationReport:
    """Every problem of every rules directory and file in `paths`, and of `rules` (the law's layers).

    A directory among `paths` is checked as one more layer on `rules` (a layer already
    in `rules` is not checked twice); files are cross-checked against `rules` plus the
    directory when exactly one is given.
    """
    report = ValidationReport()
    layers = layers_of(rules)
    known = {layer.resolve() for layer in layers}
    added = [p for p in dict.fromkeys(p for p in paths if p.is_dir()) if p.resolve() not in known]
    law = [*layers, *added] if len(added) == 1 else layers
    corpus: Corpus | None = None
    if law:
        corpus, problems = corpus_problems(law)
        report.problems.extend(problems)
        if corpus is not None:
            report.provisions, report.readings = len(corpus.provisions), len(corpus.readings)
    if len(added) > 1:
        for directory in added:
            other, problems = corpus_problems([*layers, directory])
            report.problems.extend(problems)
            if other is not None:
                report.provisions += len(other.provisions) - (len(corpus.provisions) if corpus else 0)
                report.readings += len(other.readings) - (len(corpus.readings) if corpus else 0)
    first_ids: dict[str, Location] = {}
    for path in paths:
        if not path.is_dir():
            _validate_file(path, corpus, report, first_ids)
    report.problems = sorted(dict.fromkeys(report.problems), key=lambda p: (p.location, p.message))
    return report


def _validate_file(path: Path, corpus: Corpus | None, report: ValidationReport, first_ids: dict[str, Location]) -> None:
    loaded = attempt(report.problems, lambda: load_file(path, None))
    if loaded is None:
        return
    kind = kind_of(loaded)
    if kind == "policy":
        policy, policy_errors = policy_problems(path, corpus)
        report.problems.extend(policy_errors)
        report.policies += policy is not None
        _duplicate_policy(loaded, report, first_ids)
        return
    report.rule_files += 1
    checker = ReferenceChecker()
    problems: list[Problem] = []
    if kind == "instrument":
        attempt(problems, lambda: validate(loaded, ProvisionFile))
        taxonomy = corpus.taxonomy if corpus is not None else None
        reading_ids = list(corpus.reading_ids) if corpus is not None else None
        check_provision_files([loaded], taxonomy, reading_ids, checker)
    elif kind == "readings":
        attempt(problems, lambda: validate(loaded, ReadingsFile))
        check_readings(loaded, corpus.taxonomy if corpus is not None else None, None, checker)
    else:
        vocabulary = attempt(problems, lambda: validate(loaded, VocabularyFile))
        if vocabulary is not None:
            check_vocabulary(loaded, vocabulary, checker)
    report.problems.extend(without_echoes([*problems, *checker.problems]))


def _duplicate_policy(loaded: Loaded, report: ValidationReport, first_ids: dict[str, Location]) -> None:
    """Two policy files given together must not share an id: reports are keyed by it."""
    policy_id = text(loaded, ("id",))
    if policy_id is None:
        return
    at = locate(loaded, ("id",))
    if policy_id in first_ids:
        first = first_ids[policy_id]
        report.problems.append(
            Problem(at, f"duplicate policy id {policy_id!r}; first defined at {first}", "duplicate-id")
        )
    first_ids.setdefault(policy_id, at)
