"""The completion cache: SQLite, keyed on what determines a completion and nothing else.

The key covers the provider, the model id the endpoint resolved, the exact prompt and the sampling
parameters; at temperature > 0 also the sample index, so repeated samples stay distinct. Keys, base
URLs and timeouts are left out: they change where and how a call is made, not what it returns.

A completion can also be found by its *recipe*: a hash of everything its prompt was rendered
from (see ``harness.runner``), linked to the prompt's key when the prompt is first sent. A re-run
then finds its completions without selecting examples or rendering a single template.
"""

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any, NamedTuple

from harness.errors import PlumeError
from harness.models._types import Completion

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS completions (key TEXT PRIMARY KEY, completion TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS recipes"
    " (recipe TEXT PRIMARY KEY, key TEXT NOT NULL, prompt_sha256 TEXT NOT NULL)",
)
# SQLite's default limit on host parameters is 999 before 3.32; stay under it.
_BATCH = 900


class Recalled(NamedTuple):
    """A completion found by its recipe."""

    prompt_sha256: str
    """Hash of the prompt it was generated from."""
    completion: Completion
    """The completion, marked ``cached``."""


class RequestKeys:
    """The cache keys of one model's requests; what is fixed per model is serialised once."""

    def __init__(self, provider: str, served_model: str, params: dict[str, Any]) -> None:
        self.served_model = served_model
        self._sampled = (params.get("temperature") or 0.0) > 0
        fixed = {"provider": provider, "model": served_model, "params": params}
        self._fixed = json.dumps(fixed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def _key(self, kind: str, value: str, sample_index: int) -> str:
        sample = sample_index if self._sampled else 0
        return hashlib.sha256(f"{self._fixed}\0{kind}\0{value}\0{sample}".encode()).hexdigest()

    def prompt(self, prompt_sha256: str, sample_index: int = 0) -> str:
        """The key of a request by its prompt's hash (``payload_sha256``)."""
        return self._key("prompt", prompt_sha256, sample_index)

    def recipe(self, recipe: str, sample_index: int = 0) -> str:
        """The key of a request by its prompt's recipe: what the prompt is built from."""
        return self._key("recipe", recipe, sample_index)


class CompletionCache:
    """Completions on disk, shared by every run that uses the same cache directory.

    Writes are gathered and committed together, every ``batch`` completions or ``delay_s``
    seconds and on ``close``: a commit per completion cost more than the rest of a call's
    bookkeeping. A killed run may leave its last second of completions out of the cache; its
    results are in ``samples.jsonl`` all the same, and ``--resume`` does not need the cache.
    """

    def __init__(self, path: Path, *, batch: int = 64, delay_s: float = 1.0) -> None:
        self.path = path
        self._batch = batch
        self._delay_s = delay_s
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            for statement in _SCHEMA:
                self._db.execute(statement)
        except (OSError, sqlite3.Error) as error:
            raise PlumeError(
                f"cannot open the completion cache {path}: {error}; use --no-cache"
            ) from None
        self._lock = threading.Lock()
        self._completions: dict[str, str] = {}
        """Written but not yet committed: key → completion JSON."""
        self._links: list[tuple[str, str, str]] = []
        self._oldest = 0.0

    def get(self, key: str) -> Completion | None:
        """The cached completion for ``key``, marked ``cached``, or ``None``."""
        with self._lock:
            text = self._completions.get(key)
            if text is None:
                row = self._db.execute(
                    "SELECT completion FROM completions WHERE key = ?", (key,)
                ).fetchone()
                text = None if row is None else row[0]
        return None if text is None else _cached(text)

    def recall(self, recipes: Collection[str]) -> dict[str, Recalled]:
        """The completions linked to these recipe keys (those found), by recipe key."""
        self.flush()
        found: dict[str, Recalled] = {}
        wanted = list(recipes)
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            with self._lock:
                rows = self._db.execute(
                    "SELECT r.recipe, r.prompt_sha256, c.completion FROM recipes r"
                    f" JOIN completions c ON c.key = r.key WHERE r.recipe IN ({marks})",
                    batch,
                ).fetchall()
            for recipe, prompt_sha256, completion in rows:
                found[recipe] = Recalled(prompt_sha256, _cached(completion))
        return found

    def put(self, key: str, completion: Completion, *, link: tuple[str, str] | None = None) -> None:
        """Store a successful completion, and with ``link`` (recipe key, prompt hash) its recipe."""
        with self._lock:
            if not self._completions and not self._links:
                self._oldest = time.monotonic()
            self._completions[key] = completion.model_dump_json()
            if link is not None:
                self._links.append((link[0], key, link[1]))
        self._maybe_flush()

    def link(self, key: str, link: tuple[str, str]) -> None:
        """Link a recipe key (and its prompt's hash) to the completion stored under ``key``."""
        with self._lock:
            if not self._completions and not self._links:
                self._oldest = time.monotonic()
            self._links.append((link[0], key, link[1]))
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        waiting = len(self._completions) + len(self._links)
        if waiting >= self._batch or time.monotonic() - self._oldest >= self._delay_s:
            self.flush()

    def flush(self) -> None:
        """Commit what was written; a cache that cannot be written is skipped, not fatal."""
        with self._lock:
            completions, links = list(self._completions.items()), self._links
            self._completions, self._links = {}, []
            if not completions and not links:
                return
            try:
                self._db.execute("BEGIN")
                try:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO completions (key, completion) VALUES (?, ?)",
                        completions,
                    )
                    self._db.executemany(
                        "INSERT OR REPLACE INTO recipes (recipe, key, prompt_sha256)"
                        " VALUES (?, ?, ?)",
                        links,
                    )
                except sqlite3.Error:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.Error:
                return

    def __len__(self) -> int:
        self.flush()
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM completions").fetchone()[0])

    def close(self) -> None:
        """Commit what is left, then close the database."""
        self.flush()
        self._db.close()


def _cached(text: str) -> Completion:
    completion = Completion.model_validate_json(text)
    completion.cached = True
    return completion
