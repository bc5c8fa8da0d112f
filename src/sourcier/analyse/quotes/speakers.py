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

The resolver is assembled from mixins, one module a concern: :mod:`.mentions` (which words
of a mention are the speaker, and who can speak), :mod:`.cue_subjects` (the speaker the
cue's verb gives), :mod:`.pronouns`, :mod:`.entities` (mentions to named entities),
:mod:`.descriptions` (descriptions and roles) and :mod:`.documents` (documents and their
authors); :mod:`.referents` holds the :class:`Referent` and what they share.
"""

from __future__ import annotations

from sourcier.analyse.lexicon import fold, role_heads
from sourcier.analyse.quotes.context import DocContext, char_span
from sourcier.analyse.quotes.cue_subjects import CueSubjectsMixin
from sourcier.analyse.quotes.descriptions import DescriptionsMixin
from sourcier.analyse.quotes.documents import DocumentsMixin
from sourcier.analyse.quotes.entities import EntitiesMixin
from sourcier.analyse.quotes.lexicon import role_lexicon
from sourcier.analyse.quotes.mentions import MentionsMixin
from sourcier.analyse.quotes.pronouns import PronounsMixin
from sourcier.analyse.quotes.referents import _IMPERSONAL, Referent, _clean


class SpeakerResolver(MentionsMixin, CueSubjectsMixin, PronounsMixin, EntitiesMixin, DescriptionsMixin, DocumentsMixin):
    """Resolves speaker mentions in text order, remembering who spoke."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.history: list[Referent] = []
        self._quoted_memo: dict[int, object] = {}
        self._text: str | None = None
        self.heads = role_heads()
        self.lex = role_lexicon()

    def resolve(self, mention: tuple[int, int] | None, at: int, cue=None) -> Referent | None:
        """The referent of tokens ``mention`` for a quote at character ``at`` (and remember it).

        A mention that cannot be a speaker ("la Constitution", "les résultats") gives way to
        the subject of the cue's verb, or of the verb it hangs on ("…, rejetant X"), and
        then to the speaker quoted just before in the same paragraph."""
        doc = self.ctx.doc
        referent = None
        if mention is not None and getattr(cue, "kind", None) == "attribution":
            opened = next((t for t in doc[mention[0] : mention[1]] if t.text in ("«", "“")), None)
            q = self._quoted(opened.idx + len(opened.text)) if opened is not None else None
            if q is not None and q.outer[0] == opened.idx:  # "selon des « informations divulguées »"
                close = self.ctx.token_at(q.outer[1] - 1) + 1
                if close - mention[1] <= 6:
                    mention = (mention[0], max(mention[1], close))
            cut = next((t.i for t in doc[mention[0] + 1 : mention[1]] if t.lower_ in ("que", "qu'", "qui")
                        or _clause_start(t)), None)
            if cut is not None:  # "selon des témoins cités par Reuters qui rappellent que …", "Selon X il tient …"
                mention = (mention[0], cut)
        if mention is not None:
            mention = self._quoted_complement(mention)
            tokens = [t for t in doc[mention[0] : mention[1]] if not t.is_space]
            if len(tokens) == 1 and tokens[0].lower_ in ("un", "une") and tokens[0].pos_ == "PRON":
                one = tokens[0]  # "l'un d'eux", "l'une des manifestantes": one of a group, as written
                mention = (one.left_edge.i, one.right_edge.i + 1)
                tokens = list(doc[mention[0] : mention[1]])
            if not tokens:
                mention = None
            elif self._quoted_mention(tokens[0], cue) or (mention[0] > 0 and doc[mention[0] - 1].lower_ == "comme") \
                    or any((t.is_quote and getattr(cue, "kind", None) != "attribution" and not _quoted_name(tokens))
                           or (t.lower_ in ("que", "qu'") and t.pos_ == "SCONJ") for t in tokens):
                # a clause, not a noun phrase: "une colonne du Telegraph que « … »"
                mention = None  # "« Nous … », a-t-il fait valoir, louant …": a word of the quotation
            elif len(tokens) == 1 and tokens[0].lower_.lstrip("-") in _IMPERSONAL:
                referent = self._learnt_by_someone(cue, at) or self._read_in(cue, at)  # "a-t-on appris de source policière"
                if referent is None:
                    return None
                mention = None
            else:
                joined = self._whole_words(mention)
                glued = joined[0] < mention[0]
                mention = self._apposition_part(joined, cue)
                whole = self._whole_coordination(mention)
                if whole != mention:
                    mention = whole
                    referent = self._coordination(doc[whole[0] : whole[1]], parsed=False)
                else:
                    referent = self._mention_referent(mention, at)
                    if glued and referent is not None and referent.label == "DESC" and referent.key is None \
                            and mention == joined:  # "l'état-major français": the parse split the word
                        words = doc[mention[0] : mention[1]]
                        first = words[0].lower_ if words[0].pos_ == "DET" else words[0].text
                        referent.name = _clean(first + words[0].whitespace_ + words[1:].text)
                verb = getattr(cue, "verb", None)
                relayed = self._relay(verb, mention, at)
                if relayed is not None:  # "X, cité par Xinhua, a estimé": X, not the outlet
                    referent = relayed
                source = self._learnt_from(verb, mention, at) or self._cited(verb, at) \
                    or self._object_of_past_infinitive(verb, mention) or self._gerund_subject(verb, mention, at)
                if source is not None:  # "a appris l'AFP de sources concordantes"
                    referent = source
                if referent is not None and referent.label == "DESC" and verb is not None \
                        and referent.head in self.lex.document_nouns:
                    agent = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
                    if agent is not None:  # "la réponse donnée par le président de la Douma, X"
                        referent = self._subject_referent(agent, at, strict=True) or referent
                if referent is not None and not self._speaker_like(referent) \
                        and getattr(cue, "kind", None) != "attribution" \
                        and not self._inverted_description(cue, mention):  # "selon X": X was found a source
                    referent = None
        if referent is None and cue is not None:
            referent = self._from_cue(cue, at, mention)
        if referent is not None:
            where = doc[mention[0]].idx if mention is not None else at
            referent.position = where
            referent.paragraph = self.ctx.paragraph_of(where)
            self.history.append(referent)
        return referent

    def _quoted_complement(self, mention: tuple[int, int]) -> tuple[int, int]:
        """"l'équipe de « Quotidien »": a mention cut before the quoted name its last "de" takes
        (a programme, a title), with that name."""
        doc = self.ctx.doc
        start, end = mention
        if end >= len(doc) or end - start < 2 or doc[end - 1].lower_ not in ("de", "du", "des", "d'") \
                or doc[end].text not in ("«", "“", '"'):
            return mention
        q = self._quoted(doc[end].idx + len(doc[end].text))
        if q is None or q.outer[0] != doc[end].idx:
            return mention
        close = self.ctx.token_at(q.outer[1] - 1) + 1
        return (start, close) if close - end <= 6 and doc[end + 1].text[:1].isupper() else mention

    def _inverted_description(self, cue, mention: tuple[int, int]) -> bool:
        """"…, a confié une cliente", "…, ont indiqué les secours": a noun phrase with its
        article right after a reporting verb that follows the words is who said them."""
        if getattr(cue, "kind", None) != "verb" or not cue.inverted or mention[0] < cue.end:
            return False
        doc = self.ctx.doc
        first, last = doc[mention[0]], doc[mention[1] - 1]
        root = doc[mention[0] : mention[1]].root
        after = doc[mention[1]] if mention[1] < len(doc) else None
        ends_clause = after is None or after.is_punct or after.is_space \
            or (after.pos_ == "ADP" and after.lower_ not in ("à", "au", "aux", "de", "d'"))
        # not an object: "…, a appelé les deux capitales à …", "a qualifié cette décision de …"
        one = root.lower_ in ("un", "une") and root.pos_ == "PRON"  # "…, a confié l'un des travailleurs"
        return first.pos_ == "DET" and (root.pos_ == "NOUN" or one) and last.pos_ != "ADP" and ends_clause \
            and not self._quoted_mention(first, cue)

    def previous(self, at: int) -> Referent | None:
        """The latest speaker before character ``at``, if recent enough (for a floating quote)."""
        para = self.ctx.paragraph_of(at)
        before = [ref for ref in self.history if ref.position < at]  # floating quotes are remembered out of order
        latest = max(before, key=lambda ref: ref.position) if before else None
        if latest is not None and para - latest.paragraph > 2:
            latest = None
        person = self._subject_just_before(at)
        if person is not None and (latest is None or person.position > latest.position):
            return person  # "Awa Diallo vend des légumes depuis vingt ans. « Les prix ont doublé. »"
        return latest

    def _subject_just_before(self, at: int) -> Referent | None:
        """A person who is the subject of the sentence before a floating quotation, in its
        paragraph: who the quotation is about to let speak."""
        i = self.ctx.token_at(at)
        s, _ = self.ctx.sentence_of(i)
        s, _ = self.ctx.sentence_of(max(0, s - 1))
        person = self._latest_person(at, None, "Sing", subject=True)
        if person is None or person.position < self.ctx.doc[s].idx \
                or person.paragraph != self.ctx.paragraph_of(at):
            return None
        return person

    def remember(self, referent: Referent, at: int) -> None:
        self.history.append(
            Referent(referent.name, referent.key, referent.label, referent.gender, referent.number, referent.head,
                     at, self.ctx.paragraph_of(at))
        )


def _quoted_name(tokens: list) -> bool:
    """A name in quotation marks after its article, a media noun or a "de" (`le "Dailymail"`, `le
    magazine "Hello"`, `l'équipe de « Quotidien »`): a noun phrase, not a clause with quoted words."""
    marks = [k for k, t in enumerate(tokens) if t.is_quote]
    if not marks or len(marks) > 2 or (len(marks) == 2 and marks[1] != len(tokens) - 1):
        return False
    inside = (marks[1] if len(marks) == 2 else len(tokens)) - marks[0] - 1
    return 1 <= inside <= 4 and tokens[marks[0] + 1].text[:1].isupper() \
        and all(t.pos_ in ("DET", "NOUN", "ADJ") or t.lower_ in ("de", "du", "des", "d'") for t in tokens[: marks[0]])


_SUBJECT_CLITICS = frozenset({"il", "elle", "ils", "elles", "on", "je", "j'", "nous", "vous", "tu"})


def _clause_start(token) -> bool:
    """A subject clitic or a finite verb: a clause begins, the source's noun phrase has ended
    ("Selon Le Figaro il tient en privé des propos …", a comma the writer left out)."""
    if token.lower_ in _SUBJECT_CLITICS and token.pos_ == "PRON":
        return True
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


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
    from sourcier.analyse.quotes.lexicon import source_nouns, title_heads

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
        return bool(words & (lex.human_nouns | title_heads())) and tokens[0].pos_ == "DET"
    if tokens[0].pos_ == "PROPN" or (tokens[0].is_title and tokens[0].i > 0 and not tokens[0].is_sent_start):
        return True
    return bool(words & (source_nouns() | lex.human_nouns | lex.group_nouns | lex.media_nouns | lex.document_nouns
                         | title_heads()))
