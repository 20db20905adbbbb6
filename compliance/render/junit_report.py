"""JUnit XML for CI test dashboards: one test case per document × reading × provision.

A test case fails exactly when the check fails for it: a conflict with law in
force. A provision that does not apply to the document is skipped; every
other verdict passes, with its reason in <system-out>. So the failure count
is non-zero exactly when the exit code is 1.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from compliance.analysis.result import CheckResult, DocumentReport, ReadingReport
from compliance.render import Context, marks
from compliance.render._escape import report_text


def _suite(document: DocumentReport, report: ReadingReport, as_of: str | None) -> ET.Element:
    failures = sum(v.binding_conflict for v in report.verdicts)
    skipped = sum(v.verdict == "not-applicable" for v in report.verdicts)
    suite = ET.Element(
        "testsuite",
        {
            "name": f"{document.document_id} [{report.reading}]",
            "tests": str(len(report.verdicts)),
            "failures": str(failures),
            "errors": "0",
            "skipped": str(skipped),
            "file": document.path,
        },
    )
    if as_of is not None:  # the date the law was read on: statuses, and so failures, depend on it
        ET.SubElement(ET.SubElement(suite, "properties"), "property", {"name": "as-of", "value": as_of})
    for verdict in report.verdicts:
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "classname": f"{document.document_id}.{report.reading}",
                "name": f"{verdict.provision} ({verdict.cite})",
                "file": document.path,
            },
        )
        if verdict.binding_conflict:
            failure = ET.SubElement(case, "failure", {"type": "conflicts", "message": verdict.reason})
            failure.text = f"{verdict.cite} is in force; under reading {report.reading} the document {verdict.reason}."
        elif verdict.verdict == "not-applicable":
            ET.SubElement(case, "skipped", {"message": f"not applicable: {verdict.reason}"})
        else:  # a conflict with law not in force passes: reported under its own label, never a failure
            status = "" if verdict.status == "in-force" else f" ({marks.note(verdict.status)})"
            ET.SubElement(case, "system-out").text = f"{marks.verdict_label(verdict)}: {verdict.reason}{status}"
    return suite


def render(result: CheckResult, context: Context | None = None) -> str:
    """One <testsuite> per document and reading, inside one <testsuites>."""
    as_of = None if result.as_of is None else result.as_of.day.isoformat()
    suites = [_suite(d, r, as_of) for d in result.documents for r in d.readings]
    root = ET.Element(
        "testsuites",
        {
            "name": "compliance",
            "tests": str(sum(int(s.get("tests", "0")) for s in suites)),
            "failures": str(sum(int(s.get("failures", "0")) for s in suites)),
            "errors": "0",
            "skipped": str(sum(int(s.get("skipped", "0")) for s in suites)),
        },
    )
    root.extend(suites)
    ET.indent(root)
    return report_text('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
