"""``plume run``: render, generate, score and record, for every gold item and model."""

import asyncio
import hashlib
import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

from harness import __version__, paths
from harness.errors import PlumeError, UsageError
from harness.files import write_atomic
from harness.gold import GoldItem, GoldSet, anonymised, load_gold, split_of
from harness.models import (
    CompletionCache,
    LocalServer,
    Model,
    ModelCallError,
    ModelSpec,
    load_models,
    select_models,
    serve_local,
)
from harness.prompts import (
    ExampleSelector,
    PromptTemplate,
    RenderedPrompt,
    load_prompt,
    reply_variables,
)
from harness.runner._lock import run_lock
from harness.runner._provenance import git_commit, package_versions
from harness.runner._records import GoldRecord, ModelRecord, RunManifest, SampleRecord
from harness.runner._results import summarise
from harness.runner._samples import SampleWriter, latest_by_key, read_samples
from harness.runner._spec import RunSpec
from harness.scoring import (
    Score,
    ScoringConfig,
    default_scorers,
    load_scoring_config,
    score_replies,
)
from harness.styleguide import load_styleguide

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


def shard_of(item_id: str, count: int) -> int:
    """The shard (1 to ``count``) an item belongs to, from a hash of its id alone."""
    return int(hashlib.sha256(item_id.encode()).hexdigest()[:12], 16) % count + 1


def select_items(gold: GoldSet, spec: RunSpec) -> tuple[GoldItem, ...]:
    """The items a run covers: its split, then its shard, then ``--limit``."""
    items = [
        item
        for item in gold.items
        if (spec.split is None or split_of(item.id) == spec.split)
        and (spec.shard is None or shard_of(item.id, spec.shard[1]) == spec.shard[0])
    ]
    if not items:
        raise UsageError(f"no item of {spec.gold} is in the requested split or shard")
    return tuple(items[: spec.limit] if spec.limit else items)


def models_sha256(specs: list[ModelSpec]) -> str:
    """Hash of what the models are asked; where and how fast may change between resumes."""
    execution = {"base_url", "concurrency", "rpm", "tpm", "timeout_s", "price_in", "price_out"}
    canonical = json.dumps([s.model_dump(exclude=execution) for s in specs], sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


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
            raise PlumeError(
                f"cannot create the run directory {candidate}: {error.strerror}"
            ) from None
        return candidate
    raise PlumeError(f"cannot find a free run directory name under {parent}")


def prompt_variables(item: GoldItem, examples: ExampleSelector, spec: RunSpec) -> dict[str, Any]:
    """The ``reply`` prompt's variables for one item, with its few-shot examples."""
    return reply_variables(
        item,
        examples.select(item, spec.few_shot),
        include_signoff=spec.include_signoff,
        signature=spec.signature,
    )


def render_all(
    template: PromptTemplate, pool: tuple[GoldItem, ...], items: tuple[GoldItem, ...], spec: RunSpec
) -> dict[str, RenderedPrompt]:
    """Render every item's prompt before any model is called: a template error costs nothing."""
    examples = ExampleSelector(pool)
    return {item.id: template.render(prompt_variables(item, examples, spec)) for item in items}


class _Scoring:
    """Scores each reply as it arrives, on one worker thread so requests keep flowing meanwhile."""

    def __init__(self, config: ScoringConfig, names: list[str] | None) -> None:
        available = default_scorers(config)
        if names is not None:
            unknown = sorted(set(names) - {s.name for s in available})
            if unknown:
                known = ", ".join(s.name for s in available)
                raise UsageError(f"unknown scorer {unknown[0]!r}; the scorers are {known}")
            available = [s for s in available if s.name in names]
        self.scorers = available
        self.weights = config.overall.weights
        # One thread: spaCy pipelines are not documented as safe to share across threads.
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plume-scoring")

    async def score(self, item: GoldItem, reply: str) -> dict[str, Score]:
        if not self.scorers:
            return {}
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._worker, self._score, item, reply)

    def _score(self, item: GoldItem, reply: str) -> dict[str, Score]:
        return score_replies([item], [reply], self.scorers, weights=self.weights)[0]

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)


async def _resolve(model: Model) -> ModelRecord:
    """Ask the endpoint what it serves under the requested name; fail before any generation."""
    spec = model.spec
    served, aliases = spec.model, []
    if spec.provider != "anthropic":
        try:
            listed = await model.served()
        except ModelCallError as error:
            raise UsageError(f"model {spec.name!r}: {error}") from None
        match = next((m for m in listed if spec.model == m.id or spec.model in m.aliases), None)
        if match is None:
            names = ", ".join(sorted(m.id for m in listed)) or "nothing"
            raise UsageError(
                f"model {spec.name!r}: {model.base_url} does not serve {spec.model!r}; "
                f"it serves {names}"
            )
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
        weights=None
        if spec.local is None
        else (spec.local.file or spec.local.path or spec.local.package),
    )


async def _one(
    model: Model,
    server: LocalServer | None,
    item: GoldItem,
    prompt: RenderedPrompt,
    scoring: _Scoring,
    writer: SampleWriter,
    on_record: OnRecord,
) -> None:
    started = _now()
    payload: list[Any] | str = (
        prompt.text if model.spec.mode == "completion" else list(prompt.messages)
    )
    try:
        completion = await model.generate(payload)
        if not completion.text.strip():
            raise ModelCallError(
                "the model returned an empty reply", retryable=False, cause="empty_reply"
            )
    except ModelCallError as error:
        if server is not None:
            server.check()  # a dead local server fails the run now, not item after item
        record = SampleRecord(
            id=item.id,
            model=model.spec.name,
            prompt_sha256=prompt.sha256,
            reply=None,
            completion=None,
            scores={},
            error=str(error),
            cause=error.cause,
            started_at=started,
            completed_at=_now(),
        )
    else:
        reply = completion.text.strip()
        record = SampleRecord(
            id=item.id,
            model=model.spec.name,
            prompt_sha256=prompt.sha256,
            reply=reply,
            completion=completion,
            scores=await scoring.score(item, reply),
            started_at=started,
            completed_at=_now(),
        )
    writer.write(record)
    on_record(record)


async def _generate(
    specs: list[ModelSpec],
    local: dict[str, LocalServer],
    cache: CompletionCache | None,
    items: tuple[GoldItem, ...],
    prompts: tuple[dict[str, RenderedPrompt], dict[str, RenderedPrompt]],
    done: set[tuple[str, str]],
    scoring: _Scoring,
    writer: SampleWriter,
    on_start: Callable[[list[ModelRecord]], None],
    on_record: OnRecord,
) -> None:
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        models = [
            Model(
                s,
                session,
                base_url=local[s.name].base_url if s.name in local else None,
                cache=cache,
            )
            for s in specs
        ]
        records = [await _resolve(model) for model in models]
        on_start(records)
        async with asyncio.TaskGroup() as group:
            for model in models:
                for item in items:
                    if (item.id, model.spec.name) not in done:
                        server = local.get(model.spec.name)
                        prompt = prompts[1 if model.spec.remote else 0][item.id]
                        group.create_task(
                            _one(model, server, item, prompt, scoring, writer, on_record)
                        )


def execute(
    spec: RunSpec,
    *,
    run_dir: Path | None = None,
    on_plan: Callable[[dict[str, int], list[str]], None] = lambda pending, skipped: None,
    on_record: OnRecord = lambda record: None,
) -> RunOutcome:
    """Run ``spec``; with ``run_dir``, resume that run, skipping what it already recorded.

    ``on_plan`` hears how many items each model has left and which models were skipped;
    ``on_record`` hears every record as soon as it is written.
    """
    gold = load_gold(spec.gold)
    items = select_items(gold, spec)
    template = load_prompt(spec.prompt)
    specs, skipped = select_models(load_models(paths.models_file()), spec.models)
    if spec.concurrency is not None:
        specs = [s.model_copy(update={"concurrency": spec.concurrency}) for s in specs]
    if not specs:
        raise UsageError("no model to run: set an API key or name a local model (--models local)")
    scoring = _Scoring(load_scoring_config(), spec.scorers)
    # Local and remote models see different prompts (remote ones, anonymised items): render
    # each kind only if a model of that kind runs.
    prompts: dict[str, RenderedPrompt] = {}
    remote_prompts: dict[str, RenderedPrompt] = {}
    if not all(s.remote for s in specs):
        prompts = render_all(template, gold.items, items, spec)
    if any(s.remote for s in specs):
        # Only train items can be examples; anonymising the rest of the set would be wasted NER.
        wanted = {item.id for item in items}
        pool = tuple(
            anonymised(item)
            for item in gold.items
            if item.id in wanted or split_of(item.id) == "train"
        )
        by_id = {item.id: item for item in pool}
        remote_prompts = render_all(template, pool, tuple(by_id[i.id] for i in items), spec)

    models_hash = models_sha256(specs)
    guide = load_styleguide()
    styleguide = {"version": guide.version, "sha256": guide.sha256}
    previous: RunManifest | None = None
    if run_dir is not None:
        previous = RunManifest.model_validate_json(
            (run_dir / "run.json").read_text(encoding="utf-8")
        )
        if previous.gold.sha256 != gold.sha256:
            raise UsageError(
                f"the gold set {spec.gold} changed since run {previous.run_id} started; "
                "start a new run"
            )
        if previous.prompt_sha256 != template.sha256:
            raise UsageError(
                f"prompt {template.ref} changed since run {previous.run_id} started; "
                "start a new run"
            )
        if previous.styleguide != styleguide:
            raise UsageError(
                f"the style guide changed since run {previous.run_id} started; start a new run"
            )
        if previous.models_sha256 != models_hash:
            raise UsageError(
                f"the models changed since run {previous.run_id} started (models.yaml); "
                "start a new run"
            )
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
        styleguide=styleguide,
        scorers={s.name: s.version for s in scoring.scorers},
        models=[],
        models_sha256=models_hash,
        spec=spec,
        plume_version=__version__,
        packages=package_versions(),
        git_commit=git_commit(),
    )
    on_plan({s.name: sum(1 for i in items if (i.id, s.name) not in done) for s in specs}, skipped)

    def started(records: list[ModelRecord]) -> None:
        manifest.models = records
        _write_manifest(run_dir, manifest)

    cache = CompletionCache(paths.cache_dir() / "completions.sqlite") if spec.cache else None
    try:
        with ExitStack() as servers:
            servers.enter_context(run_lock(run_dir))
            writer = SampleWriter(run_dir / "samples.jsonl")
            servers.callback(writer.close)
            local = {
                s.name: servers.enter_context(serve_local(s, log_dir=run_dir / "logs"))
                for s in specs
                if s.provider == "local"
            }
            try:
                asyncio.run(
                    _generate(
                        specs,
                        local,
                        cache,
                        items,
                        (prompts, remote_prompts),
                        done,
                        scoring,
                        writer,
                        started,
                        on_record,
                    )
                )
            except BaseExceptionGroup as group:
                # The task group wraps what one item raised: show that one error, not a tree.
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
        scoring.close()
        if cache is not None:
            cache.close()
    manifest.status, manifest.finished_at = "completed", _now()
    _write_manifest(run_dir, manifest)
    finish(run_dir, manifest, specs, gold.items)
    return RunOutcome(run_dir=run_dir, manifest=manifest, skipped=skipped)


def finish(
    run_dir: Path,
    manifest: RunManifest,
    specs: list[ModelSpec],
    items: Sequence[GoldItem] | None = None,
) -> None:
    """Write ``results.json`` from the recorded samples (with the gold items, by service too)."""
    records = list(latest_by_key(read_samples(run_dir / "samples.jsonl")).values())
    results = summarise(manifest.run_id, records, specs, items=items)
    write_atomic(run_dir / "results.json", results.model_dump_json(indent=2))


def _write_manifest(run_dir: Path, manifest: RunManifest) -> None:
    write_atomic(run_dir / "run.json", manifest.model_dump_json(indent=2))
