"""The interactions of `compliance interactions` as text: the clause space, then each reading's pairs."""

from __future__ import annotations

from compliance.analysis.interactions import InteractionsResult, clause_flow, preserves_flow
from compliance.render import Context
from compliance.render._escape import report_text


def render(result: InteractionsResult, context: Context | None = None) -> str:
    """Pairs one clause plays against each other, and pairs no clause satisfies together, per reading."""
    space = result.space
    info = {p.id: p for p in result.provisions}
    factors = " × ".join(f"{count} {name}" for name, count in space.factors())
    lines = [
        f"Clause space: {factors} = {space.size:,} clauses per reading",
        "  (one term per field; an omitted field means the category's root; exceptions: any subset of "
        f"{len(space.conditions)} conditions)",
        f"{len(result.provisions)} provisions; pairs are considered only where both bind a common kind of issuer.",
    ]

    def name(pid: str) -> str:
        p = info[pid]
        return pid if p.status == "in-force" else f"{pid} ({p.status})"

    for reading in result.readings:
        lines += [
            "",
            f"Reading {reading.reading}: {reading.classes} classes of clauses with identical findings; "
            f"{reading.pairs} pairs considered",
            "  One clause satisfies the first and conflicts with the second "
            f"({len(reading.interactions)} ordered pairs):",
        ]
        if not reading.interactions:
            lines.append("    none")
        for i in reading.interactions:
            lines.append(f"    {name(i.satisfied)} / {name(i.conflicted)}")
            lines.append(f"      {clause_flow(i.example)}  ({i.relation} / conflicts)")
        lines.append(
            f"  Never satisfied together by a policy without savings clauses ({len(reading.incompatible)} pairs):"
        )
        if not reading.incompatible:
            lines.append("    none")
        for n in reading.incompatible:
            other = n.second if n.demanding == n.first else n.first
            lines.append(f"    {name(n.first)} + {name(n.second)}")
            lines.append(f"      every clause that supports {n.demanding} conflicts with {other}, e.g.")
            lines.append(f"      {clause_flow(n.example)}")
            lines.append(f"      (unless a savings clause preserves {preserves_flow(n.preserve)})")
        if result.evaluators:
            lines.append(
                f"  Cross-checked {reading.cross_checked} clauses of the space through "
                f"{' and '.join(result.evaluators)}: identical findings."
            )
    return report_text("\n".join(lines) + "\n")
