"""Noun phrases that hold an entity of the article: which entity, and under what fullest name."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from sourcier.analyse.lexicon import first_name_gender, fold, names_a_people, role_heads
from sourcier.analyse.quotes.context import DocContext, subtree_span
from sourcier.analyse.quotes.referents import (
    _DETS,
    _IMPERSONAL,
    _LAST_NAMED,
    _PRONOUNS,
    Referent,
    _clean,
    _first_name_led,
    _is_title,
    _morph,
)
from sourcier.analyse.records import EntityCluster, text_of


_RELATIVES = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}


def _translit(word: str) -> str:
    """A key under which transliterations of one name meet ("Choïgou"/"Shoigu", "Volodine"/"Volodin")."""
    word = fold(word).replace("ch", "sh").replace("ou", "u").replace("y", "i").replace("kh", "h")
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: the nearest noun before it, or the title it
    complements ("le porte-parole de l'opposition, qui …" → "porte-parole")."""
    doc = token.doc
    for t in reversed(doc[max(0, token.i - 5) : token.i]):
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
            verb_number = token.head.morph.get("Number")
            if t.dep_ == "obl:agent" and t.head.dep_ == "acl" and t.head.head.pos_ in ("NOUN", "PROPN") \
                    and verb_number and (t.morph.get("Number") or ["Sing"]) != verb_number \
                    and t.head.head.morph.get("Number") == verb_number:
                head = t.head.head  # "des témoins cités par Reuters, qui rappellent": the witnesses
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
            if i > 1 and doc[i - 1].is_quote and fold(doc[i - 2].text) in _DETS and doc[i - 2].i >= span.start:
                return doc[i - 2].lower_  # 'le "Dailymail"': a name in quotation marks after its article
            if i > 0 and fold(doc[i - 1].text) in _DETS:
                return doc[i - 1].lower_
            if i > 0 and doc[i - 1].lower_ in _CONTRACTED and cluster.label in ("ORG", "GPE"):
                return _CONTRACTED[doc[i - 1].lower_]  # "auprès du Conseil supérieur …" → "le Conseil …"
            return None
    return None


_CONTRACTED = {"du": "le", "au": "le", "aux": "les", "des": "les"}
_UNSPELT = {"de", "du", "des", "d", "la", "le", "l", "les", "et", "pour", "en", "sur", "a", "au", "aux"}


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """The acronym a name is written with: "Cour pénale internationale" → "CPI",
    "Agence France-Presse" → "AFP" (articles and prepositions have no letter)."""
    words = fold(name).replace("-", " ").replace("'", " ").split()
    return "".join(w[0] for w in words if w not in _UNSPELT).upper()


class EntitiesMixin:
    """Mentions to named entities for :class:`~.speakers.SpeakerResolver`."""

    def _mention_referent(self, mention: tuple[int, int], at: int) -> Referent | None:
        start, end = mention
        doc = self.ctx.doc
        tokens = [t for t in doc[start:end] if not t.is_space]
        if not tokens:
            return None
        if len(tokens) == 1:
            return self._token_referent(tokens[0], at)
        pair = fold(f"{tokens[0].text} {tokens[1].text}") if len(tokens) == 2 else ""
        if pair in _LAST_NAMED:  # "ce dernier": a determiner and an adjective to the parse
            return self._last_named(tokens[0], pair)
        return self._noun_phrase(doc[start:end], at)

    def _token_referent(self, token: Token, at: int) -> Referent | None:
        word = token.lower_.lstrip("-")
        if word in _RELATIVES:
            antecedent = _antecedent(token)
            return self._noun_phrase(antecedent, at) if antecedent is not None else None
        if word in _PRONOUNS:
            return self._pronoun(token, at)
        if word in _IMPERSONAL:
            return None
        return self._noun_phrase(token.doc[token.i : token.i + 1], at)

    def _noun_phrase(self, span: Span | Token, at: int) -> Referent | None:
        if isinstance(span, Token):
            token = span
            span = subtree_span(token, frozenset({"acl:relcl", "acl", "punct"}))
            agent = self._agent_participle(token)
            if agent is not None and agent.i == span.end:  # "le Premier ministre nommé par les militaires"
                span = span.doc[span.start : agent.right_edge.i + 1]
        start = span.start
        while start < span.end - 1 and span.doc[start].pos_ == "ADP" and span.doc[start].lower_ != "des" \
                and not (span.doc[start].lower_ in ("de", "d'") and start == span.start
                         and span.doc[start + 1].pos_ in ("ADJ", "ADV") and span.doc[span.end - 1].pos_ == "NOUN"
                         and "Plur" in span.doc[span.end - 1].morph.get("Number")):
            start += 1  # "A la question de l'AFP" ("des témoins", "de très jeunes femmes": an article)
        span = span.doc[start : span.end]
        head = span.root
        whole = False
        if len(span) > 3 and span[0].pos_ == "DET" and span[1].pos_ == "NOUN" and span[2].lower_ in ("de", "du", "des", "d'") \
                and head.i > span[1].i and self._human_word(span[1]) and not self._human_word(head) \
                and head.i in self.ctx.entity_at and self.ctx.entity_at[head.i][0].label in ("ORG", "MEDIA", "GPE"):
            head, whole = span[1], True  # "La star de Disney Channel" parsed with "Channel" as its head
        named = self._appositive_person(head)
        if named is not None:  # "Jean-Louis Bourlanges, président de la commission …"
            return self._as_person(self._entity_referent(named, None), head)
        hits = self.ctx.entities_in(span.start, span.end)
        if len(span) > 2:
            coordination = self._coordination(span)
            if coordination is not None:  # "le Sénégal, le Mali et la Guinée ont indiqué"
                return coordination
        author = self._long_author(span, head) if len(hits) > 1 else None
        if author is not None:  # "les données de l'Initiative de recherche … de l'Université Johns Hopkins"
            return author
        cut = self._name_cut_after_head(span, head, hits)
        if cut is not None:  # "l'Organisation des Nations unies" read as "Nations unies"
            return cut
        if self._people_word(span, hits):  # "la Tahitienne", "la Miss" read as a place or a body
            return self._description(span, head, at)
        cluster = None if whole else self._entity_choice(span, head, hits)
        if cluster is not None:
            longer = self._organisation_as_written(span, head, cluster)
            return longer or self._entity_referent(cluster, span)
        return self._description(span, head, at, whole)

    def _people_word(self, span: Span, hits) -> bool:
        """An article and one capitalised word for people ("la Tahitienne", "le Marseillais", "la
        Miss"), which the recogniser took for a place or an organisation: a description."""
        words = [t for t in span if not (t.is_punct or t.is_space)]
        if len(words) != 2 or words[0].pos_ != "DET" or len(hits) != 1 or hits[0][0].label in ("PERSON", "MEDIA"):
            return False
        word = words[1]
        return hits[0][1] == word.i and (names_a_people(word.text) or fold(word.text) in self.lex.human_nouns)

    def _organisation_as_written(self, span: Span, head: Token, cluster: EntityCluster) -> Referent | None:
        """"la Commission électorale nationale indépendante du Nigeria" read as "Commission
        électorale nationale": an organisation's name the recogniser cut short, as written to the
        end of the mention (adjectives and "de" complements only)."""
        hit = self.ctx.entity_at.get(head.i)
        if cluster.label != "ORG" or hit is None or hit[0] is not cluster or len(cluster.mentions) > 1:
            return None
        doc = span.doc
        end = span.end
        while end > hit[2] and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        tail = doc[hit[2] : end]
        if not len(tail) or tail[-1].pos_ not in ("ADJ", "PROPN", "NOUN") \
                or any(t.pos_ not in ("ADJ", "ADP", "DET", "PROPN", "NOUN") or t.is_punct for t in tail) \
                or (tail[0].pos_ == "ADP" and tail[0].lower_ not in ("de", "du", "des", "d'")):
            return None
        start = hit[1] - 1 if hit[1] > span.start and doc[hit[1] - 1].pos_ == "DET" else hit[1]
        article = doc[start].lower_ + doc[start].whitespace_ if start < hit[1] else ""
        return Referent(_clean(article + doc[hit[1] : end].text), cluster.key, "ORG", _morph(head, "Gender"), "Sing",
                        fold(head.lemma_), proper=True)

    def _name_cut_after_head(self, span: Span, head: Token, hits) -> Referent | None:
        """An organisation's name the recogniser cut after its capitalised head ("l'Organisation
        des Nations unies", "la Cour suprême du Kenya" read as "Nations unies", "Kenya"): the
        name as written, to the end of the last entity."""
        if not hits or head.pos_ != "NOUN" or not head.text[:1].isupper() or head.is_sent_start \
                or head.i in self.ctx.entity_at or any(c.label == "PERSON" for c, _, _ in hits):
            return None
        doc = span.doc
        first, last = hits[0][1], hits[-1][2]
        if first <= head.i or last > span.end or not all(t.pos_ in ("ADJ", "ADP", "DET") for t in doc[head.i + 1 : first]):
            return None
        start = head.i - 1 if head.i > span.start and doc[head.i - 1].pos_ == "DET" else head.i
        article = doc[start].lower_ + doc[start].whitespace_ if start < head.i else ""
        return Referent(_clean(article + doc[head.i : last].text), None, "ORG", _morph(head, "Gender"), "Sing",
                        fold(head.lemma_), proper=True)

    @staticmethod
    def _as_person(ref: Referent, head: Token) -> Referent:
        """A name in apposition with a title is a person's, whatever the recogniser said, of
        the title's gender ("l'ambassadeur de Turquie, Mehmet Aydın")."""
        if ref.label != "PERSON":
            ref.label = "PERSON"
            ref.gender = ref.gender or first_name_gender(ref.name.split()[0]) or _morph(head, "Gender")
        return ref

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
        people = [c for c, a, _ in hits if c.label == "PERSON" and not self._complement_of_human(head, a)]
        if people:
            return people[-1]
        if on_head is not None and on_head[0].label != "GPE" or (on_head and len(hits) == 1):
            return on_head[0]
        apposed = next((c for c, a, b in hits if a > head.i and c.label in ("ORG", "MEDIA") and b >= span.end - 1
                        and all(t.pos_ == "ADJ" for t in doc[head.i + 1 : a])), None)
        if apposed is not None and not (fold(head.lemma_) in self.heads or fold(head.lemma_) in self.lex.human_nouns):
            return apposed  # "le diffuseur public MRTV", "le groupe Wagner": the name; not "l'ex-ministre PS"
        word = fold(head.lemma_)
        if self._document_as_written(head):
            return None  # "un communiqué lu à la télévision publique ORTM": a document as written
        if word in self.lex.document_nouns or word in self.lex.media_nouns:
            named = [c for c, _, _ in hits if c.label in ("ORG", "MEDIA", "PERSON")]
            if named:
                return named[0]
        if on_head is not None:
            return on_head[0]
        return None

    def _complement_of_human(self, head: Token, start: int) -> bool:
        """"le porte-parole de Macky Sall", "l'avocate du président X": a person named in the
        complement of a noun of people is whom the speaker belongs to, not the speaker."""
        if start <= head.i or not (fold(head.lemma_) in self.heads or self._human_word(head)):
            return False
        doc = head.doc
        i = start - 1
        while i > head.i and (doc[i].pos_ in ("DET", "ADJ") or fold(doc[i].text) in self.heads or doc[i].text in ("M.", "Mme")):
            i -= 1  # "du président", "de l'ancien ministre", "de M."
        return i > head.i and doc[i].lower_ in ("de", "d'", "du", "des")

    def _entity_referent(self, cluster: EntityCluster, span: Span | None) -> Referent:
        cluster = self._fullest(cluster)
        expanded = self._acronym(cluster) if cluster.label in ("ORG", "MEDIA", "MISC") else None
        if expanded is not None:  # "l'ISW" after "l'Institut pour l'étude de la guerre (ISW)"
            cluster, det = expanded
            name = (det + ("" if det.endswith("'") else " ") if det else "") + _clean(cluster.name)
            return Referent(name, cluster.key, cluster.label, cluster.gender, "Sing")
        name = _clean(cluster.name)
        label = cluster.label
        words = name.split()
        if label != "PERSON" and len(words) > 1 and fold(words[0]) in self.lex.media_nouns and words[1][:1].isupper():
            return Referent(" ".join(words[1:]), cluster.key, label, cluster.gender, "Sing")  # "le Site Fortune"
        gender = cluster.gender
        if label == "PERSON" and name[:1].islower() and span is not None:
            det = _determiner_before(self.ctx, cluster, span)
            if det:  # "L'abbé Lemire": a title the name was given with keeps its article
                name = det.lower() + ("" if det.endswith("'") else " ") + name
        elif (label in ("GPE", "MISC") and self._person_like(cluster)) \
                or (" " in name and _first_name_led(cluster)):  # "Alpha Oumar Kaba" read as an organisation
            label, gender = "PERSON", first_name_gender(name.split()[0])  # "ajoute Hassan, un autre manifestant"
        elif cluster.label in ("ORG", "GPE", "LOC", "MISC") and span is not None:
            det = _determiner_before(self.ctx, cluster, span)
            if det:
                name = det.lower() + ("" if det.endswith("'") else " ") + name
        elif cluster.label == "MEDIA":
            det = self._title_article(cluster)
            if det is None and span is not None and not name.isupper():
                det = _determiner_before(self.ctx, cluster, span)  # "selon le Guardian"; not "l'AFP"
                det = det if det in ("le", "la", "les") else None
            if det:  # "Le Figaro", "Le Monde": the article is part of the title
                name = f"{det} {name}"
        if gender is None and span is not None and label != "PERSON":
            gender = _morph(span.root, "Gender")
        return Referent(name, cluster.key, label, gender, "Sing")

    def _person_like(self, cluster: EntityCluster) -> bool:
        """A "place" that is someone: a known first name not a country, or a name with a human
        apposition after or before it ("Hassan, un autre manifestant"; "son rival, Bobi Wine")."""
        from sourcier.analyse.lexicon import country_names, is_demonym

        word = fold(cluster.name)
        if word in country_names() or is_demonym(cluster.name):
            return False
        if first_name_gender(cluster.name) is not None:
            return True
        doc = self.ctx.doc
        for start, end in cluster.mentions:
            i = self.ctx.token_at(end - 1) + 1
            if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in ("un", "une") \
                    and any(self._human_word(t) for t in doc[i + 2 : i + 4]):
                return True
            j = self.ctx.token_at(start) - 1  # "Son principal rival, Bobi Wine"
            if j > 0 and doc[j].text == "," and self._human_word(doc[j - 1]) \
                    and all(t.pos_ == "PROPN" for t in doc[j + 1 : i]):
                return True
        return False

    def _acronym(self, cluster: EntityCluster) -> tuple[EntityCluster, str | None] | None:
        name = cluster.name
        if not (2 <= len(name) <= 8 and name[:1].isupper() and name.isalpha()):
            return None  # "CPI", and "Cedeao" or "Hamas" written as words
        if self._text is None:
            self._text = text_of(self.ctx.doc)
        at = self._text.find(f"({name})")
        if at < 0:
            return self._spelt_out(cluster)
        for other in self.ctx.clusters:
            if other is cluster or other.label not in ("ORG", "MEDIA", "MISC"):
                continue
            for start, end in other.mentions:
                if 0 <= at - end <= 1 and len(other.name.split()) > 1:
                    i = self.ctx.token_at(start)
                    det = None
                    if i > 0 and fold(self.ctx.doc[i - 1].text) in _DETS:
                        det = self.ctx.doc[i - 1].lower_
                    elif fold(self.ctx.doc[i].text) in _DETS:
                        det = None  # the mention holds its article
                    return other, det
        return None

    def _spelt_out(self, cluster: EntityCluster) -> tuple[EntityCluster, str | None] | None:
        """"la CPI" in an article that names "la Cour pénale internationale": the organisation
        whose initials the acronym is, with the article it is named with when the acronym spells
        it ("LFI" for "La France insoumise")."""
        acronym = cluster.name.upper()
        for other in self.ctx.clusters:
            if other is cluster or other.label not in ("ORG", "MEDIA", "MISC", "LOC"):
                continue
            start, _ = other.mentions[0]
            i = self.ctx.token_at(start)
            det = self.ctx.doc[i - 1].lower_ if i > 0 and fold(self.ctx.doc[i - 1].text) in _DETS else None
            spelt = initials(other.name)
            if spelt == acronym or (det in ("la", "le", "les", "l'") and len(spelt) > 1 and "L" + spelt == acronym):
                return other, det  # "LFI" for "La France insoumise": an article the acronym spells
        return None

    def _title_article(self, cluster: EntityCluster) -> str | None:
        doc = self.ctx.doc
        for start, _ in cluster.mentions:
            i = self.ctx.token_at(start)
            if doc[i].text in ("Le", "La", "Les") and i > 0 and not doc[i].is_sent_start \
                    and doc[i - 1].text not in (".", "\n", ":", "«", '"', "“"):
                return doc[i].text
            if i > 0 and doc[i - 1].text in ("Le", "La", "Les") and not doc[i - 1].is_sent_start \
                    and doc[i - 2].text not in (".", "\n", ":", "«", '"', "“"):
                return doc[i - 1].text
        return None

    def _fullest(self, cluster: EntityCluster) -> EntityCluster:
        """The person a partial name stands for: "Erdogan" (read as a place), "Mateusz" → the
        person whose fuller name ends with, or contains, these words."""
        words = fold(cluster.name).split()
        if not words or (cluster.label == "PERSON" and len(words) > 1):
            return cluster
        memo = self.__dict__.setdefault("_fullest_memo", {})  # asked for each pronoun: once per cluster
        if cluster.key not in memo:
            memo[cluster.key] = self._fullest_scan(cluster, words)
        return memo[cluster.key]

    def _fullest_scan(self, cluster: EntityCluster, words: list[str]) -> EntityCluster:
        best = cluster
        for other in self.ctx.clusters:
            if other is cluster or other.label != "PERSON":
                continue
            names = [_translit(w) for w in fold(other.name).split()]
            keys = [_translit(w) for w in words]
            if len(names) > len(keys) and (names[-len(keys):] == keys or (len(keys) == 1 and keys[0] in names)):
                if best is cluster or len(other.mentions) > len(best.mentions):
                    best = other
        return best

    def _coordination(self, span: Span, parsed: bool = True) -> Referent | None:
        """"le Ghana, le Togo et le Bénin ont annoncé": the whole coordination."""
        doc = span.doc
        root = span.root
        conjuncts = [c for c in root.children if c.dep_ == "conj" and span.start <= c.i < span.end
                     and c.pos_ in ("NOUN", "PROPN")]
        if parsed and (not conjuncts or not any(t.lower_ == "et" for t in doc[span.start : span.end])):
            return None
        start, end = span.start, span.end
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        text = _clean(doc[start:end].text)
        if doc[start].pos_ == "DET" and doc[start].is_title:
            text = doc[start].lower_ + doc[start].whitespace_ + _clean(doc[start + 1 : end].text)
        named = bool(self.ctx.entities_in(start, end))  # names listed: they can speak
        return Referent(text, None, "DESC", None, "Plur", fold(root.lemma_), proper=named)

    def _unrecognised_name(self, span: Span) -> Referent:
        """A name the recogniser missed ("Erdogan a affirmé"): the person it shortens, if any."""
        words = [fold(t.text) for t in span if t.pos_ != "DET"]
        keys = [_translit(w) for w in words]
        for cluster in self.ctx.clusters:
            if cluster.label != "PERSON" or _is_title(cluster.name):
                continue
            names = [_translit(w) for w in fold(cluster.name).split()]
            if len(names) >= len(keys) and (names[-len(keys):] == keys or names[: len(keys)] == keys):
                return self._entity_referent(cluster, None)
        gender = first_name_gender(span[0].text) if len(span) > 1 or True else None
        return Referent(_clean(span.text), None, "PERSON", gender, "Sing", words[-1] if words else "", proper=True)
