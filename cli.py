"""The `compliance` command line: check policy files against YAML law, under every reading.

Exit codes: 0 no conflict with law in force, 1 a conflict under a requested
reading, 2 bad input or usage, 3 an internal error (a bug: `--debug` shows
its traceback). Imports stay inside the commands so start-up loads only what
the command needs. Every command accepts the input limits (`--max-bytes`,
`--max-depth`, `--max-nodes`, `--max-scalar`); they apply to every file it reads.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

from compliance.commands import discover, find

EXIT_INTERNAL = 3


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
    parser = argparse.ArgumentParser(prog="compliance", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in commands:
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.register(sub)
        _add_limits(sub)
    return parser


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
    """Run one command; return its exit code. Never lets a traceback reach the user unasked."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        commands = _commands(argv)
        args = _parser(list(commands.values())).parse_args(argv)
    except SystemExit as stop:  # argparse has printed usage or help already
        return int(stop.code or 0)
    from compliance.errors import ComplianceError, EngineFailure, InputError, ResourceError, UsageError
    from compliance.loader import limits
    from compliance.render._escape import report_text

    chosen = limits.Limits(**{name: getattr(args, name) for name in limits.names()})
    try:
        with limits.use(chosen):
            return int(commands[args.command].run(args))
    except InputError as error:
        print(report_text(str(error)), file=sys.stderr)  # a file name may hold control characters
        return 2
    except ResourceError as error:
        print(f"compliance: out of resources: {error}", file=sys.stderr)
        return ResourceError.exit_code
    except MemoryError:  # Python's own allocations: the machine's limit, not a bug in compliance
        print(
            "compliance: out of resources: memory ran out; raise the memory limit (ulimit -v) or check fewer files",
            file=sys.stderr,
        )
        return ResourceError.exit_code
    except EngineFailure as error:  # the engine broke while running: a bug, not bad input
        return _internal(error, args.debug)
    except (UsageError, ComplianceError) as error:
        print(report_text(f"compliance: error: {error}"), file=sys.stderr)
        return 2
    except Exception as error:  # a bug: say so plainly, traceback only on request
        return _internal(error, args.debug)


def _internal(error: Exception, debug: bool) -> int:
    if debug:
        traceback.print_exc()
    print(
        f"compliance: internal error: {type(error).__name__}: {error} (rerun with --debug for a traceback)",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
