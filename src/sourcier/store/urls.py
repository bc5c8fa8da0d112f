"""Article identity: canonical URLs and the hashes the store deduplicates on.

The same article reaches a corpus by several roads (an RSS link with
``utm_source``, a share link with ``fbclid``, a WARC capture with a ``#comments``
anchor): its canonical URL drops what does not name the page, so the store sees
one article.

Not courlan's ``normalize_url`` (installed with trafilatura), checked with courlan 1.4:
without ``strict`` it keeps the fragment, credentials and several tracking parameters
(``hsa_*``, ``ocid``, ``spm``); with ``strict`` it drops every parameter outside its own
list, so that ``article.php?art=12`` and ``?art=13`` would become one URL and the
store would skip the second article as already present. It keeps a path's trailing
slash and accepts a port out of range. The rules below are the ones the store needs.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track a visit and never select content.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
        "cmpid",
        "xtor",  # AT Internet, common on French sites
        "at_medium",
        "at_campaign",
        "ocid",
        "spm",
    }
)
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def canonical_url(url: str | None) -> str | None:
    """The URL that names the page: lowercase scheme and host, no default port, no
    fragment, no tracking parameters (``utm_*``, ``fbclid``, ``xtor``…), remaining
    parameters sorted, no trailing slash. ``None`` (or a blank string) stays ``None``,
    and so does a URL that does not parse (a port out of range, an unclosed ``[``).

    >>> canonical_url("HTTPS://www.Example.com/a/b/?utm_source=x&id=2#top")
    'https://www.example.com/a/b?id=2'
    """
    if url is None or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # "http://x:99999/", "http://[::1": no page is named, so no URL key
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port is not None and str(port) != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    # Credentials never name a page; drop them rather than store them.
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING_PARAMS and not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    query.sort()
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query, doseq=True), ""))


def url_hash(url: str | None) -> str | None:
    """SHA-256 (hex) of the canonical URL, or ``None`` when there is no URL."""
    canon = canonical_url(url)
    return hashlib.sha256(canon.encode("utf-8")).hexdigest() if canon else None


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the article text; its first 16 digits are ``model.text_id(text)``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
