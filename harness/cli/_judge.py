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
    from harness.models import ModelSpec
    from harness.report import PairwiseView


def _judge_files(files: list[Path], gold: Path | None, spec: "ModelSpec") -> "PairwiseView":
    """Two reply files, judged without keeping the preferences."""
    from harness.gold import load_gold
    from harness.report import PairwiseView
    from harness.scoring import pairwise_with, read_replies, win_rates

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
    (name_a, a), (name_b, b) = sides
    shared = [item_id for item_id in a if item_id in b]
    if not shared:
        raise UsageError(f"{files[0]} and {files[1]} answer no item in common")
    items = [by_id[item_id] for item_id in shared]
    texts_a, texts_b = [a[i] for i in shared], [b[i] for i in shared]
    status = err_console.status(f"judging {len(shared)} pairs twice with {spec.name}")
    with status, TemporaryDirectory() as logs:
        preferences, canaries = pairwise_with(spec, items, texts_a, texts_b, log_dir=Path(logs))
    rate = win_rates(preferences, texts_a, texts_b, clusters=[item.service for item in items])
    failed = sum(1 for p in preferences if p.failed)
    return PairwiseView(f"{spec.name} ({spec.model})", name_a, name_b, rate, canaries, "", failed)


def _judge_runs(run_dirs: list[Path], spec: "ModelSpec") -> "PairwiseView":
    """The two models of one run, or of two runs, judged; the preferences are kept in the first
    run (``pairwise.jsonl``) and shown in its report and in comparisons."""
    from harness.report import Side, judge_pairwise, pairwise_views, read_run

    runs = [read_run(path) for path in run_dirs]
    if len({manifest.gold.sha256 for manifest, *_ in runs}) > 1:
        raise UsageError(
            f"{run_dirs[0]} and {run_dirs[1]} ran on different gold sets: their items may differ"
        )
    by_id: dict[str, GoldItem] = {}
    names: dict[Side, str] = {}
    replies: dict[Side, dict[str, str]] = {}
    for path, (manifest, results, records, items) in zip(run_dirs, runs, strict=True):
        if items is None:
            raise UsageError(
                f"{path}: the run's gold set is no longer where the run found it, or changed, "
                "and the run kept no copy (gold.anonymised.jsonl): the judge needs the items"
            )
        by_id |= {item.id: item for item in items}
        for model in results.models:
            side = Side(run=manifest.run_id, model=model)
            names[side] = model if len(runs) == 1 else f"{model} ({manifest.run_id})"
            replies[side] = {
                r.id: r.reply
                for r in records
                if r.model == model and r.reply is not None and r.error is None
            }
    if len(names) != 2:
        raise UsageError(
            f"the pairwise judge compares two candidates; {' and '.join(map(str, run_dirs))} "
            f"hold {len(names)} ({', '.join(names.values())}): name one run with two models, or "
            "two runs with one each"
        )
    a, b = names
    if not any(item in replies[b] for item in replies[a]):
        raise UsageError(f"{names[a]} and {names[b]} answer no item in common")
    with err_console.status(f"judging with {spec.name}"):
        judge_pairwise(run_dirs[0], spec, a, b, replies, by_id)
    services = {item.id: item.service for item in by_id.values()}
    return next(
        view
        for view in pairwise_views(run_dirs[:1], names, replies, services)
        if (view.judge, view.a, view.b) == (f"{spec.name} ({spec.model})", names[a], names[b])
    )


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
        the built-in canary pairs (flagged below 90 %). With run directories, the preferences
        are kept in the first run (pairwise.jsonl): asked once, shown by `plume report` and
        `plume compare`.
        """
        from harness.models import load_models, select_models
        from harness.report import describe_pairwise

        (spec,), _ = select_models(load_models(paths.models_file()), [judge_model])
        if all(path.is_dir() for path in sources) and len(sources) <= 2:
            view = _judge_runs(sources, spec)
        elif len(sources) == 2 and not any(path.is_dir() for path in sources):
            view = _judge_files(sources, gold, spec)
        else:
            raise UsageError("give two reply files (with --gold), or one or two run directories")
        for line in describe_pairwise(view):
            console.print(line, markup=False, highlight=False)
