"""The outlet that published an article, resolved through the outlet knowledge base.

A publication carries up to three clues to its publisher: the outlet its record names (a
JSONL ``outlet``), its URL, and the page's site name (``og:site_name``, a feed title).
:func:`resolve_publisher` tries them in that order against :class:`OutletKB` (the URL by its
host and every parent domain: ``fr.sputniknews.africa`` is Sputnik Afrique), so that a
publisher is an outlet with its country, ownership and state affiliation rather than a raw
hostname. An unknown publisher keeps its domain (or its stated name) and ``record`` None;
:func:`unknown_publishers` lists them, ready to be added to an overlay.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from sourcier.knowledge.outlets import OutletKB, OutletRecord


@dataclass(frozen=True)
class Publisher:
    """Who published an article: a known outlet (``record``) or, unknown, its domain or name."""

    name: str | None
    domain: str | None
    record: OutletRecord | None
    #: Which clue gave the outlet: "outlet", "url", "site_name", or None when unknown.
    resolved_by: str | None

    @property
    def state_affiliated(self) -> bool | None:
        return self.record.state_affiliated if self.record else None


def url_domain(url: str | None) -> str | None:
    """The host of ``url`` (or of a bare domain, ``sputniknews.africa``) without ``www.``,
    lowercased; None when there is none or it cannot be parsed."""
    if not url or not url.strip():
        return None
    text = url.strip()
    try:
        host = urlsplit(text if "//" in text else "//" + text).hostname  # lowercased
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return host.rstrip(".").removeprefix("www.") or None if host else None


def resolve_publisher(kb: OutletKB, *, url: str | None = None, site_name: str | None = None,
                      outlet: str | None = None) -> Publisher:
    """The publisher of an article from the clues it carries (any may be None)."""
    domain = url_domain(url)
    for clue, lookup, value in (
        ("outlet", kb.by_site_name, outlet),  # the caller's own statement comes first
        ("url", kb.by_domain, url),
        ("site_name", kb.by_site_name, site_name),
    ):
        record = lookup(value) if value and value.strip() else None
        if record is not None:
            return Publisher(record.name, domain, record, clue)
    stated = (outlet or "").strip() or (site_name or "").strip() or None
    return Publisher(domain or stated, domain, None, None)


def outlet_query(kb: OutletKB, query: str) -> OutletRecord | None:
    """The outlet a user means by ``--outlet``: a name or alias ("Sputnik Afrique"), a domain
    or URL ("sputniknews.africa"), or a site name."""
    return kb.find(query) or kb.by_domain(query) or kb.by_site_name(query)


def outlet_names_and_domains(kb: OutletKB, query: str) -> tuple[set[str], set[str]]:
    """What ``--outlet QUERY`` selects: lowercased names (the query, and every name and alias of
    the outlet it designates) and domains (the query as a host, and the outlet's domains)."""
    names = {query.strip().lower()}
    domains = {d for d in (url_domain(query),) if d and "." in d}
    record = outlet_query(kb, query)
    if record is not None:
        names |= {n.lower() for n in record.names()}
        domains |= {d.split("/", 1)[0] for d in record.domains}
    return names, domains


def publisher_matches(kb: OutletKB, query: str, publisher: Publisher) -> bool:
    """Whether ``--outlet QUERY`` selects this publisher: same outlet when the query is
    known, else the same domain or name, case ignored."""
    wanted = outlet_query(kb, query)
    if wanted is not None:
        return publisher.record is not None and publisher.record.id == wanted.id
    folded = query.strip().lower().removeprefix("www.")
    return folded in {(publisher.domain or "").lower(), (publisher.name or "").lower()}


def state_affiliated_share(publishers: Iterable[Publisher]) -> tuple[int, int, int]:
    """(state-affiliated, known not state-affiliated, unknown) counts of publications."""
    counts = Counter(p.state_affiliated for p in publishers)
    return counts[True], counts[False], counts[None]


def unknown_publishers(publishers: Iterable[Publisher]) -> list[tuple[str, int]]:
    """Domains (or names) of publishers the knowledge base does not know, most frequent first."""
    counts = Counter(p.name for p in publishers if p.record is None and p.name)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
