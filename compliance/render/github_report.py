"""GitHub Actions workflow commands: one annotation per conflict, on the clause's line in the policy file.

`compliance check --format github` in a workflow step puts each conflict on
the pull request's diff, at the clause (file, line, column). A conflict with
law in force is an `::error`; one with law not in force on the date (a failed
bill, a statute not yet in force) is a `::notice` under the one label every
format gives it (`marks`), since it never fails the check. A finding that
holds under several readings is one annotation naming them all, so a
three-reading check does not triple the annotations. The last line is the
result, as a plain log line.

Values are scrubbed of control characters first (as the text report's are),
then escaped by the runner's rules: `%`, CR and LF in every part;
also `:` and `,` in properties (toolkit/packages/core `command.ts`).
"""

from __future__ import annotations

from compliance.analysis.result import CheckResult, DocumentReport
from compliance.render import Context, marks
from compliance.render._common import repository_path
from compliance.render._escape import report_text, scrub


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _annotations(document: DocumentReport, context: Context) -> list[str]:
    policy = context.policy(document.path)
    locations = policy.clause_locations if policy is not None else {}
    file = repository_path(document.path, context.source_root) or document.path
    verdicts = {v.provision: v for r in document.readings[:1] for v in r.verdicts}
    readings: dict[tuple[str, str], list[str]] = {}
    for report in document.readings:
        for explained in report.findings:
            finding = explained.finding
            if finding.relation == "conflicts":
                readings.setdefault((finding.clause, finding.provision), []).append(report.reading)
    lines = []
    for (clause, provision), under in readings.items():
        verdict = verdicts[provision]
        counts = verdict.status == "in-force"
        where = locations.get(clause)
        props = [f"file={_property(file)}"]
        if where is not None and where.line > 0:
            props += [f"line={where.line}", f"col={max(where.column, 1)}"]
        props.append(f"title={_property(verdict.cite)}")
        named = ", ".join(f"'{r}'" for r in under)
        text = (
            f"Clause {clause} conflicts with {verdict.cite} ({provision}) under reading{'s' * (len(under) > 1)} {named}"
        )
        if not counts:
            text += f": {marks.LABEL} ({marks.note(verdict.status)})"
        lines.append(f"::{'error' if counts else 'notice'} {','.join(props)}::{_data(text)}")
    return lines


def render(result: CheckResult, context: Context | None = None) -> str:
    """Every conflict as a workflow command, documents in order, then the result line."""
    context = context or Context()
    result = scrub(result)  # one-line values, no control sequence: a runner reads each line as a command
    out = [line for document in result.documents for line in _annotations(document, context)]
    verdict = "conflicts with law in force" if result.in_conflict else "no conflict with law in force"
    out.append(f"Result: {verdict} (readings: {', '.join(result.readings)}; engine: {result.evaluator})")
    return report_text("\n".join(out) + "\n")
