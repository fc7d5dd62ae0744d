"""What a prompt sees of the style guide: its rules and lexicons as plain template data."""

import importlib
from collections.abc import Sequence
from typing import Any, Protocol

from harness.errors import UsageError


class RuleLike(Protocol):
    """What a prompt reads of a style-guide rule."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def category(self) -> Any: ...
    @property
    def severity(self) -> Any: ...
    @property
    def rationale(self) -> str: ...


class LexiconEntryLike(Protocol):
    """What a prompt reads of a lexicon entry."""

    @property
    def term(self) -> str: ...
    @property
    def replacement(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...


class StyleGuideLike(Protocol):
    """The part of ``harness.styleguide.StyleGuide`` that prompts draw on."""

    @property
    def version(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def rules(self) -> Sequence[RuleLike]: ...
    @property
    def lexicon_names(self) -> Sequence[str]: ...
    def lexicon(self, name: str) -> Sequence[LexiconEntryLike]: ...


def _plain(value: Any) -> str:
    # Categories and severities may be enums; templates compare them with plain strings.
    return str(getattr(value, "value", value))


def styleguide_variable(guide: StyleGuideLike) -> dict[str, Any]:
    """The ``styleguide`` template variable: version, hash, rules and every lexicon by name."""
    return {
        "version": guide.version,
        "sha256": guide.sha256,
        "rules": [
            {
                "id": rule.id,
                "title": rule.title,
                "category": _plain(rule.category),
                "severity": _plain(rule.severity),
                "rationale": rule.rationale,
            }
            for rule in guide.rules
        ],
        "lexicons": {
            name: [
                {"term": e.term, "replacement": e.replacement or "", "note": e.note or ""}
                for e in guide.lexicon(name)
            ]
            for name in guide.lexicon_names
        },
    }


def current_styleguide() -> StyleGuideLike:
    """The project's style guide, imported only when a prompt needs it."""
    try:
        module = importlib.import_module("harness.styleguide")
        load = module.load_styleguide
    except (ImportError, AttributeError):
        raise UsageError(
            "this prompt draws on the style guide, but harness.styleguide cannot be loaded"
        ) from None
    guide: StyleGuideLike = load()
    return guide
