"""Reprint clusters and partial reuse over a set of articles: inputs, report, Python API.

:func:`find_reprints` takes :class:`ReprintItem`\\ s (text plus the metadata shown in the
report). :func:`read_items` reads them straight from JSONL files and folders of ``.txt`` /
``.html`` files, text only: no language check, no analysis, no database, so that large
collections are deduplicated quickly. :func:`store_items` reads the articles of a store.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import IO, Any

from sourcier.ingest.dates import chronological_key, parse_french_date, publication_time
from sourcier.link.reuse import Match, ReuseIndex, ReuseSettings, clusters
from sourcier.link.versions import Version, find_versions

_JSONL = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_TEXT = (".txt", ".text")
_HTML = (".html", ".htm", ".xhtml")


@dataclass
class ReprintItem:
    id: str
    text: str = field(repr=False)
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    #: What ``published`` is: "published" (stated by the source) or "first_seen" (no readable
    #: date: the time the publication was first seen stands in for it); None when neither is known.
    time_source: str | None = None

    def __post_init__(self) -> None:
        if self.published and self.time_source is None:
            self.time_source = "published"

    def describe(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "text"}


@dataclass
class ReprintReport:
    items: list[ReprintItem]
    matches: list[Match]
    #: Input records that could not be read: (where, why).
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: The text of item ``i``; by default ``items[i].text`` (see ``keep_texts`` in :func:`find_reprints`).
    text_of: Callable[[int], str] | None = field(default=None, repr=False)
    _versions: list[Version] | None = field(default=None, init=False, repr=False)

    def text(self, i: int) -> str:
        return self.text_of(i) if self.text_of is not None else self.items[i].text

    def clusters(self) -> list[list[int]]:
        """Reprint clusters as item indices, each in publication order (undated last)."""
        groups = clusters(len(self.items), self.matches)
        return [sorted(g, key=lambda i: (chronological_key(self.items[i].published), i)) for g in groups]

    def partial(self) -> list[Match]:
        return [m for m in self.matches if m.kind == "partial"]

    def versions(self) -> list[Version]:
        """Versions of one story (one outlet, one title, a few days apart), from the items'
        metadata, not their text: see :mod:`sourcier.link.versions`."""
        if self._versions is None:
            self._versions = find_versions(self.items)
        return self._versions

    def to_json(self) -> dict[str, Any]:
        members_of = {i: n for n, group in enumerate(self.clusters()) for i in group}
        spans: dict[int, list[dict[str, Any]]] = {}
        for m in self.matches:
            if m.kind == "reprint":
                spans.setdefault(members_of[m.a], []).append(self._pair(m))
        return {
            "clusters": [
                {"members": [self.items[i].describe() for i in group], "spans": spans.get(n, [])}
                for n, group in enumerate(self.clusters())
            ],
            "partial_reuse": [self._pair(m) for m in self.partial()],
            "versions": [{"a": self.items[v.a].id, "b": self.items[v.b].id, "title": self.items[v.a].title,
                          "days": v.days, "recurring": v.recurring} for v in self.versions()],
            "skipped": [{"where": w, "why": y} for w, y in self.skipped],
        }

    def _pair(self, m: Match) -> dict[str, Any]:
        a, b, a_text = self.items[m.a], self.items[m.b], self.text(m.a)
        return {
            "a": a.id,
            "b": b.id,
            "kind": m.kind,
            "similarity": m.similarity,
            "coverage_a": m.coverage_a,
            "coverage_b": m.coverage_b,
            "spans": [
                {"a_start": s.a_start, "a_end": s.a_end, "b_start": s.b_start, "b_end": s.b_end,
                 "words": s.words, "text": a_text[s.a_start : s.a_end]}
                for s in m.spans
            ],
        }


#: Items indexed at a time: what is sketched at once stays a few hundred MB whatever the input.
BATCH = 10_000


def find_reprints(items: Iterable[ReprintItem], settings: ReuseSettings | None = None,
                  skipped: list[tuple[str, str]] | None = None, *, keep_texts: bool = True) -> ReprintReport:
    """Reprint clusters and partial reuse among ``items``, read and indexed by batches of
    :data:`BATCH` (each batch matched against the ones before it).

    ``keep_texts=False`` keeps each item's metadata without its text (the report reads the
    texts back from the index, which holds them compressed): for large collections.
    """
    index = ReuseIndex(settings or ReuseSettings())
    kept: list[ReprintItem] = []
    matches: list[Match] = []
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, BATCH)):
        matches.extend(index.add(item.text for item in batch))
        kept.extend(batch if keep_texts else (replace(item, text="") for item in batch))
    return ReprintReport(kept, matches, skipped or [], None if keep_texts else index.text)


# --------------------------------------------------------------------------- inputs


def read_items(paths: Iterable[str | os.PathLike[str]], skipped: list[tuple[str, str]]) -> Iterator[ReprintItem]:
    """Articles of JSONL files and folders (or single files) of ``.txt``/``.html``; what
    cannot be read is appended to ``skipped`` and reading goes on."""
    for path in map(os.fspath, paths):
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(_JSONL + _TEXT + _HTML):
                        yield from _read_file(os.path.join(folder, name), skipped)
        else:
            yield from _read_file(path, skipped)


def _read_file(path: str, skipped: list[tuple[str, str]]) -> Iterator[ReprintItem]:
    lower = path.lower()
    try:
        if lower.endswith(_JSONL):
            opener = gzip.open if lower.endswith(".gz") else open
            with opener(path, "rb") as handle:
                yield from _jsonl_items(handle, path, skipped)
        elif lower.endswith(_TEXT):
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8-sig", errors="replace")
            yield _with_sidecar(ReprintItem(id=path, text=text), path)
        elif lower.endswith(_HTML):
            yield _html_item(path)
        elif not lower.endswith(".json"):
            skipped.append((path, "unsupported file type (expected .jsonl, .txt or .html)"))
    except (OSError, EOFError, ValueError) as exc:
        skipped.append((path, f"cannot read: {exc}"))


def _with_sidecar(item: ReprintItem, path: str) -> ReprintItem:
    """Metadata from ``NAME.meta.json`` next to ``NAME.txt``, as ``sourcier ingest`` reads it."""
    sidecar = os.path.splitext(path)[0] + ".meta.json"
    try:
        with open(sidecar, encoding="utf-8-sig") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return item
    if isinstance(record, dict):
        found = _record_item({**record, "text": item.text, "id": item.id}, path)
        return found or item
    return item


def _html_item(path: str) -> ReprintItem:
    from sourcier.ingest.readers import read_path  # the page's main text and metadata

    document = read_path(path)
    meta = document.meta
    return ReprintItem(path, document.text, meta.outlet, meta.published, meta.url, meta.title)


def _jsonl_items(handle: IO[bytes], path: str, skipped: list[tuple[str, str]]) -> Iterator[ReprintItem]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            skipped.append((f"{path}:{number}", f"invalid JSON ({exc})"))
            continue
        item = _record_item(record, f"{path}:{number}") if isinstance(record, dict) else None
        if item is None:
            skipped.append((f"{path}:{number}", "no text: expected an object with 'text' or 'article'"))
        else:
            yield item


def _field(record: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value)
    return None


def _record_item(record: dict[str, Any], where: str) -> ReprintItem | None:
    """One JSONL record: a plain article (``text`` or OrangeSum's ``article``) or a
    ``sourcier export`` analysis (metadata under ``article``)."""
    meta = record.get("article") if isinstance(record.get("article"), dict) else record
    text = record.get("text") if isinstance(record.get("text"), str) else record.get("article")
    if not isinstance(text, str) or not text.strip():
        return None
    return ReprintItem(
        id=_field(meta, "id", "external_id") or where,
        text=text,
        outlet=_field(meta, "outlet", "sitename", "site_name"),
        published=_published(_field(meta, "published", "date")),
        url=_field(meta, "url", "link"),
        title=_field(meta, "title"),
    )


def _published(value: str | None) -> str | None:
    """ISO 8601 when the date can be read ("12 mars 2024" too), else as given."""
    return (parse_french_date(value) or value) if value else None


def store_items(store: Any) -> Iterator[ReprintItem]:
    """Every publication stored in an open :class:`~sourcier.store.db.Store`, with its text.

    A text's first publication is named by the article id; later publications of the same
    text by ``ARTICLE_ID+PUBLICATION_ID``.
    """
    return (item for _, item in store_publications(store))


def store_publications(store: Any) -> Iterator[tuple[int, ReprintItem]]:
    """:func:`store_items` with each item's publication id, first seen first."""
    import sqlalchemy as sa

    from sourcier.store.schema import articles, publications

    p, a = publications, articles
    first = sa.select(p.c.article_id, sa.func.min(p.c.id).label("first")).group_by(p.c.article_id).subquery()
    query = (
        sa.select(p.c.id, p.c.article_id, a.c.text, p.c.outlet, p.c.published, p.c.url, a.c.title, first.c.first,
                  p.c.first_seen)
        .join(a, a.c.id == p.c.article_id)
        .join(first, first.c.article_id == p.c.article_id)
        .order_by(p.c.first_seen, p.c.id)
    )
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            name = row.article_id if row.id == row.first else f"{row.article_id}+{row.id}"
            when, source = publication_time(row.published, row.first_seen)
            yield row.id, ReprintItem(name, row.text, row.outlet, when, row.url, row.title, source)
