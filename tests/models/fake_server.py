"""A scripted OpenAI-compatible server on loopback, for faults a real server won't make."""

import asyncio
import contextlib
import json
import queue
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Scripted:
    """Answers in order: each entry is (status, body, headers); the last one repeats."""

    answers: list[tuple[int, Any, dict[str, str]]]
    served: list[dict[str, Any]] = field(
        default_factory=lambda: [{"id": "model-x", "aliases": ["alias-x"]}]
    )
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    async def chat(self, request: web.Request) -> web.Response:
        self.requests.append(await request.json())
        self.headers.append(dict(request.headers))
        status, body, headers = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        text = body if isinstance(body, str) else json.dumps(body)
        return web.Response(
            status=status, text=text, headers=headers, content_type="application/json"
        )

    async def models(self, request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": self.served})


def ok(text: str = "Bonjour, voici la réponse.") -> tuple[int, Any, dict[str, str]]:
    """A successful chat answer."""
    return (
        200,
        {
            "model": "model-x",
            "choices": [
                {"message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 12, "completion_tokens": 5},
        },
        {},
    )


@asynccontextmanager
async def serve_app(application: web.Application) -> AsyncIterator[str]:
    """Run ``application`` on 127.0.0.1 and yield its base URL (``http://127.0.0.1:PORT/v1``)."""
    # Handlers that stall are cancelled at shutdown instead of being waited for.
    runner = web.AppRunner(application, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        await runner.cleanup()


@contextmanager
def serve_app_in_thread(application: web.Application) -> Iterator[str]:
    """Run ``application`` in a background thread's loop, for code that runs its own loop."""
    ready: queue.Queue[str] = queue.Queue()
    stop = threading.Event()

    async def main() -> None:
        async with serve_app(application) as base_url:
            ready.put(base_url)
            while not stop.is_set():
                await asyncio.sleep(0.02)

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    try:
        yield ready.get(timeout=10)
    finally:
        stop.set()
        thread.join(timeout=10)


def scripted_app(script: Scripted) -> web.Application:
    """The OpenAI-compatible routes answered by ``script``."""
    app = web.Application()
    app.router.add_post("/v1/chat/completions", script.chat)
    app.router.add_post("/v1/completions", script.chat)
    app.router.add_get("/v1/models", script.models)
    return app


def serve(script: Scripted) -> "contextlib.AbstractAsyncContextManager[str]":
    """Run ``script`` on 127.0.0.1 and yield its base URL."""
    return serve_app(scripted_app(script))


def serve_in_thread(script: Scripted) -> "contextlib.AbstractContextManager[str]":
    """Run ``script`` in a background thread's event loop."""
    return serve_app_in_thread(scripted_app(script))
