"""`plume tune` end to end on the fake model: it writes a new version that validates and whose
`plume run` on dev reproduces the tuned program's dev score."""

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from harness import paths
from harness.cli import app
from harness.gold import load_gold
from harness.prompts import load_manifest, load_prompt, validate_store
from harness.runner import RunResults
from harness.tuning import Optimizer, TuneHooks, TuneSpec, missing_requirement, tune
from tests.tuning.fake import NEW_INSTRUCTION, Answering

# What DSPy 3.5 removes (BaseLM.forward, messages= dictionaries) would warn: an error here.
pytestmark = pytest.mark.filterwarnings("error::DeprecationWarning")
PROVENANCE_KEYS = {
    "tool", "optimizer", "budget", "settings", "seed", "base", "models", "gold", "changed", "dev",
    "date", "versions",
}  # fmt: skip


def gold() -> Path:
    return paths.gold_dir() / "services-publics-plus.jsonl"


def new_ref(output: str) -> str:
    match = re.search(r"New draft version: (reply@\d+\.\d+\.\d+)", output)
    assert match, output
    return match.group(1)


def check_provenance(provenance: dict[str, Any], optimizer: str) -> None:
    assert set(provenance) == PROVENANCE_KEYS
    assert provenance["optimizer"] == optimizer
    assert provenance["gold"]["sha256"] == load_gold(gold()).sha256
    for label in ("before", "after", "baseline"):
        measure = provenance["dev"][label]
        assert measure["n"] + measure["failed"] == provenance["gold"]["dev"]
        assert measure["low"] <= measure["mean"] <= measure["high"]
    assert provenance["models"]["task"]["served"] == "model-x"


def test_tune_writes_a_version_that_validates_and_plume_run_reproduces_its_dev_score(
    fake_root: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["tune", "--model", "fake", "--prompt", "reply@1.0.0", "--train-limit", "3",
         "--dev-limit", "5", "--seed", "7"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ref = new_ref(result.output)
    assert ref == "reply@1.2.0"
    assert (
        "before" in result.output and "baseline" in result.output and "reply@1.1.0" in result.output
    )
    entry = load_manifest("reply").get("1.2.0")
    assert entry.status == "draft" and entry.provenance is not None
    check_provenance(entry.provenance, "bootstrap")
    assert entry.provenance["seed"] == 7 and entry.provenance["changed"]["examples"] >= 1
    assert validate_store([load_gold(gold())]).ok
    # The examples are written into the templates, readable, not picked at run time.
    user = (fake_root / "prompts/reply/1.2.0/user.j2").read_text()
    assert user.startswith("{#- Examples chosen by `plume tune`")
    after = entry.provenance["dev"]["after"]

    run = runner.invoke(
        app,
        ["run", "--models", "fake", "--prompt", ref, "--split", "dev", "--limit", "5",
         "--no-cache", "--out", str(tmp_path / "runs")],
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    (run_dir,) = (tmp_path / "runs").iterdir()
    results = RunResults.model_validate_json((run_dir / "results.json").read_text())
    overall = results.models["fake"].scores["overall"]
    assert overall.mean is not None
    # The manifest rounds to four decimals; tune.json keeps the exact value.
    assert after["low"] - 5e-5 <= overall.mean <= after["high"] + 5e-5
    assert overall.mean == pytest.approx(after["mean"], abs=5e-5)

    second = runner.invoke(
        app, ["tune", "--model", "fake", "--prompt", "reply@1.0.0", "--train-limit", "2",
              "--dev-limit", "2"],
    )  # fmt: skip
    assert second.exit_code == 0, second.output
    assert new_ref(second.output) == "reply@1.3.0"
    assert (fake_root / "prompts/reply/1.2.0/user.j2").read_text() == user


@pytest.mark.parametrize("optimizer", ["mipro", "gepa"])
def test_instruction_optimisers_run_through_plume_and_export_their_instructions(
    fake_root: Path, server: tuple[Answering, str], optimizer: Optimizer
) -> None:
    missing = missing_requirement(optimizer)
    if missing is not None:
        pytest.skip(missing)
    outcome = tune(
        TuneSpec(
            model="fake",
            prompt="reply@1.1.0",
            optimizer=optimizer,
            gold=gold(),
            train_limit=3,
            dev_limit=3,
        )
    )
    check_provenance(outcome.provenance, optimizer)
    assert outcome.provenance["models"]["reflection"]["name"] == "fake"
    system = (outcome.folder / "system.j2").read_text()
    assert outcome.provenance["changed"]["instructions"]
    assert system == NEW_INSTRUCTION + "\n"  # a template: it keeps {{ service }}
    assert validate_store([load_gold(gold())]).ok
    load_prompt(outcome.ref)


def test_bad_options_fail_in_one_line(fake_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    for args, message in [
        (["--model", "nope"], "unknown model 'nope'"),
        (["--model", "fake", "--optimizer", "simba"], "choose bootstrap, mipro or gepa"),
        (["--model", "fake", "--prompt", "judge-tone@1.0.0"], "tune a reply prompt"),
    ]:
        result = runner.invoke(app, ["tune", *args])
        assert result.exit_code != 0
        assert message in result.output and "Traceback" not in result.output
    for optimizer, package in [("gepa", "gepa"), ("mipro", "optuna")]:
        monkeypatch.setitem(sys.modules, package, None)  # as if it were not installed
        result = runner.invoke(app, ["tune", "--model", "fake", "--optimizer", optimizer])
        assert result.exit_code != 0 and f"needs the `{package}` package" in result.output
    assert not (fake_root / "prompts/reply/1.2.0").exists()


def test_a_remote_model_is_tuned_on_anonymised_items_only(
    fake_root: Path, server: tuple[Answering, str]
) -> None:
    script, _ = server
    phases: list[str] = []
    steps: list[None] = []
    hooks = TuneHooks(
        phase=lambda name, total: phases.append(name), advance=lambda: steps.append(None)
    )
    outcome = tune(
        TuneSpec(
            model="fake-remote", prompt="reply@1.1.0", gold=gold(), train_limit=2, dev_limit=3
        ),
        hooks=hooks,
    )
    assert [p.split(":")[0].split(" (")[0] for p in phases] == [
        "before",
        "optimising with bootstrap",
        "after",
    ]
    assert len(steps) >= 3 + 2 + 3  # each dev item twice, each train item at least once
    assert outcome.provenance["gold"]["anonymised"] is True
    assert all(m.failed == 0 for m in outcome.measures)  # the guard refused nothing
    sent = json.dumps(script.requests, ensure_ascii=False)
    pseudonyms = {i.experience.pseudonym for i in load_gold(gold()).items} - {None}
    assert script.requests and not any(p in sent for p in pseudonyms if p)
