"""The audit's page: one static HTML file in French, charts as inline SVG, no script.

Its Content Security Policy allows nothing but its own style sheet (by hash): the page holds
citizens' and agents' texts, anonymised, and must not load or run anything.
"""

import base64
import hashlib
import heapq
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from harness.audit._chunk import Record
from harness.files import write_atomic

REPORT = "index.html"
TOP_RULES = 10
EXAMPLES = 5

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1e1e1e}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse}td,th{padding:.25rem .5rem;border-bottom:1px solid #eee;
text-align:left;vertical-align:top}
.num{text-align:right}.reply{white-space:pre-wrap;background:#f6f6f6;padding:.5rem;margin:.25rem 0}
svg text{font-size:11px;fill:#1e1e1e}.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")


def _bars(title: str, counts: Sequence[tuple[str, float]], unit: str = "") -> str:
    """A horizontal bar chart: one labelled bar per (label, value)."""
    height = 18 * len(counts) + 30
    top = max((value for _, value in counts), default=0) or 1
    parts = [
        f'<svg role="img" aria-label="{_e(title)}" width="560" height="{height}"'
        f' viewBox="0 0 560 {height}"><title>{_e(title)}</title>'
        f'<text x="0" y="12" font-weight="bold">{_e(title)}</text>'
    ]
    for row, (label, value) in enumerate(counts):
        y = 22 + 18 * row
        width = 300 * value / top
        shown = f"{value:g}{unit}".replace(".", ",")
        parts.append(
            f'<text x="0" y="{y + 12}">{_e(label[:34])}</text>'
            f'<rect x="200" y="{y + 2}" width="{width:.1f}" height="13" fill="#000091"/>'
            f'<text x="{206 + width:.1f}" y="{y + 12}">{_e(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _bin(value: float) -> int:
    """Which of ten bins over 0–1 holds ``value``."""
    return min(int(value * 10), 9)


def _histogram(title: str, bins: Sequence[int]) -> str:
    """Ten bins over 0–1, given their counts."""
    top = max(bins) or 1
    parts = [
        f'<svg role="img" aria-label="{_e(title)}" width="320" height="170"'
        f' viewBox="0 0 320 170"><title>{_e(title)}</title>'
        f'<text x="0" y="12" font-weight="bold">{_e(title)} ({sum(bins)} réponses)</text>'
    ]
    for index, count in enumerate(bins):
        height = 120 * count / top
        x = 10 + 30 * index
        parts.append(
            f'<rect x="{x}" y="{140 - height:.1f}" width="26" height="{height:.1f}" fill="#000091">'
            f"<title>{_number(index / 10, 1)}–{_number((index + 1) / 10, 1)} : {count}</title>"
            f'</rect><text x="{x}" y="156">{_number(index / 10, 1)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _heatmap(title: str, rules: Sequence[str], columns: Sequence[str], rate: Any) -> str:
    """Violations per 100 replies, rule by column (service, month): darker is more."""
    cell_w, cell_h, left, top_margin = 44, 18, 110, 80
    width = left + cell_w * len(columns) + 10
    height = top_margin + cell_h * len(rules) + 10
    peak = max((rate(r, c) for r in rules for c in columns), default=0) or 1
    parts = [
        f'<svg role="img" aria-label="{_e(title)}" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}"><title>{_e(title)}</title>'
        f'<text x="0" y="12" font-weight="bold">{_e(title)}</text>'
    ]
    for index, column in enumerate(columns):
        x = left + cell_w * index + cell_w / 2
        parts.append(
            f'<text x="{x}" y="{top_margin - 6}" transform="rotate(-45 {x} {top_margin - 6})">'
            f"{_e(column[:16])}</text>"
        )
    for row, rule in enumerate(rules):
        y = top_margin + cell_h * row
        parts.append(f'<text x="0" y="{y + 13}">{_e(rule)}</text>')
        for index, column in enumerate(columns):
            value = rate(rule, column)
            shade = 0.08 + 0.92 * value / peak if value else 0.0
            parts.append(
                f'<rect x="{left + cell_w * index}" y="{y}" width="{cell_w - 2}"'
                f' height="{cell_h - 2}" fill="#000091" fill-opacity="{shade:.2f}">'
                f"<title>{_e(rule)} · {_e(column)} : {_number(value, 1)} pour 100 réponses"
                "</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _example(record: Record) -> str:
    rules = Counter(v["rule"] for v in record["violations"])
    found = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in sorted(rules.items()))
    personal = ", ".join(record["personal_data"]) or "aucune"
    return (
        f"<article><h3>{_e(record['title'])}</h3>"
        f"<p>{_e(record['service'])} · {_e(record['month'] or 'date inconnue')} · expérience"
        f" {_e(record['id'])} · ensemble {_number(record['overall'])} · ton"
        f" {_number(record['tone'])} · concision {_number(record['conciseness'])}</p>"
        f'<div class="reply">{_e(record["reply"])}</div>'
        f"<p>Règles enfreintes : {_e(found or 'aucune')}. Données personnelles retirées de la"
        f" réponse : {_e(personal)}.</p></article>"
    )


_MEANS = ("overall", "tone", "conciseness", "readability")


class _Tally:
    """What the page shows, added up one record at a time, so that an audit of any size is
    summarised in little memory."""

    def __init__(self) -> None:
        self.total = 0
        self.rules: Counter[str] = Counter()
        self.replies = {"service": Counter[str](), "month": Counter[str]()}
        """Replies per service and per month."""
        self.found = {"service": Counter[tuple[str, str]](), "month": Counter[tuple[str, str]]()}
        """Violations per (rule, service) and per (rule, month)."""
        self.personal: Counter[str] = Counter()
        self.with_personal = 0
        self.sums: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.bins = {key: [0] * 10 for key in _MEANS}
        # The EXAMPLES worst and best by (overall, position in the corpus), as a stable sort on
        # the score would rank them; heaps keep no more than that.
        self.worst: list[tuple[float, int, Record]] = []
        self.best: list[tuple[float, int, Record]] = []

    def add(self, record: Record) -> None:
        self.total += 1
        rules = [v["rule"] for v in record["violations"]]
        self.rules.update(rules)
        for key in ("service", "month"):
            column = record[key] or "inconnu"
            self.replies[key][column] += 1
            self.found[key].update((rule, column) for rule in rules)
        self.personal.update(record["personal_data"])
        self.with_personal += bool(record["personal_data_count"])
        for key in _MEANS:
            value = record[key]
            if value is not None:
                self.sums[key] += value
                self.counts[key] += 1
                share = min(max(value / 100, 0.0), 1.0) if key == "readability" else value
                self.bins[key][_bin(share)] += 1
        overall = record["overall"]
        if overall is not None:
            heapq.heappush(self.worst, (-overall, -self.total, record))
            heapq.heappush(self.best, (overall, self.total, record))
            for heap in (self.worst, self.best):
                if len(heap) > EXAMPLES:
                    heapq.heappop(heap)

    def mean(self, key: str, digits: int = 2) -> str:
        return _number(self.sums[key] / self.counts[key] if self.counts[key] else None, digits)

    def rates(self, key: str) -> tuple[list[str], Any]:
        """The columns of ``key`` (service or month) and violations per 100 replies of a rule."""
        replies, found = self.replies[key], self.found[key]

        def rate(rule: str, column: str) -> float:
            return 100 * found[rule, column] / replies[column] if replies[column] else 0.0

        return sorted(replies), rate


def render_report(records: Iterable[Record], manifest: dict[str, Any]) -> str:
    """The audit page for these records, read once, in corpus order."""
    tally = _Tally()
    for record in records:
        tally.add(record)
    total = tally.total
    top = [rule for rule, _ in tally.rules.most_common(TOP_RULES)]
    services, per_service = tally.rates("service")
    months, per_month = tally.rates("month")
    personal = tally.personal
    with_personal = tally.with_personal
    corpus = manifest.get("corpus", {})
    guide = manifest.get("styleguide", {})

    summary = [
        ("Réponses auditées", f"{total}"),
        ("Score d’ensemble moyen (ton, concision)", tally.mean("overall")),
        ("Ton moyen", tally.mean("tone")),
        ("Concision moyenne", tally.mean("conciseness")),
        ("Lisibilité moyenne", tally.mean("readability", 0)),
        (
            "Infractions par réponse",
            _number(sum(tally.rules.values()) / total if total else None),
        ),
        (
            "Réponses contenant des données personnelles",
            f"{with_personal} ({_number(100 * with_personal / total if total else None, 1)} %)",
        ),
        ("Réponses non notées", f"{total - tally.counts['overall']}"),
    ]
    histograms = "".join(
        _histogram(label, tally.bins[key])
        for key, label in (("overall", "Ensemble"), ("tone", "Ton"), ("conciseness", "Concision"))
    )
    body = [
        "<h1>Audit des réponses des agents</h1>",
        f"<p>Corpus {_e(corpus.get('name', '?'))}"
        f" (sha256 {_e(str(corpus.get('sha256', ''))[:12])}),"
        f" guide de style {_e(guide.get('version', '?'))}. Les textes sont anonymisés ; les"
        " réponses sont évaluées sans faits clés : ton, concision, lisibilité et données"
        " personnelles.</p>",
        "<h2>Synthèse</h2><table>",
        *(f'<tr><th>{_e(k)}</th><td class="num">{_e(v)}</td></tr>' for k, v in summary),
        "</table>",
        "<h2>Règles les plus enfreintes</h2>",
        _bars(
            "Infractions pour 100 réponses",
            [(rule, round(100 * tally.rules[rule] / total, 1)) for rule in top],
        ),
        _heatmap("Par service (pour 100 réponses)", top, services, per_service),
        _heatmap("Par mois (pour 100 réponses)", top, months, per_month),
        "<h2>Distribution des scores</h2>",
        f'<div class="charts">{histograms}',
        _histogram("Lisibilité (÷ 100)", tally.bins["readability"]),
        "</div>",
        "<h2>Données personnelles laissées dans les réponses</h2>",
        _bars("Réponses par type de donnée", sorted(personal.items(), key=lambda kv: -kv[1]))
        if personal
        else "<p>Aucune.</p>",
        "<h2>Les moins bonnes réponses</h2>",
        *(_example(r) for _, _, r in sorted(tally.worst, reverse=True)),
        "<h2>Les meilleures réponses</h2>",
        *(_example(r) for _, _, r in sorted(tally.best, reverse=True)),
    ]
    digest = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
    policy = f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="referrer" content="no-referrer">'
        "<title>Audit des réponses</title>"
        f"<style>{_STYLE}</style></head><body>" + "\n".join(body) + "</body></html>\n"
    )


def write_report(out: Path) -> Path:
    """Write ``out/index.html`` from the audit's chunks; its path."""
    import json

    from harness.audit._run import MANIFEST, iter_audit

    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    path = out / REPORT
    write_atomic(path, render_report(iter_audit(out), manifest))
    return path
