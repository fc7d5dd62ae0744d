"""The style guide as code: versioned rules and lexicons, their checkers, and ``lint``.

Rules live in ``styleguide/rules.yaml`` (validated by ``rules.schema.json`` beside it) and lexicons
in ``styleguide/lexicons/*.tsv``; writers edit those files, never Python.
"""

from harness.styleguide._checkers import REGISTRY, Checker, Finding
from harness.styleguide._diff import GuideDiff, TextChange, diff_guides
from harness.styleguide._docs import render_guide
from harness.styleguide._lint import (
    ExampleFailure,
    example_failures,
    lint,
    lint_analyses,
    lint_many,
    select_rules,
)
from harness.styleguide._load import (
    GUIDE_FILE,
    LEXICONS_DIR,
    RULES_FILE,
    SCHEMA_FILE,
    StyleGuide,
    load_styleguide,
    parse_yaml,
)
from harness.styleguide._model import (
    CATEGORIES,
    Category,
    ChangelogEntry,
    Examples,
    FileReport,
    GuideStamp,
    LexiconEntry,
    LintReport,
    LintResult,
    ReportedViolation,
    Rule,
    RulesFile,
    Severity,
    TextMetrics,
    Violation,
)
from harness.styleguide._readability import syllables
from harness.styleguide._schema import lint_report_schema, rules_schema, schema_problem
from harness.text import MAX_CHARACTERS

__all__ = [
    "CATEGORIES",
    "GUIDE_FILE",
    "LEXICONS_DIR",
    "MAX_CHARACTERS",
    "REGISTRY",
    "RULES_FILE",
    "SCHEMA_FILE",
    "Category",
    "ChangelogEntry",
    "Checker",
    "ExampleFailure",
    "Examples",
    "FileReport",
    "Finding",
    "GuideDiff",
    "GuideStamp",
    "LexiconEntry",
    "LintReport",
    "LintResult",
    "ReportedViolation",
    "Rule",
    "RulesFile",
    "Severity",
    "StyleGuide",
    "TextChange",
    "TextMetrics",
    "Violation",
    "diff_guides",
    "example_failures",
    "lint",
    "lint_analyses",
    "lint_many",
    "lint_report_schema",
    "load_styleguide",
    "parse_yaml",
    "render_guide",
    "rules_schema",
    "schema_problem",
    "select_rules",
    "syllables",
]
