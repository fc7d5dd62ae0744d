"""Versioned prompt templates and their rendering to chat messages or completion text."""

from harness.prompts._store import (
    PromptManifest,
    PromptRef,
    PromptTemplate,
    PromptVersion,
    RenderedPrompt,
    load_manifest,
    load_prompt,
    parse_ref,
)

__all__ = [
    "PromptManifest",
    "PromptRef",
    "PromptTemplate",
    "PromptVersion",
    "RenderedPrompt",
    "load_manifest",
    "load_prompt",
    "parse_ref",
]
