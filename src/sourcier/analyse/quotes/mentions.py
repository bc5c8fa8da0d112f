"""Which words of a mention are the speaker, and whether what they name can speak at all
("des témoins", not "la Constitution")."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from sourcier.analyse.lexicon import fold, names_a_people, role_heads
from sourcier.analyse.quotes.referents import (
    _DEFINITE,
    _DETS,
    _INDEFINITE_PEOPLE,
    _PRONOUNS,
    Referent,
    _first_name_led,
    _is_title,
)


# An anonymous source is placed ("une source sécuritaire à Kousséri"); a known person's place after
# the words is where they were said to ("a témoigné son père au Courrier picard": an outlet).
_ANONYMOUS = frozenset({"un", "une", "des", "d'", "plusieurs", "deux", "trois", "source", "sources"})


class MentionsMixin:
    """Mention selection for :class:`~.speakers.SpeakerResolver`: widen or narrow a mention to
    the words that name the speaker, and tell whether a referent can speak."""

    def _whole_words(self, mention: tuple[int, int]) -> tuple[int, int]:
        """A mention cut inside a hyphenated word ("l'état-major français" read as "major
        français"), or before the place an anonymous source is in ("une source sécuritaire à
        Kousséri", not "son père au Courrier picard"): the whole of it."""
        from sourcier.analyse.quotes.lexicon import source_nouns

        doc = self.ctx.doc
        start, end = mention
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
                and not doc[start - 1].whitespace_ and doc[start - 2].is_alpha:
            start -= 2
            if start > 0 and fold(doc[start - 1].text) in _DETS | {"d'", "de"}:
                start -= 1
        if end + 1 < len(doc) and doc[end].lower_ in ("à", "au", "en") and fold(doc[start].text) in _ANONYMOUS \
                and fold(doc[mention[0]: end].root.lemma_) in source_nouns() and not self.ctx.entities_in(start, end):
            hit = self.ctx.entity_at.get(end + 1)
            if hit is not None and hit[1] == end + 1 and hit[0].label in ("GPE", "LOC"):
                end = hit[2]
        return start, end

    def _quoted(self, char: int):
        """The quotation around character ``char`` (memoised: pronouns look at the same mentions)."""
        memo = self._quoted_memo
        if char not in memo:  # the quotations are outermost ones: at most one is around ``char``
            memo[char] = self.ctx.inside_quotation(char)
        return memo[char]

    def _quoted_mention(self, token: Token, cue) -> bool:
        verb = getattr(cue, "verb", None)
        return verb is not None and self._quoted_apart(token, verb)

    def _quoted_apart(self, token: Token, verb: Token) -> bool:
        """``token`` is inside a quotation that does not hold ``verb``: a word of the quoted
        speaker's, never the cue's speaker ("« Ils mouraient », a confié …")."""
        inside = self._quoted(token.idx)
        return inside is not None and not inside.outer[0] <= verb.idx < inside.outer[1]

    def _whole_coordination(self, mention: tuple[int, int]) -> tuple[int, int]:
        """"le Ghana, le Togo et le Bénin ont annoncé": a mention that is the last
        of coordinated subjects stands for all of them."""
        start, end = mention
        doc = self.ctx.doc
        root = doc[start:end].root
        if root.dep_.startswith("nsubj"):  # the mention is the first conjunct
            last = [c for c in root.children if c.dep_ == "conj" and c.i > root.i and c.pos_ in ("NOUN", "PROPN")]
            if last and any(t.dep_ == "cc" and t.lower_ in ("et", "ou") for c in last for t in c.children):
                return start, max(end, last[-1].right_edge.i + 1)
        if root.dep_ != "conj" or root.head.i >= root.i or not root.head.dep_.startswith("nsubj"):
            return self._listed_names(mention)
        first = root.head
        if not any(c.dep_ == "cc" and c.lower_ in ("et", "ou") for c in root.children):
            return mention
        return first.left_edge.i, end

    def _listed_names(self, mention: tuple[int, int]) -> tuple[int, int]:
        """The same for a parse that lost the coordination: names listed with commas and "et"."""
        start, end = mention
        doc = self.ctx.doc
        i = start - 1
        if i < 1 or doc[i].lower_ not in ("et", "ou"):
            return mention
        first = start
        while i > 0:
            hit = self.ctx.entity_at.get(i - 1)
            if hit is None or hit[0].label not in ("GPE", "ORG", "PERSON", "MEDIA"):
                break
            j = hit[1]
            if j > 0 and fold(doc[j - 1].text) in _DETS:
                j -= 1
            first = j
            if j > 0 and doc[j - 1].text == ",":
                i = j - 1
                continue
            break
        return (first, end) if first < start else mention

    def _apposition_part(self, mention: tuple[int, int], cue=None) -> tuple[int, int]:
        """"la capitale économique, un journaliste de l'AFP": the part of a mention that
        names a speaker (a person, then the verb's subject, then the last human description)."""
        start, end = mention
        doc = self.ctx.doc
        cuts = [i for i in range(start, end) if doc[i].text == ","]
        if not cuts:
            return mention
        bounds = [start, *[c + 1 for c in cuts]]
        parts = [(a, b) for a, b in zip(bounds, [*cuts, end]) if b > a]
        if len(parts) < 2:
            return mention
        if any(_joins_parts(doc[i]) for i in range(start, end)):
            return mention  # a coordination: "la France, le Royaume-Uni et les États-Unis"
        for a, b in parts:
            if any((c.label == "PERSON" and not _is_title(c.name)) or _first_name_led(c)
                   for c, _, _ in self.ctx.entities_in(a, b)):
                return a, b
        described = any(self._human_word(t) for a, b in parts for t in doc[a:b])
        for a, b in parts:
            hits = self.ctx.entities_in(a, b)
            if described and len(hits) == 1 and hits[0][0].label in ("MISC", "GPE", "LOC") and hits[0][1] == a \
                    and hits[0][2] == b and all(t.pos_ == "PROPN" for t in doc[a:b]):
                return a, b  # "Son principal rival, Bobi Wine": a name the recogniser mislabelled
        verb = getattr(cue, "verb", None)
        if verb is not None:
            subjects = [(a, b) for a, b in parts if any(t.dep_ == "nsubj" and t.head.i == verb.i for t in doc[a:b])
                        and (self.ctx.entities_in(a, b) or any(self._human_word(t) for t in doc[a:b]))]
            if len(subjects) > 1:  # "… par l'association UFC-Que Choisir, Air France a annoncé": the nearer
                return subjects[-1]
            if subjects:
                a, b = subjects[0]
                return (start, end) if a == start else (a, b)
        first = self.ctx.entities_in(parts[0][0], parts[0][1])
        if first and first[0][0].label in ("ORG", "MEDIA") and first[0][1] <= start + 1 \
                and first[0][2] == parts[0][1] and (start == 0 or doc[start - 1].pos_ not in ("DET", "ADP")):
            return mention  # "Le RHDP, le parti au pouvoir": the name and its apposition
        for a, b in reversed(parts):
            if any(self._human_word(t) for t in doc[a:b]):
                return a, b
        return mention

    def _human_word(self, token: Token) -> bool:
        if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
        for word in (fold(token.lemma_), fold(token.text)):
            if word in self._speaker_nouns or (word.endswith("s") and word[:-1] in self._speaker_nouns):
                return True
        return False

    @property
    def _speaker_nouns(self) -> frozenset[str]:
        return _speaker_nouns()

    def _speaker_like(self, referent: Referent) -> bool:
        """Whether a referent can speak: an entity, or a description of people, a group, an
        outlet or a document ("des témoins", "l'opposition"), not "la Constitution"."""
        if referent.label != "DESC" or referent.key is not None:
            return True
        words = fold(referent.name).replace("'", "' ").split()
        if any(w in self._speaker_nouns or (w.endswith(("s", "x")) and w[:-1] in self._speaker_nouns) for w in words):
            return True
        if any(names_a_people(w) for w in referent.name.replace("'", "' ").split()[1:]):
            return True  # "la Tahitienne"
        if fold(referent.name).split()[0] in _INDEFINITE_PEOPLE:
            return True  # "D'autres se sont plaints", "certains estiment"
        if len(words) > 2 and words[1] in ("un", "une") and words[-1] in ("eux", "elles"):
            return True  # "l'un d'eux", "l'une d'entre elles"
        if referent.name.startswith("@") or referent.proper:
            return True
        first = referent.name.split()[0]
        return first[:1].isupper() and fold(first) not in _DEFINITE | _PRONOUNS.keys() | {"un", "une", "des", "ceci", "cela", "ca"}


def _joins_parts(token: Token) -> bool:
    """``token`` coordinates the mention's parts: an "et" or "ou" not inside a complement
    ("le ministre de l'Économie et des Finances, Awa Diallo" is one person)."""
    if token.lower_ not in ("et", "ou"):
        return False
    conjunct = token.head
    if any(c.dep_ == "case" for c in conjunct.children):
        return False  # "… et de l'Eau": a second complement, whatever the parser hangs it on
    return not (conjunct.dep_ == "conj" and conjunct.head.dep_.startswith(("nmod", "obl")))


@lru_cache(maxsize=1)  # the same for every article: built once per process, not once per resolver
def _speaker_nouns() -> frozenset[str]:
    """The nouns of speakers, as written and folded: the role heads (the resolver's ``heads``) and
    the human, group, media, document and source nouns of the role lexicon (its ``lex``)."""
    from sourcier.analyse.quotes.lexicon import role_lexicon, source_nouns

    lex = role_lexicon()
    words = role_heads() | lex.human_nouns | lex.group_nouns | lex.media_nouns | lex.document_nouns | source_nouns()
    return frozenset(words) | frozenset(fold(w) for w in words)
