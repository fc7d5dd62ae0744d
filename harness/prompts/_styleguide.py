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


def _first(variants: str) -> str:
    return variants.split(" / ")[0].strip()


def styleguide_variable(guide: StyleGuideLike) -> dict[str, Any]:
    """The ``styleguide`` template variable: version, hash, rules, every lexicon by name, and the
    lists prompts cite, ready to print, so that templates filter nothing:

    - ``jargon_pairs``: ``{term, replacement}`` for every jargon entry with a replacement and no
      ``*`` (first spelling and first alternative);
    - ``forbidden_formulas``: the first spelling of every ceremonial formula and vague promise.
    """
    names = set(guide.lexicon_names)
    jargon = guide.lexicon("jargon") if "jargon" in names else []
    formulas = [
        entry
        for name in ("ceremonial", "vague_promises")
        if name in names
        for entry in guide.lexicon(name)
    ]
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
                {
                    "term": e.term,
                    "replacement": e.replacement or "",
                    "instruction": getattr(e, "instruction", None) or "",
                    "note": e.note or "",
                }
                for e in guide.lexicon(name)
            ]
            for name in guide.lexicon_names
        },
        "jargon_pairs": [
            {"term": _first(e.term), "replacement": _first(e.replacement)}
            for e in jargon
            if e.replacement and "*" not in e.term
        ],
        "forbidden_formulas": [_first(e.term) for e in formulas if "*" not in _first(e.term)],
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
