"""Importing the Services Publics+ open-data export and EvalAP tables as anonymised gold items."""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from harness.errors import InputError, format_validation_error
from harness.gold._files import Record, column_key, read_records
from harness.gold._item import Experience, GoldItem, Sentiment
from harness.privacy import anonymize
from harness.text import fold

UNKNOWN_SERVICE = "non précisé"
"""The service of an item whose source does not name one."""


@dataclass(frozen=True)
class ImportResult:
    """Gold items made from a source table, and the rows left out with the reason."""

    items: tuple[GoldItem, ...]
    """Anonymised items, in source order."""
    skipped: tuple[str, ...]
    """One line per row left out: ``row 12: no reply``."""


_SENTIMENTS: dict[str, Sentiment] = {
    "positif": "positive",
    "positive": "positive",
    "neutre": "neutral",
    "neutral": "neutral",
    "negatif": "negative",
    "negative": "negative",
}

_SPP_DATES = ("ecrit_le", "date_de_redaction", "date_de_creation", "date_de_publication", "date")
_PSEUDONYM_COLUMNS = ("pseudo", "pseudonyme", "pseudo_usager", "pseudo_de_l_utilisateur")


class _Skip(Exception):
    """A row that cannot become a gold item; the message says why."""


def _cell(row: Record, *names: str) -> str:
    for name in names:
        value = row.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def _sentiment(value: str) -> Sentiment | None:
    return _SENTIMENTS.get(fold(value))


def _iso_date(value: str) -> str | None:
    if match := re.match(r"^(\d{4})-(\d{2})-(\d{2})", value):
        return "-".join(match.groups())
    if match := re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})", value):
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


def _item_id(prefix: str, raw: str) -> str:
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9._-]+', '-', raw).strip('-.')}"


def _title_from(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return first if len(first) <= 80 else first[:79].rsplit(" ", 1)[0] + "…"


def _keyed(records: list[tuple[int, Record]]) -> Iterator[tuple[int, Record]]:
    for number, row in records:
        yield number, {column_key(str(k)): v for k, v in row.items()}


def _require(path: Path, records: list[tuple[int, Record]], columns: Iterable[str]) -> None:
    present = {column_key(str(k)) for _, row in records[:1] for k in row}
    missing = [c for c in columns if c not in present]
    if records and missing:
        found = ", ".join(sorted(present)) or "none"
        raise InputError(path, f"has no column {', '.join(missing)} (columns found: {found})")


def _collect(
    path: Path,
    rows: Iterator[tuple[int, Record]],
    make: Callable[[int, Record], GoldItem],
    where: str,
) -> ImportResult:
    items: list[GoldItem] = []
    skipped: list[str] = []
    seen: set[str] = set()
    # Items are numbered by their position in the table (EvalAP aligns rows by it); messages
    # give the line or record number a person can find in the file.
    for index, (number, row) in enumerate(rows, start=1):
        try:
            item = make(index, row)
        except _Skip as reason:
            skipped.append(f"{where} {number}: {reason}")
            continue
        except ValidationError as error:
            skipped.append(f"{where} {number}: {format_validation_error(error)}")
            continue
        if item.id in seen:
            skipped.append(f"{where} {number}: duplicate id {item.id!r}")
            continue
        seen.add(item.id)
        items.append(item)
    if not items:
        detail = f" ({skipped[0]})" if skipped else ""
        raise InputError(path, f"gave no importable item{detail}")
    return ImportResult(items=tuple(items), skipped=tuple(skipped))


@dataclass(frozen=True)
class SppRow:
    """One experience of the Services Publics+ export with a reply, as published: not anonymised."""

    number: int
    """Its line (CSV, JSONL) or record (JSON, Parquet) number in the file."""
    id: str
    """``id_experience``."""
    service: str
    """``intitule_typologie_1``, or ``UNKNOWN_SERVICE``."""
    title: str
    """``titre``, or the text's first sentence."""
    text: str
    """The citizen's message (``description``)."""
    reply: str
    """The agent's reply (``reponse_structure_1``)."""
    sentiment: Sentiment
    """``ressenti_usager``."""
    date: str | None
    """When it was written (ISO 8601 date), if known."""
    pseudonym: str
    """The citizen's pseudonym, or empty: used only to find and remove it."""


SPP_COLUMNS = ("id_experience", "description", "reponse_structure_1")
"""Columns every Services Publics+ export has."""


def _spp_row(number: int, row: Record) -> SppRow:
    raw_id = _cell(row, "id_experience")
    text = _cell(row, "description")
    reply = _cell(row, "reponse_structure_1")
    if not raw_id:
        raise _Skip("no id_experience")
    if not text:
        raise _Skip("empty description")
    if not reply:
        raise _Skip("no reply (reponse_structure_1 is empty)")
    felt = _cell(row, "ressenti_usager")
    sentiment = _sentiment(felt)
    if sentiment is None:
        raise _Skip(f"ressenti_usager {felt!r} is not Positif, Neutre or Négatif")
    return SppRow(
        number=number,
        id=raw_id,
        service=_cell(row, "intitule_typologie_1") or UNKNOWN_SERVICE,
        title=_cell(row, "titre") or _title_from(text),
        text=text,
        reply=reply,
        sentiment=sentiment,
        date=_iso_date(_cell(row, *_SPP_DATES)),
        pseudonym=_cell(row, *_PSEUDONYM_COLUMNS),
    )


def spp_rows(path: Path, records: list[tuple[int, Record]]) -> tuple[list[SppRow], list[str]]:
    """The rows of a Services Publics+ export already read from ``path`` (by ``read_records`` or
    from Parquet), with one line per row left out (``row 12: no reply``).

    Raises:
        InputError: a column every export has is missing.
    """
    _require(path, records, SPP_COLUMNS)
    where = "row" if path.suffix.lower() == ".csv" else "record"
    rows: list[SppRow] = []
    skipped: list[str] = []
    for number, row in _keyed(records):
        try:
            rows.append(_spp_row(number, row))
        except _Skip as reason:
            skipped.append(f"{where} {number}: {reason}")
    return rows, skipped


def import_spp_export(path: Path) -> ImportResult:
    """Read the Services Publics+ open-data export (``export-expa-c-riences``, JSON or CSV).

    Texts, titles and replies are anonymised before anything is kept; ``context`` and
    ``key_facts`` stay empty, and ``source`` records the experience id. Rows without a reply or
    with an unknown ``ressenti_usager`` are left out and listed in ``skipped``.
    """
    records = read_records(path)
    _require(path, records, SPP_COLUMNS)

    def make(index: int, record: Record) -> GoldItem:
        row = _spp_row(index, record)
        known = [row.pseudonym] if row.pseudonym else []
        return GoldItem(
            id=_item_id("spp", row.id),
            service=row.service,
            experience=Experience(
                title=anonymize(row.title, known=known).text,
                text=anonymize(row.text, known=known).text,
                sentiment=row.sentiment,
                date=row.date,
            ),
            reply=anonymize(row.reply, known=known).text,
            source=f"services-publics-plus-export:{row.id}",
        )

    where = "row" if path.suffix.lower() == ".csv" else "record"
    return _collect(path, _keyed(records), make, where)


_QUERY_HEADER = re.compile(r"^\s*([^:\n]{2,40}?)\s*:\s*(.*)$")
_QUERY_FIELDS = {
    "pseudo_de_l_utilisateur": "pseudonym",
    "pseudo": "pseudonym",
    "titre": "title",
    "theme": "service",
    "institution": "service",
    "date_du_message": "date",
    "date": "date",
    "ressenti": "sentiment",
    "ressenti_usager": "sentiment",
}


def _parse_query(query: str) -> tuple[dict[str, str], str]:
    """Split EvalAP's "Pseudo de l'utilisateur: …\\nTitre: …" header lines from the message."""
    headers: dict[str, str] = {}
    lines = query.strip().split("\n")
    body_start = 0
    for index, line in enumerate(lines):
        match = _QUERY_HEADER.match(line)
        field = _QUERY_FIELDS.get(column_key(match.group(1))) if match else None
        if match is None or field is None:
            break
        headers[field] = match.group(2).strip()
        body_start = index + 1
    return headers, "\n".join(lines[body_start:]).strip()


def _facts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str) and value.strip():
        return [line.strip() for line in value.split("\n") if line.strip()]
    return []


def import_evalap(path: Path, *, service: str | None = None) -> ImportResult:
    """Read an EvalAP dataset table (``query``, ``output_true``; CSV, JSON or JSONL).

    Header lines EvalAP puts in ``query`` (pseudonym, title, theme, date) fill the item's fields;
    the pseudonym is used only to find and remove it. Without a sentiment column or header the
    item is marked neutral and tagged ``sentiment-unknown``. ``service`` names the service when
    the table does not.
    """
    records = read_records(path)
    _require(path, records, ("query", "output_true"))

    def make(index: int, row: Record) -> GoldItem:
        headers, text = _parse_query(_cell(row, "query"))
        reply = _cell(row, "output_true")
        if not text:
            raise _Skip("empty query")
        if not reply:
            raise _Skip("empty output_true")
        pseudonym = headers.get("pseudonym") or _cell(row, *_PSEUDONYM_COLUMNS)
        known = [pseudonym] if pseudonym else []
        felt = headers.get("sentiment") or _cell(row, "sentiment", "ressenti_usager")
        sentiment = _sentiment(felt) if felt else None
        tags = [] if sentiment else ["sentiment-unknown"]
        raw_id = _cell(row, "id", "id_experience") or str(index)
        title = headers.get("title") or _cell(row, "title", "titre") or _title_from(text)

        def clean(value: str) -> str:
            return anonymize(value, known=known).text

        return GoldItem(
            id=_item_id("evalap", raw_id),
            service=service
            or _cell(row, "service", "institution", "intitule_typologie_1")
            or headers.get("service")
            or UNKNOWN_SERVICE,
            experience=Experience(
                title=clean(title),
                text=clean(text),
                sentiment=sentiment or "neutral",
                date=_iso_date(headers.get("date") or _cell(row, "date")),
            ),
            context=[clean(f) for f in _facts(row.get("context"))],
            reply=clean(reply),
            key_facts=[clean(f) for f in _facts(row.get("key_facts"))],
            tags=tags,
            source=f"evalap:{path.name}#{raw_id}",
        )

    where = "row" if path.suffix.lower() == ".csv" else "record"
    return _collect(path, _keyed(records), make, where)


def evalap_rows(items: Iterable[GoldItem]) -> Iterator[Record]:
    """Gold items as EvalAP dataset rows: ``query``, ``output_true``, ``context`` and the id."""
    for item in items:
        query = f"Titre: {item.experience.title}\nThème: {item.service}\n\n{item.experience.text}"
        yield {
            "id": item.id,
            "query": query,
            "output_true": item.reply,
            "context": "\n".join(item.context),
        }
