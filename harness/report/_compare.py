"""Comparing runs: every model of every run is a candidate, and candidates are paired on item ids.

Any runs can be compared whose numbers mean the same thing: the same gold set (the same file, not
only the same name), the same scorer versions and the same style guide. Models, prompt versions
and dates may differ; that is the point. Candidates that ran on different items are compared only
when the caller asks for the items they all share, and the page says how many were left out.
"""

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from harness.errors import UsageError
from harness.files import write_atomic
from harness.gold import GoldItem
from harness.report import _view
from harness.report._html import read_run
from harness.report._markdown import render_comparison_markdown
from harness.report._pairwise import Side, pairwise_views
from harness.report._view import Candidate, Comparison
from harness.runner import (
    ModelResults,
    RunManifest,
    RunResults,
    SampleRecord,
    criterion_values,
)
from harness.scoring import OVERALL, load_scoring_config
from harness.stats import Estimate, ItemSetMismatch, PairedComparison, bootstrap_mean, compare_all
from harness.templating import environment

_TEMPLATES = Path(__file__).parent / "templates"


def _check_comparable(first: RunManifest, other: RunManifest) -> None:
    a, b = first.run_id, other.run_id
    if first.gold.sha256 != other.gold.sha256:
        raise UsageError(
            f"runs {a} and {b} used different gold sets ({first.gold.name}, sha256 "
            f"{first.gold.sha256[:12]}, against {other.gold.name}, sha256 "
            f"{other.gold.sha256[:12]}): items with the same id may differ, so they are not "
            "compared; run both on the same gold file"
        )
    if first.scorers != other.scorers:
        differing = sorted(set(first.scorers) | set(other.scorers))
        detail = ", ".join(
            f"{name} {first.scorers.get(name, 'absent')} in {a} but "
            f"{other.scorers.get(name, 'absent')} in {b}"
            for name in differing
            if first.scorers.get(name) != other.scorers.get(name)
        )
        raise UsageError(
            f"runs {a} and {b} were scored with different scorers ({detail}): their numbers are "
            "not comparable; run the older one again with this Plume (its cached replies cost "
            "nothing)"
        )
    if first.styleguide != other.styleguide:
        raise UsageError(
            f"runs {a} and {b} were linted with different style guides ({_guide(first)} in {a}, "
            f"{_guide(other)} in {b}): their tone and conciseness are not comparable"
        )


def _guide(manifest: RunManifest) -> str:
    guide = manifest.styleguide or {}
    if not guide:
        return "none"
    return f"version {guide.get('version', '?')}, sha256 {guide.get('sha256', '?')[:12]}"


def _mean(estimate: Estimate) -> float:
    return estimate.mean if estimate.mean is not None else -1.0


def _names(pairs: Sequence[tuple[RunManifest, str]]) -> list[str]:
    """``model · prompt``, with the run id where two candidates would otherwise look alike."""
    short = [f"{model} · {manifest.prompt}" for manifest, model in pairs]
    return [
        name if short.count(name) == 1 else f"{name} · {manifest.run_id}"
        for name, (manifest, _) in zip(short, pairs, strict=True)
    ]


def compare_runs(*run_dirs: Path, intersect: bool = False) -> Comparison:
    """Compare every model of the given run directories, paired on item ids.

    Raises:
        UsageError: fewer than two candidates, a run given twice, or runs whose numbers do not
            mean the same thing (gold set, scorers, style guide).
        ItemSetMismatch: candidates ran on different items and ``intersect`` is false.
    """
    runs = [read_run(path) for path in run_dirs]
    if not runs:
        raise UsageError("name at least one run directory")
    ids = [manifest.run_id for manifest, *_ in runs]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise UsageError(f"run {twice[0]} is given twice; give each run once")
    for manifest, *_ in runs[1:]:
        _check_comparable(runs[0][0], manifest)
    pairs: list[tuple[RunManifest, str]] = []
    mine: list[tuple[list[SampleRecord], ModelResults]] = []
    paths: list[Path] = []
    gold: list[GoldItem] | None = None
    for path, (manifest, results, records, items) in zip(run_dirs, runs, strict=True):
        gold = gold or items
        for model, res in results.models.items():
            pairs.append((manifest, model))
            mine.append(([r for r in records if r.model == model], res))
            paths.append(path)
    if len(pairs) < 2:
        raise UsageError(
            f"{run_dirs[0]} holds one model and nothing else was given: name at least two runs, "
            "or a run with several models"
        )
    names = _names(pairs)
    item_sets = [{r.id for r in records} for records, _ in mine]
    shared = set.intersection(*item_sets)
    notes = [
        f"Run {manifest.run_id} is {manifest.status}. {warning}"
        for manifest, results, *_ in runs
        if (warning := _view.banner(manifest.status, results)) is not None
    ]
    partial = any(s != shared for s in item_sets)
    if partial:
        sizes = ", ".join(f"{n} has {len(s)}" for n, s in zip(names, item_sets, strict=True))
        if not intersect:
            raise ItemSetMismatch(
                f"the candidates ran on different item sets ({sizes}; {len(shared)} shared by "
                f"all): compare them on the shared items with --intersect"
            )
        left_out = len(set.union(*item_sets) - shared)
        notes.append(
            f"The candidates ran on different item sets ({sizes}): they are compared on the "
            f"{len(shared)} items they all share, {left_out} left out. Tokens, cost and latency "
            "are each run's own, over all its items."
        )
    # The weights the runs were scored with (the scorer versions match), else today's.
    weights = dict(runs[0][1].weights or load_scoring_config().overall.weights)
    criteria = [
        *sorted({n for records, _ in mine for r in records for n in r.scores if n != OVERALL}),
        OVERALL,
    ]
    services = {item.id: item.service for item in gold} if gold else None
    values = {
        name: {
            c: criterion_values([r for r in records if r.id in shared], c, weights)
            for c in criteria
        }
        for name, (records, _) in zip(names, mine, strict=True)
    }
    models: dict[str, ModelResults] = {}
    for name, (records, res) in zip(names, mine, strict=True):
        kept = [r for r in records if r.id in shared]
        failed = [r for r in kept if r.error is not None]
        models[name] = res.model_copy(
            update={
                "items": len(kept),
                "errors": len(failed),
                "causes": dict(Counter(r.cause or "unknown" for r in failed)),
                "scores": {
                    c: bootstrap_mean(
                        list(v.values()),
                        clusters=[services.get(i, "") for i in v] if services else None,
                    )
                    for c, v in values[name].items()
                },
            }
        )
    ranked = dict(sorted(models.items(), key=lambda kv: -_mean(kv[1].scores[OVERALL])))
    comparisons: list[PairedComparison] = []
    for criterion in criteria:
        comparisons += compare_all(
            {name: values[name][criterion] for name in ranked},
            criterion=criterion,
            clusters=services,
        )
    if partial:
        left = {name: len(s - shared) for name, s in zip(names, item_sets, strict=True)}
        comparisons = [
            c.model_copy(update={"intersected": True, "only_a": left[c.a], "only_b": left[c.b]})
            for c in comparisons
        ]
    results = RunResults(
        run_id="comparison",
        overall=OVERALL,
        models=ranked,
        criteria=criteria,
        weights=weights,
        comparisons=comparisons,
    )
    candidates = [
        Candidate(
            name=name,
            model=model,
            served=next((m.served for m in manifest.models if m.name == model), model),
            prompt=manifest.prompt,
            run_id=manifest.run_id,
            run_dir=str(path),
            started=manifest.created_at,
            status=manifest.status,
        )
        for name, (manifest, model), path in zip(names, pairs, paths, strict=True)
    ]
    sides = {
        Side(run=manifest.run_id, model=model): name
        for name, (manifest, model) in zip(names, pairs, strict=True)
    }
    replies = {
        side: {r.id: r.reply for r in records if r.id in shared and r.reply and r.error is None}
        for side, (records, _) in zip(sides, mine, strict=True)
    }
    return Comparison(
        candidates=candidates,
        gold=runs[0][0].gold,
        items=len(shared),
        results=results,
        notes=notes,
        pairwise=pairwise_views(run_dirs, sides, replies, services),
    )


def render_comparison(comparison: Comparison) -> str:
    """The comparison's HTML page: self-contained, no script, the same escaping as the report."""
    served = {c.name: c.served for c in comparison.candidates}
    return (
        environment(_TEMPLATES)
        .get_template("comparison.html")
        .render(
            comparison=comparison,
            **_view.scores(comparison.results, served, kind="Candidate"),
            pairwise=comparison.pairwise,
        )
    )


def write_comparison(comparison: Comparison, out: Path) -> Path:
    """Write the comparison as HTML, Markdown or JSON, chosen by ``out``'s suffix.

    Raises:
        UsageError: another suffix.
    """
    suffix = out.suffix.lower()
    if suffix in (".html", ".htm"):
        text = render_comparison(comparison)
    elif suffix == ".md":
        text = render_comparison_markdown(comparison)
    elif suffix == ".json":
        text = comparison.model_dump_json(indent=2) + "\n"
    else:
        raise UsageError(f"--out {out}: name a .html, .md or .json file")
    write_atomic(out, text)
    return out
