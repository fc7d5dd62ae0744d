"""An audit of a corpus, chunk by chunk, in-process or on Ray, resumable.

``AUDIT_DIR/audit.json`` says what was audited (the corpus's hash, the chunk size, the style guide
and scorer versions); ``AUDIT_DIR/chunks/chunk-NNNNN.parquet`` holds the records of chunk NNNNN,
written whole through a rename by this process alone. A chunk is done if and only if its file
exists, so a killed audit continues with the chunks that have none.

The corpus is never held whole: it is read once to count its replies and find bad input before
anything is written, then again as the engine asks for chunks; the page is added up a chunk at a
time. Memory stays that of the chunks in flight, whatever the size of the export.
"""

import hashlib
import itertools
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from harness.audit._chunk import Record, audit_chunk, parquet_schema
from harness.errors import InputError, PlumeError, UsageError
from harness.files import open_bytes, write_atomic
from harness.gold import SppRow, iter_records

Engine = Literal["local", "ray"]

MANIFEST = "audit.json"
CHUNKS = "chunks"
CHUNK_SIZE = 500
"""Replies per chunk: a few seconds of work, and the most a killed audit does again per worker."""


@dataclass(frozen=True)
class AuditSummary:
    """What an audit did."""

    out: Path
    """The audit folder."""
    replies: int
    """Replies audited, in all chunks."""
    skipped: tuple[str, ...]
    """Rows of the corpus left out, with the reason (``row 12: no reply``)."""
    chunks: int
    """Chunks in the audit."""
    resumed: int
    """Chunks found done from an earlier, interrupted audit."""
    report: Path
    """The HTML page."""


READ_BATCH = 1_000
"""Records of the corpus parsed at a time: what the driver holds of the export, with the chunks
in flight."""


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The corpus's records one at a time, each with its line or record number."""
    if path.suffix.lower() != ".parquet":
        if path.suffix.lower() not in (".csv", ".json", ".jsonl"):
            raise InputError(path, "must be a .csv, .json, .jsonl or .parquet file")
        yield from iter_records(path)
        return
    import pyarrow.parquet as pq

    number = 0
    with open_bytes(path, "the corpus") as stream:
        try:
            for batch in pq.ParquetFile(stream).iter_batches(batch_size=READ_BATCH):
                for record in batch.to_pylist():
                    number += 1
                    yield number, record
        except Exception as error:  # pyarrow raises several types for a file that is not Parquet
            raise InputError(path, f"is not a Parquet file ({error})") from None


def _batches(path: Path) -> Iterator[tuple[list[SppRow], list[str]]]:
    """Experiences with a reply from a Services Publics+ export (CSV or JSON as published, JSONL,
    or Parquet with the same columns) and the rows left out with the reason, a batch of records
    at a time.

    Raises:
        InputError: the file cannot be read or lacks the export's columns.
    """
    from harness.gold import spp_rows

    records = _records(path)
    while batch := list(itertools.islice(records, READ_BATCH)):
        yield spp_rows(path, batch)


def _survey(path: Path) -> tuple[int, list[str]]:
    """How many replies ``path`` holds, and the rows left out with the reason: the whole file is
    read once before anything is written, so that bad input stops the audit before it starts.

    Raises:
        InputError: the file cannot be read, lacks the export's columns, or has no reply.
    """
    replies, skipped = 0, []
    for rows, left_out in _batches(path):
        replies += len(rows)
        skipped += left_out
    if not replies:
        detail = f" ({skipped[0]})" if skipped else ""
        raise InputError(path, f"holds no experience with a reply to audit{detail}")
    return replies, skipped


def _chunks(path: Path, chunk_size: int) -> Iterator[list[SppRow]]:
    """The corpus's experiences with a reply, ``chunk_size`` at a time."""
    pending: list[SppRow] = []
    for rows, _ in _batches(path):
        pending += rows
        while len(pending) >= chunk_size:
            yield pending[:chunk_size]
            del pending[:chunk_size]
    if pending:
        yield pending


def _sha256(path: Path) -> str:
    with open_bytes(path, "the corpus") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _manifest(corpus: Path, replies: int, chunk_size: int) -> dict[str, object]:
    from harness.audit._chunk import CRITERIA
    from harness.scoring import default_scorers
    from harness.styleguide import load_styleguide

    guide = load_styleguide()
    return {
        "corpus": {
            "name": corpus.name,
            "sha256": _sha256(corpus),
            "replies": replies,
        },
        "chunk_size": chunk_size,
        "styleguide": {"version": guide.version, "sha256": guide.sha256},
        "scorers": {s.name: s.version for s in default_scorers() if s.name in CRITERIA},
    }


def _start(out: Path, manifest: dict[str, object], resume: bool) -> None:
    path = out / MANIFEST
    if path.exists():
        if not resume:
            raise UsageError(
                f"{out} already holds an audit: add --resume to continue it,"
                " or choose another --out"
            )
        try:
            before = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InputError(path, "is not an audit manifest; choose another --out") from None
        changed = sorted(key for key in manifest if before.get(key) != manifest[key])
        if changed:
            raise UsageError(
                f"{out} holds an audit with another {', '.join(changed)}: it cannot be resumed"
                " with this corpus and these settings; choose another --out"
            )
    elif resume:
        raise UsageError(f"{out} holds no audit to resume: run without --resume")
    elif out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out} is not empty: choose a new folder for the audit")
    (out / CHUNKS).mkdir(parents=True, exist_ok=True)
    if not path.exists():
        write_atomic(path, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


def chunk_path(out: Path, index: int) -> Path:
    """Where chunk ``index`` is written."""
    return out / CHUNKS / f"chunk-{index:05d}.parquet"


def _write_chunk(path: Path, records: list[Record]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(records, schema=parquet_schema())
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            pq.write_table(table, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _local(chunks: Iterable[Sequence[SppRow]]) -> Iterator[tuple[int, list[Record]]]:
    for index, chunk in enumerate(chunks):
        yield index, audit_chunk(chunk)


def run_audit(
    corpus: Path,
    out: Path,
    *,
    engine: Engine = "local",
    address: str | None = None,
    resume: bool = False,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> AuditSummary:
    """Anonymise, lint and score every reply of ``corpus`` into ``out``, then write the page.

    ``progress(done, total)`` is called after each chunk. With ``resume``, chunks already written
    by an interrupted audit of the same corpus with the same settings are kept.

    Raises:
        InputError: the corpus cannot be read.
        UsageError: ``out`` holds another audit, or one to resume without ``resume``.
    """
    from harness.audit._report import write_report

    if chunk_size < 1:
        raise UsageError("--chunk-size must be at least 1")
    if engine not in ("local", "ray"):
        raise UsageError(f"unknown engine {engine!r}: local or ray")
    replies, skipped = _survey(corpus)
    _start(out, _manifest(corpus, replies, chunk_size), resume)
    chunks = -(-replies // chunk_size)
    todo = [index for index in range(chunks) if not chunk_path(out, index).exists()]
    for leftover in (out / CHUNKS).glob(".chunk-*.tmp"):
        leftover.unlink()  # half-written by a killed audit

    # The corpus is read a second time, as the engine asks for chunks: only the chunks in flight
    # are in memory, whatever the size of the export.
    wanted = set(todo)
    batches = (chunk for index, chunk in enumerate(_chunks(corpus, chunk_size)) if index in wanted)
    done = chunks - len(todo)
    if engine == "ray":
        from harness.cluster import map_batches

        results = map_batches(audit_chunk, batches, address=address) if todo else iter(())
    else:
        results = _local(batches)
    for position, records in results:
        _write_chunk(chunk_path(out, todo[position]), records)
        done += 1
        if progress is not None:
            progress(done, chunks)
    try:
        report = write_report(out)
    except OSError as error:
        raise PlumeError(f"cannot write the audit page in {out}: {error}") from None
    return AuditSummary(
        out=out,
        replies=replies,
        skipped=tuple(skipped),
        chunks=chunks,
        resumed=chunks - len(todo),
        report=report,
    )


def iter_audit(out: Path) -> Iterator[Record]:
    """Every record of an audit, in corpus order, read a chunk at a time."""
    import pyarrow.parquet as pq

    for path in sorted((out / CHUNKS).glob("chunk-*.parquet")):
        yield from pq.read_table(path, schema=parquet_schema()).to_pylist()


def read_audit(out: Path) -> list[Record]:
    """Every record of an audit, in corpus order."""
    return list(iter_audit(out))
