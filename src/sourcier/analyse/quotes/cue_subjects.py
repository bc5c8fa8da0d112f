"""The speaker a cue's verb gives when the mention gives none, or gives the wrong one: its
subject, its agent, the source it was relayed by ("cité par Xinhua")."""

from __future__ import annotations

from spacy.tokens import Token

from sourcier.analyse.lexicon import fold
from sourcier.analyse.quotes.lexicon import verbs
from sourcier.analyse.quotes.referents import Referent, _copy, _is_title


_CITING = {"citer"}
_RELAY_PARTICIPLES = {"cit", "interrog", "joint", "contact", "relay", "repri"}  # "cité(e)(s) par X", folded, -e/-s dropped  # verbs whose object is the speaker


class CueSubjectsMixin:
    """Speakers read from the cue's verb for :class:`~.speakers.SpeakerResolver`."""

    def _relay(self, verb: Token | None, mention: tuple[int, int], at: int) -> Referent | None:
        """An outlet that relays or hears the words, where the cue points at it: "X, cité par
        Xinhua, a estimé que" and "X a déclaré à la télévision publique Télé Sahel que" → X;
        "X a réaffirmé que …, a appris APA" → X, the subject of the reporting verb."""
        if verb is None:
            return None
        doc = self.ctx.doc
        start = mention[0]
        if start > 1 and doc[start - 1].lower_ == "par" and (
                fold(doc[start - 2].lower_).rstrip("es") in _RELAY_PARTICIPLES
                or (doc[start - 2].dep_ == "acl" and doc[start - 2].head.dep_ == "nsubj" and doc[start - 2].head.head.i == verb.i)):
            return self._cue_subject(verb, at, mention, passive=False)  # "le Premier ministre nommé par les militaires"
        if start > verb.i + 1 and doc[verb.i + 1].lower_ in ("à", "au", "aux") \
                and not any(t.is_punct for t in doc[verb.i + 1 : start]):
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
            named = any(c.label == "PERSON" for c, _, _ in self.ctx.entities_in(*mention))
            if subject is not None and not named and self._quoted(subject.idx) is None:
                return self._subject_referent(subject, at, strict=True)  # "a déclaré à la télévision publique Télé Sahel que"
        if fold(verb.lemma_) == "apprendre" and start > verb.i \
                and not any(t.lower_ in ("de", "d'", "auprès", "des", "du") for t in doc[start : mention[1]]) \
                and not (mention[1] < len(doc) and doc[mention[1]].lower_ in ("de", "d'", "auprès", "des", "du")):
            s, _ = self.ctx.sentence_of(verb.i)
            lexicon = verbs()
            for t in doc[s : verb.i]:  # "X a réaffirmé que …, a appris APA": the reporting verb's subject
                if t.pos_ == "VERB" and self._quoted(t.idx) is None and (
                        lexicon.lookup(t) is not None or any(c.dep_ == "ccomp" for c in t.children)):
                    subject = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
                    if subject is not None:
                        return self._subject_referent(subject, at, strict=True)
        return None

    def _object_of_past_infinitive(self, verb: Token | None, mention: tuple[int, int]) -> Referent | None:
        """"X a critiqué Y pour avoir dit que …", "X accuse Y d'avoir affirmé …": Y said it."""
        if verb is None or verb.dep_ not in ("advcl", "xcomp", "obl", "acl") or verb.head.i >= verb.i:
            return None
        marks = [c for c in verb.children if c.i < verb.i and c.lower_ in ("pour", "de", "d'")]
        if not marks or not any(c.lemma_ == "avoir" and c.pos_ == "AUX" for c in verb.children):
            return None
        head = verb.head
        if mention[1] > head.i:  # the mention is not the governing verb's subject
            return None
        doc = self.ctx.doc
        for i in range(marks[0].i - 1, head.i, -1):
            hit = self.ctx.entity_at.get(i)
            if hit is not None and hit[0].label == "PERSON" and not _is_title(hit[0].name):
                return self._entity_referent(hit[0], doc[hit[1] : hit[2]])
        return None

    def _gerund_subject(self, verb: Token | None, mention: tuple[int, int], at: int) -> Referent | None:
        """"En affirmant …, alors que ces derniers …, Emmanuel Macron démontre": a gerund's speaker
        is the subject of the clause it opens or closes."""
        if verb is None or verb.i == 0 or verb.doc[verb.i - 1].lower_ != "en" or not verb.lower_.endswith("ant"):
            return None
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head  # "a-t-il lancé lors d'un échange avec X, en reconnaissant que": hung on a noun
        subordinate = head.i == verb.i or any(c.dep_ == "mark" for c in head.children)  # a parse that lost the clause
        if not subordinate and any(mention[0] <= c.i < mention[1] for c in head.children if c.dep_.startswith("nsubj")):
            return None
        subject = None if subordinate else next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is None:  # a parse that made the gerund the root: the main clause's subject after it
            _, end = self.ctx.sentence_of(verb.i)
            doc = self.ctx.doc
            subject = next((t for t in doc[verb.i + 1 : end] if t.dep_ == "nsubj" and t.head.i > t.i
                            and t.head.pos_ in ("VERB", "AUX") and not any(c.dep_ == "mark" for c in t.head.children)
                            and (mention is None or not mention[0] <= t.i < mention[1])), None)
        return self._subject_referent(subject, at, strict=True) if subject is not None else None

    def _cited(self, verb: Token | None, at: int) -> Referent | None:
        """"X cite Jacques Dupâquier : « … »": the words are those of the person cited."""
        if verb is None or fold(verb.lemma_) not in _CITING:
            return None
        obj = next((c for c in verb.children if c.dep_ == "obj"), None)
        if obj is None:
            return None
        ref = self._subject_referent(obj, at, strict=True)
        return ref if ref is not None and (ref.label == "PERSON" or ref.head in self.lex.human_nouns
                                           or ref.head in self.heads) else None

    def _learnt_from(self, verb: Token | None, mention: tuple[int, int], at: int) -> Referent | None:
        if verb is None or fold(verb.lemma_) != "apprendre":
            return None
        doc = self.ctx.doc
        for i in range(mention[0], mention[1] - 1):
            if doc[i].lower_ in ("de", "d'", "des", "du", "auprès") and i > mention[0]:
                start = i + 1 if doc[i].lower_ in ("de", "d'", "auprès") else i + 1
                ref = self._noun_phrase(doc[start : mention[1]], at)
                return ref if ref is not None and self._speaker_like(ref) else None
        return None

    def _learnt_by_someone(self, cue, at: int) -> Referent | None:
        """"…, a-t-on appris mercredi de source policière", "auprès des pompiers": the source after
        "de" or "auprès de", past a date, as written ("des" read as "les")."""
        verb = getattr(cue, "verb", None)
        if verb is None or fold(verb.lemma_) != "apprendre":
            return None
        doc = self.ctx.doc
        for i in range(cue.end, min(len(doc), cue.end + 8)):
            t = doc[i]
            if t.is_punct or t.is_space:
                return None
            if t.lower_ == "auprès":
                continue
            if t.lower_ in ("de", "d'", "des", "du") and i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN", "DET"):
                end = i + 1
                while end < len(doc) and not (doc[end].is_punct or doc[end].is_space) and end - i < 10:
                    end += 1
                article = {"des": "les ", "du": "le "}.get(t.lower_, "")
                ref = self._noun_phrase(doc[i + 1 : end], at)
                if ref is None or not self._speaker_like(ref):
                    return None
                if ref.label == "DESC" and article:
                    ref.name = article + ref.name
                return ref
        return None

    def _from_cue(self, cue, at: int, mention: tuple[int, int] | None) -> Referent | None:
        """The speaker when the mention gives none: the agent of a participle ("l'information
        rapportée par un média"), the noun a participle hangs on ("Boris Johnson, la qualifiant
        de …"), the subject of the cue's verb or of the verb it depends on ("…, rejetant X";
        "La chanteuse a eu l'honnêteté d'écrire"), a subject the parse lost ("X, apposition,
        a déclaré"), the name after an inverted verb; else the speaker quoted just before in
        the same paragraph."""
        verb = getattr(cue, "verb", None)
        if verb is not None and cue.kind == "verb":
            found = self._gerund_subject(verb, mention or (0, 0), at) \
                or self._cue_subject(verb, at, mention, passive=getattr(cue, "passive", False))
            if found is not None:
                return found
        para = self.ctx.paragraph_of(at)
        for ref in reversed(self.history):
            if ref.position < at:
                return _copy(ref) if ref.paragraph == para else None
        return None

    def _cue_subject(self, verb: Token, at: int, mention, passive: bool) -> Referent | None:
        outside = (lambda i: True) if mention is None else (lambda i: not mention[0] <= i < mention[1])
        agent = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
        if agent is not None:
            ref = self._subject_referent(agent, at, strict=True)
            if ref is not None:
                return ref
        if passive:
            return None
        named = self._name_before_participle(verb)
        if named is not None:
            return named
        t = verb
        for _ in range(5):
            subject = next((c for c in t.children if c.dep_ in ("nsubj", "expl:subj") and outside(c.i)
                            and not self._quoted_apart(c, verb)), None)
            if subject is not None:
                return self._subject_referent(subject, at, strict=True)
            if t.dep_ in ("acl", "advcl", "appos") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i \
                    and t.doc[t.i - 1].text == "," and (t.head.dep_.startswith("nsubj") or (
                        t.head.i in self.ctx.entity_at and self.ctx.entity_at[t.head.i][0].label == "PERSON")):
                ref = self._subject_referent(t.head, at, strict=True)  # "Boris Johnson, la qualifiant de"
                if ref is not None:
                    return ref
            if t.dep_ not in ("xcomp", "advcl", "conj", "ccomp", "acl", "obj", "obl", "obl:arg", "obl:mod") \
                    or t.head.i == t.i:
                break
            t = t.head
        return self._inverted_subject(verb, at) or self._described_after_venue(verb, at) or self._lost_subject(t, at)

    def _name_before_participle(self, verb: Token) -> Referent | None:
        """"…, dont le Premier ministre, Boris Johnson, la qualifiant de …": the name right
        before a present participle (and its clitic)."""
        doc = self.ctx.doc
        if not verb.lower_.endswith("ant"):
            return None
        i = verb.i - 1
        if i > 0 and doc[i].lower_ in ("la", "le", "l'", "les", "lui", "leur", "se", "s'", "en", "y"):
            i -= 1
        if i < 1 or doc[i].text != ",":
            return None
        hit = self.ctx.entity_at.get(i - 1)
        if hit is None or hit[0].label != "PERSON" or hit[2] != i or _is_title(hit[0].name):
            return None
        return self._entity_referent(hit[0], doc[hit[1] : hit[2]])

    def _subject_referent(self, token: Token, at: int, strict: bool) -> Referent | None:
        if token.pos_ == "PRON" or len(list(token.subtree)) == 1:
            ref = self._token_referent(token, at)
        else:
            ref = self._noun_phrase(token, at)
        if ref is None or not self._speaker_like(ref):
            return None
        if strict and ref.label == "DESC" and ref.head in self.lex.document_nouns and not ref.proper:
            return None  # "les chiffres se dégradent": not the speaker of a clause hanging on it
        return ref

    def _lost_subject(self, verb: Token, at: int) -> Referent | None:
        """"Jean-Pierre Fabre, principal opposant …, a déclaré": the parse split the sentence;
        the name that opens it, before an apposition that ends at the verb."""
        doc = self.ctx.doc
        first = verb.i
        while first > 0 and doc[first - 1].pos_ == "AUX":
            first -= 1
        if first == 0 or doc[first - 1].text != ",":
            return None
        s, _ = self.ctx.sentence_of(verb.i)
        p_start = self.ctx.token_at(self.ctx.paragraphs[self.ctx.paragraph_of(verb.idx)][0])
        s = max(min(s, p_start), first - 40)  # the parse may have cut the sentence at the name
        while s < first and doc[s].is_space:
            s += 1
        comma = next((i for i in range(s, first) if doc[i].text == ","), None)
        if comma is not None and comma < first - 1 and (comma == s or comma - s > 6
                                                        or any(t.pos_ in ("VERB", "AUX") for t in doc[s:comma])):
            prev = max(i for i in range(s, first - 1) if doc[i].text == ",")
            chunk = doc[prev + 1 : first - 1]  # "Brandissant des cintres, de très jeunes femmes, ont défilé"
            if 0 < len(chunk) <= 6 and not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in chunk) \
                    and any(self._human_word(t) for t in chunk):
                ref = self._noun_phrase(chunk, at)
                if ref is not None and self._speaker_like(ref):
                    return ref
            return None
        if comma is None or comma == s or comma - s > 6:
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in doc[s:comma]) or any(t.is_quote for t in doc[s:first]):
            return None
        ref = self._noun_phrase(doc[s:comma], at)
        return ref if ref is not None and (ref.label == "PERSON" or ref.proper) else None

    def _inverted_subject(self, verb: Token, at: int) -> Referent | None:
        """"…, affirme un jeune manifestant, Abdel Nasser.": a name right after the verb."""
        doc = self.ctx.doc
        if verb.i == 0 or doc[verb.i - 1].text not in (",", "»", "”", '"'):
            return None
        for j in range(verb.i + 1, min(len(doc), verb.i + 12)):
            if doc[j].text in (".", ";", ":", "!", "?") or doc[j].is_quote or "\n" in doc[j].text:
                break  # a quotation opens: its names are words quoted, not the speaker after the verb
            hit = self.ctx.entity_at.get(j)
            if hit is not None and hit[0].label == "PERSON" and not _is_title(hit[0].name):
                return self._entity_referent(hit[0], doc[hit[1] : hit[2]])
        return None

    def _described_after_venue(self, verb: Token, at: int) -> Referent | None:
        """"« … », a confié à La Gazette du Nord, l'habitante du quartier.": the outlet the words
        were given to, a comma, then who gave them (a description of people that ends the
        sentence)."""
        doc = self.ctx.doc
        first = verb.i
        while first > 0 and doc[first - 1].pos_ == "AUX":
            first -= 1
        i = verb.i + 1
        if first == 0 or doc[first - 1].text not in (",", "»", "”", '"') \
                or i >= len(doc) or doc[i].lower_ not in ("à", "au", "aux", "auprès", "sur", "dans"):
            return None
        comma = next((j for j in range(i + 1, min(len(doc), i + 10)) if doc[j].is_punct and doc[j].text not in ("-", "'")), None)
        if comma is None or doc[comma].text != "," or comma + 2 >= len(doc) or doc[comma + 1].pos_ != "DET":
            return None
        _, end = self.ctx.sentence_of(comma)
        words = doc[comma + 1 : end]
        while len(words) and (words[-1].is_punct or words[-1].is_space):
            words = words[:-1]
        if not len(words) or len(words) > 16 or not any(self._human_word(t) for t in words) \
                or any(t.pos_ in ("VERB", "AUX") or t.text in (";", ":") or t.is_quote for t in words):
            return None
        for c, start, stop in self.ctx.entities_in(words.start, words.end):
            if c.label == "PERSON" and not _is_title(c.name):  # "…, le directeur de l'hôpital, Marc Rey."
                return self._entity_referent(c, doc[start:stop])
        if any(t.text == "," for t in words):
            return None
        ref = self._noun_phrase(words, at)
        return ref if ref is not None and self._speaker_like(ref) else None
