"""A ``plume run --batch`` killed (SIGKILL) while its batches are pending loses nothing:
``plume run --resume`` polls the same batches, collects them and records every item, without
submitting anything again."""

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.runner import RunManifest, read_samples
from tests.models.batch_fakes import Batches, anthropic_batches_app, mistral_batches_app
from tests.models.fake_server import serve_app_in_thread
from tests.models.providers import Fake
from tests.runner.plume import PLUME, default_signals, resume
from tests.runner.test_faults import make_gold

ITEMS = 5


def _models_yaml(root: Path, claude_url: str, mistral_url: str) -> None:
    (root / "models.yaml").write_text(
        "models:\n"
        "  - name: claude\n"
        "    provider: anthropic\n"
        "    model: claude-sonnet-5-5\n"
        f"    base_url: {claude_url}\n"
        "    api_key_env: PROVIDER_KEY\n"
        "    accepts: [stop, effort]\n"
        "    params: {max_tokens: 2000, effort: low}\n"
        "    batch: {price_in: 1.0, price_out: 5.0, prices_read: 2026-12-07}\n"
        "  - name: mistral\n"
        "    provider: mistral\n"
        "    model: mistral-medium-2604\n"
        f"    base_url: {mistral_url}\n"
        "    api_key_env: PROVIDER_KEY\n"
        "    params: {temperature: 0.0, seed: 1}\n"
        "    batch: {price_in: 1.0, price_out: 5.0, prices_read: 2026-12-07}\n",
        encoding="utf-8",
    )


def test_a_run_killed_while_its_batches_are_pending_resumes_without_resubmitting(
    small_local_root: Path, tmp_path: Path
) -> None:
    gold = make_gold(small_local_root, ITEMS)
    env = os.environ | {
        "PLUME_ROOT": str(small_local_root),
        "PLUME_CACHE_DIR": str(tmp_path / "cache"),
        "PROVIDER_KEY": "provider-key",
    }
    claude, mistral = Batches(hold=True), Batches(hold=True)
    out = tmp_path / "runs"
    with (
        serve_app_in_thread(anthropic_batches_app(Fake(key="provider-key"), claude)) as claude_url,
        serve_app_in_thread(mistral_batches_app(Fake(key="provider-key"), mistral)) as mistral_url,
    ):
        _models_yaml(small_local_root, claude_url, mistral_url)
        command = [*PLUME, "run", "--batch", "--gold", str(gold), "--scorers", "none"]
        process = subprocess.Popen(
            [*command, "--out", str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=default_signals,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (claude.seen_polls and mistral.seen_polls):
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert claude.seen_polls and mistral.seen_polls, "the batches were never polled"
        run_dir = next(out.iterdir())
        ledger = json.loads((run_dir / "batches.json").read_text(encoding="utf-8"))
        assert sorted((b["model"], b["collected"]) for b in ledger["batches"]) == [
            ("claude", False),
            ("mistral", False),
        ]
        assert read_samples(run_dir / "samples.jsonl") == []

        claude.hold = mistral.hold = False  # the batches end while Plume is away
        resumed = resume(run_dir, env)
    assert resumed.returncode == 0, resumed.stderr
    assert [len(b) for b in claude.submitted] == [ITEMS]
    assert [len(b) for b in mistral.submitted] == [ITEMS]
    assert claude.refused == [] and mistral.refused == []
    records = read_samples(run_dir / "samples.jsonl")
    assert sorted((r.model, r.id) for r in records) == sorted(
        (model, f"item-{i:03d}") for model in ("claude", "mistral") for i in range(ITEMS)
    )
    assert all(r.error is None and r.completion and r.completion.batch for r in records)
    manifest = RunManifest.model_validate_json((run_dir / "run.json").read_text())
    assert manifest.status == "completed"
    ledger = json.loads((run_dir / "batches.json").read_text(encoding="utf-8"))
    assert all(b["collected"] for b in ledger["batches"])


def test_batch_without_the_cache_is_refused_in_one_line(
    small_local_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _models_yaml(small_local_root, "http://127.0.0.1:9/v1", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("PROVIDER_KEY", "k")
    args = ["run", "--batch", "--no-cache", "--out", str(tmp_path / "runs")]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 2
    assert "--batch" in done.stderr and "Traceback" not in done.output
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
