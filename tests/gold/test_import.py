"""Importing the open-data export and EvalAP tables: valid, anonymised gold files, clear errors."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.errors import InputError
from harness.gold import (
    check_gold,
    evalap_rows,
    import_evalap,
    import_spp_export,
    load_gold,
    write_evalap,
    write_gold,
)

runner = CliRunner()
DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).resolve().parents[2] / "gold" / "services-publics-plus.jsonl"
PLANTED = (
    "Sandrine Lemoine",
    "1234567",
    "06 12 34 56 78",
    "2 92 01 69 045 012 40",
    "4567890K",
    "paul.martin@exemple.fr",
    "12 rue des Lilas",
    "Julien-B",
    "a.b@exemple.fr",
)


def _written_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["spp_export.json", "spp_export.csv"])
def test_the_export_imports_as_a_valid_anonymised_gold_file(name: str, tmp_path: Path) -> None:
    result = import_spp_export(DATA / name)
    out = tmp_path / "out.jsonl"
    write_gold(result.items, out)
    assert check_gold(out).ok
    text = _written_text(out)
    for value in PLANTED:
        assert value not in text
    for item in result.items:
        assert item.id.startswith("spp-")
        assert item.source and item.source.startswith("services-publics-plus-export:")
        assert item.context == [] and item.key_facts == []
        assert item.experience.pseudonym is None


def test_export_fields_map_to_the_gold_item() -> None:
    items = {i.id: i for i in import_spp_export(DATA / "spp_export.json").items}
    caf = items["spp-1048576"]
    assert caf.service == "Caf"
    assert caf.experience.sentiment == "negative"
    assert caf.experience.date == "2024-03-14"
    assert caf.experience.text.startswith("Bonjour, je m'appelle [NOM], allocataire n° [NUMÉRO].")
    assert caf.reply.startswith("Bonjour [NOM],\n")
    assert items["spp-1048577"].experience.sentiment == "positive"
    assert items["spp-1048579"].experience.text.endswith("est [NIR].")


def test_csv_labels_multiline_cells_and_french_dates_are_read() -> None:
    result = import_spp_export(DATA / "spp_export.csv")
    first = result.items[0]
    assert first.id == "spp-2097152"
    assert first.experience.date == "2025-01-15"
    assert "\n" in first.experience.text
    assert "[NUMÉRO]" in first.experience.text and "[EMAIL]" in first.experience.text
    assert "3949" in first.reply and "francetravail.fr" in first.reply


def test_rows_that_cannot_be_items_are_skipped_with_a_reason() -> None:
    assert import_spp_export(DATA / "spp_export.json").skipped == (
        "record 3: no reply (reponse_structure_1 is empty)",
    )
    assert import_spp_export(DATA / "spp_export.csv").skipped == (
        "row 6: ressenti_usager 'Peut-être' is not Positif, Neutre or Négatif",
    )


@pytest.mark.parametrize("name", ["evalap.csv", "evalap.jsonl", "evalap_pandas.json"])
def test_evalap_tables_import_as_valid_anonymised_gold_files(name: str, tmp_path: Path) -> None:
    result = import_evalap(DATA / name)
    out = tmp_path / "out.jsonl"
    write_gold(result.items, out)
    assert check_gold(out).ok
    assert len(result.items) == 2
    text = _written_text(out)
    for value in PLANTED:
        assert value not in text


def test_evalap_query_headers_fill_the_item() -> None:
    first, second = import_evalap(DATA / "evalap.csv").items
    assert first.id == "evalap-1"
    assert first.service == "Carsat"
    assert first.experience.title == "Pension de réversion"
    assert first.experience.date == "2024-02-03"
    assert first.experience.text.startswith("Ma mère attend")
    assert first.reply.startswith("Bonjour [NOM],")
    assert first.context == [
        "Le dossier est complet.",
        "Le premier paiement est prévu le mois suivant.",
    ]
    assert first.tags == ["sentiment-unknown"] and first.experience.sentiment == "neutral"
    assert second.service == "CPAM" and second.context == []


def test_evalap_columns_and_the_service_option() -> None:
    q1, q2 = import_evalap(DATA / "evalap.jsonl").items
    assert (q1.id, q1.service, q1.experience.sentiment, q1.tags) == (
        "evalap-q1",
        "France Travail",
        "negative",
        [],
    )
    assert q2.context == ["Fait 1", "Fait 2"] and q2.key_facts == ["Fait 1"]
    assert {i.service for i in import_evalap(DATA / "evalap.jsonl", service="Caf").items} == {"Caf"}


def test_exported_evalap_rows_import_back(tmp_path: Path) -> None:
    items = load_gold(BUNDLED).items[:8]
    for suffix in (".jsonl", ".csv"):
        table = tmp_path / f"evalap{suffix}"
        write_evalap(items, table)
        back = import_evalap(table).items
        assert [i.id for i in back] == [f"evalap-{i.id}" for i in items]
        assert [i.service for i in back] == [i.service for i in items]
        assert [i.experience.title for i in back] == [i.experience.title for i in items]
        assert [i.context for i in back] == [i.context for i in items]
    row = next(iter(evalap_rows(items[:1])))
    assert set(row) == {"id", "query", "output_true", "context"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", b'[{"id_experience": 1,', "is not valid JSON"),
        ("latin1.csv", "id_experience;description\n1;café\n".encode("latin-1"), "not UTF-8"),
        ("empty.json", b"", "is empty"),
        ("object.json", b'{"a": 1}', "holds no list of records"),
        ("cols.json", b'[{"titre": "x"}]', "has no column id_experience"),
        ("ragged.csv", b"id_experience;description;reponse_structure_1\n1;a;b;c\n", "more cells"),
        ("table.xlsx", b"PK", "must be a .json, .jsonl or .csv file"),
    ],
)
def test_bad_sources_are_input_errors(
    name: str, content: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        import_spp_export(path)


def test_a_source_without_any_importable_row_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text(
        json.dumps([{"id_experience": "1", "description": "x", "reponse_structure_1": ""}]),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no importable item"):
        import_spp_export(path)


def test_cli_import_writes_a_valid_file(tmp_path: Path) -> None:
    out = tmp_path / "imported.jsonl"
    result = runner.invoke(
        app,
        [
            "data",
            "import",
            "--from",
            "spp-export",
            str(DATA / "spp_export.json"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"{out}: 3 items written, 1 rows skipped" in result.output
    # The export holds no facts: accuracy cannot be judged on these items, and import says so.
    assert "3 items without key facts or context cannot be scored on accuracy" in result.output
    assert check_gold(out).ok
    result = runner.invoke(
        app, ["data", "import", "--format", "evalap", str(DATA / "evalap.csv"), "--out", str(out)]
    )
    assert result.exit_code == 0
    assert len(load_gold(out).items) == 2


def test_a_failed_import_leaves_no_file_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous content\n", encoding="utf-8")
    result = runner.invoke(app, ["data", "import", "--from", "spp", str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "is not valid JSON" in result.output and "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "out.jsonl"]


def test_an_interrupted_write_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    items = load_gold(BUNDLED).items

    def broken() -> object:
        yield items[0]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_gold(broken(), out)  # type: ignore[arg-type]
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_cli_export_and_stats(tmp_path: Path) -> None:
    out = tmp_path / "evalap.jsonl"
    result = runner.invoke(
        app, ["data", "export", str(BUNDLED), "--to", "evalap", "--out", str(out)]
    )
    assert result.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(load_gold(BUNDLED).items)
    stats = runner.invoke(app, ["data", "stats", str(BUNDLED)])
    assert stats.exit_code == 0
    assert "France Travail" in stats.output and "gold reply (words)" in stats.output


def test_export_refuses_a_review_folder_it_would_ignore(tmp_path: Path) -> None:
    out = tmp_path / "evalap.jsonl"
    args = ["data", "export", str(BUNDLED), "--out", str(out), "--review", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--review" in result.output and "--to evalap" in result.output
    assert not out.exists()
