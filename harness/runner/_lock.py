"""One writer per run directory."""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from harness.errors import PlumeError, UsageError


@contextmanager
def run_lock(run_dir: Path) -> Iterator[None]:
    """Hold ``run_dir/.lock`` for the block; a second run on the same directory is refused.

    The lock is an advisory ``flock``: the kernel releases it when the process dies, even by
    SIGKILL, so a killed run never leaves a stale lock behind.
    """
    path = run_dir / ".lock"
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise PlumeError(f"cannot write in {run_dir}: {error.strerror}") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"another plume run is writing {run_dir}; wait for it to end"
            ) from None
        yield
    finally:
        os.close(descriptor)
