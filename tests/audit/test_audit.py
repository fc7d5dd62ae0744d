"""`plume audit` in-process: records, anonymisation, the page, resuming, inputs and bad input."""

import csv
import json
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from harness.audit import Record, chunk_path, read_audit, run_audit
from harness.cli import app
from harness.gold import read_records
from harness.styleguide import lint
from tests.audit.corpus import planted, write_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "export.csv", 120)


@pytest.fixture(scope="module")
def audited(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "audit"
    run_audit(corpus, out, chunk_size=50)
    return out


def test_every_reply_is_recorded_once_in_chunks(corpus: Path, audited: Path) -> None:
    ids = [
        row["ID expérience"]
        for row in csv.DictReader(corpus.open(encoding="utf-8-sig"), delimiter=";")
    ]
    records = read_audit(audited)
    assert [r["id"] for r in records] == ids
    assert sorted(p.name for p in (audited / "chunks").iterdir()) == [
        "chunk-00000.parquet",
        "chunk-00001.parquet",
        "chunk-00002.parquet",
    ]
    assert all(r["tone"] is not None and 0 <= r["tone"] <= 1 for r in records)
    assert all(r["conciseness"] is not None and r["readability"] is not None for r in records)
    assert {r["month"] for r in records} <= {
        f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)
    }


def test_nothing_written_holds_the_planted_identifiers(audited: Path) -> None:
    records = read_audit(audited)
    texts = [r[k] for r in records for k in ("title", "text", "reply")]
    texts += [v["excerpt"] for r in records for v in r["violations"]]
    assert [t for t in texts if planted(t)] == []
    assert not planted((audited / "index.html").read_text(encoding="utf-8"))
    # The generator plants them in about half the replies: the audit says which types it removed.
    assert sum(1 for r in records if "TÉLÉPHONE" in r["personal_data"]) > 5
    assert sum(1 for r in records if "NOM" in r["personal_data"]) > 5


def _audit_one(tmp_path: Path, reply: str, pseudonym: str = "") -> Record:
    row = {
        "id_experience": "1",
        "description": "Je n'ai pas reçu ma carte Vitale.",
        "pseudo": pseudonym,
        "reponse_structure_1": reply,
        "ressenti_usager": "Négatif",
        "intitule_typologie_1": "CPAM",
    }
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    run_audit(corpus, tmp_path / "audit")
    (record,) = read_audit(tmp_path / "audit")
    return record


def test_a_placeholder_is_not_held_against_the_reply(tmp_path: Path) -> None:
    record = _audit_one(
        tmp_path,
        "Bonjour Madame Durand,\n\nVotre carte Vitale a été envoyée le 3 mars. Si elle n'arrive"
        " pas, appelez-nous au 06 12 34 56 78.\n\nBonne journée.",
    )
    assert record["personal_data"] == ["NOM", "TÉLÉPHONE"]
    assert record["personal_data_count"] == 2
    assert "[NOM]" in record["reply"] and "Durand" not in record["reply"]
    start: int = record["reply"].index("[NOM]")

    def inside(low: int, high: int) -> bool:
        return start <= low and high <= start + len("[NOM]")

    # The style guide alone reads the placeholder as an acronym; the audit does not count it.
    assert any(inside(v.start, v.end) for v in lint(record["reply"]).violations)
    assert not any(inside(v["start"], v["end"]) for v in record["violations"])


def test_the_citizens_pseudonym_is_replaced_but_not_counted(tmp_path: Path) -> None:
    record = _audit_one(
        tmp_path, "Bonjour Lulu-B,\n\nVotre carte Vitale a été envoyée le 3 mars.", "Lulu-B"
    )
    assert record["reply"].startswith("Bonjour [NOM],")
    assert record["personal_data"] == [] and record["personal_data_count"] == 0


def test_the_page_is_static_french_and_locked_down(audited: Path) -> None:
    page = (audited / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    assert "<script" not in page.lower()
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for section in (
        "Règles les plus enfreintes",
        "Par service",
        "Par mois",
        "Distribution des scores",
    ):
        assert section in page
    assert page.count("<svg") >= 6
    assert "Les moins bonnes réponses" in page and "Les meilleures réponses" in page


def test_resume_does_only_the_missing_chunks(corpus: Path, audited: Path, tmp_path: Path) -> None:
    out = shutil.copytree(audited, tmp_path / "audit")  # a copy, not a new audit: it costs a second
    before = read_audit(out)
    chunk_path(out, 1).unlink()
    (out / "chunks" / ".chunk-00001.parquet.x.tmp").write_bytes(b"half")
    kept = {i: chunk_path(out, i).stat().st_mtime_ns for i in (0, 2)}
    summary = run_audit(corpus, out, chunk_size=50, resume=True)
    assert summary.resumed == 2
    assert {i: chunk_path(out, i).stat().st_mtime_ns for i in (0, 2)} == kept
    assert read_audit(out) == before
    assert not list((out / "chunks").glob(".*.tmp"))


def test_an_existing_audit_is_only_resumed_on_request(
    corpus: Path, audited: Path, tmp_path: Path
) -> None:
    out = shutil.copytree(audited, tmp_path / "audit")
    again = runner.invoke(app, ["audit", str(corpus), "--out", str(out), "--chunk-size", "50"])
    assert again.exit_code == 2
    assert "--resume" in again.output and "Traceback" not in again.output
    other = write_corpus(tmp_path / "other.csv", 30)
    changed = runner.invoke(app, ["audit", str(other), "--out", str(out), "--resume"])
    assert changed.exit_code == 2
    assert "corpus" in changed.output and "another --out" in changed.output


def test_jsonl_json_and_parquet_give_the_records_of_the_csv(
    corpus: Path, audited: Path, tmp_path: Path
) -> None:
    rows = [row for _, row in read_records(corpus)][:20]
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    as_json = tmp_path / "export.json"
    as_json.write_text(json.dumps(rows, ensure_ascii=False))
    parquet = tmp_path / "export.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet)
    expected = read_audit(audited)[:20]
    # Opendatasoft's records API (v2) wraps the rows, after their count.
    wrapped = tmp_path / "export-v2.json"
    wrapped.write_text(json.dumps({"total_count": len(rows), "results": rows}, ensure_ascii=False))
    for source in (jsonl, as_json, wrapped, parquet):
        run_audit(source, tmp_path / "audits" / source.name, chunk_size=50)
        found = read_audit(tmp_path / "audits" / source.name)
        # Row numbers are where each file holds the row (a CSV line, a record); the rest is equal.
        assert [{**r, "row": 0} for r in found] == [{**r, "row": 0} for r in expected], source


def test_a_corpus_read_in_many_pieces_gives_the_audit_of_whole_chunks(
    corpus: Path, audited: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = audited  # chunks of 50 rows, read in one piece
    # Rows without a reply every seventh row, and the export parsed 9 records at a time (the
    # driver holds no more than that of it): no chunk lines up with what was read.
    gappy = tmp_path / "gappy.csv"
    with corpus.open(encoding="utf-8-sig") as source, gappy.open("w", encoding="utf-8") as out:
        reader = csv.DictReader(source, delimiter=";")
        assert reader.fieldnames is not None
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames, delimiter=";")
        writer.writeheader()
        for number, row in enumerate(reader):
            if number % 7 == 3:
                writer.writerow({**row, "ID expérience": f"x{number}", "Réponse structure 1": ""})
            writer.writerow(row)
    monkeypatch.setattr("harness.audit._run.READ_BATCH", 9)
    summary = run_audit(gappy, tmp_path / "pieces", chunk_size=11)
    assert (summary.replies, summary.chunks, len(summary.skipped)) == (120, 11, 17)
    assert summary.skipped[0].endswith("no reply (reponse_structure_1 is empty)")
    found = read_audit(tmp_path / "pieces")
    assert [{**r, "row": 0} for r in found] == [{**r, "row": 0} for r in read_audit(whole)]

    def page(out: Path) -> str:  # but for the line naming the corpus by its name and hash
        return re.sub(r"<p>Corpus .*?</p>", "", (out / "index.html").read_text(encoding="utf-8"))

    assert page(tmp_path / "pieces") == page(whole)


def test_bad_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    wrong = tmp_path / "export.csv"
    wrong.write_text("id;texte\n1;bonjour\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(wrong), "--out", str(tmp_path / "a")])
    assert result.exit_code == 1
    assert "export.csv" in result.output and "reponse_structure_1" in result.output
    assert "Traceback" not in result.output
    text = tmp_path / "export.txt"
    text.write_text("x")
    result = runner.invoke(app, ["audit", str(text), "--out", str(tmp_path / "b")])
    assert result.exit_code == 1 and ".parquet" in result.output
    broken = tmp_path / "export.parquet"
    broken.write_text("not parquet")
    result = runner.invoke(app, ["audit", str(broken), "--out", str(tmp_path / "c")])
    assert result.exit_code == 1 and "not a Parquet file" in result.output
    # The export is read a piece at a time; a fault far into it still stops the audit before
    # anything is written.
    header = "id_experience;description;reponse_structure_1;ressenti_usager\n"
    latin = tmp_path / "latin.csv"
    latin.write_bytes((header + "1;a;b;Neutre\n2;café;b;Neutre\n").encode("latin-1"))
    result = runner.invoke(app, ["audit", str(latin), "--out", str(tmp_path / "d")])
    assert result.exit_code == 1 and "latin.csv:3: is not UTF-8" in result.output
    cut = tmp_path / "cut.json"
    cut.write_text('[{"id_experience": "1", "description": "a", "reponse_structure_1": "b"}, {')
    result = runner.invoke(app, ["audit", str(cut), "--out", str(tmp_path / "e")])
    assert result.exit_code == 1 and "cut.json: is not valid JSON" in result.output
    assert not (tmp_path / "d").exists() and not (tmp_path / "e").exists()


def test_a_hostile_reply_is_shown_as_text(tmp_path: Path) -> None:
    _audit_one(
        tmp_path,
        'Bonjour,\n\n<script>alert(1)</script><img src=x onerror="alert(2)"> Votre dossier est'
        " complet.",
    )
    page = (tmp_path / "audit" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
