"""Writing gold sets and EvalAP tables, each in one piece."""

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from harness.errors import UsageError
from harness.files import write_atomic
from harness.gold._files import Record, jsonl_lines
from harness.gold._import import evalap_rows
from harness.gold._item import GoldItem


def write_gold(items: Iterable[GoldItem], path: Path) -> None:
    """Write a gold set as JSONL (fields in schema order, unset optional fields left out)."""
    write_atomic(path, jsonl_lines(i.model_dump(exclude_none=True) for i in items))


def _csv_lines(rows: Iterable[Record], columns: list[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def write_evalap(items: Iterable[GoldItem], path: Path) -> None:
    """Write gold items as an EvalAP dataset table: ``.jsonl`` or ``.csv`` by the file's suffix."""
    rows = evalap_rows(items)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        write_atomic(path, jsonl_lines(rows))
    elif suffix == ".csv":
        write_atomic(path, _csv_lines(rows, ["id", "query", "output_true", "context"]))
    else:
        raise UsageError(f"{path}: an EvalAP table must end in .jsonl or .csv")
