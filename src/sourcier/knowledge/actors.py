"""Actors of international relations: states, their seats of power, organisations.

A state is named many ways in French news: "le Mali", "Bamako" (its capital, for its
government), "le Kremlin" (a seat of power), "l'URSS" (a former state). Organisations
and armed groups go by a short French name ("ONU", "CEDEAO", "Wagner"). This module
joins ``countries.csv`` with ``seats.csv`` and ``organisations.csv`` (documented in
``data/actors.meta.json``, a citation per row) into one name → :class:`Actor` lookup;
``leaders.csv`` says which state a well-known head of state or minister acts for.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sourcier.knowledge.countries import load_countries
from sourcier.knowledge.names import name_key
from sourcier.knowledge.tables import read_table

ActorKind = str  # "state" | "organisation"
_HONORIFICS = frozenset({"m", "m.", "mme", "mme.", "mlle", "dr", "dr.", "pr", "pr.", "me"})


@dataclass(frozen=True, slots=True)
class Actor:
    """A state (``country`` is its ISO 3166-1 alpha-3 code) or an organisation (``country`` None)."""

    name: str
    kind: ActorKind
    country: str | None = None


class ActorKB:
    """Name → actor, for every state name, capital, seat of power and organisation;
    person name → the state a well-known leader acts for."""

    def __init__(
        self, named: dict[str, tuple[str, Actor]], leaders: dict[str, tuple[Actor, frozenset[str], str]] | None = None
    ) -> None:
        self._named = named  # name key → (name as written in the data, actor)
        self._leaders = leaders or {}  # name key → (state, the words of the leader's names, office)

    def leader_state(self, name: str) -> Actor | None:
        """The state this person leads or led ("Recep Tayyip Erdogan", "M. Poutine" → …), or ``None``."""
        found = self._leader(name)
        return found[0] if found is not None else None

    def leader_office(self, name: str) -> str | None:
        """The office the data gives this leader, in English ("president", "former prime minister")."""
        found = self._leader(name)
        return found[2] if found is not None else None

    def _leader(self, name: str) -> tuple[Actor, frozenset[str], str] | None:
        """Tries the full name, then the name without its first words ("Tayyip Erdogan", "Erdogan")."""
        words = name_key(name).split()
        given = {name_key(w) for w in name.split() if w[:1].isupper() and name_key(w) not in _HONORIFICS}
        for i in range(len(words)):
            found = self._leaders.get(" ".join(words[i:]))
            # a first name left out must be the leader's own ("Tayyip"): Brigitte Macron leads nothing
            if found is not None and not (set(words[:i]) & given) - found[1]:
                return found
        return None

    def lookup(self, name: str) -> Actor | None:
        """The actor this name stands for ("Moscou" → Russia), or ``None``."""
        found = self._named.get(name_key(name))
        return found[1] if found else None

    def names(self) -> Iterator[str]:
        """Every name as written in the data, to find them in text."""
        for written, _ in self._named.values():
            yield written


def _read(table: str, required: tuple[str, ...]) -> Iterator:
    resource = resources.files("sourcier.knowledge").joinpath("data", table)
    return read_table(str(resource), known=None, required=required, text=resource.read_text(encoding="utf-8"))


def _states() -> Iterator[tuple[str, Actor]]:
    for country in load_countries():
        if country.territory:  # "Hong Kong", "la Réunion": no state acts under that name
            continue
        state = Actor(country.name_fr, "state", country.alpha3)
        for name in (country.name_fr, *country.aliases_fr):
            yield name, state


def _seats() -> Iterator[tuple[str, Actor]]:
    countries = load_countries()
    for row in _read("seats.csv", ("name", "alpha3", "kind", "citation")):
        country = countries.get(row.get("alpha3"))
        if country is None:
            raise row.error(f"unknown state {row.get('alpha3')!r}")
        if not row.get("citation"):
            raise row.error("every seat needs a citation")
        yield row.get("name"), Actor(country.name_fr, "state", country.alpha3)


def _organisations() -> Iterator[tuple[str, Actor]]:
    for row in _read("organisations.csv", ("name", "aliases", "kind", "citation")):
        if not row.get("citation"):
            raise row.error("every organisation needs a citation")
        organisation = Actor(row.get("name"), "organisation")
        for name in (row.get("name"), *filter(None, (a.strip() for a in row.get("aliases").split("|")))):
            yield name, organisation


def _leaders() -> Iterator[tuple[str, tuple[Actor, frozenset[str], str]]]:
    countries = load_countries()
    for row in _read("leaders.csv", ("name", "aliases", "alpha3", "office", "citation")):
        country = countries.get(row.get("alpha3"))
        if country is None:
            raise row.error(f"unknown state {row.get('alpha3')!r}")
        if not row.get("citation"):
            raise row.error("every leader needs a citation")
        state = Actor(country.name_fr, "state", country.alpha3)
        names = (row.get("name"), *filter(None, (a.strip() for a in row.get("aliases").split("|"))))
        own = frozenset(word for name in names for word in name_key(name).split())
        for name in names:
            yield name, (state, own, row.get("office"))


@lru_cache(maxsize=1)
def load_actors() -> ActorKB:
    """The bundled actor tables, read once per process; a state's own name wins over a seat's."""
    named: dict[str, tuple[str, Actor]] = {}
    for name, actor in (*_states(), *_organisations(), *_seats()):
        named.setdefault(name_key(name), (name, actor))
    return ActorKB(named, {name_key(name): leader for name, leader in _leaders()})
