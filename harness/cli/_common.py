"""What every command shares: the console, the way a user error ends a command, the serving
commands' address options and the --engine/--address options."""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console

from harness.errors import PlumeError

console = Console()
err_console = Console(stderr=True)

# `plume serve` and `plume review serve`: the address they listen on.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
HostOption = Annotated[
    str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
]
PortOption = Annotated[int, typer.Option(help="Port to listen on.")]


# `plume audit`, `plume lint` and `plume score`: where the work runs.
class EngineChoice(StrEnum):
    """Where the work runs."""

    local = "local"
    ray = "ray"


EngineOption = Annotated[
    EngineChoice,
    typer.Option(
        "--engine",
        help="local (this process) or ray (a Ray cluster: needs the ray extra, plume\\[ray]).",
    ),
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        help="With --engine ray: the cluster to use (auto, ray://head:10001); by default a "
        "cluster is started on this machine.",
        show_default=False,
    ),
]

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line on standard error and exit with ``code``."""
    err_console.print(
        f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True
    )
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a ``PlumeError`` into its one-line message and exit code."""
    try:
        yield
    except PlumeError as error:
        fail(str(error).replace("[", r"\["), error.exit_code)


def guarded(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate a command so that user errors print one line instead of a traceback."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with user_errors():
            return function(*args, **kwargs)
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper
