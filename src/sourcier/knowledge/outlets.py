"""The outlet knowledge base: who an outlet is, who owns it, and who says so.

The bundled table ``data/outlets.csv`` (columns documented in ``data/outlets.meta.json``
and ``docs/knowledge-base.md``) is read together with the user's overlay files,
``$SOURCIER_HOME/outlets/*.csv`` (default ``~/.local/share/sourcier/outlets``), in name
order, then any ``extra_paths``. A row whose ``id`` is already known replaces the
earlier row entirely, so an overlay can correct a bundled fact without editing the
package.

Every file is validated strictly: a :class:`~sourcier.errors.KnowledgeBaseError` names
the file and line of the first fault (unknown column, missing name, bad country code,
bad boolean, duplicate id, unknown parent, …).

    >>> kb = load_outlets()
    >>> kb.find("l'AFP").name
    'Agence France-Presse'
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sourcier.errors import KnowledgeBaseError
from sourcier.knowledge.countries import CountryKB, load_countries
from sourcier.knowledge.names import SLUG, fold, name_key, slugify
from sourcier.knowledge.tables import Row, read_table
from sourcier.model import Outlet

COLUMNS = (
    "id", "name", "aliases", "domains", "country", "kind", "ownership", "state_affiliated",
    "state", "parent", "source", "source_url", "notes",
)
DEFAULT_HOME = "~/.local/share/sourcier"
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


@dataclass(frozen=True, slots=True)
class OutletRecord:
    """One row of the outlet table. Lists are tuples; empty cells are ``None``.

    ``origin`` (``path:line``) says where the row was read; it takes no part in equality.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    kind: str | None = None
    ownership: str | None = None
    state_affiliated: bool | None = None
    state: str | None = None
    parent: str | None = None
    source: str | None = None
    source_url: str | None = None
    notes: str | None = None
    origin: str = field(default="", compare=False)

    def names(self) -> tuple[str, ...]:
        """The canonical name then every alias, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    def to_row(self) -> dict[str, str]:
        """The record as a CSV row of :data:`COLUMNS` (the inverse of parsing)."""
        flag = {True: "true", False: "false", None: ""}[self.state_affiliated]
        return {
            "id": self.id,
            "name": self.name,
            "aliases": "|".join(self.aliases),
            "domains": "|".join(self.domains),
            "country": self.country or "",
            "kind": self.kind or "",
            "ownership": self.ownership or "",
            "state_affiliated": flag,
            "state": self.state or "",
            "parent": self.parent or "",
            "source": self.source or "",
            "source_url": self.source_url or "",
            "notes": self.notes or "",
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every column (lists as lists, the flag as a boolean or null)."""
        return {
            "id": self.id, "name": self.name, "aliases": list(self.aliases), "domains": list(self.domains),
            "country": self.country, "kind": self.kind, "ownership": self.ownership,
            "state_affiliated": self.state_affiliated, "state": self.state, "parent": self.parent,
            "source": self.source, "source_url": self.source_url, "notes": self.notes,
        }


# ---------------------------------------------------------------------------- metadata


@lru_cache(maxsize=1)
def load_meta() -> dict[str, Any]:
    """``data/outlets.meta.json``: version, column documentation, vocabularies."""
    text = resources.files("sourcier.knowledge").joinpath("data/outlets.meta.json").read_text("utf-8")
    return json.loads(text)


def version() -> str:
    """The version of the bundled outlet table."""
    return str(load_meta()["version"])


def vocabulary(column: str) -> tuple[str, ...]:
    """The values allowed in ``kind`` or ``ownership``."""
    return tuple(load_meta()["vocabularies"][column])


def _common_aliases() -> frozenset[str]:
    return frozenset(fold(a) for a in load_meta().get("common_word_aliases", {}).get("aliases", ()))


def capitalised_article_aliases() -> frozenset[str]:
    """Folded aliases that are names only with their capitalised article ("La Nation", not
    "la Nation" of political speeches); see ``outlets.meta.json``."""
    return frozenset(fold(a) for a in load_meta().get("capitalised_article_aliases", {}).get("aliases", ()))


# ---------------------------------------------------------------------------- parsing


def split_list(value: str) -> tuple[str, ...]:
    """A ``|``-separated cell as a tuple of stripped, non-empty, distinct items."""
    return tuple(dict.fromkeys(part.strip() for part in value.split("|") if part.strip()))


def normalise_domain(value: str) -> str | None:
    """``www.RFI.fr/`` → ``rfi.fr``; ``lemonde.fr/afrique/`` keeps its path. ``None`` if not a host."""
    value = value.strip().lower().rstrip("/")
    if not value or "://" in value or any(c.isspace() for c in value):
        return None
    host, _, path = value.partition("/")
    host = host.removeprefix("www.")
    if not _HOST.match(host):
        return None
    return f"{host}/{path}" if path else host


def parse_bool(value: str) -> bool | None:
    """``true``/``false`` (also yes/no, 1/0; any case); empty is ``None``. Anything else raises ValueError."""
    folded = value.strip().lower()
    if not folded:
        return None
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValueError(value)


def _country_code(row: Row, column: str, countries: CountryKB) -> str | None:
    raw = row.get(column)
    if not raw:
        return None
    code = raw.upper()
    country = countries.get(code)
    if country is None or len(code) != 2:
        hint = f" (use the alpha-2 code {country.alpha2})" if country else ""
        raise row.error(
            f"{column}: unknown country code {raw!r}{hint}; expected an ISO 3166-1 alpha-2 code "
            "listed in sourcier/knowledge/data/countries.csv"
        )
    return code


def _vocab(row: Row, column: str) -> str | None:
    value = row.get(column)
    if not value:
        return None
    allowed = vocabulary(column)
    if value not in allowed:
        raise row.error(f"{column}: unknown value {value!r}; expected one of: {', '.join(allowed)}")
    return value


def record_from_row(row: Row, *, require_id: bool = True, countries: CountryKB | None = None) -> OutletRecord:
    """Validate one table row and build its record; errors name the row's file and line."""
    countries = countries or load_countries()
    name = row.get("name")
    if not name:
        raise row.error("missing name: every outlet needs a canonical name")
    oid = row.get("id")
    if not oid:
        if require_id:
            raise row.error("missing id: give the outlet a slug such as 'radio-okapi'")
        oid = slugify(name)
    if not SLUG.match(oid):
        raise row.error(f"id {oid!r} is not a slug (lower-case letters, digits and single hyphens)")
    domains = []
    for item in split_list(row.get("domains")):
        domain = normalise_domain(item)
        if domain is None:
            raise row.error(f"domains: {item!r} is not a host name (write 'rfi.fr', without 'https://')")
        domains.append(domain)
    try:
        flag = parse_bool(row.get("state_affiliated"))
    except ValueError:
        raise row.error(
            f"state_affiliated: {row.get('state_affiliated')!r} is not a boolean; write true, false or leave it empty"
        ) from None
    parent = row.get("parent") or None
    if parent is not None and not SLUG.match(parent):
        raise row.error(f"parent {parent!r} is not an id (a slug)")
    if parent == oid:
        raise row.error(f"outlet {oid!r} cannot be its own parent")
    url = row.get("source_url") or None
    if url is not None and not url.startswith(("http://", "https://")):
        raise row.error(f"source_url {url!r} must start with http:// or https://")
    aliases = tuple(a for a in split_list(row.get("aliases")) if a != name)
    return OutletRecord(
        id=oid,
        name=name,
        aliases=aliases,
        domains=tuple(dict.fromkeys(domains)),
        country=_country_code(row, "country", countries),
        kind=_vocab(row, "kind"),
        ownership=_vocab(row, "ownership"),
        state_affiliated=flag,
        state=_country_code(row, "state", countries),
        parent=parent,
        source=row.get("source") or None,
        source_url=url,
        notes=row.get("notes") or None,
        origin=row.where,
    )


def parse_outlets(path: Path | str, *, text: str | None = None, require_id: bool = True) -> list[OutletRecord]:
    """Parse one outlet table (bundled, overlay or user import).

    ``require_id=False`` (user imports) derives missing ids from the name. Within one
    file an id, and a domain, may appear once.
    """
    required = ("id", "name") if require_id else ("name",)
    records: list[OutletRecord] = []
    ids: dict[str, int] = {}
    domains: dict[str, tuple[str, int]] = {}
    countries = load_countries()
    for row in read_table(path, known=COLUMNS, required=required, text=text):
        record = record_from_row(row, require_id=require_id, countries=countries)
        if record.id in ids:
            raise row.error(f"duplicate id {record.id!r} (first at line {ids[record.id]})")
        ids[record.id] = row.line
        for domain in record.domains:
            if domain in domains:
                other, line = domains[domain]
                raise row.error(f"domain {domain!r} already belongs to {other!r} (line {line})")
            domains[domain] = (record.id, row.line)
        records.append(record)
    return records


# ---------------------------------------------------------------------------- the knowledge base


class OutletKB:
    """Lookups over outlet records: by id, name or alias, web domain, or page site name.

    ``rank`` gives each id the layer it came from (bundled 0, overlays after): when a
    name or domain is shared, the record from the latest layer wins.
    """

    def __init__(
        self,
        records: Iterable[OutletRecord],
        *,
        rank: Mapping[str, int] | None = None,
        common_aliases: frozenset[str] | None = None,
    ) -> None:
        self._records: dict[str, OutletRecord] = {}
        for record in records:
            self._records[record.id] = record
        self._rank = dict(rank or {})
        self._common = _common_aliases() if common_aliases is None else common_aliases
        self._check_parents()
        self._by_key: dict[str, list[OutletRecord]] = {}
        self._by_domain: dict[str, OutletRecord] = {}
        for record in self._records.values():
            for name in record.names():
                bucket = self._by_key.setdefault(name_key(name), [])
                if record not in bucket:
                    bucket.append(record)
            for domain in record.domains:
                known = self._by_domain.get(domain)
                if known is None or self.rank(record) >= self.rank(known):
                    self._by_domain[domain] = record

    def _check_parents(self) -> None:
        for record in self._records.values():
            if record.parent is None:
                continue
            if record.parent not in self._records:
                raise KnowledgeBaseError(
                    f"unknown parent {record.parent!r} of {record.id!r}: no outlet has that id",
                    origin=record.origin or None,
                )
            seen = {record.id}
            parent = self._records.get(record.parent)
            while parent is not None:
                if parent.id in seen:
                    raise KnowledgeBaseError(
                        f"parent cycle through {record.id!r} and {parent.id!r}", origin=record.origin or None
                    )
                seen.add(parent.id)
                parent = self._records.get(parent.parent) if parent.parent else None

    def rank(self, record: OutletRecord) -> int:
        """The layer the record came from: 0 for the bundled table, higher for overlays."""
        return self._rank.get(record.id, 0)

    # -- lookups

    def get(self, id: str) -> OutletRecord | None:  # noqa: A002 - the column is called id
        """The record with this id, or ``None``."""
        return self._records.get(id)

    def find_all(self, name: str) -> tuple[OutletRecord, ...]:
        """Every record one of whose names matches (case, accents, apostrophes, article ignored)."""
        return tuple(self._by_key.get(name_key(name), ()))

    def find(self, name: str, *, country: str | None = None) -> OutletRecord | None:
        """The record this name designates: "l'AFP", "Agence France Presse" → AFP.

        Some acronyms are shared ("APS": Senegal's and Algeria's agencies); then ``country``
        (alpha-2), if given, picks the outlet based there, else the record from the latest
        layer (a user overlay) wins; if that still leaves several, the answer is ``None``
        rather than a guess.
        """
        candidates = list(self.find_all(name))
        if len(candidates) > 1 and country:
            local = [r for r in candidates if r.country == country.upper()]
            candidates = local or candidates
        if len(candidates) > 1:
            top = max(map(self.rank, candidates))
            candidates = [r for r in candidates if self.rank(r) == top]
        return candidates[0] if len(candidates) == 1 else None

    def by_domain(self, url_or_host: str) -> OutletRecord | None:
        """The outlet publishing at this URL or host: longest matching host suffix, then path prefix.

        "https://www.rfi.fr/fr/afrique/..." → RFI; "https://www.lemonde.fr/afrique/..." → Le Monde
        Afrique (a path-prefixed entry) rather than Le Monde.
        """
        text = url_or_host.strip()
        if not text:
            return None
        parts = urlsplit(text if "//" in text else "//" + text)
        host = (parts.hostname or "").lower().rstrip(".").removeprefix("www.")
        if not host:
            return None
        segments = [s for s in parts.path.lower().split("/") if s]
        labels = host.split(".")
        for i in range(len(labels) - 1):
            suffix = ".".join(labels[i:])
            for j in range(len(segments), -1, -1):
                key = "/".join([suffix, *segments[:j]])
                record = self._by_domain.get(key)
                if record is not None:
                    return record
        return None

    def by_site_name(self, name: str) -> OutletRecord | None:
        """The outlet a page's site name designates (``og:site_name``, a feed title, a byline).

        Tries the whole name, then as a host ("lefaso.net"), then each part of a
        "Name - Tagline" or "Name | Section" title, then the name without a top-level
        domain ("Abidjan.net" → "Abidjan").
        """
        name = name.strip()
        if not name:
            return None
        for candidate in self._site_name_candidates(name):
            record = self.find(candidate)
            if record is None and "." in candidate and " " not in candidate:
                record = self.by_domain(candidate)
            if record is not None:
                return record
        return None

    @staticmethod
    def _site_name_candidates(name: str) -> Iterator[str]:
        yield name
        parts = [p.strip() for p in re.split(r"\s+[-|–—:·•]\s+", name) if p.strip()]
        if len(parts) > 1:
            yield from parts
        for part in parts or [name]:
            bare = re.sub(r"\.[a-z]{2,6}$", "", part, flags=re.IGNORECASE)
            if bare != part:
                yield bare

    def parent(self, record: OutletRecord) -> OutletRecord | None:
        """The parent outlet or group of a record, if any."""
        return self._records.get(record.parent) if record.parent else None

    def children(self, record: OutletRecord) -> list[OutletRecord]:
        """The records whose parent this record is."""
        return [r for r in self._records.values() if r.parent == record.id]

    def aliases(self, *, include_common: bool = False) -> Iterator[tuple[str, OutletRecord]]:
        """Every (name or alias, record) pair, for a gazetteer (the spaCy EntityRuler).

        Names are yielded as written and, when they contain an apostrophe, also with the
        other apostrophe (' or ’), since a phrase pattern matches the text exactly.
        Aliases listed as common words in ``outlets.meta.json`` are left out unless
        ``include_common`` (they would tag "L'Union africaine" as the Gabonese daily), and
        so are aliases with a parenthesised qualifier ("La Nation (Bénin)"): those are for
        people looking an outlet up, and never occur in running text.
        """
        for record in self._records.values():
            seen: set[str] = set()
            for name in record.names():
                if "(" in name or (not include_common and fold(name) in self._common):
                    continue
                for variant in (name, name.replace("'", "’"), name.replace("’", "'")):
                    if variant not in seen:
                        seen.add(variant)
                        yield variant, record

    def to_outlet(self, record: OutletRecord) -> Outlet:
        """The :class:`sourcier.model.Outlet` an analysis carries for this record."""
        return Outlet(
            name=record.name,
            country=record.country,
            kind=record.kind,
            ownership=record.ownership,
            state_affiliated=record.state_affiliated,
            state=record.state,
            citation=record.source,
        )

    def records(self) -> list[OutletRecord]:
        """All records, bundled order first, then new overlay records."""
        return list(self._records.values())

    def __contains__(self, id: object) -> bool:  # noqa: A002
        return isinstance(id, str) and id in self._records

    def __iter__(self) -> Iterator[OutletRecord]:
        return iter(self._records.values())

    def __len__(self) -> int:
        return len(self._records)


# ---------------------------------------------------------------------------- loading


def sourcier_home() -> Path:
    """The user's Sourcier data directory: ``$SOURCIER_HOME`` or ``~/.local/share/sourcier``."""
    return Path(os.environ.get("SOURCIER_HOME") or DEFAULT_HOME).expanduser()


def overlay_dir() -> Path:
    """Where user outlet overlays live: ``<sourcier_home>/outlets``."""
    return sourcier_home() / "outlets"


def overlay_files() -> list[Path]:
    """The overlay tables, in the order they apply (file name order)."""
    folder = overlay_dir()
    return sorted(p for p in folder.glob("*.csv") if p.is_file()) if folder.is_dir() else []


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    files: list[Path] = []
    for item in paths:
        path = Path(item).expanduser()
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.csv") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise KnowledgeBaseError("no such outlet table (file or folder)", origin=str(path))
    return files


@lru_cache(maxsize=1)
def bundled_records() -> tuple[OutletRecord, ...]:
    """The records of the bundled table, parsed once per process."""
    resource = resources.files("sourcier.knowledge").joinpath("data/outlets.csv")
    return tuple(parse_outlets(str(resource), text=resource.read_text(encoding="utf-8")))


def build_kb(layers: Iterable[Iterable[OutletRecord]]) -> OutletKB:
    """A knowledge base from layers of records; a later layer's record replaces an earlier one with its id."""
    merged: dict[str, OutletRecord] = {}
    rank: dict[str, int] = {}
    for index, layer in enumerate(layers):
        for record in layer:
            merged[record.id] = record
            rank[record.id] = index
    return OutletKB(merged.values(), rank=rank)


def load_outlets(extra_paths: Iterable[Path | str] = (), *, overlays: bool = True) -> OutletKB:
    """The outlet knowledge base: bundled table, then user overlays, then ``extra_paths``.

    ``extra_paths`` are CSV files (or folders of them) in our columns, applied last.
    The result is cached per process, keyed by the files' paths, sizes and modification
    times, so a new or edited overlay is picked up by the next call.
    """
    files = (overlay_files() if overlays else []) + _expand(extra_paths)
    key = tuple((str(p.resolve()), *_stamp(p)) for p in files)
    return _load(key)


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _load(key: tuple[tuple[str, int, int], ...]) -> OutletKB:
    layers: list[Iterable[OutletRecord]] = [bundled_records()]
    layers.extend(parse_outlets(path) for path, _, _ in key)
    return build_kb(layers)


def clear_cache() -> None:
    """Forget every cached table (for tests, or after editing the bundled data in place)."""
    _load.cache_clear()
    bundled_records.cache_clear()
    load_meta.cache_clear()
