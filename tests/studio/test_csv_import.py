"""`plume data import --from csv`: gold items from a writers' spreadsheet, every problem named by
row and column."""

import csv
from pathlib import Path

from typer.testing import CliRunner

from harness.cli._app import app
from harness.gold import load_gold

runner = CliRunner()
HEADER = ["Id", "Service", "Titre", "Expérience", "Ressenti", "Réponse", "Faits clés", "Pseudonyme"]
GOOD = [
    "caf-101",
    "Caf",
    "Attente",
    "J'attends mon aide depuis deux mois.",
    "Négatif",
    "Bonjour Camille,\n\nVotre dossier est complet. Nous verserons votre aide le 5 avril.",
    "dossier complet\nversement le 5 avril",
    "Camille",
]


def _sheet(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    # Spreadsheets save CSV with ";" in France, and a cell may span lines.
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_a_spreadsheet_becomes_a_gold_set(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "gold.csv", [GOOD])
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["data", "import", str(sheet), "--from", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    [item] = load_gold(out).items
    assert item.id == "caf-101"
    assert item.experience.sentiment == "negative"
    assert item.experience.pseudonym == "Camille"
    assert item.reply.startswith("Bonjour Camille,\n\n")  # the published pseudonym stays
    assert item.key_facts == ["dossier complet", "versement le 5 avril"]


def test_every_problem_is_named_by_row_and_column(tmp_path: Path) -> None:
    rows = [
        [*GOOD[:4], "bof", *GOOD[5:]],
        ["caf-102", *GOOD[1:5], "", *GOOD[6:]],
        GOOD,
        GOOD,
    ]
    sheet = _sheet(tmp_path / "gold.csv", rows)
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["data", "import", str(sheet), "--from", "csv", "--out", str(out)])
    assert result.exit_code == 1
    assert "4 problème(s) à corriger" in result.stderr
    assert "ligne 2, colonne « Ressenti » : « bof » ; écrivez positif, neutre ou négatif" in (
        result.stderr
    )
    assert "ligne 3, colonne « Réponse » : vide" in result.stderr
    assert "ligne 4, colonne « Id » : « caf-101 » est déjà l'id de la ligne 2" in result.stderr
    assert not out.exists()


def test_a_bad_date_names_its_column(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "gold.csv", [[*GOOD, "12/03/2026"]], [*HEADER, "Date"])
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["data", "import", str(sheet), "--from", "csv", "--out", str(out)])
    assert result.exit_code == 1
    assert "ligne 2, colonne « Date » : String should match pattern" in result.stderr


def test_an_unknown_or_missing_column_is_named(tmp_path: Path) -> None:
    header = [*HEADER[:5], "Reponse agent", *HEADER[6:]]
    sheet = _sheet(tmp_path / "gold.csv", [GOOD], header)
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["data", "import", str(sheet), "--from", "csv", "--out", str(out)])
    assert result.exit_code == 1
    assert "colonne inconnue « Reponse agent » ; colonne manquante « reponse »" in result.stderr


def test_personal_data_is_replaced_and_reported(tmp_path: Path) -> None:
    reply = "Bonjour Camille,\n\nAppelez votre conseiller au 06 12 34 56 78."
    sheet = _sheet(tmp_path / "gold.csv", [[*GOOD[:5], reply, *GOOD[6:]]])
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(app, ["data", "import", str(sheet), "--from", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "ligne 2, colonne « Réponse » : données personnelles remplacées" in result.stderr
    [item] = load_gold(out).items
    assert "06 12 34 56 78" not in item.reply
