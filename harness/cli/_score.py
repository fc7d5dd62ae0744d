"""`plume score`."""

import typer

from harness.cli._common import not_built


def register(app: typer.Typer) -> None:
    """Add `plume score` to the application."""

    @app.command(
        "score",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )
    def score() -> None:
        """Score replies made elsewhere against a gold set."""
        not_built("score", 7)
