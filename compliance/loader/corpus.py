"""Load a rules directory into a checked `Corpus`, and policy files against it.

Layout: `vocabulary.yaml` and `readings.yaml` at the top, one instrument per
other `*.yaml` file below (in sorted path order, so results never depend on
the file system's listing order). All problems of all files are gathered and
raised together, each at its own line and column.
"""

from __future__ import annotations

from pathlib import Path

from compliance.errors import InputError, Location, Problem
from compliance.loader.locate import validate
from compliance.loader.references import ReferenceChecker, locate
from compliance.loader.yaml_safe import Limits, Loaded, load_yaml_file
from compliance.model.corpus import Corpus, LocatedProvision
from compliance.model.law import ExampleClause, ProvisionFile
from compliance.model.policy import Clause, LoadedPolicy, PolicyDocument
from compliance.model.readings import ReadingsFile
from compliance.model.taxonomy import Taxonomy
from compliance.model.vocabulary import CATEGORIES, VocabularyFile

VOCABULARY = "vocabulary.yaml"
READINGS = "readings.yaml"


def _display(path: Path) -> str:
    """A path as reports show it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _load(path: Path, limits: Limits) -> Loaded:
    return load_yaml_file(path, limits, display=_display(path))


def _gather(problems: list[Problem], error: InputError) -> None:
    problems.extend(error.problems)


def provision_files(rules_dir: Path) -> list[Path]:
    """The instrument files of a rules directory, in a stable order."""
    skip = {rules_dir / VOCABULARY, rules_dir / READINGS}
    return sorted((p for p in rules_dir.rglob("*.yaml") if p not in skip), key=lambda p: p.as_posix())


def load_corpus(rules_dir: Path, limits: Limits | None = None) -> Corpus:
    """Load and cross-check every rule file; raise one InputError listing all problems."""
    limits = limits or Limits()
    if not rules_dir.is_dir():
        raise InputError.at(
            Location(_display(rules_dir)), "the rules directory does not exist or is not a directory", "not-found"
        )
    problems: list[Problem] = []
    vocab_loaded = _load(rules_dir / VOCABULARY, limits)
    vocabulary = validate(vocab_loaded, VocabularyFile)
    checker = ReferenceChecker()
    _check_vocabulary(vocab_loaded, vocabulary, checker)
    if checker.problems:
        raise InputError(checker.problems)
    taxonomy = Taxonomy.build(vocabulary)
    readings_loaded = _load(rules_dir / READINGS, limits)
    readings = validate(readings_loaded, ReadingsFile)
    files: list[tuple[Loaded, ProvisionFile]] = []
    unchecked_ids: set[str] = set()  # ids written in files that failed validation
    unreadable = False  # a file that did not even parse may define any id
    for path in provision_files(rules_dir):
        try:
            loaded = _load(path, limits)
        except InputError as error:
            _gather(problems, error)
            unreadable = True
            continue
        try:
            files.append((loaded, validate(loaded, ProvisionFile)))
        except InputError as error:
            _gather(problems, error)
            unchecked_ids |= _written_provision_ids(loaded)
    provisions = _check_provisions(files, taxonomy, readings, checker)
    provision_ids = {p.provision.id for p in provisions} | unchecked_ids
    _check_readings(readings_loaded, readings, taxonomy, provision_ids, checker, check_provisions=not unreadable)
    problems.extend(checker.problems)
    if problems:
        raise InputError(problems)
    return Corpus(taxonomy, readings.readings, tuple(provisions))


def _written_provision_ids(loaded: Loaded) -> set[str]:
    """The provision ids a file writes, read from its raw tree (for a file that failed validation)."""
    items = loaded.value.get("provisions") if isinstance(loaded.value, dict) else None
    if not isinstance(items, list):
        return set()
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _check_vocabulary(loaded: Loaded, vocabulary: VocabularyFile, checker: ReferenceChecker) -> None:
    seen: dict[str, Location] = {}
    for category in CATEGORIES:
        terms = vocabulary.category(category)
        ids = [t.id for t in terms]
        for i, term in enumerate(terms):
            at = locate(loaded, (category, i, "id"))
            if term.id in seen:
                checker.duplicate(at, "term", term.id, seen[term.id])
            seen.setdefault(term.id, at)
            if term.parent is not None:
                checker.names(loaded, (category, i, "parent"), [term.parent], ids, f"{category[:-1]} parent")
        if category != "actions" and category != "conditions":
            roots = [t.id for t in terms if t.parent is None]
            if len(roots) != 1:
                checker.problems.append(
                    Problem(
                        locate(loaded, (category,)),
                        f"{category} needs exactly one root term (an omitted field means it); found {roots}",
                        "schema",
                    )
                )
        _check_cycles(loaded, category, terms, checker)


def _check_cycles(loaded: Loaded, category: str, terms: tuple, checker: ReferenceChecker) -> None:
    parent = {t.id: t.parent for t in terms}
    for i, term in enumerate(terms):
        seen = {term.id}
        step = term.parent
        while step is not None and step in parent:
            if step == term.id:
                checker.problems.append(
                    Problem(locate(loaded, (category, i, "parent")), f"term {term.id!r} is its own ancestor", "cycle")
                )
                break
            if step in seen:
                break  # a cycle above this term: reported at the terms on it
            seen.add(step)
            step = parent[step]


def _check_provisions(
    files: list[tuple[Loaded, ProvisionFile]], taxonomy: Taxonomy, readings: ReadingsFile, checker: ReferenceChecker
) -> list[LocatedProvision]:
    seen: dict[str, Location] = {}
    instruments: dict[str, Location] = {}
    out: list[LocatedProvision] = []
    reading_ids = [r.id for r in readings.readings]
    for loaded, data in files:
        at = locate(loaded, ("instrument", "id"))
        if data.instrument.id in instruments:
            checker.duplicate(at, "instrument id", data.instrument.id, instruments[data.instrument.id])
        instruments.setdefault(data.instrument.id, at)
        for i, provision in enumerate(data.provisions):
            base = ("provisions", i)
            at = locate(loaded, (*base, "id"))
            if provision.id in seen:
                checker.duplicate(at, "provision id", provision.id, seen[provision.id])
                continue
            seen[provision.id] = at
            checker.names(loaded, (*base, "binds"), provision.binds, taxonomy.terms("actors"), "actor")
            norm = provision.norm
            for field, category in (
                ("action", "actions"),
                ("actors", "actors"),
                ("persons", "persons"),
                ("counterpart", "counterparts"),
                ("tolerates", "conditions"),
            ):
                checker.names(
                    loaded, (*base, "norm", field), getattr(norm, field), taxonomy.terms(category), category[:-1]
                )
            for j, example in enumerate(provision.examples):
                check_clause_terms(loaded, (*base, "examples", j, "clause"), example.clause, taxonomy, checker)
                if example.reading is not None:
                    checker.names(loaded, (*base, "examples", j, "reading"), [example.reading], reading_ids, "reading")
            examples = tuple(locate(loaded, (*base, "examples", j)) for j in range(len(provision.examples)))
            out.append(LocatedProvision(provision, data.instrument, loaded.path, examples))
    return out


def _check_readings(
    loaded: Loaded,
    readings: ReadingsFile,
    taxonomy: Taxonomy,
    provision_ids: set[str],
    checker: ReferenceChecker,
    check_provisions: bool = True,
) -> None:
    seen: dict[str, Location] = {}
    actions = taxonomy.terms("actions")
    for i, reading in enumerate(readings.readings):
        at = locate(loaded, ("readings", i, "id"))
        if reading.id in seen:
            checker.duplicate(at, "reading id", reading.id, seen[reading.id])
        seen.setdefault(reading.id, at)
        for j, link in enumerate(reading.links):
            checker.names(loaded, ("readings", i, "links", j, "term"), [link.term], actions, "action")
            checker.names(loaded, ("readings", i, "links", j, "includes"), link.includes, actions, "action")
        for j, widening in enumerate(reading.widen):
            if check_provisions:
                checker.names(
                    loaded, ("readings", i, "widen", j, "provisions"), widening.provisions, provision_ids, "provision"
                )
            checker.names(loaded, ("readings", i, "widen", j, "action"), widening.action, actions, "action")


def check_clause_terms(
    loaded: Loaded,
    path: tuple[str | int, ...],
    clause: Clause | ExampleClause,
    taxonomy: Taxonomy,
    checker: ReferenceChecker,
) -> None:
    """Check every vocabulary term a clause names."""
    for field, category in (
        ("action", "actions"),
        ("actor", "actors"),
        ("persons", "persons"),
        ("counterpart", "counterparts"),
        ("exceptions", "conditions"),
    ):
        checker.names(loaded, (*path, field), getattr(clause, field), taxonomy.terms(category), category[:-1])
    preserves = getattr(clause, "preserves", None)
    if preserves is not None:
        checker.names(loaded, (*path, "preserves", "action"), preserves.action, taxonomy.terms("actions"), "action")
        checker.names(
            loaded,
            (*path, "preserves", "counterpart"),
            preserves.counterpart,
            taxonomy.terms("counterparts"),
            "counterpart",
        )


def load_policy(path: Path, corpus: Corpus, limits: Limits | None = None) -> LoadedPolicy:
    """Load one policy file and check every term it names against the corpus."""
    loaded = _load(path, limits or Limits())
    document = validate(loaded, PolicyDocument)
    checker = ReferenceChecker()
    checker.names(loaded, ("issuer-kind",), [document.issuer_kind], corpus.taxonomy.terms("actors"), "actor")
    first: dict[str, Location] = {}
    for i, clause in enumerate(document.clauses):
        check_clause_terms(loaded, ("clauses", i), clause, corpus.taxonomy, checker)
        at = locate(loaded, ("clauses", i, "number"))
        if clause.key in first:
            checker.problems.append(
                Problem(
                    at,
                    f"clause {clause.key!r} appears twice (first at {first[clause.key]}); add a distinct `part`",
                    "schema",
                )
            )
        first.setdefault(clause.key, at)
    instruments = {p.instrument.id for p in corpus.provisions}
    if document.encodes is not None:
        checker.names(loaded, ("encodes",), [document.encodes], instruments, "instrument")
    if checker.problems:
        raise InputError(checker.problems)
    where = {c.key: locate(loaded, ("clauses", i)) for i, c in enumerate(document.clauses)}
    return LoadedPolicy(document, loaded.path, where)
