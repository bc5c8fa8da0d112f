"""``sourcier_relations``: relations between international actors, coded with PLOVER and CAMEO.

Reads the parse, the entities and the quotes of the shared ``Doc`` (it parses
nothing again) and writes ``doc._.sourcier_relations``, a list of
:class:`~sourcier.analyse.records.RelationRecord` in text order. One pass over the
tokens finds the triggers of ``analyse/data/relations.json``; only the sentences
that hold one are looked at further. For each trigger, the actor and the target are
found in the parse (:mod:`sourcier.analyse.relations.arguments`) and resolved to
states and organisations (:mod:`sourcier.analyse.relations.actors`); a relation
needs both, and two different ones. Inside a quote, a relation is claimed by the
quote's speaker. One relation is kept per (actor, type, target, negation), the one
the article asserts rather than one a speaker claims, else the first.

Confidence says how it was found: a verb with its own subject and complement (0.8),
a noun's complements (0.7), a target inside a complement (0.6); a fifth less when
claimed inside a quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sourcier.analyse.records import QuoteRecord, RelationRecord, register_extensions, text_of
from sourcier.analyse.relations import arguments
from sourcier.analyse.relations.actors import ActorResolver, Mention, state_in_phrase, window_start
from sourcier.analyse.relations.lexicon import Trigger, actor_words, contexts, time_expressions, triggers
from sourcier.knowledge.actors import Actor

_ARGUMENT_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Relations a speaker makes by saying them: said by one who acts for the actor, they are events.
_SPEECH_ACTS = frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST", "PROTEST"})
# A complement these introduce says where something is, not whose it is.
_PLACES = frozenset({"en", "à", "dans", "sur", "vers"})
# What a threat under a condition threatens, with its CAMEO code (1312: sanctions, 138: force).
_THREATENED = {"SANCTION": "1312", "ASSAULT": "138"}
# Acts whose victims may be counted nationals ("deux Maliens ont été tués"): they stand for their state.
_FORCE = frozenset({"ASSAULT", "COERCE"})
# Where a cancelling word hangs: a qualifier, a participle, an adverb or a complement.
_CANCELLING_DEPS = frozenset({"amod", "acl", "advmod", "obl", "obl:mod", "obl:arg", "nmod"})


@Language.factory(
    "sourcier_relations",
    assigns=["doc._.sourcier_relations"],
    requires=["doc._.sourcier_entities", "doc._.sourcier_quotes", "token.dep", "token.lemma", "token.pos"],
)
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    register_extensions()
    return RelationExtractor()


class RelationExtractor:
    """Finds the relations of a ``Doc`` (see the module docstring)."""

    def __init__(self) -> None:
        self.triggers = triggers()  # load the lexicons once, at pipeline build time
        self.negations = actor_words()["negations"]
        self.acts = actor_words()["acts"]
        self.anaphors = actor_words()["anaphors"]
        self.material = actor_words()["material_support"]
        self.force_acts = actor_words()["force_acts"]
        self.contexts = contexts()
        time_expressions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.sourcier_relations = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[RelationRecord]:
        # Read in bulk: a spaCy Token object per word is the costly part of a scan.
        strings = doc.vocab.strings
        rows = doc.to_array([POS, LEMMA]).tolist() if len(doc) else []
        found = [
            (doc[i], trigger)
            for i, (pos, lemma) in enumerate(rows)
            if strings[pos] in ("VERB", "NOUN", "ADJ")
            for trigger in self.triggers.get((strings[lemma].lower(), strings[pos]), ())
        ]
        if not found:
            return []
        reader = _DocReader(doc, self)
        records: list[RelationRecord] = []
        done: set[int] = set()  # a token sets off one trigger: the first that gives a relation
        for token, trigger in found:
            if token.i not in done:
                made = reader.relations(token, trigger)
                if made:
                    done.add(token.i)
                    # "suspendre sa coopération avec X": the idiom's object is no trigger of its own
                    done.update(c.i for c in token.children if trigger.objects and c.lemma_.lower() in trigger.objects)
                    records.extend(made)
                    reader.made.extend(made)
        return _one_per_relation(records)


class _DocReader:
    """What one ``Doc`` needs to read its relations: actors, quotes, sentences."""

    def __init__(self, doc: Doc, extractor: RelationExtractor) -> None:
        self.doc = doc
        self.extractor = extractor
        self.resolver = ActorResolver(doc)
        self.quotes: list[QuoteRecord] = list(doc._.sourcier_quotes or [])
        # an outlet relays what it reports ("comme le révèle Reuters"): the article asserts it
        self.outlets = {c.key for c in doc._.sourcier_entities or [] if c.label == "MEDIA"}
        self.made: list[RelationRecord] = []  # the relations found so far, in text order

    def relations(self, token: Token, trigger: Trigger) -> list[RelationRecord]:
        """The relations ``token`` sets off as ``trigger``: none, one, or one per coordinated side."""
        if trigger.target_via and not any(arguments.marker(c) in trigger.target for c in token.children):
            return []  # "dire", "annoncer" are frequent: most have no addressee at all
        if not _applies(token, trigger):
            return []
        quote = self._quote_at(token.idx)
        speaker_state = self._speaker_state(quote)
        between = self._between(token, speaker_state) if token.pos_ == "NOUN" and "entre" in trigger.target else []
        if not between and token.pos_ == "NOUN" and "entre" in trigger.target and self._heads(token, "entre"):
            return []  # "une rencontre entre les présidents américain et iranien": its sides, or none
        # "la coopération russo-malienne": both sides in one compound demonym
        compound = self.resolver.compound_of(token) if token.pos_ == "NOUN" and trigger.symmetric else []
        if len(compound) > 1:
            actors, targets = compound[:1], compound[1:]
        elif between:
            # "la coopération entre le Mali et l'URSS", "la rupture entre Bamako et Paris": both
            # sides in one complement, whoever organised it
            actors, targets = between[:1], between[1:]
        else:
            actors = self._arguments(token, trigger.actor, trigger, speaker_state, exclude=())
            targets = self._arguments(token, trigger.target, trigger, speaker_state, exclude=actors)
            if not actors and trigger.place_actor:
                actors = self._place(token)
            if trigger.type in _FORCE and token.pos_ == "VERB":
                actors = actors or self._act_of_force(token, speaker_state)
                targets = targets or self._victims(token, actors)
            if trigger.type == "ACCUSE" and token.pos_ == "VERB" and not (actors and targets):
                actors, targets = self._cued(token, actors, targets)
        # one who held an office before acts for no state, nor meets for it; what is done to
        # them may concern its state ("accuser l'ancienne Première ministre britannique")
        actors = [a for a in actors if a.via != "former"]
        if trigger.symmetric:
            targets = [t for t in targets if t.via != "former"]
        if trigger.actor_via:
            actors = [a for a in actors if a.via in trigger.actor_via]
        if trigger.target_via:
            targets = [t for t in targets if t.via in trigger.target_via]
        if (
            not targets and trigger.symmetric and not trigger.target_via and len(actors) > 1
            and not self._other_party(token, trigger) and not self._owners(token, actors[0])
        ):
            # "le Togo et le Bénin ont signé un accord": both sides are the subject (but those who
            # "ont annoncé" together told nothing to each other, and those who signed "avec" a
            # company signed with it)
            actors, targets = actors[:1], actors[1:]
        if trigger.target_kind:
            targets = [t for t in targets if t.actor.kind == trigger.target_kind]
        return [
            self._record(token, trigger, actor, target, quote)
            for actor, target in product(actors, targets)
            if actor.key != target.key
        ]

    # -- arguments ---------------------------------------------------------------------

    def _arguments(
        self, token: Token, markers: tuple[str, ...], trigger: Trigger, speaker: Actor | None,
        exclude: list[Mention] | tuple[()],
    ) -> list[Mention]:
        """The actors of the first argument that names any, under the first marker that
        gives one, coordinated ones included."""
        taken = {m.key for m in exclude}
        for where in markers:
            if where == "speaker":  # "« La Russie doit cesser ses frappes », dit le ministre polonais"
                quote = self._quote_at(token.idx)
                if speaker is not None and quote is not None and self.quotes[quote].speaker_mention:
                    record = self.quotes[quote]
                    return [Mention(speaker, *record.speaker_mention, record.speaker_key, "person")]
                continue
            if where == "possessor":  # "sa visite à Moscou"
                owner = self.resolver.possessor(token, speaker)
                if owner is not None and owner.key not in taken:
                    return [owner]
                continue
            if where == "qualifier":  # "les frappes russes"
                qualified = self.resolver.demonym_of(token)
                if qualified is not None and qualified.key not in taken:
                    return [qualified]
                continue
            if where == "subj":  # one subject, or a passive's agents ("réfuté par Kiev, ainsi que par Paris")
                heads = self._heads(token, where)
                mentions = [m for head in heads for m in self._mentions(head, token, speaker, False, taken)]
                if mentions:
                    return _unique(mentions)
                continue
            for head in self._heads(token, where, trigger.objects):  # the nearest argument that names actors
                deep = trigger.deep
                mentions = self._mentions(head, token, speaker, deep, taken)
                if mentions:
                    return _unique(mentions)
        return []

    def _other_party(self, token: Token, trigger: Trigger) -> bool:
        """Whether the trigger has a complement for its other side, actor or not ("un accord avec un laboratoire")."""
        return any(self._heads(token, where, trigger.objects) for where in trigger.target if where != "entre")

    def _place(self, verb: Token) -> list[Mention]:
        """"X a été arrêté à Londres": in a passive without agent, the state named where it happened."""
        if verb.pos_ != "VERB" or not arguments.is_passive(verb) or arguments.agent(verb) is not None:
            return []
        places = (c for c in verb.children if c.dep_.startswith("obl") and arguments.marker(c) in ("à", "en"))
        found = (self.resolver.resolve(c) for c in places)
        return [m for m in found if m is not None and m.via == "name" and m.actor.kind == "state"][:1]

    def _act_of_force(self, verb: Token, speaker: Actor | None) -> list[Mention]:
        """"deux soldats ont été tués dans une frappe turque", "… lors d'une opération menée par
        l'armée israélienne": in a passive without agent, whoever carried out the act of force
        it happened in (its demonym, its participle's agent, its "de" complement)."""
        if not arguments.is_passive(verb) or arguments.agent(verb) is not None:
            return []
        around = [*verb.children, *(g for c in verb.children if c.dep_ == "advmod" for g in c.children)]
        for noun in around:
            if not noun.dep_.startswith("obl") or noun.lemma_.lower() not in self.extractor.force_acts:
                continue
            if arguments.marker(noun) not in ("dans", "pendant", "lors") and noun.head.lower_ != "lors":
                continue
            found = self.resolver.demonym_of(noun)
            doers = [arguments.agent(c) for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"]
            doers += [c for c in noun.children if c.dep_ == "nmod" and arguments.marker(c) == "de"]
            found = found or next(filter(None, (self.resolver.resolve(d, speaker) for d in doers if d)), None)
            if found is not None:
                return [found]
        return []

    def _victims(self, verb: Token, actors: list[Mention]) -> list[Mention]:
        """"deux Palestiniens ont été tués": counted nationals, as the victims, stand for their state."""
        taken = {a.key for a in actors}
        found = (self.resolver.people_of(t, counted=True) for h in self._heads(verb, "obj") for t in arguments.with_conjuncts(h))
        return _unique([m for m in found if m is not None and m.key not in taken])

    def _cued(self, verb: Token, actors: list[Mention], targets: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        """"« La Russie affame l'Afrique », dénonce le ministre tchadien": an accusation that
        introduces a quote is its speaker's, against the first actor the quote makes a subject."""
        cued = next((n for n, q in enumerate(self.quotes) if q.cue and q.cue[0] <= verb.idx < q.cue[1]), None)
        if cued is None:
            return actors, targets
        quote, speaker = self.quotes[cued], self._speaker_state(cued)
        if speaker is None or quote.speaker_mention is None:
            return actors, targets
        actors = actors or [Mention(speaker, *quote.speaker_mention, quote.speaker_key, "person")]
        targets = [t for t in targets if t.key != actors[0].key]  # the speaker after the cue, read as its object
        if not targets:
            content = self.doc.char_span(*quote.content, alignment_mode="contract") or ()
            subjects = (self.resolver.resolve(t, speaker) for t in content if t.dep_ in ("nsubj", "nsubj:pass"))
            targets = [m for m in subjects if m is not None and m.key != actors[0].key][:1]
        return actors, targets

    def _owners(self, token: Token, actor: Mention) -> bool:
        """Whether a noun trigger's actor is its "de" complement: "la coopération du Bénin et du
        Togo" is what each gave to a third, unlike "le Bénin et le Togo ont coopéré"."""
        return token.pos_ == "NOUN" and any(
            h.left_edge.idx <= actor.start < h.right_edge.idx + len(h.right_edge) for h in self._heads(token, "de")
        )

    def _between(self, token: Token, speaker: Actor | None) -> list[Mention]:
        """The sides of "la coopération entre le Mali et l'URSS", when every side named there
        is an actor (in "un accord entre l'Iran et les cinq membres permanents, Chine, Russie…",
        the parties are not those states)."""
        for head in self._heads(token, "entre"):
            # the parser may hang the second side on the noun itself ("la rupture entre X et Y")
            hung = [c for c in token.children if c.dep_ == "conj" and c.i > head.i and c.pos_ in _ARGUMENT_POS]
            if not hung:  # "la rupture des relations entre le Maroc et l'Algérie": or lose it to another clause
                hung = [t for t in [arguments.next_conjunct(head)] if t is not None]
            # "entre les représentants du Front Polisario et du Maroc": an agent's coordinated states count
            sides = [self.resolver.resolve_all(t, speaker) for t in arguments.with_conjuncts(head) + hung]
            found = _unique([m for side in sides for m in side])
            if len(found) > 1 and all(sides):
                return found
        return []

    def _heads(self, token: Token, where: str, idiom: frozenset[str] = frozenset()) -> list[Token]:
        """The argument heads of ``token`` under one marker; an idiom's object ("pointer du
        doigt") gives way to what the parser hung on it ("pointer du doigt X")."""
        passive = token.pos_ == "VERB" and arguments.is_passive(token)
        if where == "subj":
            head = arguments.agent(token) if passive else arguments.subject(token)
            if head is None:
                return []
            return [head, *arguments.more_agents(token)] if passive else [head]
        if where == "governor":
            head = arguments.governor_subject(token)
            return [head] if head is not None else []
        if where == "deep":
            return []
        if where == "clause":  # "les allégations selon lesquelles X prépare…": whom a claim is about
            # the parser may hang the clause on the trigger's complement ("affirme sans preuve que X…")
            around = [*token.children, *(g for c in token.children if c.dep_.startswith("obl") for g in c.children)]
            return [h for h in map(arguments.clause_subject, around) if h is not None]
        if where == "obj" and token.pos_ == "VERB" and arguments.passive_participle(token):
            return [token.head]
        if where == "obj" and token.pos_ == "VERB" and arguments.shared_passive(token):
            return [c for c in token.head.children if c.dep_ == "nsubj:pass"]
        heads = [c for c in arguments.complements(token) if c.pos_ in _ARGUMENT_POS and arguments.marker(c) == where]
        if where == "obj" and idiom:
            idioms = [c for c in token.children if c.lemma_.lower() in idiom]
            heads += [a for c in idioms for a in c.children if a.dep_ in ("appos", "nmod") and a.i > c.i]
        return heads

    def _mentions(
        self, head: Token, trigger: Token, speaker: Actor | None, deep: bool, taken: set[str]
    ) -> list[Mention]:
        """The actors of an argument and its conjuncts, other than those already ``taken``; not
        the conjuncts past a trigger inside the argument ("des rebelles soutenus par Belgrade et
        les forces croates": Belgrade supports no forces)."""
        found = []
        for token in arguments.with_conjuncts(head):
            if head.i < trigger.i < token.i:
                continue
            mentions = self.resolver.resolve_all(token, speaker)
            if not mentions and deep:
                mentions = [m for m in self._inside(token, speaker, taken) if m.key not in taken][:1]
            found.extend(m for m in mentions if m.key not in taken)
        return found

    def _inside(self, head: Token, speaker: Actor | None, taken: set[str]) -> Iterator[Mention]:
        """The actors a complement is about, best first: whoever acts in it ("critiquer
        l'invasion de l'Ukraine par la Russie"), the state that qualifies an act ("un crime
        israélien"), then the actors its own complements name ("les accusations de la
        Russie"), never further than a complement's complement, and never where it is ("une
        solution en Libye"); of "entre" sides, the other one when the actor (``taken``) is one
        of them ("notre engagement à la coopération entre le Kenya et nous")."""
        for trigger in self.extractor.triggers.get((head.lemma_.lower(), head.pos_), ()):
            yield from self._arguments(head, trigger.actor, trigger, speaker, exclude=())
        if head.lemma_.lower() in self.extractor.acts:
            qualified = self.resolver.demonym_of(head)
            if qualified is not None:
                yield qualified
        skipped: set[int] = set()
        for token in arguments.noun_complements(head):
            if token.i in skipped:
                continue
            if arguments.marker(token) == "entre":  # a side is whose it is only to the other side
                sides = arguments.with_conjuncts(token)
                skipped.update(t.i for t in sides)
                found = [m for m in (self.resolver.resolve(t, speaker) for t in sides) if m is not None]
                if any(m.key in taken for m in found):
                    yield from found
                continue
            if arguments.marker(token) in _PLACES or (token.dep_ == "conj" and token.head.i in skipped):
                skipped.add(token.i)
                continue
            mention = self.resolver.resolve(token, speaker)
            if mention is not None:
                yield mention
        if head.lemma_.lower() in self.extractor.anaphors:
            yield from self._antecedents(head)

    def _antecedents(self, noun: Token) -> Iterator[Mention]:
        """"cette allégation", "cette décision": who said or did it just before, in this sentence
        or the one before, nearest first — the actor of a relation found there, a quote's
        speaker, a person acting for a state who was a subject. The mention is the noun phrase."""
        det = next((c for c in noun.children if c.dep_ == "det" and "Dem" in c.morph.get("PronType")), None)
        if det is None:
            return
        window = window_start(noun, 1)
        found = [(r.actor.start, r.actor) for r in self.made if window <= r.actor.start < det.idx]
        for n, quote in enumerate(self.quotes):
            state = self._speaker_state(n) if quote.speaker_mention and quote.speaker_key not in self.outlets else None
            if state is not None and window <= quote.speaker_mention[0] < det.idx:
                speaker = Mention(state, *quote.speaker_mention, quote.speaker_key, "person")
                found.append((speaker.start, speaker))
        person = self.resolver.antecedent(det, None, window, at_name=True)
        if person is not None:
            found.append((person.start, person))
        for _, mention in sorted(found, key=lambda f: -f[0]):
            yield Mention(mention.actor, det.idx, noun.idx + len(noun.text), mention.entity, "anaphor")

    # -- quotes ------------------------------------------------------------------------

    def _quote_at(self, char: int) -> int | None:
        for n, quote in enumerate(self.quotes):
            if quote.content[0] <= char < quote.content[1]:
                return n if quote.speaker_key not in self.outlets else None
        return None

    def _speaker_state(self, quote: int | None) -> Actor | None:
        if quote is None:
            return None
        record = self.quotes[quote]
        state = self.resolver.person_state(record.speaker_key)
        return state or (state_in_phrase(record.speaker_name) if record.speaker_name else None)

    # -- the record --------------------------------------------------------------------

    def _record(self, token: Token, trigger: Trigger, actor: Mention, target: Mention, quote: int | None):
        start = min(token.idx, actor.start, target.start)
        end = max(token.idx + len(token.text), actor.end, target.end)
        kind, mode, cameo = trigger.type, trigger.mode, trigger.cameo
        if kind in _THREATENED and arguments.threatened(token):
            # "le Japon imposera des sanctions à la Corée si…": a sanction or a strike promised under
            # a condition is a threat of it
            kind, mode, cameo = "THREATEN", None, _THREATENED[kind]
        elif kind == "SUPPORT" and token.pos_ == "NOUN" and self._material(token, target):
            kind, cameo = "AID", "070"  # "un appui aux troupes nigériennes", "un soutien logistique"
        confidence = 0.8 if token.pos_ == "VERB" else 0.7
        if trigger.deep and not _near(token, target):
            confidence = 0.6
        if quote is not None and kind in _SPEECH_ACTS and self._speaker_state(quote) == actor.actor:
            quote = None  # "nous rejetons cette allégation", says its minister: the rejection happened
        speaker = self.quotes[quote] if quote is not None else None
        return RelationRecord(
            type=kind,
            mode=mode,
            context=self._contexts(token, trigger),
            cameo=cameo,
            actor=actor,
            target=target,
            negated=not trigger.negation_asked and arguments.negated(token, self.extractor.negations),
            evidence=(start, end),
            time=self._time(token.sent, token.idx),
            quote=quote,
            claimed_by=speaker.speaker_name if speaker else None,
            claimed_by_entity=speaker.speaker_key if speaker else None,
            confidence=round(confidence * (0.8 if speaker else 1.0), 3),
        )

    def _material(self, noun: Token, target: Mention) -> bool:
        """Whether support is military or material: so qualified, or given to armed forces."""
        words = self.extractor.material
        if any(c.dep_ == "amod" and c.lower_ in words for c in noun.children):
            return True
        return any(w.lower() in words for w in text_of(self.doc)[target.start : target.end].split())

    def _contexts(self, token: Token, trigger: Trigger) -> list[str]:
        """The trigger's own qualifiers ("coopération militaire"), else the trigger's default."""
        words = [c for c in token.children if c.dep_ in ("amod", "nmod")]
        words += [g for c in token.children if c.dep_ == "obj" for g in c.children if g.dep_ == "amod"]
        found = [self.extractor.contexts[w.lower_] for w in words if w.lower_ in self.extractor.contexts]
        return list(dict.fromkeys(found)) or list(trigger.context)

    def _time(self, sentence: Span, char: int) -> tuple[int, int] | None:
        """The time expression of the sentence nearest to the trigger, if any."""
        text = text_of(self.doc)[sentence.start_char : sentence.end_char]
        matches = list(time_expressions().finditer(text))
        if not matches:
            return None
        best = min(matches, key=lambda m: abs(sentence.start_char + m.start() - char))
        return sentence.start_char + best.start(), sentence.start_char + best.end()


def _cancelled(token: Token, unless: frozenset[str]) -> bool:
    """Whether a qualifier, an adverb or a complement cancels the trigger ("une offensive
    diplomatique", "attaquer X en justice", "la coopération, gelée depuis…"), or its predicate
    does when it is a subject ("la coopération est suspendue")."""
    if any(c.lower_ in unless for c in token.children if c.dep_ in _CANCELLING_DEPS):
        return True
    return token.dep_.startswith("nsubj") and token.head.lower_ in unless


def _applies(token: Token, trigger: Trigger) -> bool:
    """Whether the trigger's conditions hold here: its idiom's object, its reflexive, its
    complement, no cancelling qualifier, and an event rather than a condition or a wish."""
    if trigger.objects and not _has_object(token, trigger.objects):
        return False
    if trigger.reflexive and not any(c.lower_ in ("se", "s'", "s’") for c in token.children):
        return False
    if trigger.unless and _cancelled(token, trigger.unless):
        return False
    if trigger.needs_complement and not arguments.has_complement(token):
        return False
    if trigger.adverbs and not any(c.lower_ in trigger.adverbs for c in token.children if c.dep_ == "advmod"):
        return False
    if trigger.moods and not set(token.morph.get("Mood")) & trigger.moods:
        return False
    return not arguments.hypothetical(token)


def _has_object(token: Token, objects: frozenset[str]) -> bool:
    """Whether the verb's object or complement ("pointer du doigt"), passive subject or
    relative antecedent is one of these."""
    candidates = [
        c for c in token.children
        if c.dep_ in ("obj", "nsubj:pass") or c.dep_.startswith("obl") or (c.dep_ == "xcomp" and c.pos_ == "NOUN")
    ]
    # "a signé avec la Russie des accords": an object the parser hung on the oblique before it
    candidates += [g for c in candidates if c.dep_.startswith("obl") for g in c.children if arguments.misread_object(g) == token]
    if token.dep_.startswith("acl") and token.head.i != token.i:
        candidates.append(token.head)
    return any(c.lemma_.lower() in objects for c in candidates)


def _near(token: Token, target: Mention) -> bool:
    return any(c.idx == target.start or c.idx <= target.start < c.idx + len(c.text) for c in token.children)


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for mention in mentions:
        seen.setdefault(mention.key, mention)
    return list(seen.values())


def _one_per_relation(records: list[RelationRecord]) -> list[RelationRecord]:
    """One record per (actor, type, target, negation): asserted before claimed, else the first."""
    kept: dict[tuple, RelationRecord] = {}
    for record in records:
        key = record.key
        if key not in kept or (kept[key].quote is not None and record.quote is None):
            kept[key] = record
    return sorted(kept.values(), key=lambda r: r.evidence)
