"""Reprints and text reuse across articles: MinHash LSH, rare n-grams, local alignment.

Two kinds of candidate pairs, then one verification:

* **Near-duplicates** (a dispatch relayed whole, trimmed, rewrapped or lightly edited) come
  from MinHash LSH over *content-word* 2-grams (words of 4+ letters, so that "de la" or
  "il a" never make two unrelated articles collide). Bands of 2 rows find pairs whose
  shingle Jaccard is ≥ 0.3 with probability ≥ 0.95, and LSH buckets have no size limit: a
  wire story carried by 300 outlets is still one cluster.
* **Partial reuse** (a paragraph or quote block inside a rewritten article) comes from
  rare word 5-grams, in the spirit of passim: a fixed hash-chosen quarter of all 5-grams is
  indexed, those carried by more than ``max_gram_docs`` articles are dropped (phrases of the
  trade, boilerplate), and pairs sharing at least ``min_shared_grams`` of them are kept.

Every candidate pair is then **aligned** (word 3-grams found once in each text, chained
along both texts with gaps of a few words), which gives the reused spans as code-point
offsets in both texts and each text's share covered by them. A pair is a *reprint* when
one text is covered for at least ``min_similarity`` (so a trimmed copy counts), and
*partial reuse* when it is not but some aligned span has at least ``min_span_words`` words.

The index is incremental: :meth:`ReuseIndex.add` matches a batch of new texts against the
texts already indexed (and against each other) without recomputing anything old.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ReuseSettings:
    """Knobs of the detector; the defaults are tuned on the benchmarks in ``benchmarks/reprints.py``."""

    #: A pair is a reprint when its aligned spans cover this share of one of the two texts.
    min_similarity: float = 0.5
    #: ...and covers at least this share of the other: a short note quoted inside a long
    #: article is partial reuse, not a reprint (and would chain unrelated articles together).
    min_other_coverage: float = 0.2
    #: Shortest aligned span (in words) reported as partial reuse.
    min_span_words: int = 15
    permutations: int = 64
    rows_per_band: int = 2
    #: Shortest content word (letters) kept in MinHash shingles.
    min_content_letters: int = 4
    gram_words: int = 5
    #: One 5-gram in ``gram_sampling`` is indexed (chosen by hash, so the same in every text).
    gram_sampling: int = 4
    #: 5-grams found in more articles than this are phrases of the trade, not reuse evidence.
    max_gram_docs: int = 30
    min_shared_grams: int = 3
    #: LSH candidates whose estimated Jaccard is below this are not aligned.
    min_estimated_jaccard: float = 0.08
    #: Largest LSH bucket turned into all its pairs; bigger ones are chained member to member.
    max_bucket_pairs: int = 40
    align_words: int = 3
    #: Shortest run of aligned words counted in the coverage (shorter ones are chance).
    min_chain_words: int = 8
    #: Most words skipped between two aligned 3-grams of one span, in either text.
    max_gap_words: int = 12


@dataclass(frozen=True)
class Span:
    """One reused passage: ``a_text[a_start:a_end]`` was reused as ``b_text[b_start:b_end]``."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int


@dataclass(frozen=True)
class Match:
    """Two texts (by their index in :class:`ReuseIndex`) that share text."""

    a: int
    b: int
    kind: str  # "reprint" or "partial"
    similarity: float  # the larger of the two coverages
    coverage_a: float
    coverage_b: float
    spans: tuple[Span, ...]


def _word_hash(word: str) -> int:
    """A hash stable across runs and processes (Python's ``hash`` of a str is salted); 32 bits
    tell words apart well enough, n-gram hashes mix them into 64 bits."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=4).digest(), "little")


class _HashCache(dict[str, int]):
    def __missing__(self, word: str) -> int:
        value = self[word] = _word_hash(word)
        return value


_HASHES = _HashCache()
#: Words whose hash is remembered; past this the cache is emptied (memory stays bounded).
_HASH_CACHE_WORDS = 2_000_000


def words_of(text: str) -> list[str]:
    """The text's words, lowercased, in order (the units of every comparison here)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lowercase is longer ("İ"): word by word
        return [w.lower() for w in _WORD.findall(text)]
    return _WORD.findall(lowered)


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """The words' 32-bit hashes (what the index keeps of a text: 4 bytes a word)."""
    if len(_HASHES) > _HASH_CACHE_WORDS:
        _HASHES.clear()
    return np.fromiter(map(_HASHES.__getitem__, words), dtype=np.uint32, count=len(words))


def word_offsets(text: str) -> np.ndarray:
    """(start, end) code-point offsets of each word of :func:`words_of`."""
    lowered = text.lower()
    source = lowered if len(lowered) == len(text) else text  # same words, same offsets
    return np.array([m.span() for m in _WORD.finditer(source)], dtype=np.int64).reshape(-1, 2)


_GRAM_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD],
    dtype=np.uint64,
)


def ngram_hashes(hashes: np.ndarray, n: int) -> np.ndarray:
    """One uint64 per word n-gram (order matters), from the words' hashes."""
    count = len(hashes) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    hashes = hashes.astype(np.uint64, copy=False)
    out = np.zeros(count, dtype=np.uint64)
    for k in range(n):
        out ^= hashes[k : k + count] * _GRAM_MULTIPLIERS[k]
        out = (out << np.uint64(7)) | (out >> np.uint64(57))
    return out


# --------------------------------------------------------------------------- sketches


@dataclass
class Sketches:
    """What the index keeps of a batch of texts."""

    signatures: np.ndarray  # uint32[texts, permutations]; 0xFFFFFFFF where a text has no shingle
    band_keys: np.ndarray  # uint64[texts, bands]
    grams: np.ndarray  # sampled 5-gram hashes, unique within each text
    gram_docs: np.ndarray  # the text (index in the batch) of each gram
    #: uint32 hash of each word of each text, kept for the alignment; None when the sketch was
    #: read back from storage (the index hashes the text's words again when it needs them).
    words: list[np.ndarray | None]

    def records(self) -> list[tuple[bytes, bytes]]:
        """Each text's signature and sampled 5-grams as bytes: what a store keeps of it."""
        bounds = np.searchsorted(self.gram_docs, np.arange(len(self.signatures) + 1))
        return [(self.signatures[i].tobytes(), self.grams[bounds[i] : bounds[i + 1]].tobytes())
                for i in range(len(self.signatures))]

    @classmethod
    def from_records(cls, records: Sequence[tuple[bytes, bytes]], settings: ReuseSettings) -> Sketches:
        """The sketches of texts from their :meth:`records` (the same settings)."""
        signatures = np.array([np.frombuffer(sig, dtype=np.uint32) for sig, _ in records],
                              dtype=np.uint32).reshape(len(records), settings.permutations)
        grams = [np.frombuffer(g, dtype=np.uint64) for _, g in records]
        gram_docs = np.repeat(np.arange(len(records), dtype=np.int64), [len(g) for g in grams])
        return cls(signatures, _Sketcher(settings).bands(signatures),
                   np.concatenate([np.empty(0, dtype=np.uint64), *grams]), gram_docs, [None] * len(records))


def _ngrams_within(hashes: np.ndarray, docs: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """N-gram hashes over several texts laid end to end, without n-grams that straddle two."""
    grams = ngram_hashes(hashes, n)
    first, last = docs[: len(grams)], docs[n - 1 : n - 1 + len(grams)]
    same = first == last
    return grams[same], first[same]


def _unique_per_doc(values: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (doc, value) pairs, sorted by doc then value."""
    order = np.lexsort((values, docs))
    values, docs = values[order], docs[order]
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = (values[1:] != values[:-1]) | (docs[1:] != docs[:-1])
    return values[keep], docs[keep]


class _Sketcher:
    def __init__(self, settings: ReuseSettings) -> None:
        self.settings = settings
        rng = np.random.default_rng(20240312)
        k = settings.permutations
        self.xors = rng.integers(0, 2**63, size=k, dtype=np.uint64)
        self.mults = rng.integers(0, 2**63, size=k, dtype=np.uint64) | np.uint64(1)
        self.band_weights = rng.integers(0, 2**63, size=settings.rows_per_band, dtype=np.uint64) | np.uint64(1)

    def sketch(self, texts: Sequence[str]) -> Sketches:
        """Sketch a batch at once: numpy works on all its texts laid end to end."""
        s = self.settings
        words = [words_of(t) for t in texts]
        hashes = [word_hashes(w) for w in words]
        everything = np.concatenate([np.empty(0, dtype=np.uint64), *hashes])
        docs = np.repeat(np.arange(len(texts), dtype=np.int64), [len(w) for w in words])
        lengths = np.fromiter(map(len, itertools.chain.from_iterable(words)), dtype=np.int64, count=len(everything))
        content = lengths >= s.min_content_letters
        shingles, shingle_docs = _unique_per_doc(*_ngrams_within(everything[content], docs[content], 2))
        signatures = self._minhash(shingles, shingle_docs, len(texts))
        grams, gram_docs = _ngrams_within(everything, docs, s.gram_words)
        sampled = grams % np.uint64(s.gram_sampling) == 0
        grams, gram_docs = _unique_per_doc(grams[sampled], gram_docs[sampled])
        return Sketches(signatures, self.bands(signatures), grams, gram_docs, list(hashes))

    def sketch_in_chunks(self, texts: Sequence[str], chunk: int = 2000) -> Sketches:
        """:meth:`sketch` a few thousand texts at a time, so that memory stays small."""
        parts = [self.sketch(texts[i : i + chunk]) for i in range(0, len(texts), chunk)]
        offsets = np.cumsum([0] + [len(p.words) for p in parts[:-1]])
        return Sketches(
            np.concatenate([p.signatures for p in parts]),
            np.concatenate([p.band_keys for p in parts]),
            np.concatenate([p.grams for p in parts]),
            np.concatenate([p.gram_docs + offset for p, offset in zip(parts, offsets, strict=True)]),
            [w for p in parts for w in p.words],
        )

    def _minhash(self, shingles: np.ndarray, docs: np.ndarray, count: int) -> np.ndarray:
        signatures = np.full((count, self.settings.permutations), 0xFFFFFFFF, dtype=np.uint32)
        if len(shingles) == 0:
            return signatures
        starts = np.flatnonzero(np.concatenate([[True], docs[1:] != docs[:-1]]))
        for p, (xor, mult) in enumerate(zip(self.xors, self.mults, strict=True)):
            permuted = ((shingles ^ xor) * mult) >> np.uint64(32)
            signatures[docs[starts], p] = np.minimum.reduceat(permuted, starts)
        return signatures

    def bands(self, signatures: np.ndarray) -> np.ndarray:
        """LSH band keys of MinHash signatures."""
        r = self.settings.rows_per_band
        rows = signatures.astype(np.uint64).reshape(len(signatures), -1, r)
        keys = (rows * self.band_weights).sum(axis=2)
        band_ids = np.arange(keys.shape[1], dtype=np.uint64)
        return keys ^ (band_ids * np.uint64(0x9E3779B97F4A7C15))


def sketch(texts: Sequence[str], settings: ReuseSettings) -> Sketches:
    """MinHash signatures, LSH band keys and sampled 5-grams of ``texts``: each text's own,
    whatever batch it is sketched in (what a distributed index groups by)."""
    return _Sketcher(settings).sketch_in_chunks(texts)


# --------------------------------------------------------------------------- candidate pairs


class _Postings:
    """A (key, document) table sorted by key then document, that grows by batches of
    documents numbered after all those already in it (12 bytes a posting)."""

    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=np.uint64)
        self.docs = np.empty(0, dtype=np.int32)

    def extend(self, keys: np.ndarray, docs: np.ndarray) -> None:
        """Merge a batch in, without sorting the table again: each new posting goes after
        the old ones of its key (its document is numbered after theirs)."""
        new = np.lexsort((docs, keys))
        keys, docs = keys[new], docs[new].astype(np.int32)
        at = np.searchsorted(self.keys, keys, side="right")
        self.keys, self.docs = np.insert(self.keys, at, keys), np.insert(self.docs, at, docs)

    def sharing(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The postings whose key is one of ``keys``, found by bisection in the sorted table."""
        wanted = np.unique(keys)
        left = np.searchsorted(self.keys, wanted, side="left")
        counts = np.searchsorted(self.keys, wanted, side="right") - left
        starts = np.repeat(left - np.cumsum(counts) + counts, counts)
        rows = starts + np.arange(counts.sum())
        return self.keys[rows], self.docs[rows]

    def doc_counts(self, keys: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.keys, keys, side="right") - np.searchsorted(self.keys, keys, side="left")


def pairs_sharing_a_key(keys: np.ndarray, docs: np.ndarray, max_group: int) -> np.ndarray:
    """(a, b) pairs, a < b, of documents sharing a key; groups over ``max_group`` are chained."""
    if len(keys) < 2:
        return np.empty((0, 2), dtype=np.int64)
    order = np.lexsort((docs, keys))
    keys, docs = keys[order], docs[order]
    bounds = np.flatnonzero(np.diff(keys)) + 1
    starts = np.concatenate([[0], bounds])
    sizes = np.diff(np.concatenate([starts, [len(keys)]]))
    pairs = [np.empty((0, 2), dtype=np.int64)]
    chained = np.zeros(len(keys), dtype=bool)
    for size in np.unique(sizes[sizes > 1]):
        group_starts = starts[sizes == size]
        if size > max_group:
            chained[(group_starts[:, None] + np.arange(size - 1)[None, :]).ravel()] = True
            continue
        i, j = np.triu_indices(size, k=1)
        pairs.append(np.stack([docs[group_starts[:, None] + i].ravel(), docs[group_starts[:, None] + j].ravel()], 1))
    idx = np.flatnonzero(chained)
    pairs.append(np.stack([docs[idx], docs[idx + 1]], axis=1))
    out = np.concatenate(pairs)
    out = out[out[:, 0] != out[:, 1]]
    return np.sort(out, axis=1)


def likely_pairs(pairs: np.ndarray, signatures: np.ndarray, settings: ReuseSettings) -> np.ndarray:
    """The LSH candidates whose MinHash signatures (indexed by document) agree on at least
    ``min_estimated_jaccard`` of their rows: the others are not worth aligning."""
    a, b = signatures[pairs[:, 0]], signatures[pairs[:, 1]]
    estimated = (a == b).mean(axis=1) if len(pairs) else np.empty(0)
    return pairs[estimated >= settings.min_estimated_jaccard]


def _with_old(postings: _Postings, keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """New (key, document) postings plus the old ones that share one of their keys."""
    old_keys, old_docs = postings.sharing(keys)
    return np.concatenate([old_keys, keys]), np.concatenate([old_docs, docs])


def _unique_pairs(pairs: np.ndarray, counts_at_least: int = 1) -> np.ndarray:
    if len(pairs) == 0:
        return pairs
    codes = pairs[:, 0] * (1 << 32) + pairs[:, 1]
    values, counts = np.unique(codes, return_counts=True)
    values = values[counts >= counts_at_least]
    return np.stack([values >> 32, values & 0xFFFFFFFF], axis=1)


# --------------------------------------------------------------------------- alignment


def anchors(hashes: np.ndarray, n: int) -> dict[int, int]:
    """Position of each word n-gram that occurs exactly once in a text: the alignment's anchors."""
    grams = ngram_hashes(hashes, n)
    values, first, counts = np.unique(grams, return_index=True, return_counts=True)
    keep = counts == 1
    return dict(zip(values[keep].tolist(), first[keep].tolist(), strict=True))


def _chains(matches: list[tuple[int, int]], max_gap: int) -> list[list[tuple[int, int]]]:
    """Group (i, j) anchor pairs, sorted by i, into runs that advance in both texts."""
    open_chains: list[list[tuple[int, int]]] = []
    done: list[list[tuple[int, int]]] = []
    for i, j in matches:
        still_open = []
        for chain in open_chains:
            (done if i - chain[-1][0] > max_gap else still_open).append(chain)
        open_chains = still_open
        best = None
        for chain in open_chains:
            li, lj = chain[-1]
            if 0 < j - lj <= max_gap and i > li:
                skew = abs((j - lj) - (i - li))
                if best is None or skew < best[0]:
                    best = (skew, chain)
        if best is None:
            open_chains.append([(i, j)])
        else:
            best[1].append((i, j))
    return done + open_chains


def _coverage(intervals: Iterable[tuple[int, int]], length: int, ignored: np.ndarray | None = None) -> float:
    """Share of a text's words inside ``intervals``, not counting ``ignored`` words (its
    boilerplate) unless nearly the whole text is ignored."""
    covered = np.zeros(length, dtype=bool)
    for start, stop in intervals:
        covered[start:stop] = True
    if ignored is not None and length - ignored.sum() >= _MIN_OWN_WORDS:
        return float((covered & ~ignored).sum() / (length - ignored.sum()))
    return float(covered.sum() / max(length, 1))


#: A text with fewer words than this outside its boilerplate is judged on all its words.
_MIN_OWN_WORDS = 30


@dataclass(frozen=True)
class WordSpan:
    """An aligned passage in word indices: words ``[a_start, a_end)`` of a, ``[b_start, b_end)`` of b."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    @property
    def words(self) -> int:
        return min(self.a_end - self.a_start, self.b_end - self.b_start)


def align_anchors(a_pos: dict[int, int], b_pos: dict[int, int], settings: ReuseSettings) -> list[WordSpan]:
    """Reused passages of two texts, from the positions of their anchors (:func:`anchors`)."""
    n = settings.align_words
    if len(a_pos) > len(b_pos):
        matches = sorted((a_pos[g], j) for g, j in b_pos.items() if g in a_pos)
    else:
        matches = sorted((i, b_pos[g]) for g, i in a_pos.items() if g in b_pos)
    spans = []
    for chain in _chains(matches, settings.max_gap_words):
        (i0, j0), (i1, j1) = chain[0], chain[-1]
        span = WordSpan(i0, i1 + n, j0, j1 + n)
        if len(chain) >= 2 and span.words >= settings.min_chain_words:
            spans.append(span)
    return sorted(spans, key=lambda s: s.a_start)


def boilerplate_mask(words: np.ndarray, is_common: Callable[[np.ndarray], np.ndarray],
                     settings: ReuseSettings) -> np.ndarray:
    """Which of a text's words (their hashes) lie inside sampled 5-grams that ``is_common``
    says more than ``max_gram_docs`` texts carry: a poll's methodology note, a newsletter
    pitch, a standard update paragraph."""
    s = settings
    grams = ngram_hashes(words, s.gram_words)
    positions = np.flatnonzero(grams % np.uint64(s.gram_sampling) == 0)
    common = positions[is_common(grams[positions])]
    mask = np.zeros(len(words), dtype=bool)
    for p in common:  # a sampled 5-gram every few words: bridge the gaps between them
        mask[max(p - s.gram_sampling, 0) : p + s.gram_words + s.gram_sampling] = True
    return mask


@dataclass(frozen=True)
class TextEvidence:
    """What the verification reads of one text."""

    anchors: dict[int, int]  # see :func:`anchors`
    boilerplate: np.ndarray  # one bool a word: see :func:`boilerplate_mask`
    offsets: np.ndarray  # (start, end) of each word: see :func:`word_offsets`


def verify_pair(a: int, b: int, a_text: TextEvidence, b_text: TextEvidence, settings: ReuseSettings) -> Match | None:
    """The match of candidate texts ``a`` and ``b`` (reprint, partial reuse), or None when
    their alignment shows neither."""
    s = settings
    spans = align_anchors(a_text.anchors, b_text.anchors, s)
    # Rounded before the rule is applied, so that a stored match is judged again the same way.
    cover_a = round(_coverage(((w.a_start, w.a_end) for w in spans), len(a_text.boilerplate), a_text.boilerplate), 4)
    cover_b = round(_coverage(((w.b_start, w.b_end) for w in spans), len(b_text.boilerplate), b_text.boilerplate), 4)
    a_off, b_off = a_text.offsets, b_text.offsets
    in_chars = tuple(Span(int(a_off[w.a_start, 0]), int(a_off[w.a_end - 1, 1]), int(b_off[w.b_start, 0]),
                          int(b_off[w.b_end - 1, 1]), w.words) for w in spans)
    return judge(Match(a, b, "", max(cover_a, cover_b), cover_a, cover_b, in_chars), s)


def judge(match: Match, settings: ReuseSettings) -> Match | None:
    """The match as ``settings`` rule it from its coverages and spans: a reprint, partial
    reuse (only its spans of ``min_span_words`` or more), or None. A match judged under a
    lower ``min_similarity`` keeps all it needs to be judged again under a higher one."""
    s = settings
    if match.similarity >= s.min_similarity and min(match.coverage_a, match.coverage_b) >= s.min_other_coverage:
        return replace(match, kind="reprint")
    long_spans = tuple(span for span in match.spans if span.words >= s.min_span_words)
    return replace(match, kind="partial", spans=long_spans) if long_spans else None


# --------------------------------------------------------------------------- the index


class _LRU(dict[int, object]):
    """A small cache keyed by document: candidate pairs come sorted, so the same
    document is looked up many times in a row."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: int, value: object) -> object:
        if len(self) >= self.size:
            self.pop(next(iter(self)))
        self[key] = value
        return value


@dataclass
class ReuseIndex:
    """Texts indexed for reuse detection; :meth:`add` returns the matches of each new batch.

    Matches name texts by their position in the index (0 for the first text added). Per
    text, the index keeps its MinHash signature, its words' 32-bit hashes and its text
    compressed (for the spans' offsets): about a third of the text's size in memory.
    """

    settings: ReuseSettings = field(default_factory=ReuseSettings)

    def __post_init__(self) -> None:
        self._texts: list[bytes] = []
        self._sketcher = _Sketcher(self.settings)
        self._signatures = np.empty((0, self.settings.permutations), dtype=np.uint32)
        self._words: list[np.ndarray | None] = []
        self._bands = _Postings()
        self._grams = _Postings()
        self._anchors = _LRU(512)
        self._offsets = _LRU(512)
        self._common = _LRU(512)

    def __len__(self) -> int:
        return len(self._texts)

    def text(self, doc: int) -> str:
        """The text indexed at position ``doc``."""
        return zlib.decompress(self._texts[doc]).decode("utf-8", "surrogatepass")

    def add(self, texts: Iterable[str], sketches: Sketches | None = None) -> list[Match]:
        """Index ``texts`` (sketched here unless their :func:`sketch` is given); return their
        matches with earlier texts and with each other."""
        texts = list(texts)
        if not texts:
            return []
        candidates = self.candidates(texts, sketches or self._sketcher.sketch_in_chunks(texts))
        return [m for m in (self._verify(int(a), int(b)) for a, b in candidates) if m is not None]

    def candidates(self, texts: Sequence[str], sketches: Sketches) -> np.ndarray:
        """Index ``texts`` (at least one, with their :func:`sketch`) and return the pairs of
        positions that :meth:`add` aligns (each with one of them), without aligning them:
        for a verifier elsewhere, which also needs :meth:`common_grams`."""
        new_docs = self._append(texts, sketches)
        band_pairs = self._band_candidates(sketches, new_docs)
        gram_pairs = self._gram_candidates(sketches, new_docs)
        return _unique_pairs(np.concatenate([band_pairs, gram_pairs]))

    def common_grams(self) -> np.ndarray:
        """The sampled 5-grams that more than ``max_gram_docs`` indexed texts carry, sorted:
        what :meth:`add` leaves out of coverage as boilerplate, as the index stands now."""
        keys, counts = np.unique(self._grams.keys, return_counts=True)
        return keys[counts > self.settings.max_gram_docs]

    def restore(self, texts: Sequence[str], sketches: Sketches) -> None:
        """Index texts whose matches are already known (a stored index read back): they
        join the index for the texts added later, and nothing is matched or verified."""
        new_docs = self._append(texts, sketches)
        self._bands.extend(sketches.band_keys.ravel(), np.repeat(new_docs, sketches.band_keys.shape[1]))
        self._grams.extend(sketches.grams, new_docs[sketches.gram_docs])

    def _append(self, texts: Sequence[str], sketches: Sketches) -> np.ndarray:
        first = len(self._texts)
        self._texts.extend(zlib.compress(t.encode("utf-8", "surrogatepass"), 1) for t in texts)
        self._words.extend(sketches.words)
        self._signatures = np.concatenate([self._signatures, sketches.signatures])
        return np.arange(first, first + len(texts), dtype=np.int64)

    def _word_hashes(self, doc: int) -> np.ndarray:
        found = self._words[doc]
        if found is None:  # a restored text: hashed again when a new text meets it
            found = self._words[doc] = word_hashes(words_of(self.text(doc)))
        return found

    def _band_candidates(self, sketches: Sketches, new_docs: np.ndarray) -> np.ndarray:
        keys = sketches.band_keys.ravel()
        docs = np.repeat(new_docs, sketches.band_keys.shape[1])
        pairs = pairs_sharing_a_key(*_with_old(self._bands, keys, docs), self.settings.max_bucket_pairs)
        pairs = pairs[(pairs[:, 1] >= new_docs[0])]
        self._bands.extend(keys, docs)
        return likely_pairs(pairs, self._signatures, self.settings)

    def _gram_candidates(self, sketches: Sketches, new_docs: np.ndarray) -> np.ndarray:
        s = self.settings
        keys, docs = sketches.grams, new_docs[sketches.gram_docs]
        _, inverse, batch_counts = np.unique(keys, return_inverse=True, return_counts=True)
        doc_count = batch_counts[inverse] + self._grams.doc_counts(keys)
        rare = (doc_count >= 2) & (doc_count <= s.max_gram_docs)
        pairs = pairs_sharing_a_key(*_with_old(self._grams, keys[rare], docs[rare]), s.max_gram_docs)
        self._grams.extend(keys, docs)
        return _unique_pairs(pairs[pairs[:, 1] >= new_docs[0]], s.min_shared_grams)

    def _anchor_positions(self, doc: int) -> dict[int, int]:
        found = self._anchors.get(doc)
        if found is None:
            found = self._anchors.remember(doc, anchors(self._word_hashes(doc), self.settings.align_words))
        return found  # type: ignore[return-value]

    def _boilerplate(self, doc: int) -> np.ndarray:
        """Words of ``doc`` inside 5-grams that more than ``max_gram_docs`` texts carry:
        a poll's methodology note, a newsletter pitch, a standard update paragraph."""
        found = self._common.get(doc)
        if found is None:
            s = self.settings
            found = self._common.remember(doc, boilerplate_mask(
                self._word_hashes(doc), lambda grams: self._grams.doc_counts(grams) > s.max_gram_docs, s))
        return found  # type: ignore[return-value]

    def _char_offsets(self, doc: int) -> np.ndarray:
        found = self._offsets.get(doc)
        if found is None:
            found = self._offsets.remember(doc, word_offsets(self.text(doc)))
        return found  # type: ignore[return-value]

    def _verify(self, a: int, b: int) -> Match | None:
        return verify_pair(a, b, self._evidence(a), self._evidence(b), self.settings)

    def _evidence(self, doc: int) -> TextEvidence:
        return TextEvidence(self._anchor_positions(doc), self._boilerplate(doc), self._char_offsets(doc))


def clusters(count: int, matches: Iterable[Match]) -> list[list[int]]:
    """Groups of texts joined by reprint matches (union-find), each sorted, largest first."""
    parent = list(range(count))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in matches:
        if m.kind == "reprint":
            parent[root(m.a)] = root(m.b)
    groups: dict[int, list[int]] = {}
    for x in range(count):
        groups.setdefault(root(x), []).append(x)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))
