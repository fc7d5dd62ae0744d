"""The Typer application and its command groups."""

from typing import Annotated

import typer

from harness import __version__

# Each command imports the packages it uses when it runs, not at module level: `plume --help`
# and `plume lint` would otherwise pay for spaCy, DSPy, the HTTP client and every package.
from harness.cli import (
    _audit,
    _compare,
    _data,
    _doctor,
    _judge,
    _lint,
    _models,
    _prompts,
    _report,
    _review,
    _run,
    _score,
    _serve,
    _tune,
)
from harness.cli._common import console

app = typer.Typer(
    name="plume",
    help="Choose and tune the models that draft replies to Services Publics+ experiences.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        console.print(f"plume {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Plume: which model, with which prompt, drafts the best replies."""


for module in (
    _run,
    _score,
    _judge,
    _report,
    _compare,
    _tune,
    _lint,
    _data,
    _prompts,
    _models,
    _doctor,
    _review,
    _audit,
    _serve,
):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
