"""The `compliance` command line: check policy files against YAML law, under every reading.

Exit codes (`compliance.exit_codes.ExitCode`; README, "Exit codes"): 0 no
conflict with law in force, 1 a conflict under a requested reading, 2 bad
input or usage, 3 an internal error (a bug: `--debug` shows its traceback),
4 a fault of the environment (a closed pipe, a full disk, an unwritable
directory, an output encoding that cannot carry the report, memory
exhausted), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM). A result
says its own code; an error's class says its code; nothing here picks one by
hand. Imports stay inside the commands so start-up loads only what the
command needs. Every command accepts the input limits (`--max-bytes`,
`--max-depth`, `--max-nodes`, `--max-scalar`); they apply to every file it reads.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from types import FrameType, ModuleType

from compliance import __version__
from compliance.commands import discover, find
from compliance.exit_codes import ExitCode

EXIT_INTERNAL = ExitCode.INTERNAL

ENVIRONMENT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("EPIPE", "ENOSPC", "EDQUOT", "EIO", "EROFS", "EMFILE", "ENFILE", "ENOMEM", "EFBIG", "EACCES", "EPERM")
    if hasattr(errno, name)
)
"""An `OSError` with one of these numbers is the machine's fault, not the input's nor compliance's."""


class Terminated(BaseException):
    """SIGTERM, raised where the process is, so every `finally` (the `--output` temporary file's) runs."""


def _limit(text: str, ceiling: int | None = None) -> int:
    """A limit flag's value: a positive whole number, at most `ceiling`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1 or (ceiling is not None and value > ceiling):
        bound = f"between 1 and {ceiling}" if ceiling is not None else "at least 1"
        raise argparse.ArgumentTypeError(f"{value} is out of range; give a number {bound}")
    return value


def _add_limits(parser: argparse.ArgumentParser) -> None:
    """The input limits, one flag each, added to every command here so each is spelt one way."""
    from compliance.loader import limits

    group = parser.add_argument_group("input limits (per file; raise them for unusually large, trusted files)")
    for name in limits.names():
        default = getattr(limits.DEFAULT_LIMITS, name)
        ceiling = limits.MAX_DEPTH_CEILING if name == "max_depth" else None
        group.add_argument(
            limits.flag(name),
            dest=name,
            type=lambda text, ceiling=ceiling: _limit(text, ceiling),
            default=default,
            metavar="N",
            help=f"{limits.FLAGS[name]} (default: {default})",
        )


def _parser(commands: list[ModuleType]) -> argparse.ArgumentParser:
    """The top-level parser, with one sub-parser per command.

    `allow_abbrev=False` everywhere: a prefix of an option is not that option
    (`--fail-on` must never be taken for `--fail-on-draft`).
    """
    parser = argparse.ArgumentParser(prog="compliance", description=__doc__.splitlines()[0], allow_abbrev=False)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in commands:
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.HELP, allow_abbrev=False)
        command.register(sub)
        _add_limits(sub)
    return parser


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """The sub-parser of command `name`, whose usage an error in that command's options prints."""
    (group,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return group.choices[name]


def _commands(argv: Sequence[str]) -> dict[str, ModuleType]:
    """The commands the parser needs: only the one `argv` names, else (help, a typo) all of them.

    Why: importing and registering every command costs start-up that a save hook pays on
    every run; the top-level parser has no option taking a value, so the first word that
    is not an option is the command.
    """
    named = next((word for word in argv if not word.startswith("-")), None)
    chosen = find(named) if named is not None else None
    commands = [chosen] if chosen is not None else discover()
    return {command.NAME: command for command in commands}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code. Never lets a traceback reach the user unasked.

    Ctrl-C exits 130 and SIGTERM 143, quietly, after the same clean-up as any
    other way out (the `--output` temporary file is removed).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    with _terminate_as_exception():
        try:
            return int(_main(argv))
        except KeyboardInterrupt:
            return int(ExitCode.INTERRUPTED)
        except Terminated:
            return int(ExitCode.TERMINATED)


def _main(argv: list[str]) -> int:
    try:
        commands = _commands(argv)
        parser = _parser(list(commands.values()))
        args, extra = parser.parse_known_args(argv)
        if extra:  # the command's own usage, not the top level's: the option was meant for it
            _subparser(parser, args.command).error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as stop:  # argparse has printed usage, help or the version already
        return int(stop.code or 0)
    _tolerant_stderr()
    from compliance.errors import ComplianceError, InputError, InternalError, ResourceError
    from compliance.loader import limits
    from compliance.render._escape import report_text

    chosen = limits.Limits(**{name: getattr(args, name) for name in limits.names()})
    command = commands[args.command]
    try:
        kind = getattr(command, "RESULT", None)
        if kind is not None:
            from compliance.commands._options import check_format

            check_format(kind, args.format)
        with limits.use(chosen):
            code = int(command.run(args))
        sys.stdout.flush()  # a full disk or a closed pipe must fail here, inside the handlers below
        return code
    except InternalError as error:  # compliance broke while running: a bug, not bad input
        return _internal(error, args.debug)
    except InputError as error:
        _say(report_text(str(error)))  # a file name may hold control characters
        return int(error.exit_code)
    except ResourceError as error:
        return _fault(str(error), error.exit_code, "out of resources")
    except ComplianceError as error:
        return _fault(report_text(str(error)), error.exit_code)
    except MemoryError:  # Python's own allocations: the machine's limit, not a bug in compliance
        return _fault(
            "memory ran out; raise the memory limit (ulimit -v) or check fewer files",
            ExitCode.ENVIRONMENT,
            "out of resources",
        )
    except UnicodeEncodeError as error:
        if _encodes_unicode(sys.stdout):  # a UTF-8 stream refusing text is a bug (a lone surrogate)
            return _internal(error, args.debug)
        return _fault(
            f"standard output's encoding ({sys.stdout.encoding}) cannot show {error.object[error.start : error.end]!a};"
            " set PYTHONIOENCODING=utf-8 (or a UTF-8 locale), or write the report with --output FILE",
            ExitCode.ENVIRONMENT,
        )
    except OSError as error:
        if error.errno not in ENVIRONMENT_ERRNOS:
            return _internal(error, args.debug)
        return _fault(_os_fault(error), ExitCode.ENVIRONMENT)
    except Exception as error:  # a bug: say so plainly, traceback only on request
        return _internal(error, args.debug)


def _os_fault(error: OSError) -> str:
    """A short sentence for a fault of the machine: what failed, on what."""
    if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
        _discard_stdout()
        return "standard output was closed before the report was written (broken pipe)"
    if error.errno == errno.ENOSPC:
        _discard_stdout()
    where = f" ({error.filename})" if error.filename else " (standard output)"
    return f"{error.strerror or type(error).__name__}{where}; fix the environment and run again"


def _fault(message: str, code: ExitCode, label: str | None = None) -> int:
    """`compliance: LABEL: message` on stderr; the label says whose fault it is."""
    label = label or ("error" if code == ExitCode.BAD_INPUT else "environment error")
    _say(f"compliance: {label}: {message}")
    return int(code)


def _internal(error: BaseException, debug: bool) -> int:
    if debug:
        traceback.print_exc()
    _say(f"compliance: internal error: {type(error).__name__}: {error} (rerun with --debug for a traceback)")
    return int(ExitCode.INTERNAL)


def _say(line: str) -> None:
    """One line on stderr; if stderr itself is gone (`2>&1 | head`), the exit code still says it."""
    with suppress(OSError):
        print(line, file=sys.stderr, flush=True)


def _encodes_unicode(stream: object) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding in ("utf8", "utf8sig", "utf16", "utf32")


def _tolerant_stderr() -> None:
    """Messages must reach a terminal whatever its encoding: unshowable characters become escapes."""
    reconfigure = getattr(sys.stderr, "reconfigure", None)
    if reconfigure is not None and not _encodes_unicode(sys.stderr):
        reconfigure(errors="backslashreplace")


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's final flush of what is left
    in its buffer cannot fail again after the fault was reported."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


@contextmanager
def _terminate_as_exception() -> Iterator[None]:
    """While a command runs, SIGTERM raises `Terminated` (only the main thread can set handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
