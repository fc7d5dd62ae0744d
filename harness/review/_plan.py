"""The review plan: who compares which two replies on which item, and in which positions.

Every pair of candidates (a run's model) is compared on every item by ``per_pair`` reviewers of
the panel, handed out in turn so that each reviewer gets the same number of comparisons give or
take one, and several reviewers see each comparison (their agreement is measured). Left and right
are drawn per comparison and reviewer. Everything is seeded and the seed is kept in the plan.

The plan holds the items and replies as reviewers see them, personal data already replaced, so
that serving a review needs nothing but its folder. Tokens are kept as hashes only.
"""

import hashlib
import itertools
import random
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from harness.errors import PlumeError, UsageError
from harness.files import write_atomic
from harness.gold import GoldItem, anonymised_many, load_gold
from harness.privacy import anonymize_many
from harness.runner import RunManifest, latest_by_key, read_manifest, read_samples

PLAN_FILE = "plan.json"
FORMAT_VERSION = 1


class Candidate(BaseModel):
    """One model of one run: what reviewers compare, never named to them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    """``run_id/model``."""
    run_dir: str
    """Where the run was read from (calibration reads its scores there)."""
    model: str
    """The model's name in the run."""
    prompt: str
    """The prompt the replies were drafted with (``reply@1.0.0``)."""
    replies: dict[str, str]
    """Item id to reply, personal data replaced."""


class Task(BaseModel):
    """One comparison shown to one reviewer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str
    """The gold item's id."""
    left: str
    """The candidate shown as A."""
    right: str
    """The candidate shown as B."""


class Reviewer(BaseModel):
    """A pseudonymous reviewer and their comparisons, in the order they are shown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    """``r01``, ``r02``…"""
    token_sha256: str
    """Hash of the personal link's token."""
    tasks: list[Task]
    """What they review, in order."""


class ReviewPlan(BaseModel):
    """``plan.json`` in a review folder."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format_version: int = FORMAT_VERSION
    """Version of this file's layout."""
    name: str
    """The review folder's name."""
    created_at: datetime
    """When the plan was made (UTC)."""
    seed: int
    """Seed of the assignment and the positions."""
    per_pair: int
    """Reviewers per pair of candidates and item."""
    items: list[GoldItem]
    """The items compared, personal data replaced."""
    candidates: list[Candidate]
    """The replies compared."""
    reviewers: list[Reviewer]
    """The panel."""

    def item(self, item_id: str) -> GoldItem:
        """The item with this id."""
        return next(item for item in self.items if item.id == item_id)

    def candidate(self, name: str) -> Candidate:
        """The candidate with this name."""
        return next(c for c in self.candidates if c.name == name)


def token_hash(token: str) -> str:
    """What the plan keeps of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def assign(
    items: Sequence[str], candidates: Sequence[str], *, per_pair: int, panel: int, seed: int
) -> list[list[Task]]:
    """Each reviewer's comparisons: every pair on every item seen by ``per_pair`` distinct
    reviewers, handed out in turn, positions and order drawn from ``seed``."""
    if not 1 <= per_pair <= panel:
        raise UsageError(
            f"--reviewers {per_pair} per pair needs a panel of at least {per_pair} (--panel)"
        )
    rng = random.Random(seed)
    comparisons = [(item, a, b) for item in items for a, b in itertools.combinations(candidates, 2)]
    rng.shuffle(comparisons)
    queues: list[list[Task]] = [[] for _ in range(panel)]
    turn = 0
    for item, a, b in comparisons:
        for _ in range(per_pair):  # consecutive turns: distinct reviewers since per_pair <= panel
            left, right = (a, b) if rng.random() < 0.5 else (b, a)
            queues[turn % panel].append(Task(item=item, left=left, right=right))
            turn += 1
    for queue in queues:
        rng.shuffle(queue)
    return queues


def _read_run(run_dir: Path) -> tuple[RunManifest, dict[tuple[str, str], str]]:
    manifest = read_manifest(run_dir)
    records = latest_by_key(read_samples(run_dir / "samples.jsonl"))
    return manifest, {key: r.reply for key, r in records.items() if r.reply is not None}


def create_plan(
    name: str,
    run_dirs: Sequence[Path],
    *,
    per_pair: int,
    panel: int,
    seed: int,
    item_ids: Sequence[str] | None = None,
) -> tuple[ReviewPlan, dict[str, str]]:
    """A plan over the items every candidate of ``run_dirs`` replied to, and each reviewer's
    token (shown once, kept nowhere).

    Raises:
        PlumeError: a run cannot be read, the runs used different gold sets, fewer than two
            candidates, no shared item, or an unknown id in ``item_ids``.
    """
    runs = [(path, *_read_run(path)) for path in run_dirs]
    shas = {manifest.gold.sha256 for _, manifest, _ in runs}
    if len(shas) > 1:
        raise UsageError("the runs used different gold sets: compare runs on the same items")
    first = runs[0][1]
    gold = load_gold(Path(first.gold.path))
    if gold.sha256 != first.gold.sha256:
        raise PlumeError(f"{first.gold.path} changed since the runs: their items are not known")
    found = [
        (path, manifest, m.name, replies)
        for path, manifest, replies in runs
        for m in manifest.models
    ]
    if len(found) < 2:
        raise UsageError("a review compares at least two models: give runs with two or more")
    shared = [
        item
        for item in gold.items
        if all((item.id, model) in replies for _, _, model, replies in found)
    ]
    if item_ids is not None:
        unknown = sorted(set(item_ids) - {item.id for item in shared})
        if unknown:
            raise UsageError(f"not replied to by every model: {', '.join(unknown)}")
        shared = [item for item in shared if item.id in set(item_ids)]
    if not shared:
        raise UsageError("no item has a reply from every model")
    items, texts = _anonymised(shared, [[r[(i.id, m)] for i in shared] for *_, m, r in found])
    candidates = [
        Candidate(
            name=f"{manifest.run_id}/{model}",
            run_dir=str(path.resolve()),
            model=model,
            prompt=manifest.prompt,
            replies=dict(zip([i.id for i in items], replies, strict=True)),
        )
        for (path, manifest, model, _), replies in zip(found, texts, strict=True)
    ]
    queues = assign(
        [i.id for i in items],
        [c.name for c in candidates],
        per_pair=per_pair,
        panel=panel,
        seed=seed,
    )
    tokens: dict[str, str] = {}
    reviewers = []
    for number, queue in enumerate(queues, start=1):
        reviewer = f"r{number:02d}"
        tokens[reviewer] = secrets.token_urlsafe(24)
        reviewers.append(
            Reviewer(id=reviewer, token_sha256=token_hash(tokens[reviewer]), tasks=queue)
        )
    plan = ReviewPlan(
        name=name,
        created_at=datetime.now(UTC),
        seed=seed,
        per_pair=per_pair,
        items=items,
        candidates=candidates,
        reviewers=reviewers,
    )
    return plan, tokens


def _anonymised(
    items: list[GoldItem], replies: list[list[str]]
) -> tuple[list[GoldItem], list[list[str]]]:
    """Items and replies with personal data replaced."""
    views = anonymised_many(items)
    known = [[i.experience.pseudonym] if i.experience.pseudonym else [] for i in items]
    flat = [text for texts in replies for text in texts]
    clean = [r.text for r in anonymize_many(flat, known=known * len(replies))]
    width = len(items)
    return views, [clean[n * width : (n + 1) * width] for n in range(len(replies))]


def new_token(plan: ReviewPlan, reviewer: str) -> tuple[ReviewPlan, str]:
    """The plan with a new token for ``reviewer`` (a lost link), and that token; their verdicts
    stay theirs.

    Raises:
        UsageError: no such reviewer.
    """
    if reviewer not in {r.id for r in plan.reviewers}:
        known = ", ".join(r.id for r in plan.reviewers)
        raise UsageError(f"no reviewer {reviewer!r} in {plan.name} (its reviewers: {known})")
    token = secrets.token_urlsafe(24)
    reviewers = [
        r.model_copy(update={"token_sha256": token_hash(token)}) if r.id == reviewer else r
        for r in plan.reviewers
    ]
    return plan.model_copy(update={"reviewers": reviewers}), token


def write_plan(plan: ReviewPlan, review_dir: Path, *, replace: bool = False) -> Path:
    """Write ``plan.json``; an existing review is overwritten only with ``replace``.

    Raises:
        UsageError: the folder already holds a plan.
    """
    path = review_dir / PLAN_FILE
    if path.exists() and not replace:
        raise UsageError(f"{path} exists: a review folder holds one review (choose another --out)")
    review_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(path, plan.model_dump_json(indent=1))
    return path


def load_plan(review_dir: Path) -> ReviewPlan:
    """Read a review folder's plan.

    Raises:
        PlumeError: no plan, or not a plan.
    """
    path = review_dir / PLAN_FILE
    try:
        return ReviewPlan.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError:
        raise PlumeError(
            f"{review_dir} is not a review folder: {PLAN_FILE} is missing "
            "(make one with `plume review create`)"
        ) from None
    except ValidationError:
        raise PlumeError(f"{path}: not a review plan") from None
