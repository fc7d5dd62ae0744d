"""Running a function over batches as Ray tasks, one place for the whole package.

Each task is a batch (a chunk of the corpus, a slice of the texts to lint or score); Ray retries a
task whose worker dies, and results come back to the caller, which alone writes them: a lost worker
costs its batch again, and nothing is written twice. A worker process runs many tasks, so it loads
the French pipeline once.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from harness.errors import PlumeError, UsageError

_Batch = TypeVar("_Batch")
_Result = TypeVar("_Result")

RETRIES = 5
"""Times a batch is run again after its worker process died."""


def connect(address: str | None) -> Any:
    """The ``ray`` module, connected: to ``address`` (``auto``, ``ray://host:10001``), or to a
    cluster started here with every core when ``address`` is None. A connection already open in
    this process (a test's local cluster) is kept.

    Raises:
        UsageError: Ray is not installed.
    """
    try:
        import ray
    except ImportError:
        raise UsageError("--engine ray needs Ray: pip install 'plume[ray]'") from None
    if not ray.is_initialized():
        options: dict[str, Any] = {"logging_level": "WARNING", "log_to_driver": False}
        if address is None:
            # "local" starts a cluster here even when `ray start` left one running (or its file).
            # Ray runs its workers at nice 15; on this machine they are the command's own work
            # and run at the priority it would have in-process, not behind every other program.
            options |= {
                "address": "local",
                "include_dashboard": False,
                "_system_config": {"worker_niceness": 0},
            }
        else:
            options["address"] = address
        try:
            ray.init(**options)
        except (ConnectionError, ValueError, RuntimeError) as error:
            raise UsageError(f"cannot reach the Ray cluster at {address}: {error}") from None
    return ray


def map_batches(
    function: Callable[[_Batch], _Result],
    batches: Iterable[_Batch],
    *,
    address: str | None = None,
) -> Iterator[tuple[int, _Result]]:
    """``function(batch)`` for each batch, as Ray tasks; ``(index, result)`` as each one finishes.

    At most twice as many tasks as the cluster has cores are in flight, and ``batches`` is read
    only as tasks are submitted: a generator over a large corpus is neither held in memory nor
    copied into the object store at once.
    """
    if not batches:
        return  # nothing to do: no cluster to start
    ray = connect(address)
    remote = ray.remote(num_cpus=1, max_retries=RETRIES)(function)
    window = max(2, 2 * int(ray.cluster_resources().get("CPU", 1)))
    waiting = iter(enumerate(batches))
    pending: dict[Any, int] = {}

    def submit() -> None:
        for index, batch in waiting:
            pending[remote.remote(batch)] = index
            return

    for _ in range(window):
        submit()
    while pending:
        (ref,), _ = ray.wait(list(pending), num_returns=1)
        index = pending.pop(ref)
        try:
            result = ray.get(ref)
        except ray.exceptions.RayTaskError as error:
            # A user's error raised in a task (the French model missing on a node) reads as here.
            cause = getattr(error, "cause", None)
            if isinstance(cause, PlumeError):
                raise cause from None
            raise
        yield index, result
        submit()
