"""compliance: legal provisions as YAML rules, policies as structured clauses, verdicts under every reading.

The pipeline runs down the packages: `commands` (one module per subcommand)
-> `analysis` -> `engine` -> `semantics` -> `model`; `loader` reads the YAML
into the model, `render` turns results into text, `draft` turns a policy's
own words into a policy file, and `testing` gives rules authors hypothesis
strategies.

`__version__` is defined here and only here: pyproject.toml reads it
(setuptools' dynamic `attr`, parsed without importing), so the installed
metadata and this string cannot drift. It is a literal rather than
`importlib.metadata.version(...)` because this module is imported by every
command, and a checkout that was never installed has no metadata to read.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
