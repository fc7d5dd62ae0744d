"""A callable model: one spec, one endpoint, and the limits and retry loop in front of it."""

import asyncio
import hashlib
import json
from typing import Any

import aiohttp

from harness.models._cache import CompletionCache, RequestKeys
from harness.models._errors import ModelCallError
from harness.models._http import (
    ServedModel,
    call,
    describe_model,
    list_served,
    request_fields,
)
from harness.models._limits import TokenBucket, shared
from harness.models._retry import RetryPolicy, call_with_retries
from harness.models._spec import ModelSpec
from harness.models._types import ChatMessage, Completion, payload_sha256
from harness.privacy import PersonalDataError, find_personal_data_many

_VERDICTS_KEPT = 4096
_verdicts: dict[str, str | None] = {}
"""The guard's verdict on each text seen (None: clean): the system prompt and examples recur."""


def _texts(prompt: list[ChatMessage] | str) -> list[str]:
    return [prompt] if isinstance(prompt, str) else [message.content for message in prompt]


def _judged(texts: list[str]) -> dict[str, str | None]:
    """The verdict on each text, those not seen yet analysed together in one batch."""
    global _verdicts
    kept = _verdicts  # replaced, never cleared: another thread may be reading it
    verdicts = {text: kept[text] for text in texts if text in kept}
    new = [text for text in dict.fromkeys(texts) if text not in verdicts]
    for text, found in zip(new, find_personal_data_many(new), strict=True):
        verdicts[text] = str(PersonalDataError(found)) if found else None
    if len(kept) + len(new) > _VERDICTS_KEPT:
        _verdicts = kept = {}
    kept.update(verdicts)
    return verdicts


def screen(*prompts: list[ChatMessage] | str) -> None:
    """Analyse prompts for the personal-data guard now, on the calling thread, all in one batch.

    ``Model.generate`` then reuses the verdicts: a caller that builds prompts on a thread of its
    own keeps spaCy off the thread that sends requests (and off two threads at once).
    """
    _judged([text for prompt in prompts for text in _texts(prompt)])


def guard(prompt: list[ChatMessage] | str) -> None:
    """Refuse to send personal data to a remote model: the last line of defence, on every call."""
    for problem in _judged(_texts(prompt)).values():
        if problem is not None:
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
            RetryPolicy(max_attempts=2, base_s=0.2) if spec.started_by_plume() else RetryPolicy()
        )
        self.fields = request_fields(spec, spec.params)
        """The generation fields every request carries, as the provider receives them."""
        self._request_keys: RequestKeys | None = None
        self._slots = asyncio.Semaphore(spec.concurrency)
        self._requests = TokenBucket(spec.rpm) if spec.rpm else None
        self._tokens = TokenBucket(spec.tpm) if spec.tpm else None
        self._provider_limits = shared(self.base_url, spec.api_key())
        self._exhausted: ModelCallError | None = None
        """The quota error that stopped calls to this model, if one did."""

    async def served(self) -> list[ServedModel]:
        """What the endpoint serves (``GET /models``)."""
        return await list_served(
            self._session, self.spec.provider, self.base_url, self.spec.api_key()
        )

    async def resolve(self) -> ServedModel:
        """Ask the endpoint which model it serves under the requested id, before any call.

        The listed ids and aliases are searched first, then ``GET /models/{id}`` (Anthropic
        resolves its aliases there, Albert the aliases it does not list). The served id then
        names the requests and keys the cache, so a floating alias that moves never serves the
        old model's replies.

        Raises:
            ModelCallError: the endpoint cannot be reached, does not serve the id (cause
                ``unknown_model``) or says it is retired (cause ``retired``).
        """
        found: ServedModel | None = None
        listed: list[ServedModel] = []
        if self.spec.provider != "anthropic":
            listed = await self.served()
            found = next((m for m in listed if self.spec.model in (m.id, *m.aliases)), None)
        if found is None:
            found = await describe_model(
                self._session,
                self.spec.provider,
                self.base_url,
                self.spec.api_key(),
                self.spec.model,
            )
        if found is None:
            serves = ", ".join(sorted(m.id for m in listed))
            raise ModelCallError(
                f"{self.base_url} does not serve {self.spec.model!r}; "
                + (f"it serves {serves}" if serves else "see the provider's model list"),
                retryable=False,
                cause="unknown_model",
            )
        if (retired := found.retired()) is not None:
            raise ModelCallError(retired, retryable=False, cause="retired")
        self.served_id = found.id
        return found

    def _keys(self) -> RequestKeys:
        # Resolving the endpoint may change the served id after the model is built.
        if self._request_keys is None or self._request_keys.served_model != self.served_id:
            self._request_keys = RequestKeys(self.spec.provider, self.served_id, self.fields)
        return self._request_keys

    async def generate(
        self,
        prompt: list[ChatMessage] | str,
        *,
        sample_index: int = 0,
        schema: dict[str, Any] | None = None,
    ) -> Completion:
        """Generate from chat messages, or from plain text for a completion-mode model.

        ``sample_index`` tells repeated samples of one prompt apart in the cache at temperature > 0.
        ``schema`` asks for a JSON object of that schema in the provider's structured-output mode
        (see :func:`request_body`); the completion's text is then that object.
        """
        if isinstance(prompt, str) != (self.spec.mode == "completion"):
            raise ValueError(f"model {self.spec.name} is in {self.spec.mode} mode")
        if self.spec.remote:
            guard(prompt)
        key = None
        if self._cache is not None:
            asked = payload_sha256(prompt)
            if schema is not None:  # the same prompt asked for a structured answer is another call
                shaped = asked + json.dumps(schema, sort_keys=True)
                asked = hashlib.sha256(shaped.encode()).hexdigest()
            key = self._keys().prompt(asked, sample_index)
            if (hit := self._cache.get(key)) is not None:
                return hit
        if self._exhausted is not None:
            # No more calls today: each item records the quota, `--resume` continues later.
            raise ModelCallError(str(self._exhausted), retryable=False, cause="quota_exhausted")
        async with self._slots:
            text = prompt if isinstance(prompt, str) else "".join(m.content for m in prompt)
            # Four characters a token is the usual estimate; the reply's budget is reserved too.
            tokens_in, tokens_out = len(text) / 4, self.spec.params.max_tokens
            if self._requests is not None:
                await self._requests.take()
            if self._tokens is not None:
                await self._tokens.take(tokens_in + tokens_out)
            needs = {
                "requests": 1.0,
                "input_tokens": tokens_in,
                "output_tokens": float(tokens_out),
                "tokens": tokens_in + tokens_out,
            }
            try:
                completion, attempts = await call_with_retries(
                    lambda: self._call(prompt, needs, schema), self._retry
                )
            except ModelCallError as error:
                if error.cause == "quota_exhausted":
                    self._exhausted = error
                raise
        completion.attempts = attempts
        if self._cache is not None and key is not None:
            self._cache.put(key, completion)
        return completion

    async def _call(
        self,
        prompt: list[ChatMessage] | str,
        needs: dict[str, float],
        schema: dict[str, Any] | None = None,
    ) -> Completion:
        await self._provider_limits.take(needs)
        try:
            completion, headers = await call(
                self._session, self.spec, self.base_url, self.served_id, prompt, self.fields, schema
            )
        except ModelCallError as error:
            if error.headers is not None:
                self._provider_limits.update(error.headers)
            raise
        self._provider_limits.update(headers)
        return completion
