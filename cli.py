"""The `compliance` command line: check policy files against YAML law, under every reading.

Exit codes: 0 no conflict with law in force, 1 a conflict under a requested
reading, 2 bad input or usage, 3 an internal error (a bug: `--debug` shows
its traceback). Imports stay inside the commands so start-up loads only what
the command needs.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

EXIT_INTERNAL = 3
DEFAULT_RULES = Path(__file__).resolve().parent / "rules"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="compliance", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="check policy files against the rules")
    check.add_argument("policies", nargs="+", type=Path, metavar="POLICY")
    check.add_argument(
        "--rules", type=Path, default=DEFAULT_RULES, metavar="DIR", help="rules directory (default: the bundled rules)"
    )
    check.add_argument(
        "--reading", default="all", metavar="NAME|all", help="a reading id, a comma-separated list, or all (default)"
    )
    check.add_argument("--format", default="text", metavar="FORMAT", help="text (default) or json")
    check.add_argument(
        "--engine", default="durable", choices=("durable", "reference"), help="evaluator (default: durable)"
    )
    test = commands.add_parser("test", help="run the examples embedded in the rule files")
    test.add_argument("rules", nargs="?", type=Path, default=DEFAULT_RULES, metavar="RULES_DIR")
    test.add_argument(
        "--engine", default="durable", choices=("durable", "reference"), help="evaluator (default: durable)"
    )
    validate = commands.add_parser("validate", help="check rule and policy files without evaluating them")
    validate.add_argument("policies", nargs="*", type=Path, metavar="POLICY")
    validate.add_argument("--rules", type=Path, default=DEFAULT_RULES, metavar="DIR")
    return parser


def _readings(requested: str, known: Sequence[str]) -> list[str]:
    from compliance.errors import UsageError, did_you_mean

    if requested == "all":
        return list(known)
    chosen = [name.strip() for name in requested.split(",") if name.strip()]
    if not chosen:
        raise UsageError("no reading named; give a reading id, a comma-separated list of them, or all")
    for name in chosen:
        if name not in known:
            raise UsageError(f"unknown reading {name!r}{did_you_mean(name, known)}; known: {', '.join(known)}, all")
    return list(dict.fromkeys(chosen))


def _evaluator(engine: str, corpus: object):
    """The chosen evaluator; durable-rules is imported only when asked for."""
    if engine == "durable":
        from compliance.engine.durable_evaluator import DurableEvaluator

        return DurableEvaluator(corpus)  # type: ignore[arg-type]
    from compliance.engine.reference import ReferenceEvaluator

    return ReferenceEvaluator(corpus)  # type: ignore[arg-type]


def _test(args: argparse.Namespace) -> int:
    from compliance.analysis.examples import run_examples
    from compliance.loader.corpus import load_corpus

    corpus = load_corpus(args.rules)
    passed = failed = 0
    for outcome in run_examples(corpus, _evaluator(args.engine, corpus)):
        if outcome.passed:
            passed += 1
            continue
        failed += 1
        print(
            f"{outcome.location}: {outcome.provision}: expected {outcome.expected} "
            f"under reading {outcome.reading}, got {outcome.actual}"
        )
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def _check(args: argparse.Namespace) -> int:
    from compliance.analysis.check import check
    from compliance.errors import UsageError
    from compliance.loader.corpus import load_corpus, load_policy
    from compliance.render import RENDERERS

    if args.format not in RENDERERS:
        raise UsageError(f"unknown format {args.format!r}; choose one of: {', '.join(RENDERERS)}")
    corpus = load_corpus(args.rules)
    readings = _readings(args.reading, corpus.reading_ids)
    policies = [load_policy(path, corpus) for path in args.policies]
    result = check(corpus, _evaluator(args.engine, corpus), policies, readings)
    sys.stdout.write(RENDERERS[args.format](result))
    return result.exit_code


def _validate(args: argparse.Namespace) -> int:
    from compliance.loader.corpus import load_corpus, load_policy

    corpus = load_corpus(args.rules)
    for path in args.policies:
        load_policy(path, corpus)
    count = len(corpus.provisions)
    print(f"ok: {count} provisions, {len(corpus.readings)} readings, {len(args.policies)} policies")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code. Never lets a traceback reach the user unasked."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse has printed usage or help already
        return int(stop.code or 0)
    from compliance.errors import ComplianceError, InputError, UsageError

    try:
        return {"check": _check, "test": _test, "validate": _validate}[args.command](args)
    except InputError as error:
        print(error, file=sys.stderr)
        return 2
    except (UsageError, ComplianceError) as error:
        print(f"compliance: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # a bug: say so plainly, traceback only on request
        if args.debug:
            traceback.print_exc()
        print(
            f"compliance: internal error: {type(error).__name__}: {error} (rerun with --debug for a traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
