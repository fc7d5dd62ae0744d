"""``plume tune``: optimise the reply program on train, measure it on dev, export a new version."""

import contextvars
import importlib.util
import logging
import random
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from harness import __version__, paths
from harness.errors import PlumeError, UsageError
from harness.files import write_atomic
from harness.gold import GoldItem, GoldSet, anonymised, load_gold, split_of
from harness.models import (
    CompletionCache,
    LocalServer,
    ModelSpec,
    load_models,
    select_models,
    serve_local,
)
from harness.prompts import PromptTemplate, load_prompt, reply_variables, select_examples
from harness.scoring import OVERALL, ScoringConfig, default_scorers, load_scoring_config
from harness.stats import PairedComparison, bootstrap_mean, paired_difference
from harness.tuning._bridge import ModelBridge
from harness.tuning._export import export_version
from harness.tuning._spec import Budget, Measure, Optimizer, TuneOutcome, TuneSpec

DEMO_THRESHOLD = 0.6
"""A reply the model wrote becomes an example only if its overall score reaches this."""

DEMOS: dict[Budget, tuple[int, int]] = {"light": (1, 2), "medium": (2, 3), "heavy": (3, 4)}
"""Per budget: at most this many of the model's own good replies, and examples in all."""


@dataclass
class TuneHooks:
    """What a caller hears while tuning runs (the command line draws its progress from it)."""

    phase: Callable[[str, int | None], None] = lambda name, total: None
    """A phase starts, with its number of steps when known."""
    advance: Callable[[], None] = lambda: None
    """One step of the current phase is done (an item measured, or a model call)."""


REQUIREMENTS: dict[Optimizer, str | None] = {"bootstrap": None, "mipro": "optuna", "gepa": "gepa"}
"""The package each optimiser needs beyond DSPy itself."""


def missing_requirement(optimizer: Optimizer) -> str | None:
    """A one-line explanation when ``optimizer`` cannot run here, else ``None``."""
    package = REQUIREMENTS[optimizer]
    if package is None or importlib.util.find_spec(package) is not None:
        return None
    return (
        f"--optimizer {optimizer} needs the `{package}` package, which is not installed "
        f"(pip install {package}); bootstrap works without it"
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _log_dir() -> Path:
    parent = paths.runs_dir()
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    for suffix in range(1000):
        candidate = parent / (f"tune-{stamp}" if suffix == 0 else f"tune-{stamp}-{suffix}")
        try:
            candidate.mkdir(parents=True)
        except FileExistsError:
            continue
        except OSError as error:
            raise PlumeError(f"cannot create {candidate}: {error.strerror}") from None
        return candidate
    raise PlumeError(f"cannot find a free directory name under {parent}")


def _split(items: Sequence[GoldItem], name: str, limit: int | None) -> list[GoldItem]:
    chosen = [item for item in items if split_of(item.id) == name]
    return chosen[:limit] if limit else chosen


def _one_model(specs: dict[str, ModelSpec], name: str) -> ModelSpec:
    chosen, _ = select_models(specs, [name])
    if len(chosen) != 1:
        raise UsageError(f"name one model, not {name!r}")
    return chosen[0]


@contextmanager
def _quiet_dspy() -> Iterator[None]:
    """Keep DSPy's informational log lines out of the command's display."""
    logger = logging.getLogger("dspy")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass(frozen=True)
class TunedModel:
    """A model tuning calls, opened and resolved."""

    spec: ModelSpec
    """Its entry in ``models.yaml``."""
    bridge: ModelBridge
    """Its calls, through Plume's model layer."""
    served: str
    """The id its endpoint serves it under."""


@dataclass(frozen=True)
class TuneInputs:
    """What ``tune`` loaded and opened: everything the tuning itself works from."""

    gold: GoldSet
    """The gold set: the pool examples are picked from, and the metric's references."""
    train: list[GoldItem]
    """The items the optimiser learns from."""
    dev: list[GoldItem]
    """The items every version is measured on."""
    task: TunedModel
    """The model the prompt is tuned for."""
    reflection: TunedModel
    """The model that proposes instructions: ``task`` itself unless another is named."""
    base: PromptTemplate
    """The prompt tuning starts from."""
    baseline: PromptTemplate
    """The prompt reported beside the tuned one."""
    scoring: ScoringConfig
    """What the overall score is made of."""
    servers: list[LocalServer]
    """The local servers started for the models, checked after each phase."""
    log_dir: Path
    """Where the servers' logs and ``tune.json`` go."""


def _examples(
    items: Sequence[GoldItem], pool: Sequence[GoldItem], few_shot: int, remote: bool
) -> list[Any]:
    """DSPy examples with the inputs ``plume run`` would give the prompt for each item."""
    import dspy

    from harness.tuning._dspy import INPUTS

    if remote:
        # What a remote model may see, as in `plume run`: personal data replaced, pool included.
        pool = [anonymised(item) for item in pool]
        by_id = {item.id: item for item in pool}
        items = [by_id.get(item.id) or anonymised(item) for item in items]
    examples = []
    for item in items:
        variables = reply_variables(item, select_examples(item, pool, few_shot))
        fields = {name: variables[name] for name in INPUTS}
        examples.append(
            dspy.Example(item_id=item.id, reply=item.reply, **fields).with_inputs(*INPUTS)
        )
    return examples


@dataclass(frozen=True)
class _Session:
    """What DSPy works with during one tuning: examples, metric, language models, threads."""

    train: list[Any]
    """The train items as DSPy examples."""
    dev: list[Any]
    """The dev items as DSPy examples."""
    metric: Any
    """Plume's scores as a DSPy metric (``PlumeMetric``)."""
    lm: Any
    """The tuned model, as a ``dspy.LM``."""
    reflection_lm: Any
    """The model that proposes instructions, as a ``dspy.LM``."""
    threads: int
    """Calls in flight at once: the tuned model's concurrency."""
    hooks: TuneHooks
    servers: list[LocalServer]

    def measure(self, label: str, prompt: str, program: Any) -> Measure:
        """Run ``program`` on the dev items and score each reply; a failed call is counted."""
        from harness.tuning._dspy import model_failure

        def one(example: Any) -> float | None:
            try:
                reply = str(program(**example.inputs()).reply)
            except Exception as error:
                if model_failure(error) is None:
                    raise
                return None
            finally:
                self.hooks.advance()
            value: float | None = self.metric.scores(example.item_id, reply)[OVERALL].value
            return value

        self.hooks.phase(f"{label}: {prompt} on dev", len(self.dev))
        with ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="plume-tune") as pool:
            # Each task gets its own copy of the context: DSPy's settings (LM, adapter) live in it.
            futures = {
                e.item_id: pool.submit(contextvars.copy_context().run, one, e) for e in self.dev
            }
            scores = {item_id: future.result() for item_id, future in futures.items()}
        self.check_servers()
        return Measure(
            label=label,
            prompt=prompt,
            overall=bootstrap_mean([scores[e.item_id] for e in self.dev]),
            scores=scores,
            failed=sum(1 for value in scores.values() if value is None),
        )

    def optimise(self, spec: TuneSpec, program: Any) -> tuple[Any, dict[str, Any]]:
        """Compile ``program`` with the chosen optimiser; return it with the settings used.

        Raises:
            PlumeError: the optimiser failed (its error in one line).
        """
        try:
            return self._compile(spec, program)
        except PlumeError:
            raise
        except Exception as error:
            # DSPy's own failures (a proposer's unparsable answer, a missing optional package)
            # end the command in one line like any other.
            raise PlumeError(
                f"the {spec.optimizer} optimiser failed: {type(error).__name__}: {error}"
            ) from error
        finally:
            self.check_servers()

    def _compile(self, spec: TuneSpec, program: Any) -> tuple[Any, dict[str, Any]]:
        import dspy

        bootstrapped, labeled = DEMOS[spec.budget]
        # BootstrapFewShot has no seed of its own: the seed orders the train items it draws from.
        trainset = list(self.train)
        random.Random(spec.seed).shuffle(trainset)
        settings: dict[str, Any]
        if spec.optimizer == "bootstrap":
            settings = {
                "max_bootstrapped_demos": bootstrapped,
                "max_labeled_demos": labeled,
                "metric_threshold": DEMO_THRESHOLD,
            }
            teleprompter = dspy.BootstrapFewShot(
                metric=self.metric, max_rounds=1, max_errors=len(trainset) + 1, **settings
            )
            return teleprompter.compile(program, trainset=trainset), settings
        if spec.optimizer == "mipro":
            settings = {
                "auto": spec.budget,
                "max_bootstrapped_demos": bootstrapped,
                "max_labeled_demos": labeled,
                "metric_threshold": DEMO_THRESHOLD,
            }
            mipro = dspy.MIPROv2(
                metric=self.metric,
                prompt_model=self.reflection_lm,
                task_model=self.lm,
                num_threads=self.threads,
                seed=spec.seed,
                verbose=False,
                track_stats=False,
                max_errors=len(trainset) + len(self.dev) + 1,
                **settings,
            )
            compiled = mipro.compile(
                program,
                trainset=trainset,
                valset=list(self.dev),
                seed=spec.seed,
                minibatch_size=min(35, len(self.dev)),
            )
            return compiled, settings
        settings = {"auto": spec.budget, "reflection_minibatch_size": min(3, len(trainset))}
        gepa = dspy.GEPA(
            metric=self.metric,
            reflection_lm=self.reflection_lm,
            num_threads=self.threads,
            seed=spec.seed,
            track_stats=False,
            use_merge=False,
            **settings,
        )
        return gepa.compile(program, trainset=trainset, valset=list(self.dev)), settings

    def check_servers(self) -> None:
        for server in self.servers:
            server.check()  # a dead local server fails the tuning, not item after item


def _rounded(value: float | None) -> float | None:
    # Four decimals: what a reader compares; the exact values are in tune.json.
    return None if value is None else round(value, 4)


def _estimate(measure: Measure) -> dict[str, Any]:
    est = measure.overall
    return {
        "prompt": measure.prompt,
        "mean": _rounded(est.mean),
        "low": _rounded(est.low),
        "high": _rounded(est.high),
        "n": est.n,
        "failed": measure.failed,
    }


def _difference(comparison: PairedComparison) -> dict[str, Any]:
    return {
        "mean": _rounded(comparison.mean_difference),
        "low": _rounded(comparison.low),
        "high": _rounded(comparison.high),
        "p_value": _rounded(comparison.p_value),
        "n": comparison.n,
    }


def _model_record(model: TunedModel) -> dict[str, Any]:
    return {
        "name": model.spec.name,
        "served": model.served,
        "provider": model.spec.provider,
        "params": model.spec.params.model_dump(exclude_defaults=True),
    }


def tune(spec: TuneSpec, *, hooks: TuneHooks | None = None) -> TuneOutcome:
    """Optimise the ``reply`` program for one model and export it as a new draft version.

    The program starts from ``spec.prompt`` and is optimised on the gold set's train split; the
    untuned prompt, the tuned program and the baseline are each measured on the dev split, with
    paired intervals. Calls go through Plume's model layer, with its cache, limits, retries and
    (for remote models) anonymised items.

    Raises:
        UsageError: bad options (unknown model, missing key, unknown prompt, empty split).
        PlumeError: a failure that ends the tuning (the local server stopped, the export failed).
    """
    hooks = hooks or TuneHooks()
    gold = load_gold(spec.gold)
    train = _split(gold.items, "train", spec.train_limit)
    dev = _split(gold.items, "dev", spec.dev_limit)
    if not train or not dev:
        raise UsageError(f"{spec.gold} needs items in both the train and the dev split")
    specs = load_models(paths.models_file())
    task_spec = _one_model(specs, spec.model)
    reflection_spec = (
        _one_model(specs, spec.reflection_model) if spec.reflection_model else task_spec
    )
    if (missing := missing_requirement(spec.optimizer)) is not None:
        raise UsageError(missing)
    base = load_prompt(spec.prompt)
    baseline = load_prompt(spec.baseline)
    for template in (base, baseline):
        if template.kind != "reply":
            raise UsageError(f"{template.ref} is a {template.kind} prompt; tune a reply prompt")
    config = load_scoring_config()
    log_dir = _log_dir()
    cache = CompletionCache(paths.cache_dir() / "completions.sqlite") if spec.cache else None
    try:
        with ExitStack() as stack, _quiet_dspy():
            servers: dict[str, LocalServer] = {}
            opened: dict[str, TunedModel] = {}
            for model_spec in (task_spec, reflection_spec):
                if model_spec.name in opened:
                    continue
                if model_spec.started_by_plume():
                    hooks.phase(f"starting {model_spec.name}", None)
                    servers[model_spec.name] = stack.enter_context(
                        serve_local(model_spec, log_dir=log_dir / "logs")
                    )
                server = servers.get(model_spec.name)
                bridge = stack.enter_context(
                    ModelBridge(
                        model_spec,
                        base_url=server.base_url if server is not None else None,
                        cache=cache,
                    )
                )
                opened[model_spec.name] = TunedModel(model_spec, bridge, bridge.resolve())
            inputs = TuneInputs(
                gold=gold,
                train=train,
                dev=dev,
                task=opened[task_spec.name],
                reflection=opened[reflection_spec.name],
                base=base,
                baseline=baseline,
                scoring=config,
                servers=list(servers.values()),
                log_dir=log_dir,
            )
            return _tune(spec, inputs, hooks)
    finally:
        if cache is not None:
            cache.close()


def _tune(spec: TuneSpec, inputs: TuneInputs, hooks: TuneHooks) -> TuneOutcome:
    """Measure the base and baseline prompts, optimise, measure the result, and export it."""
    import dspy

    from harness.tuning._dspy import (
        PlumeAdapter,
        PlumeMetric,
        ReplyProgram,
        plume_lm,
        program_state,
    )

    task = inputs.task
    pool = inputs.gold.items
    lm = plume_lm(task.bridge)
    session = _Session(
        train=_examples(inputs.train, pool, spec.few_shot, task.spec.remote),
        dev=_examples(inputs.dev, pool, spec.few_shot, task.spec.remote),
        metric=PlumeMetric(
            {i.id: i for i in pool}, default_scorers(inputs.scoring), inputs.scoring.overall.weights
        ),
        lm=lm,
        reflection_lm=lm if inputs.reflection is task else plume_lm(inputs.reflection.bridge),
        threads=task.spec.concurrency,
        hooks=hooks,
        servers=inputs.servers,
    )
    completion = task.spec.mode == "completion"
    adapter = PlumeAdapter(inputs.base, completion=completion)
    measures: dict[str, Measure] = {}
    with dspy.context(lm=lm, adapter=adapter, num_threads=session.threads):
        measures["before"] = session.measure(
            "before", str(inputs.base.ref), ReplyProgram(adapter.initial)
        )
        if inputs.baseline.ref != inputs.base.ref:
            baseline_adapter = PlumeAdapter(inputs.baseline, completion=completion)
            with dspy.context(adapter=baseline_adapter):
                measures["baseline"] = session.measure(
                    "baseline", str(inputs.baseline.ref), ReplyProgram(baseline_adapter.initial)
                )
        hooks.phase(f"optimising with {spec.optimizer} ({spec.budget})", None)
        task.bridge.on_call = hooks.advance
        try:
            optimised, settings = session.optimise(spec, ReplyProgram(adapter.initial))
        finally:
            task.bridge.on_call = None
        instructions, demos = program_state(optimised, adapter.initial)
        measures["after"] = session.measure("after", "this version", optimised)
    if "baseline" not in measures:
        measures["baseline"] = measures["before"].model_copy(update={"label": "baseline"})
    comparisons = [
        paired_difference(
            measures["after"].scores,
            measures[other].scores,
            names=("after", other),
            seed=spec.seed,
        )
        for other in ("before", "baseline")
    ]
    changed = {"instructions": instructions is not None, "examples": len(demos)}
    provenance = _provenance(spec, inputs, settings, measures, comparisons, changed)
    ref = export_version(
        adapter.templates(instructions, demos),
        description=(
            f"Version réglée par plume tune ({spec.optimizer}, budget {spec.budget}) pour le "
            f"modèle {task.spec.name}, à partir de {inputs.base.ref}. Brouillon : à relire avant "
            "sortie."
        ),
        changelog=_changelog(changed),
        provenance=provenance,
    )
    outcome = TuneOutcome(
        ref=str(ref),
        folder=paths.prompts_dir() / ref.id / ref.version,
        measures=[measures["before"], measures["after"], measures["baseline"]],
        comparisons=comparisons,
        provenance=provenance,
        log_dir=inputs.log_dir,
    )
    write_atomic(inputs.log_dir / "tune.json", outcome.model_dump_json(indent=2))
    return outcome


def _provenance(
    spec: TuneSpec,
    inputs: TuneInputs,
    settings: dict[str, Any],
    measures: dict[str, Measure],
    comparisons: list[PairedComparison],
    changed: dict[str, Any],
) -> dict[str, Any]:
    """What the prompt's manifest records about the tuned version."""
    import dspy

    return {
        "tool": "plume tune",
        "optimizer": spec.optimizer,
        "budget": spec.budget,
        "settings": settings,
        "seed": spec.seed,
        "base": str(inputs.base.ref),
        "models": {
            "task": _model_record(inputs.task),
            "reflection": None
            if spec.optimizer == "bootstrap"
            else _model_record(inputs.reflection),
        },
        "gold": {
            "name": inputs.gold.name,
            "sha256": inputs.gold.sha256,
            "train": len(inputs.train),
            "dev": len(inputs.dev),
            "anonymised": inputs.task.spec.remote,
        },
        "changed": changed,
        "dev": {
            "before": _estimate(measures["before"]),
            "after": _estimate(measures["after"]),
            "baseline": _estimate(measures["baseline"]),
            "after_minus_before": _difference(comparisons[0]),
            "after_minus_baseline": _difference(comparisons[1]),
        },
        "date": _now().isoformat(timespec="seconds"),
        "versions": {"plume": __version__, "dspy": str(dspy.__version__)},
    }


def _changelog(changed: dict[str, Any]) -> str:
    changes = []
    if changed["instructions"]:
        changes.append("consigne système réécrite par l'optimiseur")
    if changed["examples"]:
        changes.append(f"{changed['examples']} exemple(s) fixe(s) choisi(s) parmi le split train")
    return ("; ".join(changes) or "aucun changement retenu par l'optimiseur").capitalize() + "."
