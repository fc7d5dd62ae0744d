"""Auditing one chunk of the corpus: anonymise, lint and score, giving one flat record per reply.

This is the whole of the work; the engines (in-process or Ray) only decide where it runs. A record
holds nothing but anonymised text: personal data found in a reply is counted by type, never kept.
"""

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from harness.gold import Experience, GoldItem, SppRow
from harness.privacy import ENTITY_TYPES

if TYPE_CHECKING:
    from harness.scoring import AnalysedReply

Record = dict[str, Any]

CRITERIA = ("tone", "conciseness")
"""What can be judged without key facts."""
SCORES = (*CRITERIA, "overall")
"""Scores an audit gives: the criteria and their weighted mean."""


_VIOLATION_FIELDS = ("rule", "severity", "category", "start", "end", "excerpt", "message")
"""What a record keeps of each violation (line and column follow from the offsets)."""

_PLACEHOLDER = re.compile(rf"\[(?:{'|'.join(ENTITY_TYPES)})(?:_\d+)?\]")


def _without_placeholders(reply: "AnalysedReply") -> "AnalysedReply":
    """The reply with no violation inside an anonymisation placeholder: « [NOM] » is not the
    agent's wording (the style guide would read it as an acronym)."""
    if reply.lint is None:
        return reply
    spans = [match.span() for match in _PLACEHOLDER.finditer(reply.text)]
    kept = [
        v
        for v in reply.lint.violations
        if not any(start <= v.start and v.end <= end for start, end in spans)
    ]
    lint = reply.lint.model_copy(update={"violations": kept})
    return dataclasses.replace(reply, lint=lint)


def _item(row: SppRow, title: str, text: str, reply: str) -> GoldItem:
    # The agent's reply stands as its own gold reply: conciseness then judges its length against
    # the style guide's bounds alone (the ratio to the gold reply is 1).
    return GoldItem(
        id="audit",
        service=row.service,
        experience=Experience(title=title, text=text, sentiment=row.sentiment, date=row.date),
        reply=reply,
    )


def audit_chunk(rows: Sequence[SppRow]) -> list[Record]:
    """Anonymise, lint and score ``rows``; one record per row, in order.

    The reply is linted and scored once anonymised, so that every offset and excerpt in the record
    points into text that may be shown (a placeholder is not held against it); ``personal_data``
    lists the types of what anonymisation found in the published reply, the citizen's pseudonym
    apart.
    """
    from harness.nlp import get_nlp
    from harness.privacy import anonymize_many
    from harness.scoring import (
        AnalysedScorer,
        analyse_replies,
        default_scorers,
        load_scoring_config,
        overall_score,
    )

    config = load_scoring_config()
    scorers = [
        s for s in default_scorers(config) if isinstance(s, AnalysedScorer) and s.name in CRITERIA
    ]
    weights = {name: config.overall.weights.get(name, 0.0) for name in CRITERIA}

    get_nlp()  # before anonymising: one pipeline for both (harness.nlp)
    known = [[row.pseudonym] if row.pseudonym else [] for row in rows]
    texts = [text for row in rows for text in (row.title, row.text, row.reply)]
    anonymised = anonymize_many(texts, known=[names for names in known for _ in range(3)])
    replies = [anonymised[3 * i + 2].text for i in range(len(rows))]

    records = []
    for i, (row, analysis) in enumerate(zip(rows, analyse_replies(replies), strict=True)):
        analysed = _without_placeholders(analysis)
        title, text, reply = (anonymised[3 * i + k] for k in range(3))
        item = _item(row, title.text, text.text, reply.text)
        scores = {scorer.name: scorer.score(item, analysed) for scorer in scorers}
        scores["overall"] = overall_score(scores, weights)
        lint = analysed.lint
        # The platform publishes the pseudonym and a reply may greet it: replaced, not counted.
        left = [
            e
            for e in reply.entities
            if row.reply[e.start : e.end].casefold() != row.pseudonym.casefold()
        ]
        records.append(
            {
                "row": row.number,
                "id": row.id,
                "service": row.service,
                "date": row.date,
                "month": row.date[:7] if row.date else None,
                "sentiment": row.sentiment,
                "title": title.text,
                "text": text.text,
                "reply": reply.text,
                "personal_data": sorted({e.type for e in left}),
                "personal_data_count": len(left),
                **{name: scores[name].value for name in SCORES},
                "unscored": "; ".join(
                    f"{name}: {scores[name].explanation}"
                    for name in SCORES
                    if scores[name].value is None
                )
                or None,
                "words": lint.metrics.words if lint else None,
                "readability": lint.metrics.readability if lint else None,
                "violations": [
                    v.model_dump(include=set(_VIOLATION_FIELDS))
                    for v in (lint.violations if lint else [])
                ],
            }
        )
    return records


def parquet_schema() -> Any:
    """The columns of an audit's Parquet files (a ``pyarrow.Schema``), fixed so that chunks with
    no value in a column still read as one table."""
    import pyarrow as pa

    violation = pa.struct(
        [
            (name, pa.int64() if name in ("start", "end") else pa.string())
            for name in _VIOLATION_FIELDS
        ]
    )
    return pa.schema(
        [
            ("row", pa.int64()),
            ("id", pa.string()),
            ("service", pa.string()),
            ("date", pa.string()),
            ("month", pa.string()),
            ("sentiment", pa.string()),
            ("title", pa.string()),
            ("text", pa.string()),
            ("reply", pa.string()),
            ("personal_data", pa.list_(pa.string())),
            ("personal_data_count", pa.int64()),
            ("tone", pa.float64()),
            ("conciseness", pa.float64()),
            ("overall", pa.float64()),
            ("unscored", pa.string()),
            ("words", pa.int64()),
            ("readability", pa.float64()),
            ("violations", pa.list_(violation)),
        ]
    )
