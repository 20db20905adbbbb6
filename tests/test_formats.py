"""Every output format on the bundled corpus: golden files, and what each format's consumers check.

Golden files live in tests/golden/formats/ and were read line by line against
the text report (itself checked against DESIGN.md's founding-case table).
Regenerate on purpose with `COMPLIANCE_UPDATE_GOLDEN=1 pytest tests/test_formats.py`
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

import cli
from compliance.loader.corpus import load_corpus, load_policy
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "formats"
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
CORPUS = [
    "policies/nopd-41.6.1-2016.yaml",
    "policies/nopd-41.6.1-2016-without-para5.yaml",
    "policies/opso-detainers-2013.yaml",
]
"""The bundled corpus as of these golden files, named so that a policy added later does not change them."""
AS_OF = "2017-11-17"
"""The founding case's day (DOJ's final determination): golden files pin a past date, never today."""
EXTENSIONS = {"text": "txt", "json": "json", "markdown": "md", "sarif": "sarif", "junit": "xml", "html": "html"}


pytestmark = pytest.mark.usefixtures("at_root")


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = cli.main(["check", *argv])
    out, err = capsys.readouterr()
    assert err == "", err
    return code, out


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    """The bundled corpus in every format, rendered once for the module."""
    out: dict[str, str] = {}
    for name in EXTENSIONS:
        from contextlib import redirect_stdout
        from io import StringIO

        buffer = StringIO()
        cwd = Path.cwd()
        os.chdir(ROOT)
        try:
            with redirect_stdout(buffer):
                code = cli.main(["check", *CORPUS, "--format", name, "--as-of", AS_OF, "--fail-on", "any"])
        finally:
            os.chdir(cwd)
        assert code == 1, f"{name}: the bundled corpus conflicts with law in force under some reading"
        out[name] = buffer.getvalue()
    return out


@pytest.mark.parametrize("name", sorted(EXTENSIONS))
def test_golden_format(name: str, reports: dict[str, str]) -> None:
    path = GOLDEN / f"corpus.{EXTENSIONS[name]}"
    # SARIF says where %SRCROOT% was on the machine that ran it: the checkout's own directory, not evidence
    report = reports[name].replace(f'"{ROOT.as_uri()}/"', '"file:///checkout/"')
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report, encoding="utf-8")
    assert report == path.read_text(encoding="utf-8")


def _binding_conflicts(report_json: str) -> int:
    data = json.loads(report_json)
    return sum(
        1 for d in data["documents"] for v in d["verdicts"] if v["verdict"] == "conflicts" and v["status"] == "in-force"
    )


def test_sarif_validates_against_the_sarif_2_1_0_schema(reports: dict[str, str]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(reports["sarif"])
    jsonschema.Draft7Validator(schema).validate(log)
    assert log["version"] == "2.1.0"
    # the validator is not vacuous: a result without a message is refused
    broken = json.loads(reports["sarif"])
    del broken["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(broken)


def test_sarif_locates_each_finding_at_its_clause_and_cites_the_law(reports: dict[str, str]) -> None:
    corpus = load_corpus(ROOT / "rules")
    policies = {p.path: p for p in (load_policy(Path(path), corpus) for path in CORPUS)}
    run = json.loads(reports["sarif"])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [p.provision.id for p in corpus.provisions]
    by_id = {p.provision.id: p for p in corpus.provisions}
    for rule in rules:
        provision = by_id[rule["id"]].provision
        assert rule["helpUri"] == provision.source
        assert provision.cite in rule["help"]["text"] and provision.source in rule["help"]["text"]
    findings = [r for r in run["results"] if r["properties"]["relation"] in ("conflicts", "neutralised")]
    assert findings
    for result in findings:
        location = result["locations"][0]
        clause = location["logicalLocations"][0]["name"]
        where = policies[location["physicalLocation"]["artifactLocation"]["uri"]].clause_locations[clause]
        assert location["physicalLocation"]["region"] == {"startLine": where.line, "startColumn": where.column}
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    errors = [r for r in run["results"] if r["level"] == "error"]
    assert len(errors) == sum(
        1 for r in findings if r["properties"]["status"] == "in-force" and r["properties"]["relation"] == "conflicts"
    )
    # the founding case: paragraph 5 neutralises the doj reading's § 1373(b)(1) conflict, as a suppression
    saved = [
        r
        for r in findings
        if (r["properties"]["document"], r["properties"]["reading"], r["ruleId"])
        == ("nopd-41-6-1-2016", "doj", "usc-8-1373-b-1")
    ]
    assert len(saved) == 1 and saved[0]["properties"]["relation"] == "neutralised"
    assert saved[0]["suppressions"][0]["kind"] == "inSource"
    assert "savings clause 5" in saved[0]["suppressions"][0]["justification"]
    five = policies["policies/nopd-41.6.1-2016.yaml"].clause_locations["5"]
    assert saved[0]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == five.line


def test_junit_parses_with_one_case_per_document_reading_and_provision(reports: dict[str, str]) -> None:
    corpus = load_corpus(ROOT / "rules")
    root = ET.fromstring(reports["junit"])
    documents = len(CORPUS)
    readings = len(corpus.readings)
    cases = root.findall("./testsuite/testcase")
    assert len(root.findall("./testsuite")) == documents * readings
    assert len(cases) == int(root.get("tests", "")) == documents * readings * len(corpus.provisions)
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == int(root.get("failures", "")) == _binding_conflicts(reports["json"]) > 0
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert len(skipped) == int(root.get("skipped", ""))
    for suite in root.findall("./testsuite"):
        assert int(suite.get("tests", "")) == len(suite.findall("testcase"))
        assert int(suite.get("failures", "")) == len(suite.findall("testcase/failure"))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained(reports: dict[str, str]) -> None:
    parser = _Tags()
    parser.feed(reports["html"])
    tags = parser.tags
    assert not [t for t, a in tags if t in ("script", "link", "img", "iframe", "object", "embed")]
    assert not [a for _, a in tags if "src" in a]
    assert "@import" not in reports["html"] and "url(" not in reports["html"]
    assert sum(t == "details" for t, _ in tags) > 10
    assert sum(t == "table" and a.get("class") == "matrix" for t, a in tags) == len(CORPUS)


def test_html_escapes_what_the_yaml_says(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (ROOT / "policies" / "opso-detainers-2013.yaml").read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(source.replace('title: "', 'title: "<script>alert(1)</script> ', 1), encoding="utf-8")
    code, out = check(capsys, str(hostile), "--format", "html")
    assert code == 1
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_markdown_table_has_one_row_per_provision(reports: dict[str, str]) -> None:
    corpus = load_corpus(ROOT / "rules")
    rows = [line for line in reports["markdown"].splitlines() if line.startswith("| `") and "` |" in line]
    documents = len(CORPUS)
    assert len(rows) == documents * len(corpus.provisions) + documents  # + the summary's rows
    assert reports["markdown"].count("<details>") == reports["markdown"].count("</details>") == documents * 3
