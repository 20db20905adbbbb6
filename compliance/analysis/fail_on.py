"""What fails a check (`--fail-on`): which conflicts the exit code counts, by the authority behind them.

By default the exit code counts conflicts with law in force (on the date, and
not held invalid by a court binding the document's jurisdiction) under a
reading held on the date whose holder binds the jurisdiction (a court within
its reach) or enforces the law (the enforcing agency). A conflict under a
reading that states nothing for the provision is the text's own verdict and
counts under any reading. Political, advocacy, legislative and state
officials' readings are reported, never counted, unless asked for:

- `any`: every conflict and potential conflict with law in force, under every reading;
- `reading=broad,doj`: conflicts under exactly these readings, whatever their authority;
- `potential`: potential conflicts count too (with the default or with `reading=`).

The decision is the result's (`CheckResult.exit_code` reads it), never a renderer's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compliance.errors import UsageError


@dataclass(frozen=True)
class FailOn:
    """The criteria of `--fail-on`, parsed."""

    readings: frozenset[str] | None = None
    """Only these readings count, whatever their authority; None: by authority."""
    any: bool = False
    potential: bool = False

    def describe(self) -> str:
        """How the Result line names the criterion."""
        if self.any:
            return "--fail-on any"
        parts = [f"reading={','.join(sorted(self.readings))}"] if self.readings is not None else []
        if self.potential:
            parts.append("potential")
        return "--fail-on " + " ".join(parts) if parts else "default: binding courts and the enforcing agency"


def parse(values: Sequence[str] | None, known: Sequence[str]) -> FailOn:
    """`--fail-on` values (repeatable); a misspelt word or reading is a usage error with a suggestion."""
    from compliance.errors import did_you_mean

    readings: set[str] | None = None
    any_, potential = False, False
    for value in values or ():
        word = value.strip()
        if word == "any":
            any_ = True
        elif word == "potential":
            potential = True
        elif word.startswith("reading="):
            names = [n.strip() for n in word[len("reading=") :].split(",") if n.strip()]
            if not names:
                raise UsageError("--fail-on reading= names no reading; write reading=ID[,ID...]")
            for name in names:
                if name not in known:
                    raise UsageError(
                        f"--fail-on: unknown reading {name!r}{did_you_mean(name, known)}; known: {', '.join(known)}"
                    )
            readings = (readings or set()) | set(names)
        else:
            choices = ["any", "potential", "reading="]
            raise UsageError(
                f"--fail-on: unknown criterion {word!r}{did_you_mean(word, choices)}; "
                "expected any, potential or reading=ID[,ID...]"
            )
    return FailOn(frozenset(readings) if readings is not None else None, any_, potential)
