"""`plume lint`."""

import typer

from harness.cli._common import not_built


def register(app: typer.Typer) -> None:
    """Add `plume lint` to the application."""

    @app.command(
        "lint",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )
    def lint() -> None:
        """Check texts against the style guide (langage clair)."""
        not_built("lint", 3)
