"""A fuzz target over the whole command line: generated and mangled policies, both engines, every format.

Issue 19's acceptance: for any input, a command exits 0, 1, 2 or 4 (never 3, a bug, and
never a traceback), a text report carries no control sequence, a JSON report parses, and
the two engines give the same report. The policies are drawn from the bundled vocabulary
(`compliance.testing.policies`) and then, half the time, mangled at the byte level, so
both the evaluation and the input errors are exercised. The CI profile runs a few dozen
examples; `COMPLIANCE_HYPOTHESIS_PROFILE=large` runs 20,000.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from compliance.loader.yaml_write import dump_yaml, model_data
from compliance.model.policy import PolicyDocument
from compliance.testing import examples, load_rules, policies
from tests.conftest import RULES

CORPUS = load_rules(RULES)
ALLOWED = {0, 1, 2, 4}
CHECK_FORMATS = ("text", "json", "markdown", "sarif", "junit", "html", "github")
# Any C0 or C1 control character but line feed and tab, and the escape that starts a sequence.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Where a report names the engine that made it (`engine: durable`, `"evaluator": "reference"`, ...).
ENGINE_NAMED = re.compile(r"(engine|evaluator)([^a-z]{1,4})(durable|reference)")


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


@st.composite
def policy_texts(draw: st.DrawFn) -> str:
    """A generated policy as YAML, mangled at random half the time (cut, duplicated or overwritten bytes)."""
    document: PolicyDocument = draw(policies(CORPUS, max_clauses=4))
    text = dump_yaml(model_data(document), header="fuzz")
    if draw(st.booleans()):
        return text
    at = draw(st.integers(0, max(len(text) - 1, 0)))
    how = draw(st.sampled_from(["cut", "insert", "replace"]))
    junk = draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8))
    if how == "cut":
        return text[:at]
    if how == "insert":
        return text[:at] + junk + text[at:]
    return text[:at] + junk + text[at + len(junk) :]


COMMANDS = st.sampled_from(
    [
        ("check", "--format", "{format}"),
        ("dispute", "--format", "json"),
        ("dispute",),
        ("explain", "--clause", "1"),
        ("timeline", "--format", "json", "--to", "2025-01-01"),
        ("record", "--format", "json"),
        ("validate",),
    ]
)


@settings(
    max_examples=examples(ci=30, large=20_000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(policy_texts(), COMMANDS, st.sampled_from(CHECK_FORMATS), st.sampled_from(["2017-11-17", "2025-01-01"]))
def test_any_policy_through_any_command(text: str, template: tuple[str, ...], format_: str, day: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        policy = Path(directory) / "fuzz.yaml"
        policy.write_text(text, encoding="utf-8", errors="surrogatepass")
        command, *options = (part.replace("{format}", format_) for part in template)
        dated = ["--as-of", day] if command in ("check", "dispute") else []
        results = {
            engine: _run(command, str(policy), "--rules", str(RULES), *options, *dated, "--engine", engine)
            if command not in ("validate",)
            else _run(command, str(policy), "--rules", str(RULES))
            for engine in ("durable", "reference")
        }
    for engine, (code, out, err) in results.items():
        assert code in ALLOWED, (engine, code, err)
        assert "Traceback" not in out + err
        assert not CONTROL.search(out), (engine, CONTROL.search(out))
        assert not CONTROL.search(err), (engine, CONTROL.search(err))
        if code in (0, 1) and "json" in options:
            json.loads(out)
    (durable_code, durable_out, _), (reference_code, reference_out, _) = results["durable"], results["reference"]
    assert durable_code == reference_code
    assert ENGINE_NAMED.sub(r"\1\2-", durable_out) == ENGINE_NAMED.sub(r"\1\2-", reference_out)
