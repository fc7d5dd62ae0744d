"""``report.md``: the leaderboard, paired differences and flagged replies, for a pull request or
a wiki page. Texts from citizens and models are escaped: Markdown renderers pass HTML through."""

import html
import re
from collections.abc import Sequence

from harness.report import _view
from harness.runner import RunManifest, RunResults, SampleRecord

_MARKDOWN = re.compile(r"([\\`*_\[\]|#!~])")


def escape(text: str) -> str:
    """``text`` safe inside a Markdown table cell: on one line, Markdown syntax backslashed and
    HTML turned into entities."""
    return html.escape(_MARKDOWN.sub(r"\\\1", " ".join(text.split())), quote=False)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(
    manifest: RunManifest, results: RunResults, records: Sequence[SampleRecord]
) -> str:
    """The Markdown report."""
    criteria = _view.criteria(results)
    lines = [
        f"# Run {escape(manifest.run_id)}",
        "",
        f"Gold set `{escape(manifest.gold.name)}` ({manifest.gold.items} items), prompt "
        f"`{escape(manifest.prompt)}`, status {manifest.status}. Means with 95 % bootstrap "
        "intervals; failed or unscored items are counted, never averaged as zero.",
        "",
        "## Leaderboard",
        "",
        _row(["#", "model", *criteria, "errors / items", "cost (€)"]),
        _row(["---:", "---", *["---:"] * len(criteria), "---:", "---:"]),
    ]
    for rank, (name, res) in enumerate(results.models.items(), start=1):
        cells = []
        for criterion in criteria:
            est = res.scores.get(criterion)
            cell = _view.format_estimate(est)
            if est is not None and est.unscored:
                cell += f" ({est.unscored} unscored)"
            cells.append(cell)
        lines.append(
            _row(
                [str(rank), escape(name), *cells, f"{res.errors} / {res.items}", f"{res.cost:.4f}"]
            )
        )
    if results.comparisons:
        lines += [
            "",
            "## Paired differences",
            "",
            "a − b on the items both were scored on; 95 % paired bootstrap interval; sign-flip "
            "permutation p-value, Holm-corrected across the pairs of one criterion.",
            "",
            _row(["criterion", "a", "b", "n", "a − b", "interval", "p (Holm)", "wins/losses/ties"]),
            _row(["---", "---", "---", "---:", "---:", "---:", "---:", "---:"]),
        ]
        for c in results.comparisons:
            if c.mean_difference is None or c.low is None or c.high is None:
                continue
            p = f"{c.p_adjusted:.3g}" if c.p_adjusted is not None else "—"
            lines.append(
                _row(
                    [
                        c.criterion,
                        escape(c.a),
                        escape(c.b),
                        f"{c.n}" + (" (shared items only)" if c.intersected else ""),
                        f"{c.mean_difference:+.3f}",
                        f"[{c.low:+.3f}, {c.high:+.3f}]",
                        f"**{p}**" if c.significant else p,
                        f"{c.wins}/{c.losses}/{c.ties}",
                    ]
                )
            )
    for dimension, groups in results.breakdowns.items():
        lines += [
            "",
            f"## Overall by {dimension}",
            "",
            _row([dimension, *(escape(m) for m in results.models)]),
            _row(["---", *["---:"] * len(results.models)]),
        ]
        for group, by_model in groups.items():
            lines.append(
                _row(
                    [
                        escape(group),
                        *(_view.format_estimate(by_model.get(m)) for m in results.models),
                    ]
                )
            )
    flagged = [
        (record, evidence)
        for record in records
        for score in record.scores.values()
        for evidence in score.evidence
        if evidence.kind in ("contradiction", "invented", "injection")
    ]
    if flagged:
        lines += [
            "",
            "## Invented or contradicted facts",
            "",
            _row(["item", "model", "excerpt", "why"]),
            _row(["---", "---", "---", "---"]),
        ]
        for record, evidence in flagged:
            excerpt = (record.reply or "")[evidence.start : evidence.end]
            lines.append(
                _row(
                    [
                        escape(record.id),
                        escape(record.model),
                        escape(excerpt),
                        escape(evidence.note),
                    ]
                )
            )
    return "\n".join(lines) + "\n"
