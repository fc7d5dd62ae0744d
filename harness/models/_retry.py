"""The one retry loop: exponential backoff with full jitter, honouring ``Retry-After``."""

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from harness.models._errors import ModelCallError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How long and how often to retry a retryable failure."""

    max_attempts: int = 6
    """Calls in all, the first included."""
    base_s: float = 1.0
    """Backoff before the second attempt (upper bound of the jitter)."""
    cap_s: float = 60.0
    """Longest wait between two attempts, ``Retry-After`` included."""


async def call_with_retries(
    call: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    rng: random.Random | None = None,
) -> tuple[T, int]:
    """Run ``call`` until it succeeds or fails for good; return its result and the attempts used.

    Raises:
        ModelCallError: the last failure, when it is not retryable or attempts are exhausted.
    """
    rng = rng or random.Random()
    attempt = 1
    while True:
        try:
            return await call(), attempt
        except ModelCallError as error:
            if not error.retryable or attempt >= policy.max_attempts:
                raise
            backoff = rng.uniform(0, min(policy.cap_s, policy.base_s * 2 ** (attempt - 1)))
            wait = max(backoff, error.retry_after or 0.0)
            await sleep(min(wait, policy.cap_s))
            attempt += 1
