"""Evaluators: the durable-rules engine (behind one adapter) and the pure-Python reference."""

# The modules other packages import: this package's interface (the rest are its internals).
__all__ = ["compile", "deontic", "durable_evaluator", "findings", "reference"]
