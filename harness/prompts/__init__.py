"""Versioned prompt templates: manifests, the lock, rendering to messages, judge verdicts."""

from harness.prompts._examples import ExampleSelector, select_examples
from harness.prompts._lock import (
    LockEntry,
    PromptLock,
    lock_path,
    lock_released,
    read_lock,
    released_render_changes,
)
from harness.prompts._manifest import (
    PromptManifest,
    PromptRef,
    PromptVersion,
    VariableSpec,
    load_manifest,
    parse_ref,
    prompt_ids,
)
from harness.prompts._release import diff_versions, new_version, release
from harness.prompts._store import (
    PromptTemplate,
    RenderedPrompt,
    build_template,
    load_prompt,
    untrusted,
)
from harness.prompts._styleguide import StyleGuideLike, styleguide_variable
from harness.prompts._validate import RenderCheck, ValidationReport, render_problems, validate_store
from harness.prompts._variables import judge_variables, reply_variables, sample_variables
from harness.prompts._verdict import JudgeVerdict, VerdictError, parse_verdict

__all__ = [
    "ExampleSelector",
    "JudgeVerdict",
    "LockEntry",
    "PromptLock",
    "PromptManifest",
    "PromptRef",
    "PromptTemplate",
    "PromptVersion",
    "RenderCheck",
    "RenderedPrompt",
    "StyleGuideLike",
    "ValidationReport",
    "VariableSpec",
    "VerdictError",
    "build_template",
    "diff_versions",
    "judge_variables",
    "load_manifest",
    "load_prompt",
    "lock_path",
    "lock_released",
    "new_version",
    "parse_ref",
    "parse_verdict",
    "prompt_ids",
    "read_lock",
    "release",
    "released_render_changes",
    "render_problems",
    "reply_variables",
    "sample_variables",
    "select_examples",
    "styleguide_variable",
    "untrusted",
    "validate_store",
]
