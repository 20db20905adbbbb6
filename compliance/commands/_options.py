"""Options and helpers shared by several commands, so each is spelt one way everywhere."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compliance.analysis.as_of import AsOf
    from compliance.engine.findings import Evaluator
    from compliance.model.corpus import Corpus

DEFAULT_RULES = Path(__file__).resolve().parents[2] / "rules"


def add_rules(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules", type=Path, default=DEFAULT_RULES, metavar="DIR", help="rules directory (default: the bundled rules)"
    )


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
    """
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
    kept = refuse_unsafe_output(output, inputs, overwrite=overwrite)
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{output.name}.", suffix=".tmp")
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
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
