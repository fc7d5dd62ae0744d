"""``prompts/prompts.lock``: the content hash of every released version, which never changes."""

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness import paths
from harness.errors import InputError, UsageError, format_validation_error
from harness.files import write_atomic
from harness.prompts._manifest import PromptVersion, load_manifest, prompt_ids
from harness.prompts._store import VARIABLES_PART, build_template
from harness.prompts._styleguide import StyleGuideLike

LOCKED_STATUSES = ("released", "deprecated")


class LockEntry(BaseModel):
    """What one released version was when it was released."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sha256: str
    """Hash over all its parts (``PromptTemplate.content_sha256``)."""
    parts: dict[str, str]
    """Hash of each template file and of the manifest's variables, to name what changed."""


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
    text = json.dumps(lock.model_dump(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
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


def lock_released(*, styleguide: StyleGuideLike | None = None) -> list[str]:
    """Record every released or deprecated version not yet in the lock; return their references.

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
            template = build_template(manifest, entry, styleguide=styleguide)
            ref = str(template.ref)
            locked = lock.versions.get(ref)
            if locked is None:
                added[ref] = LockEntry(sha256=template.content_sha256, parts=template.parts)
            elif locked.sha256 != template.content_sha256:
                raise UsageError(changed_parts(prompt_id, entry, locked, template.parts))
    if added:
        write_lock(PromptLock(versions={**lock.versions, **added}))
    return sorted(added)
