"""The ingest tests' fake analyser, in a Ray actor that kills its own process the first time
it is called (a segfault, an out-of-memory kill): ``$SOURCIER_TEST_DIE_ONCE`` names the file
that says it already died once."""

from __future__ import annotations

import os
from pathlib import Path

import store_fake_analyzer as fake


def analyze_many(docs, **kw):
    marker = Path(os.environ["SOURCIER_TEST_DIE_ONCE"])
    if not marker.exists():
        marker.write_text(str(os.getpid()), encoding="utf-8")
        os._exit(9)
    return fake.analyze_many(docs, **kw)
