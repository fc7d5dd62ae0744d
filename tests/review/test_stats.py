"""Review statistics recover planted preferences; scipy and krippendorff are the references."""

import math
from pathlib import Path

import numpy as np
import pytest
import scipy.optimize

from harness.review import (
    bradley_terry,
    krippendorff_alpha,
    load_plan,
    review_results,
)
from tests.review.panel import make_plan, simulate

TRUTH = {"run-a/alpha": 1.0, "run-a/beta": 0.0, "run-b/gamma": -1.0}


@pytest.fixture
def panel(tmp_path: Path):  # type: ignore[no-untyped-def]
    make_plan(tmp_path / "review", models=tuple(TRUTH), items=40, per_pair=3, panel=6)
    plan = load_plan(tmp_path / "review")
    return plan, [v for _, v in simulate(plan, TRUTH, seed=3, noise=0.3)]


def test_a_planted_panel_is_recovered(panel) -> None:  # type: ignore[no-untyped-def]
    plan, verdicts = panel
    results = review_results(plan, verdicts)
    assert results.verdicts == results.planned == 40 * 3 * 3
    assert [s.candidate for s in results.strengths] == list(TRUTH)
    fitted = {s.candidate: s.log_strength for s in results.strengths}
    for strength in results.strengths:
        assert strength.low < strength.log_strength < strength.high < strength.low + 1
    assert fitted["run-a/alpha"] - fitted["run-b/gamma"] == pytest.approx(2.0, abs=0.3)
    alpha_beta = next(p for p in results.pairs if (p.a, p.b) == ("run-a/alpha", "run-a/beta"))
    expected = 1 / (1 + math.exp(-1.0))
    rate = alpha_beta.win_rate
    assert rate.low is not None and rate.high is not None
    assert rate.low <= expected <= rate.high
    assert alpha_beta.a_wins + alpha_beta.b_wins == rate.n == 120
    sends = {c.candidate: c.send_as_is.mean for c in results.candidates}
    assert sends == {"run-a/alpha": 1.0, "run-a/beta": 0.0, "run-b/gamma": 0.0}
    # Ratings follow the rank with a little noise: reviewers agree well but not perfectly.
    assert 0.6 < (results.agreement["tone"] or 0) < 1.0


def test_choices_made_at_random_show_no_agreement(tmp_path: Path) -> None:
    make_plan(tmp_path / "review", items=60, per_pair=3, panel=3)
    plan = load_plan(tmp_path / "review")
    verdicts = [v for _, v in simulate(plan, {"run-a/alpha": 0.0, "run-b/beta": 0.0}, seed=1)]
    alpha = review_results(plan, verdicts).agreement["choice"]
    assert alpha is not None and abs(alpha) < 0.15


def test_bradley_terry_is_the_maximum_likelihood_fit() -> None:
    names = ["a", "b", "c"]
    games = [("a", "b", 1.0)] * 7 + [("a", "b", 0.0)] * 3 + [("b", "c", 1.0)] * 6
    games += [("b", "c", 0.5)] * 2 + [("c", "a", 1.0)] * 2 + [("c", "a", 0.0)] * 5
    # The fit adds one tie per pair that met; the reference sees the same games.
    reference_games = games + [(a, b, 0.5) for a, b in (("a", "b"), ("b", "c"), ("c", "a"))]
    index = {n: i for i, n in enumerate(names)}

    def negative_log_likelihood(theta: np.ndarray) -> float:
        total = 0.0
        for a, b, score in reference_games:
            d = theta[index[a]] - theta[index[b]]
            total -= score * -np.logaddexp(0, -d) + (1 - score) * -np.logaddexp(0, d)
        return total

    best = scipy.optimize.minimize(negative_log_likelihood, np.zeros(3), method="BFGS").x
    best -= best.mean()
    fit = bradley_terry(names, games)
    assert [fit[n] for n in names] == pytest.approx(list(best), abs=1e-4)


def test_a_model_that_never_wins_keeps_a_finite_strength() -> None:
    fit = bradley_terry(["a", "b"], [("a", "b", 1.0)] * 5)
    assert math.isfinite(fit["b"]) and fit["a"] > fit["b"]


def test_alpha_matches_krippendorffs_worked_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal data of 3
    # observers on 15 units: alpha = 0.691.
    table = [
        [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
        [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
        [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4],
    ]
    rows = {
        f"r{n}": {unit: float(v) for unit, v in enumerate(row) if v is not None}
        for n, row in enumerate(table)
    }
    assert krippendorff_alpha(rows, "nominal") == pytest.approx(0.691, abs=1e-3)


def test_alpha_is_none_when_no_comparison_was_seen_twice() -> None:
    assert krippendorff_alpha({"r1": {1: 1.0}, "r2": {2: 2.0}}, "nominal") is None
