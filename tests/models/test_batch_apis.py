"""``plume run --batch`` against loopback fakes of the three batch APIs (tests.models.batch_fakes):
a batch is submitted, polled while in progress and collected once it ends with some errors and
expired requests; replies are scored and recorded as direct ones are, failures keep their cause,
the cost is the batch price, and the replies enter the completion cache."""

import asyncio
import functools
import json
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from harness.models import (
    ChatMessage,
    CompletionCache,
    Ledger,
    Model,
    ModelCallError,
    load_models,
    run_batch,
)
from harness.runner import RunSpec, execute, read_samples
from tests.models.batch_fakes import (
    Batches,
    anthropic_batches_app,
    mistral_batches_app,
    openai_batches_app,
)
from tests.models.fake_server import serve_app, serve_app_in_thread
from tests.models.providers import Fake
from tests.runner.test_faults import make_gold

KEY = "provider-key"


def batch_models_yaml(root: Path, provider: str, model: str, base_url: str) -> None:
    """One model that declares a batch API, list price 2/10, batch price 1/5."""
    params = "{max_tokens: 2000}" if provider == "anthropic" else "{temperature: 0.0, seed: 1}"
    accepts = "    accepts: [stop, effort]\n" if provider == "anthropic" else ""
    (root / "models.yaml").write_text(
        "models:\n"
        "  - name: m\n"
        f"    provider: {provider}\n"
        f"    model: {model}\n"
        f"    base_url: {base_url}\n"
        "    api_key_env: PROVIDER_KEY\n"
        f"{accepts}"
        f"    params: {params}\n"
        "    price_in: 2.0\n"
        "    price_out: 10.0\n"
        "    batch: {price_in: 1.0, price_out: 5.0, prices_read: 2026-12-07}\n",
        encoding="utf-8",
    )


@pytest.fixture
def root(small_local_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PROVIDER_KEY", KEY)
    make_gold(small_local_root, 4)
    return small_local_root


def spec_for(root: Path, **overrides: object) -> RunSpec:
    return RunSpec.model_validate(
        {
            "gold": root / "gold" / "many.jsonl",
            "out": root / "runs",
            "scorers": [],
            "limit": 4,
            "batch": True,
        }
        | overrides
    )


AppFactory = Callable[[Fake, Batches], web.Application]
CASES = [
    # provider, model, app, tokens in/out of one reply (the fakes' usage)
    pytest.param(
        "anthropic", "claude-sonnet-5-5", anthropic_batches_app, (120, 48), id="anthropic"
    ),
    pytest.param("mistral", "mistral-medium-2604", mistral_batches_app, (100, 40), id="mistral"),
    pytest.param(
        "openai-compatible", "openweight-medium", openai_batches_app, (100, 40), id="openai"
    ),
]


@pytest.mark.parametrize(("provider", "model", "app", "usage"), CASES)
def test_a_batch_with_some_errors_and_expired_requests_is_collected_and_recorded(
    root: Path,
    provider: str,
    model: str,
    app: AppFactory,
    usage: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Polls 10 ms apart instead of one second: the fakes' batches end after two polls, however
    # long the wait between them.
    monkeypatch.setattr("harness.runner._run.run_batch", functools.partial(run_batch, poll_s=0.01))
    batches = Batches(polls=2, fates=["succeeded", "truncated", "errored", "expired"])
    fake = Fake(key=KEY)
    with serve_app_in_thread(app(fake, batches)) as base_url:
        batch_models_yaml(root, provider, model, base_url)
        outcome = execute(spec_for(root))
    assert batches.refused == [] and fake.refused == []
    assert fake.bodies == []  # nothing was called directly
    assert len(batches.submitted) == 1 and len(batches.submitted[0]) == 4
    assert batches.seen_polls == 3  # in progress twice, then ended
    records = {r.id: r for r in read_samples(outcome.run_dir / "samples.jsonl")}
    causes = sorted(str(r.cause) for r in records.values() if r.error is not None)
    # The errored request is classified as a direct call's error would be: Anthropic's "prompt
    # is too long", Albert's 400 "Max tokens exceeded.".
    expected = ["context_too_long", "expired", "truncated"]
    assert causes == expected
    replies = [r for r in records.values() if r.error is None]
    assert len(replies) == 1 and replies[0].reply and replies[0].completion is not None
    assert replies[0].completion.batch
    results = json.loads((outcome.run_dir / "results.json").read_text(encoding="utf-8"))
    model_results = results["models"]["m"]
    assert model_results["causes"] == {cause: 1 for cause in expected}
    # The reply and the truncated one were paid, at the batch price (1 and 5 per million).
    tokens_in, tokens_out = usage
    assert model_results["cost"] == pytest.approx(2 * (tokens_in * 1.0 + tokens_out * 5.0) / 1e6)
    assert model_results["latency_p50_s"] is None  # a batch's wait is no call's latency
    ledger = json.loads((outcome.run_dir / "batches.json").read_text(encoding="utf-8"))
    assert [(b["model"], b["collected"], len(b["keys"])) for b in ledger["batches"]] == [
        ("m", True, 4)
    ]


@pytest.mark.parametrize(("provider", "model", "app", "usage"), CASES[:2])
def test_resume_sends_only_the_failed_requests_in_a_new_batch(
    root: Path, provider: str, model: str, app: AppFactory, usage: tuple[int, int]
) -> None:
    batches = Batches(polls=0, fates=["succeeded", "errored"])
    fake = Fake(key=KEY)
    with serve_app_in_thread(app(fake, batches)) as base_url:
        batch_models_yaml(root, provider, model, base_url)
        first = execute(spec_for(root))
        batches.fates = ["succeeded"]
        execute(spec_for(root), run_dir=first.run_dir)
        # A new run of the same items is answered by the cache: nothing is submitted.
        again = execute(spec_for(root))
    assert [len(b) for b in batches.submitted] == [4, 3]
    results = json.loads((first.run_dir / "results.json").read_text(encoding="utf-8"))
    assert results["models"]["m"]["errors"] == 0
    cached = json.loads((again.run_dir / "results.json").read_text(encoding="utf-8"))
    assert cached["models"]["m"]["cached"] == 4 and cached["models"]["m"]["cost"] == 0.0
    # What the cached replies cost is their batch price.
    tokens_in, tokens_out = usage
    assert cached["models"]["m"]["cost_from_cache"] == pytest.approx(
        4 * (tokens_in * 1.0 + tokens_out * 5.0) / 1e6
    )


def test_models_without_a_batch_api_are_called_directly(root: Path) -> None:
    fake = Fake(key=KEY)
    batches = Batches()
    with serve_app_in_thread(mistral_batches_app(fake, batches)) as base_url:
        batch_models_yaml(root, "mistral", "mistral-medium-2604", base_url)
        models = root / "models.yaml"
        models.write_text(models.read_text().split("    batch:")[0], encoding="utf-8")
        outcome = execute(spec_for(root, limit=2))
    assert batches.submitted == [] and len(fake.bodies) == 2
    assert all(r.error is None for r in read_samples(outcome.run_dir / "samples.jsonl"))


def test_batch_needs_the_completion_cache(root: Path) -> None:
    from harness.errors import UsageError

    batch_models_yaml(root, "mistral", "mistral-medium-2604", "http://127.0.0.1:9/v1")
    with pytest.raises(UsageError, match="--no-cache"):
        execute(spec_for(root, cache=False))


def test_every_request_of_a_batch_passes_the_personal_data_guard(
    root: Path, tmp_path: Path
) -> None:
    """A prompt the guard refuses is never sent; the others of the batch are."""
    fake = Fake(key=KEY)
    batches = Batches(polls=0)

    async def scenario() -> list[object]:
        async with serve_app(mistral_batches_app(fake, batches)) as base_url:
            batch_models_yaml(root, "mistral", "mistral-medium-2604", base_url)
            spec = load_models(root / "models.yaml")["m"]
            async with aiohttp.ClientSession() as session:
                model = Model(spec, session)
                await model.resolve()
                cache = CompletionCache(tmp_path / "cache.sqlite")
                clean = [ChatMessage(role="user", content="Bonjour, quels sont vos horaires ?")]
                leak = [ChatMessage(role="user", content="Rappelez-moi au 06 12 34 56 78, merci.")]
                try:
                    return list(
                        await run_batch(
                            model,
                            session,
                            [clean, leak],
                            ledger=Ledger(tmp_path / "batches.json"),
                            cache=cache,
                        )
                    )
                finally:
                    cache.close()

    kept, refused = asyncio.run(scenario())
    assert isinstance(refused, ModelCallError) and refused.cause == "personal_data"
    assert not isinstance(kept, ModelCallError)
    sent = json.dumps(batches.submitted, ensure_ascii=False)
    assert len(batches.submitted[0]) == 1 and "06 12 34 56 78" not in sent
