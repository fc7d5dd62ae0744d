"""``plume run``: render, generate, score and record, for every gold item and model."""

import asyncio
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

from harness import __version__, paths
from harness.errors import PlumeError, UsageError
from harness.files import write_atomic
from harness.gold import GoldItem, GoldSet, load_gold, split_of
from harness.models import (
    Completion,
    CompletionCache,
    LocalServer,
    Model,
    ModelCallError,
    ModelSpec,
    Recalled,
    load_models,
    screen,
    select_models,
    serve_local,
)
from harness.prompts import load_prompt
from harness.runner._lock import run_lock
from harness.runner._prepare import Mode, Prepared, PromptMaker
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
        # One thread for all of spaCy's work (scoring, and anonymising for remote models): its
        # pipelines are not documented as safe to share across threads.
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plume-nlp")

    async def score(self, item: GoldItem, reply: str) -> dict[str, Score]:
        if not self.scorers:
            return {}
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.thread, self._score, item, reply)

    def _score(self, item: GoldItem, reply: str) -> dict[str, Score]:
        return score_replies([item], [reply], self.scorers, weights=self.weights)[0]

    def close(self) -> None:
        self.thread.shutdown(wait=False, cancel_futures=True)


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


def _record(
    model: Model,
    item: GoldItem,
    prompt_sha256: str,
    started: datetime,
    outcome: Completion | ModelCallError,
    scores: dict[str, Score],
) -> SampleRecord:
    if isinstance(outcome, ModelCallError):
        return SampleRecord(
            id=item.id,
            model=model.spec.name,
            prompt_sha256=prompt_sha256,
            reply=None,
            completion=None,
            scores={},
            error=str(outcome),
            cause=outcome.cause,
            started_at=started,
            completed_at=_now(),
        )
    return SampleRecord(
        id=item.id,
        model=model.spec.name,
        prompt_sha256=prompt_sha256,
        reply=outcome.text.strip(),
        completion=outcome,
        scores=scores,
        started_at=started,
        completed_at=_now(),
    )


def _checked(completion: Completion) -> Completion | ModelCallError:
    if not completion.text.strip():
        return ModelCallError(
            "the model returned an empty reply", retryable=False, cause="empty_reply"
        )
    return completion


class _Work:
    """What every model's workers share: scoring, the sample file and the listeners."""

    def __init__(self, scoring: _Scoring, writer: SampleWriter, on_record: OnRecord) -> None:
        self.scoring = scoring
        self.writer = writer
        self.on_record = on_record
        self.kept: list[SampleRecord] = []
        """Every record written, in order: the results are computed from them."""

    async def keep(
        self,
        model: Model,
        item: GoldItem,
        prompt_sha256: str,
        started: datetime,
        outcome: Completion | ModelCallError,
    ) -> None:
        """Score a reply, then write its record (or the failure's) and pass it on."""
        scores = {}
        if isinstance(outcome, Completion):
            scores = await self.scoring.score(item, outcome.text.strip())
        self.keep_all([_record(model, item, prompt_sha256, started, outcome, scores)])

    def keep_all(self, records: list[SampleRecord]) -> None:
        """Write records that are ready together, then pass them on."""
        self.writer.write(*records)
        self.kept += records
        for record in records:
            self.on_record(record)


async def _replay(work: _Work, model: Model, recalled: list[tuple[GoldItem, Recalled]]) -> None:
    """Record the completions found in the cache by recipe: nothing rendered, nothing sent."""
    if work.scoring.scorers:
        for item, (prompt_sha256, completion) in recalled:
            await work.keep(model, item, prompt_sha256, _now(), _checked(completion))
        return
    # Unscored, they are all ready at once: one write for all of them.
    started = _now()
    work.keep_all(
        [
            _record(model, item, prompt_sha256, started, _checked(completion), {})
            for item, (prompt_sha256, completion) in recalled
        ]
    )


def _screened(maker: PromptMaker, item: GoldItem, mode: Mode) -> Prepared:
    prepared = maker.prepare(item, mode)
    screen(prepared.payload)
    return prepared


async def _worker(
    work: _Work,
    model: Model,
    server: LocalServer | None,
    maker: PromptMaker,
    queue: Iterator[GoldItem],
) -> None:
    """Build, send and record one item after another, taking the next from ``queue``."""
    mode = model.spec.mode
    loop = asyncio.get_running_loop()
    for item in queue:
        started = _now()
        if model.spec.remote:
            # Anonymising, and the guard's analysis of the result, run spaCy: on its thread,
            # so that replies keep arriving meanwhile.
            prepared = await loop.run_in_executor(work.scoring.thread, _screened, maker, item, mode)
        else:
            prepared = maker.prepare(item, mode)
        outcome: Completion | ModelCallError
        try:
            outcome = _checked(
                await model.generate(prepared.payload, recipe=maker.recipe(item.id, mode))
            )
        except ModelCallError as error:
            if server is not None:
                server.check()  # a dead local server fails the run now, not item after item
            outcome = error
        await work.keep(model, item, prepared.sha256, started, outcome)


async def _generate(
    specs: list[ModelSpec],
    local: dict[str, LocalServer],
    cache: CompletionCache | None,
    pending: dict[str, list[GoldItem]],
    makers: tuple[PromptMaker, PromptMaker],
    work: _Work,
    on_start: Callable[[list[ModelRecord]], None],
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
        plans = []
        for model in models:
            maker = makers[1 if model.spec.remote else 0]
            mode = model.spec.mode
            items = pending[model.spec.name]
            recalled = model.recall({item.id: maker.recipe(item.id, mode) for item in items})
            fresh = [item for item in items if item.id not in recalled]
            if fresh:
                # The first prompt is built before any call: a template that cannot render costs
                # nothing. Later ones are built as their turn comes, while replies are awaited.
                maker.prepare(fresh[0], mode)
            plans.append(
                (model, maker, [(i, recalled[i.id]) for i in items if i.id in recalled], fresh)
            )
        async with asyncio.TaskGroup() as group:
            for model, maker, hits, fresh in plans:
                if hits:
                    group.create_task(_replay(work, model, hits))
                queue = iter(fresh)
                server = local.get(model.spec.name)
                for _ in range(min(model.spec.concurrency, len(fresh))):
                    group.create_task(_worker(work, model, server, maker, queue))


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
    # git runs in a process of its own: let it while the inputs load.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="plume-git") as background:
        commit = background.submit(git_commit)
        outcome = _execute(spec, run_dir, commit, on_plan, on_record)
    return outcome


def _execute(
    spec: RunSpec,
    run_dir: Path | None,
    commit: "Future[str | None]",
    on_plan: Callable[[dict[str, int], list[str]], None],
    on_record: OnRecord,
) -> RunOutcome:
    gold = load_gold(spec.gold)
    items = select_items(gold, spec)
    template = load_prompt(spec.prompt)
    specs, skipped = select_models(load_models(paths.models_file()), spec.models)
    if spec.concurrency is not None:
        specs = [s.model_copy(update={"concurrency": spec.concurrency}) for s in specs]
    if not specs:
        raise UsageError("no model to run: set an API key or name a local model (--models local)")
    config = load_scoring_config()
    scoring = _Scoring(config, spec.scorers)
    makers = (
        PromptMaker(template, gold, spec, remote=False),
        PromptMaker(template, gold, spec, remote=True),
    )

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
        kept = read_samples(run_dir / "samples.jsonl", repair=True)
        done = {key for key, record in latest_by_key(kept).items() if record.error is None}
    else:
        run_dir = new_run_dir(spec.out or paths.runs_dir())
        kept, done = [], set()
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
        git_commit=commit.result(),
    )
    pending = {s.name: [i for i in items if (i.id, s.name) not in done] for s in specs}
    on_plan({name: len(left) for name, left in pending.items()}, skipped)

    def started(records: list[ModelRecord]) -> None:
        manifest.models = records
        _write_manifest(run_dir, manifest)

    cache = CompletionCache(paths.cache_dir() / "completions.sqlite") if spec.cache else None
    try:
        with ExitStack() as servers:
            servers.enter_context(run_lock(run_dir))
            writer = SampleWriter(run_dir / "samples.jsonl")
            servers.callback(writer.close)
            work = _Work(scoring, writer, on_record)
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
                        pending,
                        makers,
                        work,
                        started,
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
    finish(run_dir, manifest, specs, gold.items, records=kept + work.kept, config=config)
    return RunOutcome(run_dir=run_dir, manifest=manifest, skipped=skipped)


def finish(
    run_dir: Path,
    manifest: RunManifest,
    specs: list[ModelSpec],
    items: Sequence[GoldItem] | None = None,
    *,
    records: list[SampleRecord] | None = None,
    config: ScoringConfig | None = None,
) -> None:
    """Write ``results.json`` from the run's records (with the gold items, by service too).

    ``records`` are everything ``samples.jsonl`` holds, when the caller has them in memory;
    otherwise the file is read.
    """
    if records is None:
        records = read_samples(run_dir / "samples.jsonl")
    latest = list(latest_by_key(records).values())
    results = summarise(manifest.run_id, latest, specs, items=items, config=config)
    write_atomic(run_dir / "results.json", results.model_dump_json(indent=2))


def _write_manifest(run_dir: Path, manifest: RunManifest) -> None:
    write_atomic(run_dir / "run.json", manifest.model_dump_json(indent=2))
