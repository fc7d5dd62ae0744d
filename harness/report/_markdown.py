"""``report.md`` and comparisons in Markdown: the verdict, the leaderboard, paired differences and
flagged replies, for a ticket, an e-mail or a wiki page. Texts from citizens and models are
escaped: Markdown renderers pass HTML through."""

import html
import re
from collections.abc import Sequence

from harness.report import _view
from harness.report._judges import JudgeView
from harness.report._pairwise import PairwiseView, describe_pairwise
from harness.report._view import Comparison
from harness.runner import RunManifest, RunResults, SampleRecord

_MARKDOWN = re.compile(r"([\\`*_\[\]|#!~])")


def escape(text: str) -> str:
    """``text`` safe inside a Markdown table cell: on one line, Markdown syntax backslashed and
    HTML turned into entities."""
    return html.escape(_MARKDOWN.sub(r"\\\1", " ".join(text.split())), quote=False)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _verdict(results: RunResults) -> list[str]:
    verdict = _view.verdict(results)
    lines = ["## Verdict", ""]
    if verdict.headline:
        lines += [f"**{escape(verdict.headline)}**", ""]
    lines += [f"- {escape(line)}" for line in verdict.criteria]
    if verdict.scope:
        lines += ["", "What each score can and cannot see:", ""]
        lines += [f"- {escape(line)}" for line in verdict.scope]
    lines += [
        "",
        _row(
            ["candidate", "€ per 1,000 replies", "median latency", "p95 latency", "cost of the run"]
        ),
        _row(["---", "---:", "---:", "---:", "---:"]),
    ]
    lines += [
        _row([escape(u.name), u.per_1000, u.p50, u.p95, escape(u.cost)]) for u in verdict.usage
    ]
    return [*lines, "", escape(verdict.basis), "", escape(verdict.method)]


def _leaderboard(results: RunResults, kind: str) -> list[str]:
    criteria = _view.criteria(results)
    lines = [
        "## Leaderboard",
        "",
        _row(["#", kind, *criteria, "errors / items"]),
        _row(["---:", "---", *["---:"] * len(criteria), "---:"]),
    ]
    for rank, (name, res) in enumerate(results.models.items(), start=1):
        cells = []
        for criterion in criteria:
            est = res.scores.get(criterion)
            cell = _view.format_estimate(est)
            if est is not None and est.unscored:
                cell += f" ({est.unscored} unscored)"
            cells.append(cell)
        lines.append(_row([str(rank), escape(name), *cells, f"{res.errors} / {res.items}"]))
    return lines


def _differences(results: RunResults) -> list[str]:
    shown = [
        c
        for c in results.comparisons
        if c.mean_difference is not None and c.low is not None and c.high is not None
    ]
    if not shown:
        return []
    lines = [
        "",
        "## Paired differences",
        "",
        "a − b on the items both were scored on; 95 % paired bootstrap interval; sign-flip "
        "permutation p-value, Holm-corrected across the pairs of one criterion.",
        "",
        _row(["criterion", "a", "b", "n", "a − b", "interval", "p (Holm)", "wins/losses/ties"]),
        _row(["---", "---", "---", "---:", "---:", "---:", "---:", "---:"]),
    ]
    for c in shown:
        assert c.mean_difference is not None and c.low is not None and c.high is not None
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
    return lines


def _judges(judges: Sequence[JudgeView], kind: str) -> list[str]:
    lines: list[str] = []
    for judge in judges:
        lines += ["", f"## Judge {escape(judge.name)} ({escape(judge.model)})", ""]
        if judge.warning:
            lines += [f"> **⚠ {escape(judge.warning)}**", ""]
        header = [f"{c} ({side})" for c in judge.criteria for side in ("automatic", "judge")]
        lines += [_row([kind, *header]), _row(["---", *["---:"] * len(header)])]
        for name, by_criterion in judge.scores.items():
            cells = []
            for c in judge.criteria:
                for est in by_criterion[c]:
                    cell = _view.format_estimate(est)
                    if est is not None and est.unscored:
                        cell += f" ({est.unscored} unscored)"
                    cells.append(cell)
            lines.append(_row([escape(name), *cells]))
        unusable = "; ".join(f"{c} {bad} of {n}" for c, (bad, n) in judge.unusable.items())
        lines += ["", f"Replies without a usable verdict: {unusable}."]
        if judge.failed:
            lines.append(
                f"{judge.failed} calls failed (asked again by the next "
                f"`plume report --judge {escape(judge.name)}`)."
            )
        if judge.not_judged:
            lines.append(f"{judge.not_judged} replies not judged yet.")
        lines += [
            "",
            _row(["canaries", "defect", "faithful", "defective", "outcome"]),
            _row(["---", "---", "---:", "---:", "---"]),
        ]
        lines += [
            _row([r.criterion, escape(r.kind), r.faithful, r.defective, r.outcome])
            for r in judge.canaries
        ]
        lines += [""]
        lines += [
            f"- {check.criterion}: {check.right}/{check.pairs} canary pairs ranked right "
            f"({check.accuracy:.0%}), {check.unusable} without a usable verdict"
            for check in judge.checks
        ]
        lines += ["", f"Versions: {escape(judge.versions)}."]
    return lines


def _pairwise(views: Sequence[PairwiseView]) -> list[str]:
    lines: list[str] = []
    for view in views:
        lines += ["", f"## Pairwise: {escape(view.a)} against {escape(view.b)}", ""]
        if view.warning:
            lines += [f"> **⚠ {escape(view.warning)}**", ""]
        lines += [f"- {escape(line.strip())}" for line in describe_pairwise(view)]
    return lines


def render_markdown(
    manifest: RunManifest,
    results: RunResults,
    records: Sequence[SampleRecord],
    judges: Sequence[JudgeView] = (),
    pairwise: Sequence[PairwiseView] = (),
) -> str:
    """The Markdown report; ``judges`` show each judge's scores beside the automatic ones, with
    its canary check; ``pairwise``, the pairwise judges' win rates between the run's models."""
    banner = _view.banner(manifest.status, results)
    lines = [
        f"# Run {escape(manifest.run_id)}",
        "",
        *([f"> **{escape(banner)}**", ""] if banner else []),
        f"Gold set `{escape(manifest.gold.name)}` ({manifest.gold.items} items), prompt "
        f"`{escape(manifest.prompt)}`, status {manifest.status}.",
        "",
        *_verdict(results),
        "",
        *_leaderboard(results, "model"),
        *_differences(results),
        *_judges(judges, "model"),
        *_pairwise(pairwise),
    ]
    for dimension, groups in _view.breakdowns(results).items():
        lines += [
            "",
            f"## Overall by {dimension}",
            "",
            _row([dimension, *(escape(m) for m in results.models)]),
            _row(["---", *["---:"] * len(results.models)]),
        ]
        for group, by_model in groups:
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


def render_comparison_markdown(comparison: Comparison) -> str:
    """A comparison in Markdown."""
    lines = [
        f"# Comparison of {len(comparison.candidates)} candidates on {comparison.items} items",
        "",
        *(f"> **{escape(note)}**\n" for note in comparison.notes),
        f"Gold set `{escape(comparison.gold.name)}` (sha256 {comparison.gold.sha256[:12]}).",
        "",
        *_verdict(comparison.results),
        "",
        "## Candidates",
        "",
        _row(["candidate", "model", "served as", "prompt", "run", "started (UTC)", "status"]),
        _row(["---", "---", "---", "---", "---", "---", "---"]),
        *(
            _row(
                [
                    escape(c.name),
                    escape(c.model),
                    escape(c.served),
                    escape(c.prompt),
                    escape(c.run_id),
                    c.started.strftime("%Y-%m-%d %H:%M"),
                    c.status,
                ]
            )
            for c in comparison.candidates
        ),
        "",
        *_leaderboard(comparison.results, "candidate"),
        *_differences(comparison.results),
        *_pairwise(comparison.pairwise),
    ]
    return "\n".join(lines) + "\n"
