"""Statistics checked on simulated data where the truth is known (fixed seeds: reproducible)."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.stats import (
    ItemSetMismatch,
    bin_scores,
    bootstrap_mean,
    cohen_kappa,
    compare_all,
    holm,
    paired_difference,
    sign_flip_p_value,
    spearman,
)


def test_the_95_percent_interval_covers_the_true_mean_about_95_percent_of_the_time() -> None:
    rng = random.Random(7)
    true_mean = 2 / 7  # mean of Beta(2, 5): skewed, bounded, like a score
    trials = 300
    covered = 0
    for trial in range(trials):
        sample: list[float | None] = [rng.betavariate(2, 5) for _ in range(40)]
        est = bootstrap_mean(sample, resamples=1000, seed=trial)
        assert est.low is not None and est.high is not None
        covered += est.low <= true_mean <= est.high
    assert 0.90 <= covered / trials <= 0.98


def test_the_permutation_test_false_positive_rate_is_near_5_percent() -> None:
    rng = random.Random(11)
    trials = 400
    positives = 0
    for _ in range(trials):
        a = {str(i): rng.random() for i in range(30)}
        b = {i: v + rng.gauss(0, 0.1) for i, v in a.items()}
        c = paired_difference(a, b, resamples=200, permutations=400, seed=rng.randrange(10**6))
        positives += c.p_value is not None and c.p_value < 0.05
    assert 0.02 <= positives / trials <= 0.09


def test_pairing_detects_a_small_consistent_difference_that_unpaired_intervals_miss() -> None:
    rng = random.Random(3)
    difficulty = {str(i): rng.uniform(0.1, 0.9) for i in range(60)}
    a = {i: d + 0.03 + rng.gauss(0, 0.01) for i, d in difficulty.items()}
    b = {i: d + rng.gauss(0, 0.01) for i, d in difficulty.items()}
    paired = paired_difference(a, b, names=("a", "b"))
    assert paired.low is not None and paired.low > 0
    assert paired.p_value is not None and paired.p_value < 0.01
    est_a = bootstrap_mean(list(a.values()))
    est_b = bootstrap_mean(list(b.values()))
    assert est_a.low is not None and est_b.high is not None
    assert est_a.low < est_b.high  # unpaired intervals overlap: no difference visible


def test_different_item_sets_are_refused_with_the_counts_or_compared_on_the_shared_items() -> None:
    a = {"1": 0.5, "2": 0.7, "3": 0.9}
    b = {"2": 0.6, "3": 0.8, "4": 0.1}
    with pytest.raises(ItemSetMismatch, match=r"1 items only in A, 1 only in B, 2 shared"):
        paired_difference(a, b, names=("A", "B"))
    shared = paired_difference(a, b, names=("A", "B"), intersect=True)
    assert shared.n == 2 and shared.intersected and (shared.only_a, shared.only_b) == (1, 1)
    assert shared.mean_difference == pytest.approx(0.1)


def test_unscored_items_are_left_out_and_counted_never_averaged_as_zero() -> None:
    est = bootstrap_mean([1.0, None, 0.5, None])
    assert (est.mean, est.n, est.unscored) == (0.75, 2, 2)
    c = paired_difference({"1": 1.0, "2": None, "3": 0.5}, {"1": 0.5, "2": 0.5, "3": None})
    assert (c.n, c.unscored, c.mean_difference) == (1, 2, 0.5)
    assert bootstrap_mean([None, None]).mean is None


def test_small_samples_get_the_exact_sign_flip_p_value() -> None:
    # Five positive differences: only "all +" and "all −" are as extreme, 2 of 32 sign patterns.
    assert sign_flip_p_value([0.1, 0.2, 0.1, 0.3, 0.2], rng=random.Random(0)) == pytest.approx(
        2 / 32
    )
    assert sign_flip_p_value([0.0, 0.0, 0.0], rng=random.Random(0)) == 1.0


def test_clustered_intervals_are_wider_when_items_of_a_service_move_together() -> None:
    rng = random.Random(5)
    values: list[float | None] = []
    clusters = []
    for service in range(8):
        shift = rng.gauss(0, 0.2)
        for _ in range(15):
            values.append(0.5 + shift + rng.gauss(0, 0.02))
            clusters.append(f"s{service}")
    plain = bootstrap_mean(values)
    clustered = bootstrap_mean(values, clusters=clusters)
    assert plain.low is not None and plain.high is not None
    assert clustered.low is not None and clustered.high is not None
    assert clustered.high - clustered.low > 2 * (plain.high - plain.low)


def test_holm_on_known_values() -> None:
    assert holm([0.01, 0.04, 0.03, None, 0.2]) == pytest.approx([0.04, 0.09, 0.09, None, 0.2])
    assert holm([0.6, 0.9]) == [1.0, 1.0]


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=30))
def test_holm_is_monotone_never_below_the_raw_p_value_and_capped_at_one(ps: list[float]) -> None:
    adjusted = holm(ps)
    for p, q in zip(ps, adjusted, strict=True):
        assert q is not None and p <= q <= 1.0
    in_raw_order = [q for _, q in sorted(zip(ps, adjusted, strict=True))]
    assert in_raw_order == sorted(in_raw_order)  # type: ignore[type-var]


def test_compare_all_covers_every_pair_once_and_adjusts_together() -> None:
    rng = random.Random(1)
    scores = {m: {str(i): rng.random() for i in range(20)} for m in ("x", "y", "z")}
    found = compare_all(scores)
    assert [(c.a, c.b) for c in found] == [("x", "y"), ("x", "z"), ("y", "z")]
    assert all(
        c.p_adjusted is not None and c.p_value is not None and c.p_adjusted >= c.p_value
        for c in found
    )


def test_results_are_reproducible_with_a_seed() -> None:
    a = {str(i): i / 10 for i in range(20)}
    b = {str(i): i / 11 for i in range(20)}
    assert paired_difference(a, b, seed=4) == paired_difference(a, b, seed=4)


def test_spearman_on_known_values_and_ties() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486833, rel=1e-6)
    assert spearman([1, 1, 1], [1, 2, 3]) is None


def test_cohen_kappa_on_known_values() -> None:
    # 2×2 table [[20, 5], [10, 15]]: observed 0.7, chance 0.5, kappa 0.4.
    a = [1] * 25 + [2] * 25
    b = [1] * 20 + [2] * 5 + [1] * 10 + [2] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa([1, 2, 3], [1, 2, 3]) == pytest.approx(1.0)
    near = cohen_kappa([1, 2, 3, 4, 5], [2, 3, 4, 5, 5], weighted=True)
    far = cohen_kappa([1, 2, 3, 4, 5], [5, 1, 4, 2, 3], weighted=True)
    assert near is not None and far is not None and near > far


def test_bin_scores_maps_zero_to_one_onto_five_bins() -> None:
    assert bin_scores([0.0, 0.19, 0.2, 0.5, 0.99, 1.0]) == [1, 1, 2, 3, 5, 5]
