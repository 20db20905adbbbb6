"""Options and helpers shared by several commands, so each is spelt one way everywhere."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compliance.analysis.as_of import AsOf
    from compliance.analysis.fail_on import FailOn
    from compliance.engine.findings import Evaluator
    from compliance.exit_codes import ExitCode
    from compliance.model.corpus import Corpus
    from compliance.model.policy import LoadedPolicy
    from compliance.render import Context

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


ENGINES = ("durable", "reference")


def add_engine(parser: argparse.ArgumentParser, *, default: str = "durable", extra: Sequence[str] = ()) -> None:
    names = (*ENGINES, *extra)
    parser.add_argument(
        "--engine", default=default, choices=names, help=f"evaluator: {', '.join(names)} (default: {default})"
    )


def iso_date(text: str) -> dt.date:
    """A calendar date written YYYY-MM-DD; anything else is a usage error (exit 2)."""
    from compliance.model.base import parse_date

    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def positive_int(text: str) -> int:
    """A count given on the command line: a whole number of at least 1 (else a usage error, exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is out of range; give a number at least 1")
    return value


def format_help(kind: str) -> str:
    """`text (default), json, ...`: the formats the registry has for one result type."""
    from compliance.render import formats

    return ", ".join(f"{name} (default)" if name == "text" else name for name in formats(kind))


def add_format(parser: argparse.ArgumentParser, kind: str) -> None:
    """`--format`, whose names are the registry's formats for the command's result type `kind`.

    No argparse `choices`: an unknown name is refused by `check_format` with the
    list of known ones, the same message for every command.
    """
    parser.add_argument("--format", default="text", metavar="FORMAT", help=format_help(kind))


def check_format(kind: str, name: str) -> None:
    """Refuse a format the registry has no renderer for, before any work is done (exit 2)."""
    from compliance.errors import UsageError
    from compliance.render import REGISTRY, formats

    if (kind, name) not in REGISTRY:
        raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(formats(kind))}")


def add_report(parser: argparse.ArgumentParser, kind: str) -> None:
    """What every report-producing command takes: `--format`, atomic `--output`, `--color`, `--quiet`."""
    add_format(parser, kind)
    add_output(parser)
    parser.add_argument(
        "--color",
        "--colour",
        dest="color",
        default="auto",
        choices=("auto", "always", "never"),
        help="colour the text report: auto (default: only on a terminal, and not with NO_COLOR set), always, never",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="text reports: print only the summary and the result line"
    )


def colour(args: argparse.Namespace) -> bool:
    """Colour for a person at a terminal: `--color always|never` decides; `auto` means stdout is a
    terminal, the report is not going to a file, and NO_COLOR (no-color.org) is not set."""
    import os
    import sys

    if args.color != "auto":
        return args.color == "always"
    return args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def context(
    args: argparse.Namespace, corpus: Corpus | None = None, policies: Sequence[LoadedPolicy] = (), **extra: Any
) -> Context:
    """The render context the command line decides: colour and quietness, and what some formats quote
    (`extra`: what only one command knows, such as `check`'s terminal width and repository root)."""
    from compliance.render import Context

    return Context(corpus, tuple(policies), colour=colour(args), quiet=args.quiet, **extra)


def report(
    args: argparse.Namespace, result: Any, context: Context | None = None, inputs: Iterable[Path] = ()
) -> ExitCode:
    """Render `result` in `--format` through the registry, write it (`--output`, never over one of
    `inputs`, the files the command read), and return its exit code.

    The one path from a result to the user: the format switch, the atomic write
    and the exit code are decided here for every command, never in a command.
    """
    from compliance.exit_codes import ExitCode
    from compliance.render import render

    emit(render(result, args.format, context), args.output, inputs)
    return ExitCode(result.exit_code)


def inputs(args: argparse.Namespace, *paths: Path) -> list[Path]:
    """The files a command read: `paths` and the rules directory's files. `--output` may replace none."""
    from compliance.loader.corpus import rules_files

    no_law = args.no_bundled_rules and not args.rules  # `validate --no-bundled-rules DIR`: DIR is among `paths`
    return [*paths, *rules_files([] if no_law else rule_layers(args))]


def add_analysis(parser: argparse.ArgumentParser, kind: str) -> None:
    """The options every analysis of a policy shares: rules, readings, report options, engine and --as-of."""
    add_rules(parser)
    add_reading(parser)
    add_report(parser, kind)
    add_engine(parser)
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


def add_fail_on(parser: argparse.ArgumentParser) -> None:
    """`--fail-on` (what fails the check) and `--apply-unheld` (evaluate readings not held on the date)."""
    parser.add_argument(
        "--fail-on",
        dest="fail_on",
        action="append",
        metavar="any|potential|reading=ID[,ID]",
        help="what fails the check (repeatable); default: conflicts with law in force under readings of courts "
        "binding the jurisdiction and of the enforcing agency",
    )
    parser.add_argument(
        "--apply-unheld",
        action="store_true",
        help="evaluate readings not held on the date anyway (labelled; counted only with --fail-on any|reading=)",
    )


def fail_on(values: Sequence[str] | None, known: Sequence[str]) -> FailOn:
    """Parse `--fail-on`; a bad criterion is a usage error (exit 2)."""
    from compliance.analysis.fail_on import parse

    return parse(values, known)


def as_of(day: dt.date | None) -> AsOf:
    """The date the law is read on: the one given, or today (which the report then names)."""
    from compliance.analysis.as_of import AsOf

    return AsOf.on(day)


def readings(requested: str, known: Sequence[str]) -> list[str]:
    """The reading ids asked for, in the order given; `all` means every known reading in file order."""
    from compliance.errors import UsageError, suggestion_for

    if requested == "all":
        return list(known)
    chosen = [name.strip() for name in requested.split(",") if name.strip()]
    if not chosen:
        raise UsageError("no reading named; give a reading id, a comma-separated list of them, or all")
    for name in chosen:
        if name not in known:
            raise UsageError(
                f"unknown reading {name!r}",
                suggestion=suggestion_for(name, known),
                hint=f"known: {', '.join(known)}, all",
            )
    return list(dict.fromkeys(chosen))


def evaluator(engine: str, corpus: Corpus) -> Evaluator:
    """The chosen evaluator; durable-rules is imported only when asked for."""
    if engine == "durable":
        from compliance.engine.durable_evaluator import DurableEvaluator, shared_host

        return DurableEvaluator(corpus, shared_host())
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


def refuse_unsafe_output(output: Path, inputs: Iterable[Path] = (), *, overwrite: bool = True) -> int | None:
    """Refuse an `--output` path whose replacement would lose something; the mode to keep, if it exists.

    Why each refusal (SECURITY.md, "outputs never replace inputs"): the writer
    renames a new file over the path, so whatever was there is gone. An input
    of this run (the same file after resolving links: same device and inode)
    would be replaced by its own report; a symbolic link would be replaced
    instead of the file it names; a device, pipe or socket is not a file to
    replace; a file its owner made read-only, or that this user may not write,
    is never replaced (no chmod, no unlink-and-recreate around permissions).
    `overwrite=False` (draft without `--force`) also keeps any existing file.
    """
    import os
    import stat

    from compliance.errors import UsageError

    try:
        status = os.lstat(output)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror or type(error).__name__}") from None
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise UsageError(f"cannot write {output}: it is a directory")
    if stat.S_ISLNK(mode):
        raise UsageError(
            f"cannot write {output}: it is a symbolic link, which would be replaced; give the path of a file"
        )
    if not stat.S_ISREG(mode):
        raise UsageError(f"cannot write {output}: it is not a regular file (a device, pipe or socket)")
    for path in inputs:
        try:
            same = os.path.samestat(os.stat(path), status)
        except OSError:
            continue
        if same:
            raise UsageError(f"cannot write {output}: it is {path}, an input of this command; choose another --output")
    if not overwrite:
        raise UsageError(f"{output} exists; choose another --output or add --force to overwrite it")
    if not mode & 0o222 or not os.access(output, os.W_OK):
        raise UsageError(f"cannot write {output}: the file is read-only; choose another --output")
    return stat.S_IMODE(mode)


def emit(text: str, output: Path | None, inputs: Iterable[Path] = (), *, overwrite: bool = True) -> None:
    """Print a report, or write it atomically: a temporary file in the same directory, then os.replace.

    `inputs` are the files this command read: the output may never be one of them
    (see `refuse_unsafe_output`, which is checked here again just before writing).
    The temporary file is removed on every way out, an exception, Ctrl-C or
    SIGTERM (which `cli.main` turns into an exception) alike. A directory that
    cannot be written, or a disk that fills up, is an `EnvironmentFault`
    (exit 4), not bad input and not a bug.
    """
    import os
    import sys
    import tempfile

    if output is None:
        sys.stdout.write(text)
        return
    from compliance.errors import EnvironmentFault, UsageError

    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {output}: directory {directory} does not exist")
    kept = refuse_unsafe_output(output, inputs, overwrite=overwrite)
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as error:
        raise EnvironmentFault(f"cannot write {output}: {error.strerror or type(error).__name__}") from None
    umask = os.umask(0)
    os.umask(umask)
    try:
        # mkstemp's 0600 would hide the report from its readers; a replaced file keeps its mode
        os.chmod(temp, kept if kept is not None else 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, output)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise EnvironmentFault(f"cannot write {output}: {error.strerror or type(error).__name__}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
