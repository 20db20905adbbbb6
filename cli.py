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
from types import ModuleType

from compliance.commands import discover

EXIT_INTERNAL = 3


def _parser(commands: list[ModuleType]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="compliance", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in commands:
        command.register(subparsers.add_parser(command.NAME, help=command.HELP, description=command.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code. Never lets a traceback reach the user unasked."""
    try:
        commands = {command.NAME: command for command in discover()}
        args = _parser(list(commands.values())).parse_args(argv)
    except SystemExit as stop:  # argparse has printed usage or help already
        return int(stop.code or 0)
    from compliance.errors import ComplianceError, InputError, UsageError

    try:
        return int(commands[args.command].run(args))
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
