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

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from sourcier.analyse.lexicon import fold
from sourcier.analyse.quotes.context import DocContext, subtree_span
from sourcier.analyse.quotes.roles import title_complement, title_takes_a
from sourcier.analyse.quotes.lexicon import (AttributionCue, Verb, lemma_of, reporting_nouns, role_lexicon,
                                             source_nouns, title_heads, verb_forms, verb_lemma, verbs,
                                             verbs_known)

_VERBAL_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADV", "X"})  # X: "a tweeté" is tagged so

_SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj", "expl")
_CLITICS = {"-il", "-elle", "-ils", "-elles", "-on"}
_AUX_LEMMAS = {"avoir", "être"}
_CUE_ADVERBS = {"ne", "n'", "pas", "plus", "jamais", "également", "aussi", "encore", "déjà", "ensuite", "alors",
                "enfin", "d'ailleurs", "lui-même", "elle-même", "eux-mêmes", "pourtant", "toutefois", "cependant",
                "bien", "même", "notamment", "aussitôt", "récemment", "publiquement", "clairement", "fermement",
                "formellement", "-t", "en"}
_CUE_PHRASES = {("pour", "sa", "part"), ("pour", "leur", "part"), ("pour", "son", "compte"), ("de", "son", "côté"),
                ("de", "leur", "côté"), ("quant", "à", "lui"), ("quant", "à", "elle"), ("quant", "à", "eux")}
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
    lexeme: Verb | None = None
    passive: bool = False  # "ont été invités à", "accusés de": the subject is not the speaker
    attribution: AttributionCue | None = None
    subject: tuple[int, int] | None = None  # token range of the speaker mention
    inverted: bool = False  # the speaker comes after the cue
    objects: list[int] = field(default_factory=list)  # quotations inside its object ("appelant le « peuple » à")

    @property
    def words(self) -> tuple[int, int]:
        return self.start, self.end


# -- verb cues ------------------------------------------------------------------------


def find_verb_cues(ctx: DocContext) -> list[Cue]:
    """Every reporting verb of the document, with its cue words and speaker mention."""
    doc, lex, cues = ctx.doc, verbs(), []
    known, forms = verbs_known(), verb_forms()
    skip_until = -1
    for i, pos in enumerate(ctx.pos):
        if i < skip_until:
            continue
        lemma = lemma_of(ctx.lemma[i], ctx.lower[i])
        if lemma not in known and ctx.lower[i] not in forms:
            continue
        # in an incise the form is enough: "« … », s'inquiète Martine" ("inquiète" read as the
        # adjective "inquiet"), "lance-t-elle" (read as a name)
        incise = _incise_position(ctx, i)
        if lemma not in known:
            if not incise:
                continue
            lemma = forms[ctx.lower[i]]
        elif not incise and pos not in _VERBAL_POS:
            continue
        token = doc[i]
        found = _lexeme(token, lex, lemma)
        if found is None:
            continue
        verb, last = found
        if not incise and token.pos_ in ("NOUN", "ADJ", "ADV", "X") and not _verbal_context(token) \
                or _so_called(ctx, token):
            continue
        start = _cue_start(doc, token.i)
        if _hypothetical(doc, start, token.i) or _writers_aside(ctx, start, token):
            continue
        end = _cue_end(doc, last.i)
        cue = Cue("verb", start, end, verb.frames, verb=last, lexeme=verb, passive=_passive(doc, start, last))
        cue.subject, cue.inverted = _verb_subject(ctx, cue, token)
        shared = _shared_auxiliary(ctx, cues, cue) or _coordinated(ctx, cues, cue)
        if shared is not None:  # "a affirmé que … et ajouté que …": the first cue's speaker
            cue.subject, cue.inverted, cue.passive = shared.subject, shared.inverted, False
        if verb.speaker_subject and cue.subject and not cue.inverted and not utterer(ctx, *cue.subject, sources=True):
            continue  # "le pont menace de s'effondrer", "la loi prévoit que": the subject cannot speak
        if cue.passive:
            agent = _agent(ctx, cue)
            if agent is not None:
                cue.subject, cue.inverted, cue.passive = agent, True, False  # "informé par X que …"
        cues.append(cue)
        skip_until = end
    return cues


def _shared_auxiliary(ctx: DocContext, cues: list[Cue], cue: Cue) -> Cue | None:
    """The earlier cue of the sentence whose auxiliary a bare participle after "et" shares ("X a
    affirmé que A et ajouté que B": "ajouté" is X's, whatever its parse)."""
    doc = ctx.doc
    verb = cue.verb
    if not cues or cue.start != verb.i or cue.start == 0 or ctx.lower[cue.start - 1] != "et" \
            or not past_participle(verb):
        return None
    last = cues[-1]
    if last.kind != "verb" or last.start == last.verb.i or ctx.sentence_of(last.start) != ctx.sentence_of(cue.start):
        return None
    return last if any(t.pos_ == "AUX" and t.lemma_ == "avoir" for t in doc[last.start : last.verb.i]) else None


COORDINATORS = ("et", "mais", "puis")


def _coordinated(ctx: DocContext, cues: list[Cue], cue: Cue) -> Cue | None:
    """"X a estimé que A mais a reconnu que B": a verb group right after a conjunction, whose parsed
    subject cannot speak (the parse takes one from A), shares the subject of the cue before it."""
    if not cues or cue.start == 0 or ctx.lower[cue.start - 1] not in COORDINATORS:
        return None
    last = cues[-1]
    if last.kind != "verb" or last.inverted or last.subject is None \
            or ctx.sentence_of(last.start) != ctx.sentence_of(cue.start):
        return None
    return last if cue.subject is None or not utterer(ctx, *cue.subject) else None


_NOUN_WINDOW = 6
_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
_BE = {"est", "était", "sera", "serait", "reste"}


def find_noun_cues(ctx: DocContext) -> list[Cue]:
    """Nouns of saying and their content (``nouns`` in the verb lexicon, with their frames): a
    que-clause ("a lancé un avertissement à Varsovie qu'…", "a été l'allégation que …"), de + an
    infinitive ("a annoncé son intention de se présenter") or a que-clause after "être" ("le
    message du ministre est que …"). The speaker is the subject of the verb the noun hangs on, else
    its possessive ("sa promesse") or its "de" complement ("le message du ministre"); a noun of
    nobody's ("l'intention de …") reports nothing but a que-clause."""
    doc, nouns, cues = ctx.doc, reporting_nouns(), []
    for i, pos in enumerate(ctx.pos):
        frames = nouns.get(ctx.lemma[i].lower()) if pos == "NOUN" else None
        if not frames or "Plur" in doc[i].morph.get("Number"):
            continue  # "les déclarations … que l'on entend": plural nouns of saying head relatives
        frame = _noun_frame(ctx, i, frames)
        if frame is None:
            continue
        noun = doc[i]
        cue = Cue("verb", i, i + 1, frozenset({frame}), verb=noun, lexeme=Verb(noun.lemma_, "speech", frozenset({frame})))
        cue.subject = _noun_speaker(ctx, noun, cue)
        if frame != "que" and (cue.subject is None or not utterer(ctx, *cue.subject)):
            continue  # "l'intention de nuire", "la population brûle du désir de …"
        cues.append(cue)
    return cues


def _noun_frame(ctx: DocContext, i: int, frames: frozenset[str]) -> str | None:
    """The frame of the content that follows the noun of saying at ``i``, if any."""
    doc = ctx.doc
    if "de" in frames and _infinitive_object(doc, i):
        return "de"
    if "a" in frames and _infinitive_object(doc, i, ("à",)):
        return "a"  # "sa détermination à poursuivre l'offensive"
    que = next((k for k in range(i + 1, min(len(doc), i + 1 + _NOUN_WINDOW))
                if ctx.lower[k] in ("que", "qu'", "qu’") or ctx.pos[k] in ("AUX", "PUNCT")
                or ctx.pos[k] == "VERB" and "Part" not in doc[k].morph.get("VerbForm")), None)
    if que is None:
        return None
    if "est que" in frames and ctx.lower[que] in _BE and que + 1 < len(doc) and ctx.lower[que + 1] in ("que", "qu'"):
        return "que"  # "le message du ministre est que …"
    if "que" in frames and ctx.lower[que] in ("que", "qu'", "qu’") and ctx.pos[que] == "SCONJ" \
            and not _relative_que(doc, que):
        return "que"
    return None


def _noun_speaker(ctx: DocContext, noun: Token, cue: Cue) -> tuple[int, int] | None:
    head = noun.head
    if noun.dep_ in ("obj", "nsubj", "ROOT", "obl:arg", "attr") or head.i == noun.i:
        host = noun if head.i == noun.i else head
        subj = next((c for c in host.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i != noun.i), None)
        if subj is not None and subj.i < noun.i:
            return _mention(ctx, subj, cue)
    owner = next((c for c in noun.children if c.lower_ in _POSSESSIVES and c.i < noun.i), None)
    if owner is not None:
        return owner.i, owner.i + 1
    of = next((c for c in noun.children if c.dep_ == "nmod" and c.i > noun.i), None)
    if of is not None and utterer(ctx, of.i, of.i + 1):
        return _mention(ctx, of, cue)
    return None


def _agent(ctx: DocContext, cue: Cue) -> tuple[int, int] | None:
    """"a été informé par des informations de presse qu'…": the agent of a passive cue speaks."""
    doc = ctx.doc
    if cue.end < len(doc) and doc[cue.end].lower_ == "par" and cue.lexeme and cue.lexeme.cue in ("speech", "writing"):
        agent = noun_phrase_after(ctx, cue.end + 1)
        # only with reported content after it: not "…, appuyés par des avions"
        if agent and any(t.lower_ in ("que", "qu'", "qu’") for t in doc[agent[1] : agent[1] + 10]):
            return agent
    return None


def _relative_que(doc: Doc, que: int) -> bool:
    """"l'annonce qu'il a faite hier": a relative clause, its participle has no object after it."""
    for k in range(que + 1, min(len(doc), que + 6)):
        t = doc[k]
        if t.pos_ == "AUX" and t.lemma_ == "avoir" and k + 1 < len(doc) and doc[k + 1].pos_ == "VERB":
            nxt = doc[k + 2] if k + 2 < len(doc) else None
            return nxt is None or nxt.pos_ not in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADP", "SCONJ", "VERB")
        if t.pos_ in ("VERB", "AUX") or t.is_punct:
            return False
    return False


def _lexeme(token: Token, lex, lemma: str) -> tuple[Verb, Token] | None:
    """The reporting verb of lemma ``lemma`` that starts at ``token`` and its last word, if any."""
    doc = token.doc
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
    clitic = _reflexive_clitic(token)
    if clitic is not None and lemma in lex.reflexive:
        return lex.reflexive[lemma], token
    if clitic in ("se", "s'"):
        return None  # "ce retard s'explique par …": a reflexive the lexicon does not list is another verb
    verb = lex.simple.get(lemma)
    return (verb, token) if verb else None


def _so_called(ctx: DocContext, token: Token) -> bool:
    """"le mécanisme dit « snapback »", "la procédure dite de sauvegarde": a participle that names,
    after a noun ("dit" only after a noun that cannot speak: "le député dit vouloir …" is speech)."""
    doc = token.doc
    if token.lower_ not in ("dit", "dite", "dits", "dites") or token.i == 0 or doc[token.i - 1].pos_ != "NOUN":
        return False
    return token.lower_ != "dit" or not utterer(ctx, token.i - 1, token.i)  # ("le député dit vouloir …")


_MODALS = ("pouvoir", "devoir")


def _hypothetical(doc: Doc, start: int, verb: int) -> bool:
    """"pourrait clamer son innocence", "devra dire": a modal in the conditional or the future
    carries a verb of saying that was not said."""
    return any(t.lemma_ in _MODALS and ("Cnd" in t.morph.get("Mood") or "Fut" in t.morph.get("Tense"))
               for t in doc[start:verb])


_IMPERSONAL_HOSTS = ("falloir", "convenir", "rester")


def _writers_aside(ctx: DocContext, start: int, verb: Token) -> bool:
    """"Il faut dire que …", "À noter que …", "Rappelons que …", "Il convient de préciser que …": the
    journalist's own aside, with nobody's words in it (an infinitive after an impersonal verb or
    after "à" opening the sentence, a first-person plural imperative)."""
    doc = ctx.doc
    if "Imp" in verb.morph.get("Mood") or verb.lower_.endswith("ons") and start == ctx.sentence_of(start)[0]:
        return True
    if "Inf" not in verb.morph.get("VerbForm") or start == 0:
        return False
    k = start - 1
    if doc[k].lower_ in ("de", "d'") and k > 0:
        k -= 1  # "il convient de rappeler"
    before = doc[k]
    impersonal = before.lemma_ in _IMPERSONAL_HOSTS or before.lower_.startswith("convien")  # (lemmatized "convier")
    if impersonal and any(t.lower_ == "il" for t in doc[max(0, k - 3) : k]):
        return True
    return before.lower_ == "à" and (k == ctx.sentence_of(k)[0] or doc[k - 1].lemma_ in ("être", "rester"))


def utterer(ctx: DocContext, start: int, end: int, sources: bool = False) -> bool:
    """The noun phrase [start, end) can speak: a pronoun, a name, or a head noun for people, groups,
    outlets or documents ("les analystes", "le quotidien", "le rapport"); with ``sources``, any
    noun that can be a source after "selon" as well ("les chiffres")."""
    doc = ctx.doc
    head = next((t for t in doc[start:end] if t.pos_ in ("NOUN", "PROPN", "PRON", "X") or t.i in ctx.entity_at), None)
    if head is None or head.pos_ in ("PROPN", "PRON", "X") or head.i in ctx.entity_at or head.is_title:
        return True
    lex, word, form = role_lexicon(), fold(head.lemma_), fold(head.lower_)
    groups = (lex.human_nouns, lex.group_nouns, lex.media_nouns, lex.document_nouns, title_heads())
    return any(word in nouns or form in nouns for nouns in groups + ((source_nouns(),) if sources else ()))


def _next_word(doc: Doc, i: int) -> Token | None:
    """The next token after ``i``, skipping adverbs and inverted clitics."""
    for t in doc[i + 1 : i + 4]:
        if t.lower_ in _CUE_ADVERBS or t.lower_ in _CLITICS or t.pos_ == "ADV":
            continue
        return t
    return None


_REFLEXIVE_CLITICS = ("se", "s'", "me", "m'", "nous", "vous")


def _reflexive_clitic(token: Token) -> str | None:
    """The reflexive pronoun before a verb ("s'" in "s'est exprimé"), if any."""
    doc = token.doc
    for t in reversed(doc[max(0, token.i - 3) : token.i]):
        if t.lower_ in _REFLEXIVE_CLITICS:
            return t.lower_
        if not (t.pos_ == "AUX" or t.lower_ in _CUE_ADVERBS or t.lower_ in _CLITICS):
            return None  # (an inverted subject stays inside: "s'est-il interrogé")
    return None


def _verbal_context(token: Token) -> bool:
    """A form the tagger read as a noun is a verb after an auxiliary ("a-t-il martelé"), after
    "en" (a gerund), before a clitic or "que" ("estime-t-il", "estime que"), or between a
    quotation and its inverted subject ("« … », soupire la présidente")."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and (nxt.lower_ in _CLITICS or nxt.lower_ == "-t"):
        return True
    if nxt is not None and nxt.lower_ in ("que", "qu'"):
        return not _relative_que(doc, nxt.i)  # not "l'annonce qu'il a faite hier"
    if token.i > 0 and doc[token.i - 1].lower_ == "qui" and token.dep_ in ("acl:relcl", "ROOT", "ccomp"):
        return True  # "l'opposition, qui juge un mandat « … »"
    if _incise_after_quotation(doc, token.i) and nxt is not None and (nxt.pos_ in ("DET", "PROPN", "ADP")):
        return True  # "« C'est un échec », soupire la présidente", "…, raconte à l'AFP le père X"
    if _infinitive_object(doc, token.i) and token.i > 0 and doc[token.i - 1].pos_ in ("NOUN", "PROPN", "PRON"):
        return True  # "Le maire menace de démissionner" (not "une menace de mort")
    for prev in reversed(doc[max(0, token.i - 4) : token.i]):
        if prev.lemma_ in _AUX_LEMMAS and prev.pos_ in ("AUX", "X") or prev.lower_ == "en":  # ("a tweeté": X X)
            return True
        if not (prev.lower_ in _CLITICS or prev.lower_ in _CUE_ADVERBS or prev.pos_ == "ADV"):
            return False
    return False


_INCISE_AUXILIARIES = {"a", "ont", "avait", "avaient", "est", "sont", "était", "étaient", "aura", "auraient", "aurait"}


def _incise_position(ctx: DocContext, i: int) -> bool:
    """The word at ``i`` is where the verb of an incise stands, whatever its tag: before an
    inverted clitic ("balance-t-il"), or after a quotation and a comma, past a reflexive
    pronoun, an auxiliary, a clitic or an adverb of the cue ("« … », s'inquiète Martine",
    "« … », a -t-il insisté"), with a subject or the end of the clause after it."""
    doc = ctx.doc
    if i + 1 < len(doc) and (ctx.lower[i + 1] == "-t" or ctx.lower[i + 1] in _CLITICS):
        return True
    j = i - 1
    while j >= 0 and i - j <= 4 and (ctx.lower[j] in _REFLEXIVE_CLITICS or ctx.lower[j] in _INCISE_AUXILIARIES
                                     or ctx.lower[j] in _CLITICS or ctx.lower[j] in _CUE_ADVERBS):
        j -= 1
    if not _incise_after_quotation(doc, j + 1):
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is None or nxt.is_punct or nxt.pos_ in ("DET", "PROPN", "ADP") or nxt.is_title


def _infinitive_object(doc: Doc, i: int, prepositions: tuple[str, ...] = ("de", "d'")) -> bool:
    """Token ``i`` is followed by "de" (or another of ``prepositions``) and an infinitive."""
    return (i + 2 < len(doc) and doc[i + 1].lower_ in prepositions
            and "Inf" in doc[i + 2 + (doc[i + 2].lower_ in ("se", "s'", "ne", "n'"))].morph.get("VerbForm"))


def _incise_after_quotation(doc: Doc, i: int) -> bool:
    """Token ``i`` follows a closing quotation mark and a comma ("« … », soupire …")."""
    return i > 1 and doc[i - 1].text == "," and doc[i - 2].text in ("»", "”", '"', "›")


def _passive(doc: Doc, start: int, verb: Token) -> bool:
    """"ont été invités à", "est accusé de", or a bare participle on a noun ("soupçonné de")."""
    if any(t.lower_ in ("se", "s'") for t in doc[start : verb.i]):
        return False  # "se sont plaints de": a reflexive verb, its subject speaks
    if any(t.lemma_ == "être" and t.pos_ == "AUX" for t in doc[start : verb.i]):
        return ("Part" in verb.morph.get("VerbForm") and "Pres" not in verb.morph.get("Tense")
                or verb.pos_ == "ADJ" and verb.lower_.endswith(_PARTICIPLE_ENDINGS))  # "sont encouragés", tagged ADJ
    if verb.dep_ == "acl" and "Past" in verb.morph.get("Tense") and not _before_clitic(verb):
        return True
    # "…, soupçonné de préparer un attentat": a bare past participle, not shared with an auxiliary
    # ("a déclaré que … et ajouté que …")
    return (start == verb.i and past_participle(verb)
            and verb.dep_ != "conj" and not any(t.pos_ == "AUX" for t in doc[max(0, start - 2) : start]))


# not "-it", "-int": "dit", "écrit", "craint" are present tense forms as well
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "ite", "its", "ites",
                       "ert", "erte", "erts", "ertes", "inte", "ints", "intes")


def past_participle(token: Token) -> bool:
    """A past participle by its tag and its form (the tagger reads "reproche" as one), never before
    an inverted clitic ("décrit-il" is tagged as one)."""
    return ("Part" in token.morph.get("VerbForm") and "Past" in token.morph.get("Tense")
            and token.lower_.endswith(_PARTICIPLE_ENDINGS) and not _before_clitic(token))


def _before_clitic(token: Token) -> bool:
    """An inverted clitic follows: the verb is finite ("décrit-il", "a-t-il")."""
    doc = token.doc
    return token.i + 1 < len(doc) and (doc[token.i + 1].lower_ in _CLITICS or doc[token.i + 1].lower_ == "-t")


def _cue_start(doc: Doc, i: int) -> int:
    """Walk left over auxiliaries, negation, adverbs and support verbs ("n'a pas manqué de",
    "commencent par rappeler")."""
    lex = verbs()
    start = i
    j = i - 1
    while j >= 0:
        t = doc[j]
        low = t.lower_
        if j >= 2 and tuple(x.lower_ for x in doc[j - 2 : j + 1]) in _CUE_PHRASES:
            j -= 3  # "a pour sa part prévenu": an adverbial, not the speaker
            continue
        if j >= 1 and doc[j - 1].lower_ == "d'" and low == "abord":
            start = j - 1  # "a d'abord lancé"
            j -= 2
            continue
        if (t.pos_ in ("AUX", "X") and t.lemma_ in _AUX_LEMMAS) or low in _CUE_ADVERBS or low in _CLITICS \
                or t.pos_ == "ADV" and j + 1 < len(doc) and doc[j + 1].pos_ in ("VERB", "AUX", "ADV", "NOUN", "ADJ") \
                and not (t.dep_ == "flat:name" or t.ent_type_):  # "M. Dupont avait estimé": a name tagged ADV
            start = j if low not in _CLITICS and low != "-t" else start  # ("a-t-il ainsi déclaré")
            j -= 1
            continue
        if low in ("de", "d'", "à", "par") and j > 0 and verb_lemma(doc[j - 1]) in lex.support:
            j -= 1
            start = j
            continue
        if verb_lemma(t) in lex.support and t.pos_ in ("VERB", "AUX"):
            start = j
            j -= 1
            continue
        if low in ("se", "s'"):
            start = j
        elif low in _DATIVES and j > 0 and doc[j - 1].text in (",", "»", "”", '"'):
            start = j  # "…, m'explique Awa", "…, nous a-t-il confié": the addressee, not the speaker
        elif low in _OBJECT_DATIVES and t.pos_ == "PRON":
            start = j  # "Le directeur lui a fait signe que …": the addressee belongs to the verb, not the subject
            j -= 1
            continue
        break
    # keep the clitics of "a-t-il": they sit inside the cue words
    return start


_DATIVES = {"m'", "me", "nous", "vous", "lui", "leur", "t'", "te"}
_OBJECT_DATIVES = {"m'", "me", "lui", "leur", "t'", "te"}  # never a subject


def _cue_end(doc: Doc, i: int) -> int:
    """The cue ends after the verb and its inverted clitic ("estime-t-il")."""
    end = i + 1
    if end < len(doc) and doc[end].lower_ == "-t":
        end += 1
    if end < len(doc) and doc[end].lower_ in _CLITICS:
        end += 1
    return end


def _verb_subject(ctx: DocContext, cue: Cue, first: Token) -> tuple[tuple[int, int] | None, bool]:
    """The speaker mention of a verb cue, and whether it follows the cue."""
    doc = ctx.doc
    clitic = next((t for t in doc[cue.start : cue.end] if t.lower_ in _CLITICS), None)
    parsed = _parsed_subject(cue, first)
    if clitic is not None:
        if parsed is not None and parsed.head.i == cue.verb.i and parsed.pos_ in ("NOUN", "PROPN") \
                and _mention(ctx, parsed, cue)[1] == cue.start:
            return _mention(ctx, parsed, cue), False  # "pourquoi la Russie affirme-t-elle …"
        return (clitic.i, clitic.i + 1), True
    if parsed is not None and _apposed_subject(ctx, parsed, cue):
        return _mention(ctx, parsed, cue), False  # "La ministre, Anne Dupuis, a accusé mardi Rabat de …"
    apposed = _apposition_before(ctx, cue)
    if apposed is not None:
        return apposed, False
    if (_follows_content(doc, cue.start) or _after_comme(doc, cue.start)) and not _present_participle(cue.verb):
        after = noun_phrase_after(ctx, cue.end)
        if after is not None and not _object_after(ctx, cue, parsed, after):
            return after, True  # "…, a déclaré le ministre", "comme l'a rappelé la ministre"
    if parsed is not None and parsed.i < cue.start and _reliable(ctx, parsed, cue):
        return _mention(ctx, parsed, cue), False
    adjacent = _chunk_before(ctx, cue.start) or _entity_before(ctx, cue.start) or _last_named_before(ctx, cue.start)
    if adjacent is not None:
        return adjacent, False
    if parsed is None and fronted(ctx, cue):  # "Reconnaissant que …, les responsables ont …"
        main = main_clause_subject(doc, cue.end, ctx.sentence_of(cue.start)[1])
        if main is not None:
            return _mention(ctx, main, cue), False
    if parsed is not None:
        return _mention(ctx, parsed, cue), parsed.i > cue.verb.i
    host_clitic = _host_clitic(cue, first)
    if host_clitic is not None:
        return (host_clitic.i, host_clitic.i + 1), False
    for head in _subject_hosts(cue.verb, first):
        if head.dep_ == "acl" and head.head.pos_ in ("PROPN", "NOUN"):
            return _mention(ctx, head.head, cue), False
    after = noun_phrase_after(ctx, cue.end) if _clause_final(doc, cue.end) else None
    return (after, True) if after else (None, False)


_FRONTING = {"après", "avant", "de", "d'", "pour", "sans"}  # "Après avoir rappelé que …"


def _object_after(ctx: DocContext, cue: Cue, parsed: Token | None, after: tuple[int, int]) -> bool:
    """"L'actrice, connue pour « La Mer », a raconté l'incident": the noun phrase after the verb is
    its object, not an inverted subject, when the verb has a subject before it, outside quotations."""
    if parsed is None or parsed.i >= cue.start or parsed.head.i != cue.verb.i or parsed.pos_ not in ("NOUN", "PROPN") \
            or ctx.inside_quotation(parsed.idx) is not None:
        return False
    own = range(parsed.left_edge.i, parsed.right_edge.i + 1)  # ("L'actrice, qui a joué dans « … », a raconté …")
    if any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") and t.i not in own
           and ctx.inside_quotation(t.idx) is None for t in ctx.doc[parsed.i : cue.start]):
        return False  # "L'association a porté plainte, révèle le quotidien": a clause, then an incise
    return not utterer(ctx, *after) and any(t.dep_ == "obj" and t.head.i == cue.verb.i for t in ctx.doc[after[0] : after[1]])


def fronted(ctx: DocContext, cue: Cue) -> bool:
    """The cue is a participle, or an infinitive after a preposition, that opens its sentence
    ("Estimant que …, le préfet a …", "Après avoir rappelé que …, la maire …")."""
    doc = ctx.doc
    lead, _ = ctx.sentence_of(cue.start)
    while lead < cue.start and (doc[lead].is_space or doc[lead].text in (",", "-", "—")
                                or doc[lead].lower_ in ("mais", "et", "or")):
        lead += 1
    if any(doc[k].lower_ not in _FRONTING for k in range(lead, cue.start)):
        return False
    return _present_participle(cue.verb) or lead < cue.start and any(
        "Inf" in t.morph.get("VerbForm") for t in doc[cue.start : cue.verb.i + 1])


def main_clause_subject(doc: Doc, start: int, end: int) -> Token | None:
    """The subject that opens the main clause after a comma in [start, end), once a fronted
    clause is over: a clause with no word of its own joining it to the one before ("et", "que",
    a relative), wherever the parser hangs it ("Reconnaissant que A, les responsables ont …")."""
    for k in range(start + 1, end):
        if doc[k].text != "," or k + 1 >= len(doc):
            continue
        subj = doc[k + 1]
        while subj.dep_ not in ("nsubj", "nsubj:pass") and subj.head.i != subj.i and k < subj.head.i <= k + 4:
            subj = subj.head  # from "le" to "préfet"
        verb = subj.head
        if subj.dep_ in ("nsubj", "nsubj:pass") and subj.left_edge.i == k + 1 and verb.i > subj.i \
                and not (start <= verb.head.i < k and _linked(verb)):  # the main clause, not one inside the content
            return subj
    return None


def _linked(verb: Token) -> bool:
    """The verb's clause is joined to the one before by a word of its own ("et", "mais", "que",
    "quand") or is a relative."""
    return verb.dep_ == "acl:relcl" or any(c.dep_ in ("cc", "mark") for c in verb.children)


def _apposed_subject(ctx: DocContext, parsed: Token, cue: Cue) -> bool:
    """The comma before the cue closes the subject's apposition ("Le président, Macky Sall, a
    appelé …"), not reported content: no inverted subject follows. Not a noun phrase after
    "que" ("… aussi exposés que l'an dernier, a annoncé l'ONU")."""
    doc = ctx.doc
    if not (parsed.dep_.startswith("nsubj") and parsed.pos_ in ("NOUN", "PROPN") and parsed.i < cue.start):
        return False
    before = parsed.left_edge.i - 1
    if before >= 0 and ctx.lower[before] in ("que", "qu'", "qu’"):
        return False
    if doc[cue.start - 1].text != "," or parsed.right_edge.i < cue.start - 2:
        return False
    return not any(t.is_quote or t.pos_ in ("VERB", "AUX") for t in doc[parsed.left_edge.i : cue.start])


def _apposition_before(ctx: DocContext, cue: Cue) -> tuple[int, int] | None:
    """"Le chef de file des députés, Boris Vallaud, critique …" parsed with no subject: a
    sentence that opens with a noun phrase and its apposition, up to the comma before the
    cue, names the speaker (reported content would hold a verb)."""
    doc = ctx.doc
    comma = cue.start - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    s, _ = ctx.sentence_of(comma)
    while s < comma and doc[s].is_space:
        s += 1
    words = doc[s:comma]
    if not words or words[0].pos_ not in ("DET", "PROPN") or len(words) > 25:
        return None
    if not any(t.text == "," for t in words) \
            or any(t.is_quote or t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") for t in words):
        return None
    return s, comma


def _parsed_subject(cue: Cue, first: Token) -> Token | None:
    """The parser's subject of the cue's verb, or of a verb it shares its subject with; of two
    subjects before the verb with a comma between them, the nearer ("Mis en demeure par
    l'association UFC-Que Choisir, Air France a annoncé …", both parsed as subjects: Air France)."""
    for head in _subject_hosts(cue.verb, first):
        subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS and not (cue.start <= c.i < cue.end)]
        before = [c for c in subjects if c.i < cue.start]
        if len(before) > 1 and any(t.text == "," for t in head.doc[before[-2].i : before[-1].i]):
            return before[-1]  # not "le président Vladimir Poutine", one noun phrase parsed as two subjects
        if subjects:
            return subjects[0]
    return None


def _host_clitic(cue: Cue, first: Token) -> Token | None:
    """"affirme-t-il, avant de poursuivre : …": the clitic subject of the verb the cue hangs on."""
    doc = first.doc
    for head in _subject_hosts(cue.verb, first)[1:]:
        for t in doc[head.i + 1 : head.i + 3]:
            if t.lower_ in _CLITICS:
                return t
    return None


def _reliable(ctx: DocContext, token: Token, cue: Cue) -> bool:
    """A parsed subject we trust: a pronoun, an entity, or a noun phrase that ends at the cue."""
    if token.pos_ == "PRON" or token.i in ctx.entity_at:
        return True
    return _subject_span(token).end >= cue.start - 1


_CHUNK_POS = {"DET", "NOUN", "PROPN", "ADJ", "NUM", "X"}


def _chunk_before(ctx: DocContext, i: int) -> tuple[int, int] | None:
    """The noun phrase that ends right before the cue ("… un journaliste de l'AFP dit …")."""
    doc = ctx.doc
    j = i - 1
    start = i
    while j >= 0 and i - j <= 12:
        t = doc[j]
        if j in ctx.entity_at or t.pos_ in _CHUNK_POS or t.lower_ in ("de", "du", "des", "d'") or t.text in ("-", "'"):
            start = j
            j -= 1
            continue
        break
    while start < i and (doc[start].pos_ == "ADP" or doc[start].lower_ in ("de", "du", "des", "d'")):
        start += 1
    if start >= i or doc[i - 1].pos_ not in ("NOUN", "PROPN", "X") and (i - 1) not in ctx.entity_at:
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") for t in doc[start:i]):
        return None
    return start, i


_LAST_NAMED = {("ce", "dernier"), ("cette", "derniere"), ("ces", "derniers"), ("ces", "dernieres")}
_DATIVES = {"lui", "leur", "me", "m'", "nous", "vous", "te", "t'"}


def _last_named_before(ctx: DocContext, i: int) -> tuple[int, int] | None:
    """"Ce dernier lui a rétorqué": "ce dernier" before the cue (and a dative clitic), which the
    parse reads as a determiner and an adjective of the verb, not as its subject."""
    doc = ctx.doc
    j = i - 1
    if j >= 0 and ctx.lower[j] in _DATIVES and doc[j].pos_ == "PRON":
        j -= 1
    if j >= 1 and (fold(ctx.lower[j - 1]), fold(ctx.lower[j])) in _LAST_NAMED:
        return j - 1, j + 1
    return None


def _entity_before(ctx: DocContext, i: int) -> tuple[int, int] | None:
    """A person, organisation or outlet named right before the cue ("…, Joe Incandela, a annoncé")."""
    doc = ctx.doc
    j = i - 1
    if j >= 0 and doc[j].text == ",":
        j -= 1
    hit = ctx.entity_at.get(j) if j >= 0 else None
    if hit is None or hit[2] != j + 1 or hit[0].label not in ("PERSON", "ORG", "MEDIA"):
        return None
    start = hit[1]
    if start > 0 and doc[start - 1].lower_ in ("le", "la", "l'", "les"):
        start -= 1
    return start, hit[2]


def _subject_hosts(verb: Token, first: Token) -> list[Token]:
    """The verb, then the words whose subject it shares: support verb, coordination, participle host."""
    hosts = [verb]
    t = verb
    for _ in range(3):
        if t.dep_ in ("xcomp", "dep", "conj", "advcl", "ccomp") and t.head.i != t.i:
            t = t.head
            hosts.append(t)
        else:
            break
    if first not in hosts:  # Token equality: the same word of the same Doc
        hosts.insert(1, first)
    return hosts


def _subject_span(token: Token):
    """A subject's words, without its relative clauses and participles, but with a title's own
    participle ("le ministre délégué aux Transports", parsed with "délégué" as a participle)."""
    stop = frozenset({"acl:relcl", "acl", "advcl"})
    if any(c.dep_ == "acl" and title_takes_a(c.text) for c in token.children):
        stop = stop - {"acl"}
    return subtree_span(token, stop)


def _mention(ctx: DocContext, token: Token, cue: Cue) -> tuple[int, int]:
    if token.lower_ in ("qui",) or token.pos_ == "PRON":
        return token.i, token.i + 1
    span = _subject_span(token)
    start, end = span.start, span.end
    if start < cue.start <= end - 1 or start < cue.end <= end - 1:  # never over the cue
        start, end = (start, cue.start) if token.i < cue.start else (cue.end, end)
    doc = ctx.doc
    while start < end and (doc[start].pos_ == "ADP" or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    # an entity cut by the parse, or named in apposition before ("Le RHDP, le parti au pouvoir")
    for k in (start, end - 1):
        hit = ctx.entity_at.get(k)
        if hit and (hit[2] <= cue.start or hit[1] >= cue.end):
            start, end = min(start, hit[1]), max(end, hit[2])
    if start >= 2 and doc[start - 1].text == ",":
        hit = ctx.entity_at.get(start - 2)
        if hit and hit[0].label in ("PERSON", "ORG", "MEDIA") and hit[2] == start - 1 and not _governed(doc, hit[1]):
            start = hit[1]
    return start, end


def _present_participle(token: Token) -> bool:
    """"…, poursuivant le voyage": the noun phrase after a present participle is its object."""
    return "Part" in token.morph.get("VerbForm") and "Pres" in token.morph.get("Tense")


def _governed(doc: Doc, i: int) -> bool:
    """The name at ``i`` is the object of a preposition ("contraire à la Constitution, le chef …")."""
    k = i - 1
    if k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    return k >= 0 and doc[k].pos_ == "ADP"


def _follows_content(doc: Doc, i: int) -> bool:
    """The cue comes right after a quotation or a comma: an inverted subject follows it."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j >= 0 and doc[j].text in (",", "»", "”", '"', "›", "—", "–")


def _after_comme(doc: Doc, i: int) -> bool:
    """The cue at ``i`` follows "comme" ("comme le souligne X", "comme l'a rappelé X")."""
    k = i - 1
    if k >= 0 and doc[k].lower_ in ("le", "l'"):
        k -= 1
    return k >= 0 and doc[k].lower_ == "comme"


def _clause_final(doc: Doc, i: int) -> bool:
    for t in doc[i : i + 12]:
        if t.text in (".", "!", "?", ";") or t.is_space:
            return True
        if t.text in ("que", "qu'", "de", "d'", "à", ":", "«"):
            return False
    return True


def noun_phrase_after(ctx: DocContext, i: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i`` (an inverted subject), up to punctuation or a
    preposition other than a title's own "à" ("le ministre délégué à la Santé"); a date or an
    addressee first is skipped ("a déclaré mercredi à l'AFP M. X")."""
    doc = ctx.doc
    i = _skip_adjuncts(ctx, i)
    if i >= len(doc) or doc[i].pos_ not in ("DET", "PROPN", "NOUN", "X", "ADJ", "NUM") and not doc[i].is_title:
        return None
    end = i
    has_noun = False
    while end < len(doc) and end - i < 15:
        t = doc[end]
        if t.is_punct and t.text not in ("-", "'") or t.is_space:
            break
        if has_noun and (t.lower_ in _NP_STOP or (t.pos_ in ("VERB", "AUX", "SCONJ") and not title_takes_a(t.text))
                         or t.lower_ in _DAYS
                         or (t.lower_ in ("à", "au", "aux") and not title_complement(doc, end))):
            break  # "a dit le ministre à la presse", but "a dit le ministre délégué à la Santé"
        if t.pos_ in ("NOUN", "PROPN", "X") or t.is_title \
                or (t.lower_ in ("un", "une") and t.pos_ == "PRON" and end > i and doc[end - 1].lower_ == "l'"):
            has_noun = True  # "l'un d'eux", "l'une des manifestantes"
        end += 1
    return (i, end) if has_noun and end > i else None


_TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "soir", "matin",
               "aujourd'hui", "dernier", "dernière", "mi", "jour", "week-end", "encore", "également", "aussi",
               "ensuite", "enfin", "alors", "déjà", "lors"}


_DAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui"}
_OWN_PART = {("pour", "part"), ("de", "côté"), ("à", "tour")}  # "pour sa part", "de son côté", "à son tour"
_MONTHS = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
           "décembre"}


def _date_end(doc: Doc, i: int) -> int | None:
    """The end of a date at ``i`` ("6 mai", "le 14 janvier 2021", "ce 3 juin"), else None: words
    between a verb and its inverted subject, never part of it."""
    j = i + 1 if doc[i].lower_ in ("le", "ce") else i
    if j + 1 >= len(doc) or not (doc[j].like_num or doc[j].lower_ == "1er") or doc[j + 1].lower_ not in _MONTHS:
        return None
    j += 2
    return j + 1 if j < len(doc) and doc[j].like_num and len(doc[j].text) == 4 else j
_ADJUNCT_PREPOSITIONS = {"dans", "sur", "lors", "devant", "pendant", "depuis"}


def _adjunct_end(ctx: DocContext, i: int) -> int | None:
    """The end of "dans un communiqué", "lors d'une conférence de presse" at ``i``, when a name or a
    determiner follows it (the inverted subject), else None."""
    doc = ctx.doc
    j = i + 1
    if j < len(doc) and doc[j].lower_ in ("de", "d'", "du", "des"):
        j += 1
    if j < len(doc) and doc[j].pos_ == "DET":
        j += 1
    if j >= len(doc) or doc[j].pos_ != "NOUN" or j in ctx.entity_at:
        return None
    j += 1
    while j < len(doc) and (doc[j].pos_ == "ADJ" or _bare_participle(doc[j])):  # "dans une lettre ouverte"
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ == "de" and doc[j + 1].pos_ == "NOUN":
        j += 2  # "lors d'une conférence de presse"
    return j if j < len(doc) and (doc[j].pos_ in ("DET", "PROPN") or j in ctx.entity_at) else None


def _bare_participle(token: Token) -> bool:
    """A past participle that qualifies the noun before it and has no words of its own ("une
    lettre ouverte"): an adjective the tagger read as a verb (the parse may hang the inverted
    subject after it on it)."""
    return token.pos_ == "VERB" and "Part" in token.morph.get("VerbForm") and token.dep_ in ("acl", "amod") \
        and all(c.i > token.i and c.dep_ in ("nsubj", "nsubj:pass", "obj") for c in token.children)


def _skip_adjuncts(ctx: DocContext, i: int) -> int:
    doc = ctx.doc
    while i < len(doc):
        t = doc[i]
        if t.lower_ in _TIME_WORDS or (t.pos_ == "ADV" and not t.is_title and t.lower_ != "auprès"):
            i += 1
        elif i + 2 < len(doc) and (t.lower_, doc[i + 2].lower_) in _OWN_PART and doc[i + 1].pos_ == "DET":
            i += 3  # "commente pour sa part l'ancien ministre", "a répondu de son côté X"
        elif _date_end(doc, i) is not None:
            i = _date_end(doc, i)  # "a estimé mercredi 6 mai le secrétaire général"
        elif t.lower_ in _ADJUNCT_PREPOSITIONS and _adjunct_end(ctx, i) is not None:
            i = _adjunct_end(ctx, i)  # "…, précise dans un communiqué Isabelle Dugelet"
        elif t.lower_ in ("à", "au", "aux", "auprès") and i + 1 < len(doc):
            j = i + 1
            if doc[j].lower_ in ("de", "du", "des", "d'"):
                j += 1
            if doc[j].pos_ == "DET" or doc[j].lower_ in ("l'", "la", "le", "les"):
                j += 1
            hit = ctx.entity_at.get(j)
            j = hit[2] if hit and hit[1] >= i else j + 1  # "à La Gazette du Nord": the article is the name's
            while j < len(doc) and doc[j].pos_ == "ADJ":
                j += 1
            if j >= len(doc) or doc[j].is_punct:
                return i
            i = j
        elif t.lower_ in _ADVERBIAL_PREPOSITIONS:
            j = _after_adverbial(ctx, i + 1)
            if j is None:
                return i
            i = j
        else:
            return i
    return i


_ADVERBIAL_PREPOSITIONS = {"en", "devant", "dans", "lors", "pendant", "depuis", "sur", "durant", "après", "avant"}
_NEW_PHRASE_DETS = {"le", "la", "l'", "les", "un", "une"}


def _after_adverbial(ctx: DocContext, i: int) -> int | None:
    """"a déclaré mercredi en conseil des ministres Emmanuel Macron": where the noun phrase
    after an adverbial phrase starts (a name, or a determiner after a noun), if one does."""
    doc = ctx.doc
    if i < len(doc) and doc[i].lower_ in ("de", "d'"):  # "lors de"
        i += 1
    seen_noun = False
    for j in range(i, min(len(doc), i + 8)):
        t = doc[j]
        if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or t.lower_ in ("que", "qu'"):
            return None
        hit = ctx.entity_at.get(j)
        if seen_noun and hit is not None and hit[1] == j and hit[0].label in ("PERSON", "ORG", "MEDIA") \
                and doc[j - 1].pos_ != "ADP":
            return j
        if seen_noun and t.lower_ in _NEW_PHRASE_DETS and doc[j - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            return j
        seen_noun = seen_noun or t.pos_ in ("NOUN", "PROPN")
    return None


# -- attribution cues -----------------------------------------------------------------


def find_attribution_cues(ctx: DocContext, lexicon: tuple[AttributionCue, ...]) -> list[Cue]:
    """Every "selon X", "d'après X", "à l'en croire", "pour X," … of the document."""
    cues: list[Cue] = []
    folded = [_folded(w) for w in ctx.lower]
    by_first = _by_first_word(lexicon)  # "selon lesquelles" before "selon"
    free = 0  # the first word not inside a cue found
    for i, word in enumerate(folded):
        if i < free or word not in by_first:
            continue
        for entry in by_first[word]:
            n = len(entry.tokens)
            if tuple(folded[i : i + n]) != entry.tokens:
                continue
            cue = _attribution(ctx, entry, i, i + n)
            if cue is not None:
                cues.append(cue)
                free = i + n
                break
    return cues


@lru_cache(maxsize=4)
def _by_first_word(lexicon: tuple[AttributionCue, ...]) -> dict[str, tuple[AttributionCue, ...]]:
    """The entries by their first word, longest first: only those are tried where a word starts one."""
    ordered = sorted(lexicon, key=lambda entry: -len(entry.tokens))
    firsts = dict.fromkeys(entry.tokens[0] for entry in ordered)
    return {first: tuple(e for e in ordered if e.tokens[0] == first) for first in firsts}


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    return fold(word)


def _attribution(ctx: DocContext, entry: AttributionCue, start: int, end: int) -> Cue | None:
    doc = ctx.doc
    cue = Cue("attribution", start, end, frozenset({"clause"}), attribution=entry)
    if isinstance(entry.speaker, int):
        k = start + entry.speaker
        cue.subject = (k, k + 1)
        return cue
    if entry.speaker == "antecedent":
        k = start - 1
        while k > 0 and doc[k].text in ("»", "”", '"', "›", ",", "–", "—", "-"):
            k -= 1
        if k >= 0 and doc[k].pos_ == "VERB" and doc[k].dep_ == "acl":
            k = doc[k].head.i  # "des « informations divulguées » selon lesquelles"
        if k < 0 or doc[k].pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        noun = doc[k] if doc[k].pos_ != "ADJ" else doc[k].head
        while noun.dep_ == "nmod" and noun.head.i < noun.i and _title_word(noun.head):
            noun = noun.head  # "l'ex-ministre de l'Écologie pour qui": the minister, not the ministry
        span = subtree_span(noun, frozenset({"acl:relcl", "acl"}))
        cue.subject = (span.start, min(span.end, start))
        return cue
    np_end = end
    while np_end < len(doc) and np_end - end < 20:
        t = doc[np_end]
        if t.text in (",", ".", ":", ";", "!", "?", "«", '"', "“", "(", ")") or t.is_space:
            break
        np_end += 1
        if t.lower_ in _STRESSED_PRONOUNS:
            break  # "qui selon lui devraient …": the pronoun is the whole source
    if np_end == end:
        return None
    if entry.initial and (not _sentence_initial(ctx, start) or np_end >= len(doc) or doc[np_end].text != ","
                          or not utterer(ctx, end, np_end, sources=True)) \
            and not _after_quotation(ctx, start, end, np_end):
        return None  # (not "Pour la première fois depuis …, X s'exprime")
    np_end = _appositions(ctx, _apposed_name(ctx, np_end))
    cue.subject = (end, np_end)
    cue.inverted = True
    return cue


_STRESSED_PRONOUNS = {"lui", "elle", "eux", "elles", "moi", "nous", "vous"}
_APPOSITION_WORDS = 25


def _appositions(ctx: DocContext, i: int) -> int:
    """"D'après Guy Moreau, le porte-parole du collectif, l'un des organisateurs, « … »": descriptions
    of the source between commas (a title or a person, "l'un des …"; no verb), and a relative
    clause on it (", qui s'exprimait devant la presse,"), belong to it."""
    doc = ctx.doc
    while i < len(doc) and doc[i].text == ",":
        j = i + 1
        k = j
        relative = ctx.lower[j] in ("qui", "dont")  # ", qui s'exprimait devant la presse,"
        while k < len(doc) and k - j < _APPOSITION_WORDS and doc[k].text not in (",", ".", ";", ":", "«", '"', "“") \
                and not (not relative and doc[k].pos_ in ("VERB", "AUX") and "Fin" in doc[k].morph.get("VerbForm")):
            k += 1
        if k == j or k >= len(doc) or doc[k].text != "," \
                or not (_describes_someone(ctx, j, k) or relative):
            break
        i = k
    return i


def _describes_someone(ctx: DocContext, start: int, end: int) -> bool:
    doc = ctx.doc
    if doc[start].pos_ != "DET":
        return False
    if doc[start + 1].lower_ in ("un", "une") and start + 2 < end and doc[start + 2].lower_ in ("des", "de", "d'"):
        return True  # "l'un des organisateurs"
    head = next((t for t in doc[start:end] if t.pos_ == "NOUN"), None)
    return head is not None and fold(head.lemma_) in title_heads() | role_lexicon().human_nouns


def _title_word(token: Token) -> bool:
    word = fold(token.lemma_)
    return word in title_heads() or word in role_lexicon().human_nouns


def _apposed_name(ctx: DocContext, i: int) -> int:
    """"Selon le président du CERN, Michel Spiro, …": the name in apposition belongs to the source."""
    doc = ctx.doc
    if i < len(doc) and doc[i].text == ",":
        hit = ctx.entity_at.get(i + 1)
        if hit and hit[0].label == "PERSON" and hit[1] == i + 1 and hit[2] < len(doc) and doc[hit[2]].text == ",":
            return hit[2]
    return i


_CLOSING = ("»", "”", '"', "›")


def _after_quotation(ctx: DocContext, start: int, end: int, np_end: int) -> bool:
    """"« Le comble du cynisme », pour Morin": "pour" and someone who can speak, after a quotation
    and a comma, closing the sentence or the paragraph (a headline)."""
    doc = ctx.doc
    if start < 2 or doc[start - 1].text != "," or doc[start - 2].text not in _CLOSING:
        return False
    closes = np_end >= len(doc) or doc[np_end].is_space or doc[np_end].text in (".", "!", "?") \
        or ctx.sentence_of(np_end)[0] == np_end
    return closes and utterer(ctx, end, np_end)


def _sentence_initial(ctx: DocContext, i: int) -> bool:
    s, _ = ctx.sentence_of(i)
    lead = [t for t in ctx.doc[s:i] if not (t.is_space or t.is_punct or t.lower_ in ("mais", "et", "or", "donc"))]
    return not lead
