"""`plume review serve` started for real on a free loopback port, for load and browser tests."""

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_listening(process: "subprocess.Popen[Any]", port: int, seconds: float) -> None:
    """Return once ``port`` accepts connections; fail if ``process`` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited (code {process.returncode})") from None
            time.sleep(0.1)
    raise RuntimeError(f"the server did not listen on port {port} in {seconds:.0f} s")


class Server:
    """The review server in a child process."""

    def __init__(self, review_dir: Path, port: int) -> None:
        self.review_dir = review_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "harness.cli",
                "review",
                "serve",
                str(self.review_dir),
                "--port",
                str(self.port),
            ],
        )
        wait_until_listening(self.process, self.port, 60)

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
