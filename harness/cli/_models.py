"""`plume models ...`."""

from typing import Annotated

import typer

from harness.cli._common import console, guarded


def register(app: typer.Typer) -> None:
    """Add the `plume models` group to the application."""
    group = typer.Typer(
        help="Candidate models and judges declared in models.yaml.", no_args_is_help=True
    )

    @group.command("list")
    @guarded
    def list_models() -> None:
        """List the declared models and whether each can be called now (its endpoint is asked)."""
        from rich.table import Table

        from harness import paths
        from harness.models import availability_all, load_models

        specs = load_models(paths.models_file())
        available = availability_all(list(specs.values()))
        table = Table(title=f"Models ({paths.models_file()})")
        for column in ("name", "provider", "model", "mode", "remote", "available"):
            table.add_column(column)
        for spec in specs.values():
            table.add_row(
                spec.name,
                spec.provider,
                spec.model,
                spec.mode,
                "yes" if spec.remote else "no",
                available[spec.name],
            )
        console.print(table)

    @group.command("check")
    @guarded
    def check_models(
        names: Annotated[
            list[str] | None,
            typer.Argument(help="Models to check; by default every remote model whose key is set."),
        ] = None,
    ) -> None:
        """One tiny real call per model: served id, parameters sent, latency and cost.

        The smoke test to run before a paid comparison; each call costs a fraction of a cent.
        """
        import tempfile
        from contextlib import ExitStack
        from pathlib import Path

        from rich.table import Table

        from harness import paths
        from harness.errors import UsageError
        from harness.models import check_all, load_models, serve_local

        specs = load_models(paths.models_file())
        if names:
            unknown = [n for n in names if n not in specs]
            if unknown:
                raise UsageError(
                    f"unknown model {unknown[0]!r}; models.yaml declares: {', '.join(specs)}"
                )
            chosen = [specs[n] for n in names]
        else:
            chosen = [s for s in specs.values() if s.remote and s.missing_key() is None]
        unset = [f"{s.name} ({s.missing_key()})" for s in chosen if s.missing_key()]
        if unset:
            raise UsageError(f"set the API key of {', '.join(unset)} first")
        if not chosen:
            raise UsageError(
                "no remote model has its key set: set one (see `plume models list`) or name a"
                " local model"
            )
        with ExitStack() as servers:
            logs = Path(servers.enter_context(tempfile.TemporaryDirectory()))
            base_urls = {
                s.name: servers.enter_context(serve_local(s, log_dir=logs)).base_url
                for s in chosen
                if s.started_by_plume()
            }
            results = check_all(chosen, base_urls)
        table = Table(title="One tiny call per model")
        for column in ("name", "served", "sent", "latency (s)", "cost (€)", "reply or error"):
            table.add_column(column)
        for spec in chosen:
            result = results[spec.name]
            table.add_row(
                spec.name,
                result.served or "—",
                ", ".join(f"{k}={v}" for k, v in result.sent.items()),
                "—" if result.latency_s is None else f"{result.latency_s:.2f}",
                "—" if result.cost is None else f"{result.cost:.6f}",
                result.error or result.reply or "",
            )
        console.print(table)
        if any(r.error for r in results.values()):
            raise typer.Exit(1)

    app.add_typer(group, name="models")
