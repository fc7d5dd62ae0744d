"""`plume judge`: which of two models' replies a judge model prefers, with its canary check."""

from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Annotated

import typer

from harness import paths
from harness.cli._common import console, err_console, guarded
from harness.errors import UsageError

if TYPE_CHECKING:
    from harness.gold import GoldItem


def _share(mean: float | None, low: float | None, high: float | None) -> str:
    if mean is None or low is None or high is None:
        return "—"
    return f"{mean:.0%} [{low:.0%}, {high:.0%}]"


def _from_files(
    files: list[Path], gold: Path | None
) -> tuple[dict[str, "GoldItem"], list[tuple[str, dict[str, str]]]]:
    """The gold items, and each file's model and replies by item id."""
    from harness.gold import load_gold
    from harness.scoring import read_replies

    if gold is None:
        raise UsageError("reply files need --gold: the gold set (JSONL) the replies answer")
    by_id = {item.id: item for item in load_gold(gold).items}
    sides = []
    for path in files:
        lines = read_replies(path, by_id, gold_name=f"the gold set {gold}")
        models = sorted({line.model for line in lines})
        if len(models) != 1:
            raise UsageError(f"{path} must hold one model's replies; it holds {models}")
        sides.append((models[0], {line.id: line.reply for line in lines}))
    return by_id, sides


def _from_runs(
    run_dirs: list[Path],
) -> tuple[dict[str, "GoldItem"], list[tuple[str, dict[str, str]]]]:
    """The runs' items as reports show them (personal data replaced), and each model's replies
    by item id: every model of the runs is a candidate."""
    from harness.report import read_run

    runs = [read_run(path) for path in run_dirs]
    if len({manifest.gold.sha256 for manifest, *_ in runs}) > 1:
        raise UsageError(
            f"{run_dirs[0]} and {run_dirs[1]} ran on different gold sets: their items may differ"
        )
    by_id: dict[str, GoldItem] = {}
    sides: list[tuple[str, dict[str, str]]] = []
    for path, (manifest, results, records, items) in zip(run_dirs, runs, strict=True):
        if items is None:
            raise UsageError(
                f"{path}: the run's gold set is no longer where the run found it, or changed, "
                "and the run kept no copy (gold.anonymised.jsonl): the judge needs the items"
            )
        by_id |= {item.id: item for item in items}
        for model in results.models:
            replies = {
                r.id: r.reply
                for r in records
                if r.model == model and r.reply is not None and r.error is None
            }
            sides.append((model if len(runs) == 1 else f"{model} ({manifest.run_id})", replies))
    if len(sides) != 2:
        found = ", ".join(name for name, _ in sides)
        raise UsageError(
            f"the pairwise judge compares two candidates; {' and '.join(map(str, run_dirs))} "
            f"hold {len(sides)} ({found}): name one run with two models, or two runs with one"
        )
    return by_id, sides


def register(app: typer.Typer) -> None:
    """Add `plume judge` to the application."""

    @app.command("judge")
    @guarded
    def judge(
        sources: Annotated[
            list[Path],
            typer.Argument(
                help="Two reply files (JSONL, one model each), or run directories holding two "
                "models in all (one run with two models, or two runs with one each)."
            ),
        ],
        judge_model: Annotated[
            str, typer.Option("--judge", help="The model from models.yaml that judges.")
        ],
        gold: Annotated[
            Path | None, typer.Option(help="With reply files: the gold set (JSONL) they answer.")
        ] = None,
    ) -> None:
        """Compare two models' replies item by item with a judge model, in both orders.

        A preference counts only when both orders agree (otherwise a tie). Prints A's win rate
        with its bootstrap interval, the length-controlled win rate, and how the judge ranked
        the built-in canary pairs (flagged below 90 %).
        """
        from harness.models import load_models, select_models
        from harness.scoring import pairwise_with, win_rates

        if all(path.is_dir() for path in sources) and len(sources) <= 2:
            by_id, sides = _from_runs(sources)
        elif len(sources) == 2 and not any(path.is_dir() for path in sources):
            by_id, sides = _from_files(sources, gold)
        else:
            raise UsageError("give two reply files (with --gold), or one or two run directories")
        (name_a, a), (name_b, b) = sides
        shared = [item_id for item_id in a if item_id in b]
        if not shared:
            raise UsageError(f"{name_a} and {name_b} answer no item in common")
        (spec,), _ = select_models(load_models(paths.models_file()), [judge_model])
        items = [by_id[item_id] for item_id in shared]
        texts_a, texts_b = [a[i] for i in shared], [b[i] for i in shared]
        status = err_console.status(f"judging {len(shared)} pairs twice with {spec.name}")
        with status, TemporaryDirectory() as logs:
            preferences, canaries = pairwise_with(spec, items, texts_a, texts_b, log_dir=Path(logs))
        rate = win_rates(preferences, texts_a, texts_b, clusters=[item.service for item in items])
        estimate = rate.win_rate
        lines_out = [
            f"{name_a} against {name_b}, judged by {spec.name} on {len(shared)} items"
            f" (both orders; a preference counts only when both agree):",
            f"  win rate of {name_a}: {_share(estimate.mean, estimate.low, estimate.high)}"
            f" ({rate.wins} wins, {rate.losses} losses, {rate.ties} ties,"
            f" {rate.unusable} without a usable verdict)",
            "  length-controlled win rate: "
            + _share(
                rate.length_controlled, rate.length_controlled_low, rate.length_controlled_high
            ),
            f"  judge {spec.name}: {canaries.describe()}",
        ]
        for line in lines_out:
            console.print(line, markup=False, highlight=False)
