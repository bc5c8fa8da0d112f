"""Countries: ISO 3166-1 codes, French and English names, French demonyms.

The table (``data/countries.csv``, documented in ``data/countries.meta.json``) serves
three needs: validating the country codes of the outlet table, mapping the English
country names of third-party files (ASD) to codes, and recognising states in French
text, by name ("le Mali", "la Côte d'Ivoire") or by demonym ("la diplomatie malienne").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sourcier.errors import KnowledgeBaseError
from sourcier.knowledge.names import fold, name_key
from sourcier.knowledge.tables import Row, read_table

COLUMNS = (
    "alpha2", "alpha3", "name_fr", "demonyms", "name_en", "aliases_fr", "aliases_en", "demonym_variants", "status",
)
_STATUSES = ("", "territory")
_ALPHA2 = re.compile(r"^[A-Z]{2}$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class Country:
    """One country or territory. ``demonyms`` is empty or (masc. sg., fem. sg., masc. pl., fem. pl.)."""

    alpha2: str
    alpha3: str
    name_fr: str
    name_en: str
    demonyms: tuple[str, ...] = ()
    aliases_fr: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    demonym_variants: tuple[str, ...] = ()
    # a territory (Hong Kong, Greenland, La Réunion) is a place, no state: it is no actor of relations
    territory: bool = False

    def demonym(self, *, feminine: bool = False, plural: bool = False) -> str | None:
        """The demonym in the requested gender and number ("malienne"), ``None`` when unknown."""
        if not self.demonyms:
            return None
        return self.demonyms[(1 if feminine else 0) + (2 if plural else 0)]

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the country, French first."""
        return (self.name_fr, *self.aliases_fr, self.name_en, *self.aliases_en)


class CountryKB:
    """Lookups over the country table; build it with :func:`load_countries`."""

    def __init__(self, countries: list[Country]) -> None:
        self._countries = list(countries)
        self._by_code: dict[str, Country] = {}
        self._by_name: dict[str, Country] = {}
        self._by_demonym: dict[str, list[Country]] = {}
        for country in self._countries:
            self._by_code[country.alpha2] = country
            self._by_code[country.alpha3] = country
            for name in country.names:
                # First come, first served: a name shared by two rows resolves to the first.
                self._by_name.setdefault(name_key(name), country)
            for word in {*country.demonyms, *country.demonym_variants}:
                bucket = self._by_demonym.setdefault(fold(word), [])
                if country not in bucket:
                    bucket.append(country)

    def get(self, code: str) -> Country | None:
        """The country with this alpha-2 or alpha-3 code (any case), or ``None``."""
        return self._by_code.get(code.strip().upper())

    def by_name(self, name: str) -> Country | None:
        """The country with this French or English name or alias ("la RDC", "Ivory Coast")."""
        return self._by_name.get(name_key(name))

    def by_demonym(self, word: str) -> tuple[Country, ...]:
        """Countries whose demonym this is, in any gender or number.

        A tuple because some demonyms are shared: "congolais" is both Congos.
        """
        return tuple(self._by_demonym.get(fold(word), ()))

    def french_names(self) -> Iterator[str]:
        """Every French name and French alias, for recognising states in French text."""
        for country in self._countries:
            yield country.name_fr
            yield from country.aliases_fr

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def __iter__(self) -> Iterator[Country]:
        return iter(self._countries)

    def __len__(self) -> int:
        return len(self._countries)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _country(row: Row) -> Country:
    alpha2, alpha3 = row.get("alpha2").upper(), row.get("alpha3").upper()
    if not _ALPHA2.match(alpha2):
        raise row.error(f"alpha2 must be two letters (ISO 3166-1 alpha-2), got {row.get('alpha2')!r}")
    if not _ALPHA3.match(alpha3):
        raise row.error(f"alpha3 must be three letters (ISO 3166-1 alpha-3), got {row.get('alpha3')!r}")
    for column in ("name_fr", "name_en"):
        if not row.get(column):
            raise row.error(f"missing {column}")
    demonyms = _split(row.get("demonyms"))
    status = row.get("status").strip().lower()
    if status not in _STATUSES:
        raise row.error(f"status must be empty (a state) or 'territory', got {row.get('status')!r}")
    if demonyms and len(demonyms) != 4:
        raise row.error(
            f"demonyms must be four forms (masc.|fem.|masc. pl.|fem. pl.) or empty, got {len(demonyms)}"
        )
    return Country(
        alpha2=alpha2,
        alpha3=alpha3,
        name_fr=row.get("name_fr"),
        name_en=row.get("name_en"),
        demonyms=demonyms,
        aliases_fr=_split(row.get("aliases_fr")),
        aliases_en=_split(row.get("aliases_en")),
        demonym_variants=_split(row.get("demonym_variants")),
        territory=status == "territory",
    )


def parse_countries(path: str, text: str | None = None) -> list[Country]:
    """Parse a country table; a :class:`KnowledgeBaseError` names the file and line at fault."""
    countries: list[Country] = []
    seen: dict[str, int] = {}
    for row in read_table(path, known=COLUMNS, required=("alpha2", "alpha3", "name_fr", "name_en"), text=text):
        country = _country(row)
        for code in (country.alpha2, country.alpha3):
            if code in seen:
                raise row.error(f"duplicate code {code} (first at line {seen[code]})")
            seen[code] = row.line
        countries.append(country)
    if not countries:
        raise KnowledgeBaseError("the country table has no rows", origin=str(path))
    return countries


@lru_cache(maxsize=1)
def load_countries() -> CountryKB:
    """The bundled country table, parsed once per process."""
    resource = resources.files("sourcier.knowledge").joinpath("data/countries.csv")
    return CountryKB(parse_countries(str(resource), resource.read_text(encoding="utf-8")))
