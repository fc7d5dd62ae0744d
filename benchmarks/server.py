"""A loopback OpenAI-compatible endpoint that answers every request after a fixed latency.

It runs in its own process so that its CPU time is not charged to the harness under test, binds
127.0.0.1 only, prints ``PORT <n>`` once it listens, and exits when its standard input closes: the
parent holding the pipe is the only thing keeping it alive, so it never outlives a benchmark that
crashes or is killed.

Replies are chosen from a pool by a hash of the request body, and carry a number drawn from the
same hash: the same request always gets the same reply (so cached and uncached runs see the same
work), and different requests get different texts (so no scorer can profit from repeats).
"""

import argparse
import asyncio
import ctypes
import hashlib
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from aiohttp import web

MODEL_ID = "bench-model"


class Endpoint:
    """The request handlers and their counters."""

    def __init__(self, latency_s: float, replies: list[str]) -> None:
        self.latency_s = latency_s
        self.replies = replies
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.bodies: list[bytes] = []
        # time.monotonic() is one clock for every process on Linux: a harness can compare its own
        # start and end with these to see its time before the first request and after the last.
        self.first_request_at: float | None = None
        self.last_answer_at: float | None = None

    def _reply(self, body: bytes) -> str:
        digest = int.from_bytes(hashlib.blake2b(body, digest_size=8).digest(), "big")
        text = self.replies[digest % len(self.replies)]
        return f"{text}\n\nVotre demande est enregistrée sous le numéro {digest % 1_000_000:06d}."

    async def _answer(self, request: web.Request, chat: bool) -> web.Response:
        body = await request.read()
        self.requests += 1
        if self.first_request_at is None:
            self.first_request_at = time.monotonic()
        self.bodies.append(body)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.latency_s)
        finally:
            self.in_flight -= 1
            self.last_answer_at = time.monotonic()
        text = self._reply(body)
        choice: dict[str, Any] = (
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            if chat
            else {"index": 0, "text": text, "finish_reason": "stop"}
        )
        payload = {
            "id": "bench",
            "object": "chat.completion" if chat else "text_completion",
            "created": 0,
            "model": MODEL_ID,
            "choices": [choice],
            "usage": {
                "prompt_tokens": len(body) // 4,
                "completion_tokens": len(text) // 4,
                "total_tokens": len(body) // 4 + len(text) // 4,
            },
        }
        return web.Response(text=json.dumps(payload), content_type="application/json")

    async def chat(self, request: web.Request) -> web.Response:
        return await self._answer(request, chat=True)

    async def completion(self, request: web.Request) -> web.Response:
        return await self._answer(request, chat=False)

    async def models(self, request: web.Request) -> web.Response:
        entry = {"id": MODEL_ID, "object": "model", "owned_by": "bench", "aliases": []}
        return web.json_response({"object": "list", "data": [entry]})

    async def model(self, request: web.Request) -> web.Response:
        if request.match_info["name"] != MODEL_ID:
            return web.json_response({"error": "unknown model"}, status=404)
        return web.json_response({"id": MODEL_ID, "object": "model", "owned_by": "bench"})

    async def stats(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "requests": self.requests,
                "max_in_flight": self.max_in_flight,
                "first_request_at": self.first_request_at,
                "last_answer_at": self.last_answer_at,
            }
        )

    async def messages(self, request: web.Request) -> web.Response:
        # What was asked since the last reset, so another harness can be asked the same.
        asked = [json.loads(body).get("messages") for body in self.bodies]
        return web.json_response(asked)

    async def reset(self, request: web.Request) -> web.Response:
        self.requests = 0
        self.max_in_flight = 0
        self.bodies = []
        self.first_request_at = self.last_answer_at = None
        return web.json_response({"ok": True})


def _die_with_parent() -> None:
    # Linux only: the kernel sends SIGTERM if the parent dies, even by SIGKILL.
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


async def _serve(latency_s: float, replies: list[str]) -> None:
    endpoint = Endpoint(latency_s, replies)
    app = web.Application()
    for prefix in ("/v1", ""):
        app.router.add_post(f"{prefix}/chat/completions", endpoint.chat)
        app.router.add_post(f"{prefix}/completions", endpoint.completion)
        app.router.add_get(f"{prefix}/models", endpoint.models)
        app.router.add_get(f"{prefix}/models/{{name}}", endpoint.model)
    app.router.add_get("/stats", endpoint.stats)
    app.router.add_post("/reset", endpoint.reset)
    app.router.add_get("/messages", endpoint.messages)
    # No access log: writing a line per request would cost the server more than answering.
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    port = runner.addresses[0][1]
    print(f"PORT {port}", flush=True)
    loop = asyncio.get_running_loop()
    stdin_closed: asyncio.Future[None] = loop.create_future()

    def stop() -> None:
        if not stdin_closed.done():
            stdin_closed.set_result(None)

    def on_stdin() -> None:
        if not os.read(sys.stdin.fileno(), 4096):
            stop()

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    loop.add_signal_handler(signal.SIGTERM, stop)
    try:
        await stdin_closed
    finally:
        loop.remove_reader(sys.stdin.fileno())
        await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=1.0, help="seconds before each answer")
    parser.add_argument("--replies", type=Path, help="JSON list of reply texts to draw from")
    args = parser.parse_args()
    _die_with_parent()
    replies = (
        json.loads(args.replies.read_text(encoding="utf-8"))
        if args.replies
        else ["Bonjour,\n\nNous avons bien reçu votre message. Nous revenons vers vous."]
    )
    asyncio.run(_serve(args.latency, replies))


if __name__ == "__main__":
    main()
