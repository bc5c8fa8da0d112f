"""A trigger's arguments in the parse: who acts (actor) and on whom (target).

Arguments are found by *marker*: ``subj`` (the clause's subject, through infinitives,
adverbial clauses and coordinations: "après avoir rompu avec Paris, Niamey…"), ``obj``
(the direct object, or the subject of a passive), a preposition ("avec la France",
"contre la Russie", "entre le Mali et l'URSS"), or ``governor`` (for a noun: the subject
of the verb it is the object of, "Washington a imposé des sanctions"). A passive turns
``subj`` into the "par" complement. Coordinated arguments ("la France, le Royaume-Uni
et les États-Unis") each count.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from sourcier.analyse.relations.lexicon import actor_words, object_control

_CONTRACTIONS = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de"}
_RELATIVE = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles"})
_SUBJECT_CLIMB = frozenset({"xcomp", "advcl", "conj", "ccomp"})
# One step up: "X a décidé de rompre avec Y"; further up, parse errors outweigh the finds.
_MAX_CLIMB = 1
_INFINITIVE_MARKS = frozenset({"après", "avant", "pour", "sans", "afin"})
# What the parser hangs on a noun's complement instead of the noun ("l'invasion du Koweït par l'Irak");
# never "de": in "le retrait des États-Unis de l'accord de Paris", Paris is no argument of "retrait".
_HUNG_MARKERS = frozenset({"par", "contre", "avec", "entre"})
_CONDITIONAL_ENDINGS = frozenset({"ais", "ait", "ions", "iez", "aient"})
# Verbs whose compound past takes "être" ("est sorti", "est venu"): never passives.
_ETRE_VERBS = frozenset({
    "aller", "arriver", "venir", "revenir", "parvenir", "intervenir", "partir", "repartir", "sortir", "entrer",
    "rentrer", "retourner", "rester", "tomber", "passer", "devenir", "descendre", "monter", "naître", "mourir",
})
# The dependencies by which a noun trigger is the object or complement of a verb.
_GOVERNED = frozenset({"obj", "obl", "obl:arg", "obl:mod", "nsubj:pass", "xcomp", "iobj"})


def marker(token: Token) -> str:
    """How ``token`` attaches: its preposition ("avec", "à", "de", …) or ``obj``/``subj``."""
    for child in token.children:
        if child.dep_ == "case" and child.i < token.i:
            word = child.lower_
            return _CONTRACTIONS.get(word, word)
    if token.dep_ in ("obj", "nsubj:pass"):
        return "obj"
    if token.dep_.startswith("obl") and token.pos_ in ("NOUN", "PROPN"):
        # an oblique without a preposition is an object the parser misread ("a accueilli,
        # mardi, son homologue X", "a dénoncé un « crime »"); a bare date names no actor
        return "obj"
    if token.dep_ == "nsubj":
        return "subj"
    return token.dep_


def is_passive(verb: Token) -> bool:
    """A passive verb, or a past participle with a "par" agent ("le territoire occupé par X")."""
    deps = {c.dep_ for c in verb.children}
    # "il s'est entretenu", "le Niger est sorti de la CEDEAO": a reflexive verb, or one whose
    # past takes "être", which the parser may read as a passive
    if verb.lemma_.lower() in _ETRE_VERBS or any(dep.startswith("expl") for dep in deps):
        return False
    if deps & {"aux:pass", "nsubj:pass"}:
        return True
    return passive_participle(verb) or shared_passive(verb)


def shared_passive(verb: Token) -> bool:
    """"L'Ukraine a été envahie et occupée par la Russie": a bare participle coordinated with a
    passive verb is passive too, with its subject (and it lends that verb its agent)."""
    if verb.dep_ != "conj" or verb.head.i == verb.i or "Part" not in verb.morph.get("VerbForm"):
        return False
    if any(c.dep_.startswith(("nsubj", "aux")) for c in verb.children):
        return False
    head = verb.head
    return head.pos_ == "VERB" and any(c.dep_ == "aux:pass" for c in head.children)


def passive_participle(verb: Token) -> bool:
    """"le territoire occupé par Israël": the participle qualifies its target, the noun
    (when they agree in number and gender: the parser hangs participles on the wrong noun often)."""
    if verb.dep_ != "acl" or "Part" not in verb.morph.get("VerbForm") or agent(verb) is None:
        return False
    return all(
        not (mine and theirs and mine != theirs)
        for mine, theirs in ((verb.morph.get(f), verb.head.morph.get(f)) for f in ("Number", "Gender"))
    )


def subject(head: Token, depth: int = 0) -> Token | None:
    """The subject of ``head``'s clause, climbing infinitives and coordinated clauses."""
    for child in head.children:
        if child.dep_ == "nsubj" or (child.dep_ == "nsubj:pass" and not is_passive(head)):
            if child.lower_ in _RELATIVE and head.dep_.startswith("acl"):
                return head.head
            return child
    if _adverbial_infinitive(head):
        # "pour s'entretenir avec X" after its clause shares that clause's subject;
        # "après avoir rompu avec Paris, Niamey…" before it, the next one
        if head.head.i >= head.i:
            return _next_subject(head)
        if is_passive(head.head):  # "X a été arrêté pour avoir préparé des attentats": X prepared them
            return next((c for c in head.head.children if c.dep_ == "nsubj:pass"), None)
        return subject(head.head, depth + 1)
    if head.dep_ == "ROOT":
        return _misread_subject(head)
    controller = _noun_controller(head)
    if controller is not None:
        return controller
    if depth >= _MAX_CLIMB or head.dep_ not in _SUBJECT_CLIMB or head.head.i == head.i:
        return None
    governor = head.head
    if head.dep_ == "xcomp" and governor.lemma_ in object_control():
        # "accuser X d'attaquer Y": X is who attacks.
        return next((c for c in governor.children if c.dep_ == "obj"), None)
    return subject(governor, depth + 1)


def _adverbial_infinitive(verb: Token) -> bool:
    """"après avoir rompu avec Paris, …": an infinitive clause introduced by a preposition."""
    return any(c.dep_ == "mark" and c.lower_ in _INFINITIVE_MARKS for c in verb.children) and (
        "Inf" in verb.morph.get("VerbForm") or any(c.lower_ == "avoir" for c in verb.children)
    )


def _noun_controller(verb: Token) -> Token | None:
    """"c'est au tour du Premier ministre belge de venir à Rabat": an infinitive that complements
    a person or an agent of a state has that noun for subject, unless the noun stands under a
    wish, a refusal or a call ("le refus du président de venir")."""
    noun = verb.head
    if verb.dep_ != "acl" or "Inf" not in verb.morph.get("VerbForm") or noun.i == verb.i:
        return None
    if not any(c.dep_ == "mark" and c.lower_ in ("de", "d'", "d’") for c in verb.children):
        return None
    words = actor_words()
    if not (noun.ent_type_ == "PER" or noun.lemma_.lower() in words["agents"]):
        return None
    governor = noun.head.lemma_.lower()
    if governor in words["irrealis_heads"] or governor in words["irrealis"]:
        return None
    return noun


def _misread_subject(verb: Token) -> Token | None:
    """A main verb without a subject whose clause opens on a name ("Macron arrive à Moscou",
    where the parser takes the name for an adverb): that name is the subject."""
    first = verb.sent[0]
    if not first.ent_type_ or first.ent_iob_ != "B":
        return None
    between = verb.doc[first.i + 1 : verb.i]
    if all(t.ent_iob_ == "I" or t.dep_.startswith("aux") or t.pos_ in ("ADV", "AUX") for t in between):
        return first
    return None


def _next_subject(verb: Token) -> Token | None:
    """The subject of the main clause after an adverbial infinitive (whose attachment the parser may miss)."""
    for token in verb.doc[verb.i + 1 : verb.sent.end]:
        if token.dep_ == "nsubj" and token.lower_ not in _RELATIVE:
            return token
    return None


def agent(verb: Token) -> Token | None:
    """The "par" complement of a passive verb, or one the parser hung on a complement after
    it ("rejeté comme étant sans fondement par l'OTAN")."""
    found = next((c for c in verb.children if c.dep_.startswith("obl") and marker(c) == "par"), None)
    if found is not None or not any(c.dep_ == "aux:pass" for c in verb.children):
        return found
    shared = (c for c in verb.children if c.i > verb.i and c.pos_ == "VERB" and shared_passive(c))
    found = next(filter(None, (agent(c) for c in shared)), None)  # "envahie et occupée par la Russie"
    if found is not None:
        return found
    later = (c for c in verb.children if c.dep_.startswith("obl") and c.i > verb.i)
    return next((g for c in later for g in c.children if g.dep_ == "nmod" and marker(g) == "par"), None)


def more_agents(verb: Token) -> list[Token]:
    """Further "par" complements the parser coordinated with the verb itself ("réfutée par
    Kiev, ainsi que par Paris"), or a list it read as an apposition to the first ("dénoncé
    par le Ghana, le Togo et le Bénin": a name in apposition that heads a coordination)."""
    found = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") and marker(c) == "par"]
    first = agent(verb)
    if first is not None:
        found += [
            c for c in first.children
            if c.dep_ == "appos" and c.ent_type_ and any(g.dep_ == "conj" for g in c.children)
        ]
    return found


def clause_subject(child: Token) -> Token | None:
    """The subject of a clause that ``child`` heads, when it is a clause complement ("affirme
    que X prépare…") or a relative "selon laquelle X prépare…"."""
    if child.dep_ not in ("ccomp", "acl:relcl", "acl"):  # its head may be misread as a noun ("financerait")
        return None
    introduced = any(c.dep_ == "mark" and c.lower_ in ("que", "qu'", "qu’") for c in child.children) or any(
        g.lower_ == "selon" for c in child.children for g in c.children
    )
    subject_ = next((c for c in child.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    return subject_ if introduced and subject_ is not None and subject_.lower_ not in _RELATIVE else None


def governor_subject(noun: Token) -> Token | None:
    """For a noun trigger, the subject of the verb it depends on, when that verb only
    carries the noun ("X a imposé des sanctions", "X a lancé une offensive") or the noun
    is the subject's own ("X se dit satisfait de sa coopération"): in "X a condamné
    l'invasion", X is no invader."""
    verb = misread_object(noun)
    if verb is None:
        if noun.dep_ not in _GOVERNED or noun.head.i == noun.i or noun.head.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        verb = noun.head
    # "son accusation est réfutée par X": X owns no passive subject
    own = noun.dep_ != "nsubj:pass" and any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in noun.children)
    if not own and verb.lemma_.lower() not in actor_words()["support_verbs"]:
        return None
    if is_passive(verb):
        return agent(verb)
    return subject(verb)


def misread_object(noun: Token) -> Token | None:
    """"La France prendra avec ses alliés des mesures contre X", "a signé avec Y des accords":
    the parser hangs an object "des …" that follows an oblique on that oblique; the verb whose
    object it is, when the verb has none of its own."""
    head = noun.head
    if noun.dep_ != "nmod" or head.i >= noun.i or not head.dep_.startswith("obl"):
        return None
    verb = head.head
    if verb.pos_ != "VERB" or any(c.dep_ == "obj" for c in verb.children):
        return None
    first = noun.doc[noun.left_edge.i]
    return verb if first.dep_ == "case" and first.head.i == noun.i and first.lower_ in ("des", "du") else None


def complements(trigger: Token) -> Iterator[Token]:
    """The tokens that may hold a trigger's arguments, nearest first.

    A noun's own complements, their complements ("l'invasion du Koweït par l'Irak",
    which the parser may hang on "Koweït"), and, for a noun object of a verb, the verb's
    complements (the parser often hangs "avec Moscou" on "renforcer" in "renforcer sa
    coopération avec Moscou").
    """
    seen = {trigger.i}
    for child in trigger.children:
        if child.i not in seen:
            seen.add(child.i)
            yield child
    if trigger.pos_ == "VERB":
        # "envoyer des vivres au Tchad", "venir en aide au Tchad": the parser often hangs the
        # recipient on the object or the idiom's noun.
        for child in list(trigger.children):
            if child.dep_ in ("obj", "obl:arg"):
                for grandchild in child.children:
                    # of an oblique, only a recipient: in "se retirer de l'accord de Paris", Paris is none
                    if child.dep_ == "obl:arg" and marker(grandchild) != "à":
                        continue
                    if grandchild.dep_.startswith("nmod") and grandchild.i not in seen:
                        seen.add(grandchild.i)
                        yield grandchild
        return
    for child in list(trigger.children):
        for grandchild in child.children:
            if grandchild.i not in seen and _hung(child, grandchild):
                seen.add(grandchild.i)
                yield grandchild
    if trigger.dep_ == "obj" and trigger.head.i != trigger.i:
        for sibling in trigger.head.children:
            if sibling.dep_.startswith("obl") and sibling.i > trigger.i and sibling.i not in seen:
                seen.add(sibling.i)
                yield sibling


def _hung(child: Token, grandchild: Token) -> bool:
    """Whether the parser likely hung on ``child`` a complement of the trigger: one that
    names the other side ("par l'Irak", "contre X"), any complement of a state's name
    ("le retrait du Mali de la CEDEAO": a state has no "de" complement of its own) or of
    an adjective ("un avertissement enflammé à Varsovie", "l'aide destinée au Mali")."""
    if child.dep_ in ("acl", "amod"):
        return grandchild.dep_.startswith(("obl", "nmod"))
    if not grandchild.dep_.startswith("nmod"):
        return False
    if grandchild.ent_iob_ == "I":
        return False  # "Sud" of "la Corée du Sud" is part of the name, no complement
    return marker(grandchild) in _HUNG_MARKERS or child.ent_type_ in ("GPE", "LOC")


def with_conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it, in text order.

    The parser may hang the conjuncts of an object on the verb ("condamner le Niger, le
    Tchad et le Burkina"): those count too.
    """
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and not _opens_clause(child):
            found.extend(with_conjuncts(child))
    if token.dep_ == "obj":
        found.extend(
            c for c in token.head.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") and c.i > token.i
        )
    elif token.dep_.startswith(("obl", "nmod")) and token.head.i != token.i:
        # "des attentats au Liban et au Maroc", "des sanctions contre le Japon et la
        # Corée": the parser may hang the second name on the head, with the same preposition or none
        own = marker(token)
        found.extend(
            c for c in token.head.children
            if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > token.i and marker(c) in (own, "conj")
        )
    return sorted(found, key=lambda t: t.i)


def next_conjunct(token: Token) -> Token | None:
    """The name after "et" that follows ``token``'s phrase, when the parser attached it
    elsewhere ("entre le Maroc et l'Algérie", the second side read as a subject)."""
    doc, i = token.doc, token.right_edge.i + 1
    if i >= len(doc) or doc[i].lower_ != "et" or any(c.dep_ == "conj" for c in token.children):
        return None
    i += 1
    while i < len(doc) and doc[i].pos_ in ("DET", "ADP"):
        i += 1
    return doc[i] if i < len(doc) and doc[i].pos_ in ("PROPN", "NOUN") else None


def _opens_clause(conjunct: Token) -> bool:
    """"des armes au Niger et le Mali a protesté": a name followed by a finite verb is the
    subject of the next clause, which the parser may read as a conjunct."""
    after = conjunct.doc[conjunct.right_edge.i + 1] if conjunct.right_edge.i + 1 < len(conjunct.doc) else None
    if after is None or after.pos_ not in ("AUX", "VERB") or "Fin" not in after.morph.get("VerbForm"):
        return False
    verb = after.head if after.pos_ == "AUX" else after
    return verb not in conjunct.ancestors  # "la France et les États-Unis ont condamné": their own verb


def negated(trigger: Token, negations: frozenset[str]) -> bool:
    """Whether the trigger, or the verb a noun trigger depends on, is negated ("n'a pas rompu")."""
    heads = [trigger]
    # "l'accord n'a pas protégé les civils": a noun's own verb negates it only when the verb
    # says that it happened ("le sommet n'a pas eu lieu", "aucun accord n'a été signé")
    told = trigger.dep_ != "nsubj" or trigger.head.lemma_.lower() in actor_words()["support_verbs"]
    # "ne cesse de critiquer": the negated verb says that the act goes on
    goes_on = trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in actor_words()["continuatives"]
    if (trigger.pos_ != "VERB" or trigger.dep_ == "xcomp") and trigger.head.i != trigger.i and told and not goes_on:
        heads.append(trigger.head)  # "nous n'allons pas demander", "n'a signé aucun accord"
    return any(c.lower_ in negations for head in heads for c in head.children if c.dep_ in ("advmod", "det"))


def hypothetical(trigger: Token) -> bool:
    """No event: a condition ("si elle envahit l'Ukraine", "en cas d'attaque"), a question
    ("se rendra-t-il en Russie ?"), a verb in the conditional ("j'accuserais la Chine"; the past conditional of
    reported facts, "aurait attaqué", stays), or an infinitive asked for, wished, threatened
    or refused ("appeler X à rompre avec Y", "menacer de rompre")."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    if any(c.dep_ == "mark" and c.lower_ in ("si", "s'") for c in verb.children):
        return True
    if trigger.pos_ == "NOUN" and _under_irrealis(trigger):
        return True  # "en cas d'attaque américaine", "un appel à un sommet", "favorable à un accord"
    if trigger.sent.text.rstrip().endswith("?") or _conditional(verb):
        return True
    # a noun names an act that exists whatever one does about it ("chercher à justifier l'invasion"),
    # unless a support verb makes it the act asked for ("pousser X à prendre des sanctions")
    words = actor_words()
    if trigger.pos_ != "VERB" and verb.lemma_.lower() not in words["support_verbs"]:
        return False
    # "appeler X à rompre", "il faut qu'il y ait une rencontre", "souhaite que X retire ses troupes"
    if verb.dep_ not in ("xcomp", "ccomp") or verb.head.i == verb.i:
        return False
    return verb.head.lemma_.lower() in words["irrealis"]


def _under_irrealis(noun: Token) -> bool:
    """Whether a noun depends on a word of wish, call or condition, or, as the parser may hang
    it on the verb, follows such a word as its verb's object ("lancer un appel à un sommet")."""
    heads = actor_words()["irrealis_heads"]
    if noun.head.lemma_.lower() in heads or marker(noun) == "sans":  # "sans discussions directes"
        return True
    return noun.dep_.startswith("obl") and any(
        c.dep_ == "obj" and c.i < noun.i and c.lemma_.lower() in heads for c in noun.head.children
    )


def threatened(trigger: Token) -> bool:
    """An act promised under a condition ("imposera des sanctions si…", "frappera en cas
    d'attaque"): its verb is in the future ("va imposer" too) and carries the condition."""
    verb = trigger if trigger.pos_ == "VERB" else misread_object(trigger) or trigger.head
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "aller" and "Pres" in verb.head.morph.get("Tense"):
        verb = verb.head  # "va imposer": the parser heads the verb with "aller"
    elif "Fut" not in verb.morph.get("Tense"):
        return False
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("si", "s'") for m in child.children):
            return True
        if child.dep_.startswith("obl") and child.lemma_.lower() == "cas" and marker(child) == "en":
            return True
    return False


def _conditional(verb: Token) -> bool:
    """"condamnerait", "romprait": the lemma's stem and a conditional ending (the model's
    mood tags miss them)."""
    form, lemma = verb.lower_, verb.lemma_.lower()
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    return verb.pos_ == "VERB" and form.startswith(stem) and form[len(stem):] in _CONDITIONAL_ENDINGS


def noun_complements(noun: Token) -> list[Token]:
    """A noun's complements and theirs, in text order ("les accusations [de la Russie]",
    "le départ [des soldats [de la France]]")."""
    found = []
    for child in noun.children:
        if child.dep_.startswith("nmod") or child.dep_ == "appos":
            found.append(child)
            found.extend(g for g in child.children if g.dep_.startswith("nmod") or g.dep_ == "conj")
        elif child.dep_ in ("amod", "acl"):  # "les affirmations infondées de la Russie"
            found.extend(g for g in child.children if g.dep_.startswith(("nmod", "obl")) and marker(g) == "de")
    return sorted(found, key=lambda t: t.i)


def has_complement(verb: Token) -> bool:
    """Whether the verb has an infinitive or an "à" complement ("appeler X à la retenue")."""
    return any(c.dep_ == "xcomp" or (c.dep_.startswith("obl") and marker(c) == "à") for c in verb.children)
