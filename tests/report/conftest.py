"""A finished run directory built from real scores, with hostile text in replies and experiences."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from harness import paths
from harness.gold import GoldItem, load_gold
from harness.models import Completion, GenerationParams, ModelSpec
from harness.runner import GoldRecord, ModelRecord, RunManifest, RunSpec, SampleRecord, summarise
from harness.scoring import Score, default_scorers, score_replies
from harness.styleguide import load_styleguide
from tests.scoring.cases import CAF, CPAM

SCRIPT = "<script>alert('x')</script>"
MODELS = ("plain", "local")
_SCORED: dict[tuple[object, ...], list[dict[str, Score]]] = {}


def _scores(items: list[GoldItem], replies: list[str]) -> list[dict[str, Score]]:
    """``score_replies``, computed once per process for the same replies to the same items under
    the same style guide and scoring configuration: the report tests build many runs of the same
    replies, and scoring them again took most of their time."""
    config = paths.root() / "scoring.yaml"
    key = (
        load_styleguide().sha256,
        config.read_text(encoding="utf-8") if config.is_file() else "",
        tuple(item.model_dump_json() for item in items),
        tuple(replies),
    )
    if key not in _SCORED:
        _SCORED[key] = score_replies(items, replies)
    return _SCORED[key]


def build_run(run_dir: Path, gold_path: Path, replies: dict[tuple[str, str], str | None]) -> Path:
    """A run directory as ``plume run`` leaves it: run.json, samples.jsonl, results.json."""
    gold = load_gold(gold_path)
    by_id = {item.id: item for item in gold.items}
    run_dir.mkdir(parents=True)
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    ok = [(key, text) for key, text in replies.items() if text is not None]
    scores = _scores([by_id[i] for (i, _), _ in ok], [t for _, t in ok if t is not None])
    scored = {key: s for (key, _), s in zip(ok, scores, strict=True)}
    records = []
    for (item_id, model), text in replies.items():
        completion = (
            Completion(
                text=text, served_model=model, input_tokens=100, output_tokens=50, latency_s=1.5
            )
            if text is not None
            else None
        )
        records.append(
            SampleRecord(
                id=item_id,
                model=model,
                prompt_sha256="p" * 64,
                reply=text,
                completion=completion,
                scores=scored.get((item_id, model), {}),
                error=None if text is not None else "HTTP 500 from the endpoint",
                cause=None if text is not None else "server_error",
                started_at=now,
                completed_at=now,
            )
        )
    (run_dir / "samples.jsonl").write_text(
        "".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8"
    )
    models = sorted({m for _, m in replies})
    manifest = RunManifest(
        run_id=run_dir.name,
        status="completed",
        created_at=now,
        finished_at=now,
        gold=GoldRecord(
            name=gold.name, path=str(gold.path), sha256=gold.sha256, items=len(gold.items)
        ),
        prompt="reply@1.0.0",
        prompt_sha256="a" * 64,
        scorers={s.name: s.version for s in default_scorers()},
        models=[
            ModelRecord(
                name=m,
                provider="openai-compatible",
                requested=m,
                served=f"{m}-served",
                mode="chat",
                params=GenerationParams(),
                remote=True,
            )
            for m in models
        ],
        models_sha256="m" * 64,
        spec=RunSpec(gold=gold.path),
        plume_version="0.1.0",
        packages={},
        git_commit=None,
    )
    (run_dir / "run.json").write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
    specs = [
        ModelSpec(name=m, provider="openai-compatible", model=m, base_url="http://x")
        for m in models
    ]
    results = summarise(run_dir.name, records, specs, items=list(gold.items))
    (run_dir / "results.json").write_text(results.model_dump_json(indent=2), encoding="utf-8")
    return run_dir


@pytest.fixture
def gold_path(tmp_path: Path) -> Path:
    hostile = CPAM.item.model_copy(
        update={
            "experience": CPAM.item.experience.model_copy(
                update={"text": CPAM.item.experience.text + " " + SCRIPT}
            )
        }
    )
    path = tmp_path / "gold.jsonl"
    path.write_text(
        CAF.item.model_dump_json() + "\n" + hostile.model_dump_json() + "\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def run_dir(tmp_path: Path, gold_path: Path) -> Path:
    return build_run(
        tmp_path / "runs" / "20261128-120000",
        gold_path,
        {
            ("caf-prime", "plain"): CAF.good,
            ("caf-prime", "local"): CAF.invented + "\n" + SCRIPT,
            ("cpam-vitale", "plain"): CPAM.good,
            ("cpam-vitale", "local"): None,
        },
    )
