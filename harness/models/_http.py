"""Transports: one aiohttp request per call to OpenAI-compatible, Mistral and Anthropic endpoints.

aiohttp is used directly because it is the cheapest path measured on this workload (1.12x the
ideal at concurrency 64, against 3.2x for dspy.LM and 11x for httpx). The providers only classify
failures; retrying is the caller's job.

Each answer is read as its provider documents it; anything else is a ``bad_response`` failure of
that one call, never an exception that stops a run. A reply that is not a whole reply (cut by the
token limit, refused) is a failure with its cause, never scored.
"""

import json
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import quote

import aiohttp
from pydantic import BaseModel, ConfigDict, ValidationError

from harness.models._errors import ModelCallError, http_error
from harness.models._spec import GenerationParams, ModelSpec
from harness.models._types import ChatMessage, Completion

ANTHROPIC_VERSION = "2023-06-01"
"""The ``anthropic-version`` header: the version the request and answer shapes below follow."""


class ServedModel(BaseModel):
    """One model as an endpoint describes it (``GET /models`` or ``GET /models/{id}``)."""

    model_config = ConfigDict(extra="ignore")

    id: str
    """The id the endpoint serves."""
    aliases: list[str] = []
    """Other names it answers to (Albert and Mistral publish them)."""
    owned_by: str | None = None
    """Who runs it."""
    lifecycle: Literal["active", "deprecated", "retired"] | None = None
    """Anthropic's lifecycle stage: a ``retired`` model fails every call."""
    retires_at: datetime | None = None
    """Anthropic: when it is scheduled to retire."""
    deprecation: datetime | None = None
    """Mistral: when it stops being served."""
    deprecation_replacement_model: str | None = None
    """Mistral: what to use instead."""

    def retired(self, now: datetime | None = None) -> str | None:
        """Why calls to it fail now, with what to use instead when the provider says."""
        now = now or datetime.now(UTC)
        instead = (
            f"; the provider says to use {self.deprecation_replacement_model!r} instead"
            if self.deprecation_replacement_model
            else "; choose a current model in the provider's model list"
        )
        if self.lifecycle == "retired":
            return f"{self.id} is retired{instead}"
        if self.deprecation is not None and _aware(self.deprecation) <= now:
            return f"{self.id} was retired on {self.deprecation:%Y-%m-%d}{instead}"
        return None

    def notice(self) -> str | None:
        """When it is still served but on its way out, and until when."""
        if self.lifecycle == "deprecated" or self.deprecation is not None:
            until = self.retires_at or self.deprecation
            return "deprecated" + (f", retires on {until:%Y-%m-%d}" if until else "")
        return None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


MAX_ANSWER_BYTES = 8_000_000
"""Largest answer read: a reply to a citizen is a few kilobytes; a flood is a failure, not data."""


def error_message(data: Any) -> str:
    """The explanation in a parsed error body, short (OpenAI and Anthropic ``error.message``,
    Mistral ``message``, OpenGateLLM ``detail``)."""
    error = data.get("error", data) if isinstance(data, dict) else data
    if isinstance(error, dict):
        return str(error.get("message") or error.get("detail") or error)[:300]
    return str(error)[:300]


def _error_detail(body: str, secret: str | None) -> str:
    """The endpoint's own explanation, short, with the key blanked: some endpoints echo it."""
    if secret:
        body = body.replace(secret, "***")
    try:
        return error_message(json.loads(body))
    except json.JSONDecodeError:
        return body[:300]


class Answer:
    """A successful JSON answer and its headers (rate-limit headers are read from them)."""

    def __init__(self, data: dict[str, Any], headers: Mapping[str, str]) -> None:
        self.data = data
        self.headers = headers


async def _send(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    headers: dict[str, str],
    timeout_s: float,
    secret: str | None,
    *,
    payload: dict[str, Any] | None = None,
    form: aiohttp.FormData | None = None,
    max_bytes: int = MAX_ANSWER_BYTES,
) -> tuple[str, Mapping[str, str]]:
    """One request; the answer's text and headers. An error status or a timeout raise."""
    try:
        async with session.request(
            method,
            url,
            json=payload,
            data=form,
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=timeout_s),
        ) as response:
            chunks, size = [], 0
            async for chunk in response.content.iter_chunked(1 << 16):
                size += len(chunk)
                if size > max_bytes:
                    raise ModelCallError(
                        f"{url} answered with more than {max_bytes // 1_000_000} MB",
                        retryable=False,
                        cause="oversized_answer",
                    )
                chunks.append(chunk)
            body = b"".join(chunks).decode("utf-8", errors="replace")
            if response.status >= 400:
                detail = _error_detail(body, secret)
                raise http_error(url, response.status, detail, response.headers)
            return body, response.headers
    except TimeoutError:
        raise ModelCallError(
            f"no answer from {url} within {timeout_s:g} s", retryable=True, cause="timeout"
        ) from None
    except aiohttp.ClientError as error:
        raise ModelCallError(
            f"cannot reach {url}: {error}", retryable=True, cause="unreachable"
        ) from None


async def request_text(
    session: aiohttp.ClientSession,
    url: str,
    headers: dict[str, str],
    timeout_s: float,
    secret: str | None,
    max_bytes: int,
) -> str:
    """``GET url``'s text (a batch's JSONL results), up to ``max_bytes``."""
    body, _ = await _send(session, "GET", url, headers, timeout_s, secret, max_bytes=max_bytes)
    return body


async def request_json(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    headers: dict[str, str],
    timeout_s: float,
    secret: str | None,
    payload: dict[str, Any] | None = None,
    form: aiohttp.FormData | None = None,
) -> Answer:
    """One request; an error status, a timeout or an answer that is not a JSON object raise.

    The body is ``payload`` as JSON, or ``form`` as multipart (a file upload).
    """
    body, answer_headers = await _send(
        session, method, url, headers, timeout_s, secret, payload=payload, form=form
    )
    try:
        data = json.loads(body)
    except json.JSONDecodeError:
        # Often a proxy's error page: worth another try.
        raise ModelCallError(
            f"{url} answered with something that is not JSON", retryable=True, cause="bad_response"
        ) from None
    if not isinstance(data, dict):
        raise ModelCallError(
            f"{url} answered with unexpected JSON", retryable=False, cause="bad_response"
        )
    return Answer(data, answer_headers)


def _bearer(api_key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"} if api_key else {}


def auth_headers(provider: str, api_key: str | None) -> dict[str, str]:
    """The headers that authenticate a request to ``provider``."""
    if provider == "anthropic":
        return {"x-api-key": api_key or "", "anthropic-version": ANTHROPIC_VERSION}
    return _bearer(api_key)


def request_fields(spec: ModelSpec, params: GenerationParams) -> dict[str, Any]:
    """The generation fields of a request body, exactly as they are sent to ``spec``'s provider.

    Only the parameters the model accepts are sent (a parameter set by tuning on a model that
    refuses it is dropped), the temperature within the model's range, each under the name its
    provider gives it: Mistral refuses unknown fields (422 ``extra_forbidden``), so ``seed`` goes as
    ``random_seed`` (client-python chatcompletionrequest.py); Anthropic takes ``stop_sequences``
    and ``output_config.effort`` (anthropic-sdk-python message_create_params.py).
    """
    accepted = spec.accepted()
    fields: dict[str, Any] = {"max_tokens": params.max_tokens}
    if "temperature" in accepted:
        fields["temperature"] = min(params.temperature, spec.max_temperature())
    if "top_p" in accepted and params.top_p is not None:
        fields["top_p"] = params.top_p
    if "seed" in accepted and params.seed is not None:
        fields["random_seed" if spec.provider == "mistral" else "seed"] = params.seed
    if "stop" in accepted and params.stop:
        fields["stop_sequences" if spec.provider == "anthropic" else "stop"] = list(params.stop)
    if "effort" in accepted and params.effort is not None:
        fields["output_config"] = {"effort": params.effort}
    return fields


async def list_served(
    session: aiohttp.ClientSession,
    provider: str,
    base_url: str,
    api_key: str | None,
    timeout_s: float = 30.0,
) -> list[ServedModel]:
    """What an endpoint serves (``GET /models``)."""
    url = f"{base_url.rstrip('/')}/models"
    answer = await request_json(
        session, "GET", url, auth_headers(provider, api_key), timeout_s, api_key
    )
    try:
        return [ServedModel.model_validate(entry) for entry in answer.data.get("data", [])]
    except (ValidationError, TypeError):
        raise ModelCallError(
            f"{url} did not answer with a model list", retryable=False, cause="bad_response"
        ) from None


async def describe_model(
    session: aiohttp.ClientSession,
    provider: str,
    base_url: str,
    api_key: str | None,
    name: str,
    timeout_s: float = 30.0,
) -> ServedModel | None:
    """One model by its id or alias (``GET /models/{name}``), or ``None`` when it is unknown.

    Anthropic resolves its aliases there; Albert (OpenGateLLM views.py) resolves the aliases it
    does not list.
    """
    url = f"{base_url.rstrip('/')}/models/{quote(name, safe='')}"
    try:
        answer = await request_json(
            session, "GET", url, auth_headers(provider, api_key), timeout_s, api_key
        )
    except ModelCallError as error:
        if error.status == 404:
            return None
        raise
    try:
        return ServedModel.model_validate(answer.data)
    except ValidationError:
        raise ModelCallError(
            f"{url} did not describe a model", retryable=False, cause="bad_response"
        ) from None


_CUT = {
    # OpenAI-style, Mistral (client-python: "length", "model_length") and Anthropic
    # (anthropic-sdk-python types/stop_reason.py) ways of saying the reply is not whole.
    "length": ("truncated", "the reply was cut by the token limit"),
    "model_length": ("truncated", "the reply was cut by the model's context length"),
    "max_tokens": ("truncated", "the reply was cut by the token limit"),
    "model_context_window_exceeded": ("truncated", "the reply was cut by the context window"),
    "content_filter": ("refused", "the provider's content filter withheld the reply"),
    "refusal": ("refused", "the model refused to reply"),
    "error": ("bad_response", "the provider stopped the generation on an error"),
}


def _whole(completion: Completion) -> Completion:
    """The completion, when it is a whole reply; otherwise its failure, which carries it: the
    tokens of a cut reply were paid for all the same."""
    reason = completion.finish_reason
    if reason in _CUT:
        cause, message = _CUT[reason]
        error = ModelCallError(
            f"{message} ({reason}, {completion.output_tokens} tokens)",
            retryable=False,
            cause=cause,
        )
        error.completion = completion
        raise error
    return completion


def _usage(data: dict[str, Any], prompt_key: str, completion_key: str) -> tuple[int, int]:
    usage = data.get("usage") or {}
    return int(usage.get(prompt_key) or 0), int(usage.get(completion_key) or 0)


def _text_of(content: Any) -> str:
    """A message's text: a string, or the ``text`` chunks of a list (thinking chunks dropped).

    Mistral's reasoning models answer with a list of chunks (docs.mistral.ai reasoning;
    client-python thinkchunk.py, textchunk.py).
    """
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            chunk["text"]
            for chunk in content
            if isinstance(chunk, dict) and chunk.get("type") == "text"
        )
    raise TypeError("content is neither text nor a list of chunks")


def _openai_completion(data: dict[str, Any], chat: bool, model: str, started: float) -> Completion:
    choice = data["choices"][0]
    text = _text_of(choice["message"]["content"] if chat else choice["text"])
    tokens_in, tokens_out = _usage(data, "prompt_tokens", "completion_tokens")
    completion = Completion(
        text=text,
        served_model=str(data.get("model") or model),
        input_tokens=tokens_in,
        output_tokens=tokens_out,
        finish_reason=choice.get("finish_reason"),
        latency_s=time.perf_counter() - started,
    )
    return _whole(completion)


def _anthropic_completion(data: dict[str, Any], model: str, started: float) -> Completion:
    # Thinking blocks come before the text blocks; only text is the reply, or the input of the
    # tool a structured answer was asked through.
    text = "".join(
        block["text"] if block.get("type") == "text" else json.dumps(block["input"])
        for block in data["content"]
        if block.get("type") == "text"
        or (block.get("type") == "tool_use" and block.get("name") == STRUCTURED_NAME)
    )
    tokens_in, tokens_out = _usage(data, "input_tokens", "output_tokens")
    completion = Completion(
        text=text,
        served_model=str(data.get("model") or model),
        input_tokens=tokens_in,
        output_tokens=tokens_out,
        finish_reason=data.get("stop_reason"),
        latency_s=time.perf_counter() - started,
    )
    return _whole(completion)


def _parsed(url: str, expected: str, parse: Any, *args: Any) -> Completion:
    """``parse(*args)``, with any surprise in the answer's shape turned into ``bad_response``."""
    try:
        completion: Completion = parse(*args)
    except ModelCallError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, ValidationError):
        raise ModelCallError(
            f"{url} answered without the documented {expected}",
            retryable=False,
            cause="bad_response",
        ) from None
    return completion


STRUCTURED_NAME = "verdict"
"""Name of the JSON Schema (OpenAI-compatible) or of the tool (Anthropic) a structured answer
fills."""


def request_body(
    spec: ModelSpec,
    model: str,
    prompt: list[ChatMessage] | str,
    fields: dict[str, Any],
    schema: dict[str, Any] | None = None,
) -> tuple[str, dict[str, Any]]:
    """The path (``/messages``, ``/chat/completions``, ``/completions``) and body of one
    generation request to ``spec``'s provider, as a direct call and a batch both send it.

    ``prompt`` is chat messages, or a plain text for completion-mode models.
    ``fields`` are the generation fields from ``request_fields``. With ``schema`` (chat only),
    the answer is asked for as a JSON object of that schema in the provider's structured-output
    mode: ``response_format`` ``json_schema`` on OpenAI-compatible servers and Mistral (llama.cpp
    and vLLM enforce it while decoding), ``json_object`` with the schema on the embedded
    llama-cpp-python server (a grammar), a forced tool call on Anthropic.
    """
    if isinstance(prompt, str):
        return "/completions", {"model": model, "prompt": prompt, **fields}
    if spec.provider == "anthropic":
        # The system prompt travels apart from the turns (Messages API).
        system = "\n\n".join(m.content for m in prompt if m.role == "system")
        turns = [m.model_dump() for m in prompt if m.role != "system"]
        payload = {"model": model, "messages": turns, **fields}
        if system:
            payload["system"] = system
        if schema is not None:
            payload["tools"] = [{"name": STRUCTURED_NAME, "input_schema": schema}]
            payload["tool_choice"] = {"type": "tool", "name": STRUCTURED_NAME}
        return "/messages", payload
    payload = {"model": model, "messages": [m.model_dump() for m in prompt], **fields}
    if schema is not None and spec.provider == "local":
        # llama-cpp-python's server takes the schema beside json_object and turns it into a
        # grammar; it refuses the json_schema type.
        payload["response_format"] = {"type": "json_object", "schema": schema}
    elif schema is not None:
        payload["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": STRUCTURED_NAME, "schema": schema, "strict": True},
        }
    return "/chat/completions", payload


def parse_completion(
    path: str, data: dict[str, Any], model: str, url: str, started: float
) -> Completion:
    """The completion in an answer to ``path`` (see ``request_body``), read as its provider
    documents it; a reply that is not whole, or an answer of another shape, raises."""
    if path == "/messages":
        return _parsed(url, "content blocks", _anthropic_completion, data, model, started)
    if path == "/completions":
        return _parsed(url, "choices[0].text", _openai_completion, data, False, model, started)
    return _parsed(
        url, "choices[0].message.content", _openai_completion, data, True, model, started
    )


async def call(
    session: aiohttp.ClientSession,
    spec: ModelSpec,
    base_url: str,
    model: str,
    prompt: list[ChatMessage] | str,
    fields: dict[str, Any],
    schema: dict[str, Any] | None = None,
) -> tuple[Completion, Mapping[str, str]]:
    """One generation request to ``spec``'s provider; the completion and the answer's headers."""
    key = spec.api_key()
    started = time.perf_counter()
    path, payload = request_body(spec, model, prompt, fields, schema)
    url = f"{base_url.rstrip('/')}{path}"
    headers = auth_headers(spec.provider, key)
    answer = await request_json(session, "POST", url, headers, spec.timeout_s, key, payload)
    return parse_completion(path, answer.data, model, url, started), answer.headers


__all__ = [
    "ServedModel",
    "auth_headers",
    "call",
    "describe_model",
    "error_message",
    "list_served",
    "parse_completion",
    "request_body",
    "request_fields",
    "request_json",
    "request_text",
]
