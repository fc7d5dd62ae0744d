"""Agreement between an automatic criterion and human ratings, to calibrate scorers and judges."""

import math
from collections import Counter
from collections.abc import Sequence


def _ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rank correlation (Pearson on tie-averaged ranks); ``None`` when either side is
    constant or there are fewer than two pairs."""
    if len(x) != len(y):
        raise ValueError(f"{len(x)} values against {len(y)}")
    if len(x) < 2:
        return None
    rx, ry = _ranks(x), _ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return None
    return cov / math.sqrt(vx * vy)


def bin_scores(values: Sequence[float], bins: int = 5) -> list[int]:
    """Scores from 0 to 1 in ``bins`` equal bins (1 to ``bins``), to compare with a 1–5 scale."""
    return [min(bins, int(v * bins) + 1) for v in values]


def cohen_kappa(a: Sequence[int], b: Sequence[int], *, weighted: bool = False) -> float | None:
    """Cohen's kappa between two raters' labels; with ``weighted``, linear weights for ordinal
    labels (a 4 against a 5 is a smaller disagreement than a 1 against a 5). ``None`` when the
    chance agreement is already perfect."""
    if len(a) != len(b):
        raise ValueError(f"{len(a)} labels against {len(b)}")
    if not a:
        return None
    labels = sorted(set(a) | set(b))
    span = (labels[-1] - labels[0]) or 1

    def disagreement(x: int, y: int) -> float:
        return abs(x - y) / span if weighted else float(x != y)

    n = len(a)
    observed = sum(disagreement(x, y) for x, y in zip(a, b, strict=True)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[x] * count_b[y] * disagreement(x, y) for x in labels for y in labels) / (
        n * n
    )
    if expected == 0:
        return None
    return 1 - observed / expected
