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
from harness.models._types import ChatMessage, Completion

_SCHEMA = "CREATE TABLE IF NOT EXISTS completions (key TEXT PRIMARY KEY, completion TEXT NOT NULL)"


def cache_key(
    provider: str,
    served_model: str,
    prompt: list[ChatMessage] | str,
    params: dict[str, Any],
    sample_index: int = 0,
) -> str:
    """The hash identifying one completion request."""
    sampled = (params.get("temperature") or 0.0) > 0
    payload = {
        "provider": provider,
        "model": served_model,
        "prompt": prompt if isinstance(prompt, str) else [m.model_dump() for m in prompt],
        "params": params,
        "sample": sample_index if sampled else 0,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class CompletionCache:
    """Completions on disk, shared by every run that uses the same cache directory."""

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
        self._lock = threading.Lock()

    def get(self, key: str) -> Completion | None:
        """The cached completion for ``key``, marked ``cached``, or ``None``."""
        with self._lock:
            row = self._db.execute(
                "SELECT completion FROM completions WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        completion = Completion.model_validate_json(row[0])
        completion.cached = True
        return completion

    def put(self, key: str, completion: Completion) -> None:
        """Store a successful completion; a cache that cannot be written is skipped, not fatal."""
        try:
            with self._lock:
                self._db.execute(
                    "INSERT OR REPLACE INTO completions (key, completion) VALUES (?, ?)",
                    (key, completion.model_dump_json()),
                )
        except sqlite3.Error:
            return

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM completions").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        self._db.close()
