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
from collections.abc import Collection
from pathlib import Path
from typing import Any, NamedTuple

from harness.errors import PlumeError
from harness.models._types import ChatMessage, Completion

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


def _key(request: dict[str, Any], params: dict[str, Any], sample_index: int) -> str:
    sampled = (params.get("temperature") or 0.0) > 0
    payload = request | {"params": params, "sample": sample_index if sampled else 0}
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def cache_key(
    provider: str,
    served_model: str,
    prompt: list[ChatMessage] | str,
    params: dict[str, Any],
    sample_index: int = 0,
) -> str:
    """The hash identifying one completion request."""
    rendered = prompt if isinstance(prompt, str) else [m.model_dump() for m in prompt]
    request = {"provider": provider, "model": served_model, "prompt": rendered}
    return _key(request, params, sample_index)


def recipe_key(
    provider: str, served_model: str, recipe: str, params: dict[str, Any], sample_index: int = 0
) -> str:
    """The hash identifying one request by its prompt's recipe instead of the prompt itself."""
    request = {"provider": provider, "model": served_model, "recipe": recipe}
    return _key(request, params, sample_index)


class CompletionCache:
    """Completions on disk, shared by every run that uses the same cache directory."""

    def __init__(self, path: Path) -> None:
        self.path = path
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

    def get(self, key: str) -> Completion | None:
        """The cached completion for ``key``, marked ``cached``, or ``None``."""
        with self._lock:
            row = self._db.execute(
                "SELECT completion FROM completions WHERE key = ?", (key,)
            ).fetchone()
        return None if row is None else _cached(row[0])

    def recall(self, recipes: Collection[str]) -> dict[str, Recalled]:
        """The completions linked to these recipe keys (those found), by recipe key."""
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
        """Store a successful completion, and with ``link`` (recipe key, prompt hash) its recipe.

        A cache that cannot be written is skipped, not fatal: the run records its results anyway.
        """
        try:
            with self._lock:
                self._db.execute("BEGIN")
                try:
                    self._db.execute(
                        "INSERT OR REPLACE INTO completions (key, completion) VALUES (?, ?)",
                        (key, completion.model_dump_json()),
                    )
                    if link is not None:
                        self._link(key, link)
                except sqlite3.Error:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
        except sqlite3.Error:
            return

    def link(self, key: str, link: tuple[str, str]) -> None:
        """Link a recipe key (and its prompt's hash) to the completion stored under ``key``."""
        try:
            with self._lock:
                self._link(key, link)
        except sqlite3.Error:
            return

    def _link(self, key: str, link: tuple[str, str]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO recipes (recipe, key, prompt_sha256) VALUES (?, ?, ?)",
            (link[0], key, link[1]),
        )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM completions").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def _cached(text: str) -> Completion:
    completion = Completion.model_validate_json(text)
    completion.cached = True
    return completion
