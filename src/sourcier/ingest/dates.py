"""Publication dates as French news states them, to ISO 8601.

Sources give "2024-03-12T10:00:00+01:00", but also "12 mars 2024", "12/03/2024" (day first),
"mardi 12 mars 2024 à 14h30", "Publié le 1er avril 2023 à 10:05", RSS's "Tue, 12 Mar 2024
10:00:00 GMT", or a ``datePublished`` in the page's JSON-LD. :func:`normalise_published`
turns all of these into ISO 8601 (a date, or a date and time when one is stated) with
dateparser, and says so in a warning when a value cannot be read, rather than storing it
as no date (which ``--since`` would silently drop). :func:`publication_time` falls back to
the time the publication was first seen, and says which of the two it gives.
"""

from __future__ import annotations

import email.utils
import json
import re
from datetime import date, datetime, timezone
from typing import Any

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_STATED_TIME = re.compile(r"\d{1,2}\s*(?:h|:)\s*\d{2}", re.IGNORECASE)
_FIRST_DIGIT = re.compile(r"\d")
_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",  # 03/04/2024 is the 3rd of April in French
    "REQUIRE_PARTS": ["day", "month", "year"],  # "mars 2024" is not a publication date
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DATES_FROM": "past",
}
#: Longest value handed to dateparser (a date line, not a paragraph).
_MAX_DATE_CHARS = 120


def parse_french_date(value: str) -> str | None:
    """ISO 8601 for a date written the way French news writes it, or None."""
    value = " ".join(value.split())
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    if _ISO.match(value):
        return _checked_iso(value)
    rfc = _rfc822(value)
    if rfc is not None:
        return rfc
    import dateparser  # imported here: it takes a moment, and most inputs are ISO already

    for candidate in _candidates(value):
        parsed = dateparser.parse(candidate, languages=["fr", "en"], settings=_DATEPARSER_SETTINGS)
        if parsed is not None:
            return parsed.isoformat(timespec="minutes") if _STATED_TIME.search(candidate) else parsed.date().isoformat()
    return None


def _candidates(value: str) -> list[str]:
    """The value, then the value from its first digit on ("Publié le 12 mars…" → "12 mars…")."""
    found = [value]
    digit = _FIRST_DIGIT.search(value)
    if digit and digit.start() > 0:
        found.append(value[digit.start() :])
    return found


def _checked_iso(value: str) -> str | None:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value


def _rfc822(value: str) -> str | None:
    if not value[:3].isalpha() or "," not in value[:5]:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def normalise_published(value: str | None, warnings: list[str]) -> str | None:
    """``value`` as ISO 8601; None, with a warning appended, when it cannot be read."""
    if value is None or not value.strip():
        return None
    parsed = parse_french_date(value)
    if parsed is None:
        shown = value if len(value) <= 60 else value[:57] + "…"
        warnings.append(f"publication date {shown!r} could not be read; the first-seen time stands in for it")
    return parsed


def publication_time(published: str | None, first_seen: datetime | str) -> tuple[str, str]:
    """``(time, "published")`` when the source gave a readable date, else ``(first-seen time,
    "first_seen")``: the second element says which one the first is."""
    if published:
        parsed = parse_french_date(published)
        if parsed is not None:
            return parsed, "published"
    seen = first_seen.isoformat(timespec="seconds") if isinstance(first_seen, datetime) else first_seen
    return seen, "first_seen"


def moment(value: str | None) -> datetime | date | None:
    """A publication date as a date, or as an aware datetime when it states a time; None when unreadable."""
    parsed = parse_french_date(value) if value else None
    if parsed is None:
        return None
    if len(parsed) <= 10:
        return date.fromisoformat(parsed)
    moment = datetime.fromisoformat(parsed)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # no zone stated: read as UTC


def chronological_key(published: str | None) -> tuple[int, date, datetime]:
    """Sorts publications by time; a date without a time after the times of that day
    (it may be any of them), undated ones last."""
    when = moment(published)
    if when is None:
        return (1, date.max, datetime.max.replace(tzinfo=timezone.utc))
    if isinstance(when, datetime):
        return (0, when.astimezone(timezone.utc).date(), when)
    return (0, when, datetime.max.replace(tzinfo=timezone.utc))


# --------------------------------------------------------------------------- JSON-LD


def jsonld_published(scripts: list[str]) -> str | None:
    """The ``datePublished`` of the first JSON-LD object that has one (``@graph`` and lists
    included), from the texts of a page's ``<script type="application/ld+json">``."""
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue  # a broken block: the page may have a valid one further on
        found = _find_key(data, "datePublished")
        if found:
            return found
    return None


def _find_key(data: Any, key: str, depth: int = 0) -> str | None:
    if depth > 8:
        return None
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        children = list(data.values())
    elif isinstance(data, list):
        children = data
    else:
        return None
    for child in children:
        found = _find_key(child, key, depth + 1)
        if found:
            return found
    return None
