"""A callable model: one spec, one endpoint, and the limits and retry loop in front of it."""

import asyncio
from functools import lru_cache
from typing import Any

import aiohttp

from harness.models._cache import CompletionCache, RequestKeys
from harness.models._errors import ModelCallError
from harness.models._http import (
    ServedModel,
    anthropic_chat,
    list_served,
    openai_chat,
    openai_completion,
)
from harness.models._limits import TokenBucket
from harness.models._retry import RetryPolicy, call_with_retries
from harness.models._spec import ModelSpec
from harness.models._types import ChatMessage, Completion, payload_sha256
from harness.privacy import PersonalDataError, assert_no_personal_data


@lru_cache(maxsize=4096)
def _personal_data_in(text: str) -> str | None:
    """The guard's verdict on one text, remembered: the system prompt and examples recur."""
    try:
        assert_no_personal_data(text)
    except PersonalDataError as error:
        return str(error)
    return None


def screen(prompt: list[ChatMessage] | str) -> None:
    """Analyse a prompt for the personal-data guard now, on the calling thread.

    ``Model.generate`` then reuses the verdict: a caller that builds prompts on a thread of its
    own keeps spaCy off the thread that sends requests (and off two threads at once).
    """
    for text in [prompt] if isinstance(prompt, str) else [m.content for m in prompt]:
        _personal_data_in(text)


def _guard(prompt: list[ChatMessage] | str) -> None:
    """Refuse to send personal data to a remote model: the last line of defence, on every call."""
    texts = [prompt] if isinstance(prompt, str) else [m.content for m in prompt]
    for text in texts:
        if (problem := _personal_data_in(text)) is not None:
            raise ModelCallError(problem, retryable=False, cause="personal_data")


class Model:
    """Generates with one model.

    Each call goes through, in order: the personal-data guard (remote models), the cache, the
    concurrency limit, the request and token buckets, the retry loop, and one HTTP request.
    Errors that survive the retry loop are raised as ``ModelCallError``.
    """

    def __init__(
        self,
        spec: ModelSpec,
        session: aiohttp.ClientSession,
        *,
        base_url: str | None = None,
        served_id: str | None = None,
        retry: RetryPolicy | None = None,
        cache: CompletionCache | None = None,
    ) -> None:
        self.spec = spec
        self.base_url = base_url or spec.base_url or ""
        self.served_id = served_id or spec.model
        self._session = session
        self._cache = cache
        # A local server that stops answering is dead, not busy: fail fast instead of backing off.
        self._retry = retry or (
            RetryPolicy(max_attempts=2, base_s=0.2) if spec.provider == "local" else RetryPolicy()
        )
        self._param_values = spec.params.model_dump()
        self._request_keys: RequestKeys | None = None
        self._slots = asyncio.Semaphore(spec.concurrency)
        self._requests = TokenBucket(spec.rpm) if spec.rpm else None
        self._tokens = TokenBucket(spec.tpm) if spec.tpm else None

    async def served(self) -> list[ServedModel]:
        """What the endpoint serves (``/models``), for OpenAI-compatible endpoints."""
        return await list_served(self._session, self.base_url, self.spec.api_key())

    def _params(self) -> dict[str, Any]:
        return self._param_values

    def _keys(self) -> RequestKeys:
        # Resolving the endpoint may change the served id after the model is built.
        if self._request_keys is None or self._request_keys.served_model != self.served_id:
            self._request_keys = RequestKeys(self.spec.provider, self.served_id, self._params())
        return self._request_keys

    async def generate(
        self,
        prompt: list[ChatMessage] | str,
        *,
        sample_index: int = 0,
    ) -> Completion:
        """Generate from chat messages, or from plain text for a completion-mode model.

        ``sample_index`` tells repeated samples of one prompt apart in the cache at temperature > 0.
        """
        if isinstance(prompt, str) != (self.spec.mode == "completion"):
            raise ValueError(f"model {self.spec.name} is in {self.spec.mode} mode")
        if self.spec.remote:
            _guard(prompt)
        key = None
        if self._cache is not None:
            key = self._keys().prompt(payload_sha256(prompt), sample_index)
            if (hit := self._cache.get(key)) is not None:
                return hit
        async with self._slots:
            if self._requests is not None:
                await self._requests.take()
            if self._tokens is not None:
                text = prompt if isinstance(prompt, str) else "".join(m.content for m in prompt)
                # Four characters a token is the usual estimate; the reply's budget is reserved too.
                await self._tokens.take(len(text) / 4 + self.spec.params.max_tokens)
            completion, attempts = await call_with_retries(lambda: self._call(prompt), self._retry)
        completion.attempts = attempts
        if self._cache is not None and key is not None:
            self._cache.put(key, completion)
        return completion

    async def _call(self, prompt: list[ChatMessage] | str) -> Completion:
        key = self.spec.api_key()
        timeout = self.spec.timeout_s
        if isinstance(prompt, str):
            return await openai_completion(
                self._session, self.base_url, key, self.served_id, prompt, self._params(), timeout
            )
        if self.spec.provider == "anthropic":
            return await anthropic_chat(
                self._session, self.base_url, key, self.served_id, prompt, self._params(), timeout
            )
        return await openai_chat(
            self._session, self.base_url, key, self.served_id, prompt, self._params(), timeout
        )
