"""`plume score`: score replies made elsewhere (agents' edits, another tool's outputs)."""

from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from harness import paths
from harness.cli._common import (
    AddressOption,
    EngineChoice,
    EngineOption,
    console,
    err_console,
    guarded,
)

if TYPE_CHECKING:
    from harness.stats import Estimate, PairedComparison


def _estimate(est: "Estimate") -> str:
    if est.mean is None or est.low is None or est.high is None:
        text = "—"
    else:
        text = f"{est.mean:.3f} [{est.low:.3f}, {est.high:.3f}]"
    return text + (f" ({est.unscored} unscored)" if est.unscored else "")


def _comparisons(found: list["PairedComparison"]) -> Table:
    table = Table(
        title="Paired differences (a − b on shared items; p Holm-corrected per criterion)"
    )
    for column in ("criterion", "a", "b", "n", "a − b [95 %]", "p", "w/l/t"):
        table.add_column(column, justify="right" if column in ("n", "p") else "left")
    for c in found:
        if c.mean_difference is None or c.low is None or c.high is None:
            continue
        p = f"{c.p_adjusted:.3g}" if c.p_adjusted is not None else "—"
        table.add_row(
            c.criterion,
            escape(c.a),
            escape(c.b),
            f"{c.n}" + (" (shared)" if c.intersected else ""),
            f"{c.mean_difference:+.3f} [{c.low:+.3f}, {c.high:+.3f}]",
            f"[bold]{p}[/]" if c.significant else p,
            f"{c.wins}/{c.losses}/{c.ties}",
        )
    return table


def register(app: typer.Typer) -> None:
    """Add `plume score` to the application."""

    @app.command("score")
    @guarded
    def score(
        gold: Annotated[Path, typer.Option(help="Gold set (JSONL) the replies answer.")],
        replies: Annotated[
            Path,
            typer.Option(
                help='Replies (JSONL): {"id": gold item id, "model": name, "reply": text}.'
            ),
        ],
        out: Annotated[
            Path | None,
            typer.Option(
                help="Write the scores here (JSONL, atomically); without it, only the summary."
            ),
        ] = None,
        intersect: Annotated[
            bool,
            typer.Option(
                help="Compare models that replied to different items on the items they share."
            ),
        ] = False,
        judge: Annotated[
            str | None,
            typer.Option(
                help="A model from models.yaml that also grades tone and accuracy with the "
                "judge-tone and judge-accuracy rubrics (reported as tone_judge, accuracy_judge)."
            ),
        ] = None,
        engine: EngineOption = EngineChoice.local,
        address: AddressOption = None,
    ) -> None:
        """Score replies made elsewhere against a gold set: tone, accuracy, conciseness, overall."""
        from harness.files import write_atomic
        from harness.gold import load_gold
        from harness.models import load_models, select_models
        from harness.scoring import (
            OVERALL,
            default_scorers,
            judge_name,
            judge_versions,
            judge_with,
            load_scoring_config,
            read_replies,
            score_replies,
            scores_line,
        )
        from harness.stats import ItemSetMismatch, bootstrap_mean, compare_all

        gold_set = load_gold(gold)
        by_id = {item.id: item for item in gold_set.items}
        lines = read_replies(replies, by_id, gold_name=f"the gold set {gold}")
        config = load_scoring_config()
        scorers = default_scorers(config)
        items = [by_id[line.id] for line in lines]
        texts = [line.reply for line in lines]
        with err_console.status(f"scoring {len(lines)} replies"):
            if engine is EngineChoice.ray:
                from harness.audit import score_on_ray

                results = score_on_ray(
                    items, texts, scorers, weights=config.overall.weights, address=address
                )
            else:
                results = score_replies(items, texts, scorers, weights=config.overall.weights)
        versions = {s.name: s.version for s in scorers}
        if judge is not None:
            (spec,), _ = select_models(load_models(paths.models_file()), [judge])
            with err_console.status(f"judging with {spec.name}"), TemporaryDirectory() as logs:
                judged = judge_with(
                    spec,
                    [by_id[line.id] for line in lines],
                    [line.reply for line in lines],
                    log_dir=Path(logs),
                )
            for scores, extra in zip(results, judged.scores, strict=True):
                scores.update(extra)
            versions |= judge_versions(spec)
            unusable = judged.unusable()
            for criterion, check in judged.canaries.items():
                name = judge_name(criterion)
                console.print(
                    f"judge {spec.name}, {name}: {check.describe()};"
                    f" {unusable.get(name, 0)}/{len(lines)} replies without a usable verdict",
                    markup=False,
                    highlight=False,
                )
        if out is not None:
            write_atomic(
                out, "".join(scores_line(r, s) + "\n" for r, s in zip(lines, results, strict=True))
            )
        criteria = [*(name for name in results[0] if name != OVERALL), OVERALL]
        values: dict[str, dict[str, dict[str, float | None]]] = {}
        for line, scores in zip(lines, results, strict=True):
            for criterion in criteria:
                values.setdefault(line.model, {}).setdefault(criterion, {})[line.id] = scores[
                    criterion
                ].value
        services = {item.id: item.service for item in gold_set.items}
        estimates = {
            model: {
                c: bootstrap_mean(list(v[c].values()), clusters=[services[i] for i in v[c]])
                for c in criteria
            }
            for model, v in values.items()
        }
        ranked = sorted(estimates, key=lambda m: -(estimates[m][OVERALL].mean or -1.0))
        table = Table(title=f"{len(lines)} replies scored (mean [95 % interval])")
        table.add_column("model")
        for criterion in criteria:
            table.add_column(criterion, justify="right")
        for model in ranked:
            table.add_row(escape(model), *(_estimate(estimates[model][c]) for c in criteria))
        console.print(table)
        console.print(
            "scorers: " + ", ".join(f"{n} {v}" for n, v in versions.items()), highlight=False
        )
        if len(ranked) > 1:
            try:
                found = [
                    c
                    for criterion in criteria
                    for c in compare_all(
                        {m: values[m][criterion] for m in ranked},
                        criterion=criterion,
                        clusters=services,
                        intersect=intersect,
                    )
                ]
            except ItemSetMismatch as error:
                console.print(f"[yellow]not compared:[/] {escape(str(error))}", soft_wrap=True)
            else:
                console.print(_comparisons(found))
        if out is not None:
            console.print(f"Scores: {escape(str(out))}", highlight=False, soft_wrap=True)
