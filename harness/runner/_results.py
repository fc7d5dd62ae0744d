"""From sample records to per-model results."""

from statistics import fmean

from harness.models import ModelSpec
from harness.runner._records import ModelResults, RunResults, SampleRecord
from harness.stats import bootstrap_mean

OVERALL = "overall"


def overall_value(record: SampleRecord) -> float | None:
    """Mean of a record's scored criteria; ``None`` when it has none (failed or all unscored)."""
    values = [score.value for score in record.scores.values() if score.value is not None]
    return fmean(values) if values else None


def summarise(run_id: str, records: list[SampleRecord], specs: list[ModelSpec]) -> RunResults:
    """Aggregate each model's records; models are ordered by overall mean, best first."""
    models: dict[str, ModelResults] = {}
    for spec in specs:
        mine = [r for r in records if r.model == spec.name]
        names = sorted({name for r in mine for name in r.scores})
        estimates = {
            name: bootstrap_mean([r.scores[name].value if name in r.scores else None for r in mine])
            for name in names
        }
        estimates[OVERALL] = bootstrap_mean([overall_value(r) for r in mine])
        completions = [r.completion for r in mine if r.completion is not None]
        tokens_in = sum(c.input_tokens for c in completions)
        tokens_out = sum(c.output_tokens for c in completions)
        latencies = [c.latency_s for c in completions if not c.cached]
        models[spec.name] = ModelResults(
            items=len(mine),
            errors=sum(1 for r in mine if r.error is not None),
            scores=estimates,
            input_tokens=tokens_in,
            output_tokens=tokens_out,
            cost=(tokens_in * spec.price_in + tokens_out * spec.price_out) / 1_000_000,
            mean_latency_s=fmean(latencies) if latencies else None,
        )
    ranked = sorted(models.items(), key=lambda kv: -(kv[1].scores[OVERALL].mean or -1.0))
    return RunResults(run_id=run_id, overall=OVERALL, models=dict(ranked))
