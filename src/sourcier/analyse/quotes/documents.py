"""Documents as speakers ("le communiqué", "des chiffres publiés par Le Monde"): who wrote them,
when the text says, or the document as written."""

from __future__ import annotations

from spacy.tokens import Span, Token

from sourcier.analyse.lexicon import fold
from sourcier.analyse.quotes.referents import _CONTACT_PARTICIPLES, Referent, _clean


class DocumentsMixin:
    """Documents and their authors for :class:`~.speakers.SpeakerResolver`."""

    def _long_author(self, span: Span, head: Token) -> Referent | None:
        """A document whose author is a name the recogniser cut in pieces: the whole name, to the
        end of the mention."""
        docs = self.lex.document_nouns
        if not (fold(head.lemma_) in docs or fold(head.text) in docs) or self._document_as_written(head):
            return None
        doc = span.doc
        for c in head.children:
            if c.dep_ != "nmod" or c.i <= head.i or not c.text[:1].isupper():
                continue
            case = [g for g in c.children if g.dep_ == "case" and g.i < c.i]
            if not case or case[0].lower_ not in ("de", "d'", "du", "des"):
                return None
            names = {h[0].key for h in (self.ctx.entity_at.get(i) for i in range(c.i, span.end)) if h is not None}
            if len(names) < 2:
                return None
            end = span.end
            while end > c.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            article = {"du": "le ", "des": "les "}.get(case[0].lower_, "")
            dets = [g for g in c.children if g.dep_ == "det" and g.i < c.i]
            begin = dets[0].i if dets else c.i
            text = article + _clean(doc[begin:end].text)
            return Referent(text, None, "DESC", None, "Sing", fold(c.text), proper=True)
        return None

    def _document_as_written(self, head: Token) -> bool:
        docs = self.lex.document_nouns
        return (fold(head.lemma_) in docs or fold(head.text) in docs) and self._participle_of(head) is not None

    def _agent_participle(self, head: Token) -> Token | None:
        """A participle with an agent that says who someone is ("nommé par les militaires"),
        not how the source was reached ("contactée par l'AFP")."""
        for c in head.children:
            if c.dep_ == "acl" and c.i > head.i and c.pos_ == "VERB" and fold(c.lower_).rstrip("es") not in _CONTACT_PARTICIPLES \
                    and any(g.dep_ == "obl:agent" for g in c.children) and self._quoted(c.idx) is None \
                    and (head.lower_ in self.heads or self._human_word(head)):
                return c
        return None

    @staticmethod
    def _participle_of(head: Token) -> Token | None:
        """A participle that qualifies a document ("des chiffres publiés par Le Monde")."""
        return next((c for c in head.children if c.i > head.i and c.dep_ in ("acl", "amod")
                     and ("Part" in c.morph.get("VerbForm") or c.lower_.endswith(("é", "ée", "és", "ées", "u", "ue", "us", "ues")))
                     and c.i + 1 < len(head.doc) and head.doc[c.i + 1].pos_ == "ADP"), None)

    def _document_author(self, head: Token, before: int) -> Referent | None:
        """The author of the same document mentioned earlier ("un communiqué du ministère des
        Affaires étrangères … Le communiqué précise" → the ministry), within two paragraphs."""
        doc = self.ctx.doc
        para = self.ctx.paragraph_of(head.idx)
        lemma = fold(head.lemma_)
        for i in range(before - 1, max(-1, before - 300), -1):
            t = doc[i]
            if t.pos_ != "NOUN" or fold(t.lemma_) != lemma or self._quoted(t.idx) is not None:
                continue
            if para - self.ctx.paragraph_of(t.idx) > 2:
                return None
            for c in t.children:
                if c.dep_ == "nmod" and c.i > t.i and any(g.lower_ in ("de", "du", "d'", "des") for g in c.children):
                    hit = self.ctx.entity_at.get(c.i)
                    if hit is not None and hit[0].label in ("ORG", "PERSON", "MEDIA", "GPE"):
                        return self._entity_referent(hit[0], doc[hit[1] : hit[2]])
                    ref = self._subject_referent(c, head.idx, strict=True)
                    if ref is not None and ref.label == "DESC" and ref.head not in self.lex.document_nouns:
                        return ref
            verb = t.head
            if t.dep_ in ("obj", "obl", "obl:mod") and verb.pos_ == "VERB":
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.pos_ != "PRON":
                    return self._subject_referent(subject, head.idx, strict=True)
            return None
        return None

    def _author_named(self, head: Token) -> Referent | None:
        doc = head.doc
        for c in head.children:
            if c.dep_ not in ("nmod", "acl") or c.i < head.i or not c.text[:1].isupper() or c.i in self.ctx.entity_at:
                continue
            a, b = c.left_edge.i, c.right_edge.i + 1
            words = [t for t in doc[a:b] if not t.is_punct or t.text == "-"]
            if not words:
                return None
            lead = words[0].lower_
            article = {"du": "le ", "des": "les ", "au": "le "}.get(lead)
            if article is not None or lead in ("de", "d'"):
                words = words[1:]
            text = (article or "") + _clean(doc[words[0].i : words[-1].i + 1].text) if words else ""
            if text:
                return Referent(text, None, "DESC", None, "Sing", fold(c.text), proper=True)
        return None
