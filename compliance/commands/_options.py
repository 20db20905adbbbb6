"""Options and helpers shared by several commands, so each is spelt one way everywhere."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compliance.analysis.as_of import AsOf
    from compliance.engine.findings import Evaluator
    from compliance.model.corpus import Corpus

RULES_HELP = (
    "add the rules in DIR to the bundled law: its instruments, and any vocabulary.yaml terms and "
    "readings.yaml readings (repeatable; ids must be unique across all of them)"
)


def add_rules(parser: argparse.ArgumentParser) -> None:
    """`--rules DIR` (repeatable, adds a layer) and `--no-bundled-rules` (start from no law)."""
    parser.add_argument("--rules", action="append", type=Path, default=[], metavar="DIR", help=RULES_HELP)
    parser.add_argument(
        "--no-bundled-rules",
        dest="no_bundled_rules",
        action="store_true",
        help="start from no law: only the --rules directories (the first then needs vocabulary.yaml, readings.yaml)",
    )


def rule_layers(args: argparse.Namespace, *extra: Path) -> list[Path]:
    """The law a command reads: the bundled rules (unless --no-bundled-rules), then each --rules DIR in order."""
    from compliance.bundled import rules_dir
    from compliance.errors import UsageError

    base = [] if args.no_bundled_rules else [rules_dir()]
    layers = [*base, *args.rules, *extra]
    if not layers:
        raise UsageError("--no-bundled-rules leaves no law: give at least one --rules DIR")
    return layers


def load_law(args: argparse.Namespace) -> Corpus:
    """The corpus of the command's rule layers (every problem of every file raised together)."""
    from compliance.loader.corpus import load_corpus

    return load_corpus(rule_layers(args))


def add_reading(parser: argparse.ArgumentParser, default: str = "all") -> None:
    parser.add_argument(
        "--reading",
        "--readings",
        dest="reading",
        default=default,
        metavar="NAME|all",
        help=f"a reading id, a comma-separated list, or all (default: {default})",
    )


def add_engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine", default="durable", choices=("durable", "reference"), help="evaluator (default: durable)"
    )


def iso_date(text: str) -> dt.date:
    """A calendar date written YYYY-MM-DD; anything else is a usage error (exit 2)."""
    try:
        if len(text) != 10:
            raise ValueError("expected YYYY-MM-DD")
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r} ({error})") from None


def add_format(parser: argparse.ArgumentParser) -> None:
    """`--format text|json`, for the analysis reports (check has more formats of its own)."""
    parser.add_argument("--format", default="text", choices=("text", "json"), help="text (default) or json")


def add_analysis(parser: argparse.ArgumentParser, *, dated: bool = True) -> None:
    """The options every analysis of a policy shares: rules, readings, format, engine and (when dated) --as-of."""
    add_rules(parser)
    add_reading(parser)
    add_format(parser)
    add_engine(parser)
    if dated:
        add_as_of(parser)


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        dest="as_of",
        type=iso_date,
        default=None,
        metavar="DATE",
        help="read the law as it stood on DATE (YYYY-MM-DD): only provisions in force then count (default: today)",
    )


def as_of(day: dt.date | None) -> AsOf:
    """The date the law is read on: the one given, or today (which the report then names)."""
    from compliance.analysis.as_of import AsOf

    return AsOf.on(day)


def readings(requested: str, known: Sequence[str]) -> list[str]:
    """The reading ids asked for, in the order given; `all` means every known reading in file order."""
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


def evaluator(engine: str, corpus: Corpus) -> Evaluator:
    """The chosen evaluator; durable-rules is imported only when asked for."""
    if engine == "durable":
        from compliance.engine.durable_evaluator import DurableEvaluator

        return DurableEvaluator(corpus)
    from compliance.engine.reference import ReferenceEvaluator

    return ReferenceEvaluator(corpus)


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="write the report to FILE (atomically: a reader never sees half a report) instead of standard output",
    )


def emit(text: str, output: Path | None) -> None:
    """Print a report, or write it atomically: a temporary file in the same directory, then os.replace."""
    import os
    import sys
    import tempfile

    if output is None:
        sys.stdout.write(text)
        return
    from compliance.errors import UsageError

    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {output}: directory {directory} does not exist")
    if output.is_dir():
        raise UsageError(f"cannot write {output}: it is a directory")
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{output.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(temp, 0o666 & ~umask)  # mkstemp's 0600 would hide the report from its readers
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
