"""`plume tune`."""

import typer

from harness.cli._common import not_built


def register(app: typer.Typer) -> None:
    """Add `plume tune` to the application."""

    @app.command(
        "tune",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )
    def tune() -> None:
        """Optimise a prompt with DSPy and export it as a new prompt version."""
        not_built("tune", 8)
