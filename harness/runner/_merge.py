"""``plume run merge``: join the shards of one run into a single run directory."""

from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from harness import paths
from harness.errors import PlumeError, UsageError
from harness.files import write_atomic
from harness.gold import load_gold
from harness.models import load_models
from harness.runner._records import RunManifest
from harness.runner._run import RunOutcome, finish, new_run_dir
from harness.runner._samples import latest_by_key, read_samples

# What may differ between shards of one run: which items they took and where they wrote.
_SHARD_FIELDS = {"shard", "out"}


def _manifest(run_dir: Path) -> RunManifest:
    try:
        return RunManifest.model_validate_json((run_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        raise UsageError(f"{run_dir} is not a run directory (no readable run.json)") from None


def merge_runs(run_dirs: list[Path], out: Path | None = None) -> RunOutcome:
    """Join ``run_dirs``, completed shards of one spec with no item in common, into a new run.

    Raises:
        UsageError: a shard is unfinished, differs in what can change a score, or overlaps another.
    """
    if len(run_dirs) < 2:
        raise UsageError("merge needs at least two run directories")
    manifests = [_manifest(d) for d in run_dirs]
    first = manifests[0]
    reference = first.spec.model_dump(exclude=_SHARD_FIELDS)
    for run_dir, manifest in zip(run_dirs, manifests, strict=True):
        if manifest.status not in ("completed", "completed_with_failures"):
            raise UsageError(
                f"{run_dir} is {manifest.status}; finish it with --resume before merging"
            )
        same = (
            manifest.gold.sha256 == first.gold.sha256
            and manifest.prompt_sha256 == first.prompt_sha256
            and manifest.models_sha256 == first.models_sha256
            and manifest.scorers == first.scorers
            and manifest.styleguide == first.styleguide
            and manifest.spec.model_dump(exclude=_SHARD_FIELDS) == reference
        )
        if not same:
            raise UsageError(
                f"{run_dir} was not run with the gold set, prompt, models, scorers and options "
                f"of {run_dirs[0]}; only shards of one run can be merged"
            )
    merged = {}
    owner: dict[tuple[str, str], Path] = {}
    for run_dir in run_dirs:
        for key, record in latest_by_key(read_samples(run_dir / "samples.jsonl")).items():
            if key in owner:
                raise UsageError(
                    f"item {key[0]} of model {key[1]} is in both {owner[key]} and {run_dir}; "
                    "shards must not overlap"
                )
            owner[key] = run_dir
            merged[key] = record
    target = new_run_dir(out or paths.runs_dir())
    write_atomic(
        target / "samples.jsonl", "".join(r.model_dump_json() + "\n" for r in merged.values())
    )
    item_ids = {item_id for item_id, _ in merged}
    manifest = first.model_copy(
        update={
            "run_id": target.name,
            "created_at": min(m.created_at for m in manifests),
            "finished_at": datetime.now(UTC),
            "status": "completed_with_failures"
            if any(r.error is not None for r in merged.values())
            else "completed",
            "gold": first.gold.model_copy(update={"items": len(item_ids)}),
            "spec": first.spec.model_copy(update={"shard": None}),
        }
    )
    write_atomic(target / "run.json", manifest.model_dump_json(indent=2))
    declared = load_models(paths.models_file())
    specs = [declared[m.name] for m in first.models if m.name in declared]
    try:
        gold = load_gold(Path(first.gold.path))
        items = gold.items if gold.sha256 == first.gold.sha256 else None
    except PlumeError:
        items = None  # the breakdowns by service need the gold set; the scores do not
    finish(target, manifest, specs, items)
    return RunOutcome(run_dir=target, manifest=manifest, skipped=[])
