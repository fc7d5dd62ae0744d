"""What agents' verdicts become: candidate gold items, and style-tuning data.

- Candidate gold items: each edited reply, on its item, tagged for a writer to check.
- SFT (OpenAI chat JSONL): the gold replies and the agents' edited replies as chat examples.
- DPO (prompt / chosen / rejected, TRL's conversational preference format): the reply the agents
  preferred against the other, and each edit against the draft it corrects.

Everything is anonymised (the review's items and replies already are; what agents typed is
anonymised here), each example names the prompt version it was drafted with, and the gold test
split never appears: a model tuned on these examples can still be measured on it.
"""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness.files import write_atomic
from harness.gold import GoldItem, anonymised_many, split_of
from harness.privacy import anonymize_many
from harness.prompts import load_prompt, reply_variables
from harness.review._plan import ReviewPlan
from harness.review._verdict import Verdict

TO_CHECK = "à-vérifier"
"""Tag of a candidate gold item that a writer has not checked yet."""
FROM_REVIEW = "revue-agents"
"""Tag of a gold item that comes from an agent's edit."""


def _clean(texts: Sequence[str]) -> list[str]:
    return [r.text for r in anonymize_many(texts)]


def _edited(verdicts: Sequence[Verdict]) -> list[Verdict]:
    return [v for v in verdicts if v.edit is not None]


def candidate_gold(plan: ReviewPlan, verdicts: Sequence[Verdict]) -> list[GoldItem]:
    """One candidate gold item per edited reply, tagged ``à-vérifier`` for a writer."""
    edited = _edited(verdicts)
    texts = _clean([v.edit.text for v in edited if v.edit is not None])
    found = []
    for number, (verdict, text) in enumerate(zip(edited, texts, strict=True), start=1):
        item = plan.item(verdict.item)
        found.append(
            item.model_copy(
                update={
                    "id": f"{item.id}.revue-{number}",
                    "reply": text,
                    "tags": [*item.tags, TO_CHECK, FROM_REVIEW],
                    "source": f"revue {plan.name}, {verdict.reviewer}",
                }
            )
        )
    return found


def _messages(prompt: str, item: GoldItem) -> list[dict[str, Any]]:
    rendered = load_prompt(prompt).render(reply_variables(item))
    return [m.model_dump() for m in rendered.messages]


def sft_examples(
    gold: Sequence[GoldItem], prompt: str, reviews: Sequence[tuple[ReviewPlan, Sequence[Verdict]]]
) -> list[dict[str, Any]]:
    """Chat examples: each gold reply (rendered with ``prompt``), then each agent's edit
    (rendered with the prompt its draft came from); test-split items left out."""
    kept = anonymised_many([item for item in gold if split_of(item.id) != "test"])
    examples = [
        {
            "messages": [*_messages(prompt, item), {"role": "assistant", "content": item.reply}],
            "metadata": {
                "id": item.id,
                "source": "gold",
                "prompt": prompt,
                "split": split_of(item.id),
            },
        }
        for item in kept
    ]
    for plan, verdicts in reviews:
        edited = [v for v in _edited(verdicts) if split_of(v.item) != "test"]
        texts = _clean([v.edit.text for v in edited if v.edit is not None])
        for verdict, text in zip(edited, texts, strict=True):
            drafted = verdict.left if verdict.edit and verdict.edit.of == "left" else verdict.right
            version = plan.candidate(drafted).prompt
            examples.append(
                {
                    "messages": [
                        *_messages(version, plan.item(verdict.item)),
                        {"role": "assistant", "content": text},
                    ],
                    "metadata": {
                        "id": verdict.item,
                        "source": f"revue {plan.name}",
                        "prompt": version,
                        "split": split_of(verdict.item),
                    },
                }
            )
    return examples


def dpo_records(plan: ReviewPlan, verdicts: Sequence[Verdict]) -> list[dict[str, Any]]:
    """Preference records: preferred against rejected reply, and edit against draft; the prompt
    is rendered with the chosen reply's prompt version; test-split items left out."""
    records = []
    kept = [v for v in verdicts if split_of(v.item) != "test"]
    edits = iter(_clean([v.edit.text for v in kept if v.edit is not None]))
    for verdict in kept:
        item = plan.item(verdict.item)
        names = {"left": verdict.left, "right": verdict.right}
        pairs: list[tuple[str, str, str, str]] = []  # chosen text, rejected text, prompt, kind
        if verdict.choice in ("left", "right"):
            loser = "right" if verdict.choice == "left" else "left"
            chosen = plan.candidate(names[verdict.choice])
            rejected = plan.candidate(names[loser])
            pairs.append(
                (chosen.replies[item.id], rejected.replies[item.id], chosen.prompt, "preference")
            )
        if verdict.edit is not None:
            draft = plan.candidate(names[verdict.edit.of])
            pairs.append((next(edits), draft.replies[item.id], draft.prompt, "edit"))
        for chosen_text, rejected_text, prompt, kind in pairs:
            records.append(
                {
                    "prompt": _messages(prompt, item),
                    "chosen": [{"role": "assistant", "content": chosen_text}],
                    "rejected": [{"role": "assistant", "content": rejected_text}],
                    "metadata": {
                        "id": item.id,
                        "kind": kind,
                        "prompt": prompt,
                        "review": plan.name,
                        "reviewer": verdict.reviewer,
                        "split": split_of(item.id),
                    },
                }
            )
    return records


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """One JSON object a line, UTF-8 as is."""
    write_atomic(path, (json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
