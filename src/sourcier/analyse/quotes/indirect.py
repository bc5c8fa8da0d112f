"""Indirect and mixed quotes: the content a cue introduces without (only) quotation marks.

A verb cue's content is its complement clause: "que/qu'" + clause, "de/à" +
infinitive, a bare infinitive ("affirme avoir passé …") or a clause after a
colon, as its lexicon entry allows; a noun phrase counts only when it holds a
quotation (then the quote is mixed: "a évoqué une opération « efficace et
réussie »"). A cue after a comma at the end of a sentence ("…, affirment les
analystes") introduces what precedes it; so does "comme l'écrit X". An
attribution cue governs the rest of its sentence ("Selon X, …"), or what
precedes it ("…, selon X"), or both sides of it ("A, selon X, B").

Content runs to the end of its sentence, without the final full stop, and stops
where another cue's clause starts (", a-t-il ajouté", ", selon X", "tandis que
Y a affirmé") and before a colon that opens a quotation. It is mixed when it
holds a quotation and direct when it is nothing but one.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from sourcier.analyse.quotes.candidates import Candidate
from sourcier.analyse.quotes.context import DocContext, char_span, trim_span
from sourcier.analyse.quotes.cues import (COORDINATORS, Cue, _present_participle, fronted, main_clause_subject,
                                          past_participle, utterer)
from sourcier.analyse.quotes.lexicon import comment_nouns

_WINDOW = 14  # tokens between the cue and its "que"/"de" (an indirect object, an adverbial)
_BRIDGE = {"ne", "n'", "pas", "plus", "jamais", "se", "s'", "le", "la", "les", "l'", "lui", "leur", "y", "en", "me",
           "m'", "nous", "vous", "rien", "point"}
_LINKS = {",", "et", "mais", "tandis", "alors", "que", "qu'", "qui", "dont", "lorsque", "lorsqu'", "car", "puis",
          "or", "quand", "avant", "après", "ou", "parce"}
_OPENING = {"«", "“", '"', "‹"}
# A noun of saying gives way to the verb of saying it is the object of ("en affirmant sa volonté
# d'« en finir »": the verb's content is the whole noun phrase).
_NOUN_CUE = 0.8
_CONF = {"attr": 0.6, "que": 0.8, "inf": 0.7, "de": 0.7, "a": 0.65, "np": 0.6, "before": 0.65, "clause": 0.75, "colon": 0.65}


def indirect_candidates(ctx: DocContext, cues: list[Cue], source_ok) -> tuple[list[Candidate], set[int]]:
    """Indirect/mixed candidates of all cues, and the quotations they take in (as mixed or direct)."""
    out: list[Candidate] = []
    cuts = _cut_points(ctx, cues)
    verb_cues = [c for c in cues if c.kind == "verb"]
    for cue in cues:
        if ctx.inside_quotation(ctx.doc[cue.start].idx) is not None:
            continue
        if cue.kind == "verb":
            spans = _verb_content(ctx, cue, cuts)
        elif source_ok(cue):
            spans = _attribution_content(ctx, cue, cuts, verb_cues)
        else:
            spans = []
        for (start, end), how in spans:
            confidence = _CONF[how] * (_NOUN_CUE if cue.verb is not None and cue.verb.pos_ == "NOUN" else 1)
            cand = _typed(ctx, start, end, cue, confidence, loose=how == "before", phrase=how in ("np", "a", "de"),
                          after_preposition=how in ("a", "de"))
            if cand is not None:
                out.extend(_pieces(ctx, cand) or [cand])
    used = {c.quotation for c in out if c.quotation is not None}
    for cue in cues:
        used.update(cue.objects)  # "appelant le « peuple » à …": part of the object, not a quote
    for cand in out:
        used.update(_quotations_in(ctx, cand.start, cand.end))
    return out, used


# -- verb cues ------------------------------------------------------------------------


def _verb_content(ctx: DocContext, cue: Cue, cuts: set[int]) -> list[tuple[tuple[int, int], str]]:
    doc = ctx.doc
    s_start, s_end = ctx.sentence_of(cue.verb.i)
    if _after_comme(doc, cue):
        return _comme_content(ctx, cue, s_start, s_end, cuts)
    if _object_relative(doc, cue):
        return []  # "les « pertes » que Poutine a admis avoir subies": the antecedent is what was said
    frames = cue.frames - ({"de", "a"} if cue.passive else set())
    i = cue.end
    if cue.inverted and cue.subject and cue.subject[0] >= cue.end and not _present_participle(cue.verb):
        i = cue.subject[1]  # (a participle, "en affirmant …", has its subject in the main clause)
    end = s_end
    if frames & {"inf", "inf_state"}:  # "a estimé ne pas avoir eu le temps d'étudier …": the infinitive first
        k = _infinitive_after(doc, _skip_adjunct(doc, _skip_time(doc, i), end), end)
        if k is not None:
            stop = _content_end(ctx, i, s_end, cuts)
            if k < stop and ("inf" in frames or not _intended(doc, k, stop)):
                return [((k, stop), "inf")]
    skip_to = i
    for j in range(i, min(end, i + _WINDOW)):
        if j < skip_to:
            continue
        t = doc[j]
        low = t.lower_
        if j in cuts and j > i and not ("que" in frames and _own_que(doc, j, end)):
            break
        if t.text in _OPENING:
            k = _object_quotation(ctx, cue, j, end, frames)
            if k is None:
                break
            skip_to = ctx.token_at(ctx.quotations[k].outer[1])
            cue.objects.append(k)
            continue
        if t.text in (".", ";", "!", "?") or (t.pos_ == "VERB" and "Fin" in t.morph.get("VerbForm")
                                               and not _be_que(doc, j)):
            break
        if t.text == ":":
            if ("que" in frames or "colon" in frames) and j + 1 < end and doc[j + 1].text not in _OPENING:
                return [((j + 1, _content_end(ctx, j + 1, s_end, cuts)), "colon")]
            break
        if low in ("à", "pour") and frames & {"a", "pour"} and _que_clause_after(doc, j, end):
            k = j + 2 if low == "pour" else j + 3  # "a appelé à ce que …", "a plaidé pour que …"
            return [((k, _relative_end(ctx, cue, k, _content_end(ctx, k, s_end, cuts))), "que")]
        if low in ("qui", "dont") and cue.inverted and j == i + 1 and doc[i].text == ",":
            break  # "…, a affirmé le maire, qui a ajouté que …": a relative on the speaker, its own cue
        if low in ("que", "qu'") and t.head.dep_ == "acl:relcl" and j > 0 and doc[j - 1].text == ",":
            break  # "réclament la démission du gouvernement, qu'ils accusent de …": a relative clause
        if low in ("que", "qu'") and j > 0 and doc[j - 1].lower_ in _CONJUNCTION_HEADS:
            break  # "…, a insisté X, alors que Y …": a conjunction of the journalist's, not the content
        if low in ("que", "qu'") and "que" in frames:
            if any(t.lower_ in _COMPARATIVES for t in doc[i:j]):
                break  # "souhaitait s'engager davantage pour une cause qu'une autre": a comparison
            if j > 0 and doc[j - 1].lower_ == "ce":
                return []  # "se souvient de ce que X a fait": a relative, not reported content
            stop = _relative_end(ctx, cue, j + 1, _content_end(ctx, j + 1, s_end, cuts))
            return [((j + 1, _main_clause_start(ctx, cue, j + 1, stop)), "que")]
        if low in ("de", "d'") and "de" in frames:
            stop = _relative_end(ctx, cue, j + 1, _content_end(ctx, j + 1, s_end, cuts))
            k = _infinitive_after(doc, j + 1, stop)
            if k is not None:
                return [((k, stop), "de")]
            if cue.lexeme and cue.lexeme.cue == "accusation" and _quotations_in(ctx, *char_span(doc, j + 1, stop)):
                return [((j + 1, stop), "de")]
        if low in _OF and "np_de" in frames and _verb_complement(doc, cue, i, j) and _infinitive_after(doc, j + 1, end) is None:
            stop = _content_end(ctx, j + 1, s_end, cuts)
            inside = _quotations_in(ctx, *char_span(doc, j + 1, stop))
            if inside:  # "s'est félicitée des capacités d'« adaptation » de la police"
                return [((j + 1, _noun_phrase_end(ctx, inside, stop)), "np")]
            break
        if (low == "à" or low in ("au", "aux") and j + 1 < end and doc[j + 1].text in _OPENING) and "a" in frames:
            stop = _relative_end(ctx, cue, j + 1, _content_end(ctx, j + 1, s_end, cuts))
            k = _infinitive_after(doc, j + 1, stop)
            if k is not None:
                return [((k, stop), "a")]
            if stop > j + 1 and _quotations_in(ctx, *char_span(doc, j + 1, stop)):
                return [((j + 1, stop), "a")]
    end = _content_end(ctx, i, s_end, cuts)
    if "dans_np" in frames:
        return _judged_as(ctx, i, end)
    if "attr" in frames and _clitic_object(doc, cue) and cue.end < end and doc[cue.end].pos_ in ("ADJ", "NOUN"):
        return [((cue.end, end), "attr")]  # "qui l'estime contraire à la Constitution"
    after_speaker = i > cue.end and i < len(doc) and doc[i].text == ","  # "…, déplore X, président de …"
    if "np" in frames and end > i and doc[i].text != ":" and not _bare_participle(cue) and not after_speaker:
        inside = _quotations_in(ctx, *char_span(doc, i, end))
        if inside:  # ("a réitéré samedi son appel « à … »": the date is no part of it)
            start = _skip_time(doc, i)
            start += "pour" in frames and doc[start].lower_ == "pour"  # "a plaidé pour une école « … »"
            return [((start, _noun_phrase_end(ctx, inside, end)), "np")]
    before = _content_before(ctx, cue, s_start)
    return [(before, "before")] if before else []


_OF = {"de", "d'", "des", "du"}
_COMPARATIVES = {"davantage", "moins", "autant", "mieux", "plutôt", "pire", "meilleur", "meilleure"}


def _verb_complement(doc: Doc, cue: Cue, i: int, j: int) -> bool:
    """The "de" at ``j`` opens a complement of the cue's verb: right after it, after an adjunct
    ("s'est félicitée devant la presse des …"), or so parsed; not a noun's ("parle un langage de …")."""
    first = next((k for k in range(i, j) if doc[k].pos_ != "ADV"), j)
    return first == j or doc[first].pos_ == "ADP" or doc[j].head.head.i == cue.verb.i


def _noun_phrase_end(ctx: DocContext, inside: list[int], end: int) -> int:
    """A noun phrase that holds quotations ``inside`` ends at the first comma (or semicolon) after
    its first quotation, unless the segment after that comma holds a quotation too ("…, « au
    moment opportun »")."""
    doc = ctx.doc
    after = ctx.token_at(ctx.quotations[inside[0]].outer[1] - 1) + 1
    for k in range(after, end):
        if doc[k].text in (",", ";"):
            nxt = next((m for m in range(k + 1, end) if doc[m].text in (",", ";")), end)
            if not _quotations_in(ctx, *char_span(doc, k + 1, nxt)):
                return k
    return end


_INDEFINITE = {"un", "une", "des"}


def _judged_as(ctx: DocContext, i: int, end: int) -> list[tuple[tuple[int, int], str]]:
    """"voit dans la réforme un « recul historique »": what the thing after "dans" is judged to be,
    the second noun phrase, reported when it holds a quotation."""
    doc = ctx.doc
    k = next((k for k in range(i + 1, end) if doc[k].lower_ in _INDEFINITE and doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ")),
             None)
    inside = _quotations_in(ctx, *char_span(doc, k, end)) if k is not None else []
    return [((k, _noun_phrase_end(ctx, inside, end)), "np")] if inside else []


# "que" after these is part of a conjunction ("alors que", "parce que", "bien que", "dès que").
_CONJUNCTION_HEADS = {"alors", "tandis", "parce", "afin", "sans", "avant", "dès", "pendant", "depuis", "pour", "sauf"}


def _que_clause_after(doc: Doc, j: int, end: int) -> bool:
    """"à ce que" or "pour que" at ``j``: a request's content as a clause."""
    words = [t.lower_ for t in doc[j : min(end, j + 3)]]
    return words[:3] in (["à", "ce", "que"], ["à", "ce", "qu'"]) or words[:2] in (["pour", "que"], ["pour", "qu'"])


def _main_clause_start(ctx: DocContext, cue: Cue, start: int, end: int) -> int:
    """"Estimant que la situation était grave, le préfet a …": the content of a participle or an
    infinitive that opens its sentence ("Après avoir rappelé que …, la maire félicite …") ends at
    the comma before the subject of the main clause."""
    if not fronted(ctx, cue):
        return end
    subj = main_clause_subject(ctx.doc, start, end)
    return subj.left_edge.i - 1 if subj is not None else end


def _be_que(doc: Doc, j: int) -> bool:
    """"le message du ministre est que …": "être" between a noun of saying and its content."""
    return doc[j].lemma_ == "être" and j + 1 < len(doc) and doc[j + 1].lower_ in ("que", "qu'", "qu’")


def _own_que(doc: Doc, j: int, end: int) -> bool:
    """"a déclaré, mardi, que Y considère …": the cut before "que Y <cue>" is this cue's own "que"."""
    for k in range(j, min(end, j + 3)):
        low = doc[k].lower_
        if low in ("que", "qu'"):
            return True
        if low != ",":
            return False
    return False


_OBJECT_QUOTE_WORDS = 3


def _object_quotation(ctx: DocContext, cue: Cue, j: int, end: int, frames) -> int | None:
    """A short quotation inside the object before the content: "appelant le « peuple » à …"."""
    if not ({"de", "a"} & frames):
        return None
    at = ctx.doc[j].idx
    k = next((n for n, q in enumerate(ctx.quotations) if q.outer[0] == at), None)
    if k is None or ctx.quotations[k].close is None:
        return None
    q = ctx.quotations[k]
    b = ctx.token_at(q.outer[1])
    words = sum(1 for t in ctx.doc[j + 1 : b] if t.is_alpha)
    if words > _OBJECT_QUOTE_WORDS or b >= end or ctx.doc[b].lower_ not in ("à", "de", "d'"):
        return None
    return k


def _bare_participle(cue: Cue) -> bool:
    """"ses membres, appelés « … »": a past participle without auxiliary names, it does not quote."""
    verb = cue.verb
    return cue.passive or (cue.start == verb.i and past_participle(verb))


def _clitic_object(doc: Doc, cue: Cue) -> bool:
    """The cue's verb has an object pronoun before it ("l'estime", "les juge")."""
    k = cue.verb.i - 1
    while k >= cue.start - 1 and k >= 0 and doc[k].pos_ == "AUX":
        k -= 1
    return k >= 0 and doc[k].lower_ in ("l'", "le", "la", "les") and doc[k].pos_ == "PRON"


_TIME = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "soir", "matin", "dernier"}


def _relative_end(ctx: DocContext, cue: Cue, start: int, end: int) -> int:
    """"X, qui a affirmé que A, était …": content in a relative clause ends with it."""
    doc = ctx.doc
    if not cue.subject or cue.subject[1] - cue.subject[0] != 1 or doc[cue.subject[0]].lower_ != "qui":
        return end
    for j in range(start, end - 1):
        nxt = doc[j + 1]
        if doc[j].text == "," and nxt.pos_ in ("VERB", "AUX") and "Fin" in nxt.morph.get("VerbForm"):
            return j
    return end


_ADJUNCT_WORDS = {"DET", "NOUN", "ADJ", "NUM"}


def _skip_adjunct(doc: Doc, i: int, end: int) -> int:
    """Past a prepositional adjunct before a bare infinitive: "a affirmé à plusieurs reprises ne pas
    croire …", "a confié devant la presse avoir …" (not "de" or "à" + infinitive: other frames)."""
    if i >= end or doc[i].pos_ != "ADP" or doc[i].lower_ in ("de", "d'"):
        return i
    k = i + 1
    while k < end and doc[k].pos_ in _ADJUNCT_WORDS:
        k += 1
    return k if k > i + 1 and doc[k - 1].pos_ == "NOUN" else i


def _skip_time(doc: Doc, i: int) -> int:
    while i < len(doc) and (doc[i].lower_ in _TIME or doc[i].pos_ == "ADV" and doc[i].lower_ not in _BRIDGE):
        i += 1
    return i


_STATES = {"avoir", "être", "pouvoir", "devoir", "savoir"}


def _intended(doc: Doc, k: int, end: int) -> bool:
    """"pensaient passer une semaine tranquille": after a verb of thinking, an infinitive of action
    is a plan, not a thought reported ("pense avoir trouvé", "croit pouvoir gagner" are)."""
    verb = next((t for t in doc[k:end] if "Inf" in t.morph.get("VerbForm")), None)
    return verb is not None and verb.lemma_ not in _STATES


def _infinitive_after(doc: Doc, i: int, end: int) -> int | None:
    """The start of an infinitive clause at ``i`` ("ne pas avoir reçu", "se considérer"), a
    quotation that opens with one included ("a promis d'« agir vite »")."""
    j = i + 1 if i < end and doc[i].text in _OPENING else i
    while j < end and doc[j].lower_ in _BRIDGE:
        j += 1
    if j < end and "Inf" in doc[j].morph.get("VerbForm"):
        return i
    return None


def _content_before(ctx: DocContext, cue: Cue, s_start: int) -> tuple[int, int] | None:
    """"…, affirment les analystes": the clause before a sentence-final inverted cue."""
    doc = ctx.doc
    if not cue.inverted or cue.start == 0 or doc[cue.start - 1].text != ",":
        return None
    if cue.start == cue.verb.i and past_participle(cue.verb) and cue.verb.lower_.endswith(("é", "ée", "és", "ées")):
        return None  # "Nous avons abdiqué, confié à d'autres …": a participle sharing an auxiliary
    after = cue.subject[1] if cue.subject and cue.subject[0] >= cue.end else cue.end
    if cue.subject and cue.subject[0] >= cue.end and not utterer(ctx, *cue.subject):
        return None  # "…, a lancé une invasion": an object, not an inverted speaker
    _, s_end = ctx.sentence_of(cue.start)
    for t in doc[after:s_end]:  # only adjuncts may follow ("dans un communiqué"), no new clause
        if t.lower_ in ("qui", "dont", "lequel", "laquelle") and t.i > 0 and doc[t.i - 1].text in (",", "pour"):
            break  # a relative clause about the speaker
        if t.text == ":" or t.text in _OPENING:
            break  # "…, dit X, patron de Y : « … »", "…, a-t-il dit, mais « … »": another quote follows
        if t.lower_ == "a" and t.i > 1 and doc[t.i - 1].lower_ == "y" and doc[t.i - 2].lower_ == "il":
            continue  # "…, disait X, il y a un mois"
        if t.lower_ in ("que", "qu'") or (t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")):
            return None
    if s_start == cue.start - 1 and s_start > 0 and "\n" not in doc[s_start - 1].text:
        s_start, _ = ctx.sentence_of(s_start - 1)  # the parser cut the sentence before ", a affirmé X"
    colon = next((k for k in range(cue.start - 1, s_start - 1, -1) if doc[k].text == ":"), None)
    if colon is not None:
        s_start = colon + 1  # "X dit … : « … », a-t-il déclaré": the clause after the colon
    start = _lead(doc, s_start, cue.start)
    if cue.start - 1 - start < 3:
        return None
    return start, cue.start - 1


def object_relative(doc: Doc, cue: Cue) -> bool:
    """The cue is in a relative clause on its object: "les pertes que X a admis avoir subies",
    "ce que X a qualifié de …" (the subject follows "que", which follows a noun or a quotation)."""
    if not cue.subject or cue.subject[1] > cue.start or cue.start - cue.subject[1] > 3:
        return False
    k = cue.subject[0] - 1
    if k < 1 or doc[k].lower_ not in ("que", "qu'", "qu’"):
        return False
    prev = doc[k - 1]
    if prev.text in ("»", "”", '"', "›") or prev.lower_ == "ce":
        return True
    # "les pertes que X a admis avoir subies"; not "les leaders qu'il accuse de …" (the object is a person)
    return prev.pos_ in ("NOUN", "PROPN") and not (cue.lexeme and cue.lexeme.cue in ("accusation", "request"))


_object_relative = object_relative


def _main_verb_resumes(doc: Doc, start: int, end: int) -> int:
    """"selon lesquelles le Pentagone aurait envoyé des armes ont circulé": the relative ends where a
    second finite verb follows a noun, or the infinitive or participle that ends a verb group
    ("selon laquelle le maire va démissionner enfle"), with no link between them."""
    finite = [j for j in range(start, end) if doc[j].pos_ in ("VERB", "AUX") and "Fin" in doc[j].morph.get("VerbForm")]
    if len(finite) < 2:
        return end
    for j in finite[1:]:
        between = doc[finite[0] + 1 : j]
        if any(t.is_punct or t.lower_ in ("que", "qu'", "qui", "et", "ou", "mais", "dont", "où") for t in between):
            return end
        if doc[j - 1].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and not any(t.pos_ == "AUX" for t in doc[j - 1 : j]):
            return j
        if doc[j - 1].pos_ == "VERB" and doc[j - 1].morph.get("VerbForm") in (["Inf"], ["Part"]):
            return j
    return end


def _after_comme(doc: Doc, cue: Cue) -> bool:
    k = cue.start - 1
    while k >= 0 and doc[k].lower_ in ("le", "l'"):
        k -= 1
    return k >= 0 and doc[k].lower_ == "comme" and cue.subject is not None and cue.subject[0] >= cue.end


def _comme_content(ctx: DocContext, cue: Cue, s_start: int, s_end: int, cuts: set[int]):
    """"Comme l'écrit X, …" / "…, comme le révèle X": like "selon X"."""
    doc = ctx.doc
    comme = cue.start - 1
    while doc[comme].lower_ != "comme":
        comme -= 1
    if any(t.lower_ == "en" for t in doc[comme + 1 : cue.verb.i]):
        return []  # "comme en témoignent les déclarations": evidence, not attribution
    np_end = cue.subject[1]
    lead = _lead(doc, s_start, comme)
    coordinated = comme > 1 and doc[comme - 1].text == "," and doc[comme - 2].lower_ in ("et", "mais")
    if lead == comme or coordinated:  # "Comme l'écrit X, …", "A et, comme l'écrit X, B": what follows
        if np_end < s_end and doc[np_end].text == ",":
            return [((np_end + 1, _content_end(ctx, np_end + 1, s_end, cuts)), "clause")]
        return []
    if comme > 0 and doc[comme - 1].text == ",":
        return [((lead, comme - 1), "clause")]
    return []


# -- attribution cues -----------------------------------------------------------------


def _attribution_content(ctx: DocContext, cue: Cue, cuts: set[int], verb_cues: list[Cue]):
    doc = ctx.doc
    s_start, s_end = ctx.sentence_of(cue.start)
    entry = cue.attribution
    if entry.relative:
        end = _content_end(ctx, cue.end, s_end, cuts)
        return [((cue.end, _main_verb_resumes(doc, cue.end, end)), "clause")]
    np_end = cue.subject[1] if cue.subject and cue.subject[0] >= cue.end else cue.end
    if _in_relative(doc, cue.start) and np_end < s_end:  # "un projet qui, selon eux, menace la forêt"
        start = np_end + (doc[np_end].text == ",")
        return [((start, _content_end(ctx, start, s_end, cuts)), "clause")]
    spans = []
    lead = _lead(doc, s_start, cue.start)
    if all(doc[k].pos_ == "ADV" or doc[k].text == "," for k in range(lead, cue.start)):  # "Selon X, …"
        lead = cue.start  # ("Toujours selon X, …")
    after = np_end < s_end - 1 and doc[np_end].text == "," and not _apposed_to_source(doc, np_end + 1)
    if lead == cue.start:
        if after:
            end = _content_end(ctx, np_end + 1, s_end, cuts)
            if any(np_end < v.start < end and _reports(ctx, v) for v in verb_cues):
                return []  # "Selon un rapport, la commission a estimé que …": the verb's content, its speaker
            spans.append(((np_end + 1, end), "clause"))
        return spans
    if cue.start > 0 and doc[cue.start - 1].text == ",":
        if any(lead <= v.start < cue.start for v in verb_cues):
            return []  # "X a déclaré …, selon l'agence": the agency relays X's words
        if cue.start - 1 - lead >= _MIN_CLAUSE:  # (not "C'est, selon X, « … »")
            spans.append(((lead, cue.start - 1), "clause"))
        if after:
            spans.append(((np_end + 1, _content_end(ctx, np_end + 1, s_end, cuts)), "clause"))
    return spans


_MIN_CLAUSE = 3
_CONTENT_OPENERS = {"que", "qu'", "qu’", ":", "«", "“", '"'}


def _in_relative(doc: Doc, start: int) -> bool:
    """The attribution opens a relative clause ("qui, selon lui, …", "qui d'après eux …"): what it
    attributes is the rest of that clause."""
    k = start - 1 - (start > 0 and doc[start - 1].text == ",")
    return k >= 0 and doc[k].lower_ == "qui" and doc[k].pos_ == "PRON"


def _reports(ctx: DocContext, cue: Cue) -> bool:
    """The verb cue has someone who can speak before it and content right after it (a que-clause, a
    colon, a quotation, an infinitive): "la commission a estimé que …", not "n'a été constatée"."""
    doc = ctx.doc
    if cue.passive or cue.inverted or cue.subject is None or not utterer(ctx, *cue.subject):
        return False
    k = _skip_adjunct(doc, _skip_time(doc, cue.end), len(doc))
    return k < len(doc) and (doc[k].lower_ in _CONTENT_OPENERS or _infinitive_after(doc, k, len(doc)) is not None)


def _apposed_to_source(doc: Doc, i: int) -> bool:
    """"« … », selon Marc Dubois, élu en 2017 et qui …": a participle or a relative after the source
    describes it."""
    return doc[i].lower_ in ("qui", "dont") or past_participle(doc[i]) and doc[i].pos_ in ("VERB", "ADJ")


# -- shared ---------------------------------------------------------------------------


def _lead(doc: Doc, start: int, limit: int) -> int:
    while start < limit and (doc[start].is_space or doc[start].text in (",", "-", "—")
                             or doc[start].lower_ in ("mais", "et", "or")):
        start += 1
    return start


_DASH = {"–", "—", "-"}
_COMMENTS = {("c'", "est-à-dire"), ("c’", "est-à-dire"), ("c'est-à-dire",), ("c'", "est", "-"), ("c’", "est", "-"),
             ("à", "la", "suite"), ("dans", "ce", "qui"), ("avant", "de"), ("avant", "d'"),
             ("ce", "qui"), ("ce", "que"), ("ce", "qu'"), ("ce", "qu’"), ("soit",)}  # (", soit 2 milliards": a gloss)
_CONTRASTS = {"alors", "tandis"}  # "… alors que les travaux n'ont pas commencé": the journalist's contrast
_QUE = {"que", "qu'", "qu’"}


def _content_end(ctx: DocContext, start: int, s_end: int, cuts: set[int]) -> int:
    """Where content that starts at ``start`` ends: the sentence end (a full stop the parser
    missed included), another cue's clause, a
    colon before a quotation, a semicolon, or the journalist's own words after it: ", c'est-à-dire
    …", ", dans ce qui …", ", à la suite de …", ", ce que X dément", ", avant de …", "alors que …",
    a new clause with its own subject (", et les habitants attendent"), a participle clause
    (", reprenant …") or a lone dash (" – ceci de la part de …")."""
    doc = ctx.doc
    for j in range(start + 1, s_end):
        if j in cuts:
            return j
        t = doc[j]
        if t.text == ":" and j + 1 < s_end and doc[j + 1].text in _OPENING:
            return j
        if t.text in (".", "!", "?") and ctx.inside_quotation(t.idx) is None:
            return j  # a sentence end the parser missed ("… tout accord. « … »")
        if j - start < 3 or ctx.inside_quotation(t.idx) is not None:
            continue
        if t.text == ";" or t.lower_ in _CONTRASTS and _que_after(doc, j + 1, s_end):
            return j
        if t.text == "," and j + 1 < s_end and (_comment_after(doc, j + 1, s_end) or _new_clause(doc, j + 1, s_end)):
            return j
        if t.text in _DASH and t.whitespace_ and doc[j - 1].whitespace_ \
                and not any(doc[k].text in _DASH for k in range(start, s_end) if k != j):
            return j
    return s_end


_COMMENT_DETERMINERS = {"un", "une", "des", "ce", "cette", "ces"}


def _apposed_comment(doc: Doc, i: int, s_end: int) -> bool:
    """", un chiffre que conteste le gouvernement", ", une version qui …", ", une décision saluée
    par …": a noun for what was said (``comment_nouns``) in apposition to the content, with a
    relative clause or a participle: the journalist's words."""
    if doc[i].lower_ not in _COMMENT_DETERMINERS or i + 2 >= s_end or doc[i + 1].lemma_.lower() not in comment_nouns():
        return False
    k = i + 2
    if doc[k].pos_ == "ADJ" and k + 1 < s_end and not past_participle(doc[k]):
        k += 1
    while k + 1 < s_end and doc[k].pos_ == "ADV":
        k += 1  # ", une promesse déjà faite en 2022"
    return doc[k].lower_ in ("que", "qu'", "qu’", "qui", "dont") or past_participle(doc[k])  # (", une décision saluée par …")


def _que_after(doc: Doc, i: int, s_end: int) -> bool:
    """"que" at ``i``, or after "même" ("alors même que")."""
    if i < s_end and doc[i].lower_ == "même":
        i += 1
    return i < s_end and doc[i].lower_ in _QUE


def _new_clause(doc: Doc, i: int, s_end: int) -> bool:
    """", et les habitants attendent": "et", then a subject of its own and a finite verb (not "et que …",
    another clause of the same content, nor "et de …", another infinitive)."""
    if doc[i].lower_ != "et":
        return False
    for k in range(i + 1, min(s_end, i + 7)):
        t = doc[k]
        if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
            return k > i + 1
        if t.is_punct or t.lower_ in _QUE or t.pos_ in ("ADP", "SCONJ", "VERB", "AUX"):
            return False
    return False


def _comment_after(doc: Doc, i: int, s_end: int) -> bool:
    words = tuple(t.lower_ for t in doc[i : min(s_end, i + 3)])
    if any(words[: len(c)] == c for c in _COMMENTS) or _apposed_comment(doc, i, s_end):
        return True
    if words[:1] == ("en",) or words[:2] == ("tout", "en"):
        i += 1 if words[0] == "en" else 2  # ", tout en reconnaissant que …": a gerund, what the speaker did besides
    t = doc[i] if i < s_end else None
    return t is not None and t.pos_ in ("VERB", "AUX") and "Part" in t.morph.get("VerbForm") \
        and "Pres" in t.morph.get("Tense") and t.lower_.endswith("ant")


def _cut_points(ctx: DocContext, cues: list[Cue]) -> set[int]:
    """Where another cue's clause starts: ", a-t-il ajouté", ", selon X", "tandis que Y a dit"."""
    doc, cuts = ctx.doc, set()
    for cue in cues:
        first = cue.start
        if cue.kind == "verb" and cue.passive and cue.start == cue.verb.i:
            continue  # "…, appuyés par des moyens aériens": a participle inside the content
        if cue.kind == "verb" and _quotes_nothing(ctx, cue):
            continue  # "et que la cour a déjà tranché la question": a verb that only quotes, with no quotation
        if cue.kind == "verb" and cue.start > 0 and doc[cue.start - 1].lower_ in COORDINATORS \
                and cue.subject and cue.subject[1] < cue.start - 1:
            cuts.add(cue.start - 1)  # "… que A mais a reconnu que B": a second verb group of the speaker's
            continue
        if cue.kind == "verb" and cue.subject and cue.subject[1] <= cue.start and cue.start - cue.subject[1] <= 3 \
                and not ("Part" in cue.verb.morph.get("VerbForm") and "Pres" in cue.verb.morph.get("Tense")):
            if not utterer(ctx, *cue.subject):
                continue  # "et que les discussions se poursuivraient": not a speaker, not a new cue
            first = cue.subject[0]  # "tandis que Y a affirmé"; a participle clause starts at the participle
        k = first
        while k > 0 and doc[k - 1].lower_ in _LINKS:
            k -= 1
        if k < first and not (k > 0 and doc[k - 1].lower_ == "ce" and doc[k].lower_ in ("que", "qu'", "qu’")):
            cuts.add(k)  # not "ce que l'on appelle …": a relative inside the content
    return cuts


def _quotes_nothing(ctx: DocContext, cue: Cue) -> bool:
    """A verb that introduces nothing but a quotation ("trancher", "réagir"), neither inverted after
    one nor followed by a colon or a quotation."""
    if not cue.frames <= {"quote"} or cue.inverted:
        return False
    doc = ctx.doc
    nxt = next((t for t in doc[cue.end : cue.end + 3] if not t.is_space), None)
    return nxt is None or nxt.text not in (":", *_OPENING)


_PHRASE_LEAD = {"à", "au", "aux", "de", "d'", "du", "des", "contre", "pour", "sur"}


def _typed(ctx: DocContext, start: int, end: int, cue: Cue, confidence: float, loose: bool = False,
           phrase: bool = False, after_preposition: bool = False) -> Candidate | None:
    doc = ctx.doc
    start, end = trim_span(doc, start, end)
    if end - start < 2 and not (end > start and doc[start].is_alpha and len(doc[start]) > 3):
        return None
    c_start, c_end = char_span(doc, start, end)
    inside = _quotations_in(ctx, c_start, c_end)
    bare = start
    while bare < end - 1 and (doc[bare].pos_ == "DET" or phrase and doc[bare].lower_ in _PHRASE_LEAD):
        bare += 1  # "a dénoncé un « crime »", "a appelé au « dialogue »": the quotation is the content
    if inside and (bare > start or after_preposition):
        q = ctx.quotations[inside[0]]
        if q.outer[0] == doc[bare].idx and (q.outer[1] >= c_end or phrase and _adjunct_after(ctx, q)):
            return Candidate("direct", q.start, q.end, cue, 0.85, quotation=inside[0])
    length = c_end - c_start
    if loose and doc[end - 1].text == ")":
        paren = next((k for k in range(end - 2, start, -1) if doc[k].text == "("), None)
        if paren is not None:
            length = doc[paren].idx - c_start  # "« … » (a translation), pouvait-on lire"
    quoted = sum(ctx.quotations[k].outer[1] - ctx.quotations[k].outer[0] for k in inside)
    for k in inside:
        q = ctx.quotations[k]
        a, b = q.outer
        covered = (b - a) / max(1, length)
        if loose and a <= c_start + 1 and covered < 0.6 and quoted / max(1, length) >= 0.6:
            covered = 0.6  # "« A » israéliens à Naplouse « B », a ajouté l'armée": A here, B is quoted on its own
        if a <= c_start and c_end <= b:  # nothing but a quotation: a direct quote
            return Candidate("direct", q.start, q.end, cue, 0.9, quotation=k)
        if loose and a <= c_start + 1 and covered >= 0.6:  # a quotation and a few words of context
            return Candidate("direct", q.start, q.end, cue, 0.8, quotation=k)
    kind = "mixed" if inside else "indirect"
    return Candidate(kind, c_start, c_end, cue, confidence)


# Words of the journalist's that may join the pieces of one quotation ("que « … » et qu'« … »").
_JOINERS = {",", "et", "mais", "ou", "puis", "que", "qu'", "qu’"}


def _pieces(ctx: DocContext, cand: Candidate) -> list[Candidate]:
    """A mixed content made of quotations joined only by "et", "mais", "et qu'" or a comma
    ("a assuré que « … » et « … »") is the pieces of one quotation: one direct quote per piece."""
    if cand.type != "mixed":
        return []
    inside = _quotations_in(ctx, cand.start, cand.end)
    quotations = [ctx.quotations[k] for k in inside]
    if len(inside) < 2 or quotations[0].outer[0] != cand.start or quotations[-1].outer[1] != cand.end:
        return []
    text = ctx.doc.text
    for before, after in zip(quotations, quotations[1:]):
        gap = text[before.outer[1] : after.outer[0]].replace(",", " , ").replace("'", "' ").replace("’", "’ ")
        if not gap.split() or any(w.lower() not in _JOINERS for w in gap.split()):
            return []
    return [Candidate("direct", q.start, q.end, cand.cue, 0.85, quotation=k) for k, q in zip(inside, quotations)]


def _adjunct_after(ctx: DocContext, q) -> bool:
    """"a dénoncé un « crime », dans un communiqué": what follows the quotation is an adjunct."""
    doc = ctx.doc
    b = ctx.token_at(q.outer[1] - 1) + 1
    if b >= len(doc):
        return True
    t = doc[b]
    return t.text == "," or t.lower_ in ("lors", "dans", "selon", "devant", "pendant", "depuis", "sur", "en")


def _quotations_in(ctx: DocContext, start: int, end: int) -> list[int]:
    first = bisect.bisect_left(ctx.outer_starts, start)  # only those that start in [start, end]
    last = bisect.bisect_right(ctx.outer_starts, end + 1)
    quotations = ctx.quotations
    return [k for k in range(first, last) if quotations[k].outer[1] <= end + 1 and quotations[k].end > quotations[k].start]
