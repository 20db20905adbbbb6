"""The terminal report of `suggest`: each conflict with the edits that resolve it, then each edit's patch.

Patches are printed as YAML through the project's one writer
(`compliance.loader.yaml_write`), so they read like the policy files they apply to.
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.analysis.suggest import Break, ConflictKey, ConflictSuggestions, Edit, SuggestResult
from compliance.loader.yaml_write import dump_yaml
from compliance.render import Context
from compliance.render._escape import report_text

SIZE_NOTE = "size = vocabulary cells (action × person × counterpart) the edit changes in what the policy says"


def _where(points: Sequence[tuple[str, str]]) -> str:
    actions = list(dict.fromkeys(a for a, _ in points))
    counterparts = list(dict.fromkeys(c for _, c in points))
    return f"{', '.join(actions)} towards {', '.join(counterparts)}"


def _status(status: str) -> str:
    return "not yet in force" if status == "not-yet" else status


def _provision(result: SuggestResult, provision: str) -> str:
    status = result.statuses.get(provision, "in-force")
    return provision if status == "in-force" else f"{provision} ({_status(status)})"


def _resolves(result: SuggestResult, keys: Sequence[ConflictKey]) -> list[str]:
    """One line per reading and clause: `doj [no-inquiry] × a, b, c`."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for reading, clause, provision in keys:
        grouped.setdefault((reading, clause), []).append(_provision(result, provision))
    return [f"{reading} {clause} × {', '.join(provisions)}" for (reading, clause), provisions in grouped.items()]


def _grouped(conflicts: Sequence[ConflictSuggestions]) -> list[list[ConflictSuggestions]]:
    """Conflicts of one clause under one reading that meet at the same points and share their edits, together."""
    groups: dict[tuple[object, ...], list[ConflictSuggestions]] = {}
    for item in conflicts:
        t = item.target
        key = (t.reading, t.clause, t.points, t.potential, item.resolved_by, item.rejected, item.withheld)
        groups.setdefault(key, []).append(item)
    return list(groups.values())


def _break(item: Break) -> str:
    status = "" if item.status == "in-force" else f" ({_status(item.status)})"
    line = f"{item.reading}: {item.provision}{status}: {item.before} → {item.after}"
    if item.new_conflicts:
        line += f", new conflict with clause {', '.join(item.new_conflicts)}"
    return line


def _edit(result: SuggestResult, edit: Edit) -> list[str]:
    candidate = edit.candidate
    lines = [f"  {edit.id}  size {candidate.size}  {candidate.summary}"]
    lines += [f"      resolves {line}" for line in _resolves(result, edit.resolves)]
    if edit.accepted:
        under = ", ".join(result.readings)
        lines.append(f"      verified by {result.evaluator} under {under}: no new conflict, no provision worse off")
        lines.append("      patch (RFC 6902 JSON Patch, as YAML):")
        lines += ["        " + line for line in dump_yaml(list(candidate.ops)).splitlines()]
    else:
        lines += [f"      but breaks {_break(item)}" for item in edit.breaks]
    return lines


def render(result: SuggestResult, context: Context | None = None) -> str:
    """The whole report as text."""
    verified = len(result.edits)
    safe = sum(1 for e in result.edits if e.accepted)
    lines = [
        f"{result.title} ({result.document_id})",
        f"  {result.path}; readings: {', '.join(result.readings)}; engine: {result.evaluator}",
        f"  law as of {result.as_of.describe()}",
        f"  {result.generated} candidate edits from the vocabulary: {result.pruned} cannot end their conflict, "
        f"{verified} verified: {safe} safe, {verified - safe} rejected",
        f"  {SIZE_NOTE}",
        "",
    ]
    if not result.conflicts:
        lines.append("No conflict with law in force on that date under these readings: nothing to suggest.")
        return report_text("\n".join(lines) + "\n")
    lines.append("Conflicts with law in force:")
    for group in _grouped(result.conflicts):
        first = group[0]
        target = first.target
        provisions = ", ".join(f"{c.target.provision} ({c.cite})" for c in group)
        where = _where(target.points)
        relation = "may conflict (potential conflict)" if target.potential else "conflicts"
        lines.append(f"  {target.reading}: clause {target.clause} {relation} with {provisions} at {where}")
        if first.withheld:
            lines.append(f"    {first.withheld}")
        elif first.resolved_by:
            lines.append(f"    resolved by {', '.join(first.resolved_by)}")
            if first.rejected:
                lines.append(f"    rejected {', '.join(first.rejected)}: each would leave another provision worse off")
        elif first.rejected:
            these = "this conflict" if len(group) == 1 else "these conflicts"
            lines.append(f"    no edit resolves {these} without breaking another provision:")
            for edit_id in first.rejected:
                edit = result.edit(edit_id)
                assert edit is not None
                lines.append(f"      {edit_id} {edit.candidate.summary}")
                lines += [f"        breaks {_break(b)}" for b in edit.breaks]
        else:
            lines.append("    no edit of the kinds suggest makes resolves it")
    accepted = [e for e in result.edits if e.accepted]
    rejected = [e for e in result.edits if not e.accepted]
    if accepted:
        lines += ["", "Safe edits, smallest first:"]
        for edit in accepted:
            lines += _edit(result, edit)
    if rejected:
        lines += ["", "Rejected edits (each resolves a conflict but leaves another provision worse off):"]
        for edit in rejected:
            lines += _edit(result, edit)
    unresolved = sum(1 for c in result.conflicts if not c.resolved_by)
    lines.append("")
    total = len(result.conflicts)
    withheld = sum(1 for c in result.conflicts if c.withheld)
    higher = f" ({withheld} not advised: an authority requires the clause)" if withheld else ""
    if unresolved:
        verb = "has" if unresolved == 1 else "have"
        lines.append(f"Result: {unresolved} of {total} conflicts {verb} no safe edit{higher}")
    else:
        lines.append(f"Result: every conflict with law in force ({total}) has a safe edit")
    return report_text("\n".join(lines) + "\n")
