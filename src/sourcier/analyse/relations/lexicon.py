"""The relation lexicons (``analyse/data/relations.json``, ``relations_actors.json``), loaded once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from sourcier.analyse.lexicon import _data

SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One way a relation is said: the words, the PLOVER/CAMEO coding, where its arguments are."""

    pos: str  # VERB | NOUN | ADJ
    type: str  # a PLOVER event type
    cameo: str
    actor: tuple[str, ...]  # argument markers, in order of preference
    target: tuple[str, ...]
    mode: str | None = None
    context: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()  # lemmas the verb's object must have (an idiom), empty: any
    reflexive: bool = False  # "se rendre à": the verb needs its reflexive pronoun
    target_kind: str | None = None  # "organisation": only an organisation can be the target
    unless: frozenset[str] = frozenset()  # qualifiers that cancel it ("attaques verbales")
    needs_complement: bool = False  # "appeler X à la retenue", not "appeler X"
    actor_via: frozenset[str] = frozenset()  # how the actor must be named (a visit: by a person), empty: any way
    target_via: frozenset[str] = frozenset()  # how the target must be named ("dire au ministre", not "à Moscou")
    place_actor: bool = False  # in a passive without agent, the state where it happens acts ("arrêté à Londres")
    adverbs: frozenset[str] = frozenset()  # the verb needs one of these ("soutenir militairement" is aid)
    moods: frozenset[str] = frozenset()  # the verb must be in one of these moods ("doit", not "devrait"), empty: any
    negation_asked: bool = False  # a negation belongs to what is asked ("X ne doit pas…" is a request all the same)

    @property
    def deep(self) -> bool:
        """Whether the target may sit inside a complement ("rejeter les accusations de X")."""
        return "deep" in self.target

    @property
    def symmetric(self) -> bool:
        return self.type in SYMMETRIC


def _trigger(entry: dict) -> Trigger:
    return Trigger(
        pos=entry["pos"],
        type=entry["type"],
        cameo=entry["cameo"],
        actor=tuple(entry.get("actor", ["subj"])),
        target=tuple(entry["target"]),
        mode=entry.get("mode"),
        context=tuple(entry.get("context", ())),
        objects=frozenset(entry.get("object", ())),
        reflexive=bool(entry.get("reflexive")),
        target_kind=entry.get("target_kind"),
        unless=frozenset(entry.get("unless", ())),
        needs_complement=bool(entry.get("needs_complement")),
        actor_via=frozenset(entry.get("actor_via", ())),
        target_via=frozenset(entry.get("target_via", ())),
        place_actor=bool(entry.get("place_actor")),
        adverbs=frozenset(entry.get("adverbs", ())),
        moods=frozenset(entry.get("moods", ())),
        negation_asked=bool(entry.get("negation_asked")),
    )


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(lemma, part of speech) → its triggers; idioms (with an object) come first."""
    found: dict[tuple[str, str], list[Trigger]] = {}
    for entry in json.loads(_data("relations.json"))["triggers"]:
        trigger = _trigger(entry)
        for lemma in entry["lemmas"]:
            found.setdefault((lemma, trigger.pos), []).append(trigger)
    return {key: tuple(sorted(ts, key=lambda t: not t.objects)) for key, ts in found.items()}


@lru_cache(maxsize=1)
def contexts() -> dict[str, str]:
    """Qualifying word → PLOVER context ("militaire" → "military")."""
    return json.loads(_data("relations.json"))["contexts"]


@lru_cache(maxsize=1)
def actor_words() -> dict:
    data = json.loads(_data("relations_actors.json"))
    return {
        "agents": frozenset(w.lower() for w in data["agents"]),
        "agents_as_written": frozenset(data["agents"]),  # "État" is an agent, "Forces" a proper name
        "titles": frozenset(data["titles"]),
        "speaker_pronouns": frozenset(data["speaker_pronouns"]),
        "speaker_nouns": frozenset(w.lower() for w in data["speaker_nouns"]),
        "negations": frozenset(data["negations"]),
        "continuatives": frozenset(data["continuatives"]),
        "non_state": frozenset(data["non_state"]),
        "former": frozenset(data["former"]),
        "compound_prefixes": data["compound_prefixes"],
        "anaphors": frozenset(data["anaphors"]),
        "organisation_nouns": frozenset(data["organisation_nouns"]),
        "led_by": frozenset(data["led_by"]),
        "by_complement_only": frozenset(data["by_complement_only"]),
        "irrealis": frozenset(data["irrealis"]),
        "irrealis_heads": frozenset(data["irrealis_heads"]),
        "material_support": frozenset(data["material_support"]),
        "support_verbs": frozenset(data["support_verbs"]),
        "acts": frozenset(data["acts"]),
        "force_acts": frozenset(data["force_acts"]),
        "need_article": frozenset(data["need_article"]),
    }


@lru_cache(maxsize=1)
def time_expressions() -> re.Pattern[str]:
    patterns = json.loads(_data("relations_actors.json"))["time"]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def object_control() -> frozenset[str]:
    """Verbs whose object is the subject of their infinitive ("accuser X d'attaquer Y")."""
    return frozenset(json.loads(_data("relations_actors.json"))["object_control"])
