"""`compliance suggest`: the smallest verified edits that would resolve each conflict, as YAML patches.

`--apply ID` prints the policy with one suggested edit applied, so a user can
write it to a file and check it like any other policy.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from compliance.commands import _options

NAME = "suggest"
HELP = "suggest the smallest verified edits that resolve a policy's conflicts"
RESULT = "SuggestResult"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policy", type=Path, metavar="POLICY")
    _options.add_analysis(parser, RESULT)
    parser.add_argument(
        "--apply", metavar="ID", help="print the policy with suggested edit ID (E1, E2, ...) applied, as YAML"
    )
    parser.add_argument(
        "--max-conflicts",
        dest="max_conflicts",
        type=_options.positive_int,
        default=None,
        metavar="N",
        help="most conflicts (clause, provision, reading) to suggest edits for (default: 250)",
    )


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.suggest import edited_document, suggest
    from compliance.errors import UsageError
    from compliance.exit_codes import ExitCode
    from compliance.loader.corpus import load_policy
    from compliance.loader.yaml_write import dump_yaml, model_data
    from compliance.render._escape import one_line

    corpus = _options.load_law(args)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policy = load_policy(args.policy, corpus)
    evaluator = _options.evaluator(args.engine, corpus)
    result = suggest(corpus, evaluator, policy, readings, _options.as_of(args.as_of), args.max_conflicts)
    if args.apply is None:
        return _options.report(
            args, result, _options.context(args, corpus, [policy]), _options.inputs(args, args.policy)
        )
    edit = result.edit(args.apply)
    if edit is None or not edit.accepted:
        known = ", ".join(e.id for e in result.edits if e.accepted) or "none"
        raise UsageError(f"no safe edit {args.apply!r} under readings {', '.join(readings)}; safe edits: {known}")
    document = edited_document(model_data(policy.document), edit.candidate)
    header = (
        f"{one_line(policy.path)} with edit {edit.id} applied by `compliance suggest --reading {','.join(readings)}"
        f" --as-of {result.as_of.day.isoformat()}`:\n"
        f"{edit.candidate.summary}"
    )
    _options.emit(dump_yaml(model_data(document), header=header), args.output, _options.inputs(args, args.policy))
    return ExitCode.OK
