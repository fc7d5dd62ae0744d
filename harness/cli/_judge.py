"""`plume judge`: which of two models' replies a judge model prefers, with its canary check."""

from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Annotated

import typer

from harness import paths
from harness.cli._common import console, err_console, guarded
from harness.errors import UsageError


def _share(mean: float | None, low: float | None, high: float | None) -> str:
    if mean is None or low is None or high is None:
        return "—"
    return f"{mean:.0%} [{low:.0%}, {high:.0%}]"


def register(app: typer.Typer) -> None:
    """Add `plume judge` to the application."""

    @app.command("judge")
    @guarded
    def judge(
        replies_a: Annotated[Path, typer.Argument(help="Replies of model A (JSONL).")],
        replies_b: Annotated[Path, typer.Argument(help="Replies of model B to the same items.")],
        gold: Annotated[Path, typer.Option(help="Gold set (JSONL) the replies answer.")],
        judge_model: Annotated[
            str, typer.Option("--judge", help="The model from models.yaml that judges.")
        ],
    ) -> None:
        """Compare two models' replies item by item with a judge model, in both orders.

        A preference counts only when both orders agree (otherwise a tie). Prints A's win rate
        with its bootstrap interval, the length-controlled win rate, and how the judge ranked
        the built-in canary pairs (flagged below 90 %).
        """
        from harness.gold import load_gold
        from harness.models import load_models, select_models
        from harness.scoring import pairwise_with, read_replies, win_rates

        gold_set = load_gold(gold)
        by_id = {item.id: item for item in gold_set.items}
        sides = []
        for path in (replies_a, replies_b):
            lines = read_replies(path, by_id, gold_name=f"the gold set {gold}")
            models = sorted({line.model for line in lines})
            if len(models) != 1:
                raise UsageError(f"{path} must hold one model's replies; it holds {models}")
            sides.append((models[0], {line.id: line.reply for line in lines}))
        (name_a, a), (name_b, b) = sides
        shared = [item_id for item_id in a if item_id in b]
        if not shared:
            raise UsageError(f"{replies_a} and {replies_b} answer no item in common")
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
