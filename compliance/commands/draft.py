"""`compliance draft`: a first policy file from the policy's own words, with evidence for every field."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compliance.commands import _options

NAME = "draft"
HELP = "draft a policy YAML file from a policy's text (plain text, Markdown or PDF)"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the policy's text: .txt, .md or .pdf")
    parser.add_argument("--id", help="document id (default: from the file name)")
    parser.add_argument("--title", help="title (default: the first heading or line before the first clause)")
    parser.add_argument("--issuer", help="who issued the policy")
    parser.add_argument("--issuer-kind", metavar="ACTOR", help="the issuer's actor term (default: from --issuer)")
    parser.add_argument(
        "--jurisdiction", metavar="PATH", help="where the policy governs, such as us/la/orleans (default: unknown)"
    )
    parser.add_argument("--adopted", metavar="DATE", help="adoption date, YYYY-MM-DD")
    parser.add_argument("--source", metavar="URL", help="where the text was published")
    parser.add_argument("--encodes", metavar="INSTRUMENT", help="the rules instrument that encodes this same text")
    _options.add_output(parser)
    parser.add_argument("--force", action="store_true", help="overwrite an existing --output file")
    _options.add_rules(parser)


def run(args: argparse.Namespace) -> int:
    import tempfile

    from compliance.draft.assemble import draft_text
    from compliance.draft.cues import Lexicon
    from compliance.draft.meta import metadata
    from compliance.draft.segment import MAX_PASSAGE, position
    from compliance.draft.source import display_path, read_source
    from compliance.draft.summary import render
    from compliance.draft.write import document, to_yaml
    from compliance.errors import DraftInvalid, InputError, Location
    from compliance.exit_codes import ExitCode
    from compliance.loader.corpus import load_policy, rules_files
    from compliance.loader.yaml_safe import Limits

    inputs = [args.file, *rules_files(_options.rule_layers(args))]  # --output may replace none of them, --force or not
    if args.output is not None:  # refused before the work, and again just before writing
        _options.refuse_unsafe_output(args.output, inputs, overwrite=args.force)
    corpus = _options.load_law(args)
    display = display_path(args.file)
    source = read_source(args.file, display)
    lexicon = Lexicon.build(corpus.taxonomy)
    drafted = draft_text(source.text, corpus.taxonomy, lexicon)
    for passage in drafted.segmented.passages:
        if len(passage.text(source.text)) > MAX_PASSAGE:
            line, column = position(source.text, passage.start)
            where = Location(display, line, column) if source.kind != "pdf" else Location(display)
            raise InputError.at(
                where,
                f"passage {passage.number} is longer than {MAX_PASSAGE} characters and cannot be kept verbatim"
                " in one clause; number its parts or split it",
                "too-long",
            )
    options = {
        key: getattr(args, key) for key in ("id", "title", "issuer", "issuer_kind", "jurisdiction", "adopted", "source")
    }
    options["encodes"] = args.encodes
    meta = metadata(options, args.file, display, source.sha256, drafted.segmented, lexicon, corpus)
    policy = document(drafted, meta)
    passages = len(drafted.segmented.passages)
    summary = render(policy, str(args.output) if args.output else None, source.kind, passages)
    if not policy.clauses:  # nothing to draft from: the input, not compliance, is at fault
        sys.stderr.write(summary)
        return ExitCode.BAD_INPUT
    text = to_yaml(policy)
    limit = Limits().max_bytes
    if len(text.encode("utf-8")) > limit:
        raise InputError.at(
            Location(display),
            f"the draft would be {len(text.encode('utf-8'))} bytes, over the {limit} bytes a policy file may have;"
            " draft the document in parts",
            "too-large",
        )
    with tempfile.TemporaryDirectory() as scratch:  # prove the draft loads like any policy file
        check = Path(scratch) / "draft.yaml"
        check.write_text(text, encoding="utf-8")
        try:
            load_policy(check, corpus)
        except InputError as error:  # the drafter built an invalid file: a bug, not the user's input
            raise DraftInvalid(f"the draft does not validate: {error}") from None
    _options.emit(text, args.output, inputs, overwrite=args.force)  # atomic: a reader never sees half a draft
    (sys.stderr if args.output is None else sys.stdout).write(summary)
    return ExitCode.OK
