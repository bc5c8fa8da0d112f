"""The fuzz suite: readers and analysis given generated hostile input (hypothesis).

Bounded for ``make test`` (a few hundred examples, about a minute on two cores);
``benchmarks/fuzz.py`` runs the same properties with many more examples. The builders
of hostile WARC records and pages are shared with ``tests/ingest``.
"""

from __future__ import annotations

import sys
from pathlib import Path

for helpers in ("ingest", "store"):  # hostile_builders, store_fake_analyzer
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / helpers))
