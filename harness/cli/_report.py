"""`plume report`."""

import typer

from harness.cli._common import not_built


def register(app: typer.Typer) -> None:
    """Add `plume report` to the application."""

    @app.command(
        "report",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )
    def report() -> None:
        """Rebuild the report of a run directory."""
        not_built("report", 7)
