"""Audit, lint and score on a local Ray cluster give what the in-process engine gives, and lose or
duplicate nothing when a worker or the driver is killed."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.audit import Record, read_audit, run_audit
from harness.audit import _engines as engines
from harness.cli import app
from tests.audit.corpus import write_corpus
from tests.ray_cluster import running_tasks

ray = pytest.importorskip("ray")
runner = CliRunner()
REPLIES = 120
CHUNK = 12


pytestmark = pytest.mark.usefixtures("ray_cluster")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "export.csv", REPLIES)


@pytest.fixture(scope="module")
def in_process(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Record]:
    out = tmp_path_factory.mktemp("local") / "audit"
    run_audit(corpus, out, chunk_size=CHUNK)
    return read_audit(out)


def test_ray_gives_the_records_of_the_local_engine(
    corpus: Path, in_process: list[Record], tmp_path: Path
) -> None:
    summary = run_audit(corpus, tmp_path / "audit", engine="ray", chunk_size=CHUNK)
    assert summary.chunks == 10
    assert read_audit(tmp_path / "audit") == in_process
    assert (tmp_path / "audit" / "index.html").is_file()


def test_a_killed_worker_loses_and_duplicates_nothing(
    corpus: Path, in_process: list[Record], tmp_path: Path
) -> None:
    killed: list[int] = []
    stop = threading.Event()

    def kill_one() -> None:
        while not stop.is_set() and not killed:
            for pid in running_tasks("audit_chunk"):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                break
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one)
    killer.start()
    try:
        run_audit(corpus, tmp_path / "audit", engine="ray", chunk_size=CHUNK)
    finally:
        stop.set()
        killer.join()
    assert killed, "no audit task was seen running"
    records = read_audit(tmp_path / "audit")
    assert len({r["id"] for r in records}) == len(records) == REPLIES
    assert records == in_process


def test_resume_after_the_driver_is_killed(
    corpus: Path, in_process: list[Record], tmp_path: Path, ray_cluster: str
) -> None:
    out = tmp_path / "audit"
    chunks = out / "chunks"
    command = [sys.executable, "-m", "harness.cli", "audit", str(corpus), "--out", str(out)]
    driver = subprocess.Popen(
        [*command, "--engine", "ray", "--address", ray_cluster, "--chunk-size", str(CHUNK)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(chunks.glob("chunk-*.parquet")):
        assert driver.poll() is None, "the audit ended before it could be killed"
        time.sleep(0.05)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    written = len(list(chunks.glob("chunk-*.parquet")))
    assert 1 <= written < 10
    summary = run_audit(corpus, out, engine="ray", chunk_size=CHUNK, resume=True)
    assert summary.resumed >= written
    assert read_audit(out) == in_process


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    """Ray tasks of 50 texts instead of 200: results come back from several tasks of fewer texts."""
    monkeypatch.setattr(engines, "BATCH", 50)
    return 50


def test_lint_on_ray_prints_what_lint_prints(
    tmp_path: Path, in_process: list[Record], small_batches: int
) -> None:
    files = []
    for number, record in enumerate(in_process):
        path = tmp_path / f"reply-{number}.txt"
        path.write_text(record["reply"], encoding="utf-8")
        files.append(str(path))
    local = runner.invoke(app, ["lint", "--format", "json", *files])
    on_ray = runner.invoke(app, ["lint", "--format", "json", "--engine", "ray", *files])
    assert local.exit_code == on_ray.exit_code
    assert json.loads(on_ray.stdout) == json.loads(local.stdout)
    assert len(json.loads(local.stdout)["files"]) == REPLIES > 2 * small_batches


def test_score_on_ray_writes_what_score_writes(tmp_path: Path, small_batches: int) -> None:
    gold = Path(__file__).resolve().parents[2] / "gold" / "services-publics-plus.jsonl"
    lines = gold.read_text(encoding="utf-8").splitlines()
    # Four replies per item, just over two Ray tasks: results come back from three.
    items = [json.loads(line) for line in lines[:26]]
    replies = tmp_path / "replies.jsonl"
    replies.write_text(
        "".join(
            json.dumps({"id": item["id"], "model": model, "reply": item["reply"][:cut]}) + "\n"
            for item in items
            for model, cut in (("whole", None), ("300", 300), ("150", 150), ("80", 80))
        ),
        encoding="utf-8",
    )
    outputs = {}
    for engine in ("local", "ray"):
        outputs[engine] = tmp_path / f"{engine}.jsonl"
        result = runner.invoke(
            app,
            [
                *("score", "--gold", str(gold), "--replies", str(replies)),
                *("--out", str(outputs[engine]), "--engine", engine),
            ],
        )
        assert result.exit_code == 0, result.output
    local = outputs["local"].read_text(encoding="utf-8")
    assert outputs["ray"].read_text(encoding="utf-8") == local
    assert len(local.splitlines()) == 4 * len(items) > 2 * small_batches
