"""A gold item as a remote model, a judge or a published report may see it."""

from collections.abc import Sequence

from harness.gold._item import GoldItem
from harness.privacy import anonymize_many


def anonymised(item: GoldItem) -> GoldItem:
    """The item as a remote model may see it: personal data replaced by typed placeholders.

    The pseudonym goes too: platforms let users pick handles that are often their names. The
    reply then greets without it, and the back office can put it back.
    """
    return anonymised_many([item])[0]


def anonymised_many(items: Sequence[GoldItem]) -> list[GoldItem]:
    """``anonymised`` for many items at once: spaCy reads all their texts in one batch."""
    texts: list[str] = []
    known: list[list[str]] = []
    for item in items:
        fields = [item.experience.title, item.experience.text, *item.context, item.reply]
        texts += fields
        known += [[item.experience.pseudonym] if item.experience.pseudonym else []] * len(fields)
    clean = iter(result.text for result in anonymize_many(texts, known=known))
    views = []
    for item in items:
        experience = item.experience.model_copy(
            update={"title": next(clean), "text": next(clean), "pseudonym": None}
        )
        context = [next(clean) for _ in item.context]
        views.append(
            item.model_copy(
                update={"experience": experience, "context": context, "reply": next(clean)}
            )
        )
    return views
