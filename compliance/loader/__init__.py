"""Loading rule and policy files: safe YAML parsing, located validation, cross-references."""
