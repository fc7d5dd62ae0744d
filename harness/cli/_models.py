"""`plume models ...`."""

import typer
from rich.table import Table

from harness import paths
from harness.cli._common import console, guarded


def register(app: typer.Typer) -> None:
    """Add the `plume models` group to the application."""
    group = typer.Typer(
        help="Candidate models and judges declared in models.yaml.", no_args_is_help=True
    )

    @group.command("list")
    @guarded
    def list_models() -> None:
        """List the declared models and whether each can be called now."""
        from harness.models import load_models

        specs = load_models(paths.models_file())
        table = Table(title=f"Models ({paths.models_file()})")
        for column in ("name", "provider", "model", "mode", "remote", "available"):
            table.add_column(column)
        for spec in specs.values():
            missing = spec.missing_key()
            available = "yes" if missing is None else f"no: {missing} is not set"
            table.add_row(
                spec.name,
                spec.provider,
                spec.model,
                spec.mode,
                "yes" if spec.remote else "no",
                available,
            )
        console.print(table)

    app.add_typer(group, name="models")
