"""The completion cache: SQLite, keyed on what determines a completion and nothing else.

The key covers the provider, the model id the endpoint resolved, the exact prompt and the sampling
parameters; at temperature > 0 also the sample index, so repeated samples stay distinct. Keys, base
URLs and timeouts are left out: they change where and how a call is made, not what it returns.
"""

import hashlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from harness.errors import PlumeError
from harness.models._types import Completion

_SCHEMA = "CREATE TABLE IF NOT EXISTS completions (key TEXT PRIMARY KEY, completion TEXT NOT NULL)"


class RequestKeys:
    """The cache keys of one model's requests; what is fixed per model is serialised once."""

    def __init__(self, provider: str, served_model: str, params: dict[str, Any]) -> None:
        self.served_model = served_model
        # No temperature sent means the provider's default, which samples (Anthropic's is 1).
        self._sampled = params.get("temperature", 1.0) > 0
        fixed = {"provider": provider, "model": served_model, "params": params}
        self._fixed = json.dumps(fixed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def prompt(self, prompt_sha256: str, sample_index: int = 0) -> str:
        """The key of a request by its prompt's hash (``payload_sha256``)."""
        sample = sample_index if self._sampled else 0
        # "prompt" stays in the text hashed: the keys of completions already cached stay valid.
        text = f"{self._fixed}\0prompt\0{prompt_sha256}\0{sample}"
        return hashlib.sha256(text.encode()).hexdigest()


class CompletionCache:
    """Completions on disk, shared by every run that uses the same cache directory.

    Each completion is committed as it arrives: in SQLite's WAL mode that takes a few hundredths
    of a millisecond, nothing beside a call, and a killed run keeps every completion it received.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise PlumeError(
                f"cannot open the completion cache {path}: {error}; use --no-cache"
            ) from None
        # One connection, used from the threads of several models (plume tune): one at a time.
        self._lock = threading.Lock()

    def get(self, key: str) -> Completion | None:
        """The cached completion for ``key``, marked ``cached``, or ``None``."""
        with self._lock:
            row = self._db.execute(
                "SELECT completion FROM completions WHERE key = ?", (key,)
            ).fetchone()
        return None if row is None else _cached(row[0])

    def put(self, key: str, completion: Completion) -> None:
        """Store a successful completion; a cache that cannot be written is skipped, not fatal."""
        with self._lock:
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO completions (key, completion) VALUES (?, ?)",
                    (key, completion.model_dump_json()),
                )
            except sqlite3.Error:
                return

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


def _cached(text: str) -> Completion:
    completion = Completion.model_validate_json(text)
    completion.cached = True
    return completion
