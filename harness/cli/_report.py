"""`plume report`: rebuild a run's report; `--compare` is an alias of `plume compare`."""

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.markup import escape

from harness.cli import _compare
from harness.cli._common import console, guarded


def register(app: typer.Typer) -> None:
    """Add `plume report` to the application."""

    @app.command("report")
    @guarded
    def report(
        run_dir: Annotated[Path, typer.Argument(help="A run directory (runs/<run-id>).")],
        format: Annotated[
            Literal["html", "md"],
            typer.Option("--format", help="html (report.html) or md (report.md)."),
        ] = "html",
        compare: Annotated[
            Path | None,
            typer.Option(
                help="Another run directory: the same as `plume compare RUN_DIR OTHER`, written "
                "to RUN_DIR/compare-OTHER.html (or .md)."
            ),
        ] = None,
        intersect: Annotated[
            bool,
            typer.Option(
                help="With --compare: runs on different item sets are compared on the shared items."
            ),
        ] = False,
    ) -> None:
        """Rebuild the report of a run directory from run.json, samples.jsonl and results.json."""
        from harness.report import write_report

        if compare is None:
            path = write_report(run_dir, markdown=format == "md")
            console.print(f"Report: {escape(str(path))}", highlight=False, soft_wrap=True)
            return
        out = run_dir / f"compare-{compare.resolve().name}.{format}"
        _compare.compare([run_dir, compare], out=out, intersect=intersect)
