"""Limits: buckets for the rates ``models.yaml`` declares, and what the provider says is left."""

import asyncio
import hashlib
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime


class TokenBucket:
    """A bucket of ``per_minute`` tokens refilled continuously; ``take`` waits for enough.

    A request larger than the whole bucket is let through once the bucket is full, so a single
    large prompt never blocks forever.
    """

    def __init__(self, per_minute: float) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.level = self.capacity
        self.updated = time.monotonic()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = time.monotonic()
        self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
        self.updated = now

    async def take(self, amount: float = 1.0) -> None:
        """Wait until ``amount`` tokens are available, then remove them."""
        needed = min(amount, self.capacity)
        async with self._lock:
            self._refill()
            while self.level < needed:
                await asyncio.sleep((needed - self.level) / self.rate)
                self._refill()
            self.level -= amount


_DIMENSIONS = {
    # Anthropic (rate-limits page): anthropic-ratelimit-{dimension}-{remaining,reset}, RFC 3339.
    "requests": ("anthropic-ratelimit-requests", "x-ratelimit-remaining-requests"),
    "input_tokens": ("anthropic-ratelimit-input-tokens", None),
    "output_tokens": ("anthropic-ratelimit-output-tokens", None),
    # OpenAI-style servers: x-ratelimit-{remaining,reset}-{requests,tokens}, reset as "6m0s".
    "tokens": ("anthropic-ratelimit-tokens", "x-ratelimit-remaining-tokens"),
}
_DURATION = re.compile(
    r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?"
    r"(?:(\d+(?:\.\d+)?)ms)?$"
)


def _seconds_until(value: str) -> float | None:
    """Seconds from now to a reset given as an RFC 3339 moment or a duration (``1m30s``)."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = _DURATION.match(value.strip())
        if match is None or not any(match.groups()):
            return None
        hours, minutes, seconds, millis = (float(g) if g else 0.0 for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds + millis / 1000
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((moment - datetime.now(UTC)).total_seconds(), 0.0)


class ProviderLimits:
    """What a provider says is left of its limits, for one endpoint and key.

    Every answer's rate-limit headers update it; before a request, ``take`` waits until the
    provider's reset when what the request needs is not left, then counts it as spent until the
    next answer says otherwise. Shared by every model on the same endpoint and key (``shared``).
    """

    def __init__(self) -> None:
        self._left: dict[str, tuple[float, float]] = {}
        """Dimension → (remaining, monotonic time of its reset)."""

    def update(self, headers: Mapping[str, str]) -> None:
        """Read the rate-limit headers of an answer (success or error)."""
        now = time.monotonic()
        for dimension, (anthropic, openai) in _DIMENSIONS.items():
            remaining = headers.get(f"{anthropic}-remaining")
            reset = headers.get(f"{anthropic}-reset")
            if remaining is None and openai is not None:
                remaining = headers.get(openai)
                reset = headers.get(openai.replace("remaining", "reset"))
            if remaining is None or reset is None:
                continue
            wait = _seconds_until(reset)
            try:
                left = float(remaining)
            except ValueError:
                continue
            if wait is not None:
                self._left[dimension] = (left, now + wait)

    async def take(self, needs: Mapping[str, float]) -> None:
        """Wait until the provider's limits leave room for ``needs`` (dimension → amount)."""
        for dimension, amount in needs.items():
            if dimension not in self._left:
                continue
            left, reset_at = self._left[dimension]
            delay = reset_at - time.monotonic()
            if left < amount and delay > 0:
                await asyncio.sleep(delay)
                continue  # a new window: the next answer says what is left
            self._left[dimension] = (left - amount, reset_at)


_SHARED: dict[tuple[str, str], ProviderLimits] = {}


def shared(base_url: str, api_key: str | None) -> ProviderLimits:
    """The limits of one endpoint and key, the same object for every model that uses them."""
    key_id = hashlib.sha256((api_key or "").encode()).hexdigest()
    return _SHARED.setdefault((base_url.rstrip("/"), key_id), ProviderLimits())
