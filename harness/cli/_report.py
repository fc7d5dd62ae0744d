"""`plume report`: rebuild a run's report, or compare two runs paired on their items."""

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.markup import escape
from rich.table import Table

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
            typer.Option(help="Another run directory: compare each shared model, paired on items."),
        ] = None,
        intersect: Annotated[
            bool,
            typer.Option(
                help="With --compare: runs on different item sets are compared on the shared items."
            ),
        ] = False,
    ) -> None:
        """Rebuild the report of a run directory from run.json, samples.jsonl and results.json."""
        from harness.report import compare_runs, write_report

        if compare is None:
            path = write_report(run_dir, markdown=format == "md")
            console.print(f"Report: {escape(str(path))}", highlight=False, soft_wrap=True)
            return
        comparison = compare_runs(run_dir, compare, intersect=intersect)
        table = Table(title=f"{comparison.a} − {comparison.b} (paired on items; p Holm-corrected)")
        for column in ("model", "criterion", "n", "a − b [95 %]", "p", "w/l/t"):
            table.add_column(column, justify="right" if column in ("n", "p") else "left")
        for c in comparison.comparisons:
            if c.mean_difference is None or c.low is None or c.high is None:
                continue
            p = f"{c.p_adjusted:.3g}" if c.p_adjusted is not None else "—"
            table.add_row(
                escape(c.a.split(" @ ")[0]),
                c.criterion,
                f"{c.n}" + (" (shared)" if c.intersected else ""),
                f"{c.mean_difference:+.3f} [{c.low:+.3f}, {c.high:+.3f}]",
                f"[bold]{p}[/]" if c.significant else p,
                f"{c.wins}/{c.losses}/{c.ties}",
            )
        console.print(table)
        for note in comparison.notes:
            console.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
