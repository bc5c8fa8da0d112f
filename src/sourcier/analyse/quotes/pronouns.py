"""Pronouns ("il", "-elle", "qui") resolved to the most salient speaker or person that agrees."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from sourcier.analyse.lexicon import fold
from sourcier.analyse.quotes.choice import Candidate, pick
from sourcier.analyse.quotes.referents import (
    _PARAGRAPH_REACH,
    _DEFINITE,
    _LAST_NAMED,
    _PRONOUNS,
    Referent,
    _copy,
    _gender_ok,
    _identity,
    _is_title,
    _morph,
)
from sourcier.analyse.records import EntityCluster, text_of


_ADDING = frozenset(fold(w) for w in (  # verbs that only go on with what was said
    "ajouter", "poursuivre", "renchérir", "enchaîner", "insister", "préciser", "compléter"))
_CONTINUING = frozenset({"poursuivre", "continuer", "enchainer"})  # "poursuit-il": only a speaker goes on
_GOING_ON = frozenset(fold(w) for w in (  # folded, as the lemmas they are compared with
    "ajouter", "poursuivre", "continuer", "conclure", "renchérir", "enchaîner", "insister", "préciser", "compléter",
    "reprendre", "développer", "expliquer", "souligner", "nuancer"))
_POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})
_INCISE_CLITICS = frozenset({"-il", "-elle"})  # "…, ajoute-t-il": whose gender tells the speaker's
_IMPERSONAL_VERBS = frozenset({"falloir", "sembler", "paraître", "agir", "suffire", "valoir", "pleuvoir", "être",
                               "exister", "rester", "manquer", "arriver", "advenir"})


def _verb_of(token: Token) -> Token:
    """The verb of a subject pronoun ("continue -t -il": the parse hangs the clitic on "-t")."""
    verb = token.head
    if verb.i == token.i - 1 and token.i > 1 and token.doc[token.i - 1].lower_ == "-t":
        verb = token.doc[token.i - 2]
    return verb


def _impersonal(token: Token) -> bool:
    """"il faut", "il y a", "semble-t-il", "il est probable": an "il" that is no one."""
    verb = _verb_of(token)
    return fold(verb.lemma_) in _IMPERSONAL_VERBS or any(c.lower_ == "y" for c in verb.children)


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


class PronounsMixin:
    """Pronoun resolution for :class:`~.speakers.SpeakerResolver`, over its history of speakers."""

    def _pronoun(self, token: Token, at: int) -> Referent | None:
        """The antecedent of a pronoun: the hand rules' choice (:meth:`_pronoun_rule`) and the
        other speakers and persons within reach that agree, scored by :mod:`.choice`."""
        if fold(token.lower_) in _LAST_NAMED:  # "celui-ci a répondu"
            last = self._last_named(token, fold(token.lower_))
            if last is not None:
                return last
        ruled = self._pronoun_rule(token, at)
        gender, number = _PRONOUNS[token.lower_.lstrip("-")]
        candidates = self._antecedents(token, gender, number, ruled)
        named = self._named_in_quotation(token)
        if named and len(candidates) >= 2:  # "« Je crois que Paul Roux a raison », a-t-il dit": not Paul Roux
            others = [c for c in candidates if c.referent.key not in named]
            if others and len(others) < len(candidates):
                if not any(c.features["rules"] for c in others):
                    ruled = None
                candidates = others
                if len(others) == 1:
                    ruled = others[0].referent
        chosen = ruled
        if len(candidates) >= 2:
            best = pick(candidates)
            chosen = best.referent if best is not None else ruled
        if chosen is not None and token.lower_ in _INCISE_CLITICS:
            self._learn_gender(chosen, gender)
        return chosen

    def _read_in(self, cue, at: int) -> Referent | None:
        """"« … », peut-on lire sur leur site": the "on" who reads is no one, the writer is
        the owner of what it is read in: a possessive's antecedent, or the "de" complement of
        the place ("dans le communiqué de la préfecture")."""
        verb = getattr(cue, "verb", None)
        if verb is None or verb.lemma_ != "lire":
            return None
        for place in verb.children:
            if not place.dep_.startswith("obl") or not any(c.dep_ == "case" and c.lower_ in ("sur", "dans")
                                                           for c in place.children):
                continue
            for c in place.children:
                if c.dep_ == "det" and c.lower_ in _POSSESSIVES:
                    return self._pronoun(c, at)
                if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN") \
                        and any(k.dep_ == "case" and k.lower_ in ("de", "du", "des", "d'") for k in c.children):
                    ref = self._noun_phrase(c, at)
                    return ref if ref is not None and self._speaker_like(ref) else None
        return None

    def _named_in_quotation(self, token: Token) -> set[str]:
        """The keys of the persons a quotation names when the pronoun is the clitic of the incise
        right after it ("« … », a-t-il dit"): the speaker does not speak of himself by name."""
        if not token.lower_.startswith("-"):
            return set()
        text = text_of(self.ctx.doc)
        s, _ = self.ctx.sentence_of(token.i)
        floor = self.ctx.doc[max(0, s - 3)].idx
        k = self.ctx.doc[max(0, token.i - 4)].idx  # past "», a-t" or "» affirme-t"
        close = next((j for j in range(token.idx - 1, k - 1, -1) if text[j] in "»”\""), None)
        if close is None:
            return set()
        opening = "«" if text[close] == "»" else "“" if text[close] == "”" else '"'
        start = text.rfind(opening, floor, close)
        if start < 0:
            return set()
        return {self._fullest(c).key for _, c in self._person_mentions_between(start, close)}

    def _learn_gender(self, ref: Referent, gender: str) -> None:
        """"« … », ajoute-t-il" said of "Camille Roux": a person whose gender the article had not
        given is of the gender the clitic of the speech verb that stands for them shows, for the
        pronouns that follow ("…, précise-t-elle" is then someone else). Only those clitics
        teach it: a plain "il" may stand for a body ("le gouvernement") and mislead."""
        if ref.label != "PERSON" or ref.gender is not None or ref.key is None:
            return
        cluster = next((c for c in self.ctx.clusters if c.key == ref.key), None)
        if cluster is None or cluster.gender is not None:
            return
        cluster.gender = ref.gender = gender
        for earlier in self.history:
            if earlier.key == ref.key:
                earlier.gender = gender

    def _antecedents(self, token: Token, gender: str | None, number: str, ruled: Referent | None) -> list[Candidate]:
        """The referents a pronoun may stand for, each with its features: the speakers of the
        article and the persons it mentions within reach that agree with it, and the rules' choice."""
        at = token.idx
        para = self.ctx.paragraph_of(at)
        here = self._quoted(at)
        found: dict[str, tuple[Referent, bool]] = {}  # identity → (referent at its latest mention, spoke)
        for ref in self.history:
            if ref.position < at and para - ref.paragraph <= _PARAGRAPH_REACH and _agrees(ref, gender, number):
                found[_identity(ref)] = (ref, True)
        if number == "Sing":
            reach_start = self.ctx.paragraphs[para - _PARAGRAPH_REACH][0] if para > _PARAGRAPH_REACH else 0
            for start, cluster in self._person_mentions_between(reach_start, at):
                if not _gender_ok(cluster.gender, gender) or _is_title(cluster.name):
                    continue
                ref = self._entity_referent(cluster, None)
                ref.position, ref.paragraph = start, self.ctx.paragraph_of(start)
                key = _identity(ref)
                spoke = key in found and found[key][1]
                if key not in found or found[key][0].position < start:
                    found[key] = (ref, spoke)
        if ruled is not None:
            key = _identity(ruled)
            if key not in found or found[key][0].position < ruled.position:  # named again as a description
                found[key] = (ruled, key in found and found[key][1])
        if not found:
            return []
        latest_speaker = max((r for r in self.history if r.position < at), key=lambda r: r.position, default=None)
        s, _ = self.ctx.sentence_of(token.i)
        previous_sentence = self.ctx.doc[self.ctx.sentence_of(max(0, s - 1))[0]].idx
        going_on = fold(token.head.lemma_) in _GOING_ON
        order = sorted(found.values(), key=lambda pair: -pair[0].position)
        candidates = []
        for rank, (ref, spoke) in enumerate(order):
            last = latest_speaker is not None and _identity(latest_speaker) == _identity(ref)
            quoted = self._quoted(ref.position)
            features = {
                "recency": 1.0 / (1 + rank),
                "paragraphs": min(para - ref.paragraph, _PARAGRAPH_REACH) / _PARAGRAPH_REACH,
                "near": float(ref.position >= previous_sentence),
                "last_speaker": float(last),
                "last_speaker_going_on": float(last and going_on),
                "spoke": float(spoke),
                "subject": float(self._is_subject(ref.position)),
                "gender_known": float(ref.gender is not None and gender is not None and ref.gender == gender),
                "person": float(ref.label == "PERSON"),
                "salience": min(self._mentions_before(ref, at), 8) / 8,
                "in_quotation": float(quoted is not None and quoted is not here),
                "rules": float(ruled is not None and _identity(ruled) == _identity(ref)),
                "ever_subject": float(self._ever_subject(ref, at)),
                "complement": float(not spoke and self._complement(ref.position)),
            }
            kept = _copy(ref) if any(ref is r for r in self.history) else ref  # history stays as it was
            candidates.append(Candidate(kept, features))
        return candidates

    def _last_named(self, token: Token, words: str) -> Referent | None:
        """"Ce dernier", "celle-ci", "ces derniers" (folded ``words``) at ``token``: the person
        of that gender named last before it outside quotations, passing over a name inside
        another person's description ("Léa Morin, l'avocate de Paul Roux. Cette dernière …"
        is Léa Morin); for the plural, the latest group of people."""
        gender, number = _LAST_NAMED[words]
        if number == "Plur":
            return self._latest_group(token, gender, addressed=True)
        para = self.ctx.paragraph_of(token.idx)
        reach_start = self.ctx.paragraphs[para - 1][0] if para > 0 else 0
        for start, cluster in reversed(self._person_mentions_between(reach_start, token.idx)):
            if not _gender_ok(cluster.gender, gender) or _is_title(cluster.name) or self._quoted(start) is not None \
                    or self._inside_description(self.ctx.doc[self.ctx.token_at(start)], cluster):
                continue
            ref = self._entity_referent(cluster, None)
            ref.position, ref.paragraph = start, self.ctx.paragraph_of(start)
            return ref
        return None

    def _inside_description(self, token: Token, cluster: EntityCluster) -> bool:
        """Whether the name at ``token`` is a complement inside the description of another person
        named just before ("Paul Roux, soutien de Léa Morin": Léa Morin)."""
        t = token
        for _ in range(6):
            if t.dep_ not in ("nmod", "appos", "conj", "flat:name") or t.head.i == t.i:
                return False
            t = t.head
            hit = self.ctx.entity_at.get(t.i)
            if hit is not None and hit[0].label == "PERSON" and hit[0] is not cluster:
                return True
        return False

    def _ever_subject(self, ref: Referent, at: int) -> bool:
        """Whether the article made ``ref`` the subject of a clause before ``at`` (a topic, not
        only someone spoken of)."""
        if not hasattr(self, "_first_subject"):  # once per article: where each entity is first a subject
            self._first_subject = {c.key: next((start for start, _ in sorted(c.mentions) if self._is_subject(start)),
                                               None) for c in self.ctx.clusters}
        first = self._first_subject.get(ref.key) if ref.key else None
        if first is None:
            return ref.key is None and self._is_subject(ref.position)
        return first < at

    def _complement(self, char: int) -> bool:
        """Whether the mention at ``char`` is an object or a complement ("a rencontré Paul
        Roux", "au côté de Paul Roux"): someone merely mentioned."""
        token = self.ctx.doc[self.ctx.token_at(char)]
        return token.dep_ in ("obj", "iobj", "nmod") or token.dep_.startswith("obl")

    def _mentions_before(self, ref: Referent, at: int) -> int:
        """How often the article names ``ref`` before ``at`` (its salience)."""
        if ref.key is None:
            return sum(1 for r in self.history if r.position < at and _identity(r) == _identity(ref))
        cluster = next((c for c in self.ctx.clusters if c.key == ref.key), None)
        return sum(1 for s, _ in cluster.mentions if s < at) if cluster is not None else 1

    def _pronoun_rule(self, token: Token, at: int) -> Referent | None:
        gender, number = _PRONOUNS[token.lower_.lstrip("-")]
        s, _ = self.ctx.sentence_of(token.i)
        first = self.ctx.doc[s]
        if token.i > s + 1 and first.lower_ == token.lower_.lstrip("-") and first.dep_.startswith("nsubj") \
                and self._quoted(token.idx) is None:
            token = first  # "Il a réitéré … ce qu'il a appelé …": the subject that opened the sentence
        topic = self._topic(token, gender, number)
        if topic is not None:
            return topic  # "Quant au maire, Paul Arnaud, il espère que …"
        para = self.ctx.paragraph_of(token.idx)
        speaker = next((r for r in reversed(self.history)
                        if r.position < token.idx and _agrees(r, gender, number)
                        and para - r.paragraph <= _PARAGRAPH_REACH), None)
        person = self._latest_person(token.idx, gender, number, subject=True)
        if number == "Plur":
            group = self._latest_group(token, gender)
            if group is not None and (speaker is None or group.position > speaker.position):
                return group
        inverted = token.lower_.startswith("-")
        body = self._subject_body(token, gender, number, people=inverted) \
            if token.dep_.startswith(("nsubj", "expl")) or inverted else None
        if body is not None and all(r is None or body.position > r.position for r in (speaker, person)):
            return body  # "Le gouvernement a suspendu la radio. Dans un communiqué, il accuse …"
        chosen = person if person is not None and (speaker is None or person.position > speaker.position) else speaker
        if chosen is person and speaker is not None and gender is not None and speaker.gender == gender \
                and person.gender is None and para - speaker.paragraph <= 1:
            chosen = speaker  # "-elle" after "l'agent Garrett Rolfe": the speaker known to be a woman
        if speaker is not None and chosen is not speaker and number == "Sing" and token.dep_.startswith("nsubj") \
                and not token.lower_.startswith("-") and token.i == s and fold(token.head.lemma_) in _ADDING \
                and para - speaker.paragraph <= 2 and chosen.paragraph < para and self._quoted(token.idx) is None:
            chosen = speaker  # "Il a ajouté que …" after a paragraph about someone else: the speaker goes on
        if speaker is not None and chosen is not None and chosen is not speaker and token.lower_.startswith("-") \
                and fold(_verb_of(token).lemma_) in _CONTINUING and para - speaker.paragraph <= 2 \
                and not any(_identity(r) == _identity(chosen) for r in self.history):
            chosen = speaker  # "« … », poursuit-il" after a paragraph naming someone who never spoke
        if chosen is not None and chosen.label == "PERSON" and number == "Sing" and self._spoke_of_another(token):
            # "« Pourquoi continue-t-il ? », a demandé M. Biden. Il a réitéré …": the one he spoke of
            other = self._latest_person(token.idx, gender, number, subject=False, exclude=chosen.key)
            if other is not None:
                return other
        if chosen is not None:
            return chosen if chosen is person else _copy(chosen)
        return self._latest_person(token.idx, gender, number, subject=False) or self._protagonist(token, gender, number)

    def _protagonist(self, token: Token, gender: str | None, number: str) -> Referent | None:
        """A pronoun with no one before it to stand for ("« … », a-t-il admis." opening an article
        whose title was cut off): the person of the pronoun's gender who is the subject of the
        next sentence, else the person of that gender the article names most, if named at least
        twice and the only one named that often, or the only one of that gender it names."""
        if number != "Sing" or gender is None or self.history or self._quoted(token.idx) is not None:
            return None
        if any(c.dep_.startswith("nsubj") and c.pos_ in ("NOUN", "PROPN") for c in token.head.children):
            return None  # "pourquoi la Russie affirme-t-elle …": the clitic repeats that subject
        named = self._named_next(token, gender)
        if named is not None:
            return named  # "« … », a-t-il admis. D'humeur joyeuse, Paul Roux a ajouté …"
        counts = sorted(((len(c.mentions), k) for k, c in enumerate(self.ctx.clusters) if c.label == "PERSON"
                         and not _is_title(c.name) and c.gender == gender), reverse=True)
        if not counts or (len(counts) > 1 and (counts[0][0] < 2 or counts[1][0] == counts[0][0])):
            return None  # (the only person of that gender the article names may be named once)
        ref = self._entity_referent(self.ctx.clusters[counts[0][1]], None)
        ref.position, ref.paragraph = token.idx, self.ctx.paragraph_of(token.idx)
        return ref

    def _named_next(self, token: Token, gender: str) -> Referent | None:
        """The person of ``gender`` who is the subject of the sentence after the pronoun's, named
        there: who an opening "« … », a-t-elle dit" stands for."""
        _, end = self.ctx.sentence_of(token.i)
        if end >= len(self.ctx.doc):
            return None
        _, after = self.ctx.sentence_of(end)
        doc = self.ctx.doc
        for start, cluster in self._person_mentions_between(doc[end].idx, doc[after - 1].idx + 1):
            if cluster.gender == gender and not _is_title(cluster.name) and self._is_subject(start) \
                    and self._quoted(start) is None:
                name = doc[self.ctx.token_at(start)]
                if name.dep_ == "conj" or any(c.dep_ == "conj" for c in name.children):
                    return None  # "Jean Morel et Paul Dubois ont déjeuné": two people, not one
                ref = self._entity_referent(cluster, None)
                ref.position, ref.paragraph = token.idx, self.ctx.paragraph_of(token.idx)
                return ref
        return None

    def _topic(self, token: Token, gender: str | None, number: str) -> Referent | None:
        """A subject pronoun that takes up the topic its sentence opens with, set off by a comma
        ("Quant au maire, Paul Arnaud, il espère …", "Sa voisine, elle, n'a rien vu"): that topic,
        when it names or describes one person who agrees and holds no verb."""
        if number != "Sing" or token.lower_.startswith("-") or not token.dep_.startswith(("nsubj", "expl")):
            return None
        doc = self.ctx.doc
        s, _ = self.ctx.sentence_of(token.i)
        while s < token.i and doc[s].is_space:
            s += 1
        if token.i - s < 2 or doc[token.i - 1].text != "," or self._quoted(token.idx) is not None:
            return None
        start = s + 2 if doc[s].lower_ == "quant" and doc[s + 1].lower_ in ("à", "au") else s
        words = doc[start : token.i - 1]
        if not len(words) or len(words) > 15 or any(t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or t.is_quote
                                                    for t in words):
            return None
        people = [c for c, _, _ in self.ctx.entities_in(words.start, words.end)
                  if c.label == "PERSON" and not _is_title(c.name)]
        if len({c.key for c in people}) == 1:
            ref = self._entity_referent(people[0], None)
            return ref if _gender_ok(ref.gender, gender) else None
        if people or doc[start].pos_ != "DET" or any(t.text == "," for t in words):
            return None
        ref = self._noun_phrase(words, token.idx)
        if ref is None or ref.label != "DESC" or not _gender_ok(ref.gender, gender) \
                or not (ref.head in self.heads or ref.head in self.lex.human_nouns or ref.head in self.lex.group_nouns):
            return ref if ref is not None and ref.label == "PERSON" and _gender_ok(ref.gender, gender) else None
        return ref

    def _spoke_of_another(self, token: Token) -> bool:
        """Whether the quotation just before the pronoun's sentence (same paragraph) itself says
        "il"/"elle" of a third person: the pronoun that follows it is that person, not the speaker."""
        if token.lower_.startswith("-") or self._quoted(token.idx) is not None:
            return False
        if fold(token.head.lemma_) in _GOING_ON:
            return False  # "… ». Il a ajouté que …": the speaker goes on
        s, _ = self.ctx.sentence_of(token.i)
        if token.i - s > 1:
            return False
        start = self.ctx.doc[s].idx
        para = self.ctx.paragraph_of(start)
        before = [q for q in self.ctx.quotations if q.outer[1] <= start and self.ctx.paragraph_of(q.outer[0]) == para]
        if not before:
            return False
        last = max(before, key=lambda q: q.outer[1])
        if start - last.outer[1] > 3:
            return False  # the sentence must follow the quotation at once
        word = token.lower_
        a, b = self.ctx.token_at(last.outer[0]), self.ctx.token_at(last.outer[1] - 1)
        return any(t.lower_.lstrip("-") == word and t.dep_ in ("nsubj", "expl:subj", "dep")
                   and not _impersonal(t) for t in self.ctx.doc[a:b])

    def _subject_body(self, token: Token, gender: str | None, number: str, people: bool = False) -> Referent | None:
        """The latest body or group that was the subject of a verb in the pronoun's sentence or
        the one before ("Le gouvernement burkinabè a suspendu RFI. Il accuse …"), agreeing with
        the pronoun, outside quotations; with ``people``, a person named or newly described
        instead ("Sa mère, émue, pleurait. « … », confie-t-elle")."""
        doc = self.ctx.doc
        s, _ = self.ctx.sentence_of(token.i)
        s, _ = self.ctx.sentence_of(max(0, s - 1))
        for i in range(token.i - 1, s - 1, -1):
            t = doc[i]
            if t.dep_ != "nsubj" or t.pos_ not in ("NOUN", "PROPN") or self._quoted(t.idx) is not None \
                    or t.head.dep_ not in ("ROOT", "conj"):
                continue  # not the subject of reported content ("rappelant que le gouvernement avait …")
            if (_morph(t, "Number") or "Sing") != number or not _gender_ok(_morph(t, "Gender"), gender):
                continue
            ref = self._noun_phrase(t, token.idx)
            if ref is None or not self._speaker_like(ref):
                continue
            lex = self.lex
            if ref.label in ("GPE", "LOC") or (not people and (ref.label == "PERSON" or (ref.label == "DESC" and (
                    ref.head in self.heads or ref.head in lex.human_nouns)))):
                continue  # people are the persons' business
            if people and ref.label == "PERSON" and not _gender_ok(ref.gender, gender):
                continue  # "Moussa Keita est resté silencieux. « … », a-t-elle affirmé"
            if people and ref.label != "PERSON" and (
                    ref.label != "DESC" or (fold(t.doc[t.left_edge.i].text) in _DEFINITE and not any(
                        c.dep_ == "nmod" for c in t.children))
                    or not (ref.head in self.heads or ref.head in lex.human_nouns or ref.head in lex.group_nouns)):
                continue  # "la jeune femme" refers back; "le directeur du port", "sa mère", "une voisine" are new
            ref.position, ref.paragraph = t.idx, self.ctx.paragraph_of(t.idx)
            return ref
        return None

    def _latest_group(self, token: Token, gender: str | None, addressed: bool = False) -> Referent | None:
        """"Dix candidats de l'opposition ont dénoncé … ils ont qualifié": the latest plural noun
        phrase of people before a plural pronoun, in its sentence or the one before (with
        ``addressed``, those spoken or given to as well: "… rendus à leurs parents. Selon ces
        derniers, …")."""
        doc = self.ctx.doc
        s, _ = self.ctx.sentence_of(token.i)
        s, _ = self.ctx.sentence_of(max(0, s - 1))
        for i in range(token.i - 1, max(s, token.i - 80) - 1, -1):
            t = doc[i]
            if t.pos_ != "NOUN" or "Plur" not in t.morph.get("Number") or not self._human_word(t):
                continue
            if t.dep_ in ("nmod", "obl:agent") and t.head.pos_ == "NOUN" and t.head.i < t.i:
                continue  # "la liste des candidats": the group is the head's business
            if not addressed and t.dep_.startswith("obl") and any(
                    c.dep_ == "case" and c.lower_ in ("à", "au", "aux", "devant", "contre") for c in t.children):
                continue  # "Face aux magistrats, ils ont promis …": who they spoke to, not they
            if gender is not None and t.morph.get("Gender") and gender not in t.morph.get("Gender"):
                continue
            if self._quoted(t.idx) is not None:
                continue
            ref = self._noun_phrase(t, token.idx)
            if ref is not None:
                ref.position, ref.paragraph = t.idx, self.ctx.paragraph_of(t.idx)
                return ref
        return None

    def _latest_person(self, before: int, gender: str | None, number: str, subject: bool,
                       exclude: str | None = None) -> Referent | None:
        """The latest person mentioned before ``before`` (outside quotations) who agrees (and is a
        subject, when ``subject``)."""
        if number != "Sing":
            return None
        para = self.ctx.paragraph_of(before)
        here = self._quoted(before)  # a quotation that tells a story names its own people
        best: tuple[int, EntityCluster] | None = None
        known: tuple[int, EntityCluster] | None = None  # the latest whose gender is known to agree
        # Only mentions within reach can be the answer: a window of the mentions in text order,
        # not every mention of the article for every pronoun (quadratic on long texts).
        reach_start = self.ctx.paragraphs[para - _PARAGRAPH_REACH][0] if para > _PARAGRAPH_REACH else 0
        for start, cluster in self._person_mentions_between(reach_start, before):
            if not _gender_ok(cluster.gender, gender) or cluster.key == exclude \
                    or (exclude is not None and self._fullest(cluster).key == exclude):
                continue
            if (best is None or start > best[0]) and (not subject or self._is_subject(start)) \
                    and self._quoted(start) in (None, here):
                best = (start, cluster)
                if gender is not None and cluster.gender == gender:
                    known = best
        if best is not None and best[1].gender is None and known is not None \
                and self.ctx.paragraph_of(known[0]) == self.ctx.paragraph_of(best[0]):
            best = known  # "la chanteuse" after "Awa Sow … avec Kim Lee": the one known to be a woman
        if best is None or para - self.ctx.paragraph_of(best[0]) > _PARAGRAPH_REACH:
            return None
        ref = self._entity_referent(best[1], None)
        ref.position, ref.paragraph = best[0], self.ctx.paragraph_of(best[0])
        return ref

    def _person_mentions_between(self, start: int, end: int) -> list[tuple[int, EntityCluster]]:
        """(start, cluster) of the PERSON mentions starting in [start, end), in text order (ties in
        the order of the clusters)."""
        if not hasattr(self, "_person_mentions"):
            self._person_mentions = sorted(
                ((m_start, k, cluster) for k, cluster in enumerate(self.ctx.clusters) if cluster.label == "PERSON"
                 for m_start, _ in cluster.mentions),
                key=lambda row: (row[0], row[1]),
            )
            self._person_starts = [row[0] for row in self._person_mentions]
        first = bisect.bisect_left(self._person_starts, start)
        last = bisect.bisect_left(self._person_starts, end)
        return [(m_start, cluster) for m_start, _, cluster in self._person_mentions[first:last]]

    def _is_subject(self, char: int) -> bool:
        token = self.ctx.doc[self.ctx.token_at(char)]
        clause = token.head if token.dep_.startswith("nsubj") else token.head.head
        relative = clause.dep_ == "acl:relcl" or any(c.lower_ in ("dont", "que", "qu'", "où") and c.pos_ == "PRON"
                                                     for c in clause.children)
        if relative and not any(c.dep_.startswith("nsubj") and c.pos_ == "PRON" for c in clause.children):
            return False  # "X, dont le rival Y est en prison, a parlé": Y is talked about
        for t in (token, token.head):
            if t.dep_.startswith("nsubj") or t.dep_ in ("flat:name",) and t.head.dep_.startswith("nsubj"):
                return True
        return token.head.dep_.startswith("nsubj") or token.dep_ == "ROOT" or self._apposed_to_subject(token)

    def _apposed_to_subject(self, token: Token) -> bool:
        """"L'ancienne candidate à la mairie Léa Morin a dit …" parsed with the name in apposition
        to "mairie": a name that closes the subject's noun phrase, hung on a word of it that is
        not a person's ("le fils de la chanteuse Léa Morin" speaks of her), is that subject."""
        if token.dep_ != "appos" or self._human_word(token.head):
            return False
        last = token
        while last.i + 1 < len(token.doc) and token.doc[last.i + 1].dep_ == "flat:name" \
                and token.doc[last.i + 1].head.i == token.i:
            last = token.doc[last.i + 1]
        head = token.head
        for _ in range(4):
            if head.dep_ not in ("nmod", "appos"):
                break
            head = head.head
        return head.dep_.startswith("nsubj") and head.right_edge.i == last.i and head.head.i > last.i
