"""`plume compare`: any runs on the same items, paired on item ids, with a verdict and a page."""

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from harness.cli._common import console, guarded


def compare(run_dirs: list[Path], *, out: Path | None, intersect: bool) -> None:
    """Print the verdict and the leaderboard of the comparison; write it to ``out`` if given."""
    from harness.report import compare_runs, format_estimate, verdict, write_comparison

    comparison = compare_runs(*run_dirs, intersect=intersect)
    for note in comparison.notes:
        console.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
    found = verdict(comparison.results)
    if found.headline:
        console.print(f"[bold]{escape(found.headline)}[/]", soft_wrap=True)
    for line in found.criteria:
        console.print(f"  {escape(line)}", soft_wrap=True, highlight=False)
    criteria = comparison.results.criteria
    table = Table(title=f"{len(comparison.candidates)} candidates on {comparison.items} items")
    table.add_column("candidate")
    for name in criteria:
        table.add_column(name, justify="right")
    for column in ("failed", "€ / 1,000 replies", "latency p50 / p95"):
        table.add_column(column, justify="right")
    usage = {u.name: u for u in found.usage}
    for name, res in comparison.results.models.items():
        table.add_row(
            escape(name),
            *(format_estimate(res.scores.get(c)) for c in criteria),
            f"{res.errors}/{res.items}",
            usage[name].per_1000,
            f"{usage[name].p50} / {usage[name].p95}",
        )
    console.print(table)
    console.print(escape(found.basis), soft_wrap=True, highlight=False)
    console.print(escape(found.method), soft_wrap=True, highlight=False)
    if out is not None:
        path = write_comparison(comparison, out)
        console.print(f"Comparison: {escape(str(path))}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add `plume compare` to the application."""

    @app.command("compare")
    @guarded
    def compare_command(
        run_dirs: Annotated[
            list[Path],
            typer.Argument(help="Run directories: every model of each is a candidate."),
        ],
        out: Annotated[
            Path | None,
            typer.Option(help="Write the comparison to FILE.html, FILE.md or FILE.json."),
        ] = None,
        intersect: Annotated[
            bool,
            typer.Option(
                help="Candidates on different item sets are compared on the shared items."
            ),
        ] = False,
    ) -> None:
        """Compare the models of any runs on the same items (other models, prompts or dates)."""
        compare(run_dirs, out=out, intersect=intersect)
