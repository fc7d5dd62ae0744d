"""How far to trust each automatic score: its agreement with the agents' verdicts.

For every criterion the runs were scored on (judges included, ``tone_judge``…): how often it
prefers the reply the agents preferred, over verdicts with a preference ("equal" and "both
unacceptable" say nothing about which is better), a tie of scores counting half; and Spearman's
correlation between the score and the agents' rating of the same reply (the matching rating, or
the mean of the three for ``overall``).
"""

from collections.abc import Sequence
from pathlib import Path
from statistics import fmean

from pydantic import BaseModel, ConfigDict

from harness.files import write_atomic
from harness.review._plan import ReviewPlan
from harness.review._verdict import CRITERIA, Ratings, Verdict
from harness.runner import latest_by_key, read_samples
from harness.stats import Estimate, bootstrap_mean, spearman

CALIBRATION_FILE = "calibration.json"
JUDGE_SUFFIX = "_judge"


class CriterionCalibration(BaseModel):
    """One automatic criterion against the agents."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion: str
    """The score's name in the runs."""
    prefers_as_agents: Estimate
    """Share of the agents' preferences it shares, with its interval."""
    rating: str
    """The agents' rating it is correlated with (``mean`` of the three for overall scores)."""
    spearman: float | None
    """Rank correlation between the score and that rating, over rated replies."""
    rated: int
    """Replies both scored and rated."""


class Calibration(BaseModel):
    """``calibration.json`` in a review folder."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    review: str
    """The review."""
    criteria: list[CriterionCalibration]
    """Best agreement first."""


def _rating_for(criterion: str) -> str:
    base = criterion.removesuffix(JUDGE_SUFFIX)
    return base if base in CRITERIA else "mean"


def _rating(ratings: Ratings, name: str) -> float:
    if name == "mean":
        return fmean(getattr(ratings, c) for c in CRITERIA)
    return float(getattr(ratings, name))


def read_scores(plan: ReviewPlan) -> dict[tuple[str, str], dict[str, float]]:
    """(candidate, item) → criterion → score, read from the runs the candidates came from."""
    scores: dict[tuple[str, str], dict[str, float]] = {}
    for candidate in plan.candidates:
        records = latest_by_key(read_samples(Path(candidate.run_dir) / "samples.jsonl"))
        for item in candidate.replies:
            record = records.get((item, candidate.model))
            if record is not None:
                scores[candidate.name, item] = {
                    name: s.value for name, s in record.scores.items() if s.value is not None
                }
    return scores


def calibrate(
    plan: ReviewPlan,
    verdicts: Sequence[Verdict],
    scores: dict[tuple[str, str], dict[str, float]],
) -> Calibration:
    """Each criterion's agreement with the verdicts."""
    names = sorted({name for found in scores.values() for name in found})
    found = []
    for criterion in names:
        agrees: list[float] = []
        items: list[str] = []
        automatic: list[float] = []
        human: list[float] = []
        rating = _rating_for(criterion)
        for v in verdicts:
            left = scores.get((v.left, v.item), {}).get(criterion)
            right = scores.get((v.right, v.item), {}).get(criterion)
            for value, given in ((left, v.ratings["left"]), (right, v.ratings["right"])):
                if value is not None:
                    automatic.append(value)
                    human.append(_rating(given, rating))
            if left is None or right is None or v.choice not in ("left", "right"):
                continue
            if left == right:
                agrees.append(0.5)
            else:
                agrees.append(1.0 if (left > right) == (v.choice == "left") else 0.0)
            items.append(v.item)
        found.append(
            CriterionCalibration(
                criterion=criterion,
                prefers_as_agents=bootstrap_mean(agrees, clusters=items, seed=plan.seed),
                rating=rating,
                spearman=spearman(automatic, human),
                rated=len(automatic),
            )
        )
    found.sort(key=lambda c: -(c.prefers_as_agents.mean or 0.0))
    return Calibration(review=plan.name, criteria=found)


def write_calibration(calibration: Calibration, review_dir: Path) -> Path:
    """Write ``calibration.json`` in the review folder; run reports read it there."""
    path = review_dir / CALIBRATION_FILE
    write_atomic(path, calibration.model_dump_json(indent=1))
    return path
