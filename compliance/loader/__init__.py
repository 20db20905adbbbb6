"""Loading rule and policy files: safe YAML parsing, located validation, cross-references."""

# The modules other packages import: this package's interface (the rest are its internals).
__all__ = ["corpus", "validation", "yaml_safe", "yaml_write"]
