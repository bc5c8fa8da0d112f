"""Cues: the words that introduce reported speech, and the mention of who speaks.

Two kinds. A *verb cue* is a reporting verb with its auxiliaries, negation and
adverbs ("a déclaré", "n'a pas manqué de préciser", "a-t-il ajouté",
"a également fait savoir"); its speaker is the inverted clitic ("-t-il"), the
parser's subject, the noun phrase after it when it follows the quote ("…,
a déclaré le ministre"), or, for a participle ("affirmant que"), the subject of
the clause it hangs on. An *attribution cue* is a phrase such as "selon X",
"d'après X", "à l'en croire", "pour X," (:mod:`.lexicon`).

The parser labels "-il" as impersonal and a sentence-initial "Il" as expletive;
both are read here as ordinary subjects.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sourcier.analyse.lexicon import fold
from sourcier.analyse.quotes.context import DocContext, subtree_span
from sourcier.analyse.quotes.lexicon import AttributionCue, Verb, verb_lemma, verbs

_SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj", "expl")
_CLITICS = {"-il", "-elle", "-ils", "-elles", "-on"}
_AUX_LEMMAS = {"avoir", "être"}
_CUE_ADVERBS = {"ne", "n'", "pas", "plus", "jamais", "également", "aussi", "encore", "déjà", "ensuite", "alors",
                "enfin", "d'ailleurs", "lui-même", "elle-même", "eux-mêmes", "pourtant", "toutefois", "cependant",
                "bien", "même", "notamment", "aussitôt", "récemment", "publiquement", "clairement", "fermement",
                "formellement", "-t", "en"}
_NP_STOP = {"selon", "dans", "lors", "devant", "avant", "après", "sur", "pendant", "depuis", "qui", "que", "dont",
            "lorsqu'", "lorsque", "quand", "car", "mais", "et", "ou", "alors", "pour", "avec", "en"}


@dataclass(slots=True)
class Cue:
    """A cue: its words (tokens [start, end)), its lexeme and the mention of its speaker."""

    kind: str  # "verb" | "attribution"
    start: int
    end: int
    frames: frozenset[str]
    verb: Token | None = None  # the reporting verb (the last word of "fait savoir")
    attribution: AttributionCue | None = None
    subject: tuple[int, int] | None = None  # token range of the speaker mention
    inverted: bool = False  # the speaker comes after the cue

    @property
    def words(self) -> tuple[int, int]:
        return self.start, self.end


# -- verb cues ------------------------------------------------------------------------


def find_verb_cues(ctx: DocContext) -> list[Cue]:
    """Every reporting verb of the document, with its cue words and speaker mention."""
    doc, lex, cues = ctx.doc, verbs(), []
    skip_until = -1
    for token in doc:
        if token.i < skip_until or token.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
            continue
        found = _lexeme(token, lex)
        if found is None:
            continue
        verb, last = found
        if token.pos_ in ("NOUN", "ADJ") and not _verbal_context(token):
            continue
        start = _cue_start(doc, token.i)
        end = _cue_end(doc, last.i)
        cue = Cue("verb", start, end, verb.frames, verb=last)
        cue.subject, cue.inverted = _verb_subject(ctx, cue, token)
        cues.append(cue)
        skip_until = end
    return cues


def _lexeme(token: Token, lex) -> tuple[Verb, Token] | None:
    """The reporting verb that starts at ``token`` and its last word, if any."""
    doc = token.doc
    lemma = verb_lemma(token)
    nxt = _next_word(doc, token.i)
    if nxt is not None:
        second = lex.compound.get((lemma, verb_lemma(nxt))) or lex.compound.get((lemma, nxt.lower_))
        if second is None and nxt.lower_ in ("à", "en") and _next_word(doc, nxt.i) is not None:
            after = _next_word(doc, nxt.i)
            second = lex.compound.get((lemma, verb_lemma(after))) or lex.compound.get((lemma, after.lower_))
            if second is not None:
                return second, after
        if second is not None:
            return second, nxt
    if _reflexive(token) and lemma in lex.reflexive:
        return lex.reflexive[lemma], token
    verb = lex.simple.get(lemma)
    return (verb, token) if verb else None


def _next_word(doc: Doc, i: int) -> Token | None:
    """The next token after ``i``, skipping adverbs and inverted clitics."""
    for t in doc[i + 1 : i + 4]:
        if t.lower_ in _CUE_ADVERBS or t.lower_ in _CLITICS or t.pos_ == "ADV":
            continue
        return t
    return None


def _reflexive(token: Token) -> bool:
    doc = token.doc
    for t in reversed(doc[max(0, token.i - 3) : token.i]):
        if t.lower_ in ("se", "s'", "me", "m'", "nous", "vous"):
            return True
        if not (t.pos_ == "AUX" or t.lower_ in _CUE_ADVERBS):
            return False
    return False


def _verbal_context(token: Token) -> bool:
    """A form the tagger read as a noun is a verb after an auxiliary or before a clitic ("estime-t-il")."""
    doc = token.doc
    prev = doc[token.i - 1] if token.i else None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return bool((prev is not None and prev.lemma_ in _AUX_LEMMAS and prev.pos_ == "AUX")
                or (nxt is not None and (nxt.lower_ in _CLITICS or nxt.lower_ == "-t" or nxt.lower_ == "que")))


def _cue_start(doc: Doc, i: int) -> int:
    """Walk left over auxiliaries, negation, adverbs and support verbs ("n'a pas manqué de")."""
    lex = verbs()
    start = i
    j = i - 1
    while j >= 0:
        t = doc[j]
        low = t.lower_
        if (t.pos_ == "AUX" and t.lemma_ in _AUX_LEMMAS) or low in _CUE_ADVERBS or low in _CLITICS:
            start = j if low not in _CLITICS and low != "-t" else start
            j -= 1
            continue
        if low in ("de", "d'", "à") and j > 0 and verb_lemma(doc[j - 1]) in lex.support:
            j -= 1
            start = j
            continue
        if verb_lemma(t) in lex.support and t.pos_ in ("VERB", "AUX"):
            start = j
            j -= 1
            continue
        if low in ("se", "s'"):
            start = j
        break
    # keep the clitics of "a-t-il": they sit inside the cue words
    return start


def _cue_end(doc: Doc, i: int) -> int:
    """The cue ends after the verb and its inverted clitic ("estime-t-il")."""
    end = i + 1
    if end < len(doc) and doc[end].lower_ == "-t":
        end += 1
    if end < len(doc) and doc[end].lower_ in _CLITICS:
        end += 1
    return end


def _verb_subject(ctx: DocContext, cue: Cue, first: Token) -> tuple[tuple[int, int] | None, bool]:
    doc = ctx.doc
    for t in doc[cue.start : cue.end]:
        if t.lower_ in _CLITICS:
            return (t.i, t.i + 1), True
    if _follows_content(doc, cue.start):
        after = noun_phrase_after(ctx, cue.end)
        if after is not None:
            return after, True
    for head in _subject_hosts(cue.verb, first):
        for child in head.children:
            if child.dep_ in _SUBJECT_DEPS and not (cue.start <= child.i < cue.end):
                return _mention(child, cue), child.i > cue.verb.i
        if head.dep_ == "acl" and head.head.pos_ in ("PROPN", "NOUN"):
            return _mention(head.head, cue), False
    after = noun_phrase_after(ctx, cue.end) if _clause_final(doc, cue.end) else None
    return (after, True) if after else (None, False)


def _subject_hosts(verb: Token, first: Token) -> list[Token]:
    """The verb, then the words whose subject it shares: support verb, coordination, participle host."""
    hosts = [verb]
    t = verb
    for _ in range(3):
        if t.dep_ in ("xcomp", "dep", "conj", "advcl", "ccomp") and t.head is not t:
            t = t.head
            hosts.append(t)
        else:
            break
    if first is not verb and first not in hosts:
        hosts.insert(1, first)
    return hosts


def _mention(token: Token, cue: Cue) -> tuple[int, int]:
    if token.lower_ in ("qui",) or token.pos_ == "PRON":
        return token.i, token.i + 1
    span = subtree_span(token, frozenset({"acl:relcl", "acl", "punct", "cc", "conj", "advcl"}))
    start, end = span.start, span.end
    if start < cue.start <= end - 1 or start < cue.end <= end - 1:  # never over the cue
        start, end = (start, cue.start) if token.i < cue.start else (cue.end, end)
    return start, end


def _follows_content(doc: Doc, i: int) -> bool:
    """The cue comes right after a quotation or a comma: an inverted subject follows it."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j >= 0 and doc[j].text in (",", "»", "”", '"', "›", "—", "–")


def _clause_final(doc: Doc, i: int) -> bool:
    for t in doc[i : i + 12]:
        if t.text in (".", "!", "?", ";") or t.is_space:
            return True
        if t.text in ("que", "qu'", "de", "d'", "à", ":", "«"):
            return False
    return True


def noun_phrase_after(ctx: DocContext, i: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i`` (an inverted subject), up to punctuation or a preposition."""
    doc = ctx.doc
    while i < len(doc) and (doc[i].lower_ in ("à", "au", "aux") and False):
        i += 1
    if i >= len(doc) or doc[i].pos_ not in ("DET", "PROPN", "NOUN", "X", "ADJ", "NUM") and not doc[i].is_title:
        return None
    end = i
    has_noun = False
    while end < len(doc) and end - i < 15:
        t = doc[end]
        if t.is_punct and t.text not in ("-", "'") or t.is_space:
            break
        if has_noun and (t.lower_ in _NP_STOP or t.pos_ in ("VERB", "AUX", "SCONJ")):
            break
        if t.pos_ in ("NOUN", "PROPN", "X") or t.is_title:
            has_noun = True
        end += 1
    return (i, end) if has_noun and end > i else None


# -- attribution cues -----------------------------------------------------------------


def find_attribution_cues(ctx: DocContext, lexicon: tuple[AttributionCue, ...]) -> list[Cue]:
    """Every "selon X", "d'après X", "à l'en croire", "pour X," … of the document."""
    doc, cues = ctx.doc, []
    folded = [fold(t.text) for t in doc]
    i = 0
    while i < len(doc):
        for entry in lexicon:
            n = len(entry.tokens)
            if tuple(folded[i : i + n]) != entry.tokens:
                continue
            cue = _attribution(ctx, entry, i, i + n)
            if cue is not None:
                cues.append(cue)
                i += n - 1
                break
        i += 1
    return cues


def _attribution(ctx: DocContext, entry: AttributionCue, start: int, end: int) -> Cue | None:
    doc = ctx.doc
    cue = Cue("attribution", start, end, frozenset({"clause"}), attribution=entry)
    if isinstance(entry.speaker, int):
        k = start + entry.speaker
        cue.subject = (k, k + 1)
        return cue
    if entry.speaker == "antecedent":
        if start == 0 or not doc[start - 1].pos_ in ("NOUN", "PROPN"):
            return None
        span = subtree_span(doc[start - 1], frozenset({"acl:relcl", "acl", "punct"}))
        cue.subject = (span.start, min(span.end, start))
        return cue
    np_end = end
    while np_end < len(doc) and np_end - end < 20:
        t = doc[np_end]
        if t.text in (",", ".", ":", ";", "!", "?", "«", '"', "“", "(", ")") or t.is_space:
            break
        np_end += 1
    if np_end == end:
        return None
    if entry.initial and (not _sentence_initial(ctx, start) or np_end >= len(doc) or doc[np_end].text != ","):
        return None
    cue.subject = (end, np_end)
    cue.inverted = True
    return cue


def _sentence_initial(ctx: DocContext, i: int) -> bool:
    s, _ = ctx.sentence_of(i)
    lead = [t for t in ctx.doc[s:i] if not (t.is_space or t.is_punct or t.lower_ in ("mais", "et", "or", "donc"))]
    return not lead
