"""`plume prompts ...`."""

import typer

from harness.cli._common import not_built


def register(app: typer.Typer) -> None:
    """Add the `plume prompts` group to the application."""
    group = typer.Typer(help="Prompt templates: list, render, validate.", no_args_is_help=True)

    @group.command(
        "validate",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )
    def validate() -> None:
        """Not built yet."""
        not_built("prompts validate", 5)

    app.add_typer(group, name="prompts")
