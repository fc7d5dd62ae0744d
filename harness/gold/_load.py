"""Reading gold sets from JSONL: every problem found, with its line number and field path."""

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from pydantic import ValidationError as ModelError

from harness.errors import InputError
from harness.gold._item import GoldItem
from harness.gold._schema import gold_schema


@dataclass(frozen=True)
class GoldSet:
    """A loaded gold set and the hash that identifies its exact content."""

    name: str
    """The file's stem (``services-publics-plus``)."""
    path: Path
    """Where it was read from."""
    sha256: str
    """Hash of the file's bytes: any edit changes it."""
    items: tuple[GoldItem, ...]
    """Items in file order."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a gold file."""

    line: int | None
    """The 1-based line it is on; ``None`` for the file as a whole."""
    message: str
    """What is wrong, starting with the field path (``key_facts[1] is empty``)."""

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


@dataclass(frozen=True)
class GoldCheck:
    """The outcome of reading a gold file: the valid items and every problem found."""

    path: Path
    """The file checked."""
    sha256: str
    """Hash of the file's bytes."""
    items: tuple[GoldItem, ...]
    """The lines that are valid gold items, in file order (duplicates left out)."""
    problems: tuple[Problem, ...]
    """Everything wrong, in file order; empty when the file is valid."""
    warnings: tuple[Problem, ...] = ()
    """Doubts that do not make the file invalid: a key fact's number or site absent from context."""

    @property
    def ok(self) -> bool:
        """Whether the file is a valid gold set."""
        return not self.problems


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(gold_schema())


def _where(parts: Any) -> str:
    where = ""
    for part in parts:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where


_TYPE_NAMES = {
    "string": "a string",
    "array": "a list",
    "object": "an object",
    "null": "null",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
}


def _describe(error: ValidationError) -> Iterator[str]:
    """Readable messages for one jsonschema error, each starting with the field path."""
    where = _where(error.absolute_path)
    subject = where or "the item"
    kind = error.validator
    # jsonschema types these as "Unset" unions; for an error raised by a validator they are set.
    expected: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    if kind == "required":
        for name in expected:
            if isinstance(instance, dict) and name not in instance:
                yield f"{_where([*error.absolute_path, name])} is required"
    elif kind == "additionalProperties":
        known = schema.get("properties", {})
        for name in instance:
            if name not in known:
                yield f"{_where([*error.absolute_path, name])} is an unknown field"
    elif kind == "minLength" or (kind == "pattern" and expected == r"\S"):
        yield f"{subject} is empty"
    elif kind == "pattern" and where == "id":
        yield "id may only hold letters, digits, '.', '_' and '-', starting with a letter or digit"
    elif kind == "pattern" and where.endswith("date"):
        yield f"{subject} must be a date written YYYY-MM-DD (got {instance!r})"
    elif kind == "enum":
        allowed = ", ".join(str(value) for value in expected)
        yield f"{subject} must be one of {allowed} (got {instance!r})"
    elif kind == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        yield f"{subject} must be {' or '.join(_TYPE_NAMES.get(n, n) for n in names)}"
    elif kind == "anyOf" and isinstance(instance, str):
        # The nullable fields are "string or null": a string failed the string branch.
        for sub in error.context or []:
            if sub.schema_path and sub.schema_path[0] == 0:
                yield from _describe(sub)
    elif kind == "anyOf":
        yield f"{subject} must be a string or null"
    else:
        yield f"{subject}: {error.message}"


def _model_problems(error: ModelError) -> Iterator[str]:
    for detail in error.errors():
        where = _where(detail["loc"]) or "the item"
        yield f"{where}: {detail['msg']}"


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    # Split bytes, not text: JSON strings may hold U+2028, which str.splitlines treats as a break.
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        yield number, raw.rstrip(b"\r")


_CHECKABLE = re.compile(r"\d+(?:[ ,.]\d+)*|[\w.-]+\.(?:gouv\.)?fr\b")


def _unsupported(item: GoldItem) -> Iterator[str]:
    """Numbers and sites a key fact gives that the context does not: the fact is not supported."""
    context = " ".join(item.context)
    for index, fact in enumerate(item.key_facts):
        for value in _CHECKABLE.findall(fact):
            if value.rstrip(".,") not in context:
                yield f"key_facts[{index}] gives {value.rstrip('.,')!r}, which no context fact has"


def _parse(raw: bytes) -> GoldItem | list[str]:
    """One line as a gold item, or what is wrong with it, in words people read."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return ["is not UTF-8 text; save the file as UTF-8"]
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return [f"is not valid JSON ({error.msg}, column {error.colno})"]
    if not isinstance(value, dict):
        return ["is not a JSON object"]
    try:
        return GoldItem.model_validate(value)
    except ModelError as error:
        # Only a rejected line pays for the JSON Schema, whose errors read better for people.
        # dict.fromkeys drops repeats: a blank string breaks both minLength and pattern.
        schema = _validator().iter_errors(value)
        messages = list(dict.fromkeys(m for e in schema for m in _describe(e)))
        return messages or list(_model_problems(error))


def _check(path: Path, data: bytes, *, warn: bool = True) -> GoldCheck:
    """Check gold-set content already read from ``path``; never raises for bad content.

    ``warn=False`` skips the doubts (``GoldCheck.warnings``), which loading does not show.
    """
    items: list[GoldItem] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    seen: dict[str, int] = {}
    lines = 0
    for number, raw in _lines(data):
        if not raw.strip():
            continue
        lines += 1
        parsed = _parse(raw)
        if isinstance(parsed, list):
            problems.extend(Problem(number, message) for message in parsed)
        elif parsed.id in seen:
            first = seen[parsed.id]
            problems.append(
                Problem(number, f"id {parsed.id!r} is a duplicate (first on line {first})")
            )
        else:
            seen[parsed.id] = number
            items.append(parsed)
            if warn:
                warnings.extend(Problem(number, message) for message in _unsupported(parsed))
    if lines == 0:
        problems.append(Problem(None, "holds no gold item (the file is empty)"))
    return GoldCheck(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        items=tuple(items),
        problems=tuple(problems),
        warnings=tuple(warnings),
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a gold set file") from None
    except OSError as error:
        raise InputError(path, f"cannot read the gold set ({error.strerror})") from None


def check_gold(path: Path) -> GoldCheck:
    """Read a gold set and collect every problem; ``InputError`` only if it cannot be read."""
    return _check(path, _read(path))


def load_gold(path: Path) -> GoldSet:
    """Load a valid gold set; the first problem raises ``InputError`` with its line."""
    check = _check(path, _read(path), warn=False)
    if check.problems:
        first = check.problems[0]
        more = len(check.problems) - 1
        hint = (
            f" (and {more} more problem{'s' if more > 1 else ''}: run `plume data validate {path}`)"
            if more
            else ""
        )
        raise InputError(path, f"{first.message}{hint}", line=first.line)
    return GoldSet(name=path.stem, path=path, sha256=check.sha256, items=check.items)
