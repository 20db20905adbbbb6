"""YAML → model → YAML → model round-trips for generated models of every format, and file-order independence.

tests/test_yaml_write.py proves the bundled files round-trip; these draw
models the bundled files never contain: awkward strings (what YAML 1.1 would
retype, leading indicators, quotes, line breaks, non-ASCII), every optional
field present or absent, and terms from the vocabulary.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from compliance.loader.corpus import load_corpus
from compliance.loader.locate import validate
from compliance.loader.yaml_safe import load_yaml_text
from compliance.loader.yaml_write import dump_yaml, model_data
from compliance.model.law import Example, Instrument, ProvisionFile, StatusEvent
from compliance.model.policy import PolicyDocument
from compliance.model.readings import Holder, Link, Reading, ReadingsFile, Source, Widening
from compliance.model.vocabulary import Term, VocabularyFile
from compliance.testing import check, clauses, examples, load_rules, policies, provisions, terms
from tests.conftest import POLICIES, RULES

CORPUS = load_rules(RULES)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
RETYPED = ["5.10", "NO", "no", "yes", "on", "off", "~", "null", "true", "1e3", "0o17", "0x1F", "2016-02-28", "12:30"]
INDICATORS = ["- item", ": value", "? key", "# comment", "&anchor", "*alias", "!tag", "%YAML", "@at", "`tick", "|", ">"]
AWKWARD = [*RETYPED, *INDICATORS, " leading", "trailing ", "'single'", '"double"', "a: b", "line\nbreak", "§ 1373(a) …"]

# Any character a value may hold: no control character but tab and line feed, and those two only in
# multi-line text (labels, ids and URLs are one line); the loader and the model refuse the rest.
texts = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n\t"),
        min_size=1,
        max_size=40,
    ),
    st.text(st.sampled_from("ab \n\t:#-'\"\\"), min_size=1, max_size=12),
)
labels = texts.map(lambda s: s[:200].replace("\n", " ").replace("\t", " "))
ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
urls = st.from_regex(r"https?://[a-z]{1,8}\.org/[A-Za-z0-9/_.%-]{0,12}", fullmatch=True)
dates = st.dates(min_value=dt.date(1789, 1, 1), max_value=dt.date(2100, 12, 31))


def round_trip(model: BaseModel) -> None:
    written = dump_yaml(model_data(model), header="generated")
    assert validate(load_yaml_text(written, "generated.yaml"), type(model)) == model, written


def budget(ci: int, large: int) -> settings:
    """Hypothesis settings with this property's CI and large budgets."""
    return settings(max_examples=examples(ci=ci, large=large), deadline=None, suppress_health_check=SLOW)


@budget(ci=60, large=1000)
@given(policies(CORPUS, max_clauses=4, savings=None), st.data())
def test_generated_policies_round_trip(document: PolicyDocument, data: st.DataObject) -> None:
    awkward = []
    for c in document.clauses:
        verified = data.draw(st.booleans())
        fields = {
            **c.model_dump(),
            "text": data.draw(texts),
            "number": data.draw(labels),
            "part": data.draw(st.none() | labels),
            "note": data.draw(texts if not verified else st.none() | texts),
            "verified": verified,
        }
        awkward.append(type(c).model_validate(fields))
    unique = {c.key: c for c in awkward}  # clause keys must stay distinct to mean the same document
    document = document.model_copy(
        update={
            "title": data.draw(labels),
            "issuer": data.draw(labels),
            "adopted": data.draw(st.none() | dates),
            "note": data.draw(st.none() | texts),
            "encodes": data.draw(st.none() | ids),
            "source": data.draw(urls),
            "clauses": tuple(unique.values()),
        }
    )
    round_trip(document)


@budget(ci=40, large=1000)
@given(
    st.lists(provisions(CORPUS), min_size=1, max_size=3, unique_by=lambda p: p.id),
    st.data(),
)
def test_generated_provision_files_round_trip(made: list, data: st.DataObject) -> None:
    history = data.draw(
        st.lists(
            st.builds(
                StatusEvent,
                status=st.sampled_from(["in-force", "proposed", "failed", "repealed", "enjoined", "terminated"]),
                date=dates,
                note=st.none() | texts,
                source=st.none() | urls,
            ),
            min_size=1,
            max_size=3,
        )
    )
    instrument = Instrument(
        id=data.draw(ids),
        kind=data.draw(st.sampled_from(["federal-statute", "state-statute", "bill", "consent-decree"])),
        jurisdiction=data.draw(st.sampled_from(["us", "us/la", "us/wa/king"])),
        title=data.draw(labels),
        source=data.draw(urls),
        history=tuple(sorted(history, key=lambda e: e.date)),  # a history is listed oldest first
        note=data.draw(st.none() | texts),
    )
    with_examples = []
    for provision in made:
        example = Example(
            clause=data.draw(clauses(CORPUS)),
            expect=data.draw(st.sampled_from(["satisfies", "partially-satisfies", "conflicts", "neutralised", "none"])),
            reading=data.draw(st.none() | st.sampled_from(CORPUS.reading_ids)),
            note=data.draw(st.none() | texts),
        )
        scope = {k: v for k, v in model_data(example.clause).items() if k not in ("number", "text")}
        example = example.model_copy(
            update={"clause": type(CORPUS.provisions[0].provision.examples[0].clause)(**scope)}
        )
        verified = data.draw(st.booleans())
        with_examples.append(
            provision.model_copy(
                update={
                    "text": data.draw(texts),
                    "cite": data.draw(labels),
                    "verified": verified,
                    "note": data.draw(texts) if not verified else data.draw(st.none() | texts),
                    "examples": (example,),
                }
            )
        )
    round_trip(ProvisionFile(instrument=instrument, provisions=tuple(with_examples)))


def _period(data: st.DataObject) -> dict[str, object]:
    """A reading's `since` and `until`, either open, never in the wrong order (the model refuses that)."""
    since, until = data.draw(st.none() | dates), data.draw(st.none() | dates)
    if since is not None and until is not None and until < since:
        since, until = until, since
    return {"since": since, "until": until}


@budget(ci=40, large=1000)
@given(st.lists(ids, min_size=1, max_size=3, unique=True), st.data())
def test_generated_readings_files_round_trip(names: list[str], data: st.DataObject) -> None:
    actions = terms("actions", CORPUS, min_size=1)
    made = [
        Reading(
            id=name,
            title=data.draw(labels),
            held_by=tuple(
                Holder(name=n, authority="political") for n in data.draw(st.lists(labels, min_size=1, max_size=2))
            ),
            **_period(data),
            summary=data.draw(texts),
            sources=(Source(url=data.draw(urls), quote=data.draw(st.none() | texts)),),
            links=tuple(
                data.draw(
                    st.lists(
                        st.builds(
                            Link, term=actions.map(lambda t: t[0]), includes=actions, provisions=actions, why=texts
                        ),
                        max_size=2,
                    )
                )
            ),
            widen=tuple(
                data.draw(
                    st.lists(
                        st.builds(
                            Widening,
                            provisions=st.lists(ids, min_size=1, max_size=2).map(tuple),
                            action=actions,
                            why=texts,
                        ),
                        max_size=2,
                    )
                )
            ),
        )
        for name in names
    ]
    round_trip(ReadingsFile(readings=tuple(made)))


@budget(ci=40, large=1000)
@given(st.data())
def test_generated_vocabularies_round_trip(data: st.DataObject) -> None:
    def category(min_size: int) -> tuple[Term, ...]:
        names = data.draw(st.lists(ids, min_size=min_size, max_size=4, unique=True))
        return tuple(
            Term(
                id=name,
                definition=data.draw(texts),
                parent=data.draw(st.none() | st.sampled_from(names)),
                cite=data.draw(st.none() | labels),
                source=data.draw(st.none() | urls),
            )
            for name in names
        )

    round_trip(
        VocabularyFile(
            actions=category(1),
            actors=category(1),
            persons=category(1),
            counterparts=category(1),
            conditions=category(0),
        )
    )


# --- file order --------------------------------------------------------------------------------------


def _copy_in_order(target: Path, order: list[Path]) -> Path:
    """The bundled rules under `target`, each instrument file renamed so sorting yields `order`."""
    rules = target / "rules"
    rules.mkdir()
    shutil.copy(RULES / "vocabulary.yaml", rules)
    shutil.copy(RULES / "readings.yaml", rules)
    for rank, path in enumerate(order):
        shutil.copy(path, rules / f"{rank:02d}-{path.parent.name}-{path.name}")
    return rules


FILES = sorted(p for p in RULES.rglob("*.yaml") if p.name not in ("vocabulary.yaml", "readings.yaml"))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_findings_do_not_depend_on_the_order_of_rule_files(tmp_path: Path, seed: int) -> None:
    import random

    order = list(FILES)
    random.Random(seed).shuffle(order)
    if seed == 1:
        order.reverse()
    reordered = load_corpus(_copy_in_order(tmp_path, order))
    assert [p.path for p in reordered.provisions] != [p.path for p in CORPUS.provisions]
    for policy in sorted(POLICIES.glob("*.yaml")):
        for reading in CORPUS.reading_ids:
            ours, theirs = check(policy, CORPUS, reading), check(policy, reordered, reading)
            assert ours.relations() == theirs.relations()
            assert ours.verdicts == theirs.verdicts


# --- regressions: hypothesis's minimal failing examples, kept ----------------------------------------


@pytest.mark.parametrize("text", ["\u2028", "a\u2029b", "\u2028\u2029\t"])
def test_unicode_line_separators_round_trip(text: str) -> None:
    reading = Reading(
        id="r",
        title="t",
        held_by=(Holder(name="h", authority="advocacy"),),
        summary=text,
        sources=(Source(url="http://a.org/"),),
    )
    round_trip(ReadingsFile(readings=(reading,)))


@pytest.mark.parametrize("text", ["\x85", "a\x85b", "\r", "\x1b[2K"])
def test_a_control_character_is_refused_by_the_model_too(text: str) -> None:
    # Once found by test_generated_readings_files_round_trip as NEL written raw; since issue 19
    # (item 2) no text field may hold a control character but tab and line feed at all.
    with pytest.raises(ValidationError, match="control character"):
        Reading(
            id="r",
            title="t",
            held_by=(Holder(name="h", authority="advocacy"),),
            summary=text,
            sources=(Source(url="http://a.org/"),),
        )
