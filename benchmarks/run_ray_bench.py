"""Benchmark: the same `plume run` on the loopback server, in-process and on a local Ray cluster.

Benchmark 1's setting (500 items, a server answering after 1 s, concurrency 16), with the default
scorers so that the work Ray spreads (prompts, scoring) is in the run: ``bench`` is the endpoint
declared local (prompts as written), ``bench-remote`` the same endpoint declared remote (prompts
anonymised and screened). Each run is a process of its own (``plume_job.py``) with an empty
cache; Ray's cluster (2 CPUs) is started before the clock and timed apart. The machine's load
average is recorded before each run: on a shared machine the table says how busy it was.

    .venv/bin/python benchmarks/run_ray_bench.py --items 500 --repeat 2
    .venv/bin/python benchmarks/run_ray_bench.py --models bench --scorers none --repeat 1
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import (  # noqa: E402  (the benchmarks are scripts, not a package)
    API_KEY_ENV,
    MODEL_NAME,
    REMOTE_MODEL_NAME,
    loopback_server,
    make_root,
    replies_file,
    run_job,
)

LATENCY_S = 1.0
CONCURRENCY = 16
RAY_CPUS = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--models", default=f"{MODEL_NAME},{REMOTE_MODEL_NAME}")
    parser.add_argument("--scorers", choices=["none", "default"], default="default")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="plume-run-ray-bench-"))
    results = []
    with loopback_server(LATENCY_S, replies_file(work)) as server:
        root = make_root(work, server.base_url, args.items, CONCURRENCY)
        for round_ in range(args.repeat):
            for model in args.models.split(","):
                for engine in ("local", "ray"):
                    label = f"{model}-{engine}-{round_}"
                    argv = [str(HERE / "plume_job.py"), "--gold", str(root / "gold/bench.jsonl")]
                    argv += ["--out", str(work / "runs" / label), "--models", model]
                    argv += ["--concurrency", str(CONCURRENCY), "--scorers", args.scorers]
                    argv += ["--load-nlp"] + (["--ray-cpus", str(RAY_CPUS)] * (engine == "ray"))
                    env = {
                        "PLUME_ROOT": str(root),
                        API_KEY_ENV: "bench",
                        "PLUME_CACHE_DIR": str(work / f"cache-{label}"),
                    }
                    load = os.getloadavg()[0]
                    job = run_job(argv, env=env, timeout_s=600)
                    if not job.ok or job.data.get("errors") or job.data["items"] != args.items:
                        raise SystemExit(f"{label} failed: {job.data} {job.stderr_tail[-800:]}")
                    result = {
                        "model": model,
                        "engine": engine,
                        "run_s": round(job.data["run_s"], 2),
                        "cluster_s": round(job.data.get("cluster_s", 0.0), 2),
                        "driver_cpu_s": round(job.data["cpu_s"], 2),
                        "load_before": load,
                    }
                    results.append(result)
                    print(json.dumps(result), flush=True)
    ideal = -(-args.items // CONCURRENCY) * LATENCY_S
    for model in args.models.split(","):
        best = {
            engine: min(
                r["run_s"] for r in results if r["model"] == model and r["engine"] == engine
            )
            for engine in ("local", "ray")
        }
        print(
            f"{model}: in-process {best['local']:.1f} s, Ray {best['ray']:.1f} s"
            f" (ideal {ideal:.0f} s); Ray / in-process {best['ray'] / best['local']:.2f}×"
        )
    (HERE / "run_ray_results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
