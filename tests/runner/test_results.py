"""results.json's latency figures: numpy's linear percentiles, from any number of calls."""

from datetime import UTC, datetime

import pytest

from harness.models import Completion, ModelSpec
from harness.runner import SampleRecord, summarise

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SPEC = ModelSpec(name="m", provider="openai-compatible", model="m-1", base_url="http://x")


def _call(item: str, latency: float) -> SampleRecord:
    completion = Completion(text="Bonjour.", served_model="m-1", latency_s=latency)
    return SampleRecord(
        id=item,
        model="m",
        prompt_sha256="p" * 64,
        reply="Bonjour.",
        completion=completion,
        scores={},
        started_at=NOW,
        completed_at=NOW,
    )


@pytest.mark.parametrize(
    ("latencies", "p50", "p95"),
    [
        ([], None, None),
        ([1.5], 1.5, 1.5),
        ([1.0, 3.0], 2.0, 2.9),
        ([4.0, 1.0, 2.0, 3.0, 10.0], 3.0, 8.8),
    ],
)
def test_latency_percentiles_interpolate_between_calls(
    latencies: list[float], p50: float | None, p95: float | None
) -> None:
    records = [_call(f"i{n}", latency) for n, latency in enumerate(latencies)]
    results = summarise("r", records, [SPEC]).models["m"]
    assert results.latency_p50_s == pytest.approx(p50)
    assert results.latency_p95_s == pytest.approx(p95)
