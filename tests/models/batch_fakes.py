"""Loopback fakes of the three batch APIs, as strict as their documentation.

Each one is added to the provider's strict fake of ``tests.models.providers`` (which answers the
model look-ups) and checks every header and field its source names: unknown fields are refused,
``custom_id`` must be unique, and each request inside a batch passes the checks a direct request
would meet. A batch stays ``in progress`` for ``polls`` polls (forever while ``hold`` is set), then
ends; ``fates`` says what becomes of each request, in the order sent (the last one repeats):
``succeeded``, ``truncated``, ``errored`` or ``expired``.

Sources, read 2026-12-07:
- Anthropic: anthropic-sdk-python src/anthropic/resources/messages/batches.py (routes, results
  read from ``results_url``), types/messages/batch_create_params.py (``requests`` of
  ``{custom_id, params}``), message_batch.py, message_batch_request_counts.py,
  message_batch_individual_response.py, message_batch_{succeeded,errored,expired}_result.py;
  platform.claude.com batch-processing (``custom_id`` matches ``^[a-zA-Z0-9_-]{1,64}$``).
- Mistral: mistralai/client-python src/mistralai/client/files.py (``POST /v1/files`` multipart
  with ``purpose``, ``GET /v1/files/{file_id}/content``), batch_jobs.py (``POST /v1/batch/jobs``,
  ``GET /v1/batch/jobs/{job_id}``), models/createbatchjobrequest.py, batchjob.py,
  batchjobstatus.py, batchrequest.py (``{custom_id, body}``), apiendpoint.py; docs.mistral.ai
  capabilities/batch; examples/mistral/jobs/async_batch_job_chat_completion_inline.py (an output's
  ``response.body``).
- OpenAI: openai-python src/openai/types/batch_create_params.py (``input_file_id``, ``endpoint``,
  ``completion_window: "24h"``, ``metadata``, ``output_expires_after``), batch.py,
  batch_request_counts.py, file_create_params.py (``file``, ``purpose: "batch"``); the batch
  guide's output lines ``{id, custom_id, response: {status_code, request_id, body}, error}`` and
  the ``batch_expired`` error code of requests a batch did not reach.
"""

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.models.providers import (
    ALBERT_ID,
    ALBERT_NAMES,
    ANTHROPIC_ALIASES,
    ANTHROPIC_FIELDS,
    ANTHROPIC_MODELS,
    MISTRAL_FIELDS,
    Fake,
    albert_app,
    anthropic_app,
    anthropic_error,
    anthropic_gate,
    anthropic_message,
    mistral_app,
    mistral_gate,
    mistral_reply,
)

CUSTOM_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


@dataclass
class Batches:
    """What a batch fake received, and how its batches behave."""

    polls: int = 1
    """Polls answered ``in progress`` before a batch ends."""
    hold: bool = False
    """Keep every batch in progress until this is cleared."""
    fates: list[str] = field(default_factory=lambda: ["succeeded"])
    submitted: list[list[dict[str, Any]]] = field(default_factory=list)
    """The requests of each batch accepted, in order."""
    refused: list[tuple[int, Any]] = field(default_factory=list)
    """What the checks refused, with the status answered."""
    seen_polls: int = 0
    files: dict[str, bytes] = field(default_factory=dict)
    _polled: dict[str, int] = field(default_factory=dict)

    def fate(self, index: int) -> str:
        return self.fates[min(index, len(self.fates) - 1)]

    def ended(self, batch_id: str) -> bool:
        self.seen_polls += 1
        self._polled[batch_id] = self._polled.get(batch_id, 0) + 1
        return not self.hold and self._polled[batch_id] > self.polls

    def refuse(self, status: int, body: Any) -> web.Response:
        self.refused.append((status, body))
        return web.json_response(body, status=status)

    def check_ids(self, ids: list[Any]) -> str | None:
        if any(not isinstance(i, str) or not CUSTOM_ID.match(i) for i in ids):
            return "custom_id must match ^[a-zA-Z0-9_-]{1,64}$"
        if len(set(ids)) != len(ids):
            return "custom_id must be unique within the batch"
        return None


# --- Anthropic Message Batches ---------------------------------------------------------------


def _anthropic_params_problem(params: Any) -> str | None:
    """What the Messages API would refuse in one request's ``params``."""
    if not isinstance(params, dict):
        return "params: Input should be an object"
    for name in params:
        if name not in ANTHROPIC_FIELDS or name == "stream":
            return f"params.{name}: Extra inputs are not permitted"
    for name in ("model", "messages", "max_tokens"):
        if name not in params:
            return f"params.{name}: Field required"
    requested = str(params["model"])
    card = ANTHROPIC_MODELS.get(ANTHROPIC_ALIASES.get(requested, requested))
    if card is None or card["lifecycle"] == "retired":
        return f"params.model: {params['model']}"
    if any(m.get("role") == "system" for m in params["messages"]):
        return 'messages: Unexpected role "system"'
    if card["refuses_sampling"] and {"temperature", "top_p", "top_k"} & set(params):
        return "temperature is not supported on this model"
    return None


def anthropic_batches_app(fake: Fake, batches: Batches) -> web.Application:
    """``anthropic_app`` plus ``/v1/messages/batches``, ``…/{id}`` and its ``results_url``."""
    app = anthropic_app(fake)
    results: dict[str, list[dict[str, Any]]] = {}
    created: dict[str, float] = {}

    def authenticated(request: web.Request) -> web.Response | None:
        return anthropic_gate(request, fake.key, batches.refuse)

    def batch(batch_id: str, request: web.Request) -> dict[str, Any]:
        ended = batch_id in results and batches.ended(batch_id)
        lines = results[batch_id]
        counts = {"processing": len(lines), "succeeded": 0, "errored": 0, "canceled": 0}
        counts["expired"] = 0
        if ended:
            counts["processing"] = 0
            for line in lines:
                counts[line["result"]["type"]] += 1
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(created[batch_id]))
        return {
            "id": batch_id,
            "type": "message_batch",
            "processing_status": "ended" if ended else "in_progress",
            "request_counts": counts,
            "created_at": stamp,
            "expires_at": stamp,
            "ended_at": stamp if ended else None,
            "archived_at": None,
            "cancel_initiated_at": None,
            "results_url": f"{request.url.origin()}/v1/messages/batches/{batch_id}/results"
            if ended
            else None,
        }

    async def create(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        body = await request.json()
        if set(body) != {"requests"} or not isinstance(body["requests"], list):
            return batches.refuse(
                400, anthropic_error("invalid_request_error", "requests: Field required")
            )
        for entry in body["requests"]:
            if set(entry) != {"custom_id", "params"}:
                return batches.refuse(
                    400, anthropic_error("invalid_request_error", f"requests: {sorted(entry)}")
                )
            if (problem := _anthropic_params_problem(entry["params"])) is not None:
                return batches.refuse(400, anthropic_error("invalid_request_error", problem))
        problem = batches.check_ids([entry["custom_id"] for entry in body["requests"]])
        if problem is not None:
            return batches.refuse(400, anthropic_error("invalid_request_error", problem))
        batch_id = f"msgbatch_{len(batches.submitted):04d}"
        batches.submitted.append(body["requests"])
        created[batch_id] = time.time()
        results[batch_id] = [
            {"custom_id": entry["custom_id"], "result": _anthropic_result(batches.fate(index))}
            for index, entry in enumerate(body["requests"])
        ]
        return web.json_response(batch(batch_id, request))

    async def retrieve(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        batch_id = request.match_info["batch_id"]
        if batch_id not in results:
            return batches.refuse(404, anthropic_error("not_found_error", batch_id))
        return web.json_response(batch(batch_id, request))

    async def read_results(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        lines = results.get(request.match_info["batch_id"], [])
        text = "".join(json.dumps(line) + "\n" for line in lines)
        return web.Response(text=text, content_type="application/binary")

    app.router.add_post("/v1/messages/batches", create)
    app.router.add_get("/v1/messages/batches/{batch_id}", retrieve)
    app.router.add_get("/v1/messages/batches/{batch_id}/results", read_results)
    return app


def _anthropic_result(fate: str) -> dict[str, Any]:
    if fate == "succeeded":
        return {"type": "succeeded", "message": anthropic_message()[1]}
    if fate == "truncated":
        return {"type": "succeeded", "message": anthropic_message(stop_reason="max_tokens")[1]}
    if fate == "errored":
        error = anthropic_error("invalid_request_error", "prompt is too long: 210000 tokens")
        return {"type": "errored", "error": error}
    return {"type": fate}


# --- Mistral batch jobs and OpenAI /v1/batches -----------------------------------------------

# createbatchjobrequest.py and apiendpoint.py.
MISTRAL_JOB_FIELDS = {
    "input_files", "requests", "model", "agent_id", "metadata", "endpoint", "timeout_hours",
}  # fmt: skip
MISTRAL_ENDPOINTS = {
    "/v1/chat/completions", "/v1/embeddings", "/v1/fim/completions", "/v1/moderations",
    "/v1/chat/moderations", "/v1/ocr", "/v1/classifications", "/v1/chat/classifications",
    "/v1/conversations", "/v1/audio/transcriptions",
}  # fmt: skip
# batch_create_params.py.
OPENAI_BATCH_FIELDS = {
    "input_file_id", "endpoint", "completion_window", "metadata", "output_expires_after",
}  # fmt: skip


def _add_file_routes(
    app: web.Application,
    batches: Batches,
    authenticated: Callable[[web.Request], web.Response | None],
    not_found: dict[str, Any],
    more_fields: Callable[[bytes], dict[str, Any]] = lambda content: {},
) -> None:
    """OpenAI's ``POST /v1/files`` (multipart, ``purpose=batch`` and a ``file``) and
    ``GET /v1/files/{file_id}/content``, which Mistral serves too, with ``more_fields`` in the
    uploaded file's description and ``not_found`` as its 404's body."""

    async def upload(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        if not request.content_type.startswith("multipart/form-data"):
            return batches.refuse(422, {"detail": "multipart/form-data expected"})
        form = await request.post()
        if form.get("purpose") != "batch" or not hasattr(form.get("file"), "file"):
            return batches.refuse(422, {"detail": "file and purpose=batch are required"})
        uploaded: Any = form["file"]
        content: bytes = uploaded.file.read()
        file_id = f"file-{len(batches.files):04d}"
        batches.files[file_id] = content
        described = {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": "batch.jsonl",
            "purpose": "batch",
        }
        return web.json_response(described | more_fields(content))

    async def content(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        file_id = request.match_info["file_id"]
        if file_id not in batches.files:
            return batches.refuse(404, not_found)
        return web.Response(body=batches.files[file_id], content_type="application/octet-stream")

    app.router.add_post("/v1/files", upload)
    app.router.add_get("/v1/files/{file_id}/content", content)


def _jsonl(content: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in content.decode().splitlines() if line.strip()]


def _openai_style_output(
    batches: Batches, lines: list[dict[str, Any]], reply: Any, expired_line: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The output and error lines of a batch of ``lines``; an expired request is left out, or
    written to the error file with ``batch_expired`` (``expired_line``)."""
    output, errors = [], []
    for index, line in enumerate(lines):
        fate = batches.fate(index)
        base = {"id": f"batch_req_{index}", "custom_id": line["custom_id"]}
        if fate in ("succeeded", "truncated"):
            status, body, _ = reply("length" if fate == "truncated" else "stop")
            response = {"status_code": status, "request_id": f"req_{index}", "body": body}
            output.append(base | {"response": response, "error": None})
        elif fate == "errored":
            body = {"error": {"message": "Max tokens exceeded.", "type": "invalid_request_error"}}
            response = {"status_code": 400, "request_id": f"req_{index}", "body": body}
            errors.append(base | {"response": response, "error": None})
        elif expired_line:
            error = {"code": "batch_expired", "message": "This request could not be executed."}
            errors.append(base | {"response": None, "error": error})
    return output, errors


def mistral_batches_app(fake: Fake, batches: Batches) -> web.Application:
    """``mistral_app`` plus ``/v1/files``, ``/v1/files/{id}/content`` and ``/v1/batch/jobs``."""
    app = mistral_app(fake)
    jobs: dict[str, dict[str, Any]] = {}

    def authenticated(request: web.Request) -> web.Response | None:
        return mistral_gate(request, fake.key, batches.refuse)

    def extra_forbidden(names: list[str]) -> web.Response:
        detail = [{"type": "extra_forbidden", "loc": ["body", n]} for n in names]
        return batches.refuse(422, {"object": "error", "message": {"detail": detail}})

    async def create(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        body = await request.json()
        if unknown := [name for name in body if name not in MISTRAL_JOB_FIELDS]:
            return extra_forbidden(unknown)
        if body.get("endpoint") not in MISTRAL_ENDPOINTS or not body.get("model"):
            return batches.refuse(422, {"object": "error", "message": "endpoint and model"})
        lines = [line for f in body.get("input_files", []) for line in _jsonl(batches.files[f])]
        for line in lines:
            if unknown := [name for name in line if name not in ("custom_id", "body")]:
                return extra_forbidden(unknown)
            if unknown := [name for name in line["body"] if name not in MISTRAL_FIELDS]:
                return extra_forbidden(unknown)
        if (problem := batches.check_ids([line.get("custom_id") for line in lines])) is not None:
            return batches.refuse(422, {"object": "error", "message": problem})
        job_id = f"job-{len(batches.submitted):04d}"
        batches.submitted.append(lines)
        jobs[job_id] = {"lines": lines, "model": body["model"], "created": int(time.time())}
        return web.json_response(job(job_id))

    def job(job_id: str, ended: bool = False) -> dict[str, Any]:
        record = jobs[job_id]
        lines = record["lines"]
        fates = [batches.fate(i) for i in range(len(lines))]
        status = "QUEUED"
        output_file = error_file = None
        if ended:
            status = "TIMEOUT_EXCEEDED" if "expired" in fates else "SUCCESS"
            output, errors = _openai_style_output(
                batches, lines, lambda reason: mistral_reply(finish_reason=reason), False
            )
            output_file, error_file = f"{job_id}-out", f"{job_id}-err" if errors else None
            batches.files[output_file] = "".join(json.dumps(o) + "\n" for o in output).encode()
            if error_file:
                batches.files[error_file] = "".join(json.dumps(e) + "\n" for e in errors).encode()
        done = ended and status == "SUCCESS"
        # batchjob.py
        return {
            "id": job_id,
            "object": "batch",
            "input_files": ["file"],
            "metadata": None,
            "endpoint": "/v1/chat/completions",
            "model": record["model"],
            "output_file": output_file,
            "error_file": error_file,
            "errors": [],
            "status": status,
            "created_at": record["created"],
            "total_requests": len(lines),
            "completed_requests": len(lines) if done else 0,
            "succeeded_requests": fates.count("succeeded") if ended else 0,
            "failed_requests": fates.count("errored") if ended else 0,
            "started_at": record["created"],
            "completed_at": int(time.time()) if ended else None,
        }

    async def retrieve(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        job_id = request.match_info["job_id"]
        if job_id not in jobs:
            return batches.refuse(404, {"object": "error", "message": "Not found"})
        return web.json_response(job(job_id, batches.ended(job_id)))

    _add_file_routes(
        app,
        batches,
        authenticated,
        not_found={"object": "error", "message": "Not found"},
        # createfileresponse.py: the fields Mistral adds to OpenAI's
        more_fields=lambda content: {
            "sample_type": "batch_request",
            "source": "upload",
            "num_lines": len(_jsonl(content)),
        },
    )
    app.router.add_post("/v1/batch/jobs", create)
    app.router.add_get("/v1/batch/jobs/{job_id}", retrieve)
    return app


def openai_batches_app(fake: Fake, batches: Batches) -> web.Application:
    """An OpenAI-compatible endpoint (Albert's model routes) that serves ``/v1/files`` and
    ``/v1/batches``."""
    app = albert_app(fake, lists_aliases=True)
    stored: dict[str, dict[str, Any]] = {}

    def authenticated(request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"Bearer {fake.key}":
            return batches.refuse(401, {"error": {"message": "Incorrect API key provided"}})
        return None

    async def create(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        body = await request.json()
        if unknown := [name for name in body if name not in OPENAI_BATCH_FIELDS]:
            return batches.refuse(400, {"error": {"message": f"Unknown parameter: {unknown[0]}"}})
        if body.get("completion_window") != "24h" or body.get("endpoint") != (
            "/v1/chat/completions"
        ):
            return batches.refuse(400, {"error": {"message": "completion_window or endpoint"}})
        lines = _jsonl(batches.files[body["input_file_id"]])
        for line in lines:
            if set(line) != {"custom_id", "method", "url", "body"} or line["method"] != "POST":
                return batches.refuse(400, {"error": {"message": f"line fields {sorted(line)}"}})
            if line["url"] != body["endpoint"]:
                return batches.refuse(400, {"error": {"message": "url differs from endpoint"}})
            if line["body"].get("model") not in ALBERT_NAMES:
                return batches.refuse(400, {"error": {"message": "model not found"}})
        if (problem := batches.check_ids([line.get("custom_id") for line in lines])) is not None:
            return batches.refuse(400, {"error": {"message": problem}})
        batch_id = f"batch_{len(batches.submitted):04d}"
        batches.submitted.append(lines)
        stored[batch_id] = {"lines": lines, "created": int(time.time()), "body": body}
        return web.json_response(batch(batch_id))

    def batch(batch_id: str, ended: bool = False) -> dict[str, Any]:
        record = stored[batch_id]
        lines = record["lines"]
        fates = [batches.fate(i) for i in range(len(lines))]
        status, output_id, error_id = "in_progress", None, None
        if ended:
            status = "expired" if "expired" in fates else "completed"
            output, errors = _openai_style_output(
                batches, lines, lambda reason: _albert_reply(reason), True
            )
            output_id, error_id = f"{batch_id}-out", f"{batch_id}-err"
            batches.files[output_id] = "".join(json.dumps(o) + "\n" for o in output).encode()
            batches.files[error_id] = "".join(json.dumps(e) + "\n" for e in errors).encode()
        # batch.py, batch_request_counts.py
        return {
            "id": batch_id,
            "object": "batch",
            "endpoint": "/v1/chat/completions",
            "input_file_id": record["body"]["input_file_id"],
            "completion_window": "24h",
            "status": status,
            "output_file_id": output_id,
            "error_file_id": error_id,
            "created_at": record["created"],
            "errors": None,
            "request_counts": {
                "total": len(lines),
                "completed": len(lines) - fates.count("errored") if ended else 0,
                "failed": fates.count("errored") if ended else 0,
            },
        }

    async def retrieve(request: web.Request) -> web.Response:
        if (refusal := authenticated(request)) is not None:
            return refusal
        batch_id = request.match_info["batch_id"]
        if batch_id not in stored:
            return batches.refuse(404, {"error": {"message": "No batch found"}})
        return web.json_response(batch(batch_id, batches.ended(batch_id)))

    _add_file_routes(app, batches, authenticated, not_found={"error": {"message": "No such file"}})
    app.router.add_post("/v1/batches", create)
    app.router.add_get("/v1/batches/{batch_id}", retrieve)
    return app


def _albert_reply(finish_reason: str) -> tuple[int, Any, dict[str, str]]:
    status, body, headers = mistral_reply(finish_reason=finish_reason)
    body["model"] = ALBERT_ID
    return status, body, headers
