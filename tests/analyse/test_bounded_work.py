"""Bounded work per document: limits refuse what would cost too much, lookups stay linear,
and one document's failure in analysis costs no other document."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcier.analyse.components.quotes import _overlap, _without_overlaps
from sourcier.analyse.quotes.candidates import Candidate
from sourcier.analyse.quotes.context import DocContext
from sourcier.analyse.quotes.marks import find_quotations, paragraphs_of

STATEMENT = "Le ministre des Affaires étrangères a déclaré jeudi que la coopération allait se poursuivre."


# --------------------------------------------------------------------------- no model needed


def test_stray_opening_marks_around_nested_quotes_cost_a_bounded_number_of_passes():
    text = "Il a dit " + "« " * 3000 + "« pas « ceci » ici »"
    quotations = find_quotations(text, paragraphs_of(text))  # used to recurse once per stray mark
    assert quotations and all(q.end > q.start for q in quotations)


def _context_with_quotations(n: int) -> DocContext:
    import spacy

    text = " ".join(f"« mot{i} »" for i in range(n))
    doc = spacy.blank("fr").make_doc(text)
    return DocContext(doc, paragraphs_of(text), find_quotations(text, paragraphs_of(text)), [], [])


def test_the_quotation_around_a_character_is_found_in_logarithmic_time():
    ctx = _context_with_quotations(20_000)
    assert len(ctx.quotations) == 20_000
    started = time.process_time()
    found = [ctx.inside_quotation(token.idx) for token in ctx.doc]  # a scan per call: minutes
    assert time.process_time() - started < 5
    expected = [next((q for q in ctx.quotations if q.outer[0] <= t.idx < q.outer[1]), None) for t in ctx.doc[:300]]
    assert found[:300] == expected


spans = st.tuples(st.integers(0, 300), st.integers(1, 60), st.floats(0, 1)).map(
    lambda t: Candidate("direct", t[0], t[0] + t[1], None, t[2])
)


@settings(max_examples=200, deadline=None)
@given(st.lists(spans, max_size=40))
def test_overlap_removal_checks_only_neighbours_and_keeps_what_a_full_scan_keeps(candidates):
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: -c.confidence):  # the quadratic reference
        if all(_overlap(cand, k) < 0.5 for k in kept):
            kept.append(cand)
    assert _without_overlaps(candidates) == sorted(kept, key=lambda c: c.start)


# --------------------------------------------------------------------------- with the model


@pytest.mark.slow
def test_the_models_length_limit_and_ours_agree(nlp):
    from sourcier.analyse.limits import MAX_COPY_CHARS
    from sourcier.ingest import MAX_TEXT_CHARS

    assert nlp.max_length == MAX_COPY_CHARS >= 2 * MAX_TEXT_CHARS  # the copy adds a space per guillemet at most


@pytest.mark.slow
def test_a_text_of_quotation_marks_is_refused_quickly_and_cheaply(nlp):
    import resource

    import sourcier
    from sourcier.errors import InputTooComplex

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    with pytest.raises(InputTooComplex) as info:
        sourcier.analyze("Le ministre a déclaré : " + "«" * 200_000)  # was 47 s and 4 GB
    assert info.value.code == "E108"
    assert time.process_time() - started < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 300_000  # KB


@pytest.mark.slow
def test_too_many_quotation_marks_within_the_token_limit_are_refused(nlp):
    import sourcier
    from sourcier.analyse.limits import MAX_QUOTE_MARKS
    from sourcier.errors import InputTooComplex

    with pytest.raises(InputTooComplex, match="quotation marks"):
        sourcier.analyze(STATEMENT + " Il a dit « non » et puis « oui »." * (MAX_QUOTE_MARKS // 4 + 1))


@pytest.mark.slow
def test_quotation_marks_nested_without_end_are_refused(nlp):
    import sourcier
    from sourcier.analyse.limits import MAX_QUOTE_NESTING
    from sourcier.errors import InputTooComplex

    sourcier.analyze(STATEMENT + " « Il a dit « non » puis « oui », « enfin » ».")  # real nesting passes
    with pytest.raises(InputTooComplex, match="open at once"):
        sourcier.analyze(STATEMENT + " Il a dit " + "« niveau " * (MAX_QUOTE_NESTING + 1) + "fin.")


@pytest.mark.slow
def test_one_failing_document_costs_no_other_in_analyze_many(nlp, monkeypatch):
    import sourcier.api as api
    from sourcier.model import Document, Paragraph

    real = api.assemble

    def fragile(doc, document, offsets):
        if "piège" in document.text:
            raise RuntimeError("a bug on this document")
        return real(doc, document, offsets)

    monkeypatch.setattr(api, "assemble", fragile)
    huge = "Le texte. " * 150_000  # 1.5 M characters, built by hand: the readers never saw it
    texts = [STATEMENT, STATEMENT + " Un piège.", huge, STATEMENT + " \ud800 Fin.", STATEMENT + " Fin."]
    items = [t if t is not huge else Document(t, [Paragraph(0, len(t) - 1)], origin="huge") for t in texts]
    errors: list[tuple[str, Exception]] = []
    results = list(api.analyze_many(items, on_error=lambda o, e: errors.append((o, e))))
    assert [getattr(r, "code", None) for r in results] == [None, "E110", "E104", None, None]  # aligned
    analyses = [r for r in results if isinstance(r, api.Analysis)]
    assert [a.text for a in analyses] == [STATEMENT, STATEMENT + " \ufffd Fin.", STATEMENT + " Fin."]
    assert sorted((o, e.code) for o, e in errors) == [("<string>", "E110"), ("huge", "E104")]
    assert any("U+FFFD" in w for w in analyses[1].warnings)
