"""``plume review results`` as Markdown or as a self-contained HTML page.

The page lists each item's verdicts under an anchor (``#item-<id>``): run reports link there.
"""

from collections.abc import Sequence
from pathlib import Path

from harness.review._stats import ReviewResults
from harness.review._verdict import Verdict
from harness.stats import Estimate
from harness.templating import environment

_TEMPLATES = Path(__file__).parent / "templates"
RESULTS_PAGE = "results.html"
CHOICES = {"left": "A", "right": "B", "equal": "equal", "both_bad": "both unacceptable"}
SENDS = {"as_is": "as is", "after_edit": "after edit", "no": "no"}


def format_estimate(value: Estimate) -> str:
    """``0.70 [0.61, 0.78] n=120``, or ``—`` when nothing was counted."""
    if value.mean is None or value.low is None or value.high is None:
        return "—"
    return f"{value.mean:.2f} [{value.low:.2f}, {value.high:.2f}] n={value.n}"


def _alpha(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def render_markdown(results: ReviewResults) -> str:
    """The results as Markdown tables."""
    lines = [
        f"# Review {results.review}",
        "",
        f"{results.verdicts} verdicts of {results.planned} planned, "
        f"from {results.reviewers} reviewers.",
        "",
        "## Win rates",
        "",
        "| a | b | a's win rate | a wins | b wins | equal | both unacceptable |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in results.pairs:
        lines.append(
            f"| {p.a} | {p.b} | {format_estimate(p.win_rate)} | {p.a_wins} | {p.b_wins} "
            f"| {p.equal} | {p.both_bad} |"
        )
    lines += ["", "## Bradley–Terry strengths (log scale)", "", "| candidate | strength |"]
    lines.append("|---|---|")
    for s in results.strengths:
        lines.append(f"| {s.candidate} | {s.log_strength:+.2f} [{s.low:+.2f}, {s.high:+.2f}] |")
    lines += [
        "",
        "## Replies",
        "",
        "| candidate | would send as is | tone | accuracy | conciseness | edits | median edit |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in results.candidates:
        median = "—" if c.median_edit is None else f"{c.median_edit:g} chars"
        ratings = " | ".join(
            format_estimate(c.ratings[k]) for k in ("tone", "accuracy", "conciseness")
        )
        lines.append(
            f"| {c.candidate} | {format_estimate(c.send_as_is)} | {ratings} | {c.edits} "
            f"| {median} |"
        )
    overall = "—" if results.median_edit is None else f"{results.median_edit:g} characters"
    lines += ["", f"Median edit: {overall}.", "", "## Agreement (Krippendorff's alpha)", ""]
    lines += [f"- {name}: {_alpha(value)}" for name, value in results.agreement.items()]
    return "\n".join(lines) + "\n"


def render_html(results: ReviewResults, verdicts: Sequence[Verdict]) -> str:
    """The results page, with every verdict grouped by item."""
    by_item: dict[str, list[Verdict]] = {}
    for v in verdicts:
        by_item.setdefault(v.item, []).append(v)
    return (
        environment(_TEMPLATES)
        .get_template(RESULTS_PAGE)
        .render(
            results=results,
            by_item=dict(sorted(by_item.items())),
            estimate=format_estimate,
            alpha=_alpha,
            choices=CHOICES,
            sends=SENDS,
        )
    )
