"""`plume data anonymize`: text or the Anonymise JSON, from a file or standard input."""

import json
from pathlib import Path

from typer.testing import CliRunner

from harness.cli import app

runner = CliRunner()
TEXT = "Bonjour, je suis Mme Dupont, tél 06 12 34 56 78. J'ai appelé le 3646.\n"


def test_anonymize_a_file_as_text(tmp_path: Path) -> None:
    path = tmp_path / "message.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["data", "anonymize", str(path)])
    assert result.exit_code == 0
    assert result.output == "Bonjour, je suis Mme [NOM], tél [TÉLÉPHONE]. J'ai appelé le 3646.\n"


def test_anonymize_standard_input_as_json() -> None:
    for options in (["--json"], ["--format", "json"]):
        result = runner.invoke(app, ["data", "anonymize", "-", *options], input=TEXT)
        assert result.exit_code == 0
        data = json.loads(result.output)
        assert data["text"].startswith("Bonjour, je suis Mme [NOM], tél [TÉLÉPHONE].")
        assert [(e["type"], TEXT[e["start"] : e["end"]]) for e in data["entities"]] == [
            ("NOM", "Dupont"),
            ("TÉLÉPHONE", "06 12 34 56 78"),
        ]


def test_bad_input_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("ligne 1\ncafé".encode("latin-1"))
    result = runner.invoke(app, ["data", "anonymize", str(path)])
    assert result.exit_code == 1
    assert "latin1.txt:2: is not UTF-8 text" in result.output
    missing = runner.invoke(app, ["data", "anonymize", str(tmp_path / "none.txt")])
    assert missing.exit_code == 1 and "not found" in missing.output
