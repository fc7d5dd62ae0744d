"""Reading source tables (JSON, JSONL, CSV) and writing gold files without half-written results."""

import csv
import io
import json
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from harness.errors import InputError
from harness.files import read_text

Record = dict[str, Any]


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


def _from_jsonl(path: Path, text: str) -> list[tuple[int, Record]]:
    records: list[tuple[int, Record]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(path, f"is not valid JSON ({error.msg})", line=number) from None
        if not isinstance(row, dict):
            raise InputError(path, "is not a JSON object", line=number)
        records.append((number, row))
    return records


def _from_csv(path: Path, text: str) -> list[tuple[int, Record]]:
    header = text.split("\n", 1)[0]
    # Opendatasoft exports use ";"; pandas and spreadsheets often ","; pick what the header uses.
    delimiter = max(";,\t", key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, Record]] = []
    try:
        for row in reader:
            if None in row:
                raise InputError(
                    path, "has more cells than the header has columns", line=reader.line_num
                )
            records.append((reader.line_num, dict(row)))
    except csv.Error as error:
        raise InputError(path, f"is not valid CSV ({error})", line=reader.line_num) from None
    return records


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


def jsonl_lines(rows: Iterable[Record]) -> Iterable[str]:
    """One compact JSON object per line, non-ASCII kept readable."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
