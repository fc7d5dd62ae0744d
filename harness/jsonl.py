"""Append-only JSONL files of records (a run's ``samples.jsonl``, the judges' ``judges.jsonl`` and
``pairwise.jsonl``): one record a line, flushed as it comes, read back so that a resumed job
neither loses nor repeats anything."""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from harness.errors import InputError, PlumeError

_M = TypeVar("_M", bound=BaseModel)


def read_lines(path: Path, kind: type[_M], what: str, *, repair: bool = False) -> list[_M]:
    """The lines of ``path`` as ``kind``, oldest first. A last line without its newline is what a
    killed job leaves: it is ignored, and with ``repair`` cut off the file, so that the next line
    starts on its own (that record is made again).

    Raises:
        InputError: a line elsewhere is not ``what``.
        PlumeError: the file cannot be read, or repaired.
    """
    try:
        data = path.read_bytes()
        cut = data.rfind(b"\n") + 1
        if repair and cut < len(data):
            with path.open("r+b") as file:
                file.truncate(cut)
                os.fsync(file.fileno())
    except FileNotFoundError:
        return []
    except OSError as error:
        raise PlumeError(f"cannot read {path}: {error.strerror}") from None
    found = []
    # Split on b"\n" only: str.splitlines also breaks at U+2028, which JSON strings may hold raw.
    for number, raw in enumerate(data[:cut].split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            found.append(kind.model_validate_json(raw))
        except ValidationError:
            raise InputError(path, f"not {what}; remove the line", line=number) from None
    return found


@contextmanager
def appending(path: Path) -> Iterator[Callable[[BaseModel], None]]:
    """A function that appends one line to ``path`` and flushes it.

    Raises:
        PlumeError: the file cannot be written; the lines written before are kept.
    """
    try:
        file = path.open("a", encoding="utf-8")
    except OSError as error:
        raise PlumeError(f"cannot write {path}: {error.strerror}") from None

    def append(line: BaseModel) -> None:
        try:
            file.write(line.model_dump_json() + "\n")
            file.flush()
        except OSError as error:
            raise PlumeError(
                f"cannot write {path}: {error.strerror}; the lines written before are kept"
            ) from None

    with file:
        yield append
