"""`sourcier reprints --engine ray`: the reuse index's candidate search as Ray group-bys.

    texts ──▶ map_batches(sketch) ──▶ (band key, doc) ──▶ group by key ──▶ LSH pairs ─┐
                                 └──▶ (5-gram, doc)   ──▶ group by key ──▶ rare pairs ─┼▶ group by pair
                                                                    └──▶ common 5-grams ┘      │
                       driver: the report ◀── matches ◀── map_batches(verify actors) ◀───────────┘

Each step is the local index's own (:mod:`sourcier.link.reuse`): the same sketches, the same
pairs from the documents sharing a key, the same signature filter and the same alignment, so
the matches are those of :func:`sourcier.link.reprints.find_reprints` on the same items. A
group-by is a hash shuffle on the key followed by one call per block (every key's postings
then lie in one block): most keys are one document's, and a call per group would cost more
than the grouping. The verifying actors read the texts, the signatures and the common
5-grams from Ray's object store (one copy per node).

A store's index grows instead (``reprints --db``, :func:`add_on_ray`): the new texts are
sketched on Ray, the driver's index (read back from the store) finds their candidate pairs, and
actors align those, so only the new publications' pairs are aligned, as the local engine does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from sourcier.link.reprints import ReprintItem, ReprintReport
from sourcier.link.reuse import (
    Match,
    ReuseIndex,
    ReuseSettings,
    Sketches,
    Span,
    TextEvidence,
    anchors,
    boilerplate_mask,
    likely_pairs,
    pairs_sharing_a_key,
    sketch,
    verify_pair,
    word_hashes,
    word_offsets,
    words_of,
)

#: Texts sketched by one call (the local index sketches 2,000 at a time).
SKETCH_BATCH = 500
#: Candidate pairs verified by one call of an actor.
VERIFY_BATCH = 2000


def find_reprints_on_ray(items: Iterable[ReprintItem], settings: ReuseSettings | None = None,
                         skipped: list[tuple[str, str]] | None = None, *, actors: int = 1,
                         partitions: int | None = None) -> ReprintReport:
    """:func:`~sourcier.link.reprints.find_reprints` on the connected Ray cluster (see
    :func:`sourcier.scale.engine.connect`): ``actors`` verify the candidate pairs, which the
    group-bys spread over ``partitions`` blocks (default: two per actor)."""
    import ray
    import ray.data
    from ray.data.aggregate import Count, Sum

    items = list(items)
    settings = settings or ReuseSettings()
    if len(items) < 2:
        return ReprintReport(items, [], skipped or [])
    parts = partitions or 2 * actors
    texts = [item.text for item in items]
    rows = ray.data.from_items([{"doc": n, "text": t} for n, t in enumerate(texts)],
                               override_num_blocks=max(1, min(len(texts) // SKETCH_BATCH + 1, 4 * parts)))
    sketches = rows.map_batches(_sketch, fn_kwargs={"settings": settings}, batch_format="pyarrow",
                                batch_size=SKETCH_BATCH).materialize()
    postings = sketches.map_batches(_postings, batch_format="pyarrow").repartition(
        parts, keys=["kind", "key"], sort=True).materialize()
    candidates = postings.map_batches(
        _pairs, fn_kwargs={"settings": settings}, batch_size=None, batch_format="numpy"
    ).groupby(["a", "b"], num_partitions=parts).aggregate(Count(alias_name="rows"), Sum("gram", alias_name="grams"))
    common = postings.map_batches(_common_keys, fn_kwargs={"settings": settings}, batch_size=None,
                                  batch_format="numpy")
    corpus = ray.put({"texts": texts, "signatures": _signatures(sketches, settings),
                      "common": np.unique(_keys(common))})
    matches = _verified(candidates, _Screener, corpus, settings, actors)
    return ReprintReport(items, matches, skipped or [])


def add_on_ray(index: ReuseIndex, texts: list[str], *, actors: int = 1) -> tuple[Sketches, list[Match]]:
    """:meth:`ReuseIndex.add` of ``texts`` (at least one) with the sketching and the
    alignments on the connected Ray cluster, for a stored index that grows
    (:func:`sourcier.store.reuse.stored_reprints`): the same sketches and matches. The
    candidate pairs are the index's own (on the driver, which holds it); ``actors`` align them."""
    import ray
    import ray.data

    settings = index.settings
    rows = ray.data.from_items([{"doc": n, "text": t} for n, t in enumerate(texts)],
                               override_num_blocks=max(1, min(len(texts) // SKETCH_BATCH + 1, 8 * actors)))
    sketches = _gathered(rows.map_batches(_sketch, fn_kwargs={"settings": settings}, batch_format="pyarrow",
                                          batch_size=SKETCH_BATCH), len(texts), settings)
    pairs = index.candidates(texts, sketches)
    if not len(pairs):
        return sketches, []
    corpus = ray.put({"texts": {int(doc): index.text(int(doc)) for doc in np.unique(pairs)},
                      "common": index.common_grams()})
    candidates = ray.data.from_numpy(pairs).map_batches(_as_pairs, batch_format="numpy")
    return sketches, _verified(candidates, _Verifier, corpus, settings, actors)


def _as_pairs(batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {"a": batch["data"][:, 0], "b": batch["data"][:, 1]}


def _verified(candidates: Any, verifier: type[_Verifier], corpus: Any, settings: ReuseSettings,
              actors: int) -> list[Match]:
    """The matches of the candidate pairs, aligned by ``actors`` actors, in pair order."""
    import ray.data

    verified = candidates.map_batches(
        verifier, fn_constructor_kwargs={"corpus": [corpus], "settings": settings}, batch_size=VERIFY_BATCH,
        batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1)
    return sorted((_match(row) for row in verified.iter_rows()), key=lambda m: (m.a, m.b))


# --------------------------------------------------------------------------- sketches and group-bys


def _sketch(batch: Any, settings: ReuseSettings) -> Any:
    """Each text's signature, band keys and sampled 5-grams, as one row of lists."""
    import pyarrow as pa

    found = sketch(batch.column("text").to_pylist(), settings)
    starts = np.searchsorted(found.gram_docs, np.arange(batch.num_rows + 1))
    return pa.table({
        "doc": batch.column("doc"),
        "signature": list(found.signatures),
        "bands": list(found.band_keys),
        "grams": [found.grams[starts[k]:starts[k + 1]] for k in range(batch.num_rows)],
    })


def _postings(batch: Any) -> Any:
    """One (kind, key, doc) row per band key (kind 0) and per sampled 5-gram (kind 1) of each text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = []
    for kind, column in enumerate(("bands", "grams")):
        lists = batch.column(column)
        keys = pc.list_flatten(lists)
        parts.append(pa.table({"kind": pa.array(np.full(len(keys), kind, dtype=np.int8)), "key": keys,
                               "doc": pc.take(batch.column("doc"), pc.list_parent_indices(lists))}))
    return pa.concat_tables(parts)


def _pairs(block: dict[str, np.ndarray], settings: ReuseSettings) -> dict[str, np.ndarray]:
    """From a block holding every posting of its keys: one (a, b, gram=0) row per pair of
    documents sharing an LSH bucket and one (a, b, gram=1) row per rare 5-gram they share,
    as the local index makes them."""
    bands = block["kind"] == 0
    band_pairs = pairs_sharing_a_key(block["key"][bands], block["doc"][bands], settings.max_bucket_pairs)
    keys, docs = block["key"][~bands], block["doc"][~bands]
    count = _doc_counts(keys)
    rare = (count >= 2) & (count <= settings.max_gram_docs)
    gram_pairs = pairs_sharing_a_key(keys[rare], docs[rare], settings.max_gram_docs)
    return {"a": np.concatenate([band_pairs[:, 0], gram_pairs[:, 0]]),
            "b": np.concatenate([band_pairs[:, 1], gram_pairs[:, 1]]),
            "gram": np.repeat(np.array([0, 1], dtype=np.int64), [len(band_pairs), len(gram_pairs)])}


def _doc_counts(keys: np.ndarray) -> np.ndarray:
    """How many documents carry each posting's key (the postings are unique per document)."""
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return counts[inverse]


def _common_keys(block: dict[str, np.ndarray], settings: ReuseSettings) -> dict[str, np.ndarray]:
    """The 5-grams too common to be evidence (they mark boilerplate)."""
    keys = block["key"][block["kind"] == 1]
    return {"key": np.unique(keys[_doc_counts(keys) > settings.max_gram_docs])}


def _keys(dataset: Any) -> np.ndarray:
    parts = [batch["key"] for batch in dataset.iter_batches(batch_size=None, batch_format="numpy")]
    return np.concatenate([np.empty(0, dtype=np.uint64), *parts]).astype(np.uint64)


def _gathered(sketched: Any, count: int, settings: ReuseSettings) -> Sketches:
    """The :class:`Sketches` of ``count`` texts from the rows of :func:`_sketch`, in text
    order (without the words' hashes: the index hashes a text again when it aligns it)."""
    signatures = np.empty((count, settings.permutations), dtype=np.uint32)
    bands = np.empty((count, settings.permutations // settings.rows_per_band), dtype=np.uint64)
    grams: list[np.ndarray] = [np.empty(0, dtype=np.uint64)] * count
    for batch in sketched.iter_batches(batch_size=None, batch_format="numpy"):
        for doc, signature, band_keys, doc_grams in zip(batch["doc"], batch["signature"], batch["bands"],
                                                        batch["grams"], strict=True):
            signatures[doc], bands[doc], grams[doc] = signature, band_keys, np.asarray(doc_grams, dtype=np.uint64)
    gram_docs = np.repeat(np.arange(count, dtype=np.int64), [len(g) for g in grams])
    return Sketches(signatures, bands, np.concatenate([np.empty(0, dtype=np.uint64), *grams]), gram_docs,
                    [None] * count)


def _signatures(sketches: Any, settings: ReuseSettings) -> np.ndarray:
    """The MinHash signatures, one row per document, in document order."""
    out = np.empty((sketches.count(), settings.permutations), dtype=np.uint32)
    for batch in sketches.iter_batches(batch_size=None, batch_format="numpy"):
        if len(batch["doc"]):
            out[batch["doc"]] = np.stack(list(batch["signature"]))
    return out


# --------------------------------------------------------------------------- verification


class _Verifier:
    """A Ray actor aligning pairs of documents with the local index's verification; the
    corpus holds the texts of the documents (by number) and the common 5-grams."""

    def __init__(self, corpus: list[Any], settings: ReuseSettings) -> None:
        import ray

        self.corpus: dict[str, Any] = ray.get(corpus[0])
        self.texts: Mapping[int, str] | Sequence[str] = self.corpus["texts"]
        self.common: np.ndarray = self.corpus["common"]
        self.settings = settings

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, Any]:
        kept = self._kept(batch, np.stack([batch["a"], batch["b"]], axis=1).astype(np.int64))
        evidence: dict[int, TextEvidence] = {}
        matches = [m for m in (verify_pair(int(a), int(b), self._evidence(int(a), evidence),
                                           self._evidence(int(b), evidence), self.settings) for a, b in kept)
                   if m is not None]
        return {"match": [json.dumps(_match_json(m)) for m in matches]}

    def _kept(self, batch: dict[str, np.ndarray], pairs: np.ndarray) -> np.ndarray:
        """The pairs to align: all of them (the index chose them)."""
        return pairs

    def _evidence(self, doc: int, cache: dict[int, TextEvidence]) -> TextEvidence:
        found = cache.get(doc)
        if found is None:
            s = self.settings
            words = word_hashes(words_of(self.texts[doc])).astype(np.uint64)
            found = cache[doc] = TextEvidence(
                anchors(words, s.align_words),
                boilerplate_mask(words, lambda grams: np.isin(grams, self.common), s),
                word_offsets(self.texts[doc]))
        return found


class _Screener(_Verifier):
    """A :class:`_Verifier` of candidate rows from the group-bys, which keeps first the pairs
    the local index would align (the corpus also holds every document's signature)."""

    def _kept(self, batch: dict[str, np.ndarray], pairs: np.ndarray) -> np.ndarray:
        # as the local index: pairs sharing enough rare 5-grams, and LSH pairs that pass the signature filter
        from_grams = batch["grams"] >= self.settings.min_shared_grams
        from_bands = batch["rows"] > batch["grams"]
        return np.concatenate([pairs[from_grams],
                               likely_pairs(pairs[from_bands & ~from_grams], self.corpus["signatures"],
                                            self.settings)])


def _match_json(match: Match) -> dict[str, Any]:
    return {"a": match.a, "b": match.b, "kind": match.kind, "similarity": match.similarity,
            "coverage_a": match.coverage_a, "coverage_b": match.coverage_b,
            "spans": [[s.a_start, s.a_end, s.b_start, s.b_end, s.words] for s in match.spans]}


def _match(row: dict[str, Any]) -> Match:
    data = json.loads(row["match"])
    return Match(data["a"], data["b"], data["kind"], data["similarity"], data["coverage_a"], data["coverage_b"],
                 tuple(Span(*span) for span in data["spans"]))
