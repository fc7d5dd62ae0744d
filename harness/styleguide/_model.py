"""The style guide's data: rules as written in the rules file, lexicon entries, and lint results."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

Category = Literal[
    "structure", "length", "lexicon", "syntax", "tone", "commitment", "privacy", "readability"
]
Severity = Literal["error", "warning", "info"]

CATEGORIES: tuple[Category, ...] = (
    "structure",
    "length",
    "lexicon",
    "syntax",
    "tone",
    "commitment",
    "privacy",
    "readability",
)
_SEMVER = r"^\d+\.\d+\.\d+$"


class Examples(BaseModel):
    """Texts that show what a rule means; every one of them runs as a test."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    bad: list[str] = Field(min_length=1)
    """Texts that must trigger the rule."""
    good: list[str] = Field(min_length=1)
    """Texts that must not trigger the rule."""


class Rule(BaseModel):
    """One writing standard: what it checks, why, and with which checker."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    """Public name that writers cite (``SPP-LEX-01``); never reused for another meaning."""
    title: str = Field(min_length=1)
    """One line saying what the rule asks for."""
    category: Category
    """The family the rule belongs to; ``plume lint --rules`` can select by it."""
    severity: Severity
    """``error`` blocks a reply (lint exits 1), ``warning`` asks for a look, ``info`` measures."""
    rationale: str = Field(min_length=1)
    """Why the rule exists, in plain French, for writers."""
    source: str = Field(min_length=1)
    """Where the rule comes from (official text, or ``[convention projet]``)."""
    checker: str = Field(min_length=1)
    """Id of the checker that applies the rule (see ``plume styleguide check``)."""
    params: dict[str, Any] = Field(default_factory=dict)
    """Parameters of the checker; each checker validates its own."""
    examples: Examples
    """Texts that must and must not trigger the rule."""


class ChangelogEntry(BaseModel):
    """What changed in one version of the style guide."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    version: str = Field(pattern=_SEMVER)
    """The version this entry describes."""
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    """Release date (ISO 8601)."""
    changes: list[str] = Field(min_length=1)
    """One line per change, in French, for writers."""


class RulesFile(BaseModel):
    """The whole rules file (``styleguide/rules.yaml``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    version: str = Field(pattern=_SEMVER)
    """Semantic version: major for a removed or redefined rule, minor for a new rule or lexicon
    entries, patch for wording."""
    title: str = Field(min_length=1)
    """The guide's name, shown at the top of the rendered guide."""
    changelog: list[ChangelogEntry] = Field(min_length=1)
    """Newest first; the first entry's version must equal ``version``."""
    rules: list[Rule] = Field(min_length=1)
    """The rules, in the order the rendered guide and lint output use."""


class LexiconEntry(BaseModel):
    """One line of a lexicon file: a term and, for most lexicons, what to write instead."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    term: str = Field(min_length=1)
    """What to look for; variants are separated by `` / `` and ``*`` stands for any one word."""
    replacement: str | None = None
    """The plain alternative, shown as the suggestion (for acronyms: what they stand for)."""
    source: str | None = None
    """Where the entry comes from (source codes of the research notes)."""
    note: str | None = None
    """Context for writers: when the term is fine, what the replacement depends on."""
    instruction: str | None = None
    """What to do when no text replaces the term (« supprimer », « donner la date précise »)."""

    @property
    def suggestion(self) -> str | None:
        """What lint shows: the instruction in parentheses, then the replacement."""
        parts = [f"({self.instruction})"] if self.instruction else []
        if self.replacement:
            parts.append(self.replacement)
        return " / ".join(parts) or None


class ReportedViolation(BaseModel):
    """A violation as ``plume lint --format json`` reports it (the Lint JSON contract)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    rule: str
    """The rule's id."""
    severity: Severity
    """The rule's severity."""
    start: int
    """Character offset of the first character concerned."""
    end: int
    """Character offset just past the last one; ``excerpt == text[start:end]``."""
    line: int
    """Line of ``start``, from 1."""
    column: int
    """Column of ``start`` in characters, from 1."""
    excerpt: str
    """The text concerned."""
    message: str
    """What is wrong, in French, for the writer."""
    suggestion: str | None = None
    """What to write instead, when the guide knows."""


class Violation(ReportedViolation):
    """One place where a text breaks a rule."""

    category: Category
    """The rule's category."""


class TextMetrics(BaseModel):
    """Counts and readability scores of one text."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    characters: int
    """Characters in the text."""
    words: int
    """Words (an elided article counts with its word: « l'usager » is one word)."""
    sentences: int
    """Sentences holding at least one word; ``;`` and ``:`` do not end a sentence."""
    paragraphs: int
    """Blocks of text separated by a blank line."""
    mean_sentence_words: float
    """Average words per sentence (0 for a text without words)."""
    max_sentence_words: int
    """Words in the longest sentence."""
    long_sentences: int
    """Sentences longer than the guide's limit (rule checked by ``sentence_length``)."""
    kandel_moles: float | None
    """Kandel & Moles (French Flesch): higher is easier; None for a text without words."""
    lix: float | None
    """LIX (Björnsson): lower is easier; None for a text without words."""
    rix: float | None
    """RIX (Anderson): long words per sentence; None for a text without words."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def readability(self) -> float | None:
        """The headline readability score: Kandel & Moles."""
        return self.kandel_moles


class LintResult(BaseModel):
    """What lint found in one text."""

    model_config = ConfigDict(frozen=True)

    violations: list[Violation]
    """In text order."""
    metrics: TextMetrics
    """Counts and readability scores."""

    @property
    def errors(self) -> int:
        """How many violations have error severity."""
        return sum(1 for violation in self.violations if violation.severity == "error")


class GuideStamp(BaseModel):
    """Which style guide produced a result."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    version: str
    """The guide's semantic version."""
    sha256: str
    """Hash over its rules file and lexicons."""


class FileReport(BaseModel):
    """What lint found in one input."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    path: str
    """The path as given on the command line (``-`` for standard input)."""
    violations: list[ReportedViolation]
    """In text order; offsets are character offsets into the input."""
    metrics: TextMetrics
    """Counts and readability scores."""


class LintReport(BaseModel):
    """The output of ``plume lint --format json`` (the Lint JSON contract)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    styleguide: GuideStamp
    """The style guide used."""
    files: list[FileReport]
    """One entry per input, in command-line order."""
