"""``plume run``: render, generate, score and record, for every gold item and model."""

import asyncio
import hashlib
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

from harness import __version__, paths
from harness.errors import PlumeError, UsageError
from harness.gold import GoldItem, GoldSet, load_gold
from harness.models import (
    Model,
    ModelCallError,
    ModelSpec,
    list_served,
    load_models,
    select_models,
    serve_local,
)
from harness.prompts import PromptTemplate, RenderedPrompt, load_prompt
from harness.runner._provenance import git_commit, package_versions
from harness.runner._records import GoldRecord, ModelRecord, RunManifest, SampleRecord
from harness.runner._results import summarise
from harness.runner._samples import SampleWriter, latest_by_key, read_samples
from harness.runner._spec import RunSpec
from harness.scoring import Score, Scorer, first_scorers

OnRecord = Callable[[SampleRecord], None]


@dataclass(frozen=True)
class RunOutcome:
    """Where a finished run is and what it skipped."""

    run_dir: Path
    """The run directory."""
    manifest: RunManifest
    """Its ``run.json``."""
    skipped: list[str]
    """Models left out, with the reason."""


def _now() -> datetime:
    return datetime.now(UTC)


def new_run_dir(parent: Path) -> Path:
    """A fresh, sortable run directory under ``parent``."""
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    for suffix in range(1000):
        candidate = parent / (stamp if suffix == 0 else f"{stamp}-{suffix}")
        try:
            candidate.mkdir(parents=True)
        except FileExistsError:
            continue
        except OSError as error:
            raise PlumeError(f"cannot create the run directory {candidate}: {error.strerror}") from None
        return candidate
    raise PlumeError(f"cannot find a free run directory name under {parent}")


def pick_examples(item: GoldItem, pool: tuple[GoldItem, ...], count: int) -> list[GoldItem]:
    """``count`` other gold items as few-shot examples, chosen by a hash so each item gets its own."""

    def order(other: GoldItem) -> str:
        return hashlib.sha256(f"{item.id}\0{other.id}".encode()).hexdigest()

    return sorted((o for o in pool if o.id != item.id), key=order)[:count]


def prompt_variables(item: GoldItem, examples: list[GoldItem], spec: RunSpec) -> dict[str, Any]:
    """The ``reply`` prompt's variables for one item."""
    return {
        "service": item.service,
        "experience": item.experience.model_dump(),
        "context": item.context,
        "pseudonym": item.experience.pseudonym or "l'usager",
        "include_signoff": spec.include_signoff,
        "signature": spec.signature,
        "examples": [
            {"service": e.service, "experience": e.experience.model_dump(), "reply": e.reply} for e in examples
        ],
    }


def render_all(template: PromptTemplate, gold: GoldSet, items: tuple[GoldItem, ...], spec: RunSpec) -> dict[str, RenderedPrompt]:
    """Render the prompt for every item before any model is called, so a template error costs nothing."""
    return {
        item.id: template.render(prompt_variables(item, pick_examples(item, gold.items, spec.few_shot), spec))
        for item in items
    }


def _score(scorers: list[Scorer], item: GoldItem, reply: str) -> dict[str, Score]:
    scores = {}
    for scorer in scorers:
        try:
            scores[scorer.name] = scorer(item, reply)
        except Exception as error:  # a scorer bug must not lose the reply: record it as unscored
            scores[scorer.name] = Score.unscored(f"scorer failed: {type(error).__name__}: {error}")
    return scores


async def _resolve(model: Model) -> ModelRecord:
    """Ask the endpoint what it serves under the requested name; fail before any generation if nothing."""
    spec = model.spec
    served, aliases = spec.model, []
    if spec.provider != "anthropic":
        try:
            listed = await list_served(model._session, model.base_url, spec.api_key())
        except ModelCallError as error:
            raise UsageError(f"model {spec.name!r}: {error}") from None
        match = next((m for m in listed if spec.model == m.id or spec.model in m.aliases), None)
        if match is None:
            names = ", ".join(sorted(m.id for m in listed)) or "nothing"
            raise UsageError(f"model {spec.name!r}: {model.base_url} does not serve {spec.model!r}; it serves {names}")
        served, aliases = match.id, match.aliases
        model.served_id = served
    return ModelRecord(
        name=spec.name,
        provider=spec.provider,
        requested=spec.model,
        served=served,
        aliases=aliases,
        mode=spec.mode,
        params=spec.params,
        remote=spec.remote,
        weights=None if spec.local is None else (spec.local.file or spec.local.path or spec.local.package),
    )


async def _one(
    model: Model,
    item: GoldItem,
    prompt: RenderedPrompt,
    scorers: list[Scorer],
    writer: SampleWriter,
    on_record: OnRecord,
) -> None:
    started = _now()
    payload: list[Any] | str = prompt.text if model.spec.mode == "completion" else list(prompt.messages)
    try:
        completion = await model.generate(payload)
    except ModelCallError as error:
        record = SampleRecord(
            id=item.id, model=model.spec.name, prompt_sha256=prompt.sha256, reply=None, completion=None,
            scores={}, error=str(error), started_at=started, completed_at=_now(),
        )
    else:
        reply = completion.text.strip()
        record = SampleRecord(
            id=item.id, model=model.spec.name, prompt_sha256=prompt.sha256, reply=reply,
            completion=completion, scores=_score(scorers, item, reply), started_at=started, completed_at=_now(),
        )
    writer.write(record)
    on_record(record)


async def _generate(
    specs: list[ModelSpec],
    base_urls: dict[str, str],
    items: tuple[GoldItem, ...],
    prompts: dict[str, RenderedPrompt],
    done: set[tuple[str, str]],
    scorers: list[Scorer],
    writer: SampleWriter,
    on_start: Callable[[list[ModelRecord]], None],
    on_record: OnRecord,
) -> None:
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        models = [Model(s, session, base_url=base_urls.get(s.name)) for s in specs]
        records = [await _resolve(model) for model in models]
        on_start(records)
        async with asyncio.TaskGroup() as group:
            for model in models:
                for item in items:
                    if (item.id, model.spec.name) not in done:
                        group.create_task(_one(model, item, prompts[item.id], scorers, writer, on_record))


def execute(
    spec: RunSpec,
    *,
    run_dir: Path | None = None,
    on_plan: Callable[[int, list[str]], None] = lambda total, skipped: None,
    on_record: OnRecord = lambda record: None,
) -> RunOutcome:
    """Run ``spec``; with ``run_dir``, resume that run, skipping what it already recorded."""
    gold = load_gold(spec.gold)
    items = gold.items[: spec.limit] if spec.limit else gold.items
    template = load_prompt(spec.prompt)
    specs, skipped = select_models(load_models(paths.models_file()), spec.models)
    if not specs:
        raise UsageError("no model to run: set an API key or name a local model (--models local)")
    scorers: list[Scorer] = list(first_scorers())
    prompts = render_all(template, gold, items, spec)

    previous: RunManifest | None = None
    if run_dir is not None:
        previous = RunManifest.model_validate_json((run_dir / "run.json").read_text(encoding="utf-8"))
        if previous.gold.sha256 != gold.sha256:
            raise UsageError(f"the gold set {spec.gold} changed since run {previous.run_id} started; start a new run")
        if previous.prompt_sha256 != template.sha256:
            raise UsageError(f"prompt {template.ref} changed since run {previous.run_id} started; start a new run")
        records = read_samples(run_dir / "samples.jsonl", repair=True)
        done = {key for key, record in latest_by_key(records).items() if record.error is None}
    else:
        run_dir = new_run_dir(spec.out or paths.runs_dir())
        done = set()
    manifest = RunManifest(
        run_id=run_dir.name,
        status="running",
        created_at=previous.created_at if previous else _now(),
        gold=GoldRecord(name=gold.name, path=str(gold.path), sha256=gold.sha256, items=len(items)),
        prompt=str(template.ref),
        prompt_sha256=template.sha256,
        scorers={s.name: s.version for s in scorers},
        models=[],
        spec=spec,
        plume_version=__version__,
        packages=package_versions(),
        git_commit=git_commit(),
    )
    on_plan(sum(1 for s in specs for i in items if (i.id, s.name) not in done), skipped)

    def started(records: list[ModelRecord]) -> None:
        manifest.models = records
        _write_manifest(run_dir, manifest)

    writer = SampleWriter(run_dir / "samples.jsonl")
    try:
        with ExitStack() as servers:
            base_urls = {
                s.name: servers.enter_context(serve_local(s, log_dir=run_dir / "logs"))
                for s in specs
                if s.provider == "local"
            }
            try:
                asyncio.run(_generate(specs, base_urls, items, prompts, done, scorers, writer, started, on_record))
            except BaseExceptionGroup as group:
                # The task group wraps what one item raised; the user needs that one error, not a tree.
                raise group.exceptions[0] from None
    except KeyboardInterrupt:
        manifest.status, manifest.finished_at = "interrupted", _now()
        _write_manifest(run_dir, manifest)
        raise
    except BaseException:
        manifest.status, manifest.finished_at = "failed", _now()
        _write_manifest(run_dir, manifest)
        raise
    finally:
        writer.close()
    manifest.status, manifest.finished_at = "completed", _now()
    _write_manifest(run_dir, manifest)
    finish(run_dir, manifest, specs)
    return RunOutcome(run_dir=run_dir, manifest=manifest, skipped=skipped)


def finish(run_dir: Path, manifest: RunManifest, specs: list[ModelSpec]) -> None:
    """Write ``results.json`` from the recorded samples."""
    records = list(latest_by_key(read_samples(run_dir / "samples.jsonl")).values())
    results = summarise(manifest.run_id, records, specs)
    atomic_write(run_dir / "results.json", results.model_dump_json(indent=2))


def _write_manifest(run_dir: Path, manifest: RunManifest) -> None:
    atomic_write(run_dir / "run.json", manifest.model_dump_json(indent=2))


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file and a rename, so no reader ever sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise PlumeError(f"cannot write {path}: {error.strerror}") from None


__all__ = ["RunOutcome", "atomic_write", "execute", "finish", "new_run_dir", "pick_examples", "prompt_variables"]
