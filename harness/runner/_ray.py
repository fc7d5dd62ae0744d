"""``plume run --engine ray``: the run's CPU work as Ray tasks, its calls through one actor per
endpoint, its records written by the driver alone.

Each task takes a few items of one model (``_run_batch``): it builds their prompts (anonymised for
a remote model), has the model's endpoint actor answer them, scores the replies and returns the
records. Ray runs a task again when its worker dies; only the driver writes
``samples.jsonl``, as each task returns, so a lost worker costs its items again and nothing is
written twice (the completion cache answers the calls it had already made).

An endpoint actor (``_Endpoint``) owns one ``Model``: its concurrency, its request and token
buckets, the personal-data guard and the provider's limits then hold for the whole cluster. A
remote model has one actor, on the driver's machine, beside the completion cache; a local model
has one on every machine, each starting its own llama.cpp server, and a task calls the one on its
own machine.
"""

import asyncio
import os
import socket
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain, zip_longest
from pathlib import Path
from typing import Any, NamedTuple

import aiohttp

from harness.errors import PlumeError, UsageError
from harness.gold import GoldItem, GoldSet
from harness.models import (
    Completion,
    CompletionCache,
    LocalServer,
    Model,
    ModelCallError,
    ModelSpec,
    screen,
    serve_local,
)
from harness.nlp import get_nlp
from harness.prompts import load_prompt
from harness.runner._prepare import PromptMaker
from harness.runner._records import ModelRecord, SampleRecord
from harness.runner._spec import RunSpec
from harness.scoring import Scorer, score_replies

RETRIES = 5
"""Times an endpoint actor is restarted after its process died."""


class _Failure(NamedTuple):
    """A ``ModelCallError`` as it travels between processes (its arguments do not pickle)."""

    message: str
    cause: str
    completion: Completion | None

    @classmethod
    def of(cls, error: ModelCallError) -> "_Failure":
        return cls(str(error), error.cause, error.completion)

    def error(self) -> ModelCallError:
        error = ModelCallError(self.message, retryable=False, cause=self.cause)
        error.completion = self.completion
        return error


class _Endpoint:
    """One model's endpoint, as a Ray actor: every call to it in the run goes through here."""

    def __init__(
        self, spec: ModelSpec, cache: Path | None, log_dir: Path, root: str | None
    ) -> None:
        if root is not None:
            os.environ["PLUME_ROOT"] = root  # the guard's lexicons, as for tasks (Job.root)
        self._server: LocalServer | None = None
        if spec.started_by_plume():
            # Held for the actor's life (a context left to the garbage collector would stop the
            # server); killing the actor kills the server with it.
            self._stack = ExitStack()
            self._server = self._stack.enter_context(serve_local(spec, log_dir=log_dir))
        self._spec = spec
        # Killed with the run (ray.kill): SQLite keeps every completion committed before.
        self._cache = CompletionCache(cache) if cache is not None else None
        self._model: Model | None = None
        self._record: ModelRecord | None = None
        # The guard's spaCy analysis, on one thread of its own, as in-process.
        self._nlp = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plume-nlp")

    async def _resolved(self) -> Model:
        # The session belongs to the actor's event loop, which only exists once a call runs; an
        # actor restarted after a crash resolves again before its first call.
        if self._model is None:
            from harness.runner._run import _resolve

            if missing := self._spec.missing_key():
                raise UsageError(
                    f"{missing} is not set on Ray node {socket.gethostname()}: Plume never sends"
                    " keys through Ray, which writes them to its logs. Set it in the environment"
                    " that starts the cluster's nodes (`ray start`); a cluster Plume starts"
                    " itself takes this shell's."
                )

            session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
            base_url = self._server.base_url if self._server is not None else None
            model = Model(self._spec, session, base_url=base_url, cache=self._cache)
            self._record = await _resolve(model)
            self._model = model
        return self._model

    async def resolve(self) -> ModelRecord:
        """What the endpoint serves under the requested name (``UsageError`` if nothing)."""
        await self._resolved()
        assert self._record is not None
        return self._record

    async def generate(self, payloads: list[Any]) -> list[Completion | _Failure]:
        """The model's reply to each payload, or why there is none; a dead local server raises."""
        model = await self._resolved()
        if self._spec.remote:
            # Analysed together, off the event loop so that replies keep arriving; the guard in
            # Model.generate then finds the verdicts.
            await asyncio.get_running_loop().run_in_executor(self._nlp, screen, *payloads)
        return list(await asyncio.gather(*(self._generate(model, p) for p in payloads)))

    async def _generate(self, model: Model, payload: Any) -> Completion | _Failure:
        from harness.runner._run import _checked

        try:
            outcome = _checked(await model.generate(payload))
        except ModelCallError as error:
            if self._server is not None:
                self._server.check()
            outcome = error
        return _Failure.of(outcome) if isinstance(outcome, ModelCallError) else outcome


@dataclass(frozen=True)
class Job:
    """What every task of one model shares."""

    key: str
    """Names the run and the kind of prompts, for the prompt makers a worker keeps."""
    prompt: str
    """The prompt's id and version; Jinja's templates do not travel, each worker loads them."""
    prompt_sha256: str
    gold: GoldSet
    spec: RunSpec
    model: ModelSpec
    endpoints: dict[str, Any]
    """Node id to the handle of the endpoint actor there."""
    scorers: list[Scorer]
    weights: dict[str, float]
    root: str | None = field(default_factory=lambda: os.environ.get("PLUME_ROOT"))
    """The driver's ``PLUME_ROOT``, if set: tasks read the style guide and lexicons there."""


_makers: dict[str, PromptMaker] = {}
"""This worker's prompt makers: the examples' index and anonymised copies serve every task."""


def _maker(job: Job) -> PromptMaker:
    if job.key not in _makers:
        if len(_makers) >= 4:
            _makers.clear()  # another run's
        template = load_prompt(job.prompt)
        if template.sha256 != job.prompt_sha256:
            raise UsageError(
                f"prompt {job.prompt} on {socket.gethostname()} differs from the one plume run"
                " loaded: install the same Plume and data folders on every machine"
            )
        # The guard analyses each prompt where it is sent, in the endpoint's actor: analysing
        # it here too would only double the work.
        _makers[job.key] = PromptMaker(
            template, job.gold, job.spec, remote=job.model.remote, screened=False
        )
    return _makers[job.key]


def _run_batch(batch: tuple[Job, list[GoldItem]]) -> list[SampleRecord]:
    """Build, send and score ``items`` for one model; their records, in order."""
    import ray

    from harness.runner._run import _now, _record

    job, items = batch
    if job.root is not None:
        os.environ["PLUME_ROOT"] = job.root  # what is loaded from it is cached by path
    started = _now()
    if job.scorers and job.model.remote:
        get_nlp()  # before anonymising: one pipeline for both (harness.nlp)
    maker, mode = _maker(job), job.model.mode
    maker.expect(items, mode)  # a remote model's prompts are anonymised together
    prepared = [maker.prepare(item, mode) for item in items]
    # The actor on this machine if there is one; any other answers as well, over the network.
    here = ray.get_runtime_context().get_node_id()
    endpoint = job.endpoints.get(here) or next(iter(job.endpoints.values()))
    outcomes = [
        outcome.error() if isinstance(outcome, _Failure) else outcome
        for outcome in ray.get(endpoint.generate.remote([p.payload for p in prepared]))
    ]
    answered = [
        (item, outcome.text.strip())
        for item, outcome in zip(items, outcomes, strict=True)
        if isinstance(outcome, Completion)
    ]
    scores = iter(
        score_replies(
            [item for item, _ in answered],
            [reply for _, reply in answered],
            job.scorers,
            weights=job.weights,
        )
        if job.scorers
        else [{} for _ in answered]
    )
    return [
        _record(
            job.model.name,
            item,
            ready.sha256,
            started,
            outcome,
            next(scores) if isinstance(outcome, Completion) else {},
        )
        for item, ready, outcome in zip(items, prepared, outcomes, strict=True)
    ]


def _unwrapped(ray: Any, error: Exception) -> Exception:
    """A user's error raised in an actor, as raised here."""
    if isinstance(error, ray.exceptions.RayTaskError):
        cause = getattr(error, "cause", None)
        if isinstance(cause, PlumeError):
            return cause
    return error


class Cluster:
    """The run's endpoint actors on a Ray cluster; they are killed on leaving the block."""

    def __init__(self, address: str | None) -> None:
        from harness.cluster import connect

        self.ray = connect(address)
        self.address = address
        self._actors: list[Any] = []

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc: object) -> None:
        for actor in self._actors:
            self.ray.kill(actor)  # a local model's server dies with its actor

    def endpoints(
        self, spec: ModelSpec, cache: Path | None, log_dir: Path
    ) -> tuple[dict[str, Any], ModelRecord]:
        """Start ``spec``'s endpoint actors and resolve the model; their handles by node id."""
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        ray = self.ray
        here = ray.get_runtime_context().get_node_id()
        alive = [node for node in ray.nodes() if node["Alive"]]
        if spec.provider == "vllm":
            # One vLLM server per node with a GPU; items on other nodes call one of them.
            nodes = [node["NodeID"] for node in alive if node["Resources"].get("GPU", 0) >= 1]
            if not nodes:
                raise UsageError(f"model {spec.name!r} needs vLLM on a GPU: no Ray node has one")
        elif spec.provider == "local":
            nodes = [node["NodeID"] for node in alive]
        else:
            nodes = [here]
        # A worker's environment is the cluster's, not this process's: the data root (the
        # guard's lexicons) travels as an argument: as a runtime environment, Ray's agent would
        # set it up and start a worker of its own for each actor (0.4 s more each). The key does
        # not travel: Ray writes runtime environments to its logs (runtime_env_agent.log) and
        # keeps arguments in its object store, so each node reads its own (_resolved).
        root = os.environ.get("PLUME_ROOT")
        actor_class = ray.remote(_Endpoint)
        endpoints = {}
        for node in nodes:
            actor = actor_class.options(
                num_cpus=0,
                num_gpus=1 if spec.provider == "vllm" else 0,
                max_restarts=RETRIES,
                max_task_retries=RETRIES,
                scheduling_strategy=NodeAffinitySchedulingStrategy(node_id=node, soft=False),
            ).remote(spec, cache, log_dir, root)
            self._actors.append(actor)
            endpoints[node] = actor
        try:
            records = ray.get([actor.resolve.remote() for actor in endpoints.values()])
        except ray.exceptions.RayError as error:
            raise _unwrapped(ray, error) from None
        return endpoints, records[0]

    def run(self, jobs: Sequence[tuple[Job, list[GoldItem]]]) -> Iterator[list[SampleRecord]]:
        """Each job's items in tasks of its model's concurrency; records as tasks finish.

        The models' tasks alternate, so that every model runs from the start, as in-process.
        """
        from harness.cluster import map_batches

        per_model = [
            [
                (job, items[start : start + job.model.concurrency])
                for start in range(0, len(items), job.model.concurrency)
            ]
            for job, items in jobs
        ]
        batches = [b for b in chain.from_iterable(zip_longest(*per_model)) if b is not None]
        try:
            for _, records in map_batches(_run_batch, batches, address=self.address):
                yield records
        except self.ray.exceptions.RayError as error:
            raise _unwrapped(self.ray, error) from None
