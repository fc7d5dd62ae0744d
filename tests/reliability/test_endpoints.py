"""Misbehaving endpoints: each ends in a recorded failure with its cause, or in a faithful record.

The runner's fault-injection test (tests/runner/test_faults.py) covers 429, 500, timeouts,
malformed JSON and empty replies; these add a stall mid-response, a 10 MB answer, and an answer
from another model than the one asked for.
"""

import asyncio
import functools
import json
from pathlib import Path

import pytest
from aiohttp import web

from harness.models import RetryPolicy
from harness.runner import RunManifest, RunResults, RunSpec, execute, read_samples
from tests.reliability.conftest import Endpoint, chat_answer, models_yaml, numbered_gold, serving

TEN_MB = 10 * 1024 * 1024


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two attempts, 10 ms apart: the failures below are final, so waiting proves nothing."""
    monkeypatch.setattr(
        "harness.models._model.RetryPolicy",
        functools.partial(RetryPolicy, max_attempts=2, base_s=0.01),
    )


def _run(root: Path, endpoint: Endpoint, *, timeout_s: float = 5.0, items: int = 2) -> Path:
    gold = numbered_gold(root, items)
    with serving(endpoint) as base_url:
        models_yaml(
            root,
            {
                "name": "shaky",
                "provider": "openai-compatible",
                "model": "alias-x",
                "base_url": base_url,
                "api_key_env": "SHAKY_KEY",
                "timeout_s": timeout_s,
            },
        )
        return execute(RunSpec(gold=gold, out=root / "runs", few_shot=0, cache=False)).run_dir


@pytest.fixture
def shaky_root(plume_root: Path, monkeypatch: pytest.MonkeyPatch, fast_retries: None) -> Path:
    monkeypatch.setenv("SHAKY_KEY", "k")
    return plume_root


def _causes(run_dir: Path) -> list[str | None]:
    return [r.cause for r in read_samples(run_dir / "samples.jsonl")]


def test_a_server_that_stalls_mid_response_ends_in_a_timeout(shaky_root: Path) -> None:
    async def stall(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        await response.prepare(request)
        await response.write(b'{"model": "model-x", "choices": [{"message": {"content": "Bonj')
        await asyncio.sleep(30)
        return response

    run_dir = _run(shaky_root, Endpoint(chat=stall), timeout_s=0.2)
    assert _causes(run_dir) == ["timeout", "timeout"]
    records = read_samples(run_dir / "samples.jsonl")
    assert all(r.reply is None and "0.2 s" in (r.error or "") for r in records)
    results = RunResults.model_validate_json((run_dir / "results.json").read_text())
    assert results.models["shaky"].errors == 2 and results.models["shaky"].causes == {"timeout": 2}


def test_garbage_ends_in_a_bad_response_and_a_flood_is_cut_off(shaky_root: Path) -> None:
    async def garbage(request: web.Request) -> web.StreamResponse:
        return web.Response(body=b"x" * 100_000, content_type="application/json")

    async def flood(request: web.Request) -> web.StreamResponse:
        return web.Response(body=b"x" * TEN_MB, content_type="application/json")

    run_dir = _run(shaky_root, Endpoint(chat=garbage))
    assert _causes(run_dir) == ["bad_response", "bad_response"]
    run_dir = _run(shaky_root, Endpoint(chat=flood))
    assert _causes(run_dir) == ["oversized_answer", "oversized_answer"]
    assert all(len(line) < 10_000 for line in (run_dir / "samples.jsonl").open())


def _huge_reply(request: web.Request) -> web.StreamResponse:
    body = json.dumps(chat_answer("Bonjour. " * (TEN_MB // 9)))
    return web.Response(text=body, content_type="application/json")


async def _flood_reply(request: web.Request) -> web.StreamResponse:
    return _huge_reply(request)


def test_a_ten_megabyte_reply_ends_in_a_recorded_failure(shaky_root: Path) -> None:
    run_dir = _run(shaky_root, Endpoint(chat=_flood_reply))
    records = read_samples(run_dir / "samples.jsonl")
    assert len(records) == 2
    assert all(r.reply is None and r.cause == "oversized_answer" for r in records), [
        r.cause for r in records
    ]
    assert (run_dir / "samples.jsonl").stat().st_size < 100_000


def test_another_models_id_is_recorded_as_the_endpoint_reported_it(shaky_root: Path) -> None:
    async def impostor(request: web.Request) -> web.StreamResponse:
        return web.json_response(chat_answer("Bonjour, voici la réponse.", model="other-model"))

    run_dir = _run(shaky_root, Endpoint(chat=impostor))
    records = read_samples(run_dir / "samples.jsonl")
    assert len(records) == 2
    for record in records:
        assert record.error is None and record.completion is not None
        assert record.completion.served_model == "other-model"
    manifest = RunManifest.model_validate_json((run_dir / "run.json").read_text())
    assert manifest.models[0].requested == "alias-x" and manifest.models[0].served == "model-x"
