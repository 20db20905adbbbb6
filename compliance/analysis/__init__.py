"""Questions asked of evaluated documents: verdicts, explanations, what goes beyond the law."""

# The modules other packages import: this package's interface (the rest are its internals).
__all__ = [
    "as_of",
    "catalogue",
    "check",
    "diff",
    "dispute",
    "examples",
    "explanation",
    "interactions",
    "result",
    "suggest",
]
