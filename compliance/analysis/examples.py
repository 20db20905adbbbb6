"""Run the examples embedded in provision files, like `opa test` or `semgrep --test`.

Each example is a one-clause document checked against its own provision
alone, under the example's reading or, if none is given, the first reading
of the corpus (the base reading every other one extends).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from compliance.engine.findings import Evaluator
from compliance.errors import Location
from compliance.exit_codes import ExitCode
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import Example
from compliance.model.policy import Clause, PolicyDocument


@dataclass(frozen=True)
class ExampleOutcome:
    """One example's expected and actual relation."""

    provision: str
    location: Location
    reading: str
    expected: str
    actual: str

    @property
    def passed(self) -> bool:
        """Did the evaluator give the expected relation?"""
        return self.expected == self.actual


def example_document(located: LocatedProvision, index: int, example: Example) -> PolicyDocument:
    """A one-clause document standing for one example, issued by the first actor the provision binds."""
    c = example.clause
    clause = Clause(
        number=f"example-{index + 1}",
        text="(example)",
        modality=c.modality,
        actor=c.actor,
        action=c.action,
        persons=c.persons,
        counterpart=c.counterpart,
        exceptions=c.exceptions,
    )
    return PolicyDocument(
        id=f"{located.provision.id}-example-{index + 1}",
        title="example",
        issuer="example",
        issuer_kind=located.provision.binds[0],
        jurisdiction=located.instrument.jurisdiction,
        source=located.instrument.source,
        clauses=(clause,),
    )


@dataclass(frozen=True)
class ExamplesResult:
    """What `compliance test` found: every example's outcome, in corpus order."""

    outcomes: tuple[ExampleOutcome, ...]
    evaluator: str

    @property
    def failures(self) -> tuple[ExampleOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.passed)

    @property
    def exit_code(self) -> ExitCode:
        """1 when any example fails (the rules do not say what their authors meant), else 0."""
        return ExitCode.CONFLICT if self.failures else ExitCode.OK


def examples_result(corpus: Corpus, evaluator: Evaluator) -> ExamplesResult:
    """Run every example and collect the outcomes (the `test` command's result)."""
    return ExamplesResult(tuple(run_examples(corpus, evaluator)), evaluator.name)


def run_examples(corpus: Corpus, evaluator: Evaluator) -> Iterator[ExampleOutcome]:
    """Every example of every provision, in corpus order."""
    base = corpus.readings[0].id
    for located in corpus.provisions:
        for index, example in enumerate(located.provision.examples):
            reading = corpus.reading(example.reading or base)
            document = example_document(located, index, example)
            findings = evaluator.evaluate(document, reading, [located])
            actual = findings[0].relation if findings else "none"
            where = located.example_locations[index] if located.example_locations else Location(located.path)
            yield ExampleOutcome(located.provision.id, where, reading.id, example.expect, actual)
