"""The chains of `compliance explain` as numbered, labelled steps a reader can check against the law."""

from __future__ import annotations

from compliance.analysis.explanation import ExplainResult
from compliance.render import Context
from compliance.render._escape import report_text
from compliance.render.dispute_text import held, sources

_WIDTH = max(len(k) for k in ("clause", "scope", "link", "norm", "widen", "meet", "exceptions", "relation", "apart"))


def render(result: ExplainResult, context: Context | None = None) -> str:
    """The explanation as plain text: each clause's full text, then one chain per reading and provision."""
    out = [f"Explain {result.title} ({result.document_id})", f"  {result.path}"]
    if result.as_of is not None:
        out.append(f"  Law as of {result.as_of.describe()}")
    for clause in result.clauses:
        note = "" if clause.verified else " [not verbatim: see the clause's note]"
        out.append(f"  clause {clause.key} ({clause.modality}){note}: {' '.join(clause.text.split())}")
    for reading in result.readings:
        out.append("")
        out.append(f"Under reading '{reading.id}' ({held(reading)}):")
        out.append(f"  {sources(reading)}")
        entries = [e for e in result.entries if e.reading == reading.id]
        if not entries:
            out.append("  the clause meets no provision")
        for entry in entries:
            saved = f" by {', '.join(entry.savings)}" if entry.savings else ""
            status = f" [{result.statuses[entry.provision]}]" if entry.provision in result.statuses else ""
            out.append(f"  {entry.clause} × {entry.provision} ({entry.cite}){status}: {entry.relation}{saved}")
            for number, step in enumerate(entry.chain, start=1):
                kind = "link" if step.kind == "savings-link" else step.kind
                out.append(f"    {number}. {kind.ljust(_WIDTH)}  {step.text}")
    return report_text("\n".join(out) + "\n")
