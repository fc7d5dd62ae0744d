"""Reading source tables (JSON, JSONL, CSV) and writing gold files without half-written results."""

import csv
import functools
import io
import itertools
import json
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from harness.errors import InputError
from harness.files import open_bytes, read_text

Record = dict[str, Any]


# Every row of a table repeats its column names: reduced once each, an export is read about
# twice as fast (0.56 → 0.30 CPU-s for `plume audit`'s pass over 20,000 rows).
@functools.lru_cache(maxsize=1024)
def column_key(name: str) -> str:
    """A column name reduced to lower-case ASCII words joined by ``_`` ("Écrit le" → "ecrit_le")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = "".join(ch if ch.isalnum() else " " for ch in plain.casefold()).split()
    return "_".join(words)


def _from_json(path: Path, text: str) -> list[tuple[int, Record]]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"is not valid JSON ({error.msg})", line=error.lineno) from None
    if isinstance(value, dict):
        # Opendatasoft's records API wraps rows in "results" (v2) or "records" with "fields" (v1).
        if isinstance(value.get("results"), list):
            value = value["results"]
        elif isinstance(value.get("records"), list):
            value = [r.get("fields", r) if isinstance(r, dict) else r for r in value["records"]]
        elif value and all(isinstance(column, dict) for column in value.values()):
            # pandas' DataFrame.to_json() default: {column: {row index: value}}.
            rows: dict[str, Record] = {}
            for column, cells in value.items():
                for index, cell in cells.items():
                    rows.setdefault(str(index), {})[column] = cell
            value = list(rows.values())
    if not isinstance(value, list):
        raise InputError(path, "holds no list of records (expected a JSON array of objects)")
    records: list[tuple[int, Record]] = []
    for number, row in enumerate(value, start=1):
        if not isinstance(row, dict):
            raise InputError(path, f"record {number} is not a JSON object")
        records.append((number, row))
    return records


def _jsonl_records(path: Path, lines: Iterable[str]) -> Iterator[tuple[int, Record]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(path, f"is not valid JSON ({error.msg})", line=number) from None
        if not isinstance(row, dict):
            raise InputError(path, "is not a JSON object", line=number)
        yield number, row


def _csv_records(path: Path, lines: Iterable[str]) -> Iterator[tuple[int, Record]]:
    lines = iter(lines)
    header = next(lines, "")
    # Opendatasoft exports use ";"; pandas and spreadsheets often ","; pick what the header uses.
    delimiter = max(";,\t", key=header.count)
    reader = csv.DictReader(itertools.chain([header], lines), delimiter=delimiter)
    try:
        for row in reader:
            if None in row:
                raise InputError(
                    path, "has more cells than the header has columns", line=reader.line_num
                )
            yield reader.line_num, dict(row)
    except csv.Error as error:
        raise InputError(path, f"is not valid CSV ({error})", line=reader.line_num) from None


def _from_jsonl(path: Path, text: str) -> list[tuple[int, Record]]:
    return list(_jsonl_records(path, text.split("\n")))


def _from_csv(path: Path, text: str) -> list[tuple[int, Record]]:
    return list(_csv_records(path, io.StringIO(text, newline="")))


def read_records(path: Path) -> list[tuple[int, Record]]:
    """Rows of a ``.json``, ``.jsonl`` or ``.csv`` table, each with its line or record number."""
    suffix = path.suffix.lower()
    if suffix not in (".json", ".jsonl", ".csv"):
        raise InputError(path, "must be a .json, .jsonl or .csv file")
    text = read_text(path)
    if not text.strip():
        raise InputError(path, "is empty")
    if suffix == ".csv":
        return _from_csv(path, text)
    if suffix == ".jsonl":
        return _from_jsonl(path, text)
    return _from_json(path, text)


def _lines(path: Path, stream: BinaryIO) -> Iterator[str]:
    """The lines of a UTF-8 file as read, line endings kept (as ``newline=""`` gives them to
    ``csv``); a byte that is not UTF-8 is reported on its own line."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise InputError(path, "is not UTF-8 text; save it as UTF-8", line=number) from None


def _first_line(error: Exception) -> str:
    # yajl's messages go on to draw the place of the fault over several lines.
    return str(error).strip().split("\n", 1)[0]


_JSON_ARRAYS = {"": "item", "results": "results.item", "records": "records.item"}
"""Where the rows are in the JSON layouts ``_from_json`` streams: a top-level array, or
Opendatasoft's ``results`` (v2) and ``records`` (v1, each row in ``fields``)."""


def _json_rows(path: Path) -> Iterator[tuple[int, Record]] | None:
    """The rows of a JSON table one at a time, or None for a layout that cannot be streamed
    (pandas' columns of rows)."""
    import ijson

    with open_bytes(path) as stream:
        try:
            prefix = next(
                (
                    _JSON_ARRAYS[where]
                    for where, event, _ in ijson.parse(stream)
                    if event == "start_array" and where in _JSON_ARRAYS
                ),
                None,
            )
        except ijson.JSONError as error:
            raise InputError(path, f"is not valid JSON ({_first_line(error)})") from None
    if prefix is None:
        return None

    def rows() -> Iterator[tuple[int, Record]]:
        with open_bytes(path) as stream:
            try:
                for number, row in enumerate(ijson.items(stream, prefix, use_float=True), 1):
                    if prefix == "records.item" and isinstance(row, dict):
                        row = row.get("fields", row)
                    if not isinstance(row, dict):
                        raise InputError(path, f"record {number} is not a JSON object")
                    yield number, row
            except ijson.JSONError as error:
                raise InputError(path, f"is not valid JSON ({_first_line(error)})") from None

    return rows()


def iter_records(path: Path) -> Iterator[tuple[int, Record]]:
    """The rows of a ``.json``, ``.jsonl`` or ``.csv`` table as ``read_records`` gives them, read
    as they are needed, so that an export of any size fits in memory.

    A JSON table laid out by columns (pandas' default) cannot be read a row at a time: it is read
    whole.
    """
    suffix = path.suffix.lower()
    if suffix not in (".json", ".jsonl", ".csv"):
        raise InputError(path, "must be a .json, .jsonl or .csv file")
    with open_bytes(path) as stream:
        if not stream.read(1):
            raise InputError(path, "is empty")
    if suffix == ".json":
        rows = _json_rows(path)
        yield from read_records(path) if rows is None else rows
        return
    with open_bytes(path) as stream:
        lines = _lines(path, stream)
        yield from _csv_records(path, lines) if suffix == ".csv" else _jsonl_records(path, lines)


def jsonl_lines(rows: Iterable[Record]) -> Iterable[str]:
    """One compact JSON object per line, non-ASCII kept readable."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
