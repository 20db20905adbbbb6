"""`compliance check`: verdicts per provision and reading, findings per clause.

A directory argument stands for every policy file below it (sorted); `--jobs`
checks documents in a process pool with results identical to one process.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from compliance.commands import _options

NAME = "check"
HELP = "check policy files against the rules"
FORMAT_NAMES = "text (default), json, markdown, sarif, junit, html, github"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "policies", nargs="+", type=Path, metavar="POLICY|DIR", help="policy files, or directories of them"
    )
    _options.add_rules(parser)
    _options.add_reading(parser)
    parser.add_argument("--format", default="text", metavar="FORMAT", help=FORMAT_NAMES)
    _options.add_output(parser)
    parser.add_argument(
        "--jobs", "-j", type=int, default=1, metavar="N", help="check documents in N processes (default: 1)"
    )
    _options.add_engine(parser)
    _options.add_as_of(parser)
    parser.add_argument("--fail-on-draft", action="store_true", help="exit 2 if any policy is an unreviewed draft")


def _width() -> int:
    """The columns of the terminal the text report is read on: `COLUMNS`, else the real width, else 80."""
    import shutil

    return shutil.get_terminal_size().columns


def _repository() -> Path:
    """The repository the check runs in: the nearest directory up from here holding `.git`, else here.

    SARIF and GitHub annotations name policy files relative to it, as code
    scanning expects, whichever sub-directory the check was started in.
    """
    here = Path.cwd()
    return next((d for d in (here, *here.parents) if (d / ".git").exists()), here)


def _colour(args: argparse.Namespace) -> bool:
    """Colour only for a person at a terminal: not into a file, a pipe, or with NO_COLOR set (no-color.org)."""
    return args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def run(args: argparse.Namespace) -> int:
    from compliance.commands._corpus import load_policies, policy_paths, run_check
    from compliance.draft.review import notice as draft_notice
    from compliance.errors import UsageError
    from compliance.loader.corpus import load_corpus, rules_files
    from compliance.render import FORMATS, Context, renderer

    if args.format not in FORMATS:
        raise UsageError(f"unknown format {args.format!r}; choose one of: {', '.join(FORMATS)}")
    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {args.jobs}")
    paths = policy_paths(args.policies)
    if not paths:
        raise UsageError(f"no policy files (*.yaml, *.yml) in {', '.join(map(str, args.policies))}")
    corpus = load_corpus(args.rules)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policies = load_policies(paths, corpus)
    # Said before any table: a draft is not yet the policy.
    drafts = draft_notice([policy.document for policy in policies])
    for line in drafts:
        print(line, file=sys.stdout if args.format == "text" and args.output is None else sys.stderr)
    result = run_check(corpus, args.engine, policies, readings, args.jobs, _options.as_of(args.as_of))
    context = Context(corpus, tuple(policies), colour=_colour(args), width=_width(), source_root=_repository())
    inputs = [*paths, *rules_files(args.rules)]  # --output may replace none of them
    _options.emit(renderer(args.format)(result, context), args.output, inputs)
    return 2 if drafts and args.fail_on_draft else result.exit_code
