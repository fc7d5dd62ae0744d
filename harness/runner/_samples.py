"""``samples.jsonl``: appended and flushed one record at a time, read back for resume."""

import os
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from harness.errors import InputError, PlumeError
from harness.runner._records import SampleRecord


class SampleWriter:
    """Appends records to ``samples.jsonl``, flushed to the OS as soon as they are complete."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._file: IO[str] = path.open("a", encoding="utf-8")
        except OSError as error:
            raise PlumeError(f"cannot write {path}: {error.strerror}") from None

    def write(self, *records: SampleRecord) -> None:
        """Append records; a failure to write stops the run with earlier records intact."""
        try:
            self._file.write("".join(record.model_dump_json() + "\n" for record in records))
            self._file.flush()
        except OSError as error:
            raise PlumeError(
                f"cannot write {self.path}: {error.strerror}; earlier results are kept"
            ) from None

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def read_samples(path: Path, *, repair: bool = False) -> list[SampleRecord]:
    """Read ``samples.jsonl``.

    A last line without its newline is what a killed run leaves; with ``repair`` it is cut off
    the file (the item is run again), otherwise it is ignored. A bad line elsewhere is an error.
    """
    if not path.exists():
        return []
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        if repair:
            try:
                with path.open("r+b") as file:
                    file.truncate(cut)
                    os.fsync(file.fileno())
            except OSError as error:
                raise PlumeError(
                    f"cannot repair the cut last line of {path}: {error.strerror}"
                ) from None
        data = data[:cut]
    records = []
    # Split on b"\n" only: str.splitlines also breaks at U+2028 and U+0085, which JSON strings
    # may hold raw.
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw.decode("utf-8", errors="replace")
        if not line.strip():
            continue
        try:
            records.append(SampleRecord.model_validate_json(line))
        except ValidationError:
            raise InputError(path, "not a valid sample record", line=number) from None
    return records


def latest_by_key(records: list[SampleRecord]) -> dict[tuple[str, str], SampleRecord]:
    """The last record written for each (item id, model): a retried item replaces its failure."""
    return {(record.id, record.model): record for record in records}
