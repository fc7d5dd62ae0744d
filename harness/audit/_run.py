"""An audit of a corpus, chunk by chunk, in-process or on Ray, resumable.

``AUDIT_DIR/audit.json`` says what was audited (the corpus's hash, the chunk size, the style guide
and scorer versions); ``AUDIT_DIR/chunks/chunk-NNNNN.parquet`` holds the records of chunk NNNNN,
written whole through a rename by this process alone. A chunk is done if and only if its file
exists, so a killed audit continues with the chunks that have none.
"""

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from harness.audit._chunk import Record, audit_chunk, parquet_schema
from harness.errors import InputError, PlumeError, UsageError
from harness.files import read_bytes, write_atomic
from harness.gold import SppRow

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


def read_corpus(path: Path) -> tuple[list[SppRow], list[str]]:
    """Experiences with a reply from a Services Publics+ export: CSV or JSON as published, JSONL,
    or Parquet with the same columns; and the rows left out, with the reason.

    Raises:
        InputError: the file cannot be read, lacks the export's columns, or has no reply.
    """
    from harness.gold import spp_rows

    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        read_bytes(path, "the corpus")  # one clear message for a missing or unreadable file
        try:
            table = pq.read_table(path)
        except Exception as error:  # pyarrow raises several types for a file that is not Parquet
            raise InputError(path, f"is not a Parquet file ({error})") from None
        records = list(enumerate(table.to_pylist(), start=1))
    else:
        from harness.gold import read_records

        if path.suffix.lower() not in (".csv", ".json", ".jsonl"):
            raise InputError(path, "must be a .csv, .json, .jsonl or .parquet file")
        records = read_records(path)
    rows, skipped = spp_rows(path, records)
    if not rows:
        detail = f" ({skipped[0]})" if skipped else ""
        raise InputError(path, f"holds no experience with a reply to audit{detail}")
    return rows, skipped


def _manifest(corpus: Path, replies: int, chunk_size: int) -> dict[str, object]:
    from harness.audit._chunk import CRITERIA
    from harness.scoring import default_scorers
    from harness.styleguide import load_styleguide

    guide = load_styleguide()
    return {
        "corpus": {
            "name": corpus.name,
            "sha256": hashlib.sha256(read_bytes(corpus, "the corpus")).hexdigest(),
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


def _local(chunks: Sequence[Sequence[SppRow]]) -> Iterator[tuple[int, list[Record]]]:
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
    rows, skipped = read_corpus(corpus)
    _start(out, _manifest(corpus, len(rows), chunk_size), resume)
    chunks = [rows[start : start + chunk_size] for start in range(0, len(rows), chunk_size)]
    todo = [index for index in range(len(chunks)) if not chunk_path(out, index).exists()]
    for leftover in (out / CHUNKS).glob(".chunk-*.tmp"):
        leftover.unlink()  # half-written by a killed audit

    done = len(chunks) - len(todo)
    if engine == "ray":
        from harness.audit._ray import map_batches

        results = map_batches(audit_chunk, [chunks[index] for index in todo], address=address)
    else:
        results = _local([chunks[index] for index in todo])
    for position, records in results:
        _write_chunk(chunk_path(out, todo[position]), records)
        done += 1
        if progress is not None:
            progress(done, len(chunks))
    try:
        report = write_report(out)
    except OSError as error:
        raise PlumeError(f"cannot write the audit page in {out}: {error}") from None
    return AuditSummary(
        out=out,
        replies=len(rows),
        skipped=tuple(skipped),
        chunks=len(chunks),
        resumed=len(chunks) - len(todo),
        report=report,
    )


def read_audit(out: Path) -> list[Record]:
    """Every record of an audit, in corpus order."""
    import pyarrow.parquet as pq

    records: list[Record] = []
    for path in sorted((out / CHUNKS).glob("chunk-*.parquet")):
        records.extend(pq.read_table(path, schema=parquet_schema()).to_pylist())
    return records
