"""Benchmark: `plume audit` of a generated Services Publics+ export, in-process and on Ray.

Each configuration runs in a fresh process (and, for Ray, a fresh local cluster with 1 or 2 CPUs),
so every one pays for loading the French pipeline in each of its workers; starting the cluster is
timed apart. The machine's load average is recorded before and after each run: on a shared
machine, a run beside other work is slower, and the table says how busy the machine was.

    .venv/bin/python benchmarks/audit_bench.py --replies 20000 --repeat 1
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIGS = ("local", "ray-1", "ray-2")


def _workers_cpu() -> float:
    """CPU seconds used so far by this machine's Ray worker processes (``ray::…``)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "cmdline").read_bytes().startswith(b"ray::"):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            continue
    return total


def child(config: str, corpus: Path, out: Path) -> None:
    """One timed audit; prints a JSON line."""
    from harness.audit import run_audit

    started_cluster = 0.0
    engine = "local"
    if config.startswith("ray-"):
        import ray

        begin = time.perf_counter()
        ray.init(
            address="local",
            num_cpus=int(config.split("-")[1]),
            include_dashboard=False,
            logging_level="WARNING",
            log_to_driver=False,
        )
        started_cluster = time.perf_counter() - begin
        engine = "ray"
    cpu = os.times()
    begin = time.perf_counter()
    summary = run_audit(corpus, out, engine=engine)  # type: ignore[arg-type]
    wall = time.perf_counter() - begin
    used = os.times()
    workers = _workers_cpu() if engine == "ray" else 0.0
    print(
        json.dumps(
            {
                "config": config,
                "replies": summary.replies,
                "wall_s": round(wall, 2),
                "cluster_start_s": round(started_cluster, 2),
                "driver_cpu_s": round(used.user + used.system - cpu.user - cpu.system, 2),
                "workers_cpu_s": round(workers, 2),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replies", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.out)
        return

    sys.path.insert(0, str(HERE))
    from make_corpus import write_corpus

    work = Path(tempfile.mkdtemp(prefix="plume-audit-bench-"))
    corpus = work / f"corpus-{args.replies}.csv"
    write_corpus(corpus, args.replies)
    results = []
    for round_ in range(args.repeat):
        for config in args.configs.split(","):
            load_before = os.getloadavg()[0]
            done = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    config,
                    "--corpus",
                    str(corpus),
                    "--out",
                    str(work / f"{config}-{round_}"),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result |= {"load_before": load_before, "load_after": os.getloadavg()[0]}
            results.append(result)
            print(json.dumps(result), flush=True)
    by = {c: [r["wall_s"] for r in results if r["config"] == c] for c in args.configs.split(",")}
    best = {c: min(v) for c, v in by.items() if v}
    if {"local", "ray-1", "ray-2"} <= best.keys():
        print(
            f"ray-1 / local: {best['ray-1'] / best['local']:.2f}×;"
            f" scaling ray-1 → ray-2: {best['ray-1'] / best['ray-2']:.2f}×"
        )
    (HERE / "audit_results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
