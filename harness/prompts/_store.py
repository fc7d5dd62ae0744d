"""The prompt store: loading one version of a prompt and rendering it to messages."""

import copy
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

import jinja2
import jinja2.meta
import jsonschema
from pydantic import BaseModel, ConfigDict

from harness import paths
from harness.errors import InputError, UsageError
from harness.models import ChatMessage, payload_sha256
from harness.prompts._manifest import (
    STYLEGUIDE_VARIABLE,
    PromptManifest,
    PromptRef,
    PromptVersion,
    load_manifest,
    parse_ref,
)
from harness.prompts._styleguide import StyleGuideLike, current_styleguide, styleguide_variable
from harness.templating import environment

REQUIRED_TEMPLATES = ("system.j2", "user.j2")
COMPLETION_TEMPLATE = "completion.j2"
"""Optional: without it, completion-mode models get the system and user messages joined."""
VARIABLES_PART = "manifest.yaml#variables"
"""The lock's name for a version's variables, which change what a template renders."""

_TAG = re.compile(r"<(\s*/?\s*[A-Za-z_][\w-]*\s*/?\s*)>")


def untrusted(value: object) -> str:
    """What a template prints of a value: text that cannot open or close a delimiter.

    Prompts wrap what citizens and models wrote in tags (``<message_usager>``); a tag inside
    that text would let it pose as the prompt's own words, so its angle brackets become ``‹ ›``.
    Every ``{{ … }}`` goes through this, so no template can forget it.
    """
    return _TAG.sub(r"‹\1›", str(value))


class RenderedPrompt(BaseModel):
    """A prompt filled in for one item: chat messages and the flattened completion text."""

    model_config = ConfigDict(frozen=True)

    messages: list[ChatMessage]
    """For chat models: a system message, then a user message."""
    text: str
    """For completion-mode models (base models)."""

    @property
    def chat_sha256(self) -> str:
        """Hash of what a chat model is sent (``samples.jsonl`` records it)."""
        return payload_sha256(self.messages)

    @property
    def text_sha256(self) -> str:
        """Hash of what a completion-mode model is sent."""
        return payload_sha256(self.text)


def _canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_parts(folder: Path, entry: PromptVersion) -> dict[str, str]:
    """Hash of each thing that decides what a version renders: its files and its variables.

    Status, description and changelog are left out: releasing or deprecating changes no output.
    """
    parts = {
        file.relative_to(folder).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(folder.rglob("*"))
        if file.is_file() and not any(p.startswith(".") for p in file.relative_to(folder).parts)
    }
    spec = {
        "styleguide": entry.styleguide,
        "variables": {
            name: v.model_dump(by_alias=True, exclude_unset=True)
            for name, v in entry.variables.items()
        },
    }
    parts[VARIABLES_PART] = hashlib.sha256(_canonical(spec)).hexdigest()
    return parts


def content_hash(parts: dict[str, str]) -> str:
    """One hash over a version's parts: what ``prompts.lock`` records."""
    return hashlib.sha256(_canonical(parts)).hexdigest()


def _template_line(traceback: TracebackType | None, file: Path) -> int | None:
    """The template line being rendered when the error happened (Jinja rewrites frames to it)."""
    line = None
    target = os.path.normpath(file)
    while traceback is not None:
        if os.path.normpath(traceback.tb_frame.f_code.co_filename) == target:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _first_line_naming(source: str, name: str) -> int | None:
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    for number, line in enumerate(source.splitlines(), start=1):
        if pattern.search(line):
            return number
    return None


@dataclass(frozen=True, repr=False)
class PromptTemplate:
    """One version of one prompt, compiled and ready to render."""

    ref: PromptRef
    """``reply@1.0.0``."""
    kind: str
    """``reply`` or ``judge``: what the prompt is filled in from."""
    entry: PromptVersion
    """Its manifest entry: status, variables, style guide use."""
    folder: Path
    """The version's folder, ``prompts/<id>/<version>/``."""
    parts: dict[str, str]
    """Hash of each template file and of the variables; the lock compares them one by one."""
    content_sha256: str
    """Hash of the version's own content: what ``prompts.lock`` records for a release."""
    sha256: str
    """Hash of everything that shapes its renders: the content and, if used, the style guide."""
    styleguide: dict[str, Any] | None
    """The style guide as templates see it, for versions that draw on it."""
    _templates: dict[str, jinja2.Template]
    _validators: dict[str, jsonschema.Draft202012Validator]
    _uses: dict[str, str]

    def __repr__(self) -> str:
        return f"PromptTemplate({str(self.ref)!r}, sha256={self.sha256[:12]!r})"

    def render(self, variables: dict[str, Any]) -> RenderedPrompt:
        """Check the variables against their schemas, then fill every template in.

        Raises:
            UsageError: a variable is missing, unknown or does not match its schema.
            InputError: a template fails while rendering (file and line named).
        """
        values = self.values(variables)
        return RenderedPrompt(messages=self.chat(values), text=self.text(values))

    def values(self, variables: dict[str, Any]) -> dict[str, Any]:
        """What the templates see: the checked variables, defaults and the style guide.

        Raises:
            UsageError: a variable is missing, unknown or does not match its schema.
        """
        values = self.check_variables(variables)
        if self.styleguide is not None:
            values[STYLEGUIDE_VARIABLE] = self.styleguide
        return values

    def chat(self, values: dict[str, Any]) -> list[ChatMessage]:
        """The system and user messages a chat model is sent, from ``values()``."""
        return [
            ChatMessage(role="system", content=self._render("system.j2", values).strip()),
            ChatMessage(role="user", content=self._render("user.j2", values).strip()),
        ]

    def text(self, values: dict[str, Any]) -> str:
        """The text a completion-mode model is sent, from ``values()``."""
        if COMPLETION_TEMPLATE in self._templates:
            return self._render(COMPLETION_TEMPLATE, values)
        system, user = self.chat(values)
        return f"{system.content}\n\n{user.content}\n"

    def check_variables(self, variables: dict[str, Any]) -> dict[str, Any]:
        """The variables with defaults filled in, each checked against its JSON Schema."""
        specs = self.entry.variables
        unknown = sorted(set(variables) - set(specs))
        if unknown:
            raise UsageError(
                f"prompt {self.ref}: unknown variable {unknown[0]!r}; "
                f"it takes {', '.join(sorted(specs))}"
            )
        values: dict[str, Any] = {}
        for name, spec in specs.items():
            if name in variables:
                values[name] = variables[name]
            elif spec.required:
                used = f"; {self._uses[name]} uses it" if name in self._uses else ""
                raise UsageError(
                    f"prompt {self.ref}: missing variable {name!r} ({spec.description}){used}"
                )
            else:
                values[name] = copy.deepcopy(spec.default)
            errors = self._validators[name].iter_errors(values[name])
            error = jsonschema.exceptions.best_match(errors)
            if error is not None:
                where = "".join(f"[{p!r}]" for p in error.absolute_path)
                raise UsageError(
                    f"prompt {self.ref}: variable {name}{where}: {error.message}; "
                    f"give a value that matches variables.{name}.schema in "
                    f"{self.folder.parent / 'manifest.yaml'}"
                )
        return values

    def _render(self, name: str, values: dict[str, Any]) -> str:
        try:
            return self._templates[name].render(values)
        except (jinja2.TemplateError, TypeError, ValueError, LookupError, AttributeError) as error:
            file = self.folder / name
            message = error.message if isinstance(error, jinja2.TemplateError) else str(error)
            line = _template_line(error.__traceback__, file)
            raise InputError(file, f"cannot render: {message}", line=line) from None


class _Compiled(NamedTuple):
    template: jinja2.Template
    uses: dict[str, str]
    """Where the template first uses each variable, as ``file:line``."""


def _compile(env: jinja2.Environment, folder: Path, name: str, declared: set[str]) -> _Compiled:
    file = folder / name
    try:
        source = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(file, f"cannot read the template ({error})") from None
    try:
        parsed = env.parse(source, name, str(file))
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        raise InputError(
            file, error.message or "template syntax error", line=error.lineno
        ) from None
    used = jinja2.meta.find_undeclared_variables(parsed) - set(env.globals)
    undeclared = sorted(used - declared)
    if undeclared:
        name_ = undeclared[0]
        raise InputError(
            file,
            f"uses variable {name_!r}, which the manifest does not declare",
            line=_first_line_naming(source, name_),
        )
    return _Compiled(template, {v: f"{file}:{_first_line_naming(source, v)}" for v in used})


def build_template(
    manifest: PromptManifest,
    entry: PromptVersion,
    *,
    styleguide: StyleGuideLike | None = None,
) -> PromptTemplate:
    """Compile one version: check its schemas and templates, hash it, attach the style guide."""
    base = paths.prompts_dir() / manifest.id
    folder = base / entry.version
    if not folder.is_dir():
        raise InputError(folder, f"the folder of {manifest.id}@{entry.version} is missing")
    for name, spec in entry.variables.items():
        try:
            jsonschema.Draft202012Validator.check_schema(spec.json_schema)
            if not spec.required:
                # Not jsonschema.validate: it would check the schema a second time.
                jsonschema.Draft202012Validator(spec.json_schema).validate(spec.default)
        except jsonschema.exceptions.SchemaError as error:
            raise InputError(
                base / "manifest.yaml",
                f"{entry.version}: variables.{name}.schema is not a JSON Schema: {error.message}",
            ) from None
        except jsonschema.exceptions.ValidationError as error:
            raise InputError(
                base / "manifest.yaml",
                f"{entry.version}: variables.{name}.default does not match its schema: "
                f"{error.message}",
            ) from None
    env = environment(folder)
    env.finalize = untrusted
    declared = set(entry.variables) | ({STYLEGUIDE_VARIABLE} if entry.styleguide else set())
    names = [*REQUIRED_TEMPLATES]
    if (folder / COMPLETION_TEMPLATE).is_file():
        names.append(COMPLETION_TEMPLATE)
    for name in REQUIRED_TEMPLATES:
        if not (folder / name).is_file():
            raise InputError(folder / name, "template file is missing")
    compiled = {name: _compile(env, folder, name, declared) for name in names}
    uses: dict[str, str] = {}
    for unit in compiled.values():
        uses = unit.uses | uses  # the first template naming a variable wins
    validators = {
        name: jsonschema.Draft202012Validator(spec.json_schema)
        for name, spec in entry.variables.items()
    }
    parts = content_parts(folder, entry)
    content = content_hash(parts)
    guide_data = None
    sha256 = content
    if entry.styleguide:
        guide = styleguide if styleguide is not None else current_styleguide()
        guide_data = styleguide_variable(guide)
        sha256 = hashlib.sha256(f"{content}\0styleguide\0{guide.sha256}".encode()).hexdigest()
    return PromptTemplate(
        ref=PromptRef(manifest.id, entry.version),
        kind=manifest.kind,
        entry=entry,
        folder=folder,
        parts=parts,
        content_sha256=content,
        sha256=sha256,
        styleguide=guide_data,
        _templates={name: unit.template for name, unit in compiled.items()},
        _uses=uses,
        _validators=validators,
    )


def load_prompt(text: str, *, styleguide: StyleGuideLike | None = None) -> PromptTemplate:
    """Load ``reply@1.0.0``, or the latest released version for a bare id such as ``reply``.

    Args:
        text: a prompt id with an optional ``@version``.
        styleguide: the style guide for versions that draw on it; the project's by default.
    """
    prompt_id, version = parse_ref(text)
    manifest = load_manifest(prompt_id)
    entry = manifest.latest_released() if version is None else manifest.get(version)
    return build_template(manifest, entry, styleguide=styleguide)
