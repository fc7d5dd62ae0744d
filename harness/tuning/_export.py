"""Writing a tuned program as a new draft version of its prompt; never over an existing one."""

import json
import re
import shutil
from collections.abc import Mapping
from typing import Any

import yaml

from harness import paths
from harness.errors import PlumeError
from harness.files import write_atomic
from harness.prompts import PromptRef, PromptTemplate, build_template, load_manifest
from harness.prompts._manifest import version_key
from harness.tuning._render import ProgramTemplates

_VERSION_LINE = re.compile(r"^(\s*)-\s+version:\s*[\"']?(\d+\.\d+\.\d+)[\"']?\s*$")
_VARIABLES_ALIAS = re.compile(r"^\s*variables:\s*[&*]([\w-]+)\s*$")


def next_version(base: str, existing: set[str]) -> str:
    """The next minor version after ``base`` that ``existing`` does not hold (1.1.0 → 1.2.0)."""
    major, minor, _ = version_key(base)
    minor += 1
    while f"{major}.{minor}.0" in existing:
        minor += 1
    return f"{major}.{minor}.0"


def _blocks(lines: list[str]) -> list[tuple[int, int, str, str]]:
    """Each version entry of a manifest: (first line, end line, indent, version)."""
    starts = [
        (i, m.group(1), m.group(2))
        for i, line in enumerate(lines)
        if (m := _VERSION_LINE.match(line))
    ]
    blocks = []
    for n, (start, indent, version) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        blocks.append((start, end, indent, version))
    return blocks


def _yaml_block(key: str, value: Any, indent: str) -> str:
    dumped = yaml.safe_dump(
        {key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    return "".join(f"{indent}{line}\n" for line in dumped.splitlines())


def _entry_text(
    indent: str,
    version: str,
    base: PromptTemplate,
    templates: ProgramTemplates,
    variables_line: str | None,
    description: str,
    changelog: str,
    provenance: Mapping[str, Any],
) -> str:
    inner = indent + "  "
    text = f"{indent}- version: {version}\n{inner}status: draft\n"
    text += _yaml_block("description", description, inner)
    text += _yaml_block("changelog", changelog, inner)
    if base.entry.styleguide_version is not None:
        text += f"{inner}styleguide_version: {json.dumps(base.entry.styleguide_version)}\n"
    if templates.uses_styleguide:
        text += f"{inner}styleguide: true\n"
    if variables_line is not None:
        text += f"{inner}variables: *{variables_line}\n"
    else:
        variables = {
            name: spec.model_dump(by_alias=True, exclude_unset=True)
            for name, spec in base.entry.variables.items()
        }
        text += _yaml_block("variables", variables, inner)
    text += _yaml_block("provenance", json.loads(json.dumps(provenance)), inner)
    return text


def export_version(
    templates: ProgramTemplates,
    *,
    description: str,
    changelog: str,
    provenance: Mapping[str, Any],
) -> PromptRef:
    """Write ``templates`` as a new draft version of the base prompt and return its reference.

    The version is the next free minor version after the base; its folder is created exclusively,
    so an existing version is never overwritten, even by a concurrent export. The manifest entry
    reuses the base version's variables and records ``provenance``. If the new version does not
    load back, nothing is left behind.
    """
    base = templates.base
    prompt_id = base.ref.id
    folder = paths.prompts_dir() / prompt_id
    manifest_file = folder / "manifest.yaml"
    manifest = load_manifest(prompt_id)
    existing = {v.version for v in manifest.versions} | {
        p.name for p in folder.iterdir() if p.is_dir()
    }
    version = next_version(base.ref.version, existing)
    while True:
        try:
            (folder / version).mkdir()
            break
        except FileExistsError:
            existing.add(version)
            version = next_version(base.ref.version, existing)
    target = folder / version
    original = manifest_file.read_text(encoding="utf-8")
    try:
        for name, source in templates.sources.items():
            (target / name).write_text(source, encoding="utf-8")
        lines = original.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        blocks = _blocks(lines)
        if not blocks:
            raise PlumeError(f"{manifest_file}: no `- version:` entry to add a version after")
        base_block = next(b for b in blocks if b[3] == base.ref.version)
        alias = next(
            (
                m.group(1)
                for line in lines[base_block[0] : base_block[1]]
                if (m := _VARIABLES_ALIAS.match(line))
            ),
            None,
        )
        later = next((b for b in blocks if version_key(b[3]) > version_key(version)), None)
        entry = _entry_text(
            base_block[2],
            version,
            base,
            templates,
            alias,
            description,
            changelog,
            provenance,
        )
        if later is None:
            # Trailing comments and blank lines after the last entry stay where they are.
            end = base_block[1] if base_block is blocks[-1] else blocks[-1][1]
            while end > 0 and not lines[end - 1].strip():
                end -= 1
            lines.insert(end, "\n" + entry)
        else:
            lines.insert(later[0], entry + "\n")
        write_atomic(manifest_file, "".join(lines))
        reloaded = load_manifest(prompt_id)
        build_template(reloaded, reloaded.get(version))
    except BaseException as error:
        write_atomic(manifest_file, original)
        shutil.rmtree(target, ignore_errors=True)
        if isinstance(error, PlumeError):
            raise PlumeError(f"cannot export {prompt_id}@{version}: {error}") from None
        raise
    return PromptRef(prompt_id, version)
