"""Importing outlet tables into user overlays.

Two formats:

* ``asd``: the State Media Matrix layout (Alliance for Securing Democracy), one media
  company per row with columns ``Region, Country, Media company, Main assets, URL,
  Typology, Status`` (column names matched case-insensitively; further columns are
  ignored). The English country name becomes an alpha-2 code through
  ``data/countries.csv``; the typology becomes ``ownership`` and ``state_affiliated``
  through ``data/asd_typology.csv``.
* ``csv``: a table in our own columns (see ``docs/knowledge-base.md``) where only
  ``name`` is required.

Given the current knowledge base (``kb=``), a row naming an outlet already known (same
name or alias, or same domain, in the same country) takes that outlet's id and keeps
the facts the row does not give, so an import updates known outlets instead of adding
near-duplicates. :func:`save_overlay` then writes the records where
:func:`~sourcier.knowledge.outlets.load_outlets` finds them.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from sourcier.errors import KnowledgeBaseError
from sourcier.knowledge.countries import Country, load_countries
from sourcier.knowledge.names import SLUG, fold, slugify
from sourcier.knowledge.outlets import (
    COLUMNS, OutletKB, OutletRecord, normalise_domain, overlay_dir, parse_bool, record_from_row,
)
from sourcier.knowledge.tables import Row, read_table

ASD_SOURCE = "ASD State Media Matrix (Alliance for Securing Democracy)"
ASD_REQUIRED = ("country", "media company")


@dataclass(frozen=True, slots=True)
class Typology:
    """What one ASD typology means in our columns."""

    ownership: str | None
    state_affiliated: bool | None


def _typology_key(text: str) -> str:
    # "State-controlled media" and "state controlled" are the same category.
    key = re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()
    return re.sub(r"\s+media$", "", key)


@lru_cache(maxsize=1)
def asd_typologies() -> dict[str, Typology]:
    """``data/asd_typology.csv``: typology key → our ownership and state_affiliated."""
    resource = resources.files("sourcier.knowledge").joinpath("data/asd_typology.csv")
    table: dict[str, Typology] = {}
    for row in read_table(str(resource), known=("typology", "ownership", "state_affiliated", "meaning"),
                          required=("typology", "ownership"), text=resource.read_text("utf-8")):
        try:
            flag = parse_bool(row.get("state_affiliated"))
        except ValueError:
            raise row.error("state_affiliated must be true, false or empty") from None
        table[_typology_key(row.get("typology"))] = Typology(row.get("ownership") or None, flag)
    return table


# ---------------------------------------------------------------------------- ASD


def import_asd(path: Path | str, *, kb: OutletKB | None = None) -> list[OutletRecord]:
    """Read an ASD State Media Matrix CSV export into outlet records.

    Raises :class:`KnowledgeBaseError` naming the file and line of a row without a media
    company, with a country name we cannot map, an unknown typology or a bad URL.
    """
    countries = load_countries()
    typologies = asd_typologies()
    records: list[OutletRecord] = []
    ids: dict[str, int] = {}
    domains: dict[str, int] = {}
    for row in read_table(path, known=None, required=ASD_REQUIRED, fold_header=True):
        name = row.get("media company")
        if not name:
            raise row.error("missing 'Media company'")
        country = _asd_country(row, countries)
        typology = _asd_typology(row, typologies)
        hosts = _asd_domains(row)
        notes = [f"{label}: {row.get(col)}" for label, col in
                 (("ASD typology", "typology"), ("Main assets", "main assets"), ("Status", "status")) if row.get(col)]
        state = country.alpha2 if typology.state_affiliated or (typology.ownership or "").startswith("state") \
            or typology.ownership == "public" else None
        record = OutletRecord(
            id=slugify(name),
            name=name,
            domains=hosts,
            country=country.alpha2,
            ownership=typology.ownership,
            state_affiliated=typology.state_affiliated,
            state=state,
            source=ASD_SOURCE,
            notes="; ".join(notes) or None,
            origin=row.where,
        )
        if not SLUG.match(record.id):
            raise row.error(f"cannot make an id from the media company name {name!r}")
        if kb is not None:
            record = _merge_known(kb, record, fallback_source=ASD_SOURCE)
            # A company's URL may be one of its titles' sites (Rossiya Segodnya: ria.ru); the curated
            # domain of that title stays with it.
            record = replace(record, domains=tuple(d for d in record.domains if _domain_free(kb, d, record.id)))
        record = _unique_id(row, record, ids)
        _claim_domains(row, record, domains)
        records.append(record)
    return records


def _domain_free(kb: OutletKB, domain: str, oid: str) -> bool:
    owner = kb.by_domain(domain)
    return owner is None or owner.id == oid or domain not in owner.domains


def _asd_country(row: Row, countries) -> Country:
    raw = row.get("country")
    country = countries.by_name(raw) if raw else None
    if country is None and len(raw) in (2, 3):
        country = countries.get(raw)
    if country is None:
        raise row.error(
            f"unknown country {raw!r}; add its English name to aliases_en in sourcier/knowledge/data/countries.csv"
            if raw else "missing 'Country'"
        )
    return country


def _asd_typology(row: Row, typologies: dict[str, Typology]) -> Typology:
    raw = row.get("typology")
    if not raw:
        return Typology(None, None)
    typology = typologies.get(_typology_key(raw))
    if typology is None:
        raise row.error(
            f"unknown typology {raw!r}; known: {', '.join(sorted(typologies))} "
            "(extend sourcier/knowledge/data/asd_typology.csv)"
        )
    return typology


def _asd_domains(row: Row) -> tuple[str, ...]:
    hosts: list[str] = []
    for item in re.split(r"[\s,;|]+", row.get("url")):
        if not item:
            continue
        host = urlsplit(item if "//" in item else "//" + item).hostname or ""
        domain = normalise_domain(host)
        if domain is None:
            raise row.error(f"URL {item!r} has no valid host name")
        hosts.append(domain)
    return tuple(dict.fromkeys(hosts))


# ---------------------------------------------------------------------------- our own columns


def import_csv(path: Path | str, *, kb: OutletKB | None = None) -> list[OutletRecord]:
    """Read a user table in our columns; only ``name`` is required.

    A row without ``id`` gets the id of the known outlet it names (with ``kb``) or a slug
    of its name. Validation is the loader's: unknown column, bad country code, bad
    boolean, duplicate id… raise :class:`KnowledgeBaseError` with file and line.
    """
    countries = load_countries()
    records: list[OutletRecord] = []
    ids: dict[str, int] = {}
    domains: dict[str, int] = {}
    for row in read_table(path, known=COLUMNS, required=("name",)):
        record = record_from_row(row, require_id=False, countries=countries)
        fallback = f"user table {Path(path).name}"
        if kb is not None and not row.get("id"):
            record = _merge_known(kb, record, fallback_source=fallback)
        if record.source is None:
            record = replace(record, source=fallback)
        if record.id in ids:
            raise row.error(f"duplicate id {record.id!r} (first at line {ids[record.id]})")
        ids[record.id] = row.line
        _claim_domains(row, record, domains)
        records.append(record)
    return records


# ---------------------------------------------------------------------------- helpers


def _known(kb: OutletKB, record: OutletRecord) -> OutletRecord | None:
    """The outlet of ``kb`` this record describes: same name or domain, not another country's."""
    candidates = [kb.find(record.name, country=record.country)]
    candidates += [kb.by_domain(d) for d in record.domains]
    for known in candidates:
        if known is not None and (record.country is None or known.country in (None, record.country)):
            return known
    return None


_FACTS = ("country", "kind", "ownership", "state_affiliated", "state", "parent", "notes")


def _merge_known(kb: OutletKB, record: OutletRecord, *, fallback_source: str) -> OutletRecord:
    """``record`` under the id of the known outlet it names, the known facts filling its gaps.

    Facts the row gives win; names and domains are pooled. A citation must cover the
    facts it stands next to: the row's own source when it has one, else, if the row
    changed a fact, ``fallback_source`` (the import file), never the old citation.
    """
    known = _known(kb, record)
    if known is None:
        return record
    merged = replace(
        known,
        aliases=tuple(n for n in dict.fromkeys((*known.aliases, *record.names())) if n != known.name),
        domains=tuple(dict.fromkeys((*known.domains, *record.domains))),
        origin=record.origin,
    )
    changed = False
    for column in _FACTS:
        value = getattr(record, column)
        if value is not None and value != getattr(known, column):
            merged = replace(merged, **{column: value})
            changed = True
    if record.source is not None:
        merged = replace(merged, source=record.source, source_url=record.source_url)
    elif changed:
        merged = replace(merged, source=fallback_source, source_url=None)
    return merged


def _unique_id(row: Row, record: OutletRecord, ids: dict[str, int]) -> OutletRecord:
    # Two companies of one name in different countries ("Radio nationale") get the country as suffix.
    if record.id in ids and record.country:
        record = replace(record, id=f"{record.id}-{record.country.lower()}")
    if record.id in ids:
        raise row.error(f"duplicate outlet {record.id!r} (first at line {ids[record.id]})")
    ids[record.id] = row.line
    return record


def overlay_path(name: str) -> Path:
    """The overlay file an import called ``name`` is saved to."""
    slug = slugify(name)
    if not slug:
        raise KnowledgeBaseError(f"overlay name {name!r} has no letters or digits")
    return overlay_dir() / f"{slug}.csv"


def save_overlay(records: Iterable[OutletRecord], name: str) -> Path:
    """Write ``records`` as the overlay ``<name>.csv`` (replacing one of that name); return its path.

    The file is written to a temporary name first, so a failure never leaves half an overlay.
    """
    path = overlay_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".csv.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            for record in records:
                writer.writerow(record.to_row())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _claim_domains(row: Row, record: OutletRecord, domains: dict[str, int]) -> None:
    """Record the lines that give each domain; one domain, one outlet."""
    for host in record.domains:
        if host in domains:
            raise row.error(f"domain {host!r} is already given at line {domains[host]}")
        domains[host] = row.line
