"""Token buckets for requests and tokens per minute."""

import asyncio
import time


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
