"""Photo credits from caption-like strings: ``"© AFP"`` → ``"AFP"``.

Extractors such as trafilatura drop figure captions and credit lines, yet who
took (or sold) the picture is a source of the article. These functions only
look at strings; :mod:`sourcier.ingest.html` decides which strings are captions.

Recognised forms::

    © AFP · ©JOEL SAGET, AFP · Copyright Reuters
    Crédit photo : Sputnik Afrique · Crédits photos: X · Crédit : X · Crédit image : X
    Source photo : X · Photo : X / Reuters · Photo d'illustration : X
    (Photo AFP) · (Photo : Reuters)
"""

from __future__ import annotations

import re

_LABEL = (
    r"(?:cr[ée]dits?(?:\s+(?:photos?|images?|illustrations?|vid[ée]os?))?"
    r"|sources?\s+(?:photos?|images?)"
    r"|photos?(?:\s+d['’]illustration)?"
    r"|illustration)"
)
# The credit runs to the end of the line or to a separator (" | ", another ©).
_CREDIT = r"(?P<credit>[^\n|©]+)"

_COPYRIGHT = re.compile(r"(?:©|&copy;|\(c\)|\bcopyright\b)\s*" + _CREDIT, re.IGNORECASE)
_LABELLED = re.compile(r"(?<![\w])" + _LABEL + r"\s*[:：]\s*" + _CREDIT, re.IGNORECASE)
_PAREN = re.compile(r"\(\s*photos?\s*:?\s+(?P<credit>[^)\n]+)\)", re.IGNORECASE)

# A paragraph of running text that is only a credit line: "Crédit Photo : X".
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:©|\bcopyright\b|" + _LABEL + r"\s*[:：])", re.IGNORECASE
)

_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}\b[\s,.-]*")
_RIGHTS = re.compile(r"\s*[-–—,.]?\s*(?:tous droits réservés|all rights reserved)\.?$", re.IGNORECASE)
_TRAILING = " \t.,;:-–—/"

#: Credits are names of people or agencies: short.
MAX_CREDIT_CHARS = 80
MAX_CREDIT_WORDS = 10


def clean_credit(raw: str) -> str | None:
    """Tidy a credit string; None if what is left does not look like a credit."""
    credit = " ".join(raw.split())
    credit = _RIGHTS.sub("", credit)
    credit = _YEAR_PREFIX.sub("", credit)
    if credit.endswith(")") and "(" not in credit:
        credit = credit[:-1]
    credit = credit.strip(_TRAILING)
    if credit.startswith("(") and ")" not in credit:
        credit = credit[1:].strip()
    # "AFP, AFP" (photographer unknown, agency twice) → "AFP".
    parts = [p.strip() for p in credit.split(",")]
    if len(parts) > 1:
        unique = list(dict.fromkeys(parts))
        if len(unique) < len(parts):
            credit = ", ".join(unique)
    if not credit or len(credit) > MAX_CREDIT_CHARS or len(credit.split()) > MAX_CREDIT_WORDS:
        return None
    first = next((ch for ch in credit if ch.isalnum()), "")
    # A description ("Photo : le président à Dakar") is not a credit; names start upper-case.
    if not first or (first.isalpha() and not first.isupper()):
        return None
    return credit


def find_credits(text: str, *, explicit: bool = False) -> list[str]:
    """Credits named in a caption-like ``text``.

    ``explicit`` says the string comes from an element marked as a credit (class
    ``credit``, ``itemprop="copyrightHolder"``…): then a bare ``"AFP"`` counts too.
    """
    found: list[str] = []
    for match in _PAREN.finditer(text):
        if (credit := clean_credit(match.group("credit"))) is not None:
            found.append(credit)
    # Parenthesised credits are done: blank them out so that "(Photo : X) suite"
    # does not also read as the labelled credit "X) suite".
    rest = _PAREN.sub(" | ", text)
    for pattern in (_COPYRIGHT, _LABELLED):
        for match in pattern.finditer(rest):
            if (credit := clean_credit(match.group("credit"))) is not None:
                found.append(credit)
    if not found and explicit and (credit := clean_credit(text)) is not None:
        found.append(credit)
    return dedupe(found)


def credit_line(paragraph: str) -> str | None:
    """The credit of a paragraph that is only a credit line ("Crédit Photo : X"), else None."""
    if len(paragraph) > 2 * MAX_CREDIT_CHARS or not _CREDIT_LINE.match(paragraph):
        return None
    credits = find_credits(paragraph)
    return credits[0] if credits else None


def dedupe(credits: list[str]) -> list[str]:
    """Keep the first of credits equal but for case and spacing, in order."""
    seen: set[str] = set()
    out = []
    for credit in credits:
        key = " ".join(credit.casefold().split())
        if key not in seen:
            seen.add(key)
            out.append(credit)
    return out
