"""Load a rules directory into a checked `Corpus`, and policy files against it.

Layout: `vocabulary.yaml` and `readings.yaml` at the top, one instrument per
other `*.yaml` or `*.yml` file below (in sorted path order, so results never depend on
the file system's listing order). Several directories stack as layers (the
bundled law, then each `--rules DIR`), adding up to one corpus. All problems of all files are gathered and
raised together, each at its own line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from compliance.errors import InputError, Location, Problem, did_you_mean
from compliance.loader.locate import validate
from compliance.loader.names import is_yaml, looks_like_yaml
from compliance.loader.references import (
    ReferenceChecker,
    locate,
    mappings,
    raw,
    text,
    without_echoes,
    written_terms,
)
from compliance.loader.yaml_safe import Limits, Loaded, load_yaml_file
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.jurisdiction import with_ancestors
from compliance.model.law import MAX_TOLERATED_CONDITIONS, ProvisionFile
from compliance.model.policy import LoadedPolicy, PolicyDocument
from compliance.model.readings import ReadingsFile
from compliance.model.taxonomy import Taxonomy
from compliance.model.vocabulary import CATEGORIES, Category, DraftingCues, Term, VocabularyFile

Path_ = tuple[str | int, ...]
VOCABULARY = "vocabulary.yaml"
READINGS = "readings.yaml"


def _display(path: Path) -> str:
    """A path as reports show it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_file(path: Path, limits: Limits | None) -> Loaded:
    return load_yaml_file(path, limits, display=_display(path))


def provision_files(rules_dir: Path) -> list[Path]:
    """The instrument files of a rules directory (`*.yaml` and `*.yml` below it), in a stable order."""
    skip = {rules_dir / VOCABULARY, rules_dir / READINGS, *_misnamed_top(rules_dir)}
    found = (p for p in rules_dir.rglob("*") if is_yaml(p) and p not in skip)
    return sorted(found, key=lambda p: p.as_posix())


def _misnamed_top(rules_dir: Path) -> list[Path]:
    """`vocabulary.yml` / `readings.yml`: the two top-level files have one name each, or they would be instruments."""
    return [rules_dir / (Path(name).stem + ".yml") for name in (VOCABULARY, READINGS)]


def unread_files(rules_dir: Path) -> list[Problem]:
    """A problem for every file below `rules_dir` that looks like YAML but would not be read.

    Why an error: a rule file that is silently skipped changes verdicts while
    `validate` says ok, with fewer provisions.
    """
    problems = []
    for path in sorted(rules_dir.rglob("*"), key=lambda p: p.as_posix()):
        where = Location(_display(path))
        if path in _misnamed_top(rules_dir) and path.exists():
            name = path.stem + ".yaml"
            problems.append(Problem(where, f"the {path.stem} file must be named {name}; rename it", "not-read"))
        elif looks_like_yaml(path) and not is_yaml(path) and not path.is_dir():
            problems.append(
                Problem(
                    where,
                    "this looks like a YAML file but is not read: only names ending in .yaml or .yml are; "
                    "rename it, or move it out of the rules directory",
                    "not-read",
                )
            )
    return problems


Layers = Path | Sequence[Path]
"""A rules directory, or several stacked: the bundled law first, then each `--rules DIR` in order."""


def rules_files(rules: Layers) -> list[Path]:
    """Every file the corpus of these layers is read from (each layer's vocabulary, readings, instruments)."""
    return [
        path
        for layer in layers_of(rules)
        if layer.is_dir()
        for path in [layer / VOCABULARY, layer / READINGS, *provision_files(layer)]
    ]


def layers_of(rules: Layers) -> list[Path]:
    """The layers as a list, the same directory given twice (however spelt) kept once, first place."""
    given = [rules] if isinstance(rules, Path) else list(rules)
    seen: set[Path] = set()
    out: list[Path] = []
    for layer in given:
        key = layer.resolve()
        if key not in seen:
            seen.add(key)
            out.append(layer)
    return out


def load_corpus(rules: Layers, limits: Limits | None = None) -> Corpus:
    """Load and cross-check every rule file of every layer; raise one InputError listing all problems."""
    corpus, problems = corpus_problems(rules, limits)
    if problems or corpus is None:
        raise InputError(problems)
    return corpus


def _layer_problems(layers: list[Path]) -> list[Problem]:
    """A layer that is not a directory, or holds nothing a rules directory holds.

    One directory alone is the whole law, so it needs a vocabulary or a readings file
    (a typo such as `--rules policies` is caught here). A layer stacked on others may
    add instrument files only, and then only needs to hold some YAML.
    """
    problems = []
    for layer in layers:
        where = Location(_display(layer))
        if not layer.is_dir():
            problems.append(Problem(where, "the rules directory does not exist or is not a directory", "not-found"))
        elif len(layers) == 1 and not (layer / VOCABULARY).exists() and not (layer / READINGS).exists():
            message = f"not a rules directory: it has neither {VOCABULARY} nor {READINGS}; check the path"
            problems.append(Problem(where, message, "not-rules-dir"))
        elif len(layers) > 1 and not any(is_yaml(path) for path in layer.rglob("*")):
            message = "not a rules directory: it holds no *.yaml files (instruments, vocabulary.yaml, readings.yaml)"
            problems.append(Problem(where, message, "not-rules-dir"))
        else:
            problems.extend(unread_files(layer))
    return problems


def _shared_files(layers: list[Path], name: str) -> list[Path]:
    """Each layer's vocabulary or readings file; when none has one, the first layer's (which then fails, located)."""
    found = [layer / name for layer in layers if (layer / name).exists()]
    return found or [layers[0] / name]


def corpus_problems(rules: Layers, limits: Limits | None = None) -> tuple[Corpus | None, list[Problem]]:
    """The corpus of a rules directory or of stacked layers (None when any file is bad), and every problem.

    Layers add up: each may add vocabulary terms (`vocabulary.yaml`), readings
    (`readings.yaml`) and instruments; an id (term, reading, instrument, provision)
    is unique across all of them, a clash is reported at the second definition
    naming the first. A term's parent, an example's reading, a reading's provisions
    and a policy's instrument may come from any layer.

    Nothing stops at the first bad file: a vocabulary or readings file that fails
    its schema still lets every instrument file be parsed and schema-checked, and
    each file's reference checks run on its raw tree even when its schema failed.
    What cannot be checked without a sound vocabulary (terms) or without every
    instrument file parsing (dangling provision ids) is skipped rather than
    reported wrongly.
    """
    layers = layers_of(rules)
    problems = _layer_problems(layers)
    if any(problem.code in ("not-found", "not-rules-dir") for problem in problems):
        return None, problems
    vocabularies: list[tuple[Loaded, VocabularyFile]] = []
    vocabulary_sound = True
    for path in _shared_files(layers, VOCABULARY):
        vocab_loaded = attempt(problems, partial(load_file, path, limits))
        vocabulary = attempt(problems, partial(validate, vocab_loaded, VocabularyFile)) if vocab_loaded else None
        if vocab_loaded is None or vocabulary is None:
            vocabulary_sound = False
        else:
            vocabularies.append((vocab_loaded, vocabulary))
    taxonomy: Taxonomy | None = None
    if vocabulary_sound:
        vocabulary_checks = ReferenceChecker()
        check_vocabularies(vocabularies, vocabulary_checks)
        problems.extend(vocabulary_checks.problems)
        if not vocabulary_checks.problems:
            taxonomy = Taxonomy.build(merged_vocabulary([v for _, v in vocabularies]))
    readings_loaded: list[Loaded] = []
    readings: list[ReadingsFile] | None = []
    for path in _shared_files(layers, READINGS):
        loaded_readings = attempt(problems, partial(load_file, path, limits))
        if loaded_readings is None:
            readings = None
            continue
        readings_loaded.append(loaded_readings)
        readings_data = attempt(problems, partial(validate, loaded_readings, ReadingsFile))
        if readings_data is None:
            readings = None
        elif readings is not None:
            readings.append(readings_data)
    parsed: list[Loaded] = []
    valid: list[tuple[Loaded, ProvisionFile]] = []
    all_parsed = True  # a file that did not even parse may define any provision id
    for path in (path for layer in layers for path in provision_files(layer)):
        loaded = attempt(problems, partial(load_file, path, limits))
        if loaded is None:
            all_parsed = False
            continue
        parsed.append(loaded)
        data = attempt(problems, partial(validate, loaded, ProvisionFile))
        if data is not None:
            valid.append((loaded, data))
    checker = ReferenceChecker()
    reading_ids = [rid for loaded in readings_loaded for rid in reading_ids_written(loaded)]
    provision_ids = check_provision_files(parsed, taxonomy, reading_ids, checker)
    first_readings: dict[str, Location] = {}
    for loaded in readings_loaded:
        check_readings(loaded, taxonomy, provision_ids if all_parsed else None, checker, first_readings)
    problems = without_echoes([*problems, *checker.problems])
    if problems or taxonomy is None or readings is None:
        return None, problems
    every_reading = tuple(reading for data in readings for reading in data.readings)
    return Corpus(taxonomy, every_reading, tuple(_located(valid))), []


def merged_vocabulary(files: Sequence[VocabularyFile]) -> VocabularyFile:
    """One vocabulary of every layer's terms, in layer order (ids were checked unique across layers)."""
    if len(files) == 1:
        return files[0]

    def terms(category: Category) -> tuple[Term, ...]:
        return tuple(term for f in files for term in f.category(category))

    drafting = DraftingCues.model_construct(
        modalities=tuple(cue for f in files for cue in f.drafting.modalities),
        savings=tuple(phrase for f in files for phrase in f.drafting.savings),
        exceptions=tuple(phrase for f in files for phrase in f.drafting.exceptions),
    )
    return VocabularyFile.model_construct(
        version="1",
        actions=terms("actions"),
        actors=terms("actors"),
        persons=terms("persons"),
        counterparts=terms("counterparts"),
        conditions=terms("conditions"),
        drafting=drafting,
    )


T = TypeVar("T")


def attempt(problems: list[Problem], step: Callable[[], T]) -> T | None:
    """Run one loading step; on bad input gather its problems and give None."""
    try:
        return step()
    except InputError as error:
        problems.extend(error.problems)
        return None


def reading_ids_written(loaded: Loaded) -> list[str]:
    """The reading ids the readings file writes (read raw, so a schema error elsewhere does not hide them)."""
    return [rid for i, _ in mappings(loaded, ("readings",)) if (rid := text(loaded, ("readings", i, "id")))]


def _located(files: list[tuple[Loaded, ProvisionFile]]) -> list[LocatedProvision]:
    """Every provision of the valid files, in file order, with where its examples are written."""
    out = []
    for loaded, data in files:
        for i, provision in enumerate(data.provisions):
            base = ("provisions", i)
            examples = tuple(locate(loaded, (*base, "examples", j)) for j in range(len(provision.examples)))
            out.append(LocatedProvision(provision, data.instrument, loaded.path, examples))
    return out


def check_vocabulary(loaded: Loaded, vocabulary: VocabularyFile, checker: ReferenceChecker) -> None:
    """One vocabulary file on its own: `check_vocabularies` of that file alone."""
    check_vocabularies([(loaded, vocabulary)], checker)


def check_vocabularies(files: Sequence[tuple[Loaded, VocabularyFile]], checker: ReferenceChecker) -> None:
    """Term ids unique across every file, parents known in any file, one root, no cycles.

    Why across files: a layer may add terms under the bundled ones (a narrower action
    whose parent is a bundled action), so parents, roots and cycles are properties of
    the vocabulary all layers make together, each problem reported where it is written.
    """
    seen: dict[str, Location] = {}
    for category in CATEGORIES:
        placed = [
            (loaded, i, term) for loaded, vocabulary in files for i, term in enumerate(vocabulary.category(category))
        ]
        ids = frozenset(term.id for _, _, term in placed)
        for loaded, i, term in placed:
            at = locate(loaded, (category, i, "id"))
            if term.id in seen:
                checker.duplicate(at, "term", term.id, seen[term.id])
            seen.setdefault(term.id, at)
            if term.parent is not None:
                checker.names(loaded, (category, i, "parent"), [term.parent], ids, f"{category[:-1]} parent")
        if category != "actions" and category != "conditions":
            roots = [(loaded, term.id) for loaded, _, term in placed if term.parent is None]
            if len(roots) != 1:
                where = roots[1][0] if len(roots) > 1 else files[0][0]
                message = (
                    f"{category} needs exactly one root term (an omitted field means it); "
                    f"found {[term for _, term in roots]}"
                    if roots or placed
                    else f"the vocabulary has no {category}: add `{category}:` with its one root term "
                    "(an omitted field means it)"
                )
                checker.problems.append(Problem(locate(where, (category,)), message, "schema"))
        _check_cycles(category, placed, checker)


def _check_cycles(category: str, placed: list[tuple[Loaded, int, Term]], checker: ReferenceChecker) -> None:
    """Report every term that is its own ancestor, at its `parent`; terms above a cycle are not.

    One walk up from each term not yet seen, so each term is visited once: a chain of N
    terms costs N steps, not the N²/2 of walking to the root from every term.
    """
    parent = {term.id: term.parent for _, _, term in placed}
    state: dict[str, int] = {}  # 1: on the walk under way, 2: settled
    cyclic: set[str] = set()
    for _, _, term in placed:
        path: list[str] = []
        step: str | None = term.id
        while step is not None and step in parent and step not in state:
            state[step] = 1
            path.append(step)
            step = parent[step]
        if step is not None and state.get(step) == 1:  # the walk came back to itself: a cycle
            cyclic.update(path[path.index(step) :])
        for visited in path:
            state[visited] = 2
    for loaded, i, term in placed:
        if term.id in cyclic:
            checker.problems.append(
                Problem(locate(loaded, (category, i, "parent")), f"term {term.id!r} is its own ancestor", "cycle")
            )


def check_provision_files(
    files: list[Loaded], taxonomy: Taxonomy | None, reading_ids: list[str] | None, checker: ReferenceChecker
) -> set[str]:
    """Duplicate ids across files, and every name each file writes; returns the provision ids written."""
    seen: dict[str, Location] = {}
    instruments: dict[str, Location] = {}
    tolerated: set[str] = set()
    for loaded in files:
        instrument = text(loaded, ("instrument", "id"))
        if instrument is not None:
            at = locate(loaded, ("instrument", "id"))
            if instrument in instruments:
                checker.duplicate(at, "instrument id", instrument, instruments[instrument])
            instruments.setdefault(instrument, at)
        for i, _ in mappings(loaded, ("provisions",)):
            base = ("provisions", i)
            provision = text(loaded, (*base, "id"))
            if provision is not None:
                at = locate(loaded, (*base, "id"))
                if provision in seen:
                    checker.duplicate(at, "provision id", provision, seen[provision])
                    continue
                seen[provision] = at
            if taxonomy is not None:
                _check_provision_terms(loaded, base, taxonomy, checker)
            _count_tolerated(loaded, base, tolerated, checker)
            for j, _ in mappings(loaded, (*base, "examples")):
                if reading_ids is not None:
                    checker.terms(loaded, (*base, "examples", j, "reading"), reading_ids, "reading")
    return set(seen)


def _count_tolerated(loaded: Loaded, base: Path_, tolerated: set[str], checker: ReferenceChecker) -> None:
    """Refuse, once and where it is written, the first tolerated condition past `MAX_TOLERATED_CONDITIONS`."""
    for path, term in written_terms(loaded, (*base, "norm", "tolerates")):
        if term in tolerated:
            continue
        if len(tolerated) == MAX_TOLERATED_CONDITIONS:
            message = (
                f"tolerating {term!r} passes the limit of {MAX_TOLERATED_CONDITIONS} distinct conditions the "
                "provisions of one rules directory may tolerate (durable-rules holds at most 255 properties per "
                "clause fact; no flag raises this limit); tolerate fewer, broader conditions"
            )
            checker.problems.append(Problem(locate(loaded, path), message, "too-many-conditions"))
            tolerated.add(term)  # reported once: the set is now past the limit
            return
        if len(tolerated) < MAX_TOLERATED_CONDITIONS:
            tolerated.add(term)


def _check_provision_terms(loaded: Loaded, base: Path_, taxonomy: Taxonomy, checker: ReferenceChecker) -> None:
    checker.terms(loaded, (*base, "binds"), taxonomy.known("actors"), "actor")
    for field, category in NORM_FIELDS:
        checker.terms(loaded, (*base, "norm", field), taxonomy.known(category), category[:-1])
    for j, _ in mappings(loaded, (*base, "examples")):
        check_clause_terms(loaded, (*base, "examples", j, "clause"), taxonomy, checker)


def check_readings(
    loaded: Loaded,
    taxonomy: Taxonomy | None,
    provision_ids: set[str] | None,
    checker: ReferenceChecker,
    seen: dict[str, Location] | None = None,
) -> None:
    """Duplicate reading ids; terms (when the vocabulary is sound) and provisions (when all parsed) named.

    `seen` carries the reading ids of earlier layers' readings files, so a clash across layers is found.
    """
    seen = {} if seen is None else seen
    for i, _ in mappings(loaded, ("readings",)):
        reading = text(loaded, ("readings", i, "id"))
        if reading is not None:
            at = locate(loaded, ("readings", i, "id"))
            if reading in seen:
                checker.duplicate(at, "reading id", reading, seen[reading])
            seen.setdefault(reading, at)
        actions = taxonomy.known("actions") if taxonomy is not None else None
        for j, _ in mappings(loaded, ("readings", i, "links")):
            if actions is not None:
                checker.terms(loaded, ("readings", i, "links", j, "term"), actions, "action")
                checker.terms(loaded, ("readings", i, "links", j, "includes"), actions, "action")
            if taxonomy is not None:
                checker.terms(loaded, ("readings", i, "links", j, "persons"), taxonomy.terms("persons"), "person")
            if provision_ids is not None:
                checker.terms(loaded, ("readings", i, "links", j, "provisions"), provision_ids, "provision")
        for j, _ in mappings(loaded, ("readings", i, "widen")):
            if provision_ids is not None:
                checker.terms(loaded, ("readings", i, "widen", j, "provisions"), provision_ids, "provision")
            if actions is not None:
                checker.terms(loaded, ("readings", i, "widen", j, "action"), actions, "action")


NORM_FIELDS: tuple[tuple[str, Category], ...] = (
    ("action", "actions"),
    ("actors", "actors"),
    ("persons", "persons"),
    ("counterpart", "counterparts"),
    ("tolerates", "conditions"),
)
CLAUSE_FIELDS: tuple[tuple[str, Category], ...] = (
    ("action", "actions"),
    ("actor", "actors"),
    ("persons", "persons"),
    ("counterpart", "counterparts"),
    ("exceptions", "conditions"),
)


def check_clause_terms(loaded: Loaded, path: Path_, taxonomy: Taxonomy, checker: ReferenceChecker) -> None:
    """Check every vocabulary term a clause (of a policy or a rule example) names, read from the raw tree."""
    for field, category in CLAUSE_FIELDS:
        checker.terms(loaded, (*path, field), taxonomy.known(category), category[:-1])
    checker.terms(loaded, (*path, "preserves", "action"), taxonomy.known("actions"), "action")
    checker.terms(loaded, (*path, "preserves", "counterpart"), taxonomy.known("counterparts"), "counterpart")


def policy_problems(
    path: Path, corpus: Corpus | None, limits: Limits | None = None
) -> tuple[LoadedPolicy | None, list[Problem]]:
    """A policy file (None when bad) and all its problems: parse, schema, and the terms it names.

    Without a corpus (the rules themselves are bad) only parsing and the schema are checked.
    """
    problems: list[Problem] = []
    loaded = attempt(problems, lambda: load_file(path, limits))
    if loaded is None:
        return None, problems
    document = attempt(problems, lambda: validate(loaded, PolicyDocument))
    known = with_ancestors(p.instrument.jurisdiction for p in corpus.provisions) if corpus is not None else ()
    problems = _missing_jurisdiction(loaded, problems, known)
    if corpus is not None:
        checker = ReferenceChecker()
        _check_policy_references(loaded, corpus, checker)
        problems = without_echoes([*problems, *checker.problems])
    if problems or document is None:
        return None, problems
    where = {c.key: locate(loaded, ("clauses", i)) for i, c in enumerate(document.clauses)}
    versions = tuple(
        {c.key: locate(loaded, ("versions", v, "clauses", i)) for i, c in enumerate(version.clauses)}
        for v, version in enumerate(document.versions)
    )
    return LoadedPolicy(document, loaded.path, where, locate(loaded, ("id",)), versions), []


MISSING_JURISDICTION = "missing required key 'jurisdiction'"


def _missing_jurisdiction(loaded: Loaded, problems: list[Problem], known: tuple[str, ...]) -> list[Problem]:
    """A policy without `jurisdiction:` gets one message naming the known places and the likeliest one.

    The guess is a known jurisdiction whose last segment is a word of the issuer or title
    (`Orleans Parish Sheriff's Office` → `us/la/orleans`); the author must still write it.
    """
    if not isinstance(loaded.value, dict) or "jurisdiction" in loaded.value:
        return problems
    words = set(re.findall(r"[a-z0-9]+", " ".join(str(loaded.value.get(k, "")) for k in ("issuer", "title")).lower()))
    guesses = [path for path in known if path.split("/")[-1] in words]
    hint = f" (did you mean {guesses[-1]!r}?)" if guesses else ""
    listed = ", ".join(known) if known else "us, us/la, us/la/orleans"
    message = (
        f"{MISSING_JURISDICTION}{hint}: add `jurisdiction:` with the place the policy governs, a path such as"
        f" one of the known jurisdictions ({listed}) or a new one (us/wa/king), or `jurisdiction: unknown`"
    )
    at = Location(loaded.path, 1, 1) if () not in loaded.marks else loaded.marks[()]
    kept = [p for p in problems if not p.message.startswith(MISSING_JURISDICTION)]
    return [*kept, Problem(at, message, "schema")]


def _check_policy_references(loaded: Loaded, corpus: Corpus, checker: ReferenceChecker) -> None:
    taxonomy = corpus.taxonomy
    checker.terms(loaded, ("issuer-kind",), taxonomy.known("actors"), "actor")
    instruments = {p.instrument.id for p in corpus.provisions}
    first = _check_clauses(loaded, ("clauses",), taxonomy, instruments, checker)
    for v, _ in mappings(loaded, ("versions",)):
        _check_clauses(loaded, ("versions", v, "clauses"), taxonomy, instruments, checker)
    checker.terms(loaded, ("encodes",), instruments, "instrument")
    provisions = {p.provision.id for p in corpus.provisions}
    for i, _ in mappings(loaded, ("record",)):
        checker.terms(loaded, ("record", i, "instrument"), instruments, "instrument")
        checker.terms(loaded, ("record", i, "provision"), provisions, "provision")
        checker.terms(loaded, ("record", i, "reading"), corpus.reading_ids, "reading")
    _check_interpretations(loaded, taxonomy, first, checker)


def _check_interpretations(
    loaded: Loaded, taxonomy: Taxonomy, clauses: dict[str, Location], checker: ReferenceChecker
) -> None:
    """Each interpretation names a clause of this document (a savings clause, for `preserves`) and known actions."""
    savers = {
        (text(loaded, ("clauses", i, "number")) or "")
        + (f" ({part})" if isinstance(part := raw(loaded, ("clauses", i, "part")), str) else "")
        for i, item in mappings(loaded, ("clauses",))
        if isinstance(item.get("preserves"), dict)
    }
    for i, _ in mappings(loaded, ("interpretations",)):
        base = ("interpretations", i)
        checker.terms(loaded, (*base, "action"), taxonomy.terms("actions"), "action")
        clause = text(loaded, (*base, "clause"))
        if clause is None:
            continue
        at = locate(loaded, (*base, "clause"))
        if clause not in clauses:
            checker.unknown(at, clause, set(clauses), "clause")
        elif text(loaded, (*base, "effect")) == "preserves" and clause not in savers:
            checker.problems.append(
                Problem(
                    at,
                    f"interpretation says clause {clause!r} preserves more, but it is not a savings clause "
                    "(it has no `preserves`); use `reaches` or `does-not-reach` for what a clause covers",
                    "schema",
                )
            )


def _check_clauses(
    loaded: Loaded, base: Path_, taxonomy: Taxonomy, instruments: set[str], checker: ReferenceChecker
) -> dict[str, Location]:
    """The terms each clause of one text names, its `required-by` authority, and no key written twice.

    Returns each clause key with where it is first written (interpretations name clauses by key)."""
    first: dict[str, Location] = {}
    for i, _ in mappings(loaded, base):
        check_clause_terms(loaded, (*base, i), taxonomy, checker)
        _check_required_by(loaded, (*base, i, "required-by"), instruments, checker)
        number, part = text(loaded, (*base, i, "number")), raw(loaded, (*base, i, "part"))
        if number is None or not (part is None or isinstance(part, str)):
            continue
        key = f"{number} ({part})" if part else number
        at = locate(loaded, (*base, i, "number"))
        if key in first:
            checker.problems.append(
                Problem(at, f"clause {key!r} appears twice (first at {first[key]}); add a distinct `part`", "schema")
            )
        first.setdefault(key, at)
    return first


def _check_required_by(loaded: Loaded, path: Path_, instruments: set[str], checker: ReferenceChecker) -> None:
    """An authority is an instrument of the rules, or is described (`title`, `kind`) in the clause itself."""
    authority = text(loaded, (*path, "authority"))
    if authority is None or authority in instruments or raw(loaded, (*path, "title")) is not None:
        return
    hint = did_you_mean(authority, instruments)
    message = (
        f"required-by authority {authority!r} is not an instrument of the rules{hint}: name one, or describe"
        " the authority here with `title:` and `kind:` (and `cite:` for its docket or citation)"
    )
    checker.problems.append(Problem(locate(loaded, (*path, "authority")), message, "unknown-reference"))


def load_policy(path: Path, corpus: Corpus, limits: Limits | None = None) -> LoadedPolicy:
    """Load one policy file and check every term it names against the corpus."""
    policy, problems = policy_problems(path, corpus, limits)
    if problems or policy is None:
        raise InputError(problems)
    return policy
