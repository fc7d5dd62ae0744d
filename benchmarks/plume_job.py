"""One Plume run in a process of its own; prints one JSON line with its timings and peak memory.

Run by ``run_all.py``, never directly by users. ``PLUME_ROOT`` (set by the parent) points Plume at
the benchmark's data root. Two ways in:

- ``--mode execute``: ``harness.runner.execute`` from Python, timed around the call alone, so the
  figure is the run loop without interpreter start and imports;
- ``--mode cli``: ``plume run`` itself (the Typer app, in process), with its progress bar, report
  and summary.

``--scorers none`` runs Plume with no scorer (``RunSpec.scorers=[]``, ``plume run --scorers
none``): the runner overhead and the comparison with inspect_ai are about the harness, not about
spaCy. ``trivial`` is kept as a synonym for the comparison with inspect_ai's trivial scorer.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()


def _maxrss_mib(who: int) -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(who).ru_maxrss / 1024


PHASES: dict[str, float] = {}


def _time_phases(cli: bool) -> None:
    """Time the runner's phases by wrapping its functions and methods (where they exist)."""
    from harness.models import Model
    from harness.runner import _prepare, _run

    targets: list[tuple[Any, str, str]] = [
        (_run, name, name)
        for name in ("load_gold", "load_prompt", "load_styleguide", "_generate", "finish")
    ]
    # Inside the generation phase: building each prompt as its turn comes, anonymising for
    # remote models (on the spaCy thread), and finding a re-run's completions by recipe.
    targets += [
        (_prepare.PromptMaker, "prepare", "prepare"),
        (_prepare, "anonymised", "anonymised"),
        (Model, "recall", "recall"),
    ]
    if cli:
        from harness.cli import _run as cli_run

        targets += [(cli_run, name, f"cli.{name}") for name in ("execute", "write_report")]
    for module, attribute, label in targets:
        _wrap(module, attribute, label)


def _wrap(module: Any, name: str, label: str) -> None:
    """Replace ``module.name`` by itself, timed into ``PHASES[label]``; absent names are skipped."""
    import asyncio
    import functools

    original = getattr(module, name, None)
    if original is None:
        return

    def record(started: float) -> None:
        PHASES[label] = PHASES.get(label, 0.0) + time.perf_counter() - started

    if asyncio.iscoroutinefunction(original):

        @functools.wraps(original)
        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await original(*args, **kwargs)
            finally:
                record(started)

        setattr(module, name, timed_async)
    else:

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                record(started)

        setattr(module, name, timed)


def _samples(run_dir: Path) -> dict[str, Any]:
    """Counts and token totals from the run's samples.jsonl."""
    items = errors = cached = tokens_out = tokens_in = attempts = 0
    latency = 0.0
    path = run_dir / "samples.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            items += 1
            errors += record.get("error") is not None
            completion = record.get("completion") or {}
            cached += bool(completion.get("cached"))
            tokens_out += int(completion.get("output_tokens") or 0)
            tokens_in += int(completion.get("input_tokens") or 0)
            attempts += int(completion.get("attempts") or 0)
            latency += float(completion.get("latency_s") or 0.0)
    return {
        "items": items,
        "errors": errors,
        "cached": cached,
        "output_tokens": tokens_out,
        "input_tokens": tokens_in,
        "attempts": attempts,
        "latency_sum_s": latency,
    }


def _newest_run(out: Path) -> Path | None:
    runs = [p for p in out.iterdir() if p.is_dir()] if out.exists() else []
    return max(runs, key=lambda p: p.stat().st_mtime) if runs else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["execute", "cli"], default="execute")
    parser.add_argument("--models", default="bench")
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--concurrency", type=int)
    parser.add_argument("--few-shot", type=int, default=2)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--scorers", choices=["none", "trivial", "default"], default="default")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument summary here")
    args = parser.parse_args()

    result: dict[str, Any] = {"mode": args.mode, "scorers": args.scorers}
    try:
        imports_started = time.perf_counter()
        import harness.runner

        if args.mode == "cli":
            from harness.cli import app
        if args.profile is None:
            # The wrappers would show up in the profile as frames of their own.
            _time_phases(cli=args.mode == "cli")
        result["import_s"] = time.perf_counter() - imports_started
        profiler = None
        if args.profile is not None:
            from pyinstrument import Profiler

            # The event loop runs on this thread, so sampling it shows where its time goes.
            profiler = Profiler(interval=0.001, async_mode="disabled")
            profiler.start()
        run_started = time.perf_counter()
        if args.mode == "execute":
            spec = harness.runner.RunSpec(
                gold=args.gold,
                models=args.models.split(","),
                limit=args.limit,
                out=args.out,
                few_shot=args.few_shot,
                concurrency=args.concurrency,
                cache=not args.no_cache,
                scorers=None if args.scorers == "default" else [],
            )
            outcome = harness.runner.execute(spec)
            run_dir: Path | None = outcome.run_dir
            result["exit"] = 0
        else:
            argv = ["run", "--models", args.models, "--gold", str(args.gold)]
            argv += ["--out", str(args.out), "--few-shot", str(args.few_shot)]
            if args.limit:
                argv += ["--limit", str(args.limit)]
            if args.concurrency:
                argv += ["--concurrency", str(args.concurrency)]
            if args.no_cache:
                argv.append("--no-cache")
            if args.scorers != "default":
                argv += ["--scorers", "none"]
            try:
                app(argv)
                result["exit"] = 0
            except SystemExit as stop:
                result["exit"] = stop.code if isinstance(stop.code, int) else 1
            run_dir = _newest_run(args.out)
        result["run_s"] = time.perf_counter() - run_started
        if profiler is not None:
            profiler.stop()
            args.profile.write_text(
                profiler.output_text(unicode=False, color=False, show_all=False),
                encoding="utf-8",
            )
        result.update(_samples(run_dir) if run_dir else {"items": 0})
        result["run_dir"] = str(run_dir)
        result["phases"] = dict(PHASES)
    except Exception as error:
        traceback.print_exc()
        result["error"] = f"{type(error).__name__}: {error}"
    result["process_s"] = time.perf_counter() - STARTED
    result["maxrss_mib"] = _maxrss_mib(resource.RUSAGE_SELF)
    # Children are what Plume started and waited for: the local llama.cpp server, if any.
    result["children_maxrss_mib"] = _maxrss_mib(resource.RUSAGE_CHILDREN)
    result["pid"] = os.getpid()
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
