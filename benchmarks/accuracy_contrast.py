"""Accuracy on the contrastive set: does the accuracy score rank each faithful reply above its
twin with one defect, keep faithful paraphrases level, and leave the agents' replies unflagged?

Reads ``tests/scoring/contrastive/`` (pairs built from the gold set by its ``build.py``, and the
hand-written items and pairs of ``fresh.py`` and ``blind2.py`` to ``blind5.py``) and prints one
JSON object: per split ("dev", tuned on; "heldout", its sentences never looked at while tuning
2.0.0; "fresh" and "blind", later hand-written batches whose misses were read to write 2.2.0, so
studied data now; "blind2", written sealed and measured on 2.1.0 and 2.2.0 before its false
contradictions and its missed claims were studied; "blind3", written sealed and measured once on
2.2.0 before its flagged faithful replies and moved paraphrases were studied; "blind4" and
"blind5", written sealed and never used to change the scorer) and per defect class, the share of
pairs ranked right; the share of paraphrases within 0.1 of the agent's reply; the median accuracy
of the gold set's replies; and the CPU time of scoring every reply against the CPU time of spaCy's
``nlp.pipe`` on the same texts.

    .venv/bin/python benchmarks/accuracy_contrast.py
"""

import json
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CONTRAST = REPO / "tests" / "scoring" / "contrastive"


def _rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (CONTRAST / name).read_text().splitlines() if line]


def main() -> dict[str, Any]:
    from harness.gold import GoldItem
    from harness.nlp import get_nlp
    from harness.scoring import AccuracyScorer, score_replies

    gold_path = REPO / "gold" / "services-publics-plus.jsonl"
    gold = {
        item.id: item
        for item in (
            GoldItem.model_validate_json(line) for line in gold_path.read_text().splitlines()
        )
    }
    batches = ("", "fresh_", "blind2_", "blind3_", "blind4_", "blind5_")
    known = gold | {
        item.id: item
        for batch in batches[1:]
        for item in (GoldItem.model_validate(row) for row in _rows(f"{batch}items.jsonl"))
    }
    pairs = [row for batch in batches for row in _rows(f"{batch}pairs.jsonl")]
    paraphrases = [row for batch in batches for row in _rows(f"{batch}paraphrases.jsonl")]
    items = [known[p["item"]] for p in pairs for _ in (0, 1)]
    items += [known[p["item"]] for p in paraphrases] + list(known.values())
    replies = [text for p in pairs for text in (p["faithful"], p["defective"])]
    replies += [p["paraphrase"] for p in paraphrases] + [item.reply for item in known.values()]

    get_nlp()
    started = time.process_time()
    for _ in get_nlp().pipe(replies, batch_size=64):
        pass
    pipe_cpu = time.process_time() - started
    started = time.process_time()
    scores = score_replies(items, replies, [AccuracyScorer()], weights={"accuracy": 1.0})
    scoring_cpu = time.process_time() - started
    values = [s["accuracy"].value for s in scores]

    ranked: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for number, pair in enumerate(pairs):
        faithful, defective = values[2 * number], values[2 * number + 1]
        right = faithful is not None and defective is not None and defective < faithful
        ranked[pair["split"]][pair["class"]].append(right)
    offset = 2 * len(pairs)
    reference = {
        item.id: values[offset + len(paraphrases) + k] for k, item in enumerate(known.values())
    }
    level: dict[str, list[bool]] = defaultdict(list)
    for number, row in enumerate(paraphrases):
        value, agent = values[offset + number], reference[row["item"]]
        level[row["split"]].append(
            value is not None and agent is not None and abs(value - agent) <= 0.1
        )
    scored_gold = [reference[i] for i in gold if reference[i] is not None]
    return {
        "pairs": len(pairs),
        "services": len({p["service"] for p in pairs}),
        "ranked_right": {
            split: {
                kind: {"share": round(sum(r) / len(r), 3), "pairs": len(r)}
                for kind, r in sorted(classes.items())
            }
            for split, classes in sorted(ranked.items())
        },
        "paraphrases_level": {
            split: {"share": round(sum(r) / len(r), 3), "paraphrases": len(r)}
            for split, r in sorted(level.items())
        },
        "gold_median": statistics.median(scored_gold),
        "gold_flagged": sum(
            1
            for s in scores[offset + len(paraphrases) :][: len(gold)]
            if any(e.kind in ("contradiction", "invented") for e in s["accuracy"].evidence)
        ),
        "cpu_s": {"nlp_pipe": round(pipe_cpu, 2), "accuracy_scoring": round(scoring_cpu, 2)},
        "texts": len(replies),
    }


if __name__ == "__main__":
    print(json.dumps(main(), indent=1))
