"""`plume run`: the main job."""

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from harness import paths
from harness.cli._common import console, err_console, fail, guarded
from harness.errors import UsageError
from harness.report import write_report
from harness.runner import RunManifest, RunResults, RunSpec, SampleRecord, execute


def _leaderboard(results: RunResults) -> Table:
    table = Table(title="Leaderboard (mean [95 % interval])")
    table.add_column("model")
    names = list(next(iter(results.models.values())).scores)
    for name in names:
        table.add_column(name, justify="right")
    table.add_column("errors", justify="right")
    for model, res in results.models.items():
        cells = []
        for name in names:
            est = res.scores.get(name)
            if est is None or est.mean is None:
                cells.append("—")
            else:
                cells.append(f"{est.mean:.3f} [{est.low:.3f}, {est.high:.3f}]")
        table.add_row(model, *cells, f"{res.errors}/{res.items}")
    return table


def register(app: typer.Typer) -> None:
    """Add `plume run` to the application."""

    @app.command("run")
    @guarded
    def run(
        models: Annotated[
            str | None,
            typer.Option(
                help="Model names from models.yaml, comma-separated; `local`: every local model."
            ),
        ] = None,
        gold: Annotated[
            Path | None, typer.Option(help="Gold set (JSONL); the bundled set by default.")
        ] = None,
        prompt: Annotated[
            str, typer.Option(help="Prompt id and optional version, e.g. reply@1.0.0.")
        ] = "reply",
        limit: Annotated[
            int | None, typer.Option(min=1, help="Run only the first N gold items.")
        ] = None,
        out: Annotated[
            Path | None, typer.Option(help="Folder in which the run directory is created.")
        ] = None,
        few_shot: Annotated[
            int, typer.Option(min=0, help="Example replies shown to the model.")
        ] = 2,
        concurrency: Annotated[
            int | None,
            typer.Option(min=1, help="Requests in flight per model (overrides models.yaml)."),
        ] = None,
        no_cache: Annotated[
            bool, typer.Option("--no-cache", help="Neither read nor write the completion cache.")
        ] = False,
        resume: Annotated[
            Path | None,
            typer.Option(help="Resume an interrupted run directory; other options are ignored."),
        ] = None,
    ) -> None:
        """Draft replies to the gold set with each model, score them and write a report."""
        if resume is not None:
            try:
                spec = RunManifest.model_validate_json(
                    (resume / "run.json").read_text(encoding="utf-8")
                ).spec
            except (OSError, ValueError):
                raise UsageError(
                    f"{resume} is not a run directory (no readable run.json)"
                ) from None
        else:
            spec = RunSpec(
                gold=gold or paths.gold_dir() / "services-publics-plus.jsonl",
                prompt=prompt,
                models=[m.strip() for m in models.split(",") if m.strip()] if models else None,
                limit=limit,
                out=out,
                few_shot=few_shot,
                concurrency=concurrency,
                cache=not no_cache,
            )
        progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err_console,
            transient=True,
        )
        task = progress.add_task("generating", total=None)

        def on_record(record: SampleRecord) -> None:
            progress.advance(task)
            if record.error:
                err_console.print(
                    f"[yellow]{record.model} / {record.id}: {record.error}[/]", highlight=False
                )

        def on_plan(total: int, skipped: list[str]) -> None:
            if skipped:
                console.print(f"skipped: {'; '.join(skipped)}", highlight=False, soft_wrap=True)
            progress.update(task, total=total)

        try:
            with progress:
                outcome = execute(
                    spec,
                    run_dir=resume,
                    on_plan=on_plan,
                    on_record=on_record,
                )
        except KeyboardInterrupt:
            fail(
                "interrupted; completed items are saved: resume with `plume run --resume RUN_DIR`",
                130,
            )
        results = RunResults.model_validate_json(
            (outcome.run_dir / "results.json").read_text(encoding="utf-8")
        )
        report = write_report(outcome.run_dir)
        console.print(_leaderboard(results))
        console.print(f"Report: {report}", highlight=False, soft_wrap=True)
        failed = sum(r.errors for r in results.models.values())
        if failed:
            total = sum(r.items for r in results.models.values())
            fail(
                f"{failed} of {total} replies failed (see the report); "
                f"`plume run --resume {outcome.run_dir}` retries them",
                1,
            )
