"""Crash safety: a run killed anywhere resumes to exactly one record per item; a full disk or a
read-only run directory stops it with a clear message and every earlier result intact."""

import asyncio
import builtins
import errno
import io
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest
from aiohttp import web

from harness.runner import RunManifest, RunSpec, execute, read_samples
from tests.reliability.conftest import (
    Endpoint,
    assert_clean_failure,
    chat_answer,
    item_of,
    models_yaml,
    numbered_gold,
    plume,
    serving,
)

PLUME = [sys.executable, "-m", "harness.cli"]
ITEMS = 24


@dataclass
class Paced(Endpoint):
    """Answers each item after a short delay and counts the requests per item."""

    delay_s: float = 0.15
    asked: Counter[str] = field(default_factory=Counter)
    fail: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.chat = self._answer

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        item = item_of(await request.json())
        self.asked[item] += 1
        await asyncio.sleep(self.delay_s)
        if item in self.fail:
            return web.json_response({"error": {"message": "boom"}}, status=400)
        return web.json_response(chat_answer(f"Bonjour, réponse à {item}."))


def _fake_model(root: Path, base_url: str) -> None:
    models_yaml(
        root,
        {
            "name": "fake",
            "provider": "openai-compatible",
            "model": "alias-x",
            "base_url": base_url,
            "api_key_env": "FAKE_API_KEY",
            "remote": False,
        },
    )


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_sigkill_at_random_points_then_resume_loses_and_duplicates_nothing(
    plume_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = 20261128
    rng = random.Random(seed)
    gold = numbered_gold(plume_root, ITEMS)
    env = os.environ | {
        "PLUME_ROOT": str(plume_root),
        "PLUME_CACHE_DIR": str(tmp_path / "cache"),
        "FAKE_API_KEY": "k",
    }
    endpoint = Paced()
    out = tmp_path / "runs"
    # No scorer: the killed processes start in a second instead of three (no spaCy), and what
    # a kill can break is the records file; test_faults kills a run that scores.
    command = [*PLUME, "run", "--gold", str(gold), "--few-shot", "0", "--concurrency", "2"]
    command += ["--no-cache", "--scorers", "none", "--out", str(out)]
    samples: Path | None = None
    kills: list[tuple[bytes, set[str], Counter[str]]] = []
    with serving(endpoint) as base_url:
        _fake_model(plume_root, base_url)
        for trial in range(3):
            before = _lines(samples) if samples else 0
            # A random point: once the run is under way, after 0 to 3 new records, then up to
            # 0.3 s more (mid-request or mid-write).
            wait_for, extra = rng.randint(0, 3), rng.uniform(0.0, 0.3)
            process = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and process.poll() is None:
                found = sorted(out.glob("*/run.json"))
                if found and _lines(found[0].parent / "samples.jsonl") >= before + wait_for:
                    samples = found[0].parent / "samples.jsonl"
                    break
                time.sleep(0.02)
            time.sleep(extra)
            if process.poll() is not None:
                break  # it finished before the chosen point: nothing left to kill
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            assert samples is not None, f"seed {seed}, trial {trial}: the run never got going"
            data = samples.read_bytes()
            kept = data[: data.rfind(b"\n") + 1]
            if trial == 1:
                # What a kill in the middle of a write leaves: half a record, no newline.
                whole = kept.split(b"\n")[0]
                samples.write_bytes(kept + whole[: len(whole) // 2])
            written = {r.id for r in read_samples(samples)}
            kills.append((kept, written, Counter(endpoint.asked)))
            command = [*PLUME, "run", "--resume", str(samples.parent)]
        assert len(kills) >= 2, f"seed {seed}: the runs ended before they could be killed"
        assert samples is not None
        # The last resume runs in-process: only the killed runs need a process of their own;
        # nothing is killed any more, so nothing needs pacing.
        monkeypatch.setenv("FAKE_API_KEY", "k")
        endpoint.delay_s = 0.0
        resumed = plume("run", "--resume", str(samples.parent))
        assert resumed.exit_code == 0, resumed.output
    after = samples.read_bytes()
    assert after.endswith(b"\n"), "the truncated line was repaired"
    records = read_samples(samples)
    keys = [(r.id, r.model) for r in records]
    assert len(keys) == len(set(keys)) == ITEMS, Counter(keys).most_common(3)
    assert all(r.error is None and r.reply == f"Bonjour, réponse à {r.id}." for r in records)
    for kept, written, asked in kills:
        assert after.startswith(kept), "what was recorded before a kill is kept byte for byte"
        for item in written:
            assert endpoint.asked[item] == asked[item], f"{item} was asked again after a resume"
    manifest = RunManifest.model_validate_json((samples.parent / "run.json").read_text())
    assert manifest.status == "completed"


class _FullDisk(io.TextIOBase):
    """A text file on a disk with room for ``room`` more lines: then half a line, and ENOSPC."""

    def __init__(self, real: IO[str], room: int) -> None:
        self.real, self.room = real, room

    def write(self, text: str) -> int:
        if self.room <= 0:
            self.real.write(text[: len(text) // 2])
            self.real.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= text.count("\n")
        return self.real.write(text)

    def flush(self) -> None:
        self.real.flush()

    def close(self) -> None:
        self.real.close()


def _disk_full_after(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    real_open = Path.open

    def open_(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> IO[Any]:
        handle = real_open(self, mode, *args, **kwargs)
        if self.name == "samples.jsonl" and "a" in mode:
            return _FullDisk(handle, room)  # type: ignore[return-value]
        return handle

    monkeypatch.setattr(Path, "open", open_)


def test_a_full_disk_stops_the_run_clearly_and_keeps_earlier_results(
    plume_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    gold = numbered_gold(plume_root, 6)
    endpoint = Paced(delay_s=0.0)
    out = plume_root / "runs"
    with serving(endpoint) as base_url:
        _fake_model(plume_root, base_url)
        with monkeypatch.context() as patch:
            _disk_full_after(patch, 3)
            args = ["--gold", str(gold), "--few-shot", "0", "--no-cache", "--concurrency", "1"]
            result = plume("run", *args, "--out", str(out))
        assert_clean_failure(result, "samples.jsonl", "No space left on device", codes=(1,))
        assert "earlier results are kept" in result.output
        (run_dir,) = out.iterdir()
        assert len(read_samples(run_dir / "samples.jsonl")) == 3
        manifest = RunManifest.model_validate_json((run_dir / "run.json").read_text())
        assert manifest.status == "failed"
        # With room again, the run resumes: the half-written line is cut, nothing is doubled.
        execute(manifest.spec, run_dir=run_dir)
    records = read_samples(run_dir / "samples.jsonl")
    assert sorted(r.id for r in records) == [f"item-{i:03d}" for i in range(6)]
    # The three records kept were not asked again; only what was in flight at the failure was.
    assert [endpoint.asked[f"item-{i:03d}"] for i in range(3)] == [1, 1, 1]


def _read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` refuse writes as a read-only mount would (chmod does not stop root)."""
    inside: Callable[[Any], bool] = lambda p: str(os.fspath(p)).startswith(str(folder))  # noqa: E731
    refused = OSError(errno.EROFS, os.strerror(errno.EROFS))
    real_open, real_os_open = builtins.open, os.open

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | Path) and inside(file) and set(mode) & set("wax+"):
            raise refused
        return real_open(file, mode, *args, **kwargs)

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC)
        if inside(path) and writing:
            raise refused
        return real_os_open(path, flags, *args, **kwargs)

    def refuse(*paths: Any, **kwargs: Any) -> None:
        raise refused

    def guarded(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if any(isinstance(a, str | Path) and inside(a) for a in args):
                raise refused
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(os, "open", os_open)
    for name in ("replace", "rename", "unlink", "mkdir", "truncate", "remove"):
        monkeypatch.setattr(os, name, guarded(getattr(os, name)))


def _failed_run(root: Path, endpoint: Paced, base_url: str) -> Path:
    _fake_model(root, base_url)
    gold = numbered_gold(root, 4)
    spec = RunSpec(gold=gold, out=root / "runs", few_shot=0, cache=False)
    return execute(spec).run_dir


@pytest.mark.parametrize("truncated", [False, True], ids=["intact", "truncated-tail"])
def test_a_read_only_run_directory_is_a_clear_error_and_changes_nothing(
    plume_root: Path, monkeypatch: pytest.MonkeyPatch, truncated: bool
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    endpoint = Paced(delay_s=0.0, fail={"item-001", "item-003"})
    with serving(endpoint) as base_url:
        run_dir = _failed_run(plume_root, endpoint, base_url)
        samples = run_dir / "samples.jsonl"
        if truncated:
            samples.write_bytes(samples.read_bytes() + b'{"id": "item-0')
        before = {p.name: p.read_bytes() for p in run_dir.iterdir() if p.is_file()}
        endpoint.fail.clear()
        asked = sum(endpoint.asked.values())
        with monkeypatch.context() as patch:
            _read_only(patch, run_dir)
            result = plume("run", "--resume", str(run_dir))
        assert_clean_failure(result, str(run_dir), "Read-only file system")
        assert len(result.output.strip().splitlines()) <= 2, result.output
    after = {p.name: p.read_bytes() for p in run_dir.iterdir() if p.is_file()}
    assert after == before
    assert sum(endpoint.asked.values()) == asked, "nothing is asked that cannot be recorded"


def test_writing_a_report_to_a_read_only_run_directory_is_a_clear_error(
    plume_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    endpoint = Paced(delay_s=0.0)
    with serving(endpoint) as base_url:
        run_dir = _failed_run(plume_root, endpoint, base_url)
    before = {p.name: p.read_bytes() for p in run_dir.iterdir() if p.is_file()}
    with monkeypatch.context() as patch:
        _read_only(patch, run_dir)
        result = plume("report", str(run_dir))
    assert_clean_failure(result, "report.html", "Read-only file system")
    assert {p.name: p.read_bytes() for p in run_dir.iterdir() if p.is_file()} == before
