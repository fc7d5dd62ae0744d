"""``report.html``: a self-contained page a team can read and archive (no server, no script)."""

from pathlib import Path

from harness.runner import RunManifest, RunResults, SampleRecord, atomic_write, latest_by_key, read_samples
from harness.templating import environment

_TEMPLATES = Path(__file__).parent / "templates"


def render_report(manifest: RunManifest, results: RunResults, records: list[SampleRecord]) -> str:
    """The report's HTML; every text from a citizen or a model is escaped by the template engine."""
    by_item: dict[str, dict[str, SampleRecord]] = {}
    for record in records:
        by_item.setdefault(record.id, {})[record.model] = record
    return environment(_TEMPLATES).get_template("report.html").render(
        manifest=manifest,
        results=results,
        items=sorted(by_item.items()),
        models=list(results.models),
    )


def write_report(run_dir: Path) -> Path:
    """Build ``report.html`` from a run directory's files and return its path."""
    manifest = RunManifest.model_validate_json((run_dir / "run.json").read_text(encoding="utf-8"))
    results = RunResults.model_validate_json((run_dir / "results.json").read_text(encoding="utf-8"))
    records = list(latest_by_key(read_samples(run_dir / "samples.jsonl")).values())
    path = run_dir / "report.html"
    atomic_write(path, render_report(manifest, results, records))
    return path
