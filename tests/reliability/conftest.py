"""What the reliability suite shares: CLI checks, gold builders and scriptable loopback servers."""

import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web
from typer.testing import CliRunner, Result

from harness.cli import app
from tests.models.fake_server import serve_app_in_thread

REPO = Path(__file__).resolve().parents[2]
BUNDLED_GOLD = REPO / "gold" / "services-publics-plus.jsonl"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def plume(*args: str, input: str | None = None) -> Result:
    """Run ``plume ARGS`` in-process, as a user would, and return what it printed and its code."""
    return CliRunner().invoke(app, list(args), input=input)


def assert_clean_failure(result: Result, *names: str, codes: tuple[int, ...] = (1, 2)) -> None:
    """A user error: exit 1 or 2, no traceback, and a message naming each of ``names``."""
    output = result.output
    assert result.exit_code in codes, (result.exit_code, output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"uncaught {result.exception!r}\n{output}"
    )
    assert "Traceback" not in output, output
    for name in names:
        assert name in output, (name, output)


def gold_lines(path: Path = BUNDLED_GOLD) -> list[dict[str, Any]]:
    """The items of a gold file as dictionaries."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write ``rows`` as JSONL (UTF-8, raw non-ASCII) and return ``path``."""
    path.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    return path


def numbered_gold(root: Path, count: int, name: str = "many") -> Path:
    """``count`` copies of one plain bundled item, each text starting ``[item-NNN]``."""
    base = next(r for r in gold_lines() if "personal-data" not in r["tags"] and r["tags"])
    rows = []
    for index in range(count):
        item = dict(base, id=f"item-{index:03d}")
        item["experience"] = dict(
            base["experience"], text=f"[item-{index:03d}] {base['experience']['text']}"
        )
        rows.append(item)
    return write_jsonl(root / "gold" / f"{name}.jsonl", rows)


def item_of(body: dict[str, Any]) -> str:
    """The ``item-NNN`` tag of a chat request built from :func:`numbered_gold`."""
    text = str(body["messages"][-1]["content"])
    start = text.index("[item-") + 1
    return text[start : text.index("]", start)]


def models_yaml(root: Path, *entries: dict[str, Any]) -> None:
    """Write ``models.yaml`` with the given model entries."""
    (root / "models.yaml").write_text(
        json.dumps({"models": list(entries)}, ensure_ascii=False), encoding="utf-8"
    )


def chat_answer(text: str, model: str = "model-x") -> dict[str, Any]:
    """An OpenAI-compatible chat completion."""
    return {
        "model": model,
        "choices": [{"message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 12, "completion_tokens": 5},
    }


@dataclass
class Endpoint:
    """A loopback endpoint speaking the OpenAI-compatible and Anthropic formats.

    Every request is recorded with its headers and raw body, so tests can read exactly what would
    have left the machine. ``chat`` answers OpenAI-style chat requests; ``messages`` Anthropic's.
    """

    reply: str = "Bonjour, nous avons bien reçu votre message."
    served: list[dict[str, Any]] = field(
        default_factory=lambda: [{"id": "model-x", "aliases": ["alias-x"]}]
    )
    chat: Handler | None = None
    raw: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    """(path, headers, body) of every request, in arrival order; JSON bodies decoded."""

    async def _record(self, request: web.Request) -> None:
        body = await request.text()
        # JSON escapes non-ASCII ("H\\u00e9l\\u00e8ne"): search what the escapes stand for.
        with contextlib.suppress(ValueError):
            body = json.dumps(json.loads(body), ensure_ascii=False)
        self.raw.append((request.path, dict(request.headers), body))

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        await self._record(request)
        if self.chat is not None:
            return await self.chat(request)
        return web.json_response(chat_answer(self.reply))

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        await self._record(request)
        body = await request.json()
        return web.json_response(
            {
                "id": "msg_1",
                "type": "message",
                "role": "assistant",
                "model": body.get("model", "claude-x"),
                "content": [{"type": "text", "text": self.reply}],
                "stop_reason": "end_turn",
                "usage": {"input_tokens": 20, "output_tokens": 8},
            }
        )

    async def _models(self, request: web.Request) -> web.StreamResponse:
        await self._record(request)
        return web.json_response({"object": "list", "data": self.served})

    async def _model(self, request: web.Request) -> web.StreamResponse:
        """One model by id or alias, as Anthropic resolves them (404 when unknown)."""
        await self._record(request)
        name = request.match_info["name"]
        for entry in self.served:
            if name == entry["id"] or name in entry.get("aliases", []):
                return web.json_response(entry)
        return web.json_response({"error": {"message": f"no model {name}"}}, status=404)

    def application(self) -> web.Application:
        application = web.Application(client_max_size=64 * 1024**2)
        application.router.add_post("/v1/chat/completions", self._chat)
        application.router.add_post("/v1/completions", self._chat)
        application.router.add_post("/v1/messages", self._messages)
        application.router.add_get("/v1/models", self._models)
        application.router.add_get("/v1/models/{name}", self._model)
        return application

    @property
    def bodies(self) -> list[str]:
        """Raw bodies of the generation requests (chat and messages)."""
        return [body for path, _, body in self.raw if "/models" not in path]

    def everything(self) -> str:
        """Every byte that reached the endpoint, headers included, as one text."""
        return "\n".join(
            f"{path}\n{json.dumps(headers)}\n{body}" for path, headers, body in self.raw
        )


def serving(endpoint: Endpoint) -> "contextlib.AbstractContextManager[str]":
    """Serve ``endpoint`` on 127.0.0.1 from a background thread; yield its base URL."""
    return serve_app_in_thread(endpoint.application())
