"""`compliance suggest`: the smallest verified edits that would resolve each conflict, as YAML patches.

`--apply ID` prints the policy with one suggested edit applied, so a user can
write it to a file and check it like any other policy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compliance.commands import _options

NAME = "suggest"
HELP = "suggest the smallest verified edits that resolve a policy's conflicts"

FORMATS = ("text", "json")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policy", type=Path, metavar="POLICY")
    _options.add_rules(parser)
    _options.add_reading(parser)
    parser.add_argument("--format", default="text", metavar="FORMAT", help="text (default) or json")
    _options.add_engine(parser)
    _options.add_as_of(parser)
    parser.add_argument(
        "--apply", metavar="ID", help="print the policy with suggested edit ID (E1, E2, ...) applied, as YAML"
    )


def run(args: argparse.Namespace) -> int:
    from compliance.analysis.suggest import edited_document, suggest
    from compliance.errors import UsageError
    from compliance.loader.corpus import load_corpus, load_policy
    from compliance.loader.yaml_write import dump_yaml, model_data
    from compliance.render import suggest_json, suggest_text
    from compliance.render._escape import one_line

    renderers = {"text": suggest_text.render, "json": suggest_json.render}
    if args.format not in renderers:
        raise UsageError(f"unknown format {args.format!r}; choose one of: {', '.join(FORMATS)}")
    corpus = load_corpus(args.rules)
    readings = _options.readings(args.reading, corpus.reading_ids)
    policy = load_policy(args.policy, corpus)
    result = suggest(corpus, _options.evaluator(args.engine, corpus), policy, readings, _options.as_of(args.as_of))
    if args.apply is None:
        sys.stdout.write(renderers[args.format](result))
        return result.exit_code
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
    sys.stdout.write(dump_yaml(model_data(document), header=header))
    return 0
