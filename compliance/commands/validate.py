"""`compliance validate PATH...`: check rule and policy files without evaluating them.

Every problem of every file is printed (`path:line:col: error: message [code]`)
and the exit code is 2 when there is any. A directory with YAML files below it
and no `vocabulary.yaml` or `readings.yaml` at its top stands for every policy
file below it, as `check DIR` reads it; any other directory is a rules directory. A file is recognised by its
top-level keys (see `compliance.loader.validation`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "validate"
HELP = "check rules directories, rule files and policy files without evaluating them"
RESULT = "ValidationReport"
EPILOG = (
    "A directory with YAML files below it and no vocabulary.yaml or readings.yaml at its top stands for "
    "every policy file below it, as for `check DIR`; any other directory is a rules directory, checked "
    "as a layer on the law (the bundled rules unless --no-bundled-rules, then each --rules DIR). "
    "A file is an instrument file if it has `instrument:`, a readings file if it has `readings:`, "
    "a vocabulary file if it has `actions:`/`actors:`/..., otherwise a policy. Policies and "
    "instrument files are cross-checked against that law, with the one directory among PATHs "
    "added when there is one. Exit 0 when everything is valid, 2 otherwise."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="rules directories and YAML files")
    _options.add_rules(parser)
    _options.add_report(parser, RESULT)


RULES_MARKERS = ("vocabulary.yaml", "readings.yaml")


def is_policy_directory(path: Path) -> bool:
    """A directory of policies, as `check DIR` reads it: YAML files below it and no vocabulary or
    readings file at its top. Anything else (an empty directory too) is checked as a rules directory."""
    from compliance.commands._batch import policy_paths

    if not path.is_dir() or any((path / marker).is_file() for marker in RULES_MARKERS):
        return False
    return bool(policy_paths([path]))


def run(args: argparse.Namespace) -> int:
    from compliance.commands._batch import policy_paths
    from compliance.errors import InputError, UsageError
    from compliance.loader.validation import validate_paths

    directories = [path for path in args.paths if path.is_dir() and not is_policy_directory(path)]
    files = policy_paths([path for path in args.paths if path not in directories])
    alone = args.no_bundled_rules and not args.rules  # `--no-bundled-rules DIR`: DIR is the law
    layers = [] if alone else _options.rule_layers(args)
    known = {layer.resolve() for layer in layers}
    if len([d for d in directories if d.resolve() not in known]) > 1 and files:
        raise UsageError("several rules directories given: name the one the files are checked against with --rules DIR")
    report = validate_paths([*directories, *files], layers)
    if report.problems and args.format == "text":  # located lines on stderr, as every command reports bad input
        raise InputError(report.problems)
    if not layers and not directories:  # the files parsed, but there was no law to cross-check them against
        _options.rule_layers(args)  # raises: --no-bundled-rules leaves no law
    return _options.report(args, report, _options.context(args), _options.inputs(args, *directories, *files))
