"""The prompt store: prompt ids, versions, templates and rendering to messages."""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import jinja2
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness import paths
from harness.errors import InputError, UsageError, format_validation_error
from harness.models import ChatMessage
from harness.templating import environment

TEMPLATE_FILES = ("system.j2", "user.j2", "completion.j2")


class PromptRef(NamedTuple):
    """A prompt id and version, written ``reply@1.0.0``."""

    id: str
    version: str

    def __str__(self) -> str:
        return f"{self.id}@{self.version}"


class PromptVersion(BaseModel):
    """One version of a prompt, as listed in its manifest."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    """Semantic version."""
    status: Literal["draft", "released", "deprecated"]
    """Released versions never change; a change needs a new version."""
    description: str
    """What this version is for."""
    changelog: str
    """What changed from the previous version."""


class PromptManifest(BaseModel):
    """``prompts/<id>/manifest.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    """The prompt id; equals its folder's name."""
    description: str
    """What the prompt asks the model to do."""
    versions: list[PromptVersion] = Field(min_length=1)
    """Every version, oldest first."""


class RenderedPrompt(BaseModel):
    """A prompt filled in for one item: chat messages and the flattened completion text."""

    model_config = ConfigDict(frozen=True)

    messages: list[ChatMessage]
    """For chat models."""
    text: str
    """For completion-mode models (base models)."""

    @property
    def sha256(self) -> str:
        """Hash of exactly what a model is sent."""
        digest = hashlib.sha256()
        for message in self.messages:
            digest.update(f"{message.role}\0{message.content}\0".encode())
        digest.update(self.text.encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class PromptTemplate:
    """One version of one prompt, ready to render."""

    ref: PromptRef
    folder: Path
    sha256: str
    """Hash of the template files: editing any of them changes it."""
    _env: jinja2.Environment

    def render(self, variables: dict[str, Any]) -> RenderedPrompt:
        """Fill the templates in; a missing variable raises ``UsageError`` naming it."""
        try:
            system = self._env.get_template(f"{self.ref.version}/system.j2").render(variables)
            user = self._env.get_template(f"{self.ref.version}/user.j2").render(variables)
            text = self._env.get_template(f"{self.ref.version}/completion.j2").render(variables)
        except jinja2.UndefinedError as error:
            raise UsageError(f"prompt {self.ref}: {error.message}") from None
        messages = [ChatMessage(role="system", content=system.strip())]
        messages.append(ChatMessage(role="user", content=user.strip()))
        return RenderedPrompt(messages=messages, text=text)


def parse_ref(text: str) -> tuple[str, str | None]:
    """Split ``reply@1.0.0`` into its id and version (``None`` when no version is given)."""
    prompt_id, _, version = text.partition("@")
    return prompt_id, version or None


def load_manifest(prompt_id: str) -> PromptManifest:
    """Read and validate ``prompts/<id>/manifest.yaml``."""
    path = paths.prompts_dir() / prompt_id / "manifest.yaml"
    if not path.is_file():
        known = sorted(p.name for p in paths.prompts_dir().iterdir() if p.is_dir())
        raise UsageError(f"unknown prompt {prompt_id!r}; known prompts: {', '.join(known)}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark else None
        raise InputError(path, "not valid YAML", line=line) from None
    try:
        manifest = PromptManifest.model_validate(raw)
    except ValidationError as error:
        raise InputError(path, format_validation_error(error)) from None
    if manifest.id != prompt_id:
        raise InputError(path, f"id {manifest.id!r} does not match its folder {prompt_id!r}")
    return manifest


def load_prompt(text: str) -> PromptTemplate:
    """Load ``reply@1.0.0``, or the latest released version for a bare id such as ``reply``."""
    prompt_id, version = parse_ref(text)
    manifest = load_manifest(prompt_id)
    if version is None:
        released = [v for v in manifest.versions if v.status == "released"]
        if not released:
            raise UsageError(f"prompt {prompt_id!r} has no released version; name one: {prompt_id}@X.Y.Z")
        version = max(released, key=lambda v: tuple(int(p) for p in v.version.split("."))).version
    elif version not in {v.version for v in manifest.versions}:
        listed = ", ".join(v.version for v in manifest.versions)
        raise UsageError(f"prompt {prompt_id!r} has no version {version}; it has {listed}")
    folder = paths.prompts_dir() / prompt_id
    digest = hashlib.sha256()
    for name in TEMPLATE_FILES:
        file = folder / version / name
        if not file.is_file():
            raise InputError(file, "template file is missing")
        digest.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    return PromptTemplate(
        ref=PromptRef(prompt_id, version),
        folder=folder,
        sha256=digest.hexdigest(),
        _env=environment(folder),
    )
