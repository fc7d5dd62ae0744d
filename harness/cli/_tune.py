"""`plume tune`."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, get_args

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from harness import paths
from harness.cli._common import console, err_console, fail, guarded
from harness.errors import UsageError

if TYPE_CHECKING:
    from harness.tuning import TuneOutcome


def _interval(mean: float | None, low: float | None, high: float | None, signed: bool) -> str:
    if mean is None or low is None or high is None:
        return "—"
    sign = "+" if signed else ""
    return f"{mean:{sign}.3f} [{low:{sign}.3f}, {high:{sign}.3f}]"


def _tables(outcome: "TuneOutcome") -> tuple[Table, Table]:
    scores = Table(title="Overall score on dev (mean [95 % interval])")
    for column in ("", "prompt", "overall", "failed"):
        scores.add_column(column, justify="left" if column in ("", "prompt") else "right")
    for measure in outcome.measures:
        est = measure.overall
        prompt = outcome.ref if measure.label == "after" else measure.prompt
        scores.add_row(
            measure.label,
            prompt,
            _interval(est.mean, est.low, est.high, signed=False),
            f"{measure.failed}/{len(measure.scores)}",
        )
    paired = Table(title="Paired differences on dev items (after − other)")
    for column in ("against", "difference [95 % interval]", "p", "wins/losses/ties"):
        paired.add_column(column, justify="left" if column == "against" else "right")
    for comparison in outcome.comparisons:
        p = "—" if comparison.p_value is None else f"{comparison.p_value:.3f}"
        paired.add_row(
            comparison.b,
            _interval(comparison.mean_difference, comparison.low, comparison.high, signed=True),
            p,
            f"{comparison.wins}/{comparison.losses}/{comparison.ties}",
        )
    return scores, paired


def register(app: typer.Typer) -> None:
    """Add `plume tune` to the application."""

    @app.command("tune")
    @guarded
    def tune_command(
        model: Annotated[str, typer.Option(help="The model to tune the prompt for (models.yaml).")],
        prompt: Annotated[
            str, typer.Option(help="Prompt to start from: reply or reply@VERSION.")
        ] = "reply",
        optimizer: Annotated[
            str, typer.Option(help="bootstrap (examples), mipro (instructions and examples), gepa.")
        ] = "bootstrap",
        budget: Annotated[
            str, typer.Option(help="How much the optimiser searches: light, medium or heavy.")
        ] = "light",
        reflection_model: Annotated[
            str | None,
            typer.Option(
                help="Model proposing instructions (mipro, gepa); the tuned one if unset."
            ),
        ] = None,
        seed: Annotated[int, typer.Option(help="Seed of the optimiser's random choices.")] = 0,
        train_limit: Annotated[
            int | None, typer.Option(min=1, help="Use only the first N train items.")
        ] = None,
        dev_limit: Annotated[
            int | None, typer.Option(min=1, help="Use only the first N dev items.")
        ] = None,
        few_shot: Annotated[
            int, typer.Option(min=0, help="Examples the untuned prompt shows (as in plume run).")
        ] = 2,
        baseline: Annotated[
            str | None,
            typer.Option(
                help="Prompt reported beside the tuned one (no optimiser); by default the"
                " style-guide baseline."
            ),
        ] = None,
        gold: Annotated[
            Path | None, typer.Option(help="Gold set (JSONL); the bundled set by default.")
        ] = None,
        no_cache: Annotated[
            bool, typer.Option("--no-cache", help="Neither read nor write the completion cache.")
        ] = False,
    ) -> None:
        """Optimise a prompt with DSPy against Plume's scores and export it as a new draft version.

        Optimises on the gold set's train split, measures on dev (before, after, and the
        style-guide baseline reply@1.1.0, with paired intervals), then writes the new version.
        Calls go through the same model layer as plume run: a remote model needs its key set and
        only ever sees anonymised items; completions are cached, so rerunning an interrupted
        tuning replays what was already generated.
        """
        from harness.tuning import Budget, Optimizer, TuneHooks, TuneSpec, tune

        if optimizer not in get_args(Optimizer):
            raise UsageError(f"--optimizer {optimizer}: choose bootstrap, mipro or gepa")
        if budget not in get_args(Budget):
            raise UsageError(f"--budget {budget}: choose light, medium or heavy")
        spec = TuneSpec.model_validate(
            {
                "model": model,
                "prompt": prompt,
                "optimizer": optimizer,
                "budget": budget,
                "reflection_model": reflection_model,
                "seed": seed,
                "gold": gold or paths.gold_dir() / "services-publics-plus.jsonl",
                "train_limit": train_limit,
                "dev_limit": dev_limit,
                "few_shot": few_shot,
                "cache": not no_cache,
            }
            | ({"baseline": baseline} if baseline is not None else {})
        )
        progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        )
        current: list[TaskID] = []

        def phase(name: str, total: int | None) -> None:
            if current:
                progress.update(current[-1], visible=False)
            current.append(progress.add_task(name, total=total))

        def advance() -> None:
            if current:
                progress.advance(current[-1])

        try:
            with progress:
                outcome = tune(spec, hooks=TuneHooks(phase=phase, advance=advance))
        except KeyboardInterrupt:
            fail(
                "interrupted; the completed model calls are cached: the same command resumes "
                "from them",
                130,
            )
        scores, paired = _tables(outcome)
        console.print(scores)
        console.print(paired)
        console.print(
            "Dev selects and measures the tuned version, so its dev score is optimistic: "
            "check it on the test split with plume run --split test.",
            highlight=False,
            soft_wrap=True,
        )
        console.print(
            f"New draft version: {outcome.ref} ({outcome.folder}); details in {outcome.log_dir}",
            highlight=False,
            soft_wrap=True,
        )
