"""Issue 6 acceptance: a server that fails 30 % of requests, and a run killed with SIGKILL."""

import asyncio
import functools
import hashlib
import json
import os
import signal
import subprocess
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from typer.testing import CliRunner

from harness.cli import app
from harness.models import RetryPolicy
from harness.runner import RunSpec, execute, read_samples
from tests.models.fake_server import Scripted, ok, serve_in_thread
from tests.runner.plume import PLUME, resume, wait_for_samples
from tests.runner.test_run import fake_models_yaml

ITEMS = 30


def make_gold(root: Path, count: int = ITEMS) -> Path:
    """``count`` items, each text naming its id so the server can tell requests apart."""
    base = json.loads((root / "gold" / "mini.jsonl").read_text(encoding="utf-8").splitlines()[0])
    lines = []
    for index in range(count):
        item = dict(base, id=f"item-{index:03d}")
        item["experience"] = dict(
            base["experience"], text=f"[item-{index:03d}] {base['experience']['text']}"
        )
        lines.append(json.dumps(item, ensure_ascii=False))
    path = root / "gold" / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def item_of(request: dict[str, Any]) -> str:
    text: str = request["messages"][-1]["content"]
    return text[text.index("[item-") + 1 : text.index("]", text.index("[item-"))]


@dataclass
class Faulty(Scripted):
    """Fails the first request of 30 % of the items, each with one kind of fault; then answers."""

    seen: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    async def chat(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        item = item_of(body)
        self.seen[item].append(time.monotonic())
        fault = int(hashlib.sha256(item.encode()).hexdigest(), 16) % 10
        first = len(self.seen[item]) == 1
        reply = f"Bonjour, réponse à {item}."
        if fault == 0 and first:
            return web.json_response(
                {"error": {"message": "rate"}}, status=429, headers={"Retry-After": "1"}
            )
        if fault == 1:
            return web.json_response({"error": {"message": "boom"}}, status=500)
        if fault == 2 and first:
            await asyncio.sleep(3)  # longer than the model's timeout
        if fault == 3:
            return web.Response(text="{not json", content_type="application/json")
        if fault == 4:
            reply = ""
        status, payload, headers = ok(reply)
        return web.json_response(payload, status=status, headers=headers)


def test_every_item_ends_scored_or_failed_with_its_cause(
    small_local_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    # Backoffs of 50 ms instead of 1 s: the items that always fail would otherwise wait about
    # 15 s through their six attempts. Retry-After still sets the wait of the rate-limited ones.
    monkeypatch.setattr(
        "harness.models._model.RetryPolicy", functools.partial(RetryPolicy, base_s=0.05)
    )
    gold = make_gold(small_local_root)
    script = Faulty([ok()])
    with serve_in_thread(script) as base_url:
        fake_models_yaml(small_local_root, base_url)
        models = small_local_root / "models.yaml"
        models.write_text(models.read_text() + "    timeout_s: 1\n    concurrency: 8\n")
        outcome = execute(
            RunSpec(gold=gold, out=small_local_root / "runs", cache=False, few_shot=0)
        )
    records = {r.id: r for r in read_samples(outcome.run_dir / "samples.jsonl")}
    assert len(records) == ITEMS
    faults = {
        f"item-{i:03d}": int(hashlib.sha256(f"item-{i:03d}".encode()).hexdigest(), 16) % 10
        for i in range(ITEMS)
    }
    expected_cause = {1: "server_error", 3: "bad_response", 4: "empty_reply"}
    for item, record in records.items():
        fault = faults[item]
        if fault in expected_cause:
            assert record.reply is None and record.cause == expected_cause[fault], (item, record)
        else:
            assert record.error is None and record.reply == f"Bonjour, réponse à {item}.", (
                item,
                record,
            )
            assert record.scores
    retried = [item for item, f in faults.items() if f == 0]
    assert retried, "the fixed ids must include rate-limited items"
    for item in retried:
        first, second = script.seen[item][:2]
        assert second - first >= 0.95, (
            f"{item} was retried {second - first:.2f} s after a Retry-After of 1 s"
        )
    assert any(f == 2 for f in faults.values()) and all(
        records[i].error is None for i, f in faults.items() if f == 2
    ), "a timed-out first call is retried and succeeds"


@dataclass
class Gated(Scripted):
    """Answers the first ``open_for`` requests at once and holds the others until ``released`` is
    set: a run stopped once those answers are recorded still has work left, on a fast machine or a
    loaded one, and a resumed run is answered without delay."""

    open_for: int = 0
    released: threading.Event = field(default_factory=threading.Event)

    async def chat(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        if len(self.requests) > self.open_for:
            while not self.released.is_set():
                await asyncio.sleep(0.01)
        status, payload, headers = ok(f"Bonjour, réponse à {item_of(body)}.")
        return web.json_response(payload, status=status, headers=headers)


def local_fake_model(root: Path, base_url: str) -> None:
    """The fake model, declared local: the run needs no anonymisation, hence no privacy pipeline,
    in the process that is stopped."""
    fake_models_yaml(root, base_url)
    models = root / "models.yaml"
    models.write_text(models.read_text(encoding="utf-8") + "    remote: false\n", encoding="utf-8")


def test_a_run_killed_midway_resumes_to_the_same_records(
    small_local_root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    gold = make_gold(small_local_root, 12)
    script = Gated([ok()], open_for=6)
    env = os.environ | {"PLUME_ROOT": str(small_local_root), "PLUME_CACHE_DIR": str(tmp_path / "c")}
    with serve_in_thread(script) as base_url:
        local_fake_model(small_local_root, base_url)
        out = tmp_path / "killed"
        command = [
            *PLUME,
            "run",
            "--gold",
            str(gold),
            "--few-shot",
            "0",
            "--no-cache",
            "--concurrency",
            "2",
        ]
        process = subprocess.Popen(
            [*command, "--out", str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        samples = wait_for_samples(out, 6)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert samples is not None, "the run never got going"
        partial = len(read_samples(samples))
        assert partial == 6  # the seventh and eighth requests are held
        script.released.set()
        resumed = resume(samples.parent, env)
        assert resumed.returncode == 0, resumed.stderr
        # The reference run is never stopped: it runs in this process.
        whole = CliRunner().invoke(
            app, [*command[len(PLUME) :], "--out", str(tmp_path / "whole")], env=env
        )
        assert whole.exit_code == 0, whole.stderr
    after = read_samples(samples)
    reference = read_samples(next((tmp_path / "whole").glob("*/samples.jsonl")))
    assert sorted((r.id, r.model) for r in after) == sorted((r.id, r.model) for r in reference)
    assert len(after) == len({(r.id, r.model) for r in after}) == 12
    by_id = {r.id: r for r in reference}
    for record in after:
        assert record.reply == by_id[record.id].reply
        assert record.scores == by_id[record.id].scores
