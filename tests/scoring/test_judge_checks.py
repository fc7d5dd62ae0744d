"""Judges that are checked: structured verdicts, canary pairs judged with every run, unusable
verdicts counted, and a pairwise judge whose position bias comes out as ties; all through the real
model layer against scripted judges on loopback."""

import asyncio
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from typer.testing import CliRunner

from harness import paths
from harness.cli import app
from harness.models import Model, ModelSpec, load_models, select_models
from harness.models._http import parse_completion, request_body
from harness.models._types import ChatMessage
from harness.scoring import (
    CANARIES,
    VERDICT_SCHEMA,
    AccuracyScorer,
    Preference,
    ToneScorer,
    check_judge,
    judge_pairs,
    win_rates,
)
from harness.scoring._canaries import FAITHFUL, ITEM
from tests.models.fake_server import serve_app, serve_app_in_thread
from tests.scoring.test_judge import judge_models_yaml

Answer = Callable[[dict[str, Any]], str | None]
"""What the scripted judge answers a request; ``None``: it refuses it with a 400 (not retried)."""


def _reply_of(request: dict[str, Any], tag: str) -> str:
    text = "\n".join(m["content"] for m in request["messages"])
    found = re.search(rf"<{tag}>\n(.*?)\n</{tag}>", text, re.DOTALL)
    return found.group(1) if found else ""


def _app(answer: Answer, seen: list[dict[str, Any]]) -> web.Application:
    """A judge ``judge-x`` whose every answer is ``answer(request)``; it keeps the requests."""

    async def chat(request: web.Request) -> web.Response:
        body = await request.json()
        seen.append(body)
        content = answer(body)
        if content is None:
            return web.json_response({"error": {"message": "invalid request"}}, status=400)
        message = {"role": "assistant", "content": content}
        return web.json_response(
            {"model": "judge-x", "choices": [{"message": message, "finish_reason": "stop"}]}
        )

    async def models(request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": [{"id": "judge-x"}]})

    application = web.Application()
    application.router.add_post("/v1/chat/completions", chat)
    application.router.add_get("/v1/models", models)
    return application


def _run(answer: Answer, work: Callable[[Model], Any]) -> tuple[Any, list[dict[str, Any]]]:
    """``work`` with a judge whose every answer is ``answer(request)``; the requests it got."""
    seen: list[dict[str, Any]] = []

    async def main() -> Any:
        async with serve_app(_app(answer, seen)) as base_url, aiohttp.ClientSession() as session:
            spec = ModelSpec(
                name="judge", provider="openai-compatible", model="judge-x", base_url=base_url
            )
            return await work(Model(spec, session))

    return asyncio.run(main()), seen


def _note(note: int) -> str:
    return json.dumps({"raisonnement": "…", "note": note, "problemes": []})


def test_the_canaries_are_ranked_right_by_the_deterministic_scorers() -> None:
    # Rudeness is for judges: no style rule sees it (the report says so).
    for canary in (c for c in CANARIES if c.kind != "rude"):
        scorer = AccuracyScorer() if canary.criterion == "accuracy" else ToneScorer()
        good, bad = scorer(canary.item, canary.faithful), scorer(canary.item, canary.defective)
        assert good.value is not None and bad.value is not None
        assert bad.value < good.value, canary.kind


def test_a_judge_that_sees_the_defects_is_trusted_and_asked_for_a_structured_verdict() -> None:
    def answer(request: dict[str, Any]) -> str:
        return _note(5 if _reply_of(request, "reponse_a_evaluer") == FAITHFUL else 2)

    checks, seen = _run(answer, check_judge)
    assert {c: (k.right, k.pairs, k.trusted) for c, k in checks.items()} == {
        "tone": (3, 3, True),
        "accuracy": (5, 5, True),
    }
    (response_format,) = {json.dumps(r["response_format"], sort_keys=True) for r in seen}
    assert json.loads(response_format) == {
        "type": "json_schema",
        "json_schema": {"name": "verdict", "schema": VERDICT_SCHEMA, "strict": True},
    }


def test_a_judge_that_cannot_tell_the_twins_apart_is_flagged() -> None:
    checks, _ = _run(lambda request: _note(4), check_judge)
    accuracy = checks["accuracy"]
    assert accuracy.right == 0 and not accuracy.trusted
    assert "do not trust these scores" in accuracy.describe()
    assert "polarity" in accuracy.describe()


def test_unusable_verdicts_are_counted_not_ranked() -> None:
    checks, _ = _run(lambda request: "Je préfère ne pas noter.", check_judge)
    assert all(c.unusable == c.pairs and c.right == 0 for c in checks.values())
    assert "without a usable verdict" in checks["tone"].describe()


DEFECTIVE = next(c.defective for c in CANARIES if c.kind == "claim")


def _pairs(model: Model) -> Any:
    return judge_pairs(model, [ITEM] * 4, [FAITHFUL, DEFECTIVE] * 2, [DEFECTIVE, FAITHFUL] * 2)


def test_a_judge_that_always_prefers_the_first_position_gives_only_ties() -> None:
    preferences, seen = _run(
        lambda request: json.dumps({"raisonnement": "…", "preference": "A"}), _pairs
    )
    assert [p.outcome for p in preferences] == ["tie"] * 4
    assert len(seen) == 8  # both orders of every pair
    assert {r["response_format"]["json_schema"]["name"] for r in seen} == {"verdict"}


def test_a_consistent_pairwise_judge_counts_its_preference() -> None:
    def answer(request: dict[str, Any]) -> str:
        first_is_faithful = _reply_of(request, "reponse_A") == FAITHFUL
        return json.dumps({"raisonnement": "…", "preference": "A" if first_is_faithful else "B"})

    preferences, _ = _run(answer, _pairs)
    assert [p.outcome for p in preferences] == ["a", "b", "a", "b"]


def test_a_pairwise_answer_without_a_preference_is_unusable() -> None:
    preferences, _ = _run(lambda request: "Difficile à dire.", _pairs)
    assert all(p.outcome is None and "no preference" in p.reason for p in preferences)


def _words(n: int) -> str:
    return " ".join(["mot"] * n)


def test_the_length_controlled_win_rate_removes_a_win_by_length() -> None:
    # a is longer on 80 items and wins 60 of them, shorter on 20 and wins 5: it wins as often
    # as length predicts, so at equal lengths it is even with b.
    outcomes = ["a"] * 60 + ["b"] * 20 + ["a"] * 5 + ["b"] * 15
    replies_a = [_words(30)] * 80 + [_words(10)] * 20
    replies_b = [_words(10)] * 80 + [_words(30)] * 20
    preferences = [Preference(o, o, o) for o in outcomes]  # type: ignore[arg-type]
    rate = win_rates(preferences, replies_a, replies_b)
    assert rate.win_rate.mean == 0.65
    assert rate.win_rate.low is not None and rate.win_rate.low < 0.65 < (rate.win_rate.high or 0)
    assert rate.length_controlled is not None and abs(rate.length_controlled - 0.5) < 0.02
    assert (rate.wins, rate.losses, rate.ties, rate.unusable) == (65, 35, 0, 0)


def test_without_a_length_difference_the_two_win_rates_agree() -> None:
    outcomes = ["a"] * 7 + ["tie"] * 2 + ["b"]
    preferences = [Preference(o, o, o) for o in outcomes]  # type: ignore[arg-type]
    rate = win_rates(preferences, [_words(20)] * 10, [_words(20)] * 10)
    assert rate.win_rate.mean == 0.8
    assert rate.length_controlled is not None and abs(rate.length_controlled - 0.8) < 0.01


def test_anthropic_is_asked_through_a_forced_tool_and_its_input_is_the_verdict() -> None:
    spec = ModelSpec(
        name="c", provider="anthropic", model="claude-x", base_url="http://x", api_key_env="X"
    )
    messages = [ChatMessage(role="system", content="s"), ChatMessage(role="user", content="u")]
    path, body = request_body(spec, "claude-x", messages, {}, VERDICT_SCHEMA)
    assert body["tools"] == [{"name": "verdict", "input_schema": VERDICT_SCHEMA}]
    assert body["tool_choice"] == {"type": "tool", "name": "verdict"}
    answer = {
        "model": "claude-x",
        "stop_reason": "tool_use",
        "content": [{"type": "tool_use", "name": "verdict", "input": {"note": 3}}],
    }
    completion = parse_completion(path, answer, "claude-x", "http://x", 0.0)
    assert json.loads(completion.text) == {"note": 3}


def test_plume_judge_reports_ties_and_flags_a_judge_biased_to_the_first_position(
    plume_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "k")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(ITEM.model_dump_json() + "\n", encoding="utf-8")
    for name, reply in (("a", FAITHFUL), ("b", DEFECTIVE)):
        line = {"id": ITEM.id, "model": name, "reply": reply}
        (tmp_path / f"{name}.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    seen: list[dict[str, Any]] = []
    first = _app(lambda request: json.dumps({"raisonnement": "…", "preference": "A"}), seen)
    with serve_app_in_thread(first) as base_url:
        judge_models_yaml(plume_root, base_url, "judge-x")
        result = CliRunner().invoke(
            app,
            [
                "judge",
                str(tmp_path / "a.jsonl"),
                str(tmp_path / "b.jsonl"),
                "--gold",
                str(gold),
                "--judge",
                "judge",
            ],
        )
    assert result.exit_code == 0, result.output
    assert "win rate of a: 50%" in result.output and "0 wins, 0 losses, 1 ties" in result.output
    assert "canaries 0/8 ranked right" in result.output and "do not trust" in result.output


def test_a_remote_pairwise_judge_sees_no_personal_data() -> None:
    experience = ITEM.experience.model_copy(
        update={"text": ITEM.experience.text + " Rappelez-moi au 06 12 34 56 78."}
    )
    item = ITEM.model_copy(update={"experience": experience})
    reply = FAITHFUL + "\nNous vous appellerons au 06 12 34 56 78."

    def work(model: Model) -> Any:
        return judge_pairs(model, [item], [reply], [FAITHFUL])

    _, seen = _run(lambda request: json.dumps({"raisonnement": "…", "preference": "B"}), work)
    sent = json.dumps(seen, ensure_ascii=False)
    assert seen and "06 12 34 56 78" not in sent and "[TÉLÉPHONE]" in sent


def test_the_embedded_llama_cpp_server_gets_the_schema_as_a_json_object_grammar() -> None:
    (spec,), _ = select_models(load_models(paths.models_file()), ["smollm2"])
    messages = [ChatMessage(role="user", content="u")]
    _, body = request_body(spec, "m", messages, {}, VERDICT_SCHEMA)
    assert body["response_format"] == {"type": "json_object", "schema": VERDICT_SCHEMA}
