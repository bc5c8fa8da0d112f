"""Speaker resolution: from the mention a cue attaches to, to the fullest name the article gives.

In order:

1. a mention that holds an entity of the article is that entity ("le président
   russe Vladimir Poutine"; "les données de l'Initiative …" → the Initiative);
2. a pronoun ("il", "-elle", "lui", "l'" in "à l'en croire", "qui") is the most
   recent speaker that agrees in gender and number, or the most recent person
   who does, whichever the text mentioned last as a subject ("qui" is its
   antecedent);
3. a description is the person whose role it fits (:mod:`.roles`:
   "le chef de la diplomatie malienne" → the "ministre des Affaires étrangères du
   Mali"), the latest outlet for "le quotidien", an earlier speaker described
   more fully ("l'armée" → "l'armée israélienne"), the latest fitting speaker
   for a short description ("le chercheur"), or else stays as written
   ("une source sécuritaire").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from sourcier.analyse.lexicon import fold, role_heads
from sourcier.analyse.quotes.context import DocContext, char_span, subtree_span
from sourcier.analyse.quotes.lexicon import role_lexicon
from sourcier.analyse.quotes.roles import fits
from sourcier.analyse.records import EntityCluster

_PRONOUNS = {  # form → (gender, number); None: either
    "il": ("Masc", "Sing"), "lui": ("Masc", "Sing"), "celui-ci": ("Masc", "Sing"), "celui": ("Masc", "Sing"),
    "elle": ("Fem", "Sing"), "celle-ci": ("Fem", "Sing"), "celle": ("Fem", "Sing"),
    "ils": (None, "Plur"), "eux": (None, "Plur"), "ceux-ci": (None, "Plur"), "ceux": (None, "Plur"),
    "elles": ("Fem", "Plur"), "celles-ci": ("Fem", "Plur"),
    "l'": (None, "Sing"), "le": ("Masc", "Sing"), "la": ("Fem", "Sing"), "les": (None, "Plur"),
    "son": (None, "Sing"), "sa": (None, "Sing"), "ses": (None, "Sing"), "leur": (None, "Plur"),
    "leurs": (None, "Plur"),
}
_RELATIVES = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}
_IMPERSONAL = {"on", "nous", "je", "j'", "vous", "tu"}
_DETS = {"le", "la", "l'", "les"}
_DEFINITE = {"le", "la", "l'", "les", "ce", "cet", "cette", "ces"}
_NAME_STOP_DEPS = frozenset({"acl:relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "dislocated"})
_PARAGRAPH_REACH = 4  # a pronoun or a floating quote looks this many paragraphs back at most


@dataclass(slots=True)
class Referent:
    """Someone who speaks: an entity of the article, or a description as written."""

    name: str
    key: str | None = None
    label: str = "DESC"
    gender: str | None = None
    number: str = "Sing"
    head: str = ""  # folded head word of a description ("armee")
    position: int = 0  # character offset of the mention
    paragraph: int = 0


class SpeakerResolver:
    """Resolves speaker mentions in text order, remembering who spoke."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.history: list[Referent] = []
        self.heads = role_heads()
        self.lex = role_lexicon()

    # -- public ---------------------------------------------------------------------

    def resolve(self, mention: tuple[int, int] | None, at: int) -> Referent | None:
        """The referent of tokens ``mention`` for a quote at character ``at`` (and remember it)."""
        if mention is None:
            return None
        start, end = mention
        doc = self.ctx.doc
        tokens = [t for t in doc[start:end] if not t.is_space]
        if not tokens:
            return None
        referent = None
        if len(tokens) == 1 and tokens[0].lower_.lstrip("-") in _RELATIVES:
            antecedent = _antecedent(tokens[0])
            if antecedent is not None:
                referent = self._noun_phrase(antecedent, at)
        elif len(tokens) == 1 and tokens[0].lower_.lstrip("-") in _PRONOUNS:
            referent = self._pronoun(tokens[0], at)
        elif len(tokens) == 1 and tokens[0].lower_.lstrip("-") in _IMPERSONAL:
            return None
        else:
            referent = self._noun_phrase(doc[start:end], at)
        if referent is not None:
            referent.position = doc[start].idx
            referent.paragraph = self.ctx.paragraph_of(doc[start].idx)
            self.history.append(referent)
        return referent

    def previous(self, at: int) -> Referent | None:
        """The latest speaker before character ``at``, if recent enough (for a floating quote)."""
        para = self.ctx.paragraph_of(at)
        for ref in reversed(self.history):
            if ref.position < at:
                return ref if para - ref.paragraph <= 2 else None
        return None

    def remember(self, referent: Referent, at: int) -> None:
        self.history.append(
            Referent(referent.name, referent.key, referent.label, referent.gender, referent.number, referent.head,
                     at, self.ctx.paragraph_of(at))
        )

    # -- pronouns -------------------------------------------------------------------

    def _pronoun(self, token: Token, at: int) -> Referent | None:
        gender, number = _PRONOUNS[token.lower_.lstrip("-")]
        para = self.ctx.paragraph_of(token.idx)
        speaker = next((r for r in reversed(self.history)
                        if r.position < token.idx and _agrees(r, gender, number)
                        and para - r.paragraph <= _PARAGRAPH_REACH), None)
        person = self._latest_person(token.idx, gender, number, subject=True)
        if person is not None and (speaker is None or person.position > speaker.position):
            return person
        if speaker is not None:
            return _copy(speaker)
        return self._latest_person(token.idx, gender, number, subject=False)

    def _latest_person(self, before: int, gender: str | None, number: str, subject: bool) -> Referent | None:
        """The latest person mentioned before ``before`` (outside quotations) who agrees (and is a
        subject, when ``subject``)."""
        if number != "Sing":
            return None
        para = self.ctx.paragraph_of(before)
        best: tuple[int, EntityCluster] | None = None
        for cluster in self.ctx.clusters:
            if cluster.label != "PERSON" or not _gender_ok(cluster.gender, gender):
                continue
            for start, _end in cluster.mentions:
                if start < before and (best is None or start > best[0]) and (not subject or self._is_subject(start)) \
                        and self.ctx.inside_quotation(start) is None:
                    best = (start, cluster)
        if best is None or para - self.ctx.paragraph_of(best[0]) > _PARAGRAPH_REACH:
            return None
        ref = self._entity_referent(best[1], None)
        ref.position, ref.paragraph = best[0], self.ctx.paragraph_of(best[0])
        return ref

    def _is_subject(self, char: int) -> bool:
        token = self.ctx.doc[self.ctx.token_at(char)]
        for t in (token, token.head):
            if t.dep_.startswith("nsubj") or t.dep_ in ("flat:name",) and t.head.dep_.startswith("nsubj"):
                return True
        return token.head.dep_.startswith("nsubj") or token.dep_ == "ROOT"

    # -- noun phrases ---------------------------------------------------------------

    def _noun_phrase(self, span: Span | Token, at: int) -> Referent | None:
        if isinstance(span, Token):
            span = subtree_span(span, frozenset({"acl:relcl", "acl", "punct"}))
            start = span.start
            while start < span.end - 1 and span.doc[start].pos_ == "ADP":
                start += 1
            span = span.doc[start : span.end]
        head = span.root
        hits = self.ctx.entities_in(span.start, span.end)
        cluster = self._entity_choice(span, head, hits)
        if cluster is not None:
            return self._entity_referent(cluster, span)
        return self._description(span, head, at)

    def _entity_choice(self, span: Span, head: Token, hits) -> EntityCluster | None:
        hits = [h for h in hits if not (h[0].label == "PERSON" and _is_title(h[0].name))]
        if not hits:
            return None
        on_head = self.ctx.entity_at.get(head.i)
        if on_head is not None and on_head not in hits:
            on_head = None
        if on_head is not None and on_head[0].label == "PERSON":
            return on_head[0]
        doc = span.doc
        first = hits[0]
        if first[1] <= span.start + 1 and first[2] < len(doc) and doc[first[2]].text == "," \
                and first[0].label in ("PERSON", "ORG", "MEDIA"):
            return first[0]  # "Le RHDP, le parti au pouvoir, …": the name before its apposition
        people = [c for c, _, _ in hits if c.label == "PERSON"]
        if people:
            return people[-1]
        if on_head is not None and on_head[0].label != "GPE" or (on_head and len(hits) == 1):
            return on_head[0]
        word = fold(head.lemma_)
        if word in self.lex.document_nouns or word in self.lex.media_nouns:
            named = [c for c, _, _ in hits if c.label in ("ORG", "MEDIA", "PERSON")]
            if named:
                return named[0]
        if on_head is not None:
            return on_head[0]
        return None

    def _entity_referent(self, cluster: EntityCluster, span: Span | None) -> Referent:
        cluster = self._fullest(cluster)
        name = cluster.name
        if cluster.label in ("ORG", "GPE", "LOC", "MISC") and span is not None:
            det = _determiner_before(self.ctx, cluster, span)
            if det:
                name = det.lower() + ("" if det.endswith("'") else " ") + name
        gender = cluster.gender
        if gender is None and span is not None:
            gender = _morph(span.root, "Gender")
        return Referent(name, cluster.key, cluster.label, gender, "Sing")

    def _fullest(self, cluster: EntityCluster) -> EntityCluster:
        """The person a partial name stands for: "Erdogan" (read as a place), "Mateusz" → the
        person whose fuller name ends with, or contains, these words."""
        words = fold(cluster.name).split()
        if not words or (cluster.label == "PERSON" and len(words) > 1):
            return cluster
        best = cluster
        for other in self.ctx.clusters:
            if other is cluster or other.label != "PERSON":
                continue
            names = fold(other.name).split()
            if len(names) > len(words) and (names[-len(words):] == words or (len(words) == 1 and words[0] in names)):
                if best is cluster or len(other.mentions) > len(best.mentions):
                    best = other
        return best

    def _description(self, span: Span, head: Token, at: int) -> Referent | None:
        doc = self.ctx.doc
        name_span = subtree_span(head, _NAME_STOP_DEPS)
        start = max(name_span.start, span.start)
        end = min(name_span.end, span.end)
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end <= start:
            return None
        text = doc[start:end].text
        word = fold(head.lemma_ if head.pos_ == "NOUN" else head.text)
        gender = _morph(head, "Gender")
        number = _morph(head, "Number") or "Sing"
        first = fold(doc[start].text)
        definite = first in _DEFINITE
        found = self._by_role(text, at, gender) if word in self.heads or definite else None
        if found is None and definite and word in self.lex.media_nouns:
            found = self._latest_label(("MEDIA",), at) or self._latest_label(("ORG",), at)
        if found is None and definite:
            found = self._earlier_description(word, text, at)
        if found is None and definite and number == "Sing" and self._human(word) and not self._names_other(start, end):
            found = self._latest_fitting(text, gender, at)
        if found is not None:
            return _copy(found)
        if doc[start].pos_ == "DET" and doc[start].is_title:  # "L'armée …" at a sentence start
            text = doc[start].lower_ + doc[start].whitespace_ + doc[start + 1 : end].text
        return Referent(text, None, "DESC", gender, number, word)

    def _human(self, word: str) -> bool:
        return word in self.heads or word in self.lex.human_nouns

    def _by_role(self, text: str, at: int, gender: str | None) -> Referent | None:
        """The person whose role the description fits: the latest speaker among them, else the
        latest mentioned."""
        fitting = [c for c in self.ctx.clusters
                   if c.label == "PERSON" and c.roles and _gender_ok(c.gender, gender)
                   and any(fits(text, role) for role in c.roles)]
        if not fitting:
            return None
        keys = {c.key for c in fitting}
        for ref in reversed(self.history):
            if ref.key in keys and ref.position < at:
                return _copy(ref)
        latest = max(fitting, key=lambda c: max((s for s, _ in c.mentions if s < at + 400), default=-1))
        return self._entity_referent(latest, None)

    def _latest_label(self, labels: tuple[str, ...], at: int) -> Referent | None:
        best: tuple[int, EntityCluster] | None = None
        for cluster in self.ctx.clusters:
            if cluster.label in labels:
                for s, _ in cluster.mentions:
                    if s < at and (best is None or s > best[0]):
                        best = (s, cluster)
        return self._entity_referent(best[1], None) if best else None

    def _earlier_description(self, word: str, text: str, at: int) -> Referent | None:
        """"l'armée" after "l'armée israélienne" spoke: the fuller earlier description."""
        words = set(fold(text).split())
        for ref in reversed(self.history):
            if ref.label == "DESC" and ref.head == word and ref.position < at and words <= set(fold(ref.name).split()) | _DETS:
                return ref
        return None

    def _latest_fitting(self, text: str, gender: str | None, at: int) -> Referent | None:
        """"le chercheur", "la chanteuse": the latest speaker, when nothing the article says rules it out."""
        para = self.ctx.paragraph_of(at)
        for ref in reversed(self.history):
            if ref.position >= at or para - ref.paragraph > _PARAGRAPH_REACH:
                continue
            if ref.label == "PERSON" and _gender_ok(ref.gender, gender):
                cluster = next((c for c in self.ctx.clusters if c.key == ref.key), None)
                if cluster is None or not _conflicts(text, cluster.roles):
                    return ref
                return None
        return None

    def _names_other(self, start: int, end: int) -> bool:
        """The description names a person or organisation of its own ("le porte-parole de l'ONU")."""
        return any(c.label in ("PERSON", "ORG", "MEDIA") for c, _, _ in self.ctx.entities_in(start, end))


def _is_title(name: str) -> bool:
    """A "person" the recogniser found that is only a title ("Premier ministre", "Directeur")."""
    words = fold(name).replace("-", " ").split()
    heads = {fold(h) for h in role_heads()}
    return bool(words) and all(w in heads or w in ("de", "du", "des", "la", "le", "l'") for w in words)


def _antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: the nearest noun before it, or the title it
    complements ("le porte-parole de l'opposition, qui …" → "porte-parole")."""
    doc = token.doc
    for t in reversed(doc[max(0, token.i - 5) : token.i]):
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
            while head.dep_ in ("nmod", "flat:name") and head.head.i < head.i and head.head.pos_ in ("NOUN", "PROPN"):
                if head.dep_ == "nmod" and fold(head.head.lower_) not in role_heads():
                    break
                head = head.head
            return head
        if not (t.is_punct or t.pos_ in ("ADJ", "DET", "ADP") or t.lower_ in ("pour", "par")):
            break
    verb = token.head
    if verb.dep_ == "acl:relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    return None


def _determiner_before(ctx: DocContext, cluster: EntityCluster, span: Span) -> str | None:
    doc = ctx.doc
    for start, _ in cluster.mentions:
        i = ctx.token_at(start)
        if span.start <= i < span.end:
            first = doc[i]
            if fold(first.text) in _DETS:
                return first.lower_  # the mention has its article; the name had it stripped
            if i > 0 and fold(doc[i - 1].text) in _DETS:
                return doc[i - 1].lower_
            return None
    return None


def _conflicts(description: str, roles: list[str]) -> bool:
    """The description names an office none of the person's roles holds."""
    from sourcier.analyse.quotes.roles import signature

    offices = signature(description).offices
    if not offices or not roles:
        return False
    return not any(offices & signature(r).offices or fits(description, r) for r in roles)


def _morph(token: Token, feature: str) -> str | None:
    values = token.morph.get(feature)
    return values[0] if values else None


def _gender_ok(have: str | None, want: str | None) -> bool:
    return have is None or want is None or have == want


def _agrees(ref: Referent, gender: str | None, number: str) -> bool:
    """Whether a pronoun of ``gender`` and ``number`` can stand for ``ref`` (a group or an
    organisation only when its gender is known: "l'armée" … "elle")."""
    if ref.label == "PERSON":
        return number == "Sing" and _gender_ok(ref.gender, gender)
    if ref.number != number and ref.label == "DESC":
        return False
    if ref.gender is None and gender is not None:
        return False
    return _gender_ok(ref.gender, gender)


def _copy(ref: Referent) -> Referent:
    return Referent(ref.name, ref.key, ref.label, ref.gender, ref.number, ref.head)


def mention_chars(ctx: DocContext, mention: tuple[int, int] | None) -> tuple[int, int] | None:
    if mention is None:
        return None
    start, end = mention
    doc = ctx.doc
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    return char_span(doc, start, end) if end > start else None


def plausible_source(ctx: DocContext, cue) -> bool:
    """Whether the noun phrase after "selon"/"d'après"/"pour" can be a source at all."""
    if cue.subject is None:
        return False
    if cue.attribution is not None and (isinstance(cue.attribution.speaker, int) or cue.attribution.relative):
        return True
    from sourcier.analyse.quotes.lexicon import source_nouns

    start, end = cue.subject
    doc = ctx.doc
    tokens = [t for t in doc[start:end] if not t.is_space]
    if not tokens:
        return False
    if tokens[0].lower_ in ("lui", "elle", "eux", "elles") and len(tokens) == 1:
        return True
    strict = cue.attribution is not None and cue.attribution.initial  # "Pour X, …" is rarely a source
    labels = ("PERSON", "ORG", "MEDIA") if strict else ("PERSON", "ORG", "MEDIA", "GPE")
    if any(ctx.entity_at.get(t.i) and ctx.entity_at[t.i][0].label in labels for t in tokens):
        return True
    lex = role_lexicon()
    words = {fold(t.lemma_) for t in tokens} | {fold(t.text) for t in tokens}
    if strict:
        return bool(words & (lex.human_nouns | role_heads())) and tokens[0].pos_ == "DET"
    if tokens[0].pos_ == "PROPN" or (tokens[0].is_title and tokens[0].i > 0 and not tokens[0].is_sent_start):
        return True
    return bool(words & (source_nouns() | lex.human_nouns | lex.media_nouns | lex.document_nouns | role_heads()))
