"""The note a review leaves in each run it compares, so that the run's report can link to it."""

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from harness.files import write_atomic
from harness.review._calibration import CALIBRATION_FILE, Calibration
from harness.review._render import RESULTS_PAGE

LINK_FILE = "review.json"


class ReviewLink(BaseModel):
    """``review.json`` in a run directory: the latest review of the run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    review_dir: str
    """The review folder (absolute)."""
    items: list[str]
    """The run's items the review compares."""


def write_link(run_dir: Path, review_dir: Path, items: list[str]) -> None:
    """Leave the note in ``run_dir``."""
    link = ReviewLink(review_dir=str(review_dir.resolve()), items=items)
    write_atomic(run_dir / LINK_FILE, link.model_dump_json(indent=1))


def review_of(run_dir: Path) -> tuple[dict[str, str], Calibration | None]:
    """For a run's report: each reviewed item's address in the review's results page (once
    ``plume review results --format html`` has written it), and the calibration (once
    ``plume calibrate`` has run); empty and ``None`` when there is no review."""
    try:
        link = ReviewLink.model_validate_json((run_dir / LINK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        return {}, None
    review_dir = Path(link.review_dir)
    page = review_dir / RESULTS_PAGE
    addresses = (
        {item: f"{page.as_uri()}#item-{item}" for item in link.items} if page.exists() else {}
    )
    try:
        calibration = Calibration.model_validate_json(
            (review_dir / CALIBRATION_FILE).read_text(encoding="utf-8")
        )
    except (OSError, ValidationError):
        calibration = None
    return addresses, calibration
