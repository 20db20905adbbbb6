"""What clauses and provisions cover under a reading: shared by both evaluators."""

# The modules other packages import: this package's interface (the rest are its internals).
__all__ = ["scope"]
