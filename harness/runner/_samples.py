"""``samples.jsonl``: appended and flushed one record at a time, read back for resume."""

from pathlib import Path
from typing import IO

from harness.errors import PlumeError
from harness.jsonl import read_lines
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
    """Read ``samples.jsonl`` (see :func:`harness.jsonl.read_lines`): a cut last line, what a
    killed run leaves, is ignored, and with ``repair`` cut off the file (the item is run again)."""
    return read_lines(path, SampleRecord, "a valid sample record", repair=repair)


def latest_by_key(records: list[SampleRecord]) -> dict[tuple[str, str], SampleRecord]:
    """The last record written for each (item id, model): a retried item replaces its failure."""
    return {(record.id, record.model): record for record in records}
