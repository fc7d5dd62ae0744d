"""Each item's prompt, built when a model needs it."""

from typing import Any, Literal, NamedTuple

from harness.gold import GoldItem, GoldSet, anonymised
from harness.models import ChatMessage, payload_sha256
from harness.prompts import ExampleSelector, PromptTemplate, reply_variables
from harness.runner._spec import RunSpec

Mode = Literal["chat", "completion"]


class Prepared(NamedTuple):
    """What one model is sent for one item."""

    payload: list[ChatMessage] | str
    """Chat messages, or a completion-mode text."""
    sha256: str
    """Its hash (``payload_sha256``), recorded in ``samples.jsonl``."""


class PromptMaker:
    """Builds the prompts of one run, one item at a time, for local or for remote models.

    Examples are chosen on this machine from the gold set as it is; remote models then get
    anonymised copies of the item and of its examples only, which spares the named-entity
    recogniser every item no prompt shows.
    """

    def __init__(
        self, template: PromptTemplate, gold: GoldSet, spec: RunSpec, *, remote: bool
    ) -> None:
        self.template = template
        self._gold = gold
        self._spec = spec
        self._remote = remote
        self._selector: ExampleSelector | None = None
        self._views: dict[str, GoldItem] = {}

    def variables(self, item: GoldItem) -> dict[str, Any]:
        """The template's variables for ``item``, its examples chosen, anonymised for remote."""
        if self._selector is None:
            self._selector = ExampleSelector(self._gold.items)
        examples = self._selector.select(item, self._spec.few_shot)
        return reply_variables(
            self._view(item),
            [self._view(example) for example in examples],
            include_signoff=self._spec.include_signoff,
            signature=self._spec.signature,
        )

    def prepare(self, item: GoldItem, mode: Mode) -> Prepared:
        """What a model of ``mode`` is sent for ``item``.

        Raises:
            UsageError: a variable does not match its schema in the prompt's manifest.
            InputError: a template fails while rendering (file and line named).
        """
        values = self.template.values(self.variables(item))
        payload = self.template.chat(values) if mode == "chat" else self.template.text(values)
        return Prepared(payload, payload_sha256(payload))

    def _view(self, item: GoldItem) -> GoldItem:
        if not self._remote:
            return item
        if (view := self._views.get(item.id)) is None:
            view = self._views[item.id] = anonymised(item)
        return view
