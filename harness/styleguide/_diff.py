"""What a change to the style guide does: the violations each text gains or loses."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from harness.styleguide._lint import apply
from harness.styleguide._load import StyleGuide
from harness.styleguide._model import Violation
from harness.text import analyse


@dataclass(frozen=True)
class TextChange:
    """The violations one text gains and loses between two versions of the guide."""

    id: str
    """The text's id (a gold item id)."""
    gained: tuple[Violation, ...]
    """Found by the new guide only."""
    lost: tuple[Violation, ...]
    """Found by the old guide only."""
    errors_before: int
    """Error-severity violations under the old guide."""
    errors_after: int
    """Error-severity violations under the new guide."""


@dataclass(frozen=True)
class GuideDiff:
    """The effect of replacing one style guide by another on a set of texts."""

    old: StyleGuide
    """The guide before the change."""
    new: StyleGuide
    """The guide after the change."""
    texts: int
    """How many texts were linted."""
    changes: tuple[TextChange, ...]
    """Texts whose violations differ, in input order."""

    def per_rule(self) -> dict[str, tuple[int, int]]:
        """Rule id → (violations gained, violations lost), sorted by rule id."""
        gained = Counter(v.rule for change in self.changes for v in change.gained)
        lost = Counter(v.rule for change in self.changes for v in change.lost)
        return {rule: (gained[rule], lost[rule]) for rule in sorted(gained.keys() | lost.keys())}


def diff_guides(old: StyleGuide, new: StyleGuide, texts: Sequence[tuple[str, str]]) -> GuideDiff:
    """Lint ``(id, text)`` pairs under both guides (one spaCy pass) and compare."""
    changes = []
    for (text_id, _), analysis in zip(texts, analyse([text for _, text in texts]), strict=True):
        before = apply(analysis, old, old.rules)
        after = apply(analysis, new, new.rules)
        old_keys = {_key(v) for v in before.violations}
        new_keys = {_key(v) for v in after.violations}
        gained = tuple(v for v in after.violations if _key(v) not in old_keys)
        lost = tuple(v for v in before.violations if _key(v) not in new_keys)
        if gained or lost:
            changes.append(TextChange(text_id, gained, lost, before.errors, after.errors))
    return GuideDiff(old, new, len(texts), tuple(changes))


def _key(violation: Violation) -> tuple[str, str, int, int, str]:
    return violation.rule, violation.severity, violation.start, violation.end, violation.message
