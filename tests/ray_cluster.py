"""A local Ray cluster for a test module, and its workers, for the tests that kill one."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


def local_cluster() -> Iterator[str]:
    """Start a local cluster for the module (never one the developer left running); its address,
    for a second driver."""
    ray = pytest.importorskip("ray")
    ray.init(
        address="local",
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        logging_level="WARNING",
    )
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


def running_tasks(function: str) -> list[int]:
    """Worker processes of this test's cluster running ``function`` now (Ray names them after
    it); a job elsewhere on the machine (a benchmark, another checkout) is not ours to kill."""
    parents: dict[int, int] = {}
    commands: dict[int, bytes] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                commands[int(entry.name)] = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    ours = {os.getpid()}  # the cluster was started here: its processes descend from this one
    while grown := {pid for pid, parent in parents.items() if parent in ours} - ours:
        ours |= grown
    return [pid for pid in ours if commands[pid].startswith(f"ray::{function}".encode())]
