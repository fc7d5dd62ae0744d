"""The verdicts of a review, in SQLite beside its plan.

Write-ahead logging lets the server write while reports read; each verdict is committed on its
own with ``synchronous=FULL``, so a verdict acknowledged to a browser survives the server being
killed (and the machine losing power). The key (reviewer, position in their plan) makes a second
submission of the same form a no-op: a double click stores one verdict.
"""

import sqlite3
from pathlib import Path

from harness.errors import PlumeError
from harness.review._verdict import Verdict

STORE_FILE = "verdicts.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    reviewer TEXT NOT NULL,
    position INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    PRIMARY KEY (reviewer, position)
)
"""


class VerdictStore:
    """The verdicts table over one connection (the server opens one per request)."""

    def __init__(self, review_dir: Path) -> None:
        self.path = review_dir / STORE_FILE
        try:
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(_SCHEMA)
        except sqlite3.Error as error:
            raise PlumeError(f"cannot open {self.path}: {error}") from None

    def add(self, position: int, verdict: Verdict) -> bool:
        """Store the verdict on the reviewer's comparison ``position`` (from 0), committed before
        this returns; ``False`` when one was already stored there (kept unchanged)."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO verdicts (reviewer, position, verdict) VALUES (?, ?, ?)",
            (verdict.reviewer, position, verdict.model_dump_json()),
        )
        return cursor.rowcount == 1

    def positions(self, reviewer: str) -> set[int]:
        """The positions the reviewer has given a verdict on."""
        rows = self._db.execute("SELECT position FROM verdicts WHERE reviewer = ?", (reviewer,))
        return {position for (position,) in rows}

    def all(self) -> list[Verdict]:
        """Every verdict, by reviewer and position."""
        rows = self._db.execute("SELECT verdict FROM verdicts ORDER BY reviewer, position")
        return [Verdict.model_validate_json(text) for (text,) in rows]

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> "VerdictStore":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def read_verdicts(review_dir: Path) -> list[Verdict]:
    """Every verdict of the review in ``review_dir``."""
    with VerdictStore(review_dir) as store:
        return store.all()
