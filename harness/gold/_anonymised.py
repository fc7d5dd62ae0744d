"""A gold item as a remote model, a judge or a published report may see it."""

from harness.gold._item import GoldItem
from harness.privacy import anonymize


def anonymised(item: GoldItem) -> GoldItem:
    """The item as a remote model may see it: personal data replaced by typed placeholders.

    The pseudonym goes too: platforms let users pick handles that are often their names. The
    reply then greets without it, and the back office can put it back.
    """
    known = [item.experience.pseudonym] if item.experience.pseudonym else []

    def clean(text: str) -> str:
        return anonymize(text, known=known).text

    experience = item.experience.model_copy(
        update={
            "title": clean(item.experience.title),
            "text": clean(item.experience.text),
            "pseudonym": None,
        }
    )
    return item.model_copy(
        update={
            "experience": experience,
            "context": [clean(fact) for fact in item.context],
            "reply": clean(item.reply),
        }
    )
