"""`plume run`: the main job."""

import signal
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from harness import paths
from harness.cli._common import (
    AddressOption,
    EngineChoice,
    EngineOption,
    console,
    err_console,
    fail,
    guarded,
)
from harness.errors import PlumeError, UsageError

if TYPE_CHECKING:
    from harness.runner import RunOutcome, RunResults, SampleRecord


def _leaderboard(results: "RunResults") -> Table:
    from harness.report import format_estimate

    table = Table(title="Leaderboard (mean [95 % interval])")
    table.add_column("model")
    names = list(next(iter(results.models.values())).scores)
    for name in names:
        table.add_column(name, justify="right")
    table.add_column("failed", justify="right")
    for model, res in results.models.items():
        cells = [format_estimate(res.scores.get(name)) for name in names]
        table.add_row(escape(model), *cells, f"{res.errors}/{res.items}")
    return table


def _scorer_names(text: str | None) -> list[str] | None:
    if text is None:
        return None
    if text.strip() == "none":
        return []
    return [name.strip() for name in text.split(",") if name.strip()]


def _conclude(outcome: "RunOutcome") -> None:
    """Print the leaderboard, the verdict's headline and the report's path; exit 1 when some
    replies failed."""
    from harness.report import failures, verdict, write_report
    from harness.runner import RunResults

    results_file = outcome.run_dir / "results.json"
    results = RunResults.model_validate_json(results_file.read_text(encoding="utf-8"))
    report = write_report(outcome.run_dir)
    console.print(_leaderboard(results))
    console.print(f"[bold]{escape(verdict(results).headline)}[/]", soft_wrap=True)
    console.print(f"Report: {report}", highlight=False, soft_wrap=True)
    failed = failures(results)
    if failed is not None:
        fail(f"{failed}; `plume run --resume {outcome.run_dir}` retries them", 1)


def register(app: typer.Typer) -> None:
    """Add `plume run` to the application."""

    @app.command()
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
        split: Annotated[
            str | None, typer.Option(help="Only the items of this split: train, dev or test.")
        ] = None,
        limit: Annotated[int | None, typer.Option(min=1, help="Only the first N items.")] = None,
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
        scorers: Annotated[
            str | None,
            typer.Option(help="Criteria to score, comma-separated, or `none`; all by default."),
        ] = None,
        no_cache: Annotated[
            bool, typer.Option("--no-cache", help="Neither read nor write the completion cache.")
        ] = False,
        batch: Annotated[
            bool,
            typer.Option(
                "--batch",
                help="Send to the batch API of each model that declares one (half price, results"
                " within 24 h); --resume collects a batch left pending.",
            ),
        ] = False,
        resume: Annotated[
            Path | None,
            typer.Option(help="Resume an interrupted run directory with its own options."),
        ] = None,
        engine: EngineOption = EngineChoice.local,
        address: AddressOption = None,
    ) -> None:
        """Draft replies to the gold set with each model, score them and write a report."""
        from harness.runner import Interrupted, RunSpec, execute, read_manifest

        if address is not None and engine is not EngineChoice.ray:
            raise UsageError("--address is for --engine ray")
        if resume is not None:
            try:
                spec = read_manifest(resume).spec
            except PlumeError as error:
                raise UsageError(str(error)) from None
        else:
            if split not in (None, "train", "dev", "test"):
                raise UsageError(f"--split {split}: choose train, dev or test")
            spec = RunSpec.model_validate(
                {
                    "gold": gold or paths.gold_dir() / "services-publics-plus.jsonl",
                    "prompt": prompt,
                    "models": [m.strip() for m in models.split(",") if m.strip()]
                    if models
                    else None,
                    "split": split,
                    "limit": limit,
                    "out": out,
                    "few_shot": few_shot,
                    "concurrency": concurrency,
                    "cache": not no_cache,
                    "batch": batch,
                    "scorers": _scorer_names(scorers),
                }
            )
        progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TimeRemainingColumn(),
            console=err_console,
            transient=True,
        )
        tasks: dict[str, TaskID] = {}
        failures: dict[str, int] = {}

        def on_plan(pending: dict[str, int], skipped: list[str]) -> None:
            if skipped:
                console.print(f"skipped: {'; '.join(skipped)}", highlight=False, soft_wrap=True)
            for name, count in pending.items():
                tasks[name] = progress.add_task(name, total=count, failed=0)

        def on_record(record: "SampleRecord") -> None:
            progress.advance(tasks[record.model])
            if record.error:
                failures[record.model] = failures.get(record.model, 0) + 1
                progress.update(tasks[record.model], failed=failures[record.model])

        terminated = False

        def on_sigterm(signum: int, frame: FrameType | None) -> None:
            # Stopped as by Ctrl-C: records flushed, servers stopped, run.json says interrupted.
            nonlocal terminated
            terminated = True
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, on_sigterm)
        try:
            with progress:
                outcome = execute(
                    spec,
                    run_dir=resume,
                    on_plan=on_plan,
                    on_record=on_record,
                    engine="ray" if engine is EngineChoice.ray else "local",
                    address=address,
                )
        except KeyboardInterrupt as stop:
            run_dir = stop.run_dir if isinstance(stop, Interrupted) else resume
            hint = f"completed items are saved: resume with `plume run --resume {run_dir}`"
            message = f"interrupted; {hint}" if run_dir else "interrupted before any item was run"
            fail(message, 143 if terminated else 130)
        finally:
            signal.signal(signal.SIGTERM, previous)
        _conclude(outcome)
