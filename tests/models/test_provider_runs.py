"""Whole runs against the strict provider fakes: what was sent is recorded and reported, cut
replies and quotas are counted per model with their cause, never scored, and ``--resume``
continues later."""

import json
from pathlib import Path

import pytest

from harness.report import write_report
from harness.runner import RunSpec, execute, read_samples
from tests.models.fake_server import serve_app_in_thread
from tests.models.providers import Answer, Fake, albert_app, mistral_app, mistral_reply


def models_yaml(root: Path, name: str, provider: str, model: str, base_url: str) -> None:
    (root / "models.yaml").write_text(
        "models:\n"
        f"  - name: {name}\n"
        f"    provider: {provider}\n"
        f"    model: {model}\n"
        f"    base_url: {base_url}\n"
        "    api_key_env: PROVIDER_KEY\n"
        "    params: {temperature: 0.0, max_tokens: 600, seed: 1}\n"
        "    concurrency: 1\n",
        encoding="utf-8",
    )


@pytest.fixture
def root(small_local_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PROVIDER_KEY", "provider-key")
    return small_local_root


def spec_for(root: Path, **overrides: object) -> RunSpec:
    return RunSpec.model_validate(
        {"gold": root / "gold" / "mini.jsonl", "out": root / "runs", "scorers": [], "limit": 3}
        | overrides
    )


def test_a_truncated_reply_is_counted_not_scored_and_what_was_sent_is_recorded(
    root: Path,
) -> None:
    fake = Fake(
        key="provider-key",
        then=[mistral_reply(), mistral_reply(finish_reason="length"), mistral_reply()],
    )
    with serve_app_in_thread(mistral_app(fake)) as base_url:
        models_yaml(root, "mistral", "mistral", "mistral-medium-latest", base_url)
        outcome = execute(spec_for(root))
    manifest = json.loads((outcome.run_dir / "run.json").read_text(encoding="utf-8"))
    model = manifest["models"][0]
    assert model["served"] == "mistral-medium-2604"
    assert model["sent"] == {"max_tokens": 600, "temperature": 0.0, "random_seed": 1}
    results = json.loads((outcome.run_dir / "results.json").read_text(encoding="utf-8"))
    assert results["models"]["mistral"]["causes"] == {"truncated": 1}
    cut = [r for r in read_samples(outcome.run_dir / "samples.jsonl") if r.cause == "truncated"]
    assert len(cut) == 1 and cut[0].reply is None and cut[0].scores == {}
    # Its tokens were paid: they count in the cost (3 answers of 100 tokens in, 40 out).
    assert results["models"]["mistral"]["input_tokens"] == 300
    assert fake.refused == [] and all(
        body["model"] == "mistral-medium-2604" for body in fake.bodies
    )
    report = write_report(outcome.run_dir).read_text(encoding="utf-8")
    assert "mistral-medium-2604; sent max_tokens=600, temperature=0.0, random_seed=1" in report
    assert "truncated" in report


def test_a_daily_quota_stops_the_model_and_resume_continues_later(root: Path) -> None:
    day: Answer = (429, {"detail": "Rate limit exceeded: 1000 requests per day."}, {})
    fake = Fake(key="provider-key", then=[day])
    with serve_app_in_thread(albert_app(fake)) as base_url:
        models_yaml(root, "albert", "openai-compatible", "openweight-medium", base_url)
        first = execute(spec_for(root))
        records = read_samples(first.run_dir / "samples.jsonl")
        assert [r.cause for r in records] == ["quota_exhausted"] * 3
        assert len(fake.bodies) == 1  # one call, then none
        fake.then = [mistral_reply()]  # the next day
        execute(spec_for(root), run_dir=first.run_dir)
    results = json.loads((first.run_dir / "results.json").read_text(encoding="utf-8"))
    assert results["models"]["albert"]["errors"] == 0
    assert len(fake.bodies) == 4
