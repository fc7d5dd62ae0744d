"""``plume tune``: optimise the reply program on train, measure it on dev, export a new version."""

import contextvars
import importlib.util
import logging
import random
import warnings
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
from harness.gold import GoldItem, anonymised, load_gold, split_of
from harness.models import (
    CompletionCache,
    LocalServer,
    ModelCallError,
    ModelSpec,
    load_models,
    select_models,
    serve_local,
)
from harness.prompts import PromptTemplate, load_prompt, reply_variables, select_examples
from harness.scoring import OVERALL, default_scorers, load_scoring_config
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


def gepa_available() -> bool:
    """Whether the ``gepa`` package that ``dspy.GEPA`` runs on is installed."""
    return importlib.util.find_spec("gepa") is not None


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
    """Keep DSPy's log lines and its 3.4 deprecation warnings (``BaseLM.forward`` subclasses,
    ``messages=`` dictionaries, both removed in 3.5) out of the command's display."""
    logger = logging.getLogger("dspy")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Implementing custom LMs", category=Warning)
            warnings.filterwarnings("ignore", message=r".*messages=.*deprecated", category=Warning)
            yield
    finally:
        logger.setLevel(level)


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


def _measure(
    label: str,
    prompt: str,
    program: Any,
    examples: Sequence[Any],
    metric: Any,
    threads: int,
    hooks: TuneHooks,
    servers: Sequence[LocalServer],
) -> Measure:
    """Run ``program`` on ``examples`` and score each reply; a failed item is counted, not zero."""

    def one(example: Any) -> float | None:
        try:
            reply = str(program(**example.inputs()).reply)
        except ModelCallError:
            return None
        finally:
            hooks.advance()
        value: float | None = metric.scores(example.item_id, reply)[OVERALL].value
        return value

    hooks.phase(f"{label}: {prompt} on dev", len(examples))
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="plume-tune") as pool:
        # Each task gets its own copy of the context: DSPy's settings (LM, adapter) live in it.
        futures = {e.item_id: pool.submit(contextvars.copy_context().run, one, e) for e in examples}
        scores = {item_id: future.result() for item_id, future in futures.items()}
    for server in servers:
        server.check()  # a dead local server fails the tuning, not item after item
    failures = sum(1 for value in scores.values() if value is None)
    values = [scores[e.item_id] for e in examples]
    return Measure(
        label=label,
        prompt=prompt,
        overall=bootstrap_mean(values),
        scores=scores,
        failed=failures,
    )


def _optimise(
    optimizer: Optimizer,
    budget: Budget,
    program: Any,
    train: list[Any],
    dev: list[Any],
    metric: Any,
    lm: Any,
    reflection: Any,
    seed: int,
    threads: int,
) -> tuple[Any, dict[str, Any]]:
    """Compile ``program`` with the chosen optimiser; return it with the settings used."""
    import dspy

    bootstrapped, labeled = DEMOS[budget]
    # BootstrapFewShot has no seed of its own: the seed orders the train items it draws from.
    trainset = list(train)
    random.Random(seed).shuffle(trainset)
    settings: dict[str, Any]
    if optimizer == "bootstrap":
        settings = {
            "max_bootstrapped_demos": bootstrapped,
            "max_labeled_demos": labeled,
            "metric_threshold": DEMO_THRESHOLD,
        }
        teleprompter = dspy.BootstrapFewShot(
            metric=metric, max_rounds=1, max_errors=len(trainset) + 1, **settings
        )
        return teleprompter.compile(program, trainset=trainset), settings
    if optimizer == "mipro":
        settings = {
            "auto": budget,
            "max_bootstrapped_demos": bootstrapped,
            "max_labeled_demos": labeled,
            "metric_threshold": DEMO_THRESHOLD,
        }
        mipro = dspy.MIPROv2(
            metric=metric,
            prompt_model=reflection,
            task_model=lm,
            num_threads=threads,
            seed=seed,
            verbose=False,
            track_stats=False,
            max_errors=len(trainset) + len(dev) + 1,
            **settings,
        )
        compiled = mipro.compile(
            program,
            trainset=trainset,
            valset=list(dev),
            seed=seed,
            minibatch_size=min(35, len(dev)),
        )
        return compiled, settings
    settings = {"auto": budget, "reflection_minibatch_size": min(3, len(trainset))}
    gepa = dspy.GEPA(
        metric=metric,
        reflection_lm=reflection,
        num_threads=threads,
        seed=seed,
        track_stats=False,
        use_merge=False,
        **settings,
    )
    return gepa.compile(program, trainset=trainset, valset=list(dev)), settings


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


def _model_record(spec: ModelSpec, served: str) -> dict[str, Any]:
    return {
        "name": spec.name,
        "served": served,
        "provider": spec.provider,
        "params": spec.params.model_dump(exclude_defaults=True),
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
    train_items = _split(gold.items, "train", spec.train_limit)
    dev_items = _split(gold.items, "dev", spec.dev_limit)
    if not train_items or not dev_items:
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
    scorers = default_scorers(config)
    log_dir = _log_dir()
    cache = CompletionCache(paths.cache_dir() / "completions.sqlite") if spec.cache else None
    models = {task_spec.name: task_spec, reflection_spec.name: reflection_spec}
    try:
        with ExitStack() as stack, _quiet_dspy():
            servers: dict[str, LocalServer] = {}
            for model_spec in models.values():
                if model_spec.provider == "local":
                    hooks.phase(f"starting {model_spec.name}", None)
                    servers[model_spec.name] = stack.enter_context(
                        serve_local(model_spec, log_dir=log_dir / "logs")
                    )
            bridges = {
                name: stack.enter_context(
                    ModelBridge(
                        s,
                        base_url=servers[name].base_url if name in servers else None,
                        cache=cache,
                    )
                )
                for name, s in models.items()
            }
            served = {name: bridge.resolve() for name, bridge in bridges.items()}
            return _tune(
                spec,
                hooks,
                gold_name=gold.name,
                gold_sha256=gold.sha256,
                pool=gold.items,
                train_items=train_items,
                dev_items=dev_items,
                task=(task_spec, bridges[task_spec.name], served[task_spec.name]),
                reflection=(
                    reflection_spec,
                    bridges[reflection_spec.name],
                    served[reflection_spec.name],
                ),
                base=base,
                baseline=baseline,
                scorers=(scorers, config.overall.weights),
                servers=list(servers.values()),
                log_dir=log_dir,
            )
    finally:
        if cache is not None:
            cache.close()


def _tune(
    spec: TuneSpec,
    hooks: TuneHooks,
    *,
    gold_name: str,
    gold_sha256: str,
    pool: Sequence[GoldItem],
    train_items: list[GoldItem],
    dev_items: list[GoldItem],
    task: tuple[ModelSpec, ModelBridge, str],
    reflection: tuple[ModelSpec, ModelBridge, str],
    base: PromptTemplate,
    baseline: PromptTemplate,
    scorers: tuple[Any, Any],
    servers: list[LocalServer],
    log_dir: Path,
) -> TuneOutcome:
    import dspy

    from harness.tuning._dspy import (
        PlumeAdapter,
        PlumeLM,
        PlumeMetric,
        ReplyProgram,
        program_state,
    )

    task_spec, task_bridge, task_served = task
    reflection_spec, reflection_bridge, reflection_served = reflection
    threads = task_spec.concurrency
    metric = PlumeMetric({i.id: i for i in pool}, scorers[0], scorers[1])
    remote = task_spec.remote
    train = _examples(train_items, pool, spec.few_shot, remote)
    dev = _examples(dev_items, pool, spec.few_shot, remote)
    completion = task_spec.mode == "completion"
    lm = PlumeLM(task_bridge)
    reflection_lm = lm if reflection_bridge is task_bridge else PlumeLM(reflection_bridge)
    adapter = PlumeAdapter(base, completion=completion)
    initial = adapter.initial
    measures: dict[str, Measure] = {}
    with dspy.context(lm=lm, adapter=adapter, num_threads=threads):
        measures["before"] = _measure(
            "before", str(base.ref), ReplyProgram(initial), dev, metric, threads, hooks, servers
        )
        if baseline.ref != base.ref:
            baseline_adapter = PlumeAdapter(baseline, completion=completion)
            with dspy.context(adapter=baseline_adapter):
                measures["baseline"] = _measure(
                    "baseline",
                    str(baseline.ref),
                    ReplyProgram(baseline_adapter.initial),
                    dev,
                    metric,
                    threads,
                    hooks,
                    servers,
                )
        hooks.phase(f"optimising with {spec.optimizer} ({spec.budget})", None)
        task_bridge.on_call = hooks.advance
        try:
            optimised, settings = _optimise(
                spec.optimizer,
                spec.budget,
                ReplyProgram(initial),
                train,
                dev,
                metric,
                lm,
                reflection_lm,
                spec.seed,
                threads,
            )
        except PlumeError:
            raise
        except Exception as error:
            # DSPy's own failures (a proposer's unparsable answer, a missing optional package)
            # end the command in one line like any other.
            raise PlumeError(
                f"the {spec.optimizer} optimiser failed: {type(error).__name__}: {error}"
            ) from error
        finally:
            task_bridge.on_call = None
        for server in servers:
            server.check()
        instructions, demos = program_state(optimised, initial)
        templates = adapter.templates(instructions, demos)
        measures["after"] = _measure(
            "after", "this version", optimised, dev, metric, threads, hooks, servers
        )
    if "baseline" not in measures:
        measures["baseline"] = measures["before"].model_copy(update={"label": "baseline"})
    after = measures["after"]
    comparisons = [
        paired_difference(
            after.scores,
            measures[other].scores,
            names=("after", other),
            seed=spec.seed,
        )
        for other in ("before", "baseline")
    ]
    provenance: dict[str, Any] = {
        "tool": "plume tune",
        "optimizer": spec.optimizer,
        "budget": spec.budget,
        "settings": settings,
        "seed": spec.seed,
        "base": str(base.ref),
        "models": {
            "task": _model_record(task_spec, task_served),
            "reflection": _model_record(reflection_spec, reflection_served)
            if spec.optimizer != "bootstrap"
            else None,
        },
        "gold": {
            "name": gold_name,
            "sha256": gold_sha256,
            "train": len(train),
            "dev": len(dev),
            "anonymised": remote,
        },
        "changed": {"instructions": instructions is not None, "examples": len(demos)},
        "dev": {
            "before": _estimate(measures["before"]),
            "after": _estimate(after),
            "baseline": _estimate(measures["baseline"]),
            "after_minus_before": _difference(comparisons[0]),
            "after_minus_baseline": _difference(comparisons[1]),
        },
        "date": _now().isoformat(timespec="seconds"),
        "versions": {"plume": __version__, "dspy": str(dspy.__version__)},
    }
    changes = []
    if instructions is not None:
        changes.append("consigne système réécrite par l'optimiseur")
    if demos:
        changes.append(f"{len(demos)} exemple(s) fixe(s) choisi(s) parmi le split train")
    ref = export_version(
        templates,
        description=(
            f"Version réglée par plume tune ({spec.optimizer}, budget {spec.budget}) pour le "
            f"modèle {task_spec.name}, à partir de {base.ref}. Brouillon : à relire avant sortie."
        ),
        changelog=("; ".join(changes) or "aucun changement retenu par l'optimiseur").capitalize()
        + ".",
        provenance=provenance,
    )
    outcome = TuneOutcome(
        ref=str(ref),
        folder=paths.prompts_dir() / ref.id / ref.version,
        measures=[measures["before"], after, measures["baseline"]],
        comparisons=comparisons,
        provenance=provenance,
        log_dir=log_dir,
    )
    write_atomic(log_dir / "tune.json", outcome.model_dump_json(indent=2))
    return outcome
