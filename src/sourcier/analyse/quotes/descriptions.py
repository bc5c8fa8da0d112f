"""Descriptions and roles ("le chef de la diplomatie malienne", "le chercheur") resolved to
the person, outlet or group they stand for, or kept as written."""

from __future__ import annotations

from spacy.tokens import Span, Token

from sourcier.analyse.lexicon import first_name_gender, fold, names_a_people
from sourcier.analyse.quotes.context import subtree_span
from sourcier.analyse.quotes.entities import initials
from sourcier.analyse.quotes.referents import (
    _CONTACT_PARTICIPLES,
    _DEFINITE,
    _DETS,
    _INDEFINITE_PEOPLE,
    _LAST_NAMED,
    _PARAGRAPH_REACH,
    Referent,
    _clean,
    _copy,
    _first_name_led,
    _gender_ok,
    _is_title,
    _morph,
)
from sourcier.analyse.quotes.roles import fits, signature, title_complement, title_takes_a
from sourcier.analyse.records import EntityCluster
from sourcier.knowledge.actors import load_actors
from sourcier.knowledge.countries import load_countries


_AFFILIATION = {"candidat", "candidate", "leader", "militant", "militante", "membre", "opposant", "opposante",
                "star", "champion", "championne", "figure", "ancien", "ancienne"}  # of an organisation, no office in it
_LEADING = ("le chef de file ", "la cheffe de file ", "la chef de file ")  # who leads a party: no office in it
_LIST_WORDS = frozenset({",", "et", "ou", "encore", "même"})
_ORG_NOUNS = {"organisation", "ong", "institution", "organisme", "parti", "formation", "mouvement", "coalition",
              "alliance", "union", "bloc", "entreprise", "societe", "compagnie", "firme", "groupe", "federation",
              "association", "syndicat", "collectif", "organisation regionale", "regulateur", "instance", "organe"}
# Nouns for what a source gave ("selon les précisions de X"): the speaker is who gave it (folded lemmas).
_INFORMATION_NOUNS = frozenset({"precision", "information", "element", "indication", "revelation", "explication"})
_CONTRACTED = {"du": "le ", "des": "les ", "au": "le ", "aux": "les "}
_RELATIONAL = {"homologue", "successeur", "predecesseur", "adjoint", "adjointe", "interlocuteur", "interlocutrice"}
_ARTICLE_GENDER = {"la": "Fem", "une": "Fem", "cette": "Fem", "le": "Masc", "un": "Masc", "ce": "Masc", "cet": "Masc"}
# The role lexicon's offices as knowledge/data/leaders.csv writes them ("former" holders
# included: news of past years calls them by the office they held then).
_LEADER_OFFICES = {"president": "president", "premier ministre": "prime minister",
                   "ministre des affaires etrangeres": "foreign minister"}
# How far after a quote a person the description fits may be named first (characters): "…, a
# annoncé le procureur. … Selon Jean-Michel Dupuis, le procureur, …" a few sentences on.
_AHEAD = 600
_NAME_STOP_DEPS = frozenset({"acl:relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "dislocated"})


def _without_participle(doc, head: Token, start: int, end: int) -> int:
    """"un témoin proche des organisateurs joint depuis Dakar": the description ends
    before a participle that agrees with its head and says how the source was reached."""
    gender = head.morph.get("Gender")
    for i in range(head.i + 1, end):
        t = doc[i]
        if not (t.dep_ in ("amod", "acl") or (t.dep_ == "nmod" and t.pos_ == "VERB")) or not (t.lower_.endswith(("é", "ée", "és", "ées", "te", "ts", "tes", "int"))
                                               or "Part" in t.morph.get("VerbForm")):
            continue
        if fold(t.lower_).rstrip("es") not in _CONTACT_PARTICIPLES:
            continue  # "le Premier ministre nommé par les militaires": who, not how reached
        if t.head.i == head.i or (gender and t.morph.get("Gender") == gender and t.head.morph.get("Gender") != gender):
            return i
    return end


def _title_tail(doc, head: Token, end: int, limit: int) -> int:
    """The end of a description past its title's participle and "à" complement ("le ministre
    délégué à la Santé", "la secrétaire d'État chargée de la Jeunesse"), which the parse hangs on
    the head as a participle clause or on the verb, up to ``limit``."""
    while end < limit:
        t = doc[end]
        if t.dep_ == "acl" and t.head.i == head.i and title_takes_a(t.text):
            end = max(end + 1, min(limit, t.right_edge.i + 1))
        elif title_complement(doc, end):
            k = end + 1
            while k < limit and not (doc[k].is_punct or doc[k].pos_ in ("VERB", "AUX")) \
                    and not (doc[k].pos_ == "ADP" and doc[k - 1].pos_ in ("NOUN", "PROPN")):
                k += 1  # "à la Santé", "aux Anciens combattants": to the next preposition
            end = k
        else:
            break
    return end


def _before_head_gender(words: Span) -> str | None:
    """The gender of the adjectives between an elided article and the head ("l'ancienne
    député du Vaucluse": a woman, whatever the head's own gender)."""
    genders = {g for t in words if t.pos_ == "ADJ" for g in t.morph.get("Gender")}
    return next(iter(genders)) if len(genders) == 1 else None


def _conflicts(description: str, roles: list[str]) -> bool:
    """The description names an office none of the person's roles holds."""
    from sourcier.analyse.quotes.roles import signature

    offices = signature(description).offices
    if not offices or not roles or signature(description).head in _AFFILIATION:
        return False  # "le candidat à l'élection présidentielle" runs for the office, holds none
    return not any(offices & signature(r).offices or fits(description, r) for r in roles)


class DescriptionsMixin:
    """Descriptions to referents for :class:`~.speakers.SpeakerResolver`."""

    def _description(self, span: Span, head: Token, at: int, whole: bool = False) -> Referent | None:
        doc = self.ctx.doc
        proper = [t for t in span if not t.is_space and not t.is_punct]
        if proper and (proper[0].is_title and all(t.pos_ == "PROPN" for t in proper)
                       or len(proper) > 1 and all(not t.text[:1].islower() and t.pos_ not in ("DET", "PRON", "ADP")
                                                  for t in proper)):
            return self._unrecognised_name(doc[proper[0].i : proper[-1].i + 1])  # "Jean-Pierre Fabre"
        if proper and all(t.is_title for t in proper) and len(proper) <= 3:
            known = self._unrecognised_name(doc[proper[0].i : proper[-1].i + 1])
            if known.key is not None:  # "Ba a estimé …", a surname the tagger read as no name
                return known
        titled = self._titled_surname(proper)
        if titled is not None:  # "le général Dembélé" after "le général Souleymane Dembélé"
            return titled
        named = self._appositive_person(head)
        if named is not None:  # "actuel président de Madagascar" (of "Andry Rajoelina, …")
            return self._as_person(self._entity_referent(named, None), head)
        coordination = self._coordination(span)
        if coordination is not None:
            return coordination
        name_span = subtree_span(head, _NAME_STOP_DEPS)
        start = max(name_span.start, span.start)
        while start - 2 >= span.start and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                and not doc[start - 2].whitespace_:
            start -= 2  # "l'état-major" parsed with "major" as its head
            if start - 1 >= span.start and doc[start - 1].pos_ == "DET":
                start -= 1
        end = min(name_span.end, span.end)
        kept = self._document_as_written(head)
        if whole or kept or any(t.text in ("«", "“") for t in span):  # quoted words break the subtree
            start, end = span.start, span.end
        inner = subtree_span(head, _NAME_STOP_DEPS - {"cc", "conj"})
        own = [c.left_edge.i for c in head.children if c.dep_ in ("conj", "cc") and c.i > head.i]
        if inner.end > end and inner.end <= span.end and not own:
            end = inner.end  # "une longue liste d'experts et d'universitaires": a coordination inside
        end = _title_tail(doc, head, end, span.end)
        if not kept:
            end = _without_participle(doc, head, start, end)
        agent = self._agent_participle(head)
        if agent is not None and agent.i == end and agent.right_edge.i < span.end:
            end = agent.right_edge.i + 1  # "le Premier ministre nommé par les militaires": who, not how reached
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end <= start:
            return None
        if start > 0 and doc[start - 1].lower_ == "d'" and fold(doc[start].text) in _INDEFINITE_PEOPLE:
            start -= 1  # "D'autres"
        text = _clean(doc[start:end].text)
        word = fold(head.lemma_ if head.pos_ == "NOUN" else head.text)
        first = fold(doc[start].text)
        gender = _ARTICLE_GENDER.get(first) or _before_head_gender(doc[start : head.i]) \
            or _morph(head, "Gender")  # "la ministre": an epicene title's article; "l'ancienne député"
        number = _morph(head, "Number") or "Sing"
        if all(t.pos_ == "PROPN" or (t.is_title and not t.is_sent_start) for t in doc[start:end]) \
                and doc[start].is_title:
            return self._unrecognised_name(doc[start:end])
        if first in ("son", "sa", "ses", "leur", "leurs") and word not in _RELATIONAL \
                and (word in self.lex.group_nouns or self._human(word)):
            owner = self._pronoun(doc[start], at)
            if owner is not None and owner.label == "PERSON":  # "sa famille" → "la famille de X"
                article = "les" if number == "Plur" else ("l'" if word[:1] in "aeiouh" else
                                                          "la" if gender == "Fem" else "le")
                rest = doc[start + 1 : end].text
                text = f"{article}{'' if article.endswith(chr(39)) else ' '}{rest} de {owner.name}"
                return Referent(text, None, "DESC", gender, number, word)
        noun = doc[start + 1] if doc[start].pos_ == "DET" and start + 2 < max(end, span.end) else None
        named = noun.i + 1 + doc[noun.i + 1].is_quote if noun is not None else 0
        if noun is not None and fold(noun.text) in self.lex.media_nouns and named < span.end \
                and doc[named].text[:1].isupper():
            k = named
            while k < span.end and doc[k].text[:1].isupper() and not doc[k].is_punct:
                k += 1  # "le magazine Forbes", "le site Fortune", 'le magazine "Hello"': the outlet's name
            return Referent(_clean(doc[named:k].text), None, "MEDIA", None, "Sing", fold(noun.text), proper=True)
        if word in _INFORMATION_NOUNS:
            giver = self._information_giver(head, at)
            if giver is not None:  # "selon les précisions de France 3": France 3 said it
                return giver
        if word in self.lex.document_nouns:
            author = self._author_named(head)
            if author is not None:  # "un article du Telegraph" (a name the recogniser missed)
                return author
        if fold(text) in _LAST_NAMED:  # "ce dernier a déclaré": the person named last
            latest = self._last_named(doc[start], fold(text))
            if latest is not None:
                return latest
        definite = first in _DEFINITE
        found = self._by_role(text, at, gender) if (word in self.heads or definite) else None
        if found is None and definite and word in self.lex.media_nouns:
            found = next((r for r in reversed(self.history) if r.label == "MEDIA" and r.position < at), None) \
                or self._latest_label(("MEDIA",), at)
        if found is None and definite and self._human(word):
            found = self._named_after(doc[start:end], at)
        if found is None and definite and number == "Sing" and word in _ORG_NOUNS \
                and (self._after_organisation(start) or not any(t.pos_ == "ADP" for t in doc[start + 1 : end])):
            # "l'association des juristes du Tchad" says which, unless it follows its name ("Le RHDP, le parti …")
            if first in ("ce", "cet", "cette"):  # "Ils s'appellent les Amis du Rail. Ce collectif …"
                found = self._latest_label(("ORG",), at, reach=0, sentences=2, salient=True)
            else:
                found = next((r for r in reversed(self.history) if r.label == "ORG" and r.position < at
                              and self.ctx.paragraph_of(at) - r.paragraph <= 2), None) \
                    or (None if self._after_organisation(start) else
                        self._latest_label(("ORG",), at, reach=2, salient=True, subject=True)) \
                    or self._latest_label(("ORG",), at, reach=2, salient=True)  # "l'organisation régionale" after "la CEDEAO"
        if found is None and definite and word == "ministere" and end - start == 2:
            found = self._seat_spoke(at)  # "le ministère" after "indique Bercy"
        if found is None and definite and word in self.lex.document_nouns and number == "Sing":
            found = self._document_author(head, start)  # "Le communiqué précise" → who issued it
        if found is None and definite:
            found = self._earlier_description(word, text, at)
        if found is None and definite and end - start == 2 and not self._human(word):
            found = self._fuller_mention(head, at)  # "la police" after "la police nigériane a arrêté"
        human = self._human(word) or names_a_people(head.text)  # "la Tahitienne"
        if found is None and definite and number == "Sing" and human and not self._names_other(start, end, head=head.i):
            found = self._latest_fitting(text, gender, at)
        elif found is None and definite and number == "Sing" \
                and (word in _AFFILIATION or not self._title_head(word) or fold(text).startswith(_LEADING)) \
                and human and not self._names_other(start, end, people_only=True, head=head.i):
            found = self._latest_fitting(text, gender, at, reach=1)  # "le candidat de CAP 2015", just after he spoke
        if found is not None:
            return _copy(found)
        if doc[start].pos_ == "DET" and doc[start].is_title:  # "L'armée …" at a sentence start
            text = doc[start].lower_ + doc[start].whitespace_ + doc[start + 1 : end].text
        return Referent(text, None, "DESC", gender, number, word)

    def _information_giver(self, head: Token, at: int) -> Referent | None:
        """Who gave the information a noun of information stands for: its "de" complement ("les
        précisions de France 3") or the agent of its participle ("les éléments livrés par les
        pompiers"), when that can speak."""
        for c in head.children:
            if c.i < head.i or c.pos_ not in ("NOUN", "PROPN", "VERB"):
                continue
            if c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in ("de", "du", "des", "d'") for g in c.children):
                giver = c
            elif c.dep_ == "acl" and c.pos_ == "VERB":
                giver = next((g for g in c.children if g.dep_ == "obl:agent"), None)
            else:
                continue
            if giver is None or not (giver.i in self.ctx.entity_at or any(g.dep_ == "det" for g in giver.children)):
                continue  # "des informations de presse": a kind of information, no one
            ref = self._subject_referent(giver, at, strict=True)
            if ref is not None:
                return ref
        return None

    def _seat_spoke(self, at: int) -> Referent | None:
        """The seat of a ministry that spoke within two paragraphs ("Bercy", "le Quai d'Orsay"),
        which a bare "le ministère" takes up."""
        para = self.ctx.paragraph_of(at)
        for ref in reversed(self.history):
            if ref.position < at and para - ref.paragraph <= 2:
                seat = self.lex.seats.get(fold(ref.name).removeprefix("le ").removeprefix("la "))
                if seat is not None and seat[0].startswith("ministre"):
                    return ref
        return None

    def _after_organisation(self, start: int) -> bool:
        """The description is in apposition after an organisation's name ("Le RHDP, le parti au
        pouvoir en Côte d'Ivoire")."""
        hit = self.ctx.entity_at.get(start - 2) if start > 1 and self.ctx.doc[start - 1].text == "," else None
        return hit is not None and hit[0].label == "ORG"

    def _titled_surname(self, words: list[Token]) -> Referent | None:
        """A title and a surname the recogniser did not tag: the person of the article whose
        name ends with that surname."""
        k = len(words)
        while k > 0 and words[k - 1].pos_ == "PROPN" and words[k - 1].is_title:
            k -= 1
        if k == 0 or k == len(words) or words[k - 1].lower_ not in self.heads:
            return None  # the title right before the surname, not "le porte-parole de Macky Sall"
        ref = self._unrecognised_name(words[0].doc[words[k].i : words[-1].i + 1])
        return ref if ref.key is not None else None

    def _appositive_person(self, head: Token) -> EntityCluster | None:
        """The person a description is in apposition with, either way round ("Andry Rajoelina,
        actuel président de Madagascar"; "l'un des porte-parole de l'équipe, Joe Incandela")."""
        entity_at = self.ctx.entity_at

        def person(t: Token) -> EntityCluster | None:
            hit = entity_at.get(t.i)
            if hit is None:
                return None
            if hit[0].label == "PERSON":
                return None if _is_title(hit[0].name) else hit[0]
            if _first_name_led(hit[0]) or (hit[0].label in ("GPE", "MISC", "LOC", "ORG") and t.dep_ == "appos"
                                           and any(c.dep_ == "flat:name" for c in t.children)
                                           and all(w.pos_ == "PROPN" for w in t.doc[hit[1] : hit[2]])):
                return hit[0]  # "l'ambassadeur de Turquie, Mehmet Aydın," read as a place, or a body
            return None

        doc = head.doc
        if head.lower_ in self.heads or self._human_word(head):
            j = head.right_edge.i + 1  # "le chef de la junte, le colonel Assimi Goïta." (parse lost)
            if j < len(doc) - 1 and doc[j].text == ",":
                j += 1
                while j < len(doc) and (doc[j].pos_ == "DET" or doc[j].lower_ in self.heads) and j - head.right_edge.i < 5:
                    j += 1
                named = person(doc[j]) if j < len(doc) else None
                hit = self.ctx.entity_at.get(j)
                if named is not None and hit[1] == j and (hit[2] >= len(doc) or doc[hit[2]].is_punct):
                    return named
        while head.dep_ == "nmod" and head.head.i < head.i and head.head.lower_ in self.heads:
            head = head.head  # "la commission des Affaires étrangères" in "président de la commission …"
        if head.dep_ == "appos" and person(head.head) is not None:
            return person(head.head)
        start = head.left_edge.i
        if start > 1 and doc[start - 1].text == "," and doc[start].pos_ != "ADP" \
                and (head.lower_ in self.heads or self._human_word(head)):  # not "…, selon une source"
            hit = self.ctx.entity_at.get(start - 2)  # "Andry Rajoelina, actuel président de …" (parse lost)
            if hit is not None and (person(doc[start - 2]) is not None or (
                    hit[0].label == "MISC" and len(hit[0].name.split()) > 1
                    and first_name_gender(hit[0].name.split()[0]) is not None)):
                return hit[0]
            j = start - 2
            while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].is_title:
                j -= 1
            if j < start - 3:  # two capitalised words or more: a name the recogniser split
                ref = self._unrecognised_name(doc[j + 1 : start - 1])
                if ref.key is not None and ref.label == "PERSON":
                    return next(c for c in self.ctx.clusters if c.key == ref.key)
        frontier = [head]
        for _ in range(2):
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ == "nmod" and c.i > t.i:
                        nxt.append(c)
                    if c.dep_ != "appos" or c.i < t.i or not (t.lower_ in self.heads or (t.i == head.i and t.i > 0 and doc[t.i - 1].text == "-")  # "d'état-major, X"
                                                              or fold(t.lemma_) in self.lex.human_nouns):
                        continue
                    if person(c) is not None:
                        return person(c)
                    if c.lower_ in self.heads:  # ", le colonel Abdoulaye Maïga"
                        named = next((person(g) for g in c.children
                                      if g.dep_ in ("flat:name", "appos", "nmod") and person(g) is not None), None)
                        if named is not None:
                            return named
            frontier = nxt
        return None

    def _named_after(self, description: Span, at: int) -> Referent | None:
        """"la star de Disney Channel" after "… et star de Disney Channel Olivia Rodrigo": the
        person whose name the same words introduce."""
        doc = self.ctx.doc
        words = [fold(t.text) for t in description if fold(t.text) not in _DEFINITE]
        n = len(words)
        if n < 2:
            return None
        best = None
        for start, i, cluster in self._names_after_word().get(words[-1], []):
            if i >= n and [fold(t.text) for t in doc[i - n : i]] == words and (best is None or start > best[0]):
                best = (start, cluster)
        return self._entity_referent(best[1], None) if best else None

    def _names_after_word(self) -> dict[str, list[tuple[int, int, EntityCluster]]]:
        """(start, token, cluster) of each person's mention, by the word just before it, built
        once: comparing every description with every mention made long texts quadratic."""
        if not hasattr(self, "_names_by_word"):
            self._names_by_word: dict[str, list[tuple[int, int, EntityCluster]]] = {}
            for cluster in self.ctx.clusters:
                if cluster.label != "PERSON" or _is_title(cluster.name):
                    continue
                for start, _ in cluster.mentions:
                    i = self.ctx.token_at(start)
                    if i > 0:
                        self._names_by_word.setdefault(fold(self.ctx.doc[i - 1].text), []).append((start, i, cluster))
        return self._names_by_word

    def _human(self, word: str) -> bool:
        """A title or a noun for a person (``word`` folded: "presidente", "chanteuse")."""
        return self._title_head(word) or word in self.lex.human_nouns

    def _title_head(self, word: str) -> bool:
        """``word`` (folded) is the head word of a title ("presidente", "ministre")."""
        if not hasattr(self, "_folded_heads"):
            self._folded_heads = frozenset(fold(h) for h in self.heads)
        return word in self._folded_heads

    def _by_role(self, text: str, at: int, gender: str | None) -> Referent | None:
        """The person whose role the description fits: the latest speaker among them, else the
        latest mentioned."""
        text = self._acronyms_spelt(text)
        fitting = [c for c in self.ctx.clusters
                   if c.label == "PERSON" and c.roles and _gender_ok(c.gender, gender)
                   and any(fits(text, role) for role in c.roles)]
        if not fitting:
            fitting = self._bare_office(text, gender) or self._kindred_office(text, gender) \
                or self._state_leader(text, gender)
        if not fitting:
            return None
        keys = {c.key for c in fitting}
        for ref in reversed(self.history):
            if ref.key in keys and ref.position < at:
                return _copy(ref)
        before = [c for c in fitting if any(s < at for s, _ in c.mentions)]  # named before the quote, if anyone
        near = before or [c for c in fitting if any(s < at + _AHEAD for s, _ in c.mentions)]
        if not near:
            return None  # a person named only much later is no antecedent ("le chanteur" long before "X, chanteur de …")
        latest = max(near, key=lambda c: max((s for s, _ in c.mentions if s < at + _AHEAD), default=-1))
        return self._entity_referent(latest, None)

    def _acronyms_spelt(self, text: str) -> str:
        """"la candidate du RN" read as "la candidate du Rassemblement national" when the
        article names the party: a role given in full fits the description."""
        words = text.split()
        for n, word in enumerate(words):
            if 2 <= len(word) <= 8 and word.isupper() and word.isalpha():
                spelt = next((c.name for c in self.ctx.clusters if c.label != "PERSON" and initials(c.name) == word), None)
                words[n] = spelt or word
        return " ".join(words)

    def _bare_office(self, text: str, gender: str | None) -> list[EntityCluster]:
        """"le chef de l'État français" when the article gives only "le président Emmanuel Macron":
        the one person whose role is that office with no country or body of its own."""
        want = signature(text)
        if not want.offices:
            return []
        found = []
        for c in self.ctx.clusters:
            if c.label != "PERSON" or not c.roles or not _gender_ok(c.gender, gender):
                continue
            for role in c.roles:
                sig = signature(role)
                if sig.offices & want.offices and not sig.stems - {s[:4] for o in sig.offices for s in o.split()}:
                    found.append(c)
                    break
        others = [c for c in self.ctx.clusters if c.label == "PERSON" and c not in found
                  and any(signature(r).offices & want.offices for r in c.roles)]
        return found if len(found) == 1 and not others else []

    def _state_leader(self, text: str, gender: str | None) -> list[EntityCluster]:
        """"le président chinois" when the article names Xi Jinping without his title: the one
        person of the article the knowledge base knows to hold (or have held) that office for
        that state (not Joe Biden, named in the same article). A bare office ("le président",
        "le chef de l'État") names no state: the one person of the article who holds it anywhere."""
        want = signature(text)
        offices = {_LEADER_OFFICES[o] for o in want.offices if o in _LEADER_OFFICES}
        states = _states_in(text)
        bare = not states and not want.stems
        if not offices or (len(states) != 1 and not bare):
            return []
        actors = load_actors()
        found = []
        for c in self.ctx.clusters:
            if c.label != "PERSON" or not _gender_ok(c.gender, gender):
                continue
            state, office = actors.leader_state(c.name), actors.leader_office(c.name)
            if state is not None and (bare or state.country in states) and any(office.endswith(o) for o in offices):
                found.append(c)
        return found if len(found) == 1 else []

    def _kindred_office(self, text: str, gender: str | None) -> list[EntityCluster]:
        """"la présidente du conseil régional" for "la présidente de la région Île-de-France": the
        one person of the article whose role holds the same office with a word of the same
        complement (not "le président du Sénat" for "le président de la République")."""
        want = signature(text)
        if not want.offices or not want.stems:
            return []
        holders = [c for c in self.ctx.clusters if c.label == "PERSON" and _gender_ok(c.gender, gender)
                   and any(signature(r).offices & want.offices for r in c.roles)]
        kindred = [c for c in holders if any(signature(r).offices & want.offices and signature(r).stems & want.stems
                                             for r in c.roles)]
        return kindred if len(holders) == 1 and kindred else []

    def _latest_label(self, labels: tuple[str, ...], at: int, reach: int | None = None, sentences: int | None = None,
                      salient: bool = False, subject: bool = False) -> Referent | None:
        """The entity of ``labels`` mentioned last before ``at``, within ``reach`` paragraphs and
        ``sentences`` sentences; when ``salient``, not one of a list nor the complement of a
        person's description ("le groupe" is not "Vueling" of "Lufthansa, Ryanair ou Vueling");
        when ``subject``, only a mention that is the subject of its clause ("La Cour des comptes
        appelle à une participation des fédérations. L'institution propose …": the Cour)."""
        best: tuple[int, EntityCluster] | None = None
        for cluster in self.ctx.clusters:
            if cluster.label in labels:
                for s, _ in cluster.mentions:
                    if s < at and (best is None or s > best[0]) and not (salient and self._aside(s)) \
                            and not (subject and not self._subject_mention(s)):
                        best = (s, cluster)
        if best is None or (reach is not None and self.ctx.paragraph_of(at) - self.ctx.paragraph_of(best[0]) > reach):
            return None
        if sentences is not None:
            s, _ = self.ctx.sentence_of(self.ctx.token_at(at))
            for _ in range(sentences - 1):
                s, _ = self.ctx.sentence_of(max(0, s - 1))
            if best[0] < self.ctx.doc[s].idx:
                return None
        return self._entity_referent(best[1], self.ctx.doc[self.ctx.token_at(best[0]) : self.ctx.token_at(best[0]) + 1])

    def _subject_mention(self, char: int) -> bool:
        """The entity mentioned at ``char`` is the subject of its clause."""
        hit = self.ctx.entity_at.get(self.ctx.token_at(char))
        return hit is not None and self.ctx.doc[hit[1] : hit[2]].root.dep_ in ("nsubj", "nsubj:pass")

    def _aside(self, char: int) -> bool:
        """The entity mentioned at ``char`` is one of a list ("Lufthansa, Ryanair ou Vueling") or
        the complement of a description of a person ("le cofondateur du géant des glaces X")."""
        hit = self.ctx.entity_at.get(self.ctx.token_at(char))
        if hit is None:
            return False
        doc = self.ctx.doc
        root = doc[hit[1] : hit[2]].root
        if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
            return True
        return self._listed(hit[1], hit[2]) or self._complement_of_person(root)

    def _listed(self, start: int, end: int) -> bool:
        """Tokens [start, end) are a name in a list the parse may have lost: three names or more
        joined by commas, or two by "et"/"ou" ("Lufthansa, Ryanair ou encore Vueling")."""
        doc, entity_at = self.ctx.doc, self.ctx.entity_at
        names, joined = 1, False
        i = start - 1  # leftwards: "Name, [ou encore] [la] Name"
        while True:
            k, seps = i, set()
            while k > 0 and (doc[k].pos_ == "DET" or doc[k].lower_ in _LIST_WORDS):
                seps.add(doc[k].lower_)
                k -= 1
            if not seps & {",", "et", "ou"} or k not in entity_at:
                break
            names, joined = names + 1, joined or bool(seps & {"et", "ou"})
            i = entity_at[k][1] - 1
        i = end  # rightwards
        while True:
            k, seps = i, set()
            while k < len(doc) and (doc[k].pos_ == "DET" or doc[k].lower_ in _LIST_WORDS):
                seps.add(doc[k].lower_)
                k += 1
            if not seps & {",", "et", "ou"} or k not in entity_at:
                break
            names, joined = names + 1, joined or bool(seps & {"et", "ou"})
            i = entity_at[k][2]
        return names >= 3 or (names == 2 and joined)

    def _complement_of_person(self, root: Token) -> bool:
        """"le cofondateur du géant des glaces X": a name in a description of a person."""
        t = root
        for _ in range(3):
            if t.dep_ not in ("nmod", "appos", "flat:name") or t.head.i == t.i:
                return False
            t = t.head
            if self._human_word(t):
                return True
        return False

    def _earlier_description(self, word: str, text: str, at: int) -> Referent | None:
        """"l'armée" after "l'armée israélienne" spoke: the fuller earlier description."""
        words = set(fold(text).split()) - {"ce", "cet", "cette", "ces"}
        for ref in reversed(self.history):
            if ref.label == "DESC" and ref.head == word and ref.position < at and words <= set(fold(ref.name).split()) | _DETS:
                if fold(ref.name) == fold(text) and self._human(word):
                    return None  # "l'actrice" again: the same words say no more; a person named since may
                return ref
        return None

    def _fuller_mention(self, head: Token, at: int) -> Referent | None:
        """The latest fuller mention of a bare group or body ("la police" → "la police
        nigériane", "le ministère" → "le ministère de la Santé" after "la porte-parole du
        ministère de la Santé", named up to two paragraphs before), outside quotations."""
        doc = self.ctx.doc
        para = self.ctx.paragraph_of(head.idx)
        for i in reversed(self._nouns_by_lemma().get(head.lemma_, ())):
            t = doc[i]
            if i >= head.i:
                continue
            if para - self.ctx.paragraph_of(t.idx) > 2:
                return None
            if self._quoted(t.idx) is not None or not any(c.dep_ in ("amod", "nmod") and c.i > t.i for c in t.children):
                continue
            span = subtree_span(t, _NAME_STOP_DEPS)
            article = _CONTRACTED.get(doc[span.start].lower_) or (doc[span.start].lower_ + doc[span.start].whitespace_
                                                                  if doc[span.start].pos_ == "DET" else None)
            if span.start != t.i - 1 or article is None or span.end - span.start > 8:
                continue  # "du ministère de la Santé" (of "la porte-parole du …") is "le ministère de la Santé"
            end = span.end
            while end > span.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            text = _clean(article + doc[span.start + 1 : end].text)
            return Referent(text, None, "DESC", _morph(t, "Gender"), _morph(t, "Number") or "Sing", fold(t.lemma_))
        return None

    def _nouns_by_lemma(self) -> dict[str, list[int]]:
        """The nouns of the document by lemma, in text order (built once)."""
        if not hasattr(self, "_noun_index"):
            index: dict[str, list[int]] = {}
            for i, pos in enumerate(self.ctx.pos):
                if pos == "NOUN":
                    index.setdefault(self.ctx.lemma[i], []).append(i)
            self._noun_index = index
        return self._noun_index

    def _latest_fitting(self, text: str, gender: str | None, at: int, reach: int = _PARAGRAPH_REACH) -> Referent | None:
        """"le chercheur", "la chanteuse": the latest speaker, when nothing the article says rules it out."""
        para = self.ctx.paragraph_of(at)
        other_trade = None  # the latest speaker the article gives another trade ("l'actrice" after a minister spoke)
        for ref in reversed(self.history):
            if ref.position >= at or para - ref.paragraph > reach:
                continue
            if ref.label == "PERSON" and _gender_ok(ref.gender, gender):
                cluster = next((c for c in self.ctx.clusters if c.key == ref.key), None)
                if cluster is not None and _conflicts(text, cluster.roles):
                    return None
                if cluster is not None and self._other_trade(text, cluster.roles):
                    other_trade = other_trade or ref
                    continue
                return ref
        if other_trade is not None:
            return other_trade
        named = self._alone_in_sentence(text, gender, at)
        if named is not None:  # "Une hypothèse réfutée par X : « … », a expliqué l'ancienne députée"
            return named
        if reach < _PARAGRAPH_REACH or len(text.split()) > 4:
            return None  # "le Premier ministre nommé par les militaires" says who it is
        person = self._latest_person(at, gender, "Sing", subject=True)  # nobody spoke yet: the latest subject
        if person is not None and para - person.paragraph <= 1:
            cluster = next((c for c in self.ctx.clusters if c.key == person.key), None)
            head = signature(text).head
            no_office = not signature(text).offices  # an office says more than a head word
            if cluster is not None and (not cluster.roles or (no_office and names_a_people(text.split()[-1])) or any(
                    fits(text, r) or (no_office and head in (signature(r).head, *fold(r).split())) for r in cluster.roles)):
                return person  # "la Tahitienne": a word for the people of a place, which no role contradicts
        return None

    def _other_trade(self, text: str, roles: list[str]) -> bool:
        """A description headed by a noun of trade, no office ("l'actrice", "le chercheur"), and a
        person whose every role is headed by another title or trade ("ancienne cheffe du
        gouvernement"): someone else is likelier meant, when someone else spoke."""
        head = fold(text).replace("'", " ").split()[-1] if len(text.split()) <= 2 else ""
        if not roles or signature(text).offices or head not in self.lex.human_nouns:
            return False
        return not any(fits(text, r) or head in fold(r).replace("'", " ").split() for r in roles)

    def _alone_in_sentence(self, text: str, gender: str | None, at: int) -> Referent | None:
        """The one person who agrees, named before ``at`` in its sentence (outside quotations),
        when no role of theirs contradicts the description."""
        s, _ = self.ctx.sentence_of(self.ctx.token_at(at))
        begin = self.ctx.doc[s].idx
        agreeing = {c.key for start, c in self._person_mentions_between(begin, at)
                    if _gender_ok(c.gender, gender) and self._quoted(start) is None and not _is_title(c.name)}
        if len(agreeing) != 1:
            return None
        person = self._latest_person(at, gender, "Sing", subject=False)
        cluster = next((c for c in self.ctx.clusters if c.key == (person.key if person else None)), None)
        if cluster is None or person.position < begin or _conflicts(text, cluster.roles):
            return None
        return person

    def _names_other(self, start: int, end: int, people_only: bool = False, head: int = -1) -> bool:
        """The description names a person or organisation of its own ("le porte-parole de l'ONU"),
        not its head word ("la Miss", which the recogniser took for a body)."""
        labels = ("PERSON",) if people_only else ("PERSON", "ORG", "MEDIA")
        return any(c.label in labels and not a <= head < b for c, a, b in self.ctx.entities_in(start, end))


def _states_in(description: str) -> set[str]:
    """The states a description names, by demonym ("le président chinois") or by name after
    "de" ("le président de la Russie"), as alpha-3 codes."""
    countries = load_countries()
    words = description.replace("'", "' ").split()
    states = {c.alpha3 for w in words for c in countries.by_demonym(fold(w))}
    for n, word in enumerate(words):
        if fold(word) in ("de", "du", "d'"):
            actor = load_actors().lookup(" ".join(words[n + 1 :]))
            if actor is not None and actor.kind == "state":
                states.add(actor.country)
    return states
