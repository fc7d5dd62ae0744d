"""Personal data never leaves: not to any remote provider, not into a report.

The bundled gold items tagged ``personal-data`` carry planted (fake) names, phones, emails,
addresses and case numbers. Every byte the scripted endpoints receive is captured and searched.
"""

from pathlib import Path
from typing import Any

import pytest

from harness.gold import GoldItem, load_gold
from harness.prompts import load_prompt
from harness.report import write_report
from harness.runner import PromptMaker, RunSpec, execute, read_samples
from tests.reliability.conftest import (
    Endpoint,
    gold_lines,
    models_yaml,
    serving,
    write_jsonl,
)

# What a reader could use to find the person, item by item, written out by hand (not by the
# detector under test). A new item tagged personal-data must be added here.
PLANTED = {
    "caf-005": ["7654321", "Cindy_B"],
    "ft-001": [
        "Karim Benali",
        "Benali",
        "06 12 34 56 78",
        "karim.benali84@exemple.fr",
        "karim.benali84",
        "4567890K",
        "Karim_84",
    ],
    "impots-003": [
        "Hélène Carpentier",
        "Carpentier",
        "14 rue des Acacias",
        "rue des Acacias",
        "3012345678901",
        "Hélène-C",
    ],
}

# Other spellings of the same values, searched for too.
VARIANTS = ["0612345678", "+33 6 12 34 56 78", "06.12.34.56.78"]

KEY = "pd-test-key"
SERVED = [{"id": "model-x", "aliases": ["alias-x"]}, {"id": "claude-x", "aliases": []}]


def _personal_gold(root: Path) -> tuple[Path, list[str]]:
    """A gold file: the personal-data items first, then the rest (the few-shot pool)."""
    rows = gold_lines()
    tagged = [r for r in rows if "personal-data" in r["tags"]]
    assert sorted(r["id"] for r in tagged) == sorted(PLANTED), "update PLANTED"
    planted = [value for r in tagged for value in PLANTED[r["id"]]]
    for row in tagged:
        text = " ".join([row["experience"]["text"], row["reply"]])
        for value in PLANTED[row["id"]]:
            assert value in text or value in row["experience"].get("pseudonym", ""), value
    pseudonyms = [r["experience"]["pseudonym"] for r in rows if r["experience"].get("pseudonym")]
    # A dozen others make the few-shot pool: examples come from them, anonymised too.
    others = [r for r in rows if "personal-data" not in r["tags"]][:12]
    path = write_jsonl(root / "gold" / "personal.jsonl", [*tagged, *others])
    return path, planted + VARIANTS + pseudonyms


def _remote_models(base_url: str) -> list[dict[str, Any]]:
    common = {"api_key_env": "PD_API_KEY", "base_url": base_url, "concurrency": 2}
    return [
        {"name": "albert-like", "provider": "openai-compatible", "model": "alias-x", **common},
        {"name": "mistral-like", "provider": "mistral", "model": "model-x", **common},
        {"name": "claude-like", "provider": "anthropic", "model": "claude-x", **common},
    ]


def _leaks(text: str, values: list[str]) -> list[str]:
    return [value for value in values if value.casefold() in text.casefold()]


def test_no_remote_provider_receives_planted_personal_data_nor_does_the_report(
    plume_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PD_API_KEY", KEY)
    gold, forbidden = _personal_gold(plume_root)
    endpoint = Endpoint(served=SERVED)
    with serving(endpoint) as base_url:
        models_yaml(plume_root, *_remote_models(base_url))
        outcome = execute(RunSpec(gold=gold, out=plume_root / "runs", limit=3, few_shot=2))
    records = read_samples(outcome.run_dir / "samples.jsonl")
    assert len(records) == 9 and all(r.error is None for r in records), [
        (r.model, r.error, r.cause) for r in records if r.error
    ]
    paths = [path for path, _, _ in endpoint.raw]
    assert paths.count("/v1/chat/completions") == 6 and paths.count("/v1/messages") == 3
    # The requests did carry each item's (anonymised) message: the search below is meaningful.
    for marker in ("[NOM]", "[TÉLÉPHONE]", "[EMAIL]", "[ADRESSE]"):
        assert any(marker in body for body in endpoint.bodies), marker
    assert _leaks(endpoint.everything(), forbidden) == []

    report = write_report(outcome.run_dir).read_text(encoding="utf-8")
    assert "ft-001" in report and "Radié pour un rendez-vous" in report
    assert _leaks(report, forbidden) == []
    markdown = write_report(outcome.run_dir, markdown=True).read_text(encoding="utf-8")
    assert _leaks(markdown, forbidden) == []


def test_a_run_refuses_to_send_personal_data_when_anonymisation_fails(
    plume_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With anonymisation broken, the model layer's guard still keeps every original text home."""
    monkeypatch.setenv("PD_API_KEY", KEY)

    def identity(items: list[GoldItem]) -> list[GoldItem]:
        return items

    monkeypatch.setattr("harness.runner._prepare.anonymised_many", identity)
    gold, forbidden = _personal_gold(plume_root)
    endpoint = Endpoint(served=SERVED)
    with serving(endpoint) as base_url:
        models_yaml(plume_root, *_remote_models(base_url))
        outcome = execute(
            RunSpec(gold=gold, out=plume_root / "runs", limit=3, few_shot=0, cache=False)
        )
    records = read_samples(outcome.run_dir / "samples.jsonl")
    assert len(records) == 9
    for record in records:
        assert record.reply is None and record.cause == "personal_data", record
        assert _leaks(record.error or "", forbidden) == [], "the error names types, not values"
    assert endpoint.bodies == []
    assert _leaks(endpoint.everything(), forbidden) == []


def test_remote_prompts_built_in_batches_are_the_ones_built_one_by_one(plume_root: Path) -> None:
    gold_path, forbidden = _personal_gold(plume_root)
    gold = load_gold(gold_path)
    template = load_prompt("reply")
    spec = RunSpec(gold=gold_path, few_shot=2)
    batched = PromptMaker(template, gold, spec, remote=True)
    batched.expect(gold.items, "chat")
    one_by_one = [
        PromptMaker(template, gold, spec, remote=True).prepare(item, "chat") for item in gold.items
    ]
    assert [batched.prepare(item, "chat") for item in gold.items] == one_by_one
    sent = "\n".join(
        message if isinstance(message, str) else message.content
        for made in one_by_one
        for message in made.payload
    )
    assert "[NOM]" in sent and _leaks(sent, forbidden) == []
