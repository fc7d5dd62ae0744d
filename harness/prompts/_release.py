"""Releasing a draft version, and comparing two versions."""

import difflib
import json
import re
from collections.abc import Sequence

from harness import paths
from harness.errors import InputError, PlumeError, UsageError
from harness.files import write_atomic
from harness.gold import GoldSet
from harness.prompts._lock import lock_released, read_lock
from harness.prompts._manifest import PromptRef, load_manifest, parse_ref
from harness.prompts._store import build_template
from harness.prompts._styleguide import StyleGuideLike, current_styleguide
from harness.prompts._validate import render_problems


def _exact_ref(text: str) -> PromptRef:
    prompt_id, version = parse_ref(text)
    if version is None:
        raise UsageError(f"name the version: {prompt_id}@X.Y.Z")
    return PromptRef(prompt_id, version)


def _set_status(text: str, version: str, styleguide_version: str | None) -> str:
    """The manifest's text with ``version`` released, edited in place to keep its comments."""
    lines = text.splitlines(keepends=True)
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if re.fullmatch(rf"\s*-\s+version:\s*[\"']?{re.escape(version)}[\"']?\s*", line)
        ),
        None,
    )
    if start is None:
        raise ValueError(f"no `- version: {version}` line")
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"\s*-\s+version:", lines[i])),
        len(lines),
    )
    status = next(
        (i for i in range(start, end) if re.fullmatch(r"\s*status:\s*draft\s*", lines[i])), None
    )
    if status is None:
        raise ValueError(f"no `status: draft` line under version {version}")
    indent = lines[status][: len(lines[status]) - len(lines[status].lstrip())]
    lines[status] = f"{indent}status: released\n"
    if styleguide_version is not None:
        recorded = next(
            (i for i in range(start, end) if re.match(r"\s*styleguide_version:", lines[i])), None
        )
        line = f"{indent}styleguide_version: {json.dumps(styleguide_version)}\n"
        if recorded is None:
            lines.insert(status + 1, line)
        else:
            lines[recorded] = line
    return "".join(lines)


def release(
    text: str, gold_sets: Sequence[GoldSet], *, styleguide: StyleGuideLike | None = None
) -> PromptRef:
    """Release a draft: check it renders every gold item, mark it released, and lock it.

    Versions that draw on the style guide record the style guide version they were checked with.

    Raises:
        UsageError: not a draft, or it fails to render; nothing is written.
    """
    ref = _exact_ref(text)
    manifest = load_manifest(ref.id)
    entry = manifest.get(ref.version)
    if entry.status != "draft":
        raise UsageError(f"{ref} is already {entry.status}; add a new version to change it")
    guide = None
    if entry.styleguide:
        guide = styleguide if styleguide is not None else current_styleguide()
    template = build_template(manifest, entry, styleguide=guide)
    problems = [p for gold in gold_sets for p in render_problems(template, gold).problems]
    if problems:
        raise UsageError(f"{ref} cannot be released: {problems[0]}")
    if str(ref) in read_lock().versions:
        raise UsageError(f"{ref} is already in the lock file; add a new version instead")
    path = paths.prompts_dir() / ref.id / "manifest.yaml"
    original = path.read_text(encoding="utf-8")
    try:
        edited = _set_status(original, ref.version, None if guide is None else guide.version)
    except ValueError as error:
        raise InputError(path, f"cannot mark {ref} released ({error}); edit it by hand") from None
    write_atomic(path, edited)
    try:
        released = load_manifest(ref.id).get(ref.version)
        if released.status != "released":
            raise InputError(path, f"{ref} did not come out released")
        lock_released(styleguide=guide)
    except PlumeError:
        # A release is all or nothing: put the manifest back as it was.
        path.write_text(original, encoding="utf-8")
        raise
    return ref


def diff_versions(old: str, new: str) -> str:
    """A unified diff of two versions' templates and variables (empty when they are the same)."""
    texts = []
    for text in (old, new):
        ref = _exact_ref(text)
        entry = load_manifest(ref.id).get(ref.version)
        folder = paths.prompts_dir() / ref.id / ref.version
        files = {
            f.relative_to(folder).as_posix(): f.read_text(encoding="utf-8")
            for f in sorted(folder.rglob("*"))
            if f.is_file() and not f.name.startswith(".")
        }
        files["variables"] = (
            json.dumps(
                {
                    "styleguide": entry.styleguide,
                    "variables": {
                        name: spec.model_dump(by_alias=True, exclude_unset=True)
                        for name, spec in entry.variables.items()
                    },
                },
                indent=2,
                ensure_ascii=False,
                sort_keys=True,
            )
            + "\n"
        )
        texts.append((ref, files))
    (old_ref, old_files), (new_ref, new_files) = texts
    out: list[str] = []
    for name in sorted(set(old_files) | set(new_files)):
        out.extend(
            difflib.unified_diff(
                old_files.get(name, "").splitlines(keepends=True),
                new_files.get(name, "").splitlines(keepends=True),
                fromfile=f"{old_ref}/{name}",
                tofile=f"{new_ref}/{name}",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)
