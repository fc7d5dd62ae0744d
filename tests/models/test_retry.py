"""The one retry loop: what it retries, how long it waits, and when it gives up."""

import asyncio
import random

import pytest

from harness.models import ModelCallError, RetryPolicy, call_with_retries


class Flaky:
    """Fails with the given errors in order, then answers."""

    def __init__(self, *errors: ModelCallError) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def run(flaky: Flaky, policy: RetryPolicy) -> tuple[tuple[str, int], list[float]]:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    result = asyncio.run(call_with_retries(flaky, policy, sleep=sleep, rng=random.Random(1)))
    return result, waits


def test_retryable_errors_are_retried_until_success() -> None:
    flaky = Flaky(
        ModelCallError("429", retryable=True, status=429),
        ModelCallError("503", retryable=True, status=503),
    )
    (value, attempts), waits = run(flaky, RetryPolicy(max_attempts=5, base_s=1.0))
    assert value == "ok" and attempts == 3 and flaky.calls == 3
    assert len(waits) == 2


def test_retry_after_is_honoured() -> None:
    flaky = Flaky(ModelCallError("429", retryable=True, status=429, retry_after=7.0))
    _, waits = run(flaky, RetryPolicy(max_attempts=3, base_s=0.1, cap_s=60))
    assert waits == [7.0]


def test_waits_never_exceed_the_cap() -> None:
    flaky = Flaky(*[ModelCallError("x", retryable=True, retry_after=500.0) for _ in range(3)])
    _, waits = run(flaky, RetryPolicy(max_attempts=4, base_s=100, cap_s=5))
    assert waits and all(w <= 5 for w in waits)


def test_backoff_grows_exponentially_on_average() -> None:
    errors = [ModelCallError("x", retryable=True) for _ in range(200)]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    for start in range(0, 200, 4):
        flaky = Flaky(*errors[start : start + 4])
        asyncio.run(
            call_with_retries(flaky, RetryPolicy(max_attempts=5, base_s=1, cap_s=100), sleep=sleep)
        )
    first, fourth = waits[0::4], waits[3::4]
    assert sum(fourth) / len(fourth) > 4 * sum(first) / len(first)


def test_non_retryable_errors_fail_at_once() -> None:
    flaky = Flaky(ModelCallError("401", retryable=False, status=401))
    with pytest.raises(ModelCallError, match="401"):
        run(flaky, RetryPolicy(max_attempts=5))
    assert flaky.calls == 1


def test_attempts_are_bounded() -> None:
    flaky = Flaky(*[ModelCallError("500", retryable=True, status=500) for _ in range(10)])
    with pytest.raises(ModelCallError):
        run(flaky, RetryPolicy(max_attempts=3))
    assert flaky.calls == 3
