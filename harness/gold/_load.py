"""Reading gold sets from JSONL, with errors that name the file, line and field."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from harness.errors import InputError, format_validation_error
from harness.gold._item import GoldItem


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


def load_gold(path: Path) -> GoldSet:
    """Load and validate a gold set; the first problem raises ``InputError`` with its line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read the gold set ({error.strerror})") from None
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text; save it as UTF-8") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(path, f"not valid JSON ({error.msg})", line=number) from None
        try:
            item = GoldItem.model_validate(raw)
        except ValidationError as error:
            raise InputError(path, format_validation_error(error), line=number) from None
        if item.id in seen:
            raise InputError(
                path, f"duplicate id {item.id!r} (first on line {seen[item.id]})", line=number
            )
        seen[item.id] = number
        items.append(item)
    if not items:
        raise InputError(path, "holds no gold item")
    return GoldSet(
        name=path.stem, path=path, sha256=hashlib.sha256(data).hexdigest(), items=tuple(items)
    )
