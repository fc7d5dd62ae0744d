"""`plume serve`: the writers' studio and, with a review folder, the review pages, in one server."""

from pathlib import Path
from typing import Annotated

import typer

from harness.cli._common import DEFAULT_HOST, DEFAULT_PORT, HostOption, PortOption, guarded


def register(app: typer.Typer) -> None:
    """Add `plume serve` to the application."""

    @app.command("serve")
    @guarded
    def serve(
        review_dir: Annotated[
            Path | None,
            typer.Option(
                "--review", help="Also serve this review folder's pages.", file_okay=False
            ),
        ] = None,
        styleguide: Annotated[
            Path | None,
            typer.Option(
                help="Style guide folder (default: the bundled styleguide/).", file_okay=False
            ),
        ] = None,
        gold: Annotated[
            Path | None, typer.Option(help="Gold set whose replies the rule pages count.")
        ] = None,
        runs: Annotated[
            Path | None, typer.Option(help="Runs folder; the rule pages count the last run.")
        ] = None,
        host: HostOption = DEFAULT_HOST,
        port: PortOption = DEFAULT_PORT,
    ) -> None:
        """Serve the writers' studio (and, with --review, the review pages) until Ctrl+C.

        The studio lints as you type, shows the style guide as pages and what a change to it
        would do. Open the printed link: it holds a token made for this start only.
        """
        import secrets

        from harness.web import Studio, serve_all

        token = secrets.token_urlsafe(24)
        studio = Studio(styleguide, gold, runs)
        typer.echo("Chargement du guide de style et du modèle de langue…")
        typer.echo(f"Rédaction : http://{host}:{port}/redaction/entrer?jeton={token}")
        if review_dir is not None:
            typer.echo(f"Revue {review_dir.name} : http://{host}:{port}/ (liens des relecteurs)")
        typer.echo("Ctrl+C pour arrêter.")
        serve_all(token, studio, review_dir, host=host, port=port)
