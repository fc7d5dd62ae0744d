"""Starting a new version, releasing a draft, and comparing two versions."""

import difflib
import json
import re
import shutil
from collections.abc import Sequence
from typing import Any

import yaml

from harness import paths
from harness.errors import InputError, PlumeError, UsageError
from harness.files import write_atomic
from harness.gold import GoldSet
from harness.prompts._lock import lock_released, read_lock
from harness.prompts._manifest import PromptRef, load_manifest, parse_ref, version_key
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


def new_version(prompt_id: str, version: str | None = None) -> PromptRef:
    """Start a draft: copy the newest version's folder and add its entry to the manifest.

    The entry keeps the newest version's description, style guide use and variables; its
    changelog is left for the author to write. ``version`` defaults to the next minor version.

    Raises:
        UsageError: the version is not newer than every listed one, its folder exists, or the
            manifest cannot be extended as written (it is left as it was).
    """
    manifest = load_manifest(prompt_id)
    latest = manifest.versions[-1]
    major, minor, _ = version_key(latest.version)
    version = version or f"{major}.{minor + 1}.0"
    if not re.fullmatch(r"\d+\.\d+\.\d+", version) or version_key(version) <= version_key(
        latest.version
    ):
        raise UsageError(f"give a version X.Y.Z newer than {prompt_id}@{latest.version}")
    base = paths.prompts_dir() / prompt_id
    if (base / version).exists():
        raise UsageError(f"{base / version} already exists; add it to the manifest by hand")
    path = base / "manifest.yaml"
    original = path.read_text(encoding="utf-8")
    entry: dict[str, Any] = {
        "version": version,
        "status": "draft",
        "description": latest.description,
        "changelog": f"À écrire : ce qui change depuis la version {latest.version}.",
    }
    if latest.styleguide_version is not None:
        entry["styleguide_version"] = latest.styleguide_version
    if latest.styleguide:
        entry["styleguide"] = True
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100)
    # The newest entry's variables are the last ones written: reuse its YAML anchor if it has one.
    written = re.findall(r"(?m)^\s+variables:(.*)$", original)
    alias = re.fullmatch(r"\s*[&*]([\w-]+)\s*", written[-1]) if written else None
    if alias:
        block += f"  variables: *{alias[1]}\n"
    else:
        variables = {
            name: spec.model_dump(by_alias=True, exclude_unset=True)
            for name, spec in latest.variables.items()
        }
        dumped = yaml.safe_dump({"variables": variables}, allow_unicode=True, sort_keys=False)
        block += "".join(f"  {line}" for line in dumped.splitlines(True))
    # Appended under `versions:`, indented as the entries above it: comments and anchors stay.
    indented = "".join(f"  {line}" if line.strip() else line for line in block.splitlines(True))
    write_atomic(path, original.rstrip("\n") + "\n\n" + indented)
    try:
        added = load_manifest(prompt_id).versions[-1]
        readable = added.version == version and added.variables == latest.variables
    except PlumeError:
        readable = False
    if not readable:
        path.write_text(original, encoding="utf-8")
        raise UsageError(
            f"cannot add {prompt_id}@{version} to {path} (`versions:` must be its last key);"
            " nothing was changed: add it by hand (prompts/README.md)"
        )
    shutil.copytree(base / latest.version, base / version)
    return PromptRef(prompt_id, version)


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
        lock_released(gold_sets[0].items if gold_sets else (), styleguide=guide)
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
