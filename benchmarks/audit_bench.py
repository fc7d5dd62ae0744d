"""Benchmark: `plume audit` of a generated Services Publics+ export, in-process and on Ray.

Each configuration runs in a fresh process (and, for Ray, a fresh local cluster with 1 or 2 CPUs,
its workers at nice 0 as `plume audit --engine ray` starts them), so every one pays for loading
the French pipeline in each of its workers; starting the cluster is timed apart. On a shared
machine a run beside other work is slower: each run records the load average and the CPU time
the rest of the machine used while it ran (all busy time in /proc/stat less the run's own: the
driver, the Ray workers running tasks, Ray's own processes).

    .venv/bin/python benchmarks/audit_bench.py --replies 20000 --repeat 2
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIGS = ("local", "ray-1", "ray-2")
TICK = os.sysconf("SC_CLK_TCK")


def _busy_cpu() -> float:
    """CPU seconds this machine has spent on anything but idling, since it started."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle, iowait = fields[3], fields[4]
    return (sum(fields[:8]) - idle - iowait) / TICK


def _descendants_cpu() -> dict[str, float]:
    """CPU seconds used so far by this process's descendants (the Ray cluster it started):
    ``tasks`` for the worker processes, ``ray`` for Ray's own (GCS, raylet, agents)."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    names: dict[int, bytes] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            names[int(entry.name)] = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICK
    mine = {os.getpid()}
    while grown := {p for p, parent in parents.items() if parent in mine} - mine:
        mine |= grown
    mine.discard(os.getpid())
    # Task workers are named after what they run (ray::audit_chunk) or ray::IDLE between tasks.
    tasks = {p for p in mine if names[p].startswith((b"ray::audit_chunk", b"ray::IDLE"))}
    return {
        "tasks": sum(cpu[p] for p in tasks),
        "ray": sum(cpu[p] for p in mine - tasks),
    }


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
            _system_config={"worker_niceness": 0},  # as harness.cluster.connect starts one
        )
        started_cluster = time.perf_counter() - begin
        engine = "ray"
    cpu = os.times()
    before = _descendants_cpu()
    busy = _busy_cpu()
    begin = time.perf_counter()
    summary = run_audit(corpus, out, engine=engine)  # type: ignore[arg-type]
    wall = time.perf_counter() - begin
    busy = _busy_cpu() - busy
    used = os.times()
    after = _descendants_cpu()
    driver = used.user + used.system - cpu.user - cpu.system
    tasks, ray_own = (after[key] - before[key] for key in ("tasks", "ray"))
    print(
        json.dumps(
            {
                "config": config,
                "replies": summary.replies,
                "wall_s": round(wall, 2),
                "cluster_start_s": round(started_cluster, 2),
                "driver_cpu_s": round(driver, 2),
                "tasks_cpu_s": round(tasks, 2),
                "ray_cpu_s": round(ray_own, 2),
                "others_cpu_s": round(max(busy - driver - tasks - ray_own, 0.0), 1),
                "driver_peak_rss_mb": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                ),
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
            result |= {
                "round": round_ + 1,
                "load_before": round(load_before, 2),
                "load_after": round(os.getloadavg()[0], 2),
            }
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
