"""Versions of one story: one outlet publishing under the same title within a few days.

News sites update a story and publish it again under its title: the text may be rewritten
from one version to the next (a death toll updated, a reaction added), so that little text is
shared and no reuse is found. This relation is the *title*, not the text: the same outlet,
the same title (case, accents kept, punctuation ignored), both dated and at most
:data:`MAX_DAYS` days apart. It is evidence of its own kind (``same_title``) and never
claimed as text reuse: a daily bulletin published every day under one title ("le point sur
la pandémie") is a series whose issues are linked day to day, not one text.

Both thresholds were set before any measurement: two days, because an update comes the same
day or the next (a story a week later under the same title is more often a recurring rubric);
four words, because shorter titles are rubric names ("Météo du jour", "Loto").

A title the outlet used on more distinct days than the window holds (more than three) is
*recurring*: its pairs are issues of a series rather than versions of one story, and say so.
This label was added after the hand-judged sample of OrangeSum (benchmarks/README.md) showed
that most same-title pairs without shared text were issues of one daily bulletin.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sourcier.ingest.dates import moment

if TYPE_CHECKING:
    from sourcier.link.reprints import ReprintItem

#: Most days between two versions of one story.
MAX_DAYS = 2
#: Fewest words in a title for it to name one story.
MIN_TITLE_WORDS = 4


@dataclass(frozen=True)
class Version:
    """Items ``a`` < ``b`` (indices in the report): one outlet's same title, ``days`` apart."""

    a: int
    b: int
    days: int
    #: The outlet used the title on this many distinct days (see :attr:`recurring`).
    title_days: int = 1

    @property
    def recurring(self) -> bool:
        """A title used on more distinct days than one story's window: a series' issues."""
        return self.title_days > MAX_DAYS + 1


def title_key(title: str | None) -> str | None:
    """The title's words, lowercased (punctuation and spacing ignored); None when too short."""
    words = re.findall(r"\w+", (title or "").casefold())
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else None


def publisher_key(item: ReprintItem) -> str | None:
    """Who published an item: its stated outlet, else its URL's host without ``www.``."""
    if item.outlet and item.outlet.strip():
        return item.outlet.strip().casefold()
    host = urlsplit(item.url or "").hostname or ""
    return host.removeprefix("www.") or None


def _day(item: ReprintItem) -> date | None:
    when = moment(item.published)
    return when.date() if isinstance(when, datetime) else when


def find_versions(items: Sequence[ReprintItem], max_days: int = MAX_DAYS) -> list[Version]:
    """Pairs of items published by one outlet under one title at most ``max_days`` apart."""
    groups: dict[tuple[str, str], list[tuple[date, int]]] = defaultdict(list)
    for i, item in enumerate(items):
        publisher, title, day = publisher_key(item), title_key(item.title), _day(item)
        if publisher and title and day:
            groups[publisher, title].append((day, i))
    found = []
    for members in groups.values():
        members.sort()
        title_days = len({day for day, _ in members})
        for k, (day, i) in enumerate(members):
            for later, j in members[k + 1 :]:
                if (later - day).days > max_days:
                    break
                found.append(Version(min(i, j), max(i, j), (later - day).days, title_days))
    return sorted(found, key=lambda v: (v.a, v.b))
