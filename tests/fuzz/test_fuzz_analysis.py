"""The analysis, fuzzed: no exception escapes ``analyze_many``, every span is exact, and a
hostile document in a batch changes nothing in the analyses of the others."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import EXAMPLES, french_like

from sourcier.errors import InputError
from sourcier.model import Analysis

STATEMENT = (
    "Le ministre des Affaires étrangères, Abdoulaye Diop, a déclaré jeudi à Bamako, selon l'AFP : "
    "« Nous avons choisi nos partenaires », a-t-il ajouté devant la presse."
)
ANALYSIS = settings(max_examples=max(10, EXAMPLES // 3), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def check_spans(analysis: Analysis) -> None:
    text = analysis.text
    spans = [m for e in analysis.entities for m in e.mentions] + [m for s in analysis.sources for m in s.mentions]
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text
        spans += [s for s in (quote.cue, quote.speaker.mention) if s is not None]
    for span in spans:
        assert 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text


def analyse(texts):
    from sourcier.api import analyze_many

    errors: list[Exception] = []
    results = list(analyze_many(texts, batch_size=4, on_error=lambda _o, e: errors.append(e)))
    assert all(isinstance(e, InputError) for e in errors), errors
    assert len(results) == len(texts)  # one result per input, errors in place
    analyses = [r for r in results if not isinstance(r, InputError)]
    return analyses, errors


@pytest.mark.slow
@ANALYSIS
@given(st.lists(french_like, min_size=1, max_size=3))
def test_fuzz_analysis_spans_exact_and_others_unchanged(nlp, hostile):
    alone, _ = analyse([STATEMENT])
    analyses, errors = analyse([*hostile, STATEMENT])
    for analysis in analyses:
        check_spans(analysis)
        analysis.to_json()
    assert analyses[-1].to_dict() == alone[0].to_dict()
    assert len(analyses) + len(errors) == len(hostile) + 1
