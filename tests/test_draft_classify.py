"""Classification: modality cues, actions, persons, exceptions and savings read from the words, with evidence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compliance.draft.assemble import DraftedText, draft_text
from compliance.draft.classify import Drafter, Part
from compliance.draft.cues import Lexicon
from compliance.loader.corpus import load_corpus
from compliance.model.corpus import Corpus
from tests.conftest import RULES


@pytest.fixture(scope="module")
def drafter(corpus: Corpus) -> Drafter:
    return Drafter(Lexicon.build(corpus.taxonomy), corpus.taxonomy)


def parts(drafter: Drafter, sentence: str) -> list[Part]:
    return drafter.sentence(sentence, 0, len(sentence))


def one(drafter: Drafter, sentence: str) -> Part:
    [part] = parts(drafter, sentence)
    return part


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Officers shall not inquire about the immigration status of any person.", "prohibits"),
        ("Officers must not inquire about the immigration status of any person.", "prohibits"),
        ("Officers may not inquire about the immigration status of any person.", "prohibits"),
        ("Officers will not inquire about the immigration status of any person.", "prohibits"),
        ("Officers are prohibited from inquiring about the immigration status of any person.", "prohibits"),
        ("No member may inquire about the immigration status of any person.", "prohibits"),
        ("The policy forbids officers from inquiring into a person's immigration status.", "prohibits"),
        ("The Sheriff's Office shall decline all ICE detainer requests.", "prohibits"),
        ("Officers shall provide police services to all individuals.", "requires"),
        ("Officers must provide police services to all individuals.", "requires"),
        ("Officers are required to provide police services to all individuals.", "requires"),
        ("Officers may honor ICE detainer requests.", "permits"),
        ("Officers are authorized to honor ICE detainer requests.", "permits"),
        ("Officers may honor ICE detainer requests only with the approval of a supervisor.", "restricts"),
        ("ICE agents must follow the Sheriff's procedures before any interview of an inmate.", "restricts"),
    ],
)
def test_each_modality_cue(drafter: Drafter, sentence: str, modality: str) -> None:
    part = one(drafter, sentence)
    assert part.modality == modality
    assert part.action  # every sentence above names an action the vocabulary knows


def test_passive_voice(drafter: Drafter) -> None:
    part = one(drafter, "The immigration status of victims and witnesses shall not be inquired into by officers.")
    assert (part.modality, part.action, part.persons) == ("prohibits", ("inquire-status",), ("victim", "witness"))


@pytest.mark.parametrize(
    ("sentence", "exceptions"),
    [
        ("Officers shall not assist ICE, except when executing a criminal warrant.", ("criminal-warrant",)),
        ("Officers shall not honor detainers unless a judge has signed a court order.", ("court-order",)),
        ("Officers shall not assist ICE other than in a direct threat to life.", ("threat-to-life-or-safety",)),
        (
            "The NOPD will not honor detainer without a judicial order or criminal warrant.",
            ("court-order", "criminal-warrant"),
        ),
        ("Except when executing a criminal warrant, officers shall not assist ICE.", ("criminal-warrant",)),
        ("Unless a court order requires it, no member may ask about immigration status.", ("court-order",)),
    ],
)
def test_exceptions(drafter: Drafter, sentence: str, exceptions: tuple[str, ...]) -> None:
    part = one(drafter, sentence)
    assert part.modality == "prohibits"
    assert part.exceptions == exceptions
    assert part.action  # the exception span does not swallow the action before or after it


def test_words_inside_an_exception_are_not_the_clause_s_scope(drafter: Drafter) -> None:
    part = one(drafter, "Officers shall decline ICE detainer requests except if an individual is charged with murder.")
    assert part.persons == ()  # "an individual" belongs to the exception
    assert part.exceptions == ("serious-violent-charge",)


def test_savings_clause_preserves_what_it_names(drafter: Drafter) -> None:
    sentence = (
        "Nothing in this policy shall be construed to prohibit or restrict any officer from sending to, "
        "or receiving from, ICE information regarding the immigration status of any individual."
    )
    part = one(drafter, sentence)
    assert part.savings and part.modality == "permits"
    assert part.action == ("send-status-information", "receive-status-information")
    assert part.counterpart == ("federal-immigration",)


def test_a_narrower_term_drops_the_broader_one_found_with_it(drafter: Drafter) -> None:
    part = one(drafter, "Officers shall not share information regarding immigration status with ICE.")
    assert part.action == ("send-status-information",)  # not also status-information


def test_the_actor_is_the_one_nearest_the_cue_and_not_a_modifier(drafter: Drafter) -> None:
    part = one(drafter, "Contact with members of the NOPD will not lead to deportation.")
    assert part.actor == ("police-officer",)
    part = one(drafter, "The Department rolled out a rule that prohibits officers from assisting ICE.")
    assert part.actor == ("police-officer",)


def test_two_duties_in_one_sentence_become_two_parts(drafter: Drafter) -> None:
    found = parts(drafter, "Officers shall provide police services to all individuals and shall not ask about status.")
    assert [(p.modality, p.action) for p in found] == [
        ("requires", ("provide-police-services",)),
        ("prohibits", ("inquire-status",)),
    ]


def test_a_cue_without_an_action_does_not_split_a_sentence(drafter: Drafter) -> None:
    sentence = "All individuals must feel secure that contact with members will not lead to deportation."
    assert [(p.modality, p.action) for p in parts(drafter, sentence)] == [
        ("prohibits", ("enforcement-on-status-basis",))
    ]


def test_every_evidence_span_is_the_phrase_in_the_source(corpus: Corpus) -> None:
    text = "1. No member may assist ICE in immigration enforcement, except when executing a criminal warrant.\n"
    drafted = draft_text(text, corpus.taxonomy)
    [reading] = drafted.clauses
    evidence = reading.parts[0].evidence
    assert {(f.field, f.value) for f in evidence} >= {
        ("modality", "prohibits"),
        ("actor", "police-officer"),
        ("action", "assist-immigration-enforcement"),
        ("counterpart", "federal-immigration"),
        ("exceptions", "criminal-warrant"),
    }
    for item in evidence:
        assert item.words(text) == " ".join(text[item.start : item.end].split())
    assert {item.words(text) for item in evidence} >= {"No member may", "assist ICE", "criminal warrant"}


def draft(corpus: Corpus, text: str) -> DraftedText:
    return draft_text(text, corpus.taxonomy)


def test_an_unclassified_clause_is_kept_with_what_is_missing(corpus: Corpus) -> None:
    text = "1. Officers shall not ask about immigration status.\n2. The Department will review this order yearly.\n"
    drafted = draft(corpus, text)
    assert [r.passage.number for r in drafted.clauses] == ["1"]
    [unclassified] = drafted.unclassified
    assert (unclassified.passage.number, unclassified.missing) == ("2", ("action",))


def test_a_lead_in_gives_its_modality_to_its_sub_items(corpus: Corpus) -> None:
    text = "3. Members shall not:\n(a) inquire about the immigration status of victims; or\n(b) assist ICE.\n"
    drafted = draft(corpus, text)
    assert [(r.passage.number, r.role) for r in drafted.readings] == [
        ("3", "lead-in"),
        ("3(a)", "clause"),
        ("3(b)", "clause"),
    ]
    assert [(r.parts[0].modality, r.parts[0].action, r.parts[0].actor) for r in drafted.clauses] == [
        ("prohibits", ("inquire-status",), ("police-officer",)),
        ("prohibits", ("assist-immigration-enforcement",), ("police-officer",)),
    ]


def test_nested_exceptions_listed_as_sub_items_join_their_clause(corpus: Corpus) -> None:
    text = (
        "4. No member may assist ICE except:\n"
        "(a) when executing a criminal warrant; or\n"
        "(b) when a court order requires it.\n"
    )
    drafted = draft(corpus, text)
    assert [(r.passage.number, r.role) for r in drafted.readings] == [
        ("4", "clause"),
        ("4(a)", "merged"),
        ("4(b)", "merged"),
    ]
    [clause] = drafted.clauses
    assert clause.parts[0].exceptions == ("criminal-warrant", "court-order")
    assert text[clause.passage.start : clause.end].endswith("court order requires it.")


def test_an_exception_in_its_own_sentence_joins_the_clause_before_it(corpus: Corpus) -> None:
    text = "1. Officers shall not assist ICE. This does not apply when executing a criminal warrant.\n"
    [clause] = draft(corpus, text).clauses
    assert clause.parts[0].exceptions == ("criminal-warrant",)


def test_a_rules_author_teaches_the_drafter_a_phrase_in_yaml(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    text = "1. Officers shall not run immigration checks on anyone.\n"
    before = draft_text(text, load_corpus(rules).taxonomy)
    assert before.unclassified and not before.clauses
    vocabulary = rules / "vocabulary.yaml"
    source = vocabulary.read_text(encoding="utf-8")
    anchor = "  - id: inquire-status\n    phrases:\n"
    assert anchor in source
    vocabulary.write_text(source.replace(anchor, anchor + "      - immigration check*\n", 1), encoding="utf-8")
    after = draft_text(text, load_corpus(rules).taxonomy)
    [clause] = after.clauses
    assert (clause.parts[0].modality, clause.parts[0].action) == ("prohibits", ("inquire-status",))


def test_a_malformed_phrase_is_a_located_error(tmp_path: Path) -> None:
    from compliance.errors import InputError

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    vocabulary = rules / "vocabulary.yaml"
    source = vocabulary.read_text(encoding="utf-8")
    anchor = "  - id: inquire-status\n    phrases:\n"
    vocabulary.write_text(source.replace(anchor, anchor + "      - ... ask\n", 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_corpus(rules)
    [problem] = caught.value.problems
    line = source[: source.index(anchor)].count("\n") + 3
    assert (problem.location.line, problem.code) == (line, "schema")
    assert "is not a drafting phrase" in problem.message


def test_a_modality_and_an_action_in_different_sentences_are_not_joined(corpus: Corpus) -> None:
    from compliance.draft.write import Metadata, document

    text = "1. Officers shall not do so. Inquiries about immigration status are the subject of this rule.\n"
    drafted = draft(corpus, text)
    assert not drafted.clauses
    [reading] = drafted.unclassified
    assert reading.apart and reading.missing == ("modality", "action")
    meta = Metadata(id="d", title="t", issuer="i", issuer_kind="police-department", drafted_from="d.txt")
    [kept] = document(drafted, meta).unclassified
    assert kept.note == (
        "a modality and an action were found, but not in the same sentence:"
        " classify it by hand and move it to `clauses`"
    )
