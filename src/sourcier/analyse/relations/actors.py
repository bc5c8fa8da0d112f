"""Which state or organisation a token of a parsed sentence stands for.

A state acts through many words: its name ("le Mali"), its capital or a seat of power
("Bamako", "le Kremlin"), an agent noun qualified by a demonym or complemented by the
state ("le gouvernement malien", "l'armée du Niger", "son homologue guinéen"), a person
whose role names the state ("Abdoulaye Diop", minister of Mali's foreign affairs), its
people ("les Maliens") and, inside a quote, the speaker's own "nous" or "notre pays".
Organisations go by their names ("l'ONU", "la CEDEAO"). Everything else is no actor:
vague groups ("l'Occident") are not in the tables, so they never resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from sourcier.analyse.records import EntityCluster
from sourcier.analyse.relations.arguments import marker
from sourcier.analyse.relations.lexicon import actor_words
from sourcier.knowledge.actors import Actor, load_actors
from sourcier.knowledge.countries import load_countries

_WORD = re.compile(r"[\w'’-]+")
_COMPASS = frozenset({"Nord", "Sud", "Est", "Ouest"})
# the words of a region ("l'est libyen", "le nord du Mali", "l'Irlande du Nord")
_REGIONS = frozenset({"nord", "sud", "est", "ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest", "centre"})
_ELIDED = re.compile(r"^[dlDL]['’]")
_MAX_NAME_WORDS = 5
_COMPOUND_REACH = 5  # "la coopération militaire et sécuritaire russo-malienne": the words a noun's demonym may follow
_NOT_STATES = frozenset({"MEDIA", "PERSON", "MISC"})
_SUBJECT_PRONOUNS = {"il": "Masc", "elle": "Fem", "lui": "Masc"}  # "lui aussi se rendra à Kiev"


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor and the characters of ``doc.text`` that name it."""

    actor: Actor
    start: int
    end: int
    entity: str | None = None  # the EntityCluster key when a person or a named entity
    via: str = "name"  # how the text names it: name | agent | person | people | speaker | pronoun | former

    @property
    def key(self) -> str:
        return self.actor.country or self.actor.name


def state_in_phrase(phrase: str, organisations: bool = False) -> Actor | None:
    """The state a title or description names ("ministre malien des Affaires étrangères" → Mali);
    with ``organisations``, else the organisation it names ("secrétaire général de l'Otan")."""
    countries, actors = load_countries(), load_actors()
    words = _WORD.findall(phrase)
    # "chef rebelle", "homme fort de l'est libyen", "secrétaire d'État à l'Irlande du Nord": a
    # rebel, or an office over a region, acts for no state (an organisation it names still counts)
    states = not any(w.lower() in actor_words()["non_state"] for w in words)
    for i, word in enumerate(words):
        found = countries.by_demonym(word)
        if states and len(found) == 1 and not (i and _ELIDED.sub("", words[i - 1]).lower() in _REGIONS):
            return actors.lookup(found[0].name_fr)
    organisation = None
    for i, word in enumerate(words):
        first = _ELIDED.sub("", word)  # "de l'Otan", "d'Espagne"
        if not first[:1].isupper() or _posted_to(words, i):
            continue
        for n in range(min(_MAX_NAME_WORDS, len(words) - i), 0, -1):
            if _region_follows(words, i + n):
                continue  # "Irlande" of "Irlande du Nord"; "Soudan du Sud" itself is a state
            rest = words[i + 1 : i + n]
            actor = actors.lookup(" ".join([word, *rest])) or actors.lookup(" ".join([first, *rest]))
            if actor is not None and actor.kind == "state":
                if states:
                    return actor
                continue
            organisation = organisation or actor
    return organisation if organisations else None


def _posted_to(words: list[str], i: int) -> bool:
    """"ambassadeur à l'ONU", "représentant auprès de l'UE": where one is posted, not whom one acts for."""
    before = [w.lower() for w in words[max(0, i - 2) : i]]
    return bool(before) and (before[-1] in ("à", "au", "aux") or (before[-1] in ("de", "du") and before[0] == "auprès"))


def _region_follows(words: list[str], i: int) -> bool:
    """"Irlande [du Nord]", "Soudan [du Sud]": the name is that of a region or another state."""
    return i + 1 < len(words) and words[i].lower() in ("du", "de") and words[i + 1].lower() in _REGIONS


class ActorResolver:
    """Resolves tokens of one ``Doc`` to actor mentions; lazy, so sentences without a trigger cost nothing."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors = load_actors()
        self.countries = load_countries()
        self.words = actor_words()
        self._entity_at: dict[int, Span] | None = None
        self._people: dict[int, tuple[EntityCluster, Actor]] | None = None
        self._formers: set[int] = set()  # where persons who held an office before are named

    # -- what the document knows -------------------------------------------------------

    def _entity_spans(self) -> dict[int, Span]:
        if self._entity_at is None:
            self._entity_at = {t.i: ent for ent in self.doc.ents for t in ent}
        return self._entity_at

    def _person_states(self) -> dict[int, tuple[EntityCluster, Actor]]:
        """Token start character → (person, actor) for known leaders and persons whose roles
        name a state, else an organisation ("membre d'Al-Qaïda")."""
        if self._people is None:
            self._people = {}
            for cluster in self.doc._.sourcier_entities or []:
                if cluster.label != "PERSON":
                    continue
                if any(self._former(role) for role in cluster.roles):
                    self._formers.update(start for start, _ in cluster.mentions)
                # the curated leaders first: roles are read from the text, and a title may be misread
                state = self.actors.leader_state(cluster.name)
                state = state or next(filter(None, (self._role_actor(r) for r in cluster.roles)), None)
                if state:
                    for start, _ in cluster.mentions:
                        self._people[start] = (cluster, state)
        return self._people

    def _role_actor(self, role: str) -> Actor | None:
        """The state or organisation a role acts for: a state only through an office ("ministre
        malien"); "graphiste portugais", "un Américain", "journaliste de France 2" name a
        nationality or an employer, not a state the person acts for."""
        actor = state_in_phrase(role, organisations=True)
        if actor is None or actor.kind != "state":
            return actor
        offices = self.words["agents"] | self.words["titles"]
        return actor if any(w.lower() in offices or w.lower()[3:] in offices for w in _WORD.findall(role)) else None

    def _former(self, role: str) -> bool:
        """"ancien président", "ex-Premier ministre": a role its bearer no longer holds."""
        words = _WORD.findall(role.lower())
        offices = self.words["agents"] | self.words["titles"]
        return any(w in self.words["former"] and after in offices for w, after in zip(words, words[1:])) or any(
            w.startswith("ex-") and w[3:] in offices for w in words
        )

    def person_state(self, cluster_key: str | None) -> Actor | None:
        """The state of the person with this entity key, when the article gives one."""
        for cluster, state in self._person_states().values():
            if cluster.key == cluster_key:
                return state
        return None

    # -- resolution --------------------------------------------------------------------

    def resolve(self, token: Token, speaker_state: Actor | None = None, depth: int = 0) -> Mention | None:
        """The actor ``token`` (an argument's head) stands for, or ``None``; named by one who held
        an office before ("l'ancien président américain"), it comes ``via`` "former"."""
        found = (
            self._named(token)
            or self._agent(token, speaker_state, depth)
            or self._organisation_before(token)
            or self._apposed(token, speaker_state, depth)
            or self._led_by(token, speaker_state, depth)
            or self.people_of(token)
            or self._speaker(token, speaker_state)
            or self._pronoun(token)
        )
        if found is not None and (
            found.start in self._formers
            or any(c.dep_ == "amod" and c.lemma_.lower() in self.words["former"] for c in token.children)
        ):
            return replace(found, via="former")
        return found

    def resolve_all(self, token: Token, speaker_state: Actor | None = None) -> list[Mention]:
        """:meth:`resolve`, and the states coordinated in an agent's complement
        ("les ministres de l'Intérieur du Ghana, du Togo et du Bénin")."""
        first = self.resolve(token, speaker_state)
        if first is None:
            return []
        found = [first]
        if token.lemma_.lower() in self.words["agents"]:
            # every state complemented, coordinated or (as the parser may hang them) side by side
            for child in _complements(token):
                sides = [child] + [c for c in child.children if c.dep_ == "conj"]
                found.extend(filter(None, (self.resolve(c, speaker_state, 1) for c in sides)))
        return found

    def _named(self, token: Token) -> Mention | None:
        spans = self._entity_spans()
        ent = spans.get(token.i)
        if ent is None and token.i + 1 < len(token.doc) and token.doc[token.i + 1].head.i == token.i:
            # "M. Shoigu": the parser heads the name with its honorific, outside the entity
            after = token.doc[token.i + 1]
            ent = spans.get(after.i) if after.dep_ == "flat:name" and after.ent_type_ == "PERSON" else None
        if ent is not None:
            person = self._person_states().get(ent.start_char)
            if person is not None:
                return Mention(person[1], ent.start_char, ent.end_char, person[0].key, "person")
            actor = self.actors.lookup(ent.text)
            if actor is not None:
                return Mention(actor, ent.start_char, ent.end_char)
            leader = self.actors.leader_state(ent.text) if ent.label_ in ("PERSON", "MISC") else None
            if leader is not None:  # a leader the entity linker dropped or mistyped ("Macron" read as an adverb)
                return Mention(leader, ent.start_char, ent.end_char, via="person")
            if ent.label_ in _NOT_STATES:  # "France 24" is an outlet, not France
                return None
        if token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper():
            if token.text in self.words["need_article"] and not _after_article(token):
                return None  # "Réunion d'urgence" is no island
            name = _name_span(token)
            if name[-1].text in _COMPASS and len(name) > 1:
                return self._lookup(name)  # "l'Irlande du Nord" is no Ireland
            return self._lookup(name) or self._lookup(token.doc[token.i : token.i + 1])
        return None

    def _lookup(self, span: Span) -> Mention | None:
        actor = self.actors.lookup(span.text)
        return Mention(actor, span.start_char, span.end_char) if actor is not None else None

    def _agent(self, token: Token, speaker_state: Actor | None, depth: int) -> Mention | None:
        """"le gouvernement malien", "le ministre de la Défense du Niger", "le président russe, X"."""
        if token.lemma_.lower() not in self.words["agents"] and token.lower_ not in self.words["agents"]:
            return None
        if token.text[:1].isupper() and not token.is_sent_start and token.text not in self.words["agents_as_written"]:
            return None  # a proper name ("les Forces démocratiques syriennes") is no state's agent
        if any(c.dep_ == "amod" and c.lemma_.lower() in self.words["non_state"] for c in token.children):
            return None  # "des organisations caritatives chinoises", "le chef rebelle tchadien"
        # "des combattants syriens", "des organisations caritatives chinoises": a nationality, no state
        qualified = self.demonym_of(token) if token.lemma_.lower() not in self.words["by_complement_only"] else None
        if qualified is not None:
            return qualified
        if depth >= 2:
            return None
        for child in _complements(token):
            inner = self.resolve(child, speaker_state, depth + 1)
            if inner is not None:
                return Mention(inner.actor, _start(token), inner.end, inner.entity, "agent")
        return self._titled(token) if depth == 0 else None

    def _titled(self, token: Token) -> Mention | None:
        """"le roi", "la chancelière" alone: the person the article gave that title before,
        when all who bear it act for one state."""
        if token.lower_ not in self.words["titles"] or not any(
            c.dep_ == "det" and c.lower_ in ("le", "la", "l'", "l’") for c in token.children
        ):
            return None
        bearers = [
            (start, cluster, state)
            for start, (cluster, state) in self._person_states().items()
            if start < token.idx and any(token.lower_ in _WORD.findall(role.lower()) for role in cluster.roles)
        ]
        if len({state.country for _, _, state in bearers}) != 1:
            return None
        _, cluster, state = max(bearers, key=lambda found: found[0])
        return Mention(state, _start(token), token.idx + len(token.text), cluster.key, "person")

    def demonym_of(self, token: Token) -> Mention | None:
        """The state a demonym qualifying ``token`` names ("le gouvernement malien" → Mali)."""
        for child in token.children:
            if child.dep_ == "amod" or (child.dep_ == "nmod" and child.pos_ == "ADJ"):
                states = self.countries.by_demonym(child.text)
                if len(states) == 1:
                    return self._span_mention(token, child, self.actors.lookup(states[0].name_fr))
        return None

    def compound_of(self, noun: Token) -> list[Mention]:
        """The states of a compound demonym after a noun ("la coopération militaire
        russo-malienne", "l'accord sino-américain"), read in the text: the parser splits
        and hangs these words many ways."""
        doc, i = noun.doc, noun.i + 1
        while i < min(len(doc), noun.i + _COMPOUND_REACH) and (doc[i].pos_ == "ADJ" or doc[i].text == "-"):
            end = i + 1
            while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "-" or doc[end].is_alpha):
                end += 1
            word = doc[i:end]
            states = self._compound(word.text)
            if states:
                return [Mention(state, word.start_char, word.end_char) for state in states]
            i = end
        return []

    def _compound(self, word: str) -> list[Actor]:
        """"russo-malienne" → Russia, Mali; "nord-coréen" is one state's demonym, no compound."""
        parts = word.split("-")
        if len(parts) < 2 or len(self.countries.by_demonym(word)) == 1:
            return []
        prefixes = self.words["compound_prefixes"]
        for k in range(1, len(parts)):
            last = self.countries.by_demonym("-".join(parts[k:]))
            if len(last) == 1 and all(p.lower() in prefixes for p in parts[:k]):
                codes = [prefixes[p.lower()] for p in parts[:k]] + [last[0].alpha3]
                states = [self.actors.lookup(self.countries.get(code).name_fr) for code in dict.fromkeys(codes)]
                return [s for s in states if s is not None]
        return []

    def people_of(self, token: Token, counted: bool = False) -> Mention | None:
        """"les Maliens": a people, capitalised and plural, stands for its state; ``counted``
        people too ("deux Maliens"), as the victims of an act of force against their state."""
        if not (token.text[:1].isupper() and token.text.endswith("s") and token.pos_ in ("NOUN", "PROPN")):
            return None
        if not counted and any(c.dep_ == "nummod" or c.like_num for c in token.children):
            return None  # "neuf Français" are people, not France
        states = self.countries.by_demonym(token.text)
        state = self.actors.lookup(states[0].name_fr) if len(states) == 1 else None
        if state is None:  # "les Hongkongais": a territory's people act for no state
            return None
        return Mention(state, token.idx, token.idx + len(token.text), via="people")

    def _speaker(self, token: Token, speaker_state: Actor | None) -> Mention | None:
        """Inside a quote: "nous", "notre pays" are the speaker's state."""
        if speaker_state is None:
            return None
        own = token.lower_ in self.words["speaker_pronouns"] and token.pos_ == "PRON"
        own = own or (
            token.lemma_.lower() in self.words["speaker_nouns"]
            and any(c.lower_ in self.words["speaker_pronouns"] for c in token.children if c.dep_ == "det")
        )
        if not own:
            return None
        return Mention(speaker_state, _start(token), token.idx + len(token.text), via="speaker")

    def _pronoun(self, token: Token) -> Mention | None:
        """"il", "elle" as a subject: its antecedent (:meth:`antecedent`)."""
        if token.lower_ not in _SUBJECT_PRONOUNS or token.dep_ not in ("nsubj", "nsubj:pass"):
            return None
        return self.antecedent(token, _SUBJECT_PRONOUNS[token.lower_])

    def possessor(self, noun: Token, speaker_state: Actor | None = None) -> Mention | None:
        """Whose act a noun with a possessive is ("sa visite à Moscou", "son accusation"): in a
        quote, "notre" is the speaker's state; else "son", "sa", "leur" is the antecedent of
        a pronoun (whatever its gender: a possessive agrees with the thing possessed)."""
        det = next((c for c in noun.children if c.dep_ == "det" and "Yes" in c.morph.get("Poss")), None)
        if det is None:
            return None
        if det.lower_ in self.words["speaker_pronouns"]:
            if speaker_state is None:
                return None
            return Mention(speaker_state, det.idx, det.idx + len(det.text), via="speaker")
        return self.antecedent(det, None)

    def antecedent(
        self, token: Token, gender: str | None, window: int | None = None, at_name: bool = False
    ) -> Mention | None:
        """The last person acting for a state who was a subject before ``token``, from
        ``window`` (its sentence or the two before) on, when the gender agrees; the mention is
        ``token``, or with ``at_name`` the person's name."""
        window = window_start(token, 2) if window is None else window
        before = [
            (start, cluster, state)
            for start, (cluster, state) in self._person_states().items()
            if window <= start < token.idx and (gender is None or cluster.gender in (None, gender))
            and self._is_subject(start)
        ]
        if not before:
            return None
        start, cluster, state = max(before, key=lambda found: found[0])
        if at_name:
            return Mention(state, start, dict(cluster.mentions)[start], cluster.key, "person")
        return Mention(state, token.idx, token.idx + len(token.text), cluster.key, "pronoun")

    def _apposed(self, token: Token, speaker_state: Actor | None, depth: int) -> Mention | None:
        """"Jean Dupont, ressortissant belge et membre d'Al-Qaïda, …": a person the article gives
        no role, through an agent in apposition here."""
        if token.ent_type_ != "PERSON" or depth:
            return None
        apposed = [c for c in token.children if c.dep_ == "appos"]
        for noun in [n for a in apposed for n in (a, *(c for c in a.children if c.dep_ == "conj"))]:
            found = self._agent(noun, speaker_state, depth + 1)
            if found is not None:
                name = self._entity_spans().get(token.i)
                return Mention(found.actor, name.start_char, name.end_char, via="person") if name else found
        return None

    def _led_by(self, token: Token, speaker_state: Actor | None, depth: int) -> Mention | None:
        """"l'Occident, dirigé par les États-Unis", "la coalition menée par l'Arabie saoudite":
        a group that is no actor acts through the one that leads it."""
        if depth or token.pos_ not in ("NOUN", "PROPN"):
            return None
        led = (c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in self.words["led_by"])
        leaders = (a for verb in led for a in verb.children if a.dep_.startswith("obl") and marker(a) == "par")
        return next(filter(None, (self.resolve(a, speaker_state, depth + 1) for a in leaders)), None)

    def _organisation_before(self, token: Token) -> Mention | None:
        """"l'alliance", "l'organisation" alone: the organisation named last, in this sentence
        or the two before, when the last organisation named there is in the tables."""
        if token.lemma_.lower() not in self.words["organisation_nouns"] or token.pos_ != "NOUN":
            return None
        definite = any(c.dep_ == "det" and c.lower_ in ("l'", "l’", "la", "le") for c in token.children)
        if not definite or any(c.dep_.startswith("nmod") or c.dep_ == "appos" for c in token.children):
            return None  # "une coalition", "l'alliance des États du Sahel"
        window = window_start(token, 2)
        named = [e for e in self.doc.ents if e.label_ == "ORG" and window <= e.start_char and e.end_char <= token.idx]
        actor = self.actors.lookup(named[-1].text) if named else None
        if actor is None or actor.kind != "organisation":
            return None
        return Mention(actor, _start(token), token.idx + len(token.text), via="agent")

    def _is_subject(self, char: int) -> bool:
        """Whether the name starting at ``char`` is a subject, or in apposition (which the parser
        may read as a coordination) to one."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        token = span[0]
        for _ in range(3):
            if token.dep_ in ("nsubj", "nsubj:pass"):
                return True
            if token.dep_ not in ("flat:name", "appos", "conj") or token.head.i == token.i:
                return False
            token = token.head
        return False

    def _span_mention(self, head: Token, last: Token, actor: Actor | None) -> Mention | None:
        if actor is None:
            return None
        end = max(head.idx + len(head.text), last.idx + len(last.text))
        return Mention(actor, min(_start(head), last.idx), end, via="agent")


def _complements(agent: Token) -> list[Token]:
    """What may name an agent's state: its appositions ("le président, X"), its "de"
    complements and theirs ("le ministre de la Défense des États-Unis")."""
    found = []
    for child in agent.children:
        if child.i < agent.i:
            continue
        if child.dep_ in ("appos", "flat:name"):
            found.append(child)
        elif child.dep_ == "nmod" and marker(child) == "de" and child.lower_ not in _REGIONS:
            # "les forces du nord-est de la Syrie" hold a region, not the state
            found.append(child)
            found.extend(g for g in child.children if g.dep_ == "nmod" and marker(g) == "de")
    return found


def window_start(token: Token, sentences: int) -> int:
    """Where the text starts that holds ``token``'s sentence and the ``sentences`` before it."""
    sentence = token.sent
    for _ in range(sentences):
        if sentence.start == 0:
            break
        sentence = token.doc[sentence.start - 1].sent
    return sentence.start_char


def _after_article(token: Token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].lower_ in ("la", "le", "l'", "de", "du", "à", "au", "en", "île")


def _start(token: Token) -> int:
    """Where the noun phrase of ``token`` starts, its determiner included."""
    first = min((c for c in token.children if c.dep_ == "det" and c.i < token.i), default=token, key=lambda t: t.i)
    return first.idx


def _name_span(token: Token) -> Span:
    """A proper name written over several tokens ("Côte d'Ivoire", "Maison Blanche")."""
    end = token.i + 1
    for child in token.children:
        if child.i >= end and child.dep_ in ("flat:name", "nmod", "amod") and child.pos_ in ("PROPN", "ADJ"):
            end = child.i + 1
    return token.doc[token.i : end]
