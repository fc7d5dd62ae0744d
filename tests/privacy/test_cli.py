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


def test_prompts_render_remote_shows_the_name_after_a_role_replaced(
    plume_root: Path, tmp_path: Path
) -> None:
    bundled = (plume_root / "gold" / "services-publics-plus.jsonl").read_text(encoding="utf-8")
    row = json.loads(bundled.splitlines()[0])
    row["experience"]["text"] = "Le conseiller M. Dupont ne répond pas. Hier M. Dupont m'a appelé."
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    args = [
        "prompts",
        "render",
        "reply",
        "--item",
        row["id"],
        "--gold",
        str(gold),
        "--few-shot",
        "0",
    ]
    local = runner.invoke(app, args)
    remote = runner.invoke(app, [*args, "--remote"])
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert "Le conseiller M. Dupont ne répond pas." in local.output
    assert "Le conseiller M. [NOM] ne répond pas. Hier M. [NOM] m'a appelé." in remote.output
    assert "Dupont" not in remote.output
