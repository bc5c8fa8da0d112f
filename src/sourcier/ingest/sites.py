"""Which site a URL belongs to: its registered domain, from the Public Suffix List.

``www.journal.fr`` and ``m.journal.fr`` are one site (``journal.fr``); ``a.github.io`` and
``b.github.io`` are two, since ``github.io`` is a public suffix. The list ships inside the
``tld`` package (nothing is downloaded).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from tld import get_fld


def registered_domain(url: str) -> str | None:
    """``journal.fr`` for ``https://m.journal.fr/x``; the host itself for an IP address or a
    suffix the list does not know; None when ``url`` has no usable host."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if not host:
        return None
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    return get_fld(host, fix_protocol=True, fail_silently=True) or host


def same_site(url: str, other: str) -> bool:
    """Whether two URLs share a registered domain (unknown hosts are never the same site)."""
    site = registered_domain(url)
    return site is not None and site == registered_domain(other)
