"""The embedded local models, for real: llama.cpp servers started, used and always stopped."""

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from harness import paths
from harness.models import ChatMessage, Completion, Model, load_models, serve_local
from harness.runner import RunManifest

pytestmark = pytest.mark.local_model
PLUME = [sys.executable, "-m", "harness.cli"]


def generate(name: str, prompt: list[ChatMessage] | str, log_dir: Path) -> Completion:
    spec = load_models(paths.models_file())[name]

    async def go(base_url: str) -> Completion:
        async with aiohttp.ClientSession() as session:
            model = Model(spec, session, base_url=base_url)
            served = await model.served()
            assert [m.id for m in served] == [spec.model]
            return await model.generate(prompt)

    with serve_local(spec, log_dir=log_dir) as server:
        return asyncio.run(go(server.base_url))


def test_chat_model_answers_through_the_run_code_path(
    small_local_root: Path, tmp_path: Path
) -> None:
    completion = generate("smollm2", [ChatMessage(role="user", content="Dis bonjour.")], tmp_path)
    assert completion.text.strip()
    assert completion.served_model == "SmolLM2-135M-Instruct"
    assert completion.input_tokens > 0 and 0 < completion.output_tokens <= 96


def test_base_model_completes_plain_text(plume_root: Path, tmp_path: Path) -> None:
    completion = generate("gemma3-270m", "Réponse de l'agent :\nBonjour,\n", tmp_path)
    assert completion.output_tokens > 0
    assert completion.text.strip()


def server_pids(run_dir: Path) -> list[int]:
    """PIDs of the llama.cpp servers a run started, from their own logs."""
    pids = []
    for log in (run_dir / "logs").glob("llama-server-*.log"):
        pids += [
            int(p)
            for p in re.findall(
                r"Started server process \[(\d+)\]", log.read_text(errors="replace")
            )
        ]
    return pids


def server_ports(run_dir: Path) -> list[int]:
    ports = []
    for log in (run_dir / "logs").glob("llama-server-*.log"):
        ports += [
            int(p)
            for p in re.findall(
                r"running on http://127\.0\.0\.1:(\d+)", log.read_text(errors="replace")
            )
        ]
    return ports


def assert_all_stopped(run_dir: Path) -> None:
    pids, ports = server_pids(run_dir), server_ports(run_dir)
    assert pids and ports, "the run should have started a server"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
        time.sleep(0.2)
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "zombie" in status.read_text(), (
            f"server {pid} is still running"
        )
    for port in ports:
        with socket.socket() as sock, pytest.raises(OSError):
            sock.connect(("127.0.0.1", port))


def only_run_dir(out: Path) -> Path:
    (run_dir,) = [p for p in out.iterdir() if p.is_dir()]
    return run_dir


def plume_env(root: Path) -> dict[str, str]:
    return os.environ | {"PLUME_ROOT": str(root)}


def test_a_successful_run_leaves_no_server(small_local_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "runs"
    gold = small_local_root / "gold" / "mini.jsonl"
    done = subprocess.run(
        [
            *PLUME,
            "run",
            "--models",
            "smollm2",
            "--gold",
            str(gold),
            "--out",
            str(out),
            "--limit",
            "2",
        ],
        env=plume_env(small_local_root),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    run_dir = only_run_dir(out)
    assert "report.html" in done.stdout
    assert len((run_dir / "samples.jsonl").read_text().splitlines()) == 2
    assert (run_dir / "report.html").is_file()
    assert_all_stopped(run_dir)


def wait_for_server(out: Path, process: "subprocess.Popen[str]") -> Path:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        dirs = [p for p in out.iterdir() if p.is_dir()] if out.exists() else []
        if dirs and server_ports(dirs[0]):
            return dirs[0]
        time.sleep(0.2)
    raise AssertionError("the server never started")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_run_leaves_no_server(
    small_local_root: Path, tmp_path: Path, signal_number: signal.Signals
) -> None:
    out = tmp_path / "runs"
    # Long replies: the run is still going when the signal comes.
    models_file = small_local_root / "models.yaml"
    long_replies = "params: {temperature: 0.0, max_tokens: 400, seed: 0}"
    models_file.write_text(re.sub(r"params: \{.*\}", long_replies, models_file.read_text()))
    gold = small_local_root / "gold" / "mini.jsonl"
    process = subprocess.Popen(
        [*PLUME, "run", "--models", "smollm2", "--gold", str(gold), "--out", str(out)],
        env=plume_env(small_local_root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A suite started in the background (`make test &`) inherits SIGINT ignored, and so
        # would Plume: give it the disposition a terminal's Ctrl-C meets.
        preexec_fn=_default_sigint,
    )
    run_dir = wait_for_server(out, process)
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    if signal_number == signal.SIGINT:
        assert process.returncode == 130
        assert "--resume" in stderr
        assert (
            RunManifest.model_validate_json((run_dir / "run.json").read_text()).status
            == "interrupted"
        )
    assert_all_stopped(run_dir)


def test_a_run_that_fails_leaves_no_server(small_local_root: Path, tmp_path: Path) -> None:
    # A second model whose endpoint is down fails the run after the local server has started.
    with (small_local_root / "models.yaml").open("a") as models:
        models.write(
            "  - name: down\n    provider: openai-compatible\n    model: m\n"
            "    base_url: http://127.0.0.1:9/v1\n"
        )
    out = tmp_path / "runs"
    gold = small_local_root / "gold" / "mini.jsonl"
    failed = subprocess.run(
        [*PLUME, "run", "--models", "smollm2,down", "--gold", str(gold), "--out", str(out)],
        env=plume_env(small_local_root),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert failed.returncode == 2
    assert "down" in failed.stderr and "Traceback" not in failed.stderr
    run_dir = only_run_dir(out)
    assert RunManifest.model_validate_json((run_dir / "run.json").read_text()).status == "failed"
    assert_all_stopped(run_dir)
