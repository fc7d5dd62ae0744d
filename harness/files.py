"""Writing files whole or not at all."""

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from harness.errors import PlumeError


def write_atomic(path: Path, content: str | Iterable[str]) -> None:
    """Write ``content`` (a text, or lines) to ``path`` through a temporary file and a rename.

    A reader never sees half a file, and a failure (full disk, killed process) leaves the previous
    file as it was.

    Raises:
        PlumeError: the file cannot be written; the message names it and why.
    """
    directory = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise PlumeError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            if isinstance(content, str):
                stream.write(content)
            else:
                stream.writelines(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise PlumeError(f"cannot write {path}: {error.strerror}") from None
        raise
