"""`compliance check`: verdicts per provision and reading, findings per clause.

A directory argument stands for every policy file below it (sorted); `--jobs`
checks documents in a process pool with results identical to one process.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from compliance.commands import _options

NAME = "check"
HELP = "check policy files against the rules"
RESULT = "CheckResult"
FORMAT_NAMES = _options.format_help(RESULT)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "policies", nargs="+", type=Path, metavar="POLICY|DIR", help="policy files, or directories of them"
    )
    _options.add_rules(parser)
    _options.add_reading(parser)
    _options.add_report(parser, RESULT)
    parser.add_argument(
        "--jobs", "-j", type=int, default=1, metavar="N", help="check documents in N processes (default: 1)"
    )
    _options.add_engine(parser)
    _options.add_as_of(parser)
    parser.add_argument("--fail-on-draft", action="store_true", help="exit 2 if any policy is an unreviewed draft")
    _options.add_fail_on(parser)


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


def run(args: argparse.Namespace) -> int:
    from compliance.commands._batch import load_policies, policy_paths, run_check
    from compliance.draft.review import is_unreviewed
    from compliance.draft.review import notice as draft_notice
    from compliance.errors import UsageError
    from compliance.loader.corpus import rules_files

    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {args.jobs}")
    paths = policy_paths(args.policies)
    if not paths:
        raise UsageError(f"no policy files (*.yaml, *.yml) in {', '.join(map(str, args.policies))}")
    corpus = _options.load_law(args)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policies = load_policies(paths, corpus)
    # Said before any table: a draft is not yet the policy.
    documents = [policy.document for policy in policies]
    inline = args.format == "text" and args.output is None and not args.quiet
    for line in draft_notice(documents):
        print(line, file=sys.stdout if inline else sys.stderr)
    fail_on = _options.fail_on(args.fail_on, corpus.reading_ids)
    result = run_check(
        corpus, args.engine, policies, readings, args.jobs, _options.as_of(args.as_of), fail_on, args.apply_unheld
    )
    drafts = tuple(document.id for document in documents if is_unreviewed(document))
    result = dataclasses.replace(result, drafts=drafts, fail_on_draft=args.fail_on_draft)
    inputs = [*paths, *rules_files(_options.rule_layers(args))]  # --output may replace none of them
    context = _options.context(args, corpus, policies, width=_width(), source_root=_repository())
    return _options.report(args, result, context, inputs)
