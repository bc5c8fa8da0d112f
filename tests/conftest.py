"""Shared fixtures. The spaCy pipeline is built once per test session (``get_nlp`` caches it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO_CORPUS = ROOT / "demo" / "corpus"
# Real data shared by the project's developers; absent from a user's clone, so tests skip.
SHARED = Path(os.environ.get("SOURCIER_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "seed-mali-russie.txt"
EVAL_DEV = SHARED / "eval" / "dev"
# The check set: scored, never tuned on.
EVAL_DEV2 = SHARED / "eval" / "dev2"


def load_reference_scorer(filename: str):
    """A reference scorer from ``../shared/eval`` as a module; the test skips when it is absent."""
    import importlib.util

    path = SHARED / "eval" / filename
    if not path.exists():
        pytest.skip(f"the reference scorer (../shared/eval/{filename}) is not available")
    spec = importlib.util.spec_from_file_location(f"reference_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def nlp():
    from sourcier.analyse.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not available")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """User overlays (outlet imports) go to a throwaway SOURCIER_HOME, never the real one."""
    monkeypatch.setenv("SOURCIER_HOME", str(tmp_path_factory.mktemp("sourcier-home")))
