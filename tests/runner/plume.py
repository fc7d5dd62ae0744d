"""Plume as a child process, for the runner tests that stop it and resume its run."""

import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from typer.testing import CliRunner

from harness.cli import app

PLUME = [sys.executable, "-m", "harness.cli"]


def default_signals() -> None:
    # A suite started in the background hands its children SIGINT ignored: give Plume the
    # dispositions a terminal's Ctrl-C and a service manager's stop meet.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def resume(run_dir: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """`plume run --resume run_dir` in this process (only the stopped run needs a process of its
    own; this one would load spaCy again), with its exit code and output."""
    args = ["run", "--resume", str(run_dir)]
    result = CliRunner().invoke(app, args, env=dict(env))
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def wait_for_samples(out: Path, lines: int) -> Path | None:
    """The samples file of the run being written under ``out`` once it holds ``lines`` lines;
    None if it has not within two minutes."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = list(out.glob("*/samples.jsonl")) if out.exists() else []
        if found and len(found[0].read_text().splitlines()) >= lines:
            return found[0]
        time.sleep(0.05)
    return None
