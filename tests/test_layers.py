"""Layered rules: `--rules DIR` adds to the bundled law, repeatably; `--no-bundled-rules` starts empty.

The layers here are test fixtures written for these tests, not law: each
provision says so in its note and is `verified: false`. What is tested is the
loader's arithmetic: ids unique across layers (a clash located at the second
definition, naming the first), terms, readings and instruments usable from any
layer, and every command that takes `--rules` reading the same stack.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from compliance.model.corpus import Corpus
from tests.conftest import ROOT, run_cli

MINIMAL = ROOT / "tests" / "fixtures" / "bad" / "minimal" / "rules"
POLICY = ROOT / "policies" / "nopd-41.6.1-2016.yaml"
TEXT = ROOT / "tests" / "fixtures" / "draft" / "nopd-41.6.1-2016.txt"
LOCATED = re.compile(r"^(?P<at>[^:]+:\d+:\d+): error: (?P<message>.+) \[(?P<code>[a-z-]+)\]$")

VOCABULARY = """\
actions:
  - id: share-release-date
    parent: assist-immigration-enforcement
    definition: "A test term: telling federal immigration authorities when a person will be released."
"""
"""A layer's vocabulary: only the term it adds, under a bundled parent (no other category is needed)."""
READINGS = """\
readings:
  - id: layer-reading
    title: "A test reading of the layer's provision"
    held-by: [{name: "nobody: a test fixture", authority: advocacy}]
    summary: "Widens the layer's provision to all assistance, to test that readings stack."
    sources: [{url: "https://example.org/layer-reading"}]
    widen:
      - provisions: [layer-a-release]
        action: assist-immigration-enforcement
        why: "A test widening."
"""


def instrument(instrument_id: str, provision_id: str, action: str, example_reading: str | None = None) -> str:
    reading = f"\n                reading: {example_reading}" if example_reading else ""
    return textwrap.dedent(f"""\
        instrument:
          id: {instrument_id}
          kind: grant-condition
          jurisdiction: us
          title: "A test instrument"
          source: "https://example.org/{instrument_id}"
          history:
            - status: in-force
              date: "2017-01-01"
        provisions:
          - id: {provision_id}
            cite: "Test condition {provision_id}"
            text: "A test provision, not law."
            source: "https://example.org/{instrument_id}"
            verified: false
            note: "A test fixture for layered rules, not an encoding of any law."
            binds: any-actor
            norm:
              must: not-restrict
              action: {action}
              counterpart: federal-immigration
            examples:
              - clause: {{modality: prohibits, action: {action}, counterpart: federal-immigration}}
                expect: conflicts{reading}
        """)


@pytest.fixture
def layers(tmp_path: Path) -> tuple[Path, Path]:
    """Layer A adds a term, a reading and a provision in that term; layer B a provision using A's reading."""
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "grants").mkdir(parents=True)
    b.mkdir()
    (a / "vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    (a / "readings.yaml").write_text(READINGS, encoding="utf-8")
    (a / "grants" / "a.yaml").write_text(
        instrument("layer-a", "layer-a-release", "share-release-date"), encoding="utf-8"
    )
    (b / "b.yaml").write_text(
        instrument("layer-b", "layer-b-detainer", "honor-detainer", "layer-reading"), encoding="utf-8"
    )
    return a, b


def _ids(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    code, out, err = run_cli(capsys, "rules", "list", "--format", "json", "--as-of", "2018-01-01", *argv)
    assert (code, err) == (0, ""), err
    return [p["id"] for p in json.loads(out)["provisions"]]


def test_two_layers_add_up_on_the_bundled_law(
    layers: tuple[Path, Path], corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = layers
    bundled = [p.provision.id for p in corpus.provisions]
    assert _ids(capsys, "--rules", str(a)) == [*bundled, "layer-a-release"]
    assert _ids(capsys, "--rules", str(a), "--rules", str(b)) == [*bundled, "layer-a-release", "layer-b-detainer"]
    examples = sum(len(p.provision.examples) for p in corpus.provisions)
    code, out, err = run_cli(capsys, "test", "--rules", str(a), "--rules", str(b))
    assert (code, out, err) == (0, f"{examples + 2} passed, 0 failed\n", "")


def test_a_layer_reading_and_term_reach_the_law(layers: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = layers
    code, out, _ = run_cli(capsys, "rules", "show", "layer-a-release", "--rules", str(a), "--format", "json")
    assert code == 0
    assert [t["reading"] for t in json.loads(out)["readings"]] == ["layer-reading"]
    code, out, _ = run_cli(capsys, "check", str(POLICY), "--rules", str(a), "--reading", "all", "--format", "json")
    assert json.loads(out)["readings"] == ["textual", "doj", "broad", "layer-reading"]


def test_the_later_layer_needs_the_earlier_one(layers: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """B's example names A's reading: without A it is unknown, located, with a suggestion where there is one."""
    _, b = layers
    code, out, err = run_cli(capsys, "validate", "--rules", str(b))
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    match = LOCATED.match(line)
    assert match and match["at"].endswith("b.yaml:25:18") and match["code"] == "unknown-reference"
    assert "unknown reading 'layer-reading'" in match["message"]


@pytest.mark.parametrize(
    ("what", "write", "first"),
    [
        ("provision id 'usc-8-1373-a'", lambda d: (d / "x.yaml").write_text(
            instrument("layer-x", "usc-8-1373-a", "send-status-information"), encoding="utf-8"),
         "rules/federal/usc-8-1373.yaml:24:9"),
        ("instrument id 'usc-8-1373'", lambda d: (d / "x.yaml").write_text(
            instrument("usc-8-1373", "layer-x", "send-status-information"), encoding="utf-8"),
         "rules/federal/usc-8-1373.yaml:6:7"),
        ("term 'honor-detainer'", lambda d: (d / "vocabulary.yaml").write_text(
            VOCABULARY.replace("share-release-date", "honor-detainer"), encoding="utf-8"),
         "rules/vocabulary.yaml:"),
        ("reading id 'broad'", lambda d: (d / "readings.yaml").write_text(
            READINGS.replace("id: layer-reading", "id: broad").replace("[layer-a-release]", "[usc-8-1373-a]"),
            encoding="utf-8"),
         "rules/readings.yaml:"),
    ],
    ids=["provision", "instrument", "term", "reading"],
)  # fmt: skip
def test_a_clash_is_located_at_the_layer_naming_the_bundled_file(
    what: str, write, first: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    layer = tmp_path / "mine"
    layer.mkdir()
    write(layer)
    code, out, err = run_cli(capsys, "validate", "--rules", str(layer))
    assert (code, out) == (2, "")
    clashes = [m for line in err.splitlines() if (m := LOCATED.match(line)) and m["code"] == "duplicate-id"]
    assert len(clashes) == 1, err
    (clash,) = clashes
    assert clash["at"].startswith(str(layer)) and re.match(r".+:\d+:\d+$", clash["at"])
    assert clash["message"].startswith(f"duplicate {what}; first defined at ")
    assert first in clash["message"]  # the bundled file, wherever the package is


COMMANDS = {
    "check": ["check", str(POLICY)],
    "dispute": ["dispute", str(POLICY)],
    "diff": ["diff", str(POLICY), str(POLICY)],
    "explain": ["explain", str(POLICY), "--clause", "5"],
    "suggest": ["suggest", str(POLICY)],
    "interactions": ["interactions"],
    "draft": ["draft", str(TEXT)],
    "validate": ["validate", str(POLICY)],
    "test": ["test"],
    "timeline": ["timeline", str(POLICY)],
    "rules": ["rules", "list"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_reads_the_same_stack(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clashing layer is refused by each, with the same located error; no law at all is a usage error."""
    layer = tmp_path / "clash"
    layer.mkdir()
    (layer / "x.yaml").write_text(instrument("usc-8-1373", "layer-x", "send-status-information"), encoding="utf-8")
    code, out, err = run_cli(capsys, *COMMANDS[command], "--rules", str(layer))
    assert (code, out) == (2, "")
    assert f"{layer}/x.yaml:2:7: error: duplicate instrument id 'usc-8-1373'; first defined at " in err
    code, out, err = run_cli(capsys, *COMMANDS[command], "--no-bundled-rules")
    assert (code, out) == (2, "")
    assert "--no-bundled-rules leaves no law: give at least one --rules DIR" in err


def test_no_bundled_rules_reads_only_the_given_directory(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    assert _ids(capsys, "--no-bundled-rules", "--rules", str(MINIMAL)) == ["usc-8-1373-a"]
    assert len(_ids(capsys, "--rules", str(ROOT / "rules"))) == len(corpus.provisions)  # the same directory counts once


def test_a_policy_may_encode_an_instrument_of_a_layer(
    layers: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = layers
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.read_text(encoding="utf-8").replace("encodes: nopd-41-6-1", "encodes: layer-a"), "utf-8")
    assert "encodes: layer-a" in policy.read_text(encoding="utf-8")
    assert run_cli(capsys, "validate", str(policy), "--rules", str(a))[0] == 0
    code, _, err = run_cli(capsys, "validate", str(policy))
    assert code == 2 and "unknown instrument 'layer-a'" in err


def test_a_lone_vocabulary_still_needs_every_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Categories may be left out of a layer, but the whole law needs its roots: refused, at the file."""
    rules = tmp_path / "rules"
    shutil.copytree(MINIMAL, rules)
    vocabulary = (rules / "vocabulary.yaml").read_text(encoding="utf-8")
    start, end = vocabulary.index("persons:"), vocabulary.index("counterparts:")
    (rules / "vocabulary.yaml").write_text(vocabulary[:start] + vocabulary[end:], encoding="utf-8")
    code, out, err = run_cli(capsys, "validate", "--no-bundled-rules", str(rules))
    assert (code, out) == (2, "")
    assert err == (
        f"{rules}/vocabulary.yaml:2:1: error: the vocabulary has no persons: add `persons:` with its one root term "
        "(an omitted field means it) [schema]\n"
    )


def test_an_empty_layer_is_not_a_rules_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "validate", "--rules", str(tmp_path))
    assert (code, out) == (2, "")
    message = "not a rules directory: it holds no *.yaml files (instruments, vocabulary.yaml, readings.yaml)"
    assert err == f"{tmp_path}: error: {message} [not-rules-dir]\n"
