"""``prompts/prompts.lock``: what every released version is and renders, which never changes.

A version that draws on the style guide can change what it renders without a file of its own
changing; its entry therefore also records the variables it was rendered with when it was locked
and the hash of those renders, so that a style-guide change it would show is caught in any folder,
committed or not, in git or not.
"""

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness import paths
from harness.errors import InputError, PlumeError, UsageError, format_validation_error
from harness.files import write_atomic
from harness.prompts._manifest import PromptVersion, load_manifest, prompt_ids
from harness.prompts._store import VARIABLES_PART, PromptTemplate, build_template
from harness.prompts._styleguide import StyleGuideLike, current_styleguide
from harness.prompts._variables import check_samples

if TYPE_CHECKING:
    from harness.gold import GoldItem

LOCKED_STATUSES = ("released", "deprecated")


class LockedRenders(BaseModel):
    """What a version that draws on the style guide rendered when it was locked."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    inputs: list[dict[str, Any]]
    """The variables it was rendered with (samples from a gold item), kept here so that later
    edits to the gold set change nothing."""
    sha256: str
    """Hash of the chat messages and completion text rendered for each input, in order."""


class LockEntry(BaseModel):
    """What one released version was when it was released."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sha256: str
    """Hash over all its parts (``PromptTemplate.content_sha256``)."""
    parts: dict[str, str]
    """Hash of each template file and of the manifest's variables, to name what changed."""
    renders: LockedRenders | None = None
    """For a version that draws on the style guide: what it rendered with the guide of then."""


class PromptLock(BaseModel):
    """The whole lock file."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[1] = 1
    """Version of this file's layout."""
    versions: dict[str, LockEntry] = Field(default_factory=dict)
    """Entries by reference (``reply@1.0.0``)."""


def lock_path() -> Path:
    """Where the lock file lives."""
    return paths.prompts_dir() / "prompts.lock"


def read_lock() -> PromptLock:
    """The lock file, or an empty lock when there is none yet."""
    path = lock_path()
    if not path.is_file():
        return PromptLock()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(path, f"not valid JSON ({error.msg})", line=error.lineno) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read it ({error})") from None
    try:
        return PromptLock.model_validate(raw)
    except ValidationError as error:
        raise InputError(path, format_validation_error(error)) from None


def write_lock(lock: PromptLock) -> None:
    """Write the lock through a temporary file and a rename: never half a lock."""
    path = lock_path()
    data = lock.model_dump()
    for entry in data["versions"].values():
        if entry["renders"] is None:
            del entry["renders"]  # most versions do not draw on the style guide
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(path, text)


def changed_parts(
    prompt_id: str, entry: PromptVersion, locked: LockEntry, parts: dict[str, str]
) -> str:
    """A message naming the files of a released version that differ from its lock entry."""
    folder = paths.prompts_dir() / prompt_id
    names = sorted(
        name for name in set(parts) | set(locked.parts) if parts.get(name) != locked.parts.get(name)
    )
    files = [
        f"{folder / 'manifest.yaml'} (variables of {entry.version})"
        if name == VARIABLES_PART
        else str(folder / entry.version / name)
        for name in names
    ]
    return (
        f"{prompt_id}@{entry.version} is {entry.status} and has changed since it was locked: "
        f"{', '.join(files)}; released versions are immutable: restore them and add a new "
        f"version with the change"
    )


def renders_sha256(template: PromptTemplate, inputs: Sequence[dict[str, Any]]) -> str:
    """One hash over what ``template`` sends a model for each input: chat and completion text."""
    hashes = []
    for variables in inputs:
        rendered = template.render(variables)
        hashes.append([rendered.chat_sha256, rendered.text_sha256])
    return hashlib.sha256(json.dumps(hashes).encode()).hexdigest()


def render_change(
    template: PromptTemplate, locked: LockEntry, styleguide: StyleGuideLike
) -> str | None:
    """Why a released version that draws on the style guide no longer renders what its lock
    entry records (None when it does, or when the entry records no renders)."""
    if locked.renders is None:
        return None
    cause = ""
    try:
        if renders_sha256(template, locked.renders.inputs) == locked.renders.sha256:
            return None
    except PlumeError as error:
        cause = f" (it no longer renders: {error})"
    ref = template.ref
    manifest = paths.prompts_dir() / ref.id / "manifest.yaml"
    return (
        f"{ref} is released and would render differently with style guide {styleguide.version}"
        f" than when it was locked in {lock_path()}{cause}; a released prompt never changes:"
        f" undo the style guide change, or give it to a new version with `plume prompts"
        f" new-version {ref.id}`, release that version and set {ref} to `status: deprecated`"
        f" in {manifest}"
    )


def released_render_changes(styleguide: StyleGuideLike) -> list[str]:
    """``render_change`` for every released version that draws on the style guide: what
    ``plume styleguide check`` reports about prompts."""
    lock = read_lock()
    problems = []
    for prompt_id in prompt_ids():
        manifest = load_manifest(prompt_id)
        for entry in manifest.versions:
            locked = lock.versions.get(f"{prompt_id}@{entry.version}")
            if entry.status != "released" or not entry.styleguide or locked is None:
                continue
            template = build_template(manifest, entry, styleguide=styleguide)
            if template.content_sha256 != locked.sha256:
                continue  # its own files changed: `plume prompts validate` names them
            problem = render_change(template, locked, styleguide)
            if problem is not None:
                problems.append(problem)
    return problems


def _locked_renders(template: PromptTemplate, items: Sequence["GoldItem"]) -> LockedRenders:
    if not items:
        raise UsageError(
            f"{template.ref} draws on the style guide: locking it records what it renders for a"
            " gold item, and no gold set was given"
        )
    inputs = check_samples(template.kind, items[0], items)
    return LockedRenders(inputs=inputs, sha256=renders_sha256(template, inputs))


def lock_released(
    items: Sequence["GoldItem"] = (), *, styleguide: StyleGuideLike | None = None
) -> list[str]:
    """Record every released or deprecated version not yet in the lock, and the renders of a
    locked one that draws on the style guide if they are missing; return their references.

    Args:
        items: gold items; a version that draws on the style guide is recorded with what it
            renders for the first of them.
        styleguide: for versions that draw on it; the project's own by default.

    Raises:
        UsageError: a locked version has changed; nothing is written.
    """
    lock = read_lock()
    added: dict[str, LockEntry] = {}
    for prompt_id in prompt_ids():
        manifest = load_manifest(prompt_id)
        for entry in manifest.versions:
            if entry.status not in LOCKED_STATUSES:
                continue
            if entry.styleguide and styleguide is None:
                styleguide = current_styleguide()
            template = build_template(manifest, entry, styleguide=styleguide)
            ref = str(template.ref)
            locked = lock.versions.get(ref)
            if locked is None:
                renders = _locked_renders(template, items) if entry.styleguide else None
                added[ref] = LockEntry(
                    sha256=template.content_sha256, parts=template.parts, renders=renders
                )
            elif locked.sha256 != template.content_sha256:
                raise UsageError(changed_parts(prompt_id, entry, locked, template.parts))
            elif entry.styleguide and locked.renders is None:
                renders = _locked_renders(template, items)
                added[ref] = locked.model_copy(update={"renders": renders})
    if added:
        write_lock(PromptLock(versions={**lock.versions, **added}))
    return sorted(added)
