"""One Plume run in a process of its own; prints one JSON line: times, items and peak memory.

Run by ``run_all.py``, never directly by users. ``PLUME_ROOT`` (set by the parent) points Plume
at the benchmark's data root. ``harness.runner.execute`` is timed around the call alone, so
``run_s`` is the run without interpreter start and imports, and ``cpu_s`` is the CPU time this
process spent in it, every thread included (the loopback server is another process).

``--scorers none`` runs no scorer (``RunSpec.scorers=[]``): the runner is measured, not spaCy.
``--load-nlp`` loads spaCy's model before the clock starts, so that a run whose guard analyses
every prompt (a model declared remote) is timed without the one-off model load.
``--ray-cpus N`` starts a local Ray cluster of N CPUs before the clock (``cluster_s``, timed
apart) and runs ``execute(..., engine="ray")`` on it.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any


def _samples(run_dir: Path) -> dict[str, int]:
    """How many items the run recorded, and how many of them failed."""
    items = errors = 0
    for line in (run_dir / "samples.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            items += 1
            errors += json.loads(line).get("error") is not None
    return {"items": items, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="bench")
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--concurrency", type=int)
    parser.add_argument("--few-shot", type=int, default=2)
    parser.add_argument("--scorers", choices=["none", "default"], default="none")
    parser.add_argument("--load-nlp", action="store_true")
    parser.add_argument("--ray-cpus", type=int)
    args = parser.parse_args()

    result: dict[str, Any] = {}
    try:
        started = time.perf_counter()
        import harness.runner

        if args.load_nlp:
            from harness.nlp import get_nlp

            get_nlp()
        result["import_s"] = time.perf_counter() - started
        if args.ray_cpus:
            import ray

            started = time.perf_counter()
            ray.init(
                address="local",
                num_cpus=args.ray_cpus,
                include_dashboard=False,
                logging_level="WARNING",
                log_to_driver=False,
            )
            result["cluster_s"] = time.perf_counter() - started
        spec = harness.runner.RunSpec(
            gold=args.gold,
            models=args.models.split(","),
            out=args.out,
            few_shot=args.few_shot,
            concurrency=args.concurrency,
            scorers=None if args.scorers == "default" else [],
        )
        cpu_started, started = time.process_time(), time.monotonic()
        outcome = harness.runner.execute(spec, engine="ray" if args.ray_cpus else "local")
        result["started_at"], result["ended_at"] = started, time.monotonic()
        result["run_s"] = result["ended_at"] - started
        result["cpu_s"] = time.process_time() - cpu_started
        result["run_dir"] = str(outcome.run_dir)
        result.update(_samples(outcome.run_dir))
    except Exception as error:
        traceback.print_exc()
        result["error"] = f"{type(error).__name__}: {error}"
    # Linux reports ru_maxrss in KiB.
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
