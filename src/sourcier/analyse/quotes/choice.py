"""A scored choice among candidate referents, where hand-ordered rules conflict.

Each candidate carries named features (distance, agreement, whether it spoke last, whether
it is a subject, how salient it is, whether the rules chose it …); the choice is the
candidate with the highest weighted sum. The weights are a logistic regression fitted on the
development set by ``benchmarks/fit_speaker_choice.py`` and kept, with how they were fitted,
in ``analyse/data/speaker_choice.json``: the same input always gives the same choice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sourcier.analyse.quotes.referents import Referent


@dataclass(slots=True)
class Candidate:
    """A referent a mention may stand for, and what speaks for it."""

    referent: Referent
    features: dict[str, float]


@lru_cache(maxsize=None)
def weights(task: str = "pronoun") -> dict[str, float] | None:
    """The fitted weights of ``task`` (feature → weight), or None where none were fitted."""
    data = json.loads(resources.files("sourcier.analyse").joinpath("data/speaker_choice.json").read_text("utf-8"))
    model = data.get("models", {}).get(task)
    return dict(model["weights"]) if model else None


def score(candidate: Candidate, task: str = "pronoun") -> float:
    learnt = weights(task) or {}
    return sum(learnt.get(name, 0.0) * value for name, value in candidate.features.items())


def pick(candidates: list[Candidate], task: str = "pronoun") -> Candidate | None:
    """The best-scored candidate (the first listed among equals), or None without weights."""
    if not candidates or weights(task) is None:
        return None
    return max(candidates, key=lambda c: score(c, task))  # max keeps the first of equal scores
