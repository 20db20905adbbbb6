"""The pydantic models of every YAML format (law, policies, vocabulary, readings) and the loaded corpus.

Models only check shape; cross-file rules (does a term exist, is a parent a
cycle) are the loader's. The names below are the modules other packages
import; `base` holds the shared strict field types.
"""

__all__ = ["base", "corpus", "law", "policy", "readings", "taxonomy", "vocabulary"]
