"""The same work through inspect_ai, in a process of its own; prints one JSON line.

The dataset is the exact chat messages Plume sent for each item (recorded by the loopback server
during Plume's run), so both harnesses ask the same questions of the same endpoint. The
model goes through inspect_ai's OpenAI-compatible provider (``openai-api/<service>/<model>``,
key in ``<SERVICE>_API_KEY``), with ``max_connections`` as the concurrency, no display, and a
trivial scorer (the reply is not empty), like Plume's side.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=Path, required=True, help="JSONL: a message list a line")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", default="bench-model")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--log-dir", type=Path, required=True)
    parser.add_argument("--max-tokens", type=int, default=600)
    args = parser.parse_args()
    result: dict[str, Any] = {"harness": "inspect_ai"}
    try:
        imports_started = time.perf_counter()
        import inspect_ai
        from inspect_ai import Task, eval
        from inspect_ai.dataset import MemoryDataset, Sample
        from inspect_ai.model import ChatMessageAssistant, ChatMessageSystem, ChatMessageUser
        from inspect_ai.scorer import Score, Target, mean, scorer
        from inspect_ai.solver import TaskState, generate

        result["import_s"] = time.perf_counter() - imports_started
        result["version"] = inspect_ai.__version__

        kinds: dict[str, Any] = {
            "system": ChatMessageSystem,
            "user": ChatMessageUser,
            "assistant": ChatMessageAssistant,
        }
        samples = []
        for number, line in enumerate(args.messages.read_text(encoding="utf-8").splitlines()):
            messages = [kinds[m["role"]](content=m["content"]) for m in json.loads(line)]
            samples.append(Sample(id=number, input=messages, target=""))

        @scorer(metrics=[mean()])
        def non_empty() -> Any:
            async def score(state: TaskState, target: Target) -> Score:
                return Score(value=1.0 if state.output.completion.strip() else 0.0)

            return score

        task = Task(dataset=MemoryDataset(samples), solver=generate(), scorer=non_empty())
        # The service name picks the key variable: openai-api/bench/... reads BENCH_API_KEY.
        os.environ.setdefault("BENCH_API_KEY", "bench")
        cpu_started, run_started = time.process_time(), time.perf_counter()
        logs = eval(
            task,
            model=f"openai-api/bench/{args.model}",
            model_base_url=args.base_url,
            max_connections=args.concurrency,
            temperature=0.0,
            max_tokens=args.max_tokens,
            display="none",
            log_dir=str(args.log_dir),
            log_level="warning",
        )
        result["run_s"] = time.perf_counter() - run_started
        result["cpu_s"] = time.process_time() - cpu_started
        log = logs[0]
        result["status"] = log.status
        result["items"] = len(log.samples or [])
        result["errors"] = sum(1 for s in log.samples or [] if s.error is not None)
        if log.status != "success":
            result["error"] = f"inspect_ai eval ended {log.status}: {log.error}"
    except Exception as error:
        traceback.print_exc()
        result["error"] = f"{type(error).__name__}: {error}"
    result["process_s"] = time.perf_counter() - STARTED
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
