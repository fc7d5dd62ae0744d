"""The accuracy score on the contrastive set (tests/scoring/contrastive, built from the gold set):
each defect class ranked below its faithful twin in at least 95 % of pairs, faithful paraphrases
within 0.1 of the agent's reply in at least 85 %, the agents' replies unflagged. "heldout" pairs
were never looked at while tuning accuracy 2.0.0; "fresh" pairs (fresh.py: hand-written items over
services absent from the gold set) were written before reading why held-out pairs failed; "blind"
pairs (same file) were written once the rules of accuracy 2.1.0 were set. The misses of all three
were read to write accuracy 2.2.0 (general mechanisms, never a rule for one sentence): they are
studied data now. "blind2" pairs (blind2.py: fifteen more services) were written without reading
the scorer and measured sealed on 2.1.0 and 2.2.0 (benchmarks/RESULTS.md); three of their false
contradictions, then their missed claims, were studied and fixed, so they are studied data too,
and the figure to trust is that of a batch nobody has seen yet. "blind3" pairs (blind3.py: ten
more services) were written sealed and measured once on 2.2.0; then their flagged faithful
replies and moved paraphrases were studied and fixed (general mechanisms), so they are studied
data too. "blind4" pairs (blind4.py: ten more services) were written sealed and measured once on
the final 2.2.0, never used to change it; "blind5" pairs (blind5.py: ten more services, a later
session) likewise. Those two are the figures to trust. Every part is checked.

A class still below the target is marked xfail(strict) with its measured share, so the target
stays written here and the marker must go the day the class reaches it.
"""

import json
import statistics
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from harness.gold import GoldItem
from harness.scoring import AccuracyScorer, score_replies

HERE = Path(__file__).parent / "contrastive"
GOLD = Path(__file__).parents[2] / "gold" / "services-publics-plus.jsonl"
TARGET = 0.95


def _rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (HERE / name).read_text().splitlines() if line]


HAND_WRITTEN = ("fresh_", "blind2_", "blind3_", "blind4_", "blind5_")
"""The hand-written batches' file prefixes; the pairs built from the gold set have none."""


@cache
def _gold() -> dict[str, GoldItem]:
    """The gold set's items and the hand-written batches'."""
    items = [GoldItem.model_validate_json(line) for line in GOLD.read_text().splitlines()]
    for batch in HAND_WRITTEN:
        items += [GoldItem.model_validate(row) for row in _rows(f"{batch}items.jsonl")]
    return {item.id: item for item in items}


def _pairs() -> list[dict[str, Any]]:
    return [row for batch in ("", *HAND_WRITTEN) for row in _rows(f"{batch}pairs.jsonl")]


def _paraphrases() -> list[dict[str, Any]]:
    return [row for batch in ("", *HAND_WRITTEN) for row in _rows(f"{batch}paraphrases.jsonl")]


_SCORED: dict[tuple[str, str], float | None] = {}
"""Accuracy by (item id, reply), for the whole module: a faithful reply stands in one pair per
defect class and again beside its paraphrase, and is scored once."""


def _accuracy(items: list[GoldItem], replies: list[str]) -> list[float | None]:
    asked = list(zip(items, replies, strict=True))
    new = sorted({(item.id, reply) for item, reply in asked} - _SCORED.keys())
    if new:
        scores = score_replies(
            [_gold()[item_id] for item_id, _ in new],
            [reply for _, reply in new],
            [AccuracyScorer()],
            weights={"accuracy": 1.0},
        )
        _SCORED.update(zip(new, (s["accuracy"].value for s in scores), strict=True))
    return [_SCORED[item.id, reply] for item, reply in asked]


@cache
def _ranked() -> dict[tuple[str, str], list[bool]]:
    pairs = _pairs()
    items = [_gold()[p["item"]] for p in pairs for _ in (0, 1)]
    values = _accuracy(items, [t for p in pairs for t in (p["faithful"], p["defective"])])
    ranked: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for number, pair in enumerate(pairs):
        faithful, defective = values[2 * number], values[2 * number + 1]
        right = faithful is not None and defective is not None and defective < faithful
        ranked[pair["split"], pair["class"]].append(right)
    return ranked


BELOW_TARGET = {
    ("fresh", "claim"): 0.938,
    ("fresh", "swapped_term"): 0.938,
    ("blind", "polarity"): 0.625,
    ("blind", "swapped_term"): 0.75,
    ("blind2", "claim"): 0.6,
    ("blind2", "citizen_value"): 0.6,
    ("blind2", "polarity"): 0.6,
    ("blind2", "swapped_term"): 0.467,
    ("blind3", "claim"): 0.4,
    ("blind3", "claim_number"): 0.9,
    ("blind3", "citizen_value"): 0.6,
    ("blind3", "polarity"): 0.8,
    ("blind3", "swapped_term"): 0.6,
    ("blind4", "claim"): 0.4,
    ("blind4", "claim_number"): 0.9,
    ("blind4", "citizen_value"): 0.7,
    ("blind4", "polarity"): 0.5,
    ("blind4", "swapped_term"): 0.7,
    ("blind5", "claim"): 0.6,
    ("blind5", "claim_number"): 0.9,
    ("blind5", "polarity"): 0.7,
    ("blind5", "swapped_term"): 0.5,
}
CLASSES = [
    (split, kind)
    for split in ("dev", "heldout")
    for kind in ("claim", "claim_number", "citizen_value", "polarity", "swapped_term")
] + [("dev", "swapped_value")]
CLASSES += [
    (split, kind)
    for split in ("fresh", "blind")
    for kind in ("claim", "citizen_value", "polarity", "swapped_term")
]
CLASSES += [
    (split, kind)
    for split in ("blind2", "blind3", "blind4", "blind5")
    for kind in ("claim", "claim_number", "citizen_value", "polarity", "swapped_term")
]


def test_the_set_is_large_and_varied_enough() -> None:
    pairs = _pairs()
    assert len(pairs) >= 200 and len({p["service"] for p in pairs}) >= 8
    assert len(_paraphrases()) >= 60
    assert {p["split"] for p in pairs} == {
        "dev",
        "heldout",
        "fresh",
        "blind",
        "blind2",
        "blind3",
        "blind4",
        "blind5",
    }


@pytest.mark.parametrize(
    ("split", "kind"),
    [
        pytest.param(
            split,
            kind,
            marks=pytest.mark.xfail(
                strict=True, reason=f"measured {BELOW_TARGET[split, kind]:.0%}, target 95 %"
            ),
        )
        if (split, kind) in BELOW_TARGET
        else (split, kind)
        for split, kind in CLASSES
    ],
)
def test_each_defect_class_is_ranked_below_its_faithful_twin(split: str, kind: str) -> None:
    ranked = _ranked()[split, kind]
    assert ranked, f"no {kind} pairs in {split}"
    assert sum(ranked) / len(ranked) >= TARGET


@cache
def _level() -> dict[str, list[bool]]:
    rows = _paraphrases()
    gold = _gold()
    values = _accuracy([gold[r["item"]] for r in rows], [r["paraphrase"] for r in rows])
    references = _accuracy([gold[r["item"]] for r in rows], [r["faithful"] for r in rows])
    level: dict[str, list[bool]] = defaultdict(list)
    for v, ref, r in zip(values, references, rows, strict=True):
        level[r["split"]].append(v is not None and ref is not None and abs(v - ref) <= 0.1)
    return level


@pytest.mark.parametrize(
    "split",
    [
        "dev",
        "heldout",
        "fresh",
        "blind",
        "blind2",
        pytest.param(
            "blind3", marks=pytest.mark.xfail(strict=True, reason="measured 50 %, target 85 %")
        ),
        pytest.param(
            "blind4", marks=pytest.mark.xfail(strict=True, reason="measured 50 %, target 85 %")
        ),
        pytest.param(
            "blind5", marks=pytest.mark.xfail(strict=True, reason="measured 60 %, target 85 %")
        ),
    ],
)
def test_faithful_paraphrases_keep_the_agents_score(split: str) -> None:
    level = _level()[split]
    assert sum(level) / len(level) >= 0.85


def test_the_agents_replies_keep_a_high_accuracy() -> None:
    items = list(_gold().values())
    values = _accuracy(items, [item.reply for item in items])
    assert statistics.median(v for v in values if v is not None) >= 0.9
