"""The templates of a tuned program: the base version's, with new instructions and fixed examples.

The DSPy program never formats its own prompt. It renders these templates, and the export writes
the very same files, so the prompt a tuned program was scored with is the prompt that ships.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import jinja2
import jinja2.meta

from harness.errors import PlumeError
from harness.models import ChatMessage
from harness.prompts import PromptTemplate, RenderedPrompt, untrusted
from harness.prompts._store import COMPLETION_TEMPLATE
from harness.templating import environment

SYSTEM, USER = "system.j2", "user.j2"
STYLEGUIDE = "styleguide"

_DEMOS_HEADER = (
    "{#- Examples chosen by `plume tune`: they replace the examples `plume run` would pick. -#}\n"
)


def _string(text: str) -> str:
    """A Jinja string literal for ``text``, newlines kept as they are so it reads like the text."""
    # Jinja turns a carriage return in template source into a newline: it must travel escaped.
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
    return '"' + escaped + '"'


def _literal(value: Any, indent: str) -> str:
    """``value`` written as a Jinja literal, one key per line for dictionaries."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, Mapping):
        inner = indent + "  "
        lines = [f"{inner}{_string(str(k))}: {_literal(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(lines) + f"\n{indent}}}"
    if isinstance(value, Sequence):
        inner = indent + "  "
        return "[\n" + "\n".join(f"{inner}{_literal(v, inner)}," for v in value) + f"\n{indent}]"
    raise TypeError(f"cannot write {type(value).__name__} into a template")


def demos_block(demos: Sequence[Mapping[str, Any]]) -> str:
    """A ``{% set examples = [...] %}`` block holding the chosen examples, to put on top of a
    template: the rest of the template, unchanged, prints them where it printed its examples."""
    return _DEMOS_HEADER + "{% set examples = " + _literal(list(demos), "") + " %}\n"


def instructions_source(text: str, declared: set[str]) -> str:
    """Instructions as a system template.

    Instructions keep ``{{ service }}`` and the other variables they were given; text that is not
    a valid template over the declared variables (an optimiser may write braces) is kept verbatim.
    """
    env = environment()
    try:
        used = jinja2.meta.find_undeclared_variables(env.parse(text))
    except jinja2.TemplateSyntaxError:
        used = None
    if used is not None and used <= declared:
        return text if text.endswith("\n") else text + "\n"
    if "endraw" not in text:
        return "{% raw %}" + text + "{% endraw %}\n"
    return "".join('{{ "{" }}' if c == "{" else c for c in text) + "\n"


def placeholder_variables(base: PromptTemplate) -> dict[str, Any]:
    """Variables that render the base system template as generic instructions: each item-specific
    text value is its own ``{{ name }}``, so the instructions an optimiser sees stay templates."""
    return base.check_variables(
        {
            "service": "{{ service }}",
            "experience": {
                "title": "{{ experience.title }}",
                "text": "{{ experience.text }}",
                "sentiment": "neutral",
                "pseudonym": "{{ pseudonym }}",
            },
            "context": [],
            "pseudonym": "{{ pseudonym }}",
            "examples": [],
        }
        if {"service", "experience", "context", "pseudonym"} <= set(base.entry.variables)
        else {}
    )


@dataclass(frozen=True)
class ProgramTemplates:
    """The template sources of a program: what the export writes, and what the program renders."""

    base: PromptTemplate
    """The version it starts from (its variables, style guide use and templates)."""
    instructions: str | None = None
    """New instructions (``None``: the base system template, unchanged)."""
    demos: tuple[dict[str, Any], ...] = ()
    """Fixed examples (``service``, ``experience``, ``reply``); none: the run's own examples."""
    sources: dict[str, str] = field(init=False)
    """Template file name → Jinja source."""

    def __post_init__(self) -> None:
        declared = set(self.base.entry.variables) | {STYLEGUIDE}
        sources = {
            name: (self.base.folder / name).read_text(encoding="utf-8")
            for name in (SYSTEM, USER, COMPLETION_TEMPLATE)
            if (self.base.folder / name).is_file()
        }
        if self.instructions is not None:
            sources[SYSTEM] = instructions_source(self.instructions, declared)
        if self.demos:
            for name in (USER, COMPLETION_TEMPLATE):
                if name in sources:
                    sources[name] = demos_block(self.demos) + sources[name]
        object.__setattr__(self, "sources", sources)

    @cached_property
    def uses_styleguide(self) -> bool:
        """Whether any template reads the style guide (the new version then declares it)."""
        return any(
            STYLEGUIDE in jinja2.meta.find_undeclared_variables(self._environment.parse(source))
            for source in self.sources.values()
        )

    @cached_property
    def _environment(self) -> jinja2.Environment:
        # One per program state, which keeps its compiled templates: an optimiser renders the
        # same state for every item, and compiling took most of the time of a render.
        env = environment()
        env.loader = jinja2.DictLoader(self.sources)
        env.finalize = untrusted
        return env

    def render(self, variables: dict[str, Any]) -> RenderedPrompt:
        """Fill the templates in as ``PromptTemplate.render`` fills the exported files in."""
        values = self.base.check_variables(variables)
        if self.uses_styleguide:
            if self.base.styleguide is None:
                raise PlumeError(f"{self.base.ref} does not load the style guide its text uses")
            values[STYLEGUIDE] = self.base.styleguide

        def render(name: str) -> str:
            try:
                return self._environment.get_template(name).render(values)
            except jinja2.TemplateError as error:
                raise PlumeError(f"the tuned {name} cannot render: {error}") from None

        system, user = render(SYSTEM).strip(), render(USER).strip()
        text = render(COMPLETION_TEMPLATE) if COMPLETION_TEMPLATE in self.sources else None
        return RenderedPrompt(
            messages=[
                ChatMessage(role="system", content=system),
                ChatMessage(role="user", content=user),
            ],
            text=text if text is not None else f"{system}\n\n{user}\n",
        )
