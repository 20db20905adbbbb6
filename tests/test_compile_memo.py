"""Rules shared across readings: a memo changes how much is built, never what is compiled."""

from __future__ import annotations

from pathlib import Path

from compliance.engine.compile import RuleMemo, compile_reading
from compliance.loader.corpus import load_corpus
from compliance.semantics.scope import provision_scope

ROOT = Path(__file__).resolve().parent.parent


def test_memo_gives_the_same_compiled_readings_and_reuses_alike_provisions() -> None:
    corpus = load_corpus(ROOT / "rules")
    memo: RuleMemo = {}
    for limit in (500, 40):  # 40 forces several rulesets per reading
        for reading in corpus.readings:
            plain = compile_reading(corpus, reading, corpus.provisions, limit)
            shared = compile_reading(corpus, reading, corpus.provisions, limit, memo)
            assert shared == plain
    alike = sum(len({provision_scope(corpus, p.provision, r) for r in corpus.readings}) == 1 for p in corpus.provisions)
    scopes = {provision_scope(corpus, p.provision, r) for p in corpus.provisions for r in corpus.readings}
    assert alike > 0  # the bundled law has provisions every reading scopes alike ...
    assert len(memo) < len(corpus.provisions) * len(corpus.readings)  # ... and those are built once
    assert {target for _, _, target in memo} <= scopes
