"""How many examples a property runs: a small CI profile, a larger one chosen by an environment variable.

Why here rather than in hypothesis's own profiles: a project's tests (and a
rule author's) can mix properties of very different cost, so each property
names its own two budgets and one variable picks which applies:

- `COMPLIANCE_HYPOTHESIS_PROFILE=ci` (the default) or `large`;
- `COMPLIANCE_HYPOTHESIS_EXAMPLES=N` overrides both with N examples per property.
"""

from __future__ import annotations

import os

PROFILE_VARIABLE = "COMPLIANCE_HYPOTHESIS_PROFILE"
EXAMPLES_VARIABLE = "COMPLIANCE_HYPOTHESIS_EXAMPLES"
PROFILES = ("ci", "large")


def profile() -> str:
    """The profile in force: `ci` unless the environment asks for `large`."""
    chosen = os.environ.get(PROFILE_VARIABLE, "ci").strip() or "ci"
    if chosen not in PROFILES:
        raise ValueError(f"{PROFILE_VARIABLE}={chosen!r}: choose one of {', '.join(PROFILES)}")
    return chosen


def examples(ci: int, large: int) -> int:
    """The number of examples for one property under the profile in force."""
    override = os.environ.get(EXAMPLES_VARIABLE, "").strip()
    if override:
        return int(override)
    return large if profile() == "large" else ci
