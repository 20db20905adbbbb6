"""Evaluators: the durable-rules engine (behind one adapter) and the pure-Python reference."""
