"""``plume run``: render, generate, score and record, for every gold item and model.

Read from the top: ``execute`` plans the run (``_plan``: the inputs loaded, a resumed run checked
against them), takes the run directory's lock, reads what is already recorded, then runs the
models on what is left (``_run_models``: local servers, the sample file and the manifest's
status). Its event loop (``_generate``) resolves every model and starts its workers; each worker
(``_worker``) builds, sends, scores and records one item after another.

A re-run sends nothing it sent before: its prompts are built again, and the completion cache,
keyed by their content, answers them.
"""

import asyncio
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import aiohttp

from harness import __version__, paths
from harness.errors import PlumeError, UsageError
from harness.files import write_atomic
from harness.gold import GoldItem, GoldSet, load_gold, split_of
from harness.models import (
    Completion,
    CompletionCache,
    Ledger,
    LocalServer,
    Model,
    ModelCallError,
    ModelSpec,
    load_models,
    run_batch,
    screen,
    select_models,
    serve_local,
)
from harness.nlp import get_nlp
from harness.prompts import PromptTemplate, load_prompt
from harness.runner._lock import run_lock
from harness.runner._prepare import Mode, Prepared, PromptMaker
from harness.runner._provenance import git_commit, package_versions
from harness.runner._records import (
    GoldRecord,
    ModelRecord,
    RunManifest,
    SampleRecord,
    read_manifest,
)
from harness.runner._results import summarise
from harness.runner._samples import SampleWriter, latest_by_key, read_samples
from harness.runner._spec import RunSpec
from harness.scoring import (
    Score,
    Scorer,
    ScoringConfig,
    default_scorers,
    load_scoring_config,
    score_replies,
)
from harness.styleguide import load_styleguide

OnRecord = Callable[[SampleRecord], None]
Engine = Literal["local", "ray"]


@dataclass(frozen=True)
class RunOutcome:
    """Where a finished run is and what it skipped."""

    run_dir: Path
    """The run directory."""
    manifest: RunManifest
    """Its ``run.json``."""
    skipped: list[str]
    """Models left out, with the reason."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM, which the CLI turns into the same) stopped a run: its records are
    flushed, its local servers stopped and its ``run.json`` says ``interrupted``."""

    def __init__(self, run_dir: Path) -> None:
        super().__init__(f"run interrupted; resume it with plume run --resume {run_dir}")
        self.run_dir = run_dir
        """The run directory to resume."""


def _now() -> datetime:
    return datetime.now(UTC)


def select_items(gold: GoldSet, spec: RunSpec) -> tuple[GoldItem, ...]:
    """The items a run covers: its split, then ``--limit``."""
    items = [item for item in gold.items if spec.split is None or split_of(item.id) == spec.split]
    if not items:
        raise UsageError(f"no item of {spec.gold} is in the requested split")
    return tuple(items[: spec.limit] if spec.limit else items)


def models_sha256(specs: list[ModelSpec]) -> str:
    """Hash of what the models are asked; where and how fast may change between resumes.

    Fields left at their defaults are out, so that a Plume adding an option (``vllm_args``) does
    not make every interrupted run refuse to resume.
    """
    execution = {"base_url", "concurrency", "rpm", "tpm", "timeout_s"}
    execution |= {"price_in", "price_out", "prices_read", "batch"}
    dumps = [s.model_dump(exclude=execution, exclude_defaults=True) for s in specs]
    canonical = json.dumps(dumps, sort_keys=True)
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


def execute(
    spec: RunSpec,
    *,
    run_dir: Path | None = None,
    on_plan: Callable[[dict[str, int], list[str]], None] = lambda pending, skipped: None,
    on_record: OnRecord = lambda record: None,
    engine: Engine = "local",
    address: str | None = None,
) -> RunOutcome:
    """Run ``spec``; with ``run_dir``, resume that run, skipping what it already recorded.

    ``on_plan`` hears how many items each model has left and which models were skipped;
    ``on_record`` hears every record as soon as it is written. ``engine="ray"`` runs the work on
    the Ray cluster at ``address`` (see ``harness.cluster.connect``) and gives the same records.
    """
    if engine == "ray" and spec.batch:
        raise UsageError("--batch waits on the provider, not on a cluster: drop --engine ray")
    # git runs in a process of its own: let it while the inputs load.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="plume-git") as background:
        commit = background.submit(git_commit)
        plan = _plan(spec, run_dir, commit)
    # One writer per run directory: a second run is refused before it repairs samples.jsonl or
    # rewrites run.json.
    with run_lock(plan.run_dir):
        recorded = read_samples(plan.run_dir / "samples.jsonl", repair=True)
        done = {key for key, record in latest_by_key(recorded).items() if record.error is None}
        pending = {
            s.name: [i for i in plan.items if (i.id, s.name) not in done] for s in plan.specs
        }
        on_plan({name: len(left) for name, left in pending.items()}, plan.skipped)
        records = _run_models(plan, pending, on_record, engine, address)
        latest = latest_by_key(recorded + records).values()
        failed = any(record.error is not None for record in latest)
        _end(plan, "completed_with_failures" if failed else "completed")
        finish(
            plan.run_dir,
            plan.manifest,
            plan.specs,
            plan.gold.items,
            records=recorded + records,
            config=plan.config,
        )
    return RunOutcome(run_dir=plan.run_dir, manifest=plan.manifest, skipped=plan.skipped)


def _scorers(config: ScoringConfig, names: list[str] | None) -> list[Scorer]:
    """The scorers a run asks for (``None``: all of them)."""
    available = default_scorers(config)
    if names is None:
        return available
    unknown = sorted(set(names) - {s.name for s in available})
    if unknown:
        known = ", ".join(s.name for s in available)
        raise UsageError(f"unknown scorer {unknown[0]!r}; the scorers are {known}")
    return [s for s in available if s.name in names]


@dataclass
class _Plan:
    """A run once its inputs are loaded and checked: what to run, and where to record it."""

    spec: RunSpec
    gold: GoldSet
    items: tuple[GoldItem, ...]
    """The items the run covers (its split and limit)."""
    template: PromptTemplate
    specs: list[ModelSpec]
    """The models that run."""
    skipped: list[str]
    """Models left out, with the reason."""
    config: ScoringConfig
    scorers: list[Scorer]
    run_dir: Path
    manifest: RunManifest
    """``run.json``, status ``running``; its models are filled in once resolved."""


def _plan(spec: RunSpec, run_dir: Path | None, commit: "Future[str | None]") -> _Plan:
    """Load the inputs; to resume ``run_dir``, check they are unchanged.

    Nothing is written before the inputs pass, except a new run's empty directory.
    """
    gold = load_gold(spec.gold)
    items = select_items(gold, spec)
    template = load_prompt(spec.prompt)
    specs, skipped = select_models(load_models(paths.models_file()), spec.models)
    if spec.concurrency is not None:
        specs = [s.model_copy(update={"concurrency": spec.concurrency}) for s in specs]
    if not specs:
        raise UsageError("no model to run: set an API key or name a local model (--models local)")
    if spec.batch and not spec.cache:
        raise UsageError("--batch keeps the replies in the completion cache: drop --no-cache")
    config = load_scoring_config()
    scorers = _scorers(config, spec.scorers)
    # Read only by the scorers and by prompts that draw on it: a run using neither records none
    # and does not load it (a third of a scorer-less run's set-up).
    guide = load_styleguide() if scorers or template.entry.styleguide else None
    manifest = RunManifest(
        run_id="",
        status="running",
        created_at=_now(),
        gold=GoldRecord(name=gold.name, path=str(gold.path), sha256=gold.sha256, items=len(items)),
        prompt=str(template.ref),
        prompt_sha256=template.sha256,
        styleguide=None if guide is None else {"version": guide.version, "sha256": guide.sha256},
        scorers={s.name: s.version for s in scorers},
        models=[],
        models_sha256=models_sha256(specs),
        spec=spec,
        plume_version=__version__,
        packages=package_versions(),
        git_commit=commit.result(),
    )
    if run_dir is None:
        run_dir = new_run_dir(spec.out or paths.runs_dir())
    else:
        previous = read_manifest(run_dir)
        _check_unchanged(previous, manifest)
        manifest.created_at = previous.created_at
    manifest.run_id = run_dir.name
    return _Plan(
        spec=spec,
        gold=gold,
        items=items,
        template=template,
        specs=specs,
        skipped=skipped,
        config=config,
        scorers=scorers,
        run_dir=run_dir,
        manifest=manifest,
    )


def _check_unchanged(previous: RunManifest, current: RunManifest) -> None:
    """A run resumes only with the inputs it started with."""
    changes = [
        (previous.gold.sha256 != current.gold.sha256, f"the gold set {current.gold.path}"),
        (previous.prompt_sha256 != current.prompt_sha256, f"prompt {current.prompt}"),
        # A run that reads no style guide resumes whatever the guide recorded when it started.
        (
            current.styleguide is not None and previous.styleguide != current.styleguide,
            "the style guide",
        ),
        (previous.models_sha256 != current.models_sha256, "the models (models.yaml)"),
        # A new Plume may score differently: one run's records must share their scorers' versions.
        (previous.scorers != current.scorers, "the scorers' versions"),
    ]
    for changed, what in changes:
        if changed:
            raise UsageError(f"{what} changed since run {previous.run_id} started; start a new run")


def _run_models(
    plan: _Plan,
    pending: dict[str, list[GoldItem]],
    on_record: OnRecord,
    engine: Engine,
    address: str | None,
) -> list[SampleRecord]:
    """Run every model on its pending items; return the new records.

    The manifest records how it ended when it fails or is interrupted.
    """
    scoring = _Scoring(plan.scorers, plan.config.overall.weights)
    cache_file = paths.cache_dir() / "completions.sqlite" if plan.spec.cache else None
    # On Ray, the endpoint actors open the cache.
    cache = CompletionCache(cache_file) if cache_file and engine == "local" else None
    try:
        with ExitStack() as stack:
            writer = SampleWriter(plan.run_dir / "samples.jsonl")
            stack.callback(writer.close)
            work = _Work(scoring, writer, on_record)
            if engine == "ray":
                _on_ray(plan, pending, cache_file, work, address)
            else:
                local = {
                    s.name: stack.enter_context(serve_local(s, log_dir=plan.run_dir / "logs"))
                    for s in plan.specs
                    if s.started_by_plume()
                }
                try:
                    asyncio.run(_generate(plan, pending, local, cache, work))
                except BaseExceptionGroup as group:
                    # The task group wraps what one item raised: show that one error, not a tree.
                    raise group.exceptions[0] from None
    except KeyboardInterrupt:
        _end(plan, "interrupted")
        raise Interrupted(plan.run_dir) from None
    except BaseException:
        _end(plan, "failed")
        raise
    finally:
        scoring.close()
        if cache is not None:
            cache.close()
    return work.kept


async def _generate(
    plan: _Plan,
    pending: dict[str, list[GoldItem]],
    local: dict[str, LocalServer],
    cache: CompletionCache | None,
    work: "_Work",
) -> None:
    """Resolve every model, then run all of them at once, each within its concurrency."""
    makers = {
        remote: PromptMaker(plan.template, plan.gold, plan.spec, remote=remote)
        for remote in (False, True)
    }
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        models = [
            Model(
                s,
                session,
                base_url=local[s.name].base_url if s.name in local else None,
                cache=cache,
            )
            for s in plan.specs
        ]
        plan.manifest.models = [await _resolve(model) for model in models]
        _write_manifest(plan.run_dir, plan.manifest)
        if plan.scorers and any(spec.remote for spec in plan.specs):
            get_nlp()  # before anonymising: one pipeline for both (harness.nlp)
        for model in models:
            if items := pending[model.spec.name]:
                # A template that cannot render fails here, before any call; later prompts are
                # built as their turn comes, while replies are awaited.
                makers[model.spec.remote].expect(items, model.spec.mode)
        # One ledger for all the models: each change rewrites the whole file.
        ledger = Ledger(plan.run_dir / "batches.json") if plan.spec.batch else None
        async with asyncio.TaskGroup() as group:
            for model in models:
                items = pending[model.spec.name]
                queue = iter(items)
                maker, server = makers[model.spec.remote], local.get(model.spec.name)
                if ledger is not None and model.spec.batch is not None and cache is not None:
                    group.create_task(_batched(work, model, session, maker, items, ledger, cache))
                    continue
                for _ in range(min(model.spec.concurrency, len(items))):
                    group.create_task(_worker(work, model, server, maker, queue))


def _on_ray(
    plan: _Plan,
    pending: dict[str, list[GoldItem]],
    cache_file: Path | None,
    work: "_Work",
    address: str | None,
) -> None:
    """What ``_generate`` does, on a Ray cluster (``harness.runner._ray``): the records come back
    here, to the run's one writer."""
    from harness.runner._ray import Cluster, Job

    with Cluster(address) as cluster:
        jobs, models = [], []
        for spec in plan.specs:
            endpoints, model = cluster.endpoints(spec, cache_file, plan.run_dir / "logs")
            models.append(model)
            job = Job(
                key=f"{plan.run_dir}:{spec.remote}",
                prompt=str(plan.template.ref),
                prompt_sha256=plan.template.sha256,
                gold=plan.gold,
                spec=plan.spec,
                model=spec,
                endpoints=endpoints,
                scorers=plan.scorers,
                weights=plan.config.overall.weights,
            )
            jobs.append((job, pending[spec.name]))
        plan.manifest.models = models
        _write_manifest(plan.run_dir, plan.manifest)
        for records in cluster.run(jobs):
            for record in records:
                work.write(record)


async def _resolve(model: Model) -> ModelRecord:
    """Ask the endpoint what it serves under the requested name; fail before any generation."""
    spec = model.spec
    try:
        served = await model.resolve()
    except ModelCallError as error:
        raise UsageError(f"model {spec.name!r}: {error}") from None
    return ModelRecord(
        name=spec.name,
        provider=spec.provider,
        requested=spec.model,
        served=served.id,
        aliases=served.aliases,
        mode=spec.mode,
        params=spec.params,
        sent=model.fields,
        remote=spec.remote,
        weights=None
        if spec.local is None
        else (spec.local.file or spec.local.path or spec.local.package),
    )


def _screened(maker: PromptMaker, item: GoldItem, mode: Mode) -> Prepared:
    prepared = maker.prepare(item, mode)
    screen(prepared.payload)
    return prepared


async def _worker(
    work: "_Work",
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
            outcome = _checked(await model.generate(prepared.payload))
        except ModelCallError as error:
            if server is not None:
                server.check()  # a dead local server fails the run now, not item after item
            outcome = error
        await work.keep(model, item, prepared.sha256, started, outcome)


async def _batched(
    work: "_Work",
    model: Model,
    session: aiohttp.ClientSession,
    maker: PromptMaker,
    items: list[GoldItem],
    ledger: Ledger,
    cache: CompletionCache,
) -> None:
    """Send ``items`` through the model's batch API, wait for the batch, then score and record
    each outcome as a worker would (``--resume`` polls a batch a killed run left pending)."""
    if not items:
        return
    mode = model.spec.mode
    loop = asyncio.get_running_loop()
    started = _now()
    # The same anonymised prompts as direct calls, analysed by the guard on the spaCy thread.
    prepared = [
        await loop.run_in_executor(work.scoring.thread, _screened, maker, item, mode)
        for item in items
    ]
    payloads = [p.payload for p in prepared]
    outcomes = await run_batch(model, session, payloads, ledger=ledger, cache=cache)
    for item, ready, outcome in zip(items, prepared, outcomes, strict=True):
        checked = _checked(outcome) if isinstance(outcome, Completion) else outcome
        await work.keep(model, item, ready.sha256, started, checked)


class _Scoring:
    """Scores each reply as it arrives, on one worker thread so requests keep flowing meanwhile."""

    def __init__(self, scorers: list[Scorer], weights: dict[str, float]) -> None:
        self.scorers = scorers
        self.weights = weights
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
        self.write(_record(model.spec.name, item, prompt_sha256, started, outcome, scores))

    def write(self, record: SampleRecord) -> None:
        """Write a record and pass it on."""
        self.writer.write(record)
        self.kept.append(record)
        self.on_record(record)


def _record(
    model: str,
    item: GoldItem,
    prompt_sha256: str,
    started: datetime,
    outcome: Completion | ModelCallError,
    scores: dict[str, Score],
) -> SampleRecord:
    if isinstance(outcome, ModelCallError):
        return SampleRecord(
            id=item.id,
            model=model,
            prompt_sha256=prompt_sha256,
            reply=None,
            completion=outcome.completion,  # a cut reply's tokens were paid for
            scores={},
            error=str(outcome),
            cause=outcome.cause,
            started_at=started,
            completed_at=_now(),
        )
    return SampleRecord(
        id=item.id,
        model=model,
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


def _end(
    plan: _Plan,
    status: Literal["completed", "completed_with_failures", "failed", "interrupted"],
) -> None:
    plan.manifest.status, plan.manifest.finished_at = status, _now()
    _write_manifest(plan.run_dir, plan.manifest)


def _write_manifest(run_dir: Path, manifest: RunManifest) -> None:
    write_atomic(run_dir / "run.json", manifest.model_dump_json(indent=2))
