"""Scoring many replies at once, overall, configuration and the contrastive acceptance checks."""

from pathlib import Path

import pytest

from harness.errors import InputError
from harness.scoring import (
    OVERALL,
    Score,
    ScoringConfig,
    default_scorers,
    load_scoring_config,
    overall_score,
    score_replies,
)
from tests.scoring.cases import CAF, CASES, CPAM

REPO = Path(__file__).resolve().parents[2]
VARIANTS = (
    "good",
    "paraphrase",
    "pompous",
    "jargon",
    "rude",
    "wrong_fact",
    "missing_facts",
    "invented",
    "padded",
)


@pytest.fixture(scope="module")
def scored() -> dict[tuple[str, str], dict[str, Score]]:
    keys = [(case.item.id, v) for case in CASES for v in VARIANTS]
    results = score_replies(
        [case.item for case in CASES for _ in VARIANTS],
        [getattr(case, v) for case in CASES for v in VARIANTS],
    )
    return dict(zip(keys, results, strict=True))


def value(
    scored: dict[tuple[str, str], dict[str, Score]], item: str, variant: str, criterion: str
) -> float:
    found = scored[(item, variant)][criterion].value
    assert found is not None, scored[(item, variant)][criterion].explanation
    return found


@pytest.mark.parametrize(
    ("criterion", "worse"),
    [
        ("tone", ("pompous", "jargon", "rude")),
        ("accuracy", ("wrong_fact", "missing_facts", "invented")),
        ("conciseness", ("padded",)),
    ],
)
def test_each_criterion_ranks_the_good_reply_above_its_contrastive_rewrites(
    scored: dict[tuple[str, str], dict[str, Score]], criterion: str, worse: tuple[str, ...]
) -> None:
    pairs = [(case.item.id, variant) for case in CASES for variant in worse]
    right = [
        (item, variant)
        for item, variant in pairs
        if value(scored, item, "good", criterion) > value(scored, item, variant, criterion)
    ]
    assert len(right) / len(pairs) >= 0.95, sorted(set(pairs) - set(right))


def test_a_faithful_paraphrase_scores_within_a_tenth_of_the_good_reply_on_accuracy(
    scored: dict[tuple[str, str], dict[str, Score]],
) -> None:
    close = [
        case.item.id
        for case in CASES
        if abs(
            value(scored, case.item.id, "good", "accuracy")
            - value(scored, case.item.id, "paraphrase", "accuracy")
        )
        <= 0.1
    ]
    assert len(close) / len(CASES) >= 0.8


def test_each_reply_in_a_batch_is_scored_against_its_own_item() -> None:
    matched = score_replies([CAF.item, CPAM.item], [CAF.good, CPAM.good])
    swapped = score_replies([CAF.item, CPAM.item], [CPAM.good, CAF.good])
    assert [r["accuracy"].value for r in matched] == [1.0, 1.0]
    for right, wrong in zip(matched, swapped, strict=True):
        assert right["accuracy"].value is not None and wrong["accuracy"].value is not None
        assert wrong["accuracy"].value < right["accuracy"].value - 0.5


def test_every_result_has_the_three_criteria_and_overall() -> None:
    (result,) = score_replies([CAF.item], [CAF.good])
    assert set(result) == {"tone", "accuracy", "conciseness", OVERALL}
    assert result[OVERALL].value is not None


def test_a_failing_scorer_gives_unscored_with_the_error_and_the_others_still_score() -> None:
    class Broken:
        name = "broken"
        version = "0"

        def __call__(self, item: object, reply: str) -> Score:
            raise RuntimeError("boom")

    (result,) = score_replies(
        [CAF.item], [CAF.good], [*default_scorers(), Broken()], weights={"accuracy": 1}
    )
    assert result["broken"].value is None and "boom" in result["broken"].explanation
    assert result[OVERALL].value == result["accuracy"].value


def test_the_default_scorers_carry_the_config_hash_in_their_versions() -> None:
    names = [s.name for s in default_scorers()]
    assert names == ["tone", "accuracy", "conciseness"]
    config = ScoringConfig()
    other = config.model_copy(
        update={"overall": config.overall.model_copy(update={"weights": {"tone": 1.0}})}
    )
    assert default_scorers(config)[0].version != default_scorers(other)[0].version


def test_overall_is_the_weighted_mean_and_unscored_when_a_weighted_criterion_is() -> None:
    scores = {
        "tone": Score(value=0.5, explanation=""),
        "accuracy": Score(value=1.0, explanation=""),
    }
    assert overall_score(scores, {"tone": 1, "accuracy": 3}).value == 0.875
    assert overall_score(scores, {"tone": 1, "accuracy": 3, "extra": 0}).value == 0.875
    missing = overall_score(
        {**scores, "conciseness": Score.unscored("no lint")}, {"tone": 1, "conciseness": 1}
    )
    assert missing.value is None and "no lint" in missing.explanation


def test_the_shipped_scoring_yaml_holds_the_documented_defaults() -> None:
    assert load_scoring_config(REPO / "scoring.yaml") == ScoringConfig()


def test_a_missing_scoring_yaml_gives_the_defaults(tmp_path: Path) -> None:
    assert load_scoring_config(tmp_path / "scoring.yaml") == ScoringConfig()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("overall: [1\n", "not valid YAML"),
        ("tone:\n  colour: red\n", "tone.colour: unknown field"),
        ("overall:\n  weights: {tone: -1}\n", "non-negative"),
        # Filler phrases are the style guide's list now (styleguide/lexicons/filler.tsv).
        ("conciseness:\n  filler: ['sachez que']\n", "conciseness.filler: unknown field"),
    ],
)
def test_a_malformed_scoring_yaml_names_the_file_and_the_problem(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "scoring.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"scoring\.yaml") as error:
        load_scoring_config(path)
    assert message in str(error.value)
