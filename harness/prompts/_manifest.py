"""Prompt manifests: ``prompts/<id>/manifest.yaml``, its versions and their variables."""

import difflib
from typing import Any, Literal, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from harness import paths
from harness.errors import InputError, UsageError, format_validation_error
from harness.files import compose_yaml, load_yaml

STYLEGUIDE_VARIABLE = "styleguide"
"""Reserved: the store fills it in for versions that draw on the style guide."""


class PromptRef(NamedTuple):
    """A prompt id and version, written ``reply@1.0.0``."""

    id: str
    version: str

    def __str__(self) -> str:
        return f"{self.id}@{self.version}"


def version_key(version: str) -> tuple[int, int, int]:
    """Sort key of a semantic version ``X.Y.Z``."""
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


class VariableSpec(BaseModel):
    """One variable a template takes, with the JSON Schema its value must satisfy."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    description: str
    """What the variable holds, for whoever fills it in."""
    json_schema: dict[str, Any] = Field(alias="schema")
    """JSON Schema (draft 2020-12) the value is checked against before rendering."""
    default: Any = None
    """Value used when the caller leaves the variable out; without one, the variable is required."""

    @property
    def required(self) -> bool:
        """Whether a caller must give this variable (no ``default`` in the manifest)."""
        return "default" not in self.model_fields_set


class PromptVersion(BaseModel):
    """One version of a prompt, as listed in its manifest."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    """Semantic version; its templates live in ``prompts/<id>/<version>/``."""
    status: Literal["draft", "released", "deprecated"]
    """Released (and deprecated) versions never change; a change needs a new version."""
    description: str
    """What this version is for."""
    changelog: str
    """What changed from the previous version."""
    styleguide_version: str | None = None
    """The style guide version this prompt was last checked against."""
    styleguide: bool = False
    """Whether the templates draw on the style guide (the store fills in ``styleguide``)."""
    variables: dict[str, VariableSpec]
    """The variables the templates take, by name."""
    provenance: dict[str, Any] | None = None
    """Where a generated version comes from (``plume tune``: optimiser, budget, models, seed, …)."""

    @model_validator(mode="after")
    def _reserved_name(self) -> "PromptVersion":
        if STYLEGUIDE_VARIABLE in self.variables:
            raise ValueError(
                f"variables: {STYLEGUIDE_VARIABLE!r} is reserved; set `styleguide: true` instead"
            )
        return self


class PromptManifest(BaseModel):
    """``prompts/<id>/manifest.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    """The prompt id; equals its folder's name."""
    kind: Literal["reply", "judge"]
    """What it is filled in from: ``reply`` drafts a reply, ``judge`` grades one."""
    description: str
    """What the prompt asks the model to do."""
    versions: list[PromptVersion] = Field(min_length=1)
    """Every version, oldest first."""

    @model_validator(mode="after")
    def _ordered(self) -> "PromptManifest":
        keys = [version_key(v.version) for v in self.versions]
        if keys != sorted(set(keys)):
            raise ValueError("versions: must be listed oldest first, each version once")
        return self

    def get(self, version: str) -> PromptVersion:
        """The entry for ``version``; ``UsageError`` with a suggestion when there is none."""
        for entry in self.versions:
            if entry.version == version:
                return entry
        listed = [v.version for v in self.versions]
        raise UsageError(
            f"prompt {self.id!r} has no version {version}{_did_you_mean(version, listed)}; "
            f"it has {', '.join(listed)}"
        )

    def latest_released(self) -> PromptVersion:
        """The newest released version, which a bare id such as ``reply`` means."""
        released = [v for v in self.versions if v.status == "released"]
        if not released:
            raise UsageError(
                f"prompt {self.id!r} has no released version; name one: {self.id}@X.Y.Z"
            )
        return released[-1]


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f" (did you mean {close[0]}?)" if close else ""


def parse_ref(text: str) -> tuple[str, str | None]:
    """Split ``reply@1.0.0`` into its id and version (``None`` when no version is given)."""
    prompt_id, _, version = text.strip().partition("@")
    return prompt_id, version or None


def prompt_ids() -> list[str]:
    """The ids of every prompt in the store (folders holding a manifest), sorted."""
    folder = paths.prompts_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "manifest.yaml").is_file())


def _yaml_line(error: yaml.YAMLError) -> int | None:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        return error.problem_mark.line + 1
    return None


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line of the YAML node at pydantic's error location, or of its nearest parent."""
    node = compose_yaml(text)
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def load_manifest(prompt_id: str) -> PromptManifest:
    """Read and validate ``prompts/<id>/manifest.yaml``; an unknown id gets a suggestion."""
    path = paths.prompts_dir() / prompt_id / "manifest.yaml"
    if not path.is_file():
        known = prompt_ids()
        raise UsageError(
            f"unknown prompt {prompt_id!r}{_did_you_mean(prompt_id, known)}; "
            f"known prompts: {', '.join(known) or 'none'}"
        )
    try:
        raw_text = path.read_text(encoding="utf-8")
        raw = load_yaml(raw_text)
    except yaml.YAMLError as error:
        raise InputError(path, "not valid YAML", line=_yaml_line(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read it ({error})") from None
    try:
        manifest = PromptManifest.model_validate(raw)
    except ValidationError as error:
        line = _line_of(raw_text, error.errors()[0]["loc"])
        raise InputError(path, format_validation_error(error), line=line) from None
    if manifest.id != prompt_id:
        raise InputError(path, f"id {manifest.id!r} does not match its folder {prompt_id!r}")
    return manifest
