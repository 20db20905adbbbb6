"""Totality of the loader: for ANY text or bytes it returns a value or raises `InputError`, nothing else.

OPA fuzzes its parser with "expected to error, never panic"; this is the same
promise for our YAML entry point (`compliance.loader.yaml_safe`) and for the
schema validation on top of it, under libyaml's parser and the pure-Python
fallback. Every `InputError` must be a located, coded problem.

Profiles: `ci` (the default: 300 examples per loader test, derandomised so CI
is reproducible) and `large` (`COMPLIANCE_HYPOTHESIS_PROFILE=large`, the one switch of
every property suite here: 20,000 for
each loader test, 3,000 structured documents, fresh random inputs). Run the
large one with `--hypothesis-show-statistics` to see the counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.errors import InputError, Location
from compliance.loader import yaml_safe
from compliance.loader.limits import Limits
from compliance.loader.locate import validate
from compliance.loader.yaml_safe import Loaded, load_yaml_text
from compliance.loader.yaml_write import dump_yaml
from compliance.model.law import ProvisionFile
from compliance.model.policy import PolicyDocument
from compliance.model.readings import ReadingsFile
from compliance.model.vocabulary import VocabularyFile
from compliance.testing.profiles import profile as profile_in_force

LARGE = profile_in_force() == "large"


def profile(ci: int, large: int) -> settings:
    """Hypothesis settings with `ci` examples, or `large` under COMPLIANCE_HYPOTHESIS_PROFILE=large."""
    return settings(
        max_examples=large if LARGE else ci,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        derandomize=not LARGE,  # CI is reproducible; the large run explores fresh inputs each time
    )


CODES = {
    "alias",
    "anchor",
    "complex-key",
    "control-character",
    "duplicate-key",
    "empty",
    "encoding",
    "merge-key",
    "multiple-documents",
    "root-not-mapping",
    "scalar-too-long",
    "syntax",
    "tag",
    "too-deep",
    "too-large",
    "too-many-nodes",
}
"""Every code the loader may raise; any other would be a new, untested failure mode."""

# Characters that mean something to YAML, so random text exercises the parser, not only plain scalars.
YAML_ALPHABET = "-:?,[]{}#&*!|>'\"%@`~ \t\n\r.0123456789abcxyzTFNY<=\\/\ufeff\x85\u2028\x00é"
SMALL = Limits(max_bytes=4096, max_depth=6, max_nodes=60, max_scalar=40)
"""Low limits for the fuzz, so the limit checks themselves are hit often."""


@contextmanager
def parser(kind: str) -> Iterator[None]:
    """libyaml's event parser, or the pure-Python one (used where libyaml is not installed)."""
    saved = yaml_safe._PARSER
    yaml_safe._PARSER = yaml.SafeLoader if kind == "python" else saved
    try:
        yield
    finally:
        yaml_safe._PARSER = saved


def assert_located(error: InputError, path: str) -> None:
    assert error.problems, "an InputError without a problem"
    for problem in error.problems:
        assert problem.code in CODES | {"schema"}, problem
        assert problem.message
        assert problem.location.path == path
        assert problem.location.line >= 0 and problem.location.column >= 0
        assert str(problem).startswith(f"{problem.location}: error: ")


def total(data: bytes | str, kind: str, limits: Limits | None) -> Loaded | None:
    """Load; the only exception allowed is InputError, and then it must be well-formed."""
    with parser(kind):
        try:
            loaded = load_yaml_text(data, "fuzz.yaml", limits)
        except InputError as error:
            assert_located(error, "fuzz.yaml")
            return None
    assert isinstance(loaded.value, dict), "the root of a loaded file is always a mapping"
    assert all(isinstance(at, Location) and at.line >= 1 for at in loaded.marks.values())
    return loaded


texts = st.one_of(st.text(alphabet=YAML_ALPHABET, max_size=200), st.text(max_size=200))
limits = st.sampled_from([None, SMALL])
parsers = st.sampled_from(["libyaml", "python"])


@profile(ci=300, large=20_000)
@given(text=texts, kind=parsers, limit=limits)
def test_any_text_loads_or_raises_input_error(text: str, kind: str, limit: Limits | None) -> None:
    total(text, kind, limit)


@profile(ci=300, large=20_000)
@given(data=st.binary(max_size=200), kind=parsers, limit=limits)
def test_any_bytes_load_or_raise_input_error(data: bytes, kind: str, limit: Limits | None) -> None:
    total(data, kind, limit)


# Structured documents: well-formed YAML whose shape is random, so validation, not parsing, is fuzzed.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(["id", "x", "prohibits", "NO", "5.10", "2016-02-30", "https://e.org", "a-b", "Bad Id", ""]),
    st.text(max_size=12),
)
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=25,
)
KEYS = ["id", "title", "issuer", "issuer-kind", "source", "clauses", "number", "text", "modality", "action"]
documents = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), trees, min_size=1, max_size=8)
MODELS = [PolicyDocument, ProvisionFile, ReadingsFile, VocabularyFile]


@profile(ci=150, large=3_000)
@given(document=documents, model=st.sampled_from(MODELS))
def test_any_document_validates_or_raises_input_error(document: dict, model: type) -> None:
    loaded = total(dump_yaml(document), "libyaml", None)
    if loaded is None:
        return
    try:
        validate(loaded, model)
    except InputError as error:
        assert_located(error, "fuzz.yaml")
