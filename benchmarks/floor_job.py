"""The floor: the same requests from the smallest correct aiohttp client, no harness around it.

It sends the exact bodies Plume sent, at the same concurrency, on one session, and parses each
answer; what it takes on this machine is the best any Python asyncio harness can do here, so
Plume's distance from it is Plume's own overhead and the rest is the machine's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp


async def _run(base_url: str, bodies: list[dict[str, Any]], concurrency: int) -> int:
    slots = asyncio.Semaphore(concurrency)
    answered = 0

    async def one(session: aiohttp.ClientSession, body: dict[str, Any]) -> None:
        nonlocal answered
        async with slots, session.post(f"{base_url}/chat/completions", json=body) as response:
            data = await response.json()
            answered += bool(data["choices"][0]["message"]["content"])

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session, asyncio.TaskGroup() as group:
        for body in bodies:
            group.create_task(one(session, body))
    return answered


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=Path, required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", default="bench-model")
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    bodies = [
        {"model": args.model, "messages": json.loads(line), "temperature": 0.0, "max_tokens": 600}
        for line in args.messages.read_text(encoding="utf-8").splitlines()
    ]
    started = time.perf_counter()
    answered = asyncio.run(_run(args.base_url, bodies, args.concurrency))
    result = {
        "harness": "bare aiohttp",
        "run_s": time.perf_counter() - started,
        "items": answered,
        "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
