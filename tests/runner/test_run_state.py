"""A run's state says how it ended: ``completed``, ``completed_with_failures``, ``interrupted``
(Ctrl-C and SIGTERM alike) or ``failed``; every hint names the real directory to resume."""

import os
import signal
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.runner import RunManifest, read_samples
from tests.models.fake_server import Scripted, ok, serve_in_thread
from tests.models.providers import Answer
from tests.runner.plume import PLUME, default_signals, resume, wait_for_samples
from tests.runner.test_faults import Gated, local_fake_model, make_gold
from tests.runner.test_run import fake_models_yaml


def _status(run_dir: Path) -> str:
    return RunManifest.model_validate_json((run_dir / "run.json").read_text()).status


@pytest.mark.parametrize(("signal_number", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_and_sigterm_leave_an_interrupted_run_that_resumes(
    small_local_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    signal_number: signal.Signals,
    code: int,
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    gold = make_gold(small_local_root, 8)
    env = os.environ | {"PLUME_ROOT": str(small_local_root), "PLUME_CACHE_DIR": str(tmp_path / "c")}
    out = tmp_path / "runs"
    script = Gated([ok()], open_for=2)
    with serve_in_thread(script) as base_url:
        # What is stopped is the run's loop, its requests in flight: no scorer, no anonymisation
        # (a local model) to load first.
        local_fake_model(small_local_root, base_url)
        process = subprocess.Popen(
            [
                *PLUME,
                "run",
                "--gold",
                str(gold),
                "--few-shot",
                "0",
                "--no-cache",
                "--scorers",
                "none",
                "--out",
                str(out),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=default_signals,
        )
        samples = wait_for_samples(out, 2)
        process.send_signal(signal_number)
        _, stderr = process.communicate(timeout=60)
        assert samples is not None, "the run never got going"
        run_dir = samples.parent
        assert process.returncode == code, stderr
        assert f"plume run --resume {run_dir}" in stderr and "Traceback" not in stderr
        assert _status(run_dir) == "interrupted"
        assert len(read_samples(samples)) == 2  # the next requests were held
        script.released.set()
        resumed = resume(run_dir, env)
    assert resumed.returncode == 0, resumed.stderr
    assert _status(run_dir) == "completed"
    assert len({(r.id, r.model) for r in read_samples(samples)}) == 8


def test_a_run_with_failed_replies_says_so_and_resumes_to_completed(
    small_local_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    too_long: Answer = (400, {"error": {"message": "prompt is too long"}}, {})
    script = Scripted([too_long, ok()])  # the first request fails for good, the others answer
    runner = CliRunner()
    gold = small_local_root / "gold" / "mini.jsonl"
    with serve_in_thread(script) as base_url:
        fake_models_yaml(small_local_root, base_url)
        out = small_local_root / "runs"
        result = runner.invoke(app, ["run", "--gold", str(gold), "--no-cache", "--out", str(out)])
        (run_dir,) = out.iterdir()
        assert result.exit_code == 1
        message = " ".join(result.output.split())
        assert "1 of 3 replies failed (context_too_long ×1)" in message
        assert "Overall: fake scores" in message  # the verdict's headline, one candidate
        assert f"plume run --resume {run_dir}" in message
        assert _status(run_dir) == "completed_with_failures"
        report = (run_dir / "report.html").read_text(encoding="utf-8")
        assert "This run completed with failures: 1 of 3 replies failed" in report
        resumed = runner.invoke(app, ["run", "--resume", str(run_dir)])
    assert resumed.exit_code == 0, resumed.output
    assert _status(run_dir) == "completed"
