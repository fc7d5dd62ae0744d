"""Gold items written by writers in a spreadsheet, saved as CSV: one row per item.

The columns have French names (any case, accents optional): ``id``, ``service``, ``titre``,
``expérience``, ``ressenti`` and ``réponse`` are required; ``date``, ``pseudonyme``,
``contexte``, ``faits clés``, ``étiquettes`` and ``source`` are optional. A cell holding a list
(context, key facts, tags) has one entry per line (Alt+Entrée in a spreadsheet cell).

Nothing is skipped: every problem is named by its spreadsheet row (the header is row 1) and its
column, and the file is imported only once it has none. Every text is anonymised, and each cell
that changed is reported, so that a writer sees what was replaced before the set is used.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pydantic import ValidationError

from harness.errors import InputError
from harness.gold._files import column_key, read_records
from harness.gold._item import GoldItem
from harness.privacy import anonymize

REQUIRED = ("id", "service", "titre", "experience", "ressenti", "reponse")
OPTIONAL = ("date", "pseudonyme", "contexte", "faits_cles", "etiquettes", "source")
LISTS = ("contexte", "faits_cles", "etiquettes")
_SENTIMENTS = {"positif": "positive", "neutre": "neutral", "negatif": "negative"}
_FIELDS = {  # where each column goes in a gold item, for pydantic's error locations
    ("id",): "id",
    ("service",): "service",
    ("experience", "title"): "titre",
    ("experience", "text"): "experience",
    ("experience", "sentiment"): "ressenti",
    ("experience", "date"): "date",
    ("experience", "pseudonym"): "pseudonyme",
    ("context",): "contexte",
    ("reply",): "reponse",
    ("key_facts",): "faits_cles",
    ("tags",): "etiquettes",
    ("source",): "source",
}
_MAX_SHOWN = 30


@dataclass(frozen=True)
class CsvImport:
    """The items of a writers' spreadsheet, and the cells anonymisation changed."""

    items: tuple[GoldItem, ...]
    """In row order."""
    anonymised: tuple[str, ...]
    """``ligne 4, colonne « réponse »`` for each cell where personal data was replaced."""


def import_writers_csv(path: Path) -> CsvImport:
    """Read a writers' spreadsheet (CSV) as anonymised gold items.

    Raises:
        InputError: not a CSV file, a missing or unknown column, or any cell that does not make
            a valid item; the message lists every problem by row and column.
    """
    if path.suffix.lower() != ".csv":
        raise InputError(path, "doit être un fichier .csv (Fichier > Enregistrer sous > CSV)")
    records = read_records(path)
    names = {column_key(str(name)): str(name) for _, row in records[:1] for name in row}
    unknown = [name for key, name in names.items() if key not in (*REQUIRED, *OPTIONAL)]
    missing = [key for key in REQUIRED if key not in names]
    if unknown or missing:
        parts = [f"colonne inconnue « {name} »" for name in unknown]
        parts += [f"colonne manquante « {key} »" for key in missing]
        raise InputError(
            path,
            f"{' ; '.join(parts)} (colonnes attendues : {', '.join(REQUIRED)} ;"
            f" facultatives : {', '.join(OPTIONAL)})",
            line=1,
        )

    def where(row: int, key: str) -> str:
        return f"ligne {row}, colonne « {names.get(key, key)} »"

    problems: list[str] = []
    items: list[GoldItem] = []
    anonymised: list[str] = []
    first_row: dict[str, int] = {}
    for index, (_, raw) in enumerate(records, start=2):
        cells = {column_key(str(k)): str(v or "").strip() for k, v in raw.items()}
        row_problems = [f"{where(index, key)} : vide" for key in REQUIRED if not cells.get(key)]
        sentiment = _SENTIMENTS.get(column_key(cells.get("ressenti", "")))
        if cells.get("ressenti") and sentiment is None:
            row_problems.append(
                f"{where(index, 'ressenti')} : « {cells['ressenti']} » ; écrivez positif, neutre"
                " ou négatif"
            )
        item_id = cells.get("id", "")
        if item_id in first_row:
            row_problems.append(
                f"{where(index, 'id')} : « {item_id} » est déjà l'id de la ligne"
                f" {first_row[item_id]}"
            )
        first_row.setdefault(item_id, index)
        if row_problems or sentiment is None:
            problems += row_problems
            continue
        try:
            item = _item(cells, sentiment, partial(where, index), anonymised)
        except ValidationError as error:
            for found in error.errors():
                location = tuple(str(part) for part in found["loc"] if not isinstance(part, int))
                key = _FIELDS.get(location, location[0] if location else "?")
                problems.append(f"{where(index, key)} : {found['msg']}")
            continue
        items.append(item)
    if problems:
        shown = "\n  ".join(problems[:_MAX_SHOWN])
        more = f"\n  … et {len(problems) - _MAX_SHOWN} autres" if len(problems) > _MAX_SHOWN else ""
        raise InputError(path, f"{len(problems)} problème(s) à corriger :\n  {shown}{more}")
    if not items:
        raise InputError(path, "ne contient aucune ligne après l'en-tête")
    return CsvImport(items=tuple(items), anonymised=tuple(anonymised))


def _item(
    cells: dict[str, str], sentiment: str, where: Callable[[str], str], anonymised: list[str]
) -> GoldItem:
    """One row as an anonymised gold item; ``anonymised`` receives the cells that changed.

    Raises:
        ValidationError: a cell does not fit the gold item's schema.
    """
    pseudonym = cells.get("pseudonyme") or None
    allow = [pseudonym] if pseudonym else []  # a published pseudonym is not personal data

    def clean(key: str, text: str) -> str:
        result = anonymize(text, allow=allow).text
        if result != text:
            anonymised.append(where(key))
        return result

    def lines(key: str, *, private: bool = True) -> list[str]:
        found = [line.strip() for line in cells.get(key, "").splitlines() if line.strip()]
        return [clean(key, line) for line in found] if private else found

    return GoldItem.model_validate(
        {
            "id": cells["id"],
            "service": cells["service"],
            "experience": {
                "title": clean("titre", cells["titre"]),
                "text": clean("experience", cells["experience"]),
                "sentiment": sentiment,
                "date": cells.get("date") or None,
                "pseudonym": pseudonym,
            },
            "context": lines("contexte"),
            "reply": clean("reponse", cells["reponse"]),
            "key_facts": lines("faits_cles"),
            "tags": lines("etiquettes", private=False),
            "source": cells.get("source") or None,
        }
    )
