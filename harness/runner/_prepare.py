"""Each item's prompt, built when a model needs it."""

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from harness.gold import GoldItem, GoldSet, anonymised_many
from harness.models import ChatMessage, payload_sha256, screen
from harness.prompts import ExampleSelector, PromptTemplate, reply_variables
from harness.runner._spec import RunSpec

Mode = Literal["chat", "completion"]
_BATCH = 64
"""Remote prompts built together: spaCy reads the texts of this many items in one batch."""
_KEPT = 1024
"""Remote prompts kept until asked for: the run's other remote models want the same ones."""


class Prepared(NamedTuple):
    """What one model is sent for one item."""

    payload: list[ChatMessage] | str
    """Chat messages, or a completion-mode text."""
    sha256: str
    """Its hash (``payload_sha256``), recorded in ``samples.jsonl``."""


class PromptMaker:
    """Builds the prompts of one run, for local or for remote models.

    Examples are chosen on this machine from the gold set as it is; remote models then get
    anonymised copies of the item and of its examples only, which spares the named-entity
    recogniser every item no prompt shows. Remote prompts are built ``_BATCH`` items at a time,
    in the order ``expect`` gave, so that spaCy reads many texts at once.
    """

    def __init__(
        self,
        template: PromptTemplate,
        gold: GoldSet,
        spec: RunSpec,
        *,
        remote: bool,
        screened: bool = True,
    ) -> None:
        self.template = template
        # Off on Ray, where the guard analyses each prompt in the endpoint's process anyway.
        self._screened = screened
        self._gold = gold
        self._spec = spec
        self._remote = remote
        self._selector: ExampleSelector | None = None
        self._views: dict[str, GoldItem] = {}
        self._order: dict[Mode, list[GoldItem]] = {}
        self._position: dict[Mode, dict[str, int]] = {}
        self._ready: OrderedDict[tuple[str, Mode], Prepared] = OrderedDict()

    def expect(self, items: Sequence[GoldItem], mode: Mode) -> None:
        """Say which items a model of ``mode`` will ask for, in order, and build the first prompt
        now: a template that cannot render fails before any call.

        Raises:
            UsageError: a variable does not match its schema in the prompt's manifest.
            InputError: a template fails while rendering (file and line named).
        """
        self._order[mode] = list(items)
        self._position[mode] = {item.id: index for index, item in enumerate(items)}
        if items:
            self.prepare(items[0], mode)

    def variables(self, item: GoldItem) -> dict[str, Any]:
        """The template's variables for ``item``, its examples chosen, anonymised for remote."""
        examples = self._examples(item)
        if self._remote:
            self._anonymise([item, *examples])
        return self._variables(item, examples)

    def prepare(self, item: GoldItem, mode: Mode) -> Prepared:
        """What a model of ``mode`` is sent for ``item``.

        Raises:
            UsageError: a variable does not match its schema in the prompt's manifest.
            InputError: a template fails while rendering (file and line named).
        """
        if not self._remote:
            return self._build(item, self._examples(item), mode)
        if (ready := self._ready.get((item.id, mode))) is None:
            position = self._position.get(mode, {}).get(item.id)
            batch = [item]
            if position is not None:
                following = self._order[mode][position + 1 : position + _BATCH]
                batch += [i for i in following if (i.id, mode) not in self._ready]
            self._prepare_remote(batch, mode)
            ready = self._ready[item.id, mode]
        return ready

    def _prepare_remote(self, items: list[GoldItem], mode: Mode) -> None:
        """Anonymise the items and their examples together, build their prompts, and have the
        personal-data guard analyse them together (unless ``screened`` is off)."""
        examples = {item.id: self._examples(item) for item in items}
        self._anonymise([i for item in items for i in [item, *examples[item.id]]])
        made = [self._build(item, examples[item.id], mode) for item in items]
        if self._screened:
            screen(*(prepared.payload for prepared in made))
        for item, prepared in zip(items, made, strict=True):
            self._ready[item.id, mode] = prepared
        while len(self._ready) > _KEPT:
            self._ready.popitem(last=False)

    def _examples(self, item: GoldItem) -> list[GoldItem]:
        if self._selector is None:
            self._selector = ExampleSelector(self._gold.items)
        return self._selector.select(item, self._spec.few_shot)

    def _anonymise(self, items: list[GoldItem]) -> None:
        missing = {item.id: item for item in items if item.id not in self._views}
        self._views.update(zip(missing, anonymised_many(list(missing.values())), strict=True))

    def _shown(self, item: GoldItem) -> GoldItem:
        """The item as the model sees it: for remote models, its copy made by ``_anonymise``."""
        return self._views[item.id] if self._remote else item

    def _variables(self, item: GoldItem, examples: list[GoldItem]) -> dict[str, Any]:
        return reply_variables(
            self._shown(item),
            [self._shown(example) for example in examples],
            include_signoff=self._spec.include_signoff,
            signature=self._spec.signature,
        )

    def _build(self, item: GoldItem, examples: list[GoldItem], mode: Mode) -> Prepared:
        values = self.template.values(self._variables(item, examples))
        payload = self.template.chat(values) if mode == "chat" else self.template.text(values)
        return Prepared(payload, payload_sha256(payload))
