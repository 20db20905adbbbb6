"""Segmentation: clauses split as the source numbers them, numbers kept as written."""

from __future__ import annotations

import pytest

from compliance.draft.segment import segment, sentences


def numbers(text: str) -> list[str]:
    return [p.number for p in segment(text).passages]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Officers shall not ask.\n2. Officers shall help.\n", ["1", "2"]),
        ("(a) Officers shall not ask.\n(b) Officers shall help.\n", ["(a)", "(b)"]),
        ("5. Officers shall not ask.\n6) Officers shall help.\n", ["5", "6"]),
        ("Paragraph 5 Officers shall not ask.\nParagraph 6. Officers shall help.\n", ["Paragraph 5", "Paragraph 6"]),
        ("Item #1 Officers shall not ask.\nItem #2: Officers shall help.\n", ["Item #1", "Item #2"]),
        (
            "Section 3(b) Officers shall not ask.\nSection 3(c): Officers shall help.\n",
            ["Section 3(b)", "Section 3(c)"],
        ),
        ("[no-inquiry] Officers shall not ask.\n[detainers] They shall not hold.\n", ["[no-inquiry]", "[detainers]"]),
        ("1.2 Officers shall not ask.\n", []),  # "1.2" without a closing "." or ")" is not a marker
        ("1.2. Officers shall not ask.\n1.3. Officers shall help.\n", ["1.2", "1.3"]),
    ],
)
def test_each_numbering_style_keeps_its_number_as_written(text: str, expected: list[str]) -> None:
    result = segment(text)
    assert numbers(text) == (expected or ["[paragraph 1]"])
    assert result.numbered is bool(expected)


def test_text_is_verbatim_without_the_marker_and_with_wrapped_lines_joined() -> None:
    text = "5. Officers shall not\n   inquire about status.\n"
    [passage] = segment(text).passages
    assert passage.text(text) == "Officers shall not inquire about status."
    assert text[passage.start : passage.end] == "Officers shall not\n   inquire about status."


def test_a_marker_inside_a_wrapped_sentence_is_not_a_new_clause() -> None:
    text = (
        "5. Officers may send to, or receive from,\n"
        "[ICE] information, as Section\n"
        "1373(a) says, and as\n"
        "Paragraph 7 of the order repeats.\n"
        "6. Officers shall help.\n"
    )
    assert numbers(text) == ["5", "6"]


def test_the_next_number_starts_a_clause_even_after_a_title_line() -> None:
    text = "General Order 7: Immigration Status\n1. Officers shall not ask.\n2. Officers shall help.\n"
    result = segment(text)
    assert numbers(text) == ["1", "2"]
    assert result.title == "General Order 7: Immigration Status"


def test_sub_items_nest_under_their_numbered_clause_and_are_cited_with_it() -> None:
    text = "3. Members shall not:\n(a) inquire about status; or\n(b) assist ICE.\n4. Members shall help.\n(a) all.\n"
    passages = segment(text).passages
    assert [(p.number, p.parent) for p in passages] == [("3", None), ("3(a)", 0), ("3(b)", 0), ("4", None), ("4(a)", 3)]
    assert passages[1].written == "(a)"


def test_markdown_headings_bold_markers_and_title() -> None:
    text = (
        "# General Order 12\n\nSome preamble.\n\n## Section 1\nOfficers shall not ask.\n\n**2.** Members shall help.\n"
    )
    result = segment(text)
    assert numbers(text) == ["Section 1", "2"]
    assert result.title == "General Order 12"
    assert result.passages[0].text(text) == "Officers shall not ask."
    assert result.passages[1].text(text) == "Members shall help."


def test_unnumbered_text_is_split_into_labelled_paragraphs() -> None:
    text = "# Policy\n\nOfficers shall not ask\nabout status.\n\n- Members shall help.\n- Members may report.\n"
    result = segment(text)
    assert numbers(text) == ["[paragraph 1]", "[paragraph 2]", "[paragraph 3]"]
    assert [p.text(text) for p in result.passages] == [
        "Officers shall not ask about status.",
        "Members shall help.",
        "Members may report.",
    ]


def test_sentences_do_not_split_after_abbreviations_initials_or_before_lower_case() -> None:
    text = "It took effect Sunday (Feb. 28), under 8 U.S.C. § 1373. Mr. Smith agreed. Officers shall not ask."
    spans = sentences(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == [
        "It took effect Sunday (Feb. 28), under 8 U.S.C. § 1373.",
        "Mr. Smith agreed.",
        "Officers shall not ask.",
    ]


def test_a_wall_of_unnumbered_text_is_drafted_sentence_by_sentence() -> None:
    sentence = "Officers shall not inquire about the immigration status of any person at any time. "
    text = sentence * 60  # one block of about 5,000 characters, as a PDF with no blank lines gives
    result = segment(text)
    assert len(result.passages) == 60
    assert result.passages[0].number == "[paragraph 1.1]" and result.passages[-1].number == "[paragraph 1.60]"
    assert all(p.text(text) == sentence.strip() for p in result.passages)
