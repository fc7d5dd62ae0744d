"""The `plume` command: help, version, and one clear line for every error a user can cause here."""

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness import __version__
from harness.cli import app

runner = CliRunner()


def test_help_lists_every_command_group() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in (
        "run",
        "score",
        "report",
        "tune",
        "lint",
        "data",
        "prompts",
        "models",
        "doctor",
    ):
        assert command in result.output


def test_help_loads_no_package_a_command_needs() -> None:
    """`plume --help` stays instant: spaCy, DSPy, the HTTP client and Plume's own packages load
    only when a command that needs them runs."""
    heavy = ("spacy", "dspy", "aiohttp", "jinja2", "harness.runner", "harness.gold")
    script = (
        "import sys\n"
        "from harness.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_remote_model_without_key_exits_2_naming_the_variable(small_local_root: Path) -> None:
    result = runner.invoke(
        app, ["run", "--models", "albert", "--gold", str(small_local_root / "gold" / "mini.jsonl")]
    )
    assert result.exit_code == 2
    assert "ALBERT_API_KEY" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unknown_model_lists_the_declared_ones(small_local_root: Path) -> None:
    result = runner.invoke(
        app, ["run", "--models", "gpt-17", "--gold", str(small_local_root / "gold" / "mini.jsonl")]
    )
    assert result.exit_code == 2
    assert "gpt-17" in result.output and "smollm2" in result.output


def test_missing_gold_file_is_one_line(small_local_root: Path) -> None:
    result = runner.invoke(app, ["run", "--models", "smollm2", "--gold", "/nonexistent/gold.jsonl"])
    assert result.exit_code == 1
    assert "/nonexistent/gold.jsonl" in result.output
    assert "Traceback" not in result.output


def test_malformed_gold_names_file_and_line(small_local_root: Path, tmp_path: Path) -> None:
    gold = tmp_path / "bad.jsonl"
    good = (small_local_root / "gold" / "mini.jsonl").read_text(encoding="utf-8").splitlines()[0]
    gold.write_text(good + "\n{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--models", "smollm2", "--gold", str(gold)])
    assert result.exit_code == 1
    assert f"{gold}:2" in result.output.replace("\n", "")


def test_malformed_models_yaml_names_file_and_line(plume_root: Path) -> None:
    (plume_root / "models.yaml").write_text(
        "models:\n  - name: ok\n    provider: local\n    model: m\n    remote: false\n"
        "    local: {path: /x.gguf}\n  - name: broken\n    provider: nowhere\n    model: m\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 1
    assert "models.yaml:7" in result.output
    assert "provider" in result.output


def test_doctor_says_whether_a_key_is_set_never_its_value(
    plume_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "sk-test-plume-0123456789abcdef"
    monkeypatch.setenv("MISTRAL_API_KEY", secret)
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0
    assert secret not in result.output
    lines = {
        line.split("│")[1].strip(): line
        for line in result.output.splitlines()
        if line.count("│") >= 3
    }
    assert "not set" not in lines["key MISTRAL_API_KEY"]
    assert "not set" in lines["key ALBERT_API_KEY"]


def test_models_list_marks_models_without_key_unavailable(plume_root: Path) -> None:
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    claude = next(line for line in result.output.splitlines() if "claude" in line)
    smollm2 = next(line for line in result.output.splitlines() if "smollm2" in line)
    assert "ANTHROPIC_API_KEY" in claude
    assert "yes" in smollm2.split("│")[-2]


def test_plume_anonymize_is_the_data_command(tmp_path: Path) -> None:
    source = tmp_path / "message.txt"
    source.write_text("Je suis Marie Dupont, joignable au 06 12 34 56 78.\n", encoding="utf-8")
    top = runner.invoke(app, ["anonymize", "--json", str(source)])
    nested = runner.invoke(app, ["data", "anonymize", "--json", str(source)])
    assert top.exit_code == 0 and top.output == nested.output
    assert "06 12 34 56 78" not in top.output and "[TÉLÉPHONE]" in top.output
