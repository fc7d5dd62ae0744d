"""Judges grade through the real model layer against a scripted OpenAI-compatible server."""

import asyncio
import json
from pathlib import Path

import aiohttp
import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.models import Model, ModelSpec
from harness.scoring import Score, judge_replies
from tests.models.fake_server import Scripted, ok, serve, serve_in_thread
from tests.scoring.cases import CAF


def judge_models_yaml(root: Path, base_url: str, model: str) -> None:
    """A models.yaml whose only model, ``judge``, is ``model`` behind ``base_url``."""
    (root / "models.yaml").write_text(
        "models:\n  - name: judge\n    provider: openai-compatible\n"
        f"    model: {model}\n    base_url: {base_url}\n    api_key_env: FAKE_API_KEY\n",
        encoding="utf-8",
    )


VERDICT = json.dumps(
    {"raisonnement": "Ton sobre et direct.", "note": 4, "problèmes": ["une formule un peu longue"]}
)


def judge(script: Scripted, replies: list[str]) -> list[dict[str, Score]]:
    async def main() -> list[dict[str, Score]]:
        async with serve(script) as base_url, aiohttp.ClientSession() as session:
            spec = ModelSpec(
                name="judge", provider="openai-compatible", model="alias-x", base_url=base_url
            )
            model = Model(spec, session)
            return await judge_replies(model, [CAF.item] * len(replies), replies)

    return asyncio.run(main())


def test_a_verdict_becomes_a_score_with_the_judges_problems() -> None:
    script = Scripted([ok("Voici mon analyse.\n```json\n" + VERDICT + "\n```")])
    (result,) = judge(script, [CAF.good])
    assert set(result) == {"tone_judge", "accuracy_judge"}
    tone = result["tone_judge"]
    assert tone.value == 0.75 and tone.subscores["note"] == 4
    assert tone.notes == ["une formule un peu longue"]
    sent = " ".join(m["content"] for m in script.requests[0]["messages"])
    assert CAF.good.split("\n")[2][:40] in sent


def test_an_answer_without_a_verdict_is_unscored_with_the_reason() -> None:
    (result,) = judge(Scripted([ok("Je ne sais pas.")]), [CAF.good])
    assert result["tone_judge"].value is None
    assert "no JSON object" in result["tone_judge"].explanation


def test_a_failing_judge_call_is_unscored_not_zero() -> None:
    script = Scripted([(400, {"error": {"message": "bad request"}}, {})])
    (result,) = judge(script, [CAF.good])
    assert result["accuracy_judge"].value is None
    assert "failed" in result["accuracy_judge"].explanation


def test_an_empty_reply_is_not_sent_to_the_judge() -> None:
    script = Scripted([ok(VERDICT)])
    (result,) = judge(script, [""])
    assert result["tone_judge"].value == 0.0 and script.requests == []


def test_plume_score_with_a_judge_adds_the_judge_criteria(
    plume_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(CAF.item.model_dump_json() + "\n", encoding="utf-8")
    replies = tmp_path / "replies.jsonl"
    replies.write_text(json.dumps({"id": CAF.item.id, "model": "m", "reply": CAF.good}) + "\n")
    out = tmp_path / "scores.jsonl"
    with serve_in_thread(Scripted([ok(VERDICT)])) as base_url:
        judge_models_yaml(plume_root, base_url, "alias-x")
        result = CliRunner().invoke(
            app,
            [
                "score",
                "--gold",
                str(gold),
                "--replies",
                str(replies),
                "--out",
                str(out),
                "--judge",
                "judge",
            ],
        )
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["scores"]["tone_judge"] == 0.75 and line["scores"]["accuracy_judge"] == 0.75
    assert "judge-tone@1.0.0+judge:alias-x" in result.output
    # A judge that gives every reply 4/5 cannot tell a reply from its defective twin.
    assert "judge judge, accuracy_judge: canaries 0/5 ranked right (0%)" in result.output
    assert "do not trust these scores" in result.output
    assert "0/1 replies without a usable verdict" in result.output


def test_a_remote_judge_is_sent_no_personal_data_and_still_grades() -> None:
    experience = CAF.item.experience.model_copy(
        update={"text": CAF.item.experience.text + " Rappelez-moi au 06 12 34 56 78."}
    )
    item = CAF.item.model_copy(update={"experience": experience})
    reply = CAF.good + "\nNous vous appellerons au 06 12 34 56 78."
    script = Scripted([ok(VERDICT)])

    async def main() -> list[dict[str, Score]]:
        async with serve(script) as base_url, aiohttp.ClientSession() as session:
            spec = ModelSpec(
                name="judge", provider="openai-compatible", model="alias-x", base_url=base_url
            )
            return await judge_replies(Model(spec, session), [item], [reply])

    (result,) = asyncio.run(main())
    assert result["tone_judge"].value == 0.75 and result["accuracy_judge"].value == 0.75
    sent = json.dumps(script.requests, ensure_ascii=False)
    assert script.requests and "06 12 34 56 78" not in sent and "[TÉLÉPHONE]" in sent
