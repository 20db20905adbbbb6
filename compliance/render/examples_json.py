"""The outcome of `compliance test` as JSON: every example with where it is written and what it gave."""

from __future__ import annotations

import json

from compliance.analysis.examples import ExamplesResult
from compliance.render import Context

FORMAT_VERSION = "1.0"


def render(result: ExamplesResult, context: Context | None = None) -> str:
    """Every outcome in corpus order (sorted keys: byte-identical for the same rules)."""
    failed = len(result.failures)
    payload = {
        "version": FORMAT_VERSION,
        "report": "test",
        "exit_code": result.exit_code,
        "evaluator": result.evaluator,
        "passed": len(result.outcomes) - failed,
        "failed": failed,
        "examples": [
            {
                "provision": o.provision,
                "path": o.location.path,
                "line": o.location.line,
                "column": o.location.column,
                "reading": o.reading,
                "expected": o.expected,
                "actual": o.actual,
                "passed": o.passed,
            }
            for o in result.outcomes
        ],
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
