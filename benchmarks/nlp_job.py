"""Scoring and lint throughput against spaCy's own ``nlp.pipe``, side by side in one process.

Benchmark 4 scores 1,000 replies with the full deterministic scorer set
(``harness.scoring.score_replies`` with ``default_scorers()``); benchmark 5 lints 1,000 other
replies (``harness.styleguide.lint_many``) and times loading the style guide. Each is compared
with ``nlp.pipe`` over the same texts, on the same pipeline object Plume uses
(``harness.nlp.get_nlp()``, every component enabled: Plume's own analysis leaves out the entity
recogniser, whose entities it never reads), measured just before it. The two text sets
differ so that no cache filled by one helps the other. Prints one JSON line.
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

REPO = Path(__file__).resolve().parents[1]


def _texts(count: int, salt: int) -> tuple[list[dict[str, Any]], list[str]]:
    """``count`` (gold item, reply) pairs: gold replies made unique by a closing sentence."""
    gold = [
        json.loads(line)
        for line in (REPO / "gold" / "services-publics-plus.jsonl").read_text().splitlines()
        if line.strip()
    ]
    items, replies = [], []
    for number in range(count):
        item = gold[number % len(gold)]
        items.append(item)
        replies.append(
            f"{item['reply']}\n\nVotre demande est enregistrée sous le numéro "
            f"{salt:01d}{number:05d}."
        )
    return items, replies


def _pipe_s(texts: list[str]) -> float:
    from harness.nlp import get_nlp

    nlp = get_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - started


def scoring(count: int) -> dict[str, Any]:
    from harness.gold import GoldItem

    try:
        from harness.scoring import default_scorers, score_replies
    except ImportError as error:
        return {"error": f"harness.scoring lacks its public API: {error}"}
    raw_items, replies = _texts(count, salt=1)
    items = [GoldItem.model_validate(item) for item in raw_items]
    scorers = default_scorers()
    # Warm both paths on a few other texts: model loading is start-up, not throughput.
    warm_items, warm = _texts(8, salt=9)
    _pipe_s(warm)
    score_replies([GoldItem.model_validate(i) for i in warm_items], warm, scorers)
    pipe_s = _pipe_s(replies)
    started = time.perf_counter()
    scores = score_replies(items, replies, scorers)
    score_s = time.perf_counter() - started
    unscored = sum(1 for s in scores for v in s.values() if v.value is None)
    return {
        "replies": count,
        "scorers": [s.name for s in scorers],
        "pipe_s": pipe_s,
        "score_s": score_s,
        "items_per_s": count / score_s,
        "pipe_items_per_s": count / pipe_s,
        "ratio": score_s / pipe_s,
        "unscored": unscored,
    }


def linting(count: int) -> dict[str, Any]:
    try:
        from harness.styleguide import _load, lint_many, load_styleguide
    except ImportError as error:
        return {"error": f"harness.styleguide lacks its public API: {error}"}
    # A cold load: drop whatever the scoring half left in the in-memory cache.
    loaded = getattr(_load, "_LOADED", None)
    if isinstance(loaded, dict):
        loaded.clear()
    started = time.perf_counter()
    guide = load_styleguide()
    load_s = time.perf_counter() - started
    # Lexicons compile their matchers on first use: that is load cost too, paid by the first lint.
    started = time.perf_counter()
    lint_many(["Bonjour."], guide)
    first_lint_s = time.perf_counter() - started
    _, texts = _texts(count, salt=2)
    pipe_s = _pipe_s(texts)
    started = time.perf_counter()
    results = lint_many(texts, guide)
    lint_s = time.perf_counter() - started
    return {
        "texts": count,
        "rules": len(guide.rules),
        "load_s": load_s,
        "first_lint_s": first_lint_s,
        "pipe_s": pipe_s,
        "lint_s": lint_s,
        "texts_per_s": count / lint_s,
        "ratio": lint_s / pipe_s,
        "violations": sum(len(r.violations) for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000, help="replies to score")
    parser.add_argument("--lint-count", type=int, default=1000, help="replies to lint")
    args = parser.parse_args()
    result: dict[str, Any] = {}
    started = time.perf_counter()
    from harness.nlp import get_nlp

    get_nlp()
    result["nlp_load_s"] = time.perf_counter() - started
    for name, bench, count in (
        ("scoring", scoring, args.count),
        ("lint", linting, args.lint_count),
    ):
        try:
            result[name] = bench(count)
        except Exception as error:
            traceback.print_exc()
            result[name] = {"error": f"{type(error).__name__}: {error}"}
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
