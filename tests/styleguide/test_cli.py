"""`plume lint` and `plume styleguide check|docs|diff`, through Typer's test runner."""

import json
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.styleguide import StyleGuide, load_styleguide
from tests.runner.plume import default_signals
from tests.styleguide.conftest import SHIPPED, replace_in
from tests.styleguide.test_examples import PLAIN, POMPOUS

runner = CliRunner()
TEXT_LINE = re.compile(r"^(?P<path>.+):(\d+):(\d+): (error|warning|info) (SPP-[A-Z]+-\d+) \S.*$")


@pytest.fixture
def replies(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in (("pompous", POMPOUS), ("plain", PLAIN)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_text_output_is_one_editor_line_per_violation(replies: dict[str, Path]) -> None:
    result = runner.invoke(app, ["lint", str(replies["pompous"]), str(replies["plain"])])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    matches = [TEXT_LINE.match(line) for line in lines]
    assert lines and all(matches)
    assert {match["path"] for match in matches if match} == {str(replies["pompous"])}
    assert f"{replies['pompous']}:3:6: error SPP-STRUCT-05" in result.stdout
    assert "(nous avons bien reçu votre message)" in result.stdout
    assert f"in 2 files (style guide {load_styleguide(SHIPPED).version}" in result.stderr


def test_a_plain_reply_exits_0(replies: dict[str, Path]) -> None:
    result = runner.invoke(app, ["lint", str(replies["plain"])])
    assert result.exit_code == 0
    assert result.stdout == ""


def test_json_output_follows_the_lint_contract(replies: dict[str, Path], guide: StyleGuide) -> None:
    result = runner.invoke(app, ["lint", "--format", "json", str(replies["pompous"])])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    schema = json.loads((SHIPPED / "lint-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(payload, schema, cls=jsonschema.Draft202012Validator)
    assert payload["styleguide"] == {"version": guide.version, "sha256": guide.sha256}
    [entry] = payload["files"]
    assert set(entry) == {"path", "violations", "metrics"}
    assert entry["path"] == str(replies["pompous"])
    assert {"words", "sentences", "mean_sentence_words", "kandel_moles", "lix"} <= set(
        entry["metrics"]
    )
    text = POMPOUS
    assert len(entry["violations"]) >= 5
    for violation in entry["violations"]:
        assert list(violation) == [
            "rule",
            "severity",
            "start",
            "end",
            "line",
            "column",
            "excerpt",
            "message",
            "suggestion",
        ]
        assert violation["excerpt"] == text[violation["start"] : violation["end"]]


def test_standard_input_is_read_by_default_and_with_a_dash() -> None:
    for arguments in (["lint"], ["lint", "-"]):
        result = runner.invoke(app, arguments, input="Bonjour,\nTu as raison ; merci.")
        assert result.exit_code == 1
        assert "-:2:1: error SPP-TON-01" in result.stdout


def test_rules_select_ids_and_categories(replies: dict[str, Path]) -> None:
    result = runner.invoke(
        app, ["lint", "--format", "json", "--rules", "SPP-SYN-04,tone", str(replies["pompous"])]
    )
    rules = {v["rule"] for v in json.loads(result.stdout)["files"][0]["violations"]}
    assert rules == {"SPP-SYN-04", "SPP-TON-02", "SPP-TON-03"}


def test_an_unknown_rule_is_a_usage_error() -> None:
    result = runner.invoke(app, ["lint", "--rules", "SPP-LEX-1", "-"], input="Bonjour")
    assert result.exit_code == 2
    assert "did you mean SPP-LEX-01?" in result.stderr


def test_an_empty_file_is_a_correct_empty_result(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["lint", "--format", "json", str(empty)])
    assert result.exit_code == 0
    [entry] = json.loads(result.stdout)["files"]
    assert entry["violations"] == []
    assert entry["metrics"]["words"] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "looks like a binary file"),
        ("Réponse".encode("latin-1"), "is not UTF-8 text"),
        (("Bonjour. " * 20_000).encode(), "split it"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_file_or_folder_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "not found" in result.stderr
    result = runner.invoke(app, ["lint", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a folder" in result.stderr


def test_a_broken_styleguide_names_file_and_line(guide_copy: Path) -> None:
    replace_in(guide_copy / "rules.yaml", "checker: passive", "checker: pasive")
    result = runner.invoke(app, ["lint", "--styleguide", str(guide_copy), "-"], input="Bonjour")
    assert result.exit_code == 2
    assert re.search(r"rules\.yaml:\d+: rule SPP-SYN-01: unknown checker 'pasive'", result.stderr)
    assert "did you mean 'passive'?" in result.stderr


def test_check_passes_on_the_shipped_guide() -> None:
    result = runner.invoke(app, ["styleguide", "check", "--styleguide", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert "all pass" in result.stdout


def test_check_reports_an_example_that_does_not_behave(guide_copy: Path) -> None:
    replace_in(
        guide_copy / "rules.yaml",
        '- "Merci pour votre message !"',
        '- "Merci pour votre message."',
    )
    result = runner.invoke(app, ["styleguide", "check", "--styleguide", str(guide_copy)])
    assert result.exit_code == 1
    assert "FAIL SPP-SYN-08 examples.bad[0] does not trigger the rule" in result.stderr


def test_a_stale_guide_is_a_note_and_is_regenerated_on_request(guide_copy: Path) -> None:
    replace_in(guide_copy / "rules.yaml", "title: Commencer par", "title: Toujours commencer par")
    result = runner.invoke(app, ["styleguide", "check", "--styleguide", str(guide_copy)])
    assert result.exit_code == 0, result.output
    assert "GUIDE.md is out of date; once the rules are right, run" in result.stderr
    docs = ["styleguide", "docs", "--check", "--styleguide", str(guide_copy)]
    assert runner.invoke(app, docs).exit_code == 1
    check = ["styleguide", "check", "--regenerate", "--styleguide", str(guide_copy)]
    regenerated = runner.invoke(app, check)
    assert regenerated.exit_code == 0, regenerated.output
    assert "wrote" in regenerated.stdout
    assert "Toujours commencer par" in (guide_copy / "GUIDE.md").read_text(encoding="utf-8")
    assert runner.invoke(app, docs).exit_code == 0


def test_check_validates_against_the_shipped_schema(guide_copy: Path) -> None:
    replace_in(guide_copy / "rules.yaml", "severity: info", "severity: notice")
    result = runner.invoke(app, ["styleguide", "check", "--styleguide", str(guide_copy)])
    assert result.exit_code == 1
    assert re.search(
        r"rules\.yaml:\d+: rules\[\d+\]\.severity: 'notice' is not one of", result.stderr
    )


def test_the_rendered_guide_is_up_to_date() -> None:
    result = runner.invoke(app, ["styleguide", "docs", "--check", "--styleguide", str(SHIPPED)])
    assert result.exit_code == 0, "styleguide/GUIDE.md is stale: run `plume styleguide docs`"


def test_docs_renders_every_rule_and_lexicon(guide_copy: Path, guide: StyleGuide) -> None:
    (guide_copy / "GUIDE.md").unlink()
    result = runner.invoke(app, ["styleguide", "docs", "--styleguide", str(guide_copy)])
    assert result.exit_code == 0
    rendered = (guide_copy / "GUIDE.md").read_text(encoding="utf-8")
    assert rendered == (SHIPPED / "GUIDE.md").read_text(encoding="utf-8")
    for rule in guide.rules:
        assert f"### {rule.id} — {rule.title}" in rendered
    assert "### jargon (94 entrées)" in rendered
    replace_in(guide_copy / "rules.yaml", "Vouvoyer", "Toujours vouvoyer")
    stale = runner.invoke(app, ["styleguide", "docs", "--check", "--styleguide", str(guide_copy)])
    assert stale.exit_code == 1


def _gold(path: Path, replies: list[str]) -> Path:
    lines = [
        json.dumps(
            {
                "id": f"item-{number}",
                "service": "Caf",
                "experience": {"title": "Attente", "text": "J'attends.", "sentiment": "negative"},
                "reply": reply,
            },
            ensure_ascii=False,
        )
        for number, reply in enumerate(replies, start=1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_diff_shows_the_violations_a_change_adds(guide_copy: Path, tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold.jsonl", [PLAIN, PLAIN.replace("en ce moment", "présentement")])
    with (guide_copy / "lexicons" / "jargon.tsv").open("a", encoding="utf-8") as stream:
        stream.write("présentement\ten ce moment\ttest\t\n")
    arguments = ["styleguide", "diff", str(SHIPPED), str(guide_copy), "--gold", str(gold)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert "on 2 replies of gold" in result.stdout
    assert "item-2\n  + SPP-LEX-01" in result.stdout
    assert "«présentement»" in result.stdout
    assert "item-1" not in result.stdout
    assert "SPP-LEX-01: +1 -0" in result.stdout
    as_json = json.loads(runner.invoke(app, [*arguments, "--format", "json"]).stdout)
    [change] = as_json["changes"]
    assert change["id"] == "item-2"
    assert [v["excerpt"] for v in change["gained"]] == ["présentement"]
    assert change["lost"] == []
    assert as_json["rules"] == {"SPP-LEX-01": {"gained": 1, "lost": 0}}


def test_diff_reports_replies_that_start_or_stop_failing(guide_copy: Path, tmp_path: Path) -> None:
    gold = _gold(tmp_path / "gold.jsonl", ["Bonjour,\nVotre dossier est complet ; merci."])
    replace_in(
        guide_copy / "rules.yaml",
        "    severity: error\n    rationale: >-\n      Le point-virgule",
        "    severity: warning\n    rationale: >-\n      Le point-virgule",
    )
    result = runner.invoke(
        app, ["styleguide", "diff", str(SHIPPED), str(guide_copy), "--gold", str(gold)]
    )
    assert result.exit_code == 0, result.output
    assert "item-1 (now passes)" in result.stdout
    assert "+ SPP-SYN-04 2:27 warning" in result.stdout
    assert "- SPP-SYN-04 2:27 error" in result.stdout


def test_diff_with_a_bad_gold_set_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(
        app, ["styleguide", "diff", str(SHIPPED), str(SHIPPED), "--gold", str(bad)]
    )
    assert result.exit_code == 2
    assert f"{bad}:1:" in result.stderr


def test_watch_lints_a_file_again_when_it_is_saved(replies: dict[str, Path]) -> None:
    target = replies["plain"]
    process = subprocess.Popen(
        [sys.executable, "-m", "harness.cli", "lint", "--watch", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    watchdog = threading.Timer(120, process.kill)  # a watch that never answers fails, not hangs
    watchdog.start()
    try:
        assert process.stderr is not None and process.stdout is not None
        assert "0 errors" in process.stderr.readline()  # the first check, of the plain reply
        assert "Surveillance" in process.stderr.readline()
        target.write_text(POMPOUS, encoding="utf-8")
        lines = iter(process.stdout.readline, "")
        assert any(line.startswith(f"{target}:3:6: error SPP-STRUCT-05") for line in lines)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        watchdog.cancel()
        process.kill()
