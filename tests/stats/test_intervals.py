"""Intervals: by service only with enough services, by item otherwise; cross-checked with scipy."""

import random

import numpy as np
import pytest
import scipy.stats

from harness import paths
from harness.gold import load_gold
from harness.stats import MIN_CLUSTERS, bootstrap_mean, paired_difference, sign_flip_p_value

# Monte Carlo error of a 2.5 % percentile of 20,000 resamples of a mean whose standard error is
# about 0.03: well under 0.005. The tolerance leaves room for that on both sides.
RESAMPLES = 20_000
TOLERANCE = 0.01


def _services() -> dict[str, str]:
    gold = load_gold(paths.gold_dir() / "services-publics-plus.jsonl")
    return {item.id: item.service for item in gold.items}


def _accuracy(services: dict[str, str], seed: int) -> dict[str, float]:
    """Scores like a good model's accuracy: mostly 1, each service with its own weak spots."""
    rng = random.Random(seed)
    weakness = {s: rng.uniform(0, 0.4) for s in sorted(set(services.values()))}
    return {
        i: 1.0 if rng.random() > weakness[s] else rng.uniform(0, 0.8) for i, s in services.items()
    }


def test_a_subset_with_three_services_is_resampled_by_item_and_the_whole_set_by_service() -> None:
    services = _services()
    assert len(set(services.values())) >= MIN_CLUSTERS
    three = sorted(set(services.values()))[:3]
    subset = {i: s for i, s in services.items() if s in three}
    values = _accuracy(subset, seed=1)
    est = bootstrap_mean(list(values.values()), clusters=list(subset.values()))
    by_item = bootstrap_mean(list(values.values()))
    assert (est.resampled, est.clusters) == ("items", 3)
    assert (est.low, est.high) == (by_item.low, by_item.high)

    values = _accuracy(services, seed=1)
    est = bootstrap_mean(list(values.values()), clusters=list(services.values()))
    assert (est.resampled, est.clusters) == ("clusters", len(set(services.values())))
    by_item = bootstrap_mean(list(values.values()))
    assert (est.low, est.high) != (by_item.low, by_item.high)


def test_the_item_interval_agrees_with_scipy_bootstrap() -> None:
    rng = random.Random(2)
    values = [rng.betavariate(2, 5) for _ in range(40)]
    ours = bootstrap_mean([*values, None], resamples=RESAMPLES, seed=1)
    theirs = scipy.stats.bootstrap(
        (np.array(values),),
        np.mean,
        n_resamples=RESAMPLES,
        method="percentile",
        rng=np.random.default_rng(99),
    ).confidence_interval
    assert ours.unscored == 1 and ours.n == 40
    assert ours.low == pytest.approx(theirs.low, abs=TOLERANCE)
    assert ours.high == pytest.approx(theirs.high, abs=TOLERANCE)


def test_the_cluster_interval_agrees_with_scipy_bootstrap_over_whole_services() -> None:
    services = _services()
    values = _accuracy(services, seed=3)
    ours = bootstrap_mean(
        list(values.values()), clusters=list(services.values()), resamples=RESAMPLES, seed=1
    )
    groups: dict[str, list[float]] = {}
    for item, service in services.items():
        groups.setdefault(service, []).append(values[item])
    members = list(groups.values())

    def mean_of_drawn_services(drawn: np.ndarray) -> float:
        return float(np.mean(np.concatenate([members[int(k)] for k in drawn])))

    theirs = scipy.stats.bootstrap(
        (np.arange(len(members)),),
        mean_of_drawn_services,
        vectorized=False,
        n_resamples=5_000,
        method="percentile",
        rng=np.random.default_rng(99),
    ).confidence_interval
    assert ours.low == pytest.approx(theirs.low, abs=TOLERANCE)
    assert ours.high == pytest.approx(theirs.high, abs=TOLERANCE)


def test_the_paired_interval_and_p_value_agree_with_scipy() -> None:
    rng = random.Random(4)
    a = {str(i): rng.random() for i in range(30)}
    b = {i: v - 0.05 + rng.gauss(0, 0.15) for i, v in a.items()}
    ours = paired_difference(a, b, resamples=RESAMPLES, permutations=20_000, seed=1)
    x, y = np.array(list(a.values())), np.array(list(b.values()))
    theirs = scipy.stats.bootstrap(
        (x - y,), np.mean, n_resamples=RESAMPLES, method="percentile", rng=np.random.default_rng(9)
    ).confidence_interval
    assert ours.low == pytest.approx(theirs.low, abs=TOLERANCE)
    assert ours.high == pytest.approx(theirs.high, abs=TOLERANCE)
    # Swapping a pair's two values is flipping the sign of its difference.
    permuted = scipy.stats.permutation_test(
        (x, y),
        lambda u, v, axis: np.abs(np.mean(u - v, axis=axis)),
        permutation_type="samples",
        vectorized=True,
        n_resamples=20_000,
        alternative="greater",
        rng=np.random.default_rng(9),
    )
    assert ours.p_value is not None
    assert ours.p_value == pytest.approx(permuted.pvalue, abs=0.01)
    assert sign_flip_p_value(list(x[:10] - y[:10]), rng=random.Random(0)) == pytest.approx(
        scipy.stats.permutation_test(
            (x[:10], y[:10]),
            lambda u, v, axis: np.abs(np.mean(u - v, axis=axis)),
            permutation_type="samples",
            vectorized=True,
            alternative="greater",
        ).pvalue
    )


def test_paired_differences_follow_the_same_cluster_rule() -> None:
    services = _services()
    a = _accuracy(services, seed=5)
    b = _accuracy(services, seed=6)
    assert paired_difference(a, b, clusters=services).resampled == "clusters"
    few = {i: s for i, s in services.items() if s in sorted(set(services.values()))[:3]}
    assert (
        paired_difference({i: a[i] for i in few}, {i: b[i] for i in few}, clusters=few).resampled
        == "items"
    )
