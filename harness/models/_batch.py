"""Batch APIs: a model's requests sent together at the provider's batch price, collected later.

Three APIs, each read from its provider's SDK source (the shapes below follow them field by field):

- Anthropic Message Batches: anthropic-sdk-python src/anthropic/resources/messages/batches.py and
  types/messages (batch_create_params.py, message_batch.py, message_batch_individual_response.py,
  message_batch_*_result.py).
- Mistral batch jobs: mistralai/client-python src/mistralai/client/files.py (``POST /v1/files``,
  multipart, purpose ``batch``; ``GET /v1/files/{id}/content``), batch_jobs.py, models/
  createbatchjobrequest.py, batchjob.py, batchjobstatus.py; docs.mistral.ai capabilities/batch
  (input lines ``{"custom_id", "body"}``, the model named once for the job).
- OpenAI's ``/v1/batches`` on OpenAI-compatible endpoints: openai-python src/openai/types/batch.py,
  batch_create_params.py, file_create_params.py (input lines ``{"custom_id", "method", "url",
  "body"}``); Mistral's and OpenAI's output lines are ``{"id", "custom_id", "response":
  {"status_code", "body"}, "error"}``.

Each request's ``custom_id`` is its completion-cache key. A batch's id is written to the run
directory (``batches.json``, atomically) as soon as the provider answers, before any polling: a
Plume killed while a batch is pending loses nothing, and ``plume run --resume`` polls the same
batch and collects it. Replies enter the completion cache as they are collected; partial errors
and expired requests come back as failures with their cause, never as replies.
"""

import asyncio
import json
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from pydantic import BaseModel, ConfigDict, ValidationError

from harness.errors import InputError, PlumeError
from harness.files import read_text, write_atomic
from harness.models._cache import CompletionCache, RequestKeys
from harness.models._errors import ModelCallError, http_error
from harness.models._http import (
    auth_headers,
    error_message,
    parse_completion,
    request_body,
    request_json,
    request_text,
)
from harness.models._model import Model, guard
from harness.models._retry import RetryPolicy, call_with_retries
from harness.models._types import ChatMessage, Completion, payload_sha256

Prompt = list[ChatMessage] | str
"""What a model is sent: chat messages (batch APIs take chat models only, see ``ModelSpec``)."""
Outcome = Completion | ModelCallError
"""What became of one request: its reply, or why there is none."""

MAX_REQUESTS = 10_000
"""Requests per batch: within every provider's limit (Anthropic 100,000, OpenAI 50,000)."""
MAX_RESULTS_BYTES = 1_000_000_000
"""Largest results file read (Anthropic's batches go up to 256 MB of requests)."""
POLL_MAX_S = 60.0
"""Longest wait between two polls: batches take minutes to hours."""
_MISTRAL_ENDED = frozenset({"SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLED"})
"""batchjobstatus.py: the statuses after which a job changes no more."""
_OPENAI_ENDED = frozenset({"completed", "failed", "expired", "cancelled"})
"""types/batch.py: the statuses after which a batch changes no more."""


class BatchEntry(BaseModel):
    """One batch a run submitted, as ``batches.json`` keeps it."""

    model_config = ConfigDict(extra="forbid")

    model: str
    """Plume's name for the model."""
    provider: str
    """Whose batch API holds it."""
    id: str
    """The provider's batch id."""
    keys: list[str]
    """The requests' ``custom_id``: their completion-cache keys."""
    submitted_at: datetime
    """When the provider accepted it (UTC)."""
    collected: bool = False
    """Whether its results were read: then only a new batch sends its failed requests again."""


class _LedgerFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    batches: list[BatchEntry]


class Ledger:
    """``batches.json`` in a run directory: every batch the run submitted, rewritten whole and
    atomically at each change, so a kill at any moment leaves it readable."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[BatchEntry] = []
        if path.exists():
            try:
                self.entries = _LedgerFile.model_validate_json(read_text(path)).batches
            except ValidationError:
                raise InputError(path, "not a batch list written by Plume") from None

    def pending(self, model: str) -> list[BatchEntry]:
        """``model``'s batches whose results were not read yet."""
        return [e for e in self.entries if e.model == model and not e.collected]

    def add(self, entry: BatchEntry) -> None:
        self.entries.append(entry)
        self._write()

    def collected(self, entry: BatchEntry) -> None:
        entry.collected = True
        self._write()

    def _write(self) -> None:
        write_atomic(self.path, _LedgerFile(batches=self.entries).model_dump_json(indent=2))


@dataclass
class _Ended:
    """A batch that has ended: where its results are, and what became of a request without one."""

    results: list[str]
    """URLs of its JSONL result files."""
    missing: Callable[[], ModelCallError]
    """The failure of a request the results do not mention."""


class _Api(ABC):
    """One provider's batch API for one model: submit, poll, read the results."""

    def __init__(self, model: Model, session: aiohttp.ClientSession) -> None:
        self.model = model
        self.spec = model.spec
        self.session = session
        self.root = model.base_url.rstrip("/")
        self.key = model.spec.api_key()
        self.headers = auth_headers(model.spec.provider, self.key)

    async def json(
        self,
        method: str,
        url: str,
        payload: dict[str, Any] | None = None,
        form: Callable[[], aiohttp.FormData] | None = None,
    ) -> dict[str, Any]:
        """One request, retried as direct calls are; a POST only when the provider refused it
        outright (429, 529), so that a batch is never created twice."""

        async def once() -> dict[str, Any]:
            try:
                answer = await request_json(
                    self.session,
                    method,
                    url,
                    self.headers,
                    self.spec.timeout_s,
                    self.key,
                    payload,
                    form() if form is not None else None,
                )
            except ModelCallError as error:
                if method == "POST" and error.status not in (429, 529):
                    error.retryable = False
                raise
            return answer.data

        data, _ = await call_with_retries(once, RetryPolicy())
        return data

    async def text(self, url: str) -> str:
        async def once() -> str:
            return await request_text(
                self.session, url, self.headers, self.spec.timeout_s, self.key, MAX_RESULTS_BYTES
            )

        body, _ = await call_with_retries(once, RetryPolicy())
        return body

    def body(self, prompt: Prompt) -> dict[str, Any]:
        _, payload = request_body(self.spec, self.model.served_id, prompt, self.model.fields)
        return payload

    @abstractmethod
    async def submit(self, requests: dict[str, Prompt]) -> str:
        """Send ``requests`` (by ``custom_id``) as one batch; its id."""

    @abstractmethod
    async def poll(self, batch_id: str) -> _Ended | None:
        """The batch's results when it has ended, ``None`` while it runs."""

    @abstractmethod
    def read(self, url: str, text: str) -> dict[str, Outcome]:
        """The outcome of each request a results file mentions, by ``custom_id``."""


def _from_batch(completion: Completion) -> Completion:
    completion.batch = True
    completion.latency_s = 0.0  # not a call's latency: the batch's
    return completion


def _parsed(path: str, data: Any, model: str, url: str) -> Outcome:
    """A reply read as a direct call's answer is; a cut or refused one is a failure, with it."""
    try:
        return _from_batch(parse_completion(path, data, model, url, 0.0))
    except ModelCallError as error:
        if error.completion is not None:
            _from_batch(error.completion)
        return error


def _lines(url: str, text: str) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL results file; a line that is not one is skipped (its request
    then counts as missing)."""
    found = []
    for line in text.splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict) and isinstance(data.get("custom_id"), str):
            found.append(data)
    return found


def _expired() -> ModelCallError:
    return ModelCallError(
        "the request expired before the provider processed the batch (24 h)",
        retryable=False,
        cause="expired",
    )


def _canceled() -> ModelCallError:
    return ModelCallError("the batch was canceled", retryable=False, cause="canceled")


# Anthropic's error types (errors page) and the statuses a direct call would have met: the
# failure is then classified as it would be for a direct call (context too long, rate limited…).
_ANTHROPIC_STATUS = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "billing_error": 402,
    "permission_error": 403,
    "not_found_error": 404,
    "request_too_large": 413,
    "rate_limit_error": 429,
    "api_error": 500,
    "overloaded_error": 529,
}


class _Anthropic(_Api):
    """Message Batches: ``POST /v1/messages/batches``, ``GET …/{id}``, then ``results_url``."""

    async def submit(self, requests: dict[str, Prompt]) -> str:
        payload = {
            "requests": [
                {"custom_id": key, "params": self.body(prompt)} for key, prompt in requests.items()
            ]
        }
        data = await self.json("POST", f"{self.root}/messages/batches", payload)
        return str(data["id"])

    async def poll(self, batch_id: str) -> _Ended | None:
        data = await self.json("GET", f"{self.root}/messages/batches/{batch_id}")
        if data.get("processing_status") != "ended":
            return None
        # Anthropic lists every request in the results, expired and canceled ones included.
        return _Ended(results=[str(data["results_url"])], missing=_expired)

    def read(self, url: str, text: str) -> dict[str, Outcome]:
        found: dict[str, Outcome] = {}
        for line in _lines(url, text):
            result = line.get("result") or {}
            kind = result.get("type")
            if kind == "succeeded":
                outcome = _parsed("/messages", result.get("message"), self.model.served_id, url)
            elif kind == "errored":
                error = (result.get("error") or {}).get("error") or {}
                status = _ANTHROPIC_STATUS.get(str(error.get("type")), 400)
                outcome = http_error(url, status, str(error.get("message", ""))[:300], {})
                outcome.retryable = False
            elif kind == "canceled":
                outcome = _canceled()
            elif kind == "expired":
                outcome = _expired()
            else:
                continue
            found[line["custom_id"]] = outcome
        return found


class _Files(_Api):
    """The APIs that take a JSONL file (``POST /v1/files``) and write JSONL result files."""

    endpoint = "/v1/chat/completions"

    @abstractmethod
    def line(self, key: str, prompt: Prompt) -> dict[str, Any]:
        """One line of the uploaded JSONL file."""

    async def upload(self, requests: dict[str, Prompt]) -> str:
        content = "".join(
            json.dumps(self.line(key, prompt), ensure_ascii=False) + "\n"
            for key, prompt in requests.items()
        ).encode()

        def form() -> aiohttp.FormData:
            data = aiohttp.FormData()
            data.add_field("purpose", "batch")
            data.add_field(
                "file", content, filename="plume-batch.jsonl", content_type="application/jsonl"
            )
            return data

        uploaded = await self.json("POST", f"{self.root}/files", form=form)
        return str(uploaded["id"])

    def content_url(self, file_id: object) -> list[str]:
        return [f"{self.root}/files/{file_id}/content"] if file_id else []

    def read(self, url: str, text: str) -> dict[str, Outcome]:
        found: dict[str, Outcome] = {}
        for line in _lines(url, text):
            response = line.get("response") or {}
            error = line.get("error")
            status = response.get("status_code")
            body = response.get("body")
            if isinstance(error, dict):
                if error.get("code") == "batch_expired":  # OpenAI's error file
                    outcome: Outcome = _expired()
                else:
                    outcome = ModelCallError(
                        f"the batch refused the request: {error.get('message', error)}",
                        retryable=False,
                        cause="rejected",
                    )
            elif status == 200:
                outcome = _parsed("/chat/completions", body, self.model.served_id, url)
            elif isinstance(status, int):
                outcome = http_error(url, status, error_message(body), {})
                outcome.retryable = False
            else:
                continue
            found[line["custom_id"]] = outcome
        return found


def _failed(status: str, errors: object) -> Callable[[], ModelCallError]:
    def failure() -> ModelCallError:
        return ModelCallError(
            f"the batch ended {status} without this request's result ({errors or 'no detail'})",
            retryable=False,
            cause="batch_failed",
        )

    return failure


class _Mistral(_Files):
    """Batch jobs: the file uploaded, ``POST /v1/batch/jobs``, ``GET …/{id}``, the output and
    error files read."""

    def line(self, key: str, prompt: Prompt) -> dict[str, Any]:
        body = self.body(prompt)
        del body["model"]  # named once, for the whole job
        return {"custom_id": key, "body": body}

    async def submit(self, requests: dict[str, Prompt]) -> str:
        file_id = await self.upload(requests)
        job = {"input_files": [file_id], "endpoint": self.endpoint, "model": self.model.served_id}
        data = await self.json("POST", f"{self.root}/batch/jobs", job)
        return str(data["id"])

    async def poll(self, batch_id: str) -> _Ended | None:
        data = await self.json("GET", f"{self.root}/batch/jobs/{batch_id}")
        status = str(data.get("status"))
        if status not in _MISTRAL_ENDED:
            return None
        missing = {"TIMEOUT_EXCEEDED": _expired, "CANCELLED": _canceled}.get(status)
        messages = "; ".join(str(e.get("message")) for e in data.get("errors") or [])
        return _Ended(
            results=self.content_url(data.get("output_file"))
            + self.content_url(data.get("error_file")),
            missing=missing or _failed(status, messages),
        )


class _OpenAI(_Files):
    """``/v1/batches``: the file uploaded, ``POST /v1/batches``, ``GET …/{id}``, the output and
    error files read."""

    def line(self, key: str, prompt: Prompt) -> dict[str, Any]:
        return {"custom_id": key, "method": "POST", "url": self.endpoint, "body": self.body(prompt)}

    async def submit(self, requests: dict[str, Prompt]) -> str:
        file_id = await self.upload(requests)
        batch = {"input_file_id": file_id, "endpoint": self.endpoint, "completion_window": "24h"}
        data = await self.json("POST", f"{self.root}/batches", batch)
        return str(data["id"])

    async def poll(self, batch_id: str) -> _Ended | None:
        data = await self.json("GET", f"{self.root}/batches/{batch_id}")
        status = str(data.get("status"))
        if status not in _OPENAI_ENDED:
            return None
        missing = {"expired": _expired, "cancelled": _canceled}.get(status)
        errors = (data.get("errors") or {}).get("data") or []
        messages = "; ".join(str(e.get("message")) for e in errors)
        return _Ended(
            results=self.content_url(data.get("output_file_id"))
            + self.content_url(data.get("error_file_id")),
            missing=missing or _failed(status, messages),
        )


def _api(model: Model, session: aiohttp.ClientSession) -> _Api:
    if model.spec.provider == "anthropic":
        return _Anthropic(model, session)
    if model.spec.provider == "mistral":
        return _Mistral(model, session)
    return _OpenAI(model, session)


async def run_batch(
    model: Model,
    session: aiohttp.ClientSession,
    prompts: Sequence[Prompt],
    *,
    ledger: Ledger,
    cache: CompletionCache,
    poll_s: float = 1.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> list[Outcome]:
    """The outcome of each prompt, in order, sent through ``model``'s batch API.

    First the model's batches that ``ledger`` holds uncollected (a resumed run) are polled and
    collected; then every prompt still without an outcome passes the personal-data guard (a
    refused one is never sent), the cache answers what it can, and the rest is submitted, its
    batch id written to ``ledger`` before the first poll. Polls begin ``poll_s`` apart and space
    out to a minute.

    Raises:
        PlumeError: the batch API refused a submission or cannot be reached: nothing is lost,
            ``plume run --resume`` tries again.
    """
    api = _api(model, session)
    keys = RequestKeys(model.spec.provider, model.served_id, model.fields)
    asked = [keys.prompt(payload_sha256(prompt)) for prompt in prompts]
    wanted = dict(zip(asked, prompts, strict=True))
    outcomes: dict[str, Outcome] = {}
    try:
        for entry in ledger.pending(model.spec.name):
            outcomes |= await _collect(api, entry, ledger, cache, poll_s, sleep)
        to_send: dict[str, Prompt] = {}
        for key, prompt in wanted.items():
            if key in outcomes:
                continue
            try:
                guard(prompt)
            except ModelCallError as refused:
                outcomes[key] = refused
                continue
            if (hit := cache.get(key)) is not None:
                outcomes[key] = hit
            else:
                to_send[key] = prompt
        entries = []
        chunks = list(to_send.items())
        for start in range(0, len(chunks), MAX_REQUESTS):
            chunk = dict(chunks[start : start + MAX_REQUESTS])
            batch_id = await api.submit(chunk)
            entry = BatchEntry(
                model=model.spec.name,
                provider=model.spec.provider,
                id=batch_id,
                keys=list(chunk),
                submitted_at=datetime.now(UTC),
            )
            ledger.add(entry)
            entries.append(entry)
        for entry in entries:
            outcomes |= await _collect(api, entry, ledger, cache, poll_s, sleep)
    except (ModelCallError, KeyError, TypeError) as error:
        raise PlumeError(
            f"model {model.spec.name!r}: the batch API failed ({error}); nothing is lost: "
            "`plume run --resume RUN_DIR` tries again"
        ) from None
    return [outcomes[key] for key in asked]


async def _collect(
    api: _Api,
    entry: BatchEntry,
    ledger: Ledger,
    cache: CompletionCache,
    poll_s: float,
    sleep: Callable[[float], Awaitable[None]],
) -> dict[str, Outcome]:
    """Poll ``entry`` until it ends, then read its results; each reply enters the cache."""
    wait = poll_s
    while (ended := await api.poll(entry.id)) is None:
        await sleep(wait)
        wait = min(wait * 1.5, POLL_MAX_S)
    found: dict[str, Outcome] = {}
    for url in ended.results:
        found |= api.read(url, await api.text(url))
    for key, outcome in found.items():
        if isinstance(outcome, Completion):
            cache.put(key, outcome)
    outcomes = {key: found.get(key) or ended.missing() for key in entry.keys}
    ledger.collected(entry)
    return outcomes
