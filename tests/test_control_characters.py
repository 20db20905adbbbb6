"""No control character reaches a report: refused at the loader and the model, escaped by every renderer.

Issue 19 item 2: the loader refused raw control characters, but double-quoted
YAML escapes (`"\\e"`, `"\\0"`, `"\\x1b[2K"`, `"\\n"` in an id) put them into
values, so the text report could erase its own last line and print a forged
`Result: no conflict` while the exit code was 1, and the JUnit XML was not
well-formed. Three layers are tested: the loader (located, after unescaping),
the model's field types, and the renderers (defence in depth, fed values that
no loader checked), and a property over generated documents ties them up.
"""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.analysis import check as check_analysis
from compliance.analysis.as_of import AsOf
from compliance.analysis.fail_on import FailOn
from compliance.engine.reference import ReferenceEvaluator
from compliance.errors import InputError
from compliance.loader.corpus import load_policy
from compliance.loader.yaml_safe import load_yaml_text
from compliance.render import FORMATS, Context, renderer
from compliance.testing import examples, load_rules
from tests.conftest import POLICIES, RULES, run_cli

CORPUS = load_rules(RULES)
AS_OF = AsOf.on(__import__("datetime").date(2017, 11, 17))
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PAINT = re.compile(r"\x1b\[[0-9;]*m")

TEMPLATE = """id: p
title: {title}
issuer: {issuer}
issuer-kind: police-department
source: "https://example.org/p"
clauses:
  - number: {number}
    part: {part}
    text: {text}
    verified: false
    note: {note}
    modality: prohibits
    actor: police-officer
    action: honor-detainer
    counterpart: federal-immigration
  - number: "5"
    text: "Nothing here restricts sending or receiving information on status."
    verified: true
    modality: permits
    action: send-status-information
jurisdiction: us/la/orleans
"""


def _policy(tmp: Path, **fields: str) -> Path:
    values = {"title": '"t"', "issuer": '"i"', "number": '"1"', "part": "null", "text": '"x"', "note": '"n"'}
    values.update(fields)
    path = tmp / "p.yaml"
    path.write_text(TEMPLATE.format(**values), encoding="utf-8")
    return path


# --- the loader and the model ---------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\e", "\\0", "\\x1b[2K", "\\r", "\\x9b", "\\b", "\\a", "\\x7f", "\\N"])
def test_a_control_character_written_as_an_escape_is_refused_where_it_is_written(tmp_path: Path, escape: str) -> None:
    path = _policy(tmp_path, title=f'"before{escape}after"')
    with pytest.raises(InputError) as caught:
        load_policy(path, CORPUS)
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.column, problem.code) == (2, 8, "control-character")
    assert "U+" in problem.message


@pytest.mark.parametrize("field", ["number", "part", "title", "issuer"])
@pytest.mark.parametrize("escape", ["\\n", "\\t"])
def test_a_line_break_or_tab_in_a_one_line_field_is_refused(tmp_path: Path, field: str, escape: str) -> None:
    path = _policy(tmp_path, **{field: f'"a{escape}Result: no conflict"'})
    with pytest.raises(InputError) as caught:
        load_policy(path, CORPUS)
    assert any("control character" in p.message and p.location.line > 1 for p in caught.value.problems)


def test_a_line_break_in_an_id_is_refused(tmp_path: Path) -> None:
    path = _policy(tmp_path)
    path.write_text(path.read_text().replace("id: p\n", 'id: "p\\nq"\n'), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_policy(path, CORPUS)
    assert [(p.location.line, p.code) for p in caught.value.problems] == [(1, "schema")]


def test_a_key_may_hold_no_control_character_at_all() -> None:
    with pytest.raises(InputError) as caught:
        load_yaml_text('id: p\n"ti\\ttle": x\n', "k.yaml")
    assert [(p.location.line, p.location.column, p.code) for p in caught.value.problems] == [
        (2, 1, "control-character")
    ]


def test_text_and_notes_keep_their_tabs_and_line_breaks(tmp_path: Path) -> None:
    path = _policy(tmp_path, text='"first line\\n\\tsecond line"', note='"a\\nb"')
    clause = load_policy(path, CORPUS).document.clauses[0]
    assert (clause.text, clause.note) == ("first line\n\tsecond line", "a\nb")


def test_the_forged_result_line_is_refused_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    forged = '"x\\e[1A\\e[2K\\rResult: no conflict with law in force (readings: all)"'
    path = _policy(tmp_path, number=forged)
    code, out, err = run_cli(capsys, "check", str(path), "--rules", str(RULES), "--as-of", "2017-11-17")
    assert (code, out) == (2, "")
    assert ":7:13: error: control character U+001B" in err
    assert not CONTROL.search(err)


# --- the renderers, fed what no loader checked -------------------------------------------------


HOSTILE = "a\x1b[2K\rResult: no conflict\x00\x9b\x07\x08\x7f\ufffe<&>|]]>\n\tz"


def _hostile_result() -> tuple[check_analysis.CheckResult, Context]:
    """The NOPD report with every clause key, title and path replaced by control-laden text."""
    policy = load_policy(POLICIES / "nopd-41.6.1-2016.yaml", CORPUS)
    clauses = tuple(
        c.model_construct(**{**dict(c), "number": f"{c.number}{HOSTILE}", "text": HOSTILE})
        for c in policy.document.clauses
    )
    document = policy.document.model_construct(
        **{**dict(policy.document), "clauses": clauses, "title": HOSTILE, "issuer": HOSTILE}
    )
    where = {c.key: at for c, at in zip(clauses, policy.clause_locations.values(), strict=True)}
    policy = replace(policy, document=document, path=f"dir/{HOSTILE}.yaml", clause_locations=where)
    # --fail-on any: on 17 Nov 2017 only the broad (political) reading conflicts, which the default leaves out.
    result = check_analysis.check(
        CORPUS, ReferenceEvaluator(CORPUS), [policy], CORPUS.reading_ids, AS_OF, FailOn(any=True)
    )
    assert result.exit_code == 1
    return result, Context(CORPUS, (policy,))


class _StrictHTML(HTMLParser):
    """Balanced tags, unique ids, no character HTML forbids: what "well-formed" asks of our own page."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value or "" for name, value in attrs if name == "id"]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()


def assert_well_formed_html(page: str) -> None:
    assert not CONTROL.search(page.replace("\t", "").replace("\n", "")), "a control character in the HTML"
    assert "\ufffe" not in page and "\uffff" not in page
    parser = _StrictHTML()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], parser.stack
    assert len(parser.ids) == len(set(parser.ids)), "duplicate element ids"


def assert_safe(name: str, out: str, *, colour: bool = False) -> None:
    """Each format's own rules: parses where it is a data format, no control sequence anywhere."""
    plain = PAINT.sub("", out) if colour else out
    assert not CONTROL.search(plain.replace("\t", "").replace("\n", "")), f"{name}: a control character"
    if name in ("json", "sarif"):
        json.loads(out)
        assert not re.search(r"[\x7f-\x9f]", out)
    elif name == "junit":
        ET.fromstring(out.encode("utf-8"))
        assert "\ufffe" not in out
    elif name == "html":
        assert_well_formed_html(out)
    elif name == "text":
        # the report's own verdict is its last line, whole: no value could erase it or write after it
        assert re.fullmatch(
            r"Result: (no )?conflicts? with law in force \(readings: [a-z, ]+; engine: \w+\)", plain.splitlines()[-1]
        )


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_escapes_what_the_loader_would_have_refused(name: str) -> None:
    result, context = _hostile_result()
    assert_safe(name, renderer(name)(result, context))
    if name == "text":
        painted = renderer(name)(result, replace(context, colour=True))
        assert_safe(name, painted, colour=True)
        assert "Result: conflicts with law in force" in painted


def test_the_escapes_are_visible_and_keep_the_format_whitespace() -> None:
    from compliance.render._escape import json_text, one_line, report_text, scrub

    assert one_line("a\x1b[2K\r\nb\tc\x9b") == "a\\x1b[2K\\r b c\\x9b"
    assert report_text("l1\n\tl2\x00\x1b\ufffe") == "l1\n\tl2\\x00\\x1b\\ufffe"
    assert json.loads(json_text(json.dumps("\x85\x9b\u2028", ensure_ascii=False))) == "\x85\x9b\u2028"
    clean = check_analysis.check(
        CORPUS, ReferenceEvaluator(CORPUS), [load_policy(POLICIES / "nopd-41.6.1-2016.yaml", CORPUS)], ["doj"], AS_OF
    )
    assert scrub(clean) is clean  # nothing to clean: the same objects, not a copy
    hostile, _ = _hostile_result()
    cleaned = scrub(hostile)
    assert cleaned.documents[0].title == one_line(HOSTILE) and not CONTROL.search(cleaned.documents[0].path)


# --- the property: any loadable document renders safely in every format --------------------------

# What a value may hold (markup characters, quotes, separators, noncharacters, and line breaks and tabs,
# which only multi-line fields accept), and the escapes no value may hold; one document in two gets one.
SAFE = [
    "a", "Z", " ", "§", "“", "<", ">", "&", "|", "]]>", "--", "'", "\\\"", "\\\\", "\\u2028", "\\ufffe",
    "Result: ok", "\\n", "\\t",
]  # fmt: skip
HOSTILE_ESCAPES = ["\\e", "\\0", "\\x1b[2K", "\\r", "\\x9b", "\\x85", "\\a", "\\b", "\\x7f"]
FIELDS = ("title", "issuer", "number", "part", "text", "note")
quoted = st.lists(st.sampled_from(SAFE), min_size=1, max_size=8).map(lambda parts: '"' + "".join(parts) + '"')


@st.composite
def documents(draw: st.DrawFn) -> dict[str, str]:
    fields = {name: draw(quoted) for name in FIELDS}
    if draw(st.booleans()):
        fields["part"] = "null"
    if draw(st.booleans()):
        name = draw(st.sampled_from(FIELDS))
        value = fields[name] if fields[name] != "null" else '""'
        fields[name] = value[:-1] + draw(st.sampled_from(HOSTILE_ESCAPES)) + '"'
    return fields


@settings(
    max_examples=examples(ci=25, large=2000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents())
def test_any_loadable_document_renders_to_well_formed_output_free_of_control_sequences(fields: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = _policy(Path(scratch), **fields)
        try:
            policy = load_policy(path, CORPUS)
        except InputError as error:
            assert all(p.location.line > 0 for p in error.problems)  # refused, and located
            return
    result = check_analysis.check(CORPUS, ReferenceEvaluator(CORPUS), [policy], CORPUS.reading_ids, AS_OF)
    context = Context(CORPUS, (policy,))
    for name in FORMATS:
        assert_safe(name, renderer(name)(result, context))


def test_an_error_about_a_file_name_with_control_characters_shows_them_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "check", str(tmp_path / "x\x1b[2K\rResult: ok.yaml"))
    assert (code, out) == (2, "")
    assert "x\\x1b[2K\\rResult: ok.yaml" in err and not CONTROL.search(err.replace("\n", ""))


@pytest.mark.parametrize("command", [["suggest"], ["suggest", "--apply", "E1"], ["dispute"], ["timeline"]])
def test_every_command_refuses_the_escapes_before_it_writes_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # `suggest --apply` once wrote a policy holding the control character, which the loader then refused.
    path = _policy(tmp_path, text='"Members shall not honor a detainer.\\e[2K"')
    code, out, err = run_cli(capsys, command[0], str(path), *command[1:], "--rules", str(RULES))
    assert (code, out) == (2, "") and "control-character" in err
