"""What every benchmark shares: the machine, the loopback server, the data root, the jobs."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BENCH_PYTHON = Path(sys.executable)
MODEL_NAME = "bench"
REMOTE_MODEL_NAME = "bench-remote"
API_KEY_ENV = "PLUME_BENCH_API_KEY"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "memory_gib": round(memory_gib(), 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg": os.getloadavg(),
    }


@dataclass
class Server:
    """A running loopback server."""

    process: subprocess.Popen[bytes]
    base_url: str
    """``http://127.0.0.1:PORT/v1``."""

    def stats(self) -> dict[str, Any]:
        return _http_json("GET", self.base_url.removesuffix("/v1") + "/stats")

    def reset(self) -> None:
        _http_json("POST", self.base_url.removesuffix("/v1") + "/reset")


def _http_json(method: str, url: str) -> dict[str, Any]:
    import urllib.request

    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(request, timeout=10) as response:
        data: dict[str, Any] = json.loads(response.read())
        return data


@contextmanager
def loopback_server(latency_s: float, replies_file: Path | None = None) -> Iterator[Server]:
    """Start ``server.py`` on 127.0.0.1 and always stop it."""
    command = [str(BENCH_PYTHON), str(BENCH / "server.py"), "--latency", str(latency_s)]
    if replies_file is not None:
        command += ["--replies", str(replies_file)]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode().strip()
        if not line.startswith("PORT "):
            raise RuntimeError(f"the loopback server did not start (said {line!r})")
        yield Server(process, f"http://127.0.0.1:{int(line.split()[1])}/v1")
    finally:
        # Closing its stdin is the server's signal to stop; terminate and kill are fallbacks.
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def gold_lines(count: int) -> list[str]:
    """``count`` gold items: the bundled set, cycled, each copy with its own id and title.

    The title carries the copy's number, so that no two items have the same prompt: Plume's cache
    would otherwise answer a repeated prompt without a request, and the benchmark would time
    fewer requests than it says. The server's replies do not repeat either (see ``server.py``).
    """
    source = [
        json.loads(line)
        for line in (REPO / "gold" / "services-publics-plus.jsonl").read_text().splitlines()
        if line.strip()
    ]
    lines = []
    for number in range(count):
        item = dict(source[number % len(source)])
        item["id"] = f"{item['id']}-b{number:05d}"
        experience = dict(item["experience"])
        experience["title"] = f"{experience['title']} ({number + 1})"
        item["experience"] = experience
        lines.append(json.dumps(item, ensure_ascii=False))
    return lines


def make_root(parent: Path, base_url: str, items: int, concurrency: int) -> Path:
    """A Plume data root (``PLUME_ROOT``) whose models are the loopback server.

    ``bench`` is declared local (``remote: false``), as a team would declare its own vLLM
    server: the same work inspect_ai does. ``bench-remote`` is the same endpoint declared
    remote, so Plume's anonymisation guard runs as it would for Albert.
    """
    root = parent / "root"
    root.mkdir(parents=True, exist_ok=True)
    for name in ("prompts", "styleguide", "gold"):
        if (REPO / name).is_dir() and not (root / name).exists():
            shutil.copytree(REPO / name, root / name)
    for name in ("scoring.yaml",):
        if (REPO / name).is_file():
            shutil.copy(REPO / name, root / name)
    lines = gold_lines(items)
    (root / "gold" / "bench.jsonl").write_text("\n".join(lines) + "\n")
    # No rpm/tpm: the benchmark measures the runner, not a rate limit.
    entries = [
        f"  - name: {name}\n"
        "    provider: openai-compatible\n"
        "    model: bench-model\n"
        f"    base_url: {base_url}\n"
        f"    api_key_env: {API_KEY_ENV}\n"
        "    params: {temperature: 0.0, max_tokens: 600}\n"
        f"    concurrency: {concurrency}\n"
        f"    remote: {'true' if remote else 'false'}\n"
        "    timeout_s: 60\n"
        for name, remote in ((MODEL_NAME, False), (REMOTE_MODEL_NAME, True))
    ]
    (root / "models.yaml").write_text("models:\n" + "".join(entries), encoding="utf-8")
    return root


def replies_file(parent: Path) -> Path:
    """The bundled gold replies, as the pool the server answers from."""
    replies = [
        json.loads(line)["reply"]
        for line in (REPO / "gold" / "services-publics-plus.jsonl").read_text().splitlines()
        if line.strip()
    ]
    path = parent / "replies.json"
    path.write_text(json.dumps(replies, ensure_ascii=False), encoding="utf-8")
    return path


@dataclass
class JobResult:
    """What a job subprocess printed as its last line, plus what its parent saw."""

    data: dict[str, Any]
    wall_s: float
    """From the parent's spawn to the child's exit: includes interpreter start and imports."""
    returncode: int
    stderr_tail: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and "error" not in self.data


def run_job(
    argv: Sequence[str], *, env: dict[str, str] | None = None, timeout_s: float = 300
) -> JobResult:
    """Run a job script in its own process; its last stdout line is a JSON object."""
    started = time.perf_counter()
    try:
        completed = subprocess.run(
            [str(BENCH_PYTHON), *argv],
            env={**os.environ, **(env or {})},
            capture_output=True,
            timeout=timeout_s,
            cwd=REPO,
        )
    except subprocess.TimeoutExpired as error:
        stderr = (error.stderr or b"").decode(errors="replace")
        return JobResult(
            {"error": f"timed out after {timeout_s:g} s"}, timeout_s, -1, stderr[-2000:]
        )
    wall = time.perf_counter() - started
    stderr = completed.stderr.decode(errors="replace")
    lines = [line for line in completed.stdout.decode(errors="replace").splitlines() if line]
    try:
        data = json.loads(lines[-1]) if lines else {"error": "no output"}
    except json.JSONDecodeError:
        data = {"error": f"unreadable output: {lines[-1][:200]}"}
    if completed.returncode != 0 and "error" not in data:
        data["error"] = f"exit status {completed.returncode}"
    return JobResult(data, wall, completed.returncode, stderr[-2000:])


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
