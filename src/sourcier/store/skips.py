"""Known skips: inputs ``ingest`` can never store, remembered so that a rerun is clean.

A document that failed for a reason a rerun does not change (see :data:`PERMANENT_CODES`)
is recorded with its origin; the next ``ingest`` skips it without reading it again and
exits 0 when nothing else failed. Other failures (a missing or unreadable file, a
timeout, a bug) are never recorded: they may succeed next time and keep the exit status 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from sourcier.store import schema
from sourcier.store.db import Store, _write_transaction

K = schema.known_skips

#: Binary, empty, too large, not French, malformed, unsupported, too complex: the same
#: bytes give the same error. Not E101 (a file missing now may be there tomorrow), E109
#: (a timeout depends on the machine) or E110 (a bug, to fix rather than to forget).
PERMANENT_CODES = frozenset({"E102", "E103", "E104", "E105", "E106", "E107", "E108"})


@dataclass(frozen=True, slots=True)
class KnownSkip:
    origin: str
    code: str
    reason: str
    message: str
    recorded_at: datetime

    def to_dict(self) -> dict[str, str]:
        return {"origin": self.origin, "code": self.code, "reason": self.reason, "message": self.message,
                "recorded_at": self.recorded_at.isoformat()}


def is_permanent(reason: str) -> bool:
    """Whether a failure's reason ("E105 NotFrench") is one a rerun does not change."""
    return reason.split(" ", 1)[0] in PERMANENT_CODES


def known_skips(store: Store) -> list[KnownSkip]:
    """Every known skip, by origin."""
    with store.connect() as conn:
        rows = conn.execute(sa.select(K).order_by(K.c.origin)).all()
    return [KnownSkip(r.origin, r.code, r.reason, r.message, r.recorded_at) for r in rows]


def known_origins(store: Store) -> set[str]:
    with store.connect() as conn:
        return set(conn.execute(sa.select(K.c.origin)).scalars())


def record(store: Store, failures: Iterable[tuple[str, str, str]]) -> int:
    """Record ``(origin, reason, message)`` failures as known skips (a known origin gets the
    latest reason); returns how many were recorded."""
    now = datetime.now(UTC)
    rows = {origin: (reason, message) for origin, reason, message in failures}
    with _write_transaction(store.engine) as conn:
        if rows:
            conn.execute(sa.delete(K).where(K.c.origin.in_(sorted(rows))))
            conn.execute(sa.insert(K), [
                {"origin": o, "code": r.split(" ", 1)[0], "reason": r, "message": m, "recorded_at": now}
                for o, (r, m) in rows.items()
            ])
    return len(rows)


def forget(store: Store, origins: Iterable[str]) -> None:
    """Drop these origins from the known skips (they were stored, or failed otherwise)."""
    chosen = sorted(set(origins))
    with _write_transaction(store.engine) as conn:
        for i in range(0, len(chosen), 500):
            conn.execute(sa.delete(K).where(K.c.origin.in_(chosen[i : i + 500])))
