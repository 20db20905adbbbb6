"""What `compliance validate` found, as JSON: counts and every problem, each suggestion its own field."""

from __future__ import annotations

import json

from compliance.loader.validation import ValidationReport
from compliance.render import Context

FORMAT_VERSION = "1.0"


def render(result: ValidationReport, context: Context | None = None) -> str:
    """The counts and the located problems (a "did you mean" is `suggestion`, not part of `message`)."""
    payload = {
        "version": FORMAT_VERSION,
        "report": "validate",
        "exit_code": result.exit_code,
        "valid": not result.problems,
        "provisions": result.provisions,
        "readings": result.readings,
        "policies": result.policies,
        "rule_files": result.rule_files,
        "problems": [p.to_data() for p in result.problems],
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
