"""From sample records to per-model results, paired comparisons and breakdowns."""

from collections import Counter
from collections.abc import Sequence
from statistics import quantiles

from harness.gold import GoldItem
from harness.models import Completion, ModelSpec
from harness.runner._records import ModelResults, RunResults, SampleRecord
from harness.scoring import OVERALL, ScoringConfig, load_scoring_config, overall_score
from harness.stats import Estimate, PairedComparison, bootstrap_mean, compare_all

_BREAKDOWN_RESAMPLES = 1000


def overall_value(record: SampleRecord, weights: dict[str, float]) -> float | None:
    """The record's weighted overall score; ``None`` when generation failed or a weighted
    criterion is unscored (counted as unscored, never as zero)."""
    if record.error is not None or not record.scores:
        return None  # unscored: what overall_score would say, without composing its reasons
    criteria = {name: score for name, score in record.scores.items() if name != OVERALL}
    return overall_score(criteria, weights).value


def criterion_values(
    records: Sequence[SampleRecord], criterion: str, weights: dict[str, float]
) -> dict[str, float | None]:
    """Item id → value of ``criterion`` (``overall`` is recomputed with ``weights``)."""
    if criterion == OVERALL:
        return {r.id: overall_value(r, weights) for r in records}
    return {
        r.id: r.scores[criterion].value if criterion in r.scores and r.error is None else None
        for r in records
    }


def summarise(
    run_id: str,
    records: list[SampleRecord],
    specs: list[ModelSpec],
    *,
    items: Sequence[GoldItem] | None = None,
    config: ScoringConfig | None = None,
) -> RunResults:
    """Aggregate each model's records; models are ordered by overall mean, best first.

    With the gold ``items``, intervals are clustered by service and the overall score is broken
    down by service and sentiment.
    """
    weights = dict((config or load_scoring_config()).overall.weights)
    services = {item.id: item.service for item in items} if items else None
    criteria = [*sorted({n for r in records for n in r.scores if n != OVERALL}), OVERALL]
    by_model = {spec.name: [r for r in records if r.model == spec.name] for spec in specs}
    values = {
        name: {c: criterion_values(mine, c, weights) for c in criteria}
        for name, mine in by_model.items()
    }
    models: dict[str, ModelResults] = {}
    for spec in specs:
        mine = by_model[spec.name]
        estimates = {
            c: bootstrap_mean(
                list(values[spec.name][c].values()),
                clusters=[services.get(i, "") for i in values[spec.name][c]] if services else None,
            )
            for c in criteria
        }
        completions = [r.completion for r in mine if r.completion is not None]
        paid = [c for c in completions if not c.cached]
        cached = [c for c in completions if c.cached]
        latencies = [c.latency_s for c in paid if not c.batch]
        models[spec.name] = ModelResults(
            items=len(mine),
            errors=sum(1 for r in mine if r.error is not None),
            causes=dict(Counter(r.cause or "unknown" for r in mine if r.error is not None)),
            scores=estimates,
            input_tokens=sum(c.input_tokens for c in completions),
            output_tokens=sum(c.output_tokens for c in completions),
            cost=_cost(paid, spec),
            cached=len(cached),
            cost_from_cache=_cost(cached, spec),
            latency_p50_s=_percentile(latencies, 50),
            latency_p95_s=_percentile(latencies, 95),
            cost_per_1000=_cost(completions, spec) / len(completions) * 1000
            if completions
            else None,
        )
    ranked = dict(sorted(models.items(), key=lambda kv: -_rank(kv[1].scores[OVERALL])))
    comparisons: list[PairedComparison] = []
    for criterion in criteria:
        comparisons += compare_all(
            {name: values[name][criterion] for name in ranked if by_model[name]},
            criterion=criterion,
            clusters=services,
            intersect=True,
        )
    return RunResults(
        run_id=run_id,
        overall=OVERALL,
        models=ranked,
        criteria=criteria,
        weights=weights,
        comparisons=comparisons,
        breakdowns=_breakdowns(items, {name: values[name][OVERALL] for name in ranked}),
    )


def _percentile(values: list[float], percent: int) -> float | None:
    """numpy's default (linear) percentile, from the standard library: ``np.percentile`` imports
    ``numpy.ma`` on its first call, about 8 ms at the end of every run that scores nothing."""
    if len(values) < 2:
        return values[0] if values else None
    return quantiles(values, n=100, method="inclusive")[percent - 1]


def _cost(completions: Sequence[Completion], spec: ModelSpec) -> float:
    return sum(spec.cost(completion) for completion in completions)


def _rank(estimate: Estimate) -> float:
    return estimate.mean if estimate.mean is not None else -1.0


def _breakdowns(
    items: Sequence[GoldItem] | None, overall: dict[str, dict[str, float | None]]
) -> dict[str, dict[str, dict[str, Estimate]]]:
    if not items:
        return {}
    found: dict[str, dict[str, dict[str, Estimate]]] = {}
    for dimension in ("service", "sentiment"):
        groups: dict[str, list[str]] = {}
        for item in items:
            label = item.service if dimension == "service" else item.experience.sentiment
            groups.setdefault(label, []).append(item.id)
        found[dimension] = {
            label: {
                model: bootstrap_mean(
                    [values.get(i) for i in ids if i in values], resamples=_BREAKDOWN_RESAMPLES
                )
                for model, values in overall.items()
            }
            for label, ids in sorted(groups.items())
        }
    return found
