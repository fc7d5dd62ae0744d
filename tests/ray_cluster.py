"""The local Ray cluster the Ray tests share, a cluster of its own for a test that needs another
shape, and the cluster's workers, for the tests that kill one."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NODES_KEY = "fake-key-held-by-the-ray-nodes"
"""The test models' key (``FAKE_API_KEY``) in the cluster's environment, as a deployment's nodes
hold their providers' keys: Plume never sends one through Ray."""
SESSIONS: list[Path] = []
"""The session folders of the clusters started here, newest last (Ray's logs are under them)."""


def _start(num_gpus: int = 0) -> str:
    """Start a local cluster (never one the developer left running); its address, for a second
    driver. GPUs are declared, not detected, so that a GPU machine runs the same tests."""
    ray = pytest.importorskip("ray")
    with pytest.MonkeyPatch.context() as env:  # the nodes keep the environment they start with
        env.setenv("FAKE_API_KEY", NODES_KEY)
        context = ray.init(
            address="local",
            num_cpus=2,
            num_gpus=num_gpus,
            include_dashboard=False,
            log_to_driver=False,
            logging_level="WARNING",
            # Ray's default nice 15 would starve the workers behind the other tests of the suite,
            # while this test waits for them; plume runs its own local cluster at priority 0 too.
            _system_config={"worker_niceness": 0},
        )
    SESSIONS.append(Path(context.address_info["session_dir"]))
    return str(ray.get_runtime_context().gcs_address)


def shared_cluster() -> str:
    """This process's cluster, started by the first test module that needs one and kept for the
    next: their tasks find workers with Python, Plume and the French model already loaded. Killing
    a worker or a driver leaves it whole. Ended after the last test in a row that uses it
    (tests/conftest.py), or by :func:`own_cluster`."""
    ray = pytest.importorskip("ray")
    if not ray.is_initialized():
        return _start()
    return str(ray.get_runtime_context().gcs_address)


@contextmanager
def own_cluster(num_gpus: int) -> Iterator[str]:
    """A cluster of its own, for a test that needs other resources than the shared one: the
    shared one ends first (Ray connects a process to one cluster) and the next module that needs
    it starts it again."""
    ray = pytest.importorskip("ray")
    ray.shutdown()
    try:
        yield _start(num_gpus)
    finally:
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
