"""spaCy builds a new ``Token`` object at each access (``doc[i]``, ``token.head``, iteration), so
``a is b`` between two tokens is False even for the same word: a test with ``is`` never holds.
Tokens are compared by index (``a.i == b.i``) or with ``==``."""

from __future__ import annotations

import ast
from pathlib import Path

import spacy
from spacy.tokens import Doc

ANALYSE = Path(__file__).resolve().parents[2] / "src" / "sourcier" / "analyse"
# Names the analysis gives tokens, and token attributes that hold a token.
TOKEN_NAMES = frozenset({"token", "t", "head", "verb", "noun", "first", "parsed", "trigger"})
TOKEN_ATTRIBUTES = frozenset({"head", "verb", "root"})


def _root_of_a_sentence() -> Doc:
    words = ["Léa", "répond", "vite"]
    return Doc(spacy.blank("fr").vocab, words=words, heads=[1, 1, 1], deps=["nsubj", "ROOT", "advmod"])


def test_the_same_word_read_twice_is_two_objects():
    doc = _root_of_a_sentence()
    root = doc[1]
    assert root.head is not root and doc[1] is not doc[1]  # why an "is" between tokens never holds
    assert root.head == root and root.head.i == root.i  # equality and indices do
    assert doc[0].head.i == root.i and doc[0].head.i != doc[0].i


def _identity_tests_on_tokens(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:]):
            if isinstance(op, (ast.Is, ast.IsNot)) and not any(isinstance(x, ast.Constant) for x in (left, right)) \
                    and any(_looks_like_a_token(x) for x in (left, right)):  # "x is None" is fine
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def _looks_like_a_token(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in TOKEN_ATTRIBUTES
    return isinstance(node, ast.Name) and node.id in TOKEN_NAMES


def test_the_analysis_compares_no_tokens_by_identity():
    found = [line for path in sorted(ANALYSE.rglob("*.py")) for line in _identity_tests_on_tokens(path)]
    assert found == []


def test_the_identity_check_finds_a_comparison_of_tokens(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(verb, cue):\n    return verb.head is cue.verb or verb is None\n", encoding="utf-8")
    assert len(_identity_tests_on_tokens(sample)) == 1


def test_a_subject_before_an_inverted_clitic_is_the_speaker_mention():
    """"pourquoi la Norvège affirme-t-elle que …": the noun the clitic doubles is the mention (the
    branch compared the subject's head to the verb with ``is`` and never ran)."""
    from sourcier import analyze

    text = "Mais pourquoi la Norvège affirme-t-elle que le port de Bergen restera fermé tout l'hiver ?"
    [quote] = analyze(text).quotes
    assert quote.speaker.mention is not None and quote.speaker.mention.text == "la Norvège"
    assert text[quote.speaker.mention.start : quote.speaker.mention.end] == "la Norvège"
