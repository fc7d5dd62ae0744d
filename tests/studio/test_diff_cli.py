"""`plume styleguide diff` against git HEAD by default, and on a run's replies."""

import json
from pathlib import Path

from typer.testing import CliRunner

from harness.cli._app import app
from tests.studio.conftest import CEREMONIAL, MINI_GOLD, POMPOUS, git, write_run

runner = CliRunner()
FEW = str(MINI_GOLD)


def _plant(repo: Path, line: str = "joindre\tenvoyer\ttest\t\n") -> None:
    with (repo / "styleguide" / "lexicons" / "jargon.tsv").open("a", encoding="utf-8") as out:
        out.write(line)


def test_diff_compares_with_git_head_by_default(repo: Path) -> None:
    guide = str(repo / "styleguide")
    unchanged = runner.invoke(app, ["styleguide", "diff", "--styleguide", guide, "--gold", FEW])
    assert unchanged.exit_code == 0, unchanged.output
    assert "no reply gains or loses a violation" in unchanged.stdout
    _plant(repo, "démarche\tprocédure\ttest\t\n")  # in many replies of the bundled gold set
    result = runner.invoke(app, ["styleguide", "diff", "--styleguide", guide])
    assert result.exit_code == 0, result.output
    assert "lexicon jargon: +1 -0 entries" in result.stdout
    assert "«démarche»" in result.stdout


def test_diff_between_two_revisions(repo: Path) -> None:
    _plant(repo)
    git(repo, "commit", "-q", "-am", "joindre")
    guide = str(repo / "styleguide")
    result = runner.invoke(
        app, ["styleguide", "diff", "HEAD~1", "HEAD", "--styleguide", guide, "--gold", FEW]
    )
    assert result.exit_code == 0, result.output
    assert "lexicon jargon: +1 -0 entries" in result.stdout
    bad = runner.invoke(app, ["styleguide", "diff", "v9.9", "--styleguide", guide])
    assert bad.exit_code == 2
    assert "'v9.9' is neither a style guide folder nor a git revision" in bad.stderr


def test_diff_shows_the_effect_on_a_runs_replies(repo: Path, tmp_path: Path) -> None:
    run = write_run(tmp_path / "runs", {"item-1": POMPOUS, "item-2": CEREMONIAL})
    _plant(repo)
    guide = str(repo / "styleguide")
    arguments = ["styleguide", "diff", "--styleguide", guide, "--gold", FEW, "--run", str(run)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert "on 2 replies of run run-20261207" in result.stdout
    assert "modele-a · item-2\n  + SPP-LEX-01 2:10 warning «joindre»" in result.stdout
    as_json = json.loads(runner.invoke(app, [*arguments, "--format", "json"]).stdout)
    assert as_json["rule_changes"]["lexicons"] == {"jargon": {"added": 1, "removed": 0}}
    assert [change["id"] for change in as_json["run"]["changes"]] == [
        "modele-a · item-1",
        "modele-a · item-2",
    ]


def test_a_folder_that_is_not_a_run_is_named(repo: Path, tmp_path: Path) -> None:
    arguments = ["styleguide", "diff", "--styleguide", str(repo / "styleguide")]
    result = runner.invoke(app, [*arguments, "--run", str(tmp_path)])
    assert result.exit_code == 2
    assert "no samples.jsonl" in result.stderr


def test_check_says_a_changed_guide_needs_a_new_version(repo: Path) -> None:
    guide = str(repo / "styleguide")
    assert (
        "NOTE the rules"
        not in runner.invoke(app, ["styleguide", "check", "--styleguide", guide]).stderr
    )
    _plant(repo)
    result = runner.invoke(app, ["styleguide", "check", "--styleguide", guide])
    assert result.exit_code == 0, result.output
    assert "NOTE the rules or lexicons changed since git HEAD but the version is still" in (
        result.stderr
    )
