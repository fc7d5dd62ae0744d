"""Linting texts against the style guide: one spaCy pass per text, then every selected checker."""

import difflib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from harness.errors import PlumeError, UsageError
from harness.styleguide._load import StyleGuide, load_styleguide
from harness.styleguide._model import CATEGORIES, LintResult, Rule, Violation
from harness.styleguide._readability import measure
from harness.text import MAX_CHARACTERS, Analysis, analyse


def lint(
    text: str,
    guide: StyleGuide | None = None,
    *,
    categories: Collection[str] | None = None,
    rules: Collection[str] | None = None,
) -> LintResult:
    """Check one text against the style guide (by default the bundled one).

    ``categories`` and ``rules`` (rule ids) restrict the rules applied; both may be given.

    Raises:
        UsageError: an unknown category or rule id.
        PlumeError: the text is longer than ``MAX_CHARACTERS``.
    """
    return lint_many([text], guide, categories=categories, rules=rules)[0]


def lint_many(
    texts: Sequence[str],
    guide: StyleGuide | None = None,
    *,
    categories: Collection[str] | None = None,
    rules: Collection[str] | None = None,
) -> list[LintResult]:
    """Check many texts, analysing them with one ``nlp.pipe`` pass; results in input order.

    Raises:
        UsageError: an unknown category or rule id.
        PlumeError: a text is longer than ``MAX_CHARACTERS``.
    """
    for number, text in enumerate(texts, start=1):
        if len(text) > MAX_CHARACTERS:
            raise PlumeError(
                f"text {number} has {len(text):,} characters; lint checks replies of at most"
                f" {MAX_CHARACTERS:,} characters: split it"
            )
    return lint_analyses(analyse(texts), guide, categories=categories, rules=rules)


def lint_analyses(
    analyses: Iterable[Analysis],
    guide: StyleGuide | None = None,
    *,
    categories: Collection[str] | None = None,
    rules: Collection[str] | None = None,
) -> list[LintResult]:
    """Check texts already analysed (:func:`harness.text.analyse`), so that a caller that also
    needs the analysis for itself, as scoring does, runs spaCy once per text.

    Raises:
        UsageError: an unknown category or rule id.
    """
    guide = guide if guide is not None else load_styleguide()
    selected = select_rules(guide, categories=categories, rules=rules)
    return [apply(analysis, guide, selected) for analysis in analyses]


def select_rules(
    guide: StyleGuide,
    *,
    categories: Collection[str] | None = None,
    rules: Collection[str] | None = None,
) -> list[Rule]:
    """The guide's rules restricted to the given categories and rule ids, in file order.

    Raises:
        UsageError: a category or rule id the guide does not know.
    """
    known_ids = [rule.id for rule in guide.rules]
    for wanted, known, what in (
        (categories or (), list(CATEGORIES), "category"),
        (rules or (), known_ids, "rule"),
    ):
        for name in wanted:
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(known)}"
                raise UsageError(f"unknown {what} {name!r}; {hint}")
    return [
        rule
        for rule in guide.rules
        if (categories is None or rule.category in categories)
        and (rules is None or rule.id in rules)
    ]


def apply(analysis: Analysis, guide: StyleGuide, rules: Sequence[Rule]) -> LintResult:
    """Run the rules' checkers on one analysed text."""
    text = analysis.text
    violations: list[Violation] = []
    if text.strip():
        order = {rule.id: number for number, rule in enumerate(rules)}
        for rule in rules:
            for finding in guide.checker(rule.id).check(analysis, guide):
                start = min(max(finding.start, 0), len(text))
                end = min(max(finding.end, start), len(text))
                line, column = analysis.position(start)
                violations.append(
                    Violation(
                        rule=rule.id,
                        severity=rule.severity,
                        category=rule.category,
                        start=start,
                        end=end,
                        line=line,
                        column=column,
                        excerpt=text[start:end],
                        message=finding.message,
                        suggestion=finding.suggestion,
                    )
                )
        violations.sort(key=lambda v: (v.start, v.end, order[v.rule]))
    return LintResult(violations=violations, metrics=measure(analysis, guide.long_sentence_words))


@dataclass(frozen=True)
class ExampleFailure:
    """A rule example that does not behave as the rules file says."""

    rule: str
    """The rule's id."""
    kind: Literal["bad", "good"]
    """``bad``: the rule should have fired and did not; ``good``: it fired and should not."""
    index: int
    """Position of the example in its list, from 0."""
    text: str
    """The example."""
    violations: tuple[Violation, ...]
    """What the rule found in it."""

    def __str__(self) -> str:
        short = " ".join(self.text.split())
        short = short if len(short) <= 70 else short[:69] + "…"
        if self.kind == "bad":
            return f"{self.rule} examples.bad[{self.index}] does not trigger the rule: {short!r}"
        found = "; ".join(f"{v.excerpt!r}: {v.message}" for v in self.violations)
        return f"{self.rule} examples.good[{self.index}] triggers the rule ({found}): {short!r}"


def example_failures(guide: StyleGuide) -> list[ExampleFailure]:
    """Run every rule on its own examples; an empty list means they all behave."""
    kinds: tuple[Literal["bad", "good"], ...] = ("bad", "good")
    cases = [
        (rule, kind, index, text)
        for rule in guide.rules
        for kind in kinds
        for index, text in enumerate(rule.examples.bad if kind == "bad" else rule.examples.good)
    ]
    failures = []
    for (rule, kind, index, text), analysis in zip(
        cases, analyse([case[3] for case in cases]), strict=True
    ):
        found = tuple(apply(analysis, guide, [rule]).violations)
        if (kind == "bad") != bool(found):
            failures.append(ExampleFailure(rule.id, kind, index, text, found))
    return failures
