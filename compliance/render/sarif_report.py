"""SARIF 2.1.0 for code-scanning UIs: each finding at the clause's line and column in the policy file.

Rules are provisions: the rule id is the provision id (never a generic id, the
complaint of conftest #1396), its short description the citation, its help the
quoted text and the source URL. Results:

- a conflict: `error` when the provision is in force, `note` when it is not
  (a failed bill, a terminated decree: reported, never failing the check);
- a conflict neutralised by a savings clause: a `note` carrying an in-source
  suppression whose justification names that clause, with the savings
  clause as a related location, so a scanner shows it as dismissed, and why;
- a `prohibit`/`require` provision nothing carries (`not-addressed`): a `note`
  at the document's first clause.

Each result names its reading; partial fingerprints stay stable when lines move.
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from compliance.analysis.result import CheckResult, DocumentReport
from compliance.errors import Location
from compliance.render import Context, marks
from compliance.render._common import repository_path, status_word, uri_reference
from compliance.render._escape import json_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
"""The base every artifact URI is relative to: the repository the policies are in."""


def _base_ids(context: Context) -> dict[str, Any]:
    """`originalUriBaseIds`: where `%SRCROOT%` was on the machine that ran the check (a directory URI ends in /)."""
    if context.source_root is None:
        return {}
    root = context.source_root.as_uri().rstrip("/") + "/"
    return {"originalUriBaseIds": {SRCROOT: {"uri": root, "description": {"text": "the repository root"}}}}


def _version() -> str:
    try:
        return metadata.version("compliance")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        return "0"


def _rules(result: CheckResult, context: Context) -> list[dict[str, Any]]:
    if context.corpus is not None:
        # a provision's status on the report's date (--as-of), the same in every document and reading
        dated = {v.provision: v.status for d in result.documents for r in d.readings[:1] for v in r.verdicts}
        provisions = [(p.provision, p.instrument) for p in context.corpus.provisions]
        rules = []
        for provision, instrument in provisions:
            status = dated.get(provision.id, instrument.status)
            note = "" if provision.verified else f"\n\nNot verbatim: {provision.note}"
            rules.append(
                {
                    "id": provision.id,
                    "name": provision.cite,
                    "shortDescription": {"text": provision.cite},
                    "fullDescription": {"text": provision.text},
                    "helpUri": provision.source,
                    "help": {
                        "text": f"{provision.cite} ({instrument.title}; {status_word(status)})\n\n"
                        f"{provision.text}{note}\n\nSource: {provision.source}",
                        "markdown": f"**{provision.cite}** ({instrument.title}; {status_word(status)})\n\n"
                        f"> {provision.text}{note}\n\nSource: <{provision.source}>",
                    },
                    "defaultConfiguration": {"level": "error" if status == "in-force" else "note"},
                    "properties": {
                        "instrument": instrument.id,
                        "kind": instrument.kind,
                        "status": status,
                        "verified": provision.verified,
                        "tags": ["compliance", instrument.kind, status],
                    },
                }
            )
        return rules
    seen: dict[str, dict[str, Any]] = {}
    for document in result.documents:
        for verdict in document.readings[0].verdicts if document.readings else ():
            seen.setdefault(
                verdict.provision,
                {"id": verdict.provision, "name": verdict.cite, "shortDescription": {"text": verdict.cite}},
            )
    return list(seen.values())


def _unless_in_force(status: str) -> str:
    return "" if status == "in-force" else f": {marks.LABEL} ({marks.note(status)})"


def _artifact(path: str, context: Context) -> dict[str, Any]:
    """Where a policy file is: relative to `%SRCROOT%` (the repository), or an absolute file URI outside it."""
    inside = repository_path(path, context.source_root)
    if inside is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": uri_reference(inside), "uriBaseId": SRCROOT}


def _location(document: DocumentReport, clause: str, where: Location | None, context: Context) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(document.path, context)}
    if where is not None and where.line > 0:
        physical["region"] = {"startLine": where.line, "startColumn": max(where.column, 1)}
    return {
        "physicalLocation": physical,
        "logicalLocations": [
            {"name": clause, "fullyQualifiedName": f"{document.document_id}/{clause}", "kind": "clause"}
        ],
    }


def _level(status: str, relation: str) -> str:
    """An error for a conflict with law in force, a warning for a potential one, else a note."""
    if status != "in-force":
        return "note"
    return {"conflicts": "error", "potential-conflict": "warning"}.get(relation, "note")


def _results(result: CheckResult, context: Context, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for document in result.documents:
        policy = context.policy(document.path)
        locations = policy.clause_locations if policy is not None else {}
        first_clause = next(iter(locations), None)
        for report in document.readings:
            verdicts = {v.provision: v for v in report.verdicts}
            for explained in report.findings:
                finding = explained.finding
                if finding.relation not in ("conflicts", "potential-conflict", "neutralised"):
                    continue
                verdict = verdicts[finding.provision]
                entry: dict[str, Any] = {
                    "ruleId": finding.provision,
                    "ruleIndex": rule_index.get(finding.provision, -1),
                    "level": _level(verdict.status, finding.relation),
                    "message": {
                        "text": f"Clause {finding.clause} conflicts with {verdict.cite} under reading "
                        f"'{report.reading}'" + _unless_in_force(verdict.status)
                        if finding.relation == "conflicts"
                        else f"Clause {finding.clause} may conflict with {verdict.cite} under reading "
                        f"'{report.reading}' (undetermined: {verdict.reason})"
                        if finding.relation == "potential-conflict"
                        else f"Clause {finding.clause} would conflict with {verdict.cite} under reading "
                        f"'{report.reading}'; neutralised by savings clause {', '.join(finding.savings)}"
                    },
                    "locations": [_location(document, finding.clause, locations.get(finding.clause), context)],
                    "partialFingerprints": {
                        "complianceFinding/v1": f"{document.document_id}|{finding.clause}|{finding.provision}"
                        f"|{report.reading}"
                    },
                    "properties": {
                        "document": document.document_id,
                        "reading": report.reading,
                        "relation": finding.relation,
                        "status": verdict.status,
                        "counts": verdict.status == "in-force",
                        "overlap": list(finding.overlap),
                        "explanation": list(explained.explanation),
                    },
                }
                if finding.relation == "neutralised":
                    entry["suppressions"] = [
                        {
                            "kind": "inSource",
                            "justification": f"neutralised by savings clause {', '.join(finding.savings)} "
                            f"under reading '{report.reading}'",
                        }
                    ]
                    entry["relatedLocations"] = [
                        {
                            "id": i,
                            **_location(document, key, locations.get(key), context),
                            "message": {"text": "savings clause"},
                        }
                        for i, key in enumerate(finding.savings, start=1)
                    ]
                out.append(entry)
            for verdict in report.verdicts:
                if verdict.verdict != "not-addressed":
                    continue
                where = locations.get(first_clause) if first_clause else None
                out.append(
                    {
                        "ruleId": verdict.provision,
                        "ruleIndex": rule_index.get(verdict.provision, -1),
                        "level": "note",
                        "message": {
                            "text": f"{verdict.cite} is not addressed under reading '{report.reading}': "
                            f"{verdict.reason}"
                        },
                        "locations": [
                            {
                                "physicalLocation": _location(document, "", where, context)["physicalLocation"],
                            }
                        ],
                        "partialFingerprints": {
                            "complianceFinding/v1": f"{document.document_id}||{verdict.provision}|{report.reading}"
                        },
                        "properties": {
                            "document": document.document_id,
                            "reading": report.reading,
                            "relation": "not-addressed",
                            "status": verdict.status,
                        },
                    }
                )
    return out


def render(result: CheckResult, context: Context | None = None) -> str:
    """One SARIF log with one run; keys sorted, so the same input gives the same bytes."""
    context = context or Context()
    rules = _rules(result, context)
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    artifacts = [{"location": _artifact(d.path, context)} for d in result.documents]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "compliance",
                        "version": _version(),
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                **_base_ids(context),
                "artifacts": artifacts,
                "results": _results(result, context, rule_index),
                "properties": {
                    "evaluator": result.evaluator,
                    "readings": list(result.readings),
                    "asOf": None if result.as_of is None else result.as_of.day.isoformat(),
                },
            }
        ],
    }
    return json_text(json.dumps(log, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
