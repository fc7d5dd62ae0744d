"""Plume's asynchronous model layer behind a synchronous call, for DSPy's worker threads."""

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import aiohttp

from harness.errors import UsageError
from harness.models import (
    ChatMessage,
    Completion,
    CompletionCache,
    Model,
    ModelCallError,
    ModelSpec,
)

T = TypeVar("T")


class ModelBridge:
    """One model, called from any thread; the calls run on one event loop of its own.

    Everything ``plume run`` puts in front of a model stays in front of it: the personal-data guard,
    the completion cache, the concurrency limit, the rate limits and the retry loop. DSPy's threads
    only wait for the answer.
    """

    def __init__(
        self, spec: ModelSpec, *, base_url: str | None = None, cache: CompletionCache | None = None
    ) -> None:
        self.spec = spec
        self._base_url = base_url
        self._cache = cache
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name=f"plume-model-{spec.name}", daemon=True
        )
        self._thread.start()
        self._session: aiohttp.ClientSession = self._run(self._open())
        self._models: dict[tuple[float, int], Model] = {}
        self._guard = threading.Lock()
        self.served_id = spec.model
        """The id the endpoint serves under the requested name (resolved by ``resolve``)."""
        self.on_call: Callable[[], None] | None = None
        """Called after each generation, successful or not (progress displays count them)."""

    async def _open(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _model(self, temperature: float, max_tokens: int) -> Model:
        """The model with these sampling parameters; each variant is cached under its own key."""
        key = (temperature, max_tokens)
        with self._guard:
            if key not in self._models:
                params = self.spec.params.model_copy(
                    update={"temperature": temperature, "max_tokens": max_tokens}
                )
                model = Model(
                    self.spec.model_copy(update={"params": params}),
                    self._session,
                    base_url=self._base_url,
                    served_id=self.served_id,
                    cache=self._cache,
                )
                self._models[key] = model
            return self._models[key]

    def resolve(self) -> str:
        """Ask the endpoint what it serves under the requested name; fail before any generation."""
        if self.spec.provider == "anthropic":
            return self.served_id
        model = self._model(self.spec.params.temperature, self.spec.params.max_tokens)
        try:
            listed = self._run(model.served())
        except ModelCallError as error:
            raise UsageError(f"model {self.spec.name!r}: {error}") from None
        match = next((m for m in listed if self.spec.model in (m.id, *m.aliases)), None)
        if match is None:
            names = ", ".join(sorted(m.id for m in listed)) or "nothing"
            raise UsageError(
                f"model {self.spec.name!r}: {model.base_url} does not serve {self.spec.model!r}; "
                f"it serves {names}"
            )
        self.served_id = match.id
        with self._guard:
            for variant in self._models.values():
                variant.served_id = match.id
        return match.id

    def generate(
        self,
        prompt: list[ChatMessage] | str,
        *,
        temperature: float | None = None,
        max_tokens: int | None = None,
        sample_index: int = 0,
    ) -> Completion:
        """Generate through Plume's model layer; ``ModelCallError`` when the call fails for good."""
        model = self._model(
            self.spec.params.temperature if temperature is None else temperature,
            self.spec.params.max_tokens if max_tokens is None else max_tokens,
        )
        try:
            return self._run(model.generate(prompt, sample_index=sample_index))
        finally:
            if self.on_call is not None:
                self.on_call()

    def close(self) -> None:
        """Close the HTTP session and stop the loop's thread."""
        if not self._loop.is_running():
            return
        self._run(self._session.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> "ModelBridge":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
