"""The DSPy parts: the LM goes through Plume's model layer, the adapter renders Plume's templates,
the metric is Plume's scores with feedback."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dspy
import pytest

from harness import paths
from harness.gold import GoldItem, load_gold
from harness.models import CompletionCache, ModelCallError, load_models
from harness.prompts import load_prompt, reply_variables, select_examples
from harness.scoring import score_replies
from harness.tuning import ModelBridge, _dspy
from harness.tuning._dspy import INPUTS, PlumeAdapter, PlumeLM, PlumeMetric, ReplyProgram
from tests.tuning.fake import NEW_INSTRUCTION, Answering, reply_for

# DSPy 3.4 warns about the BaseLM.forward interface on every call (`plume tune` silences it).
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def items() -> tuple[GoldItem, ...]:
    return load_gold(paths.gold_dir() / "services-publics-plus.jsonl").items


@contextmanager
def bridge(name: str, cache: CompletionCache | None = None) -> Iterator[ModelBridge]:
    with ModelBridge(load_models(paths.models_file())[name], cache=cache) as opened:
        opened.resolve()
        yield opened


def inputs(item: GoldItem) -> dict[str, object]:
    variables = reply_variables(item, select_examples(item, items(), 2))
    return {name: variables[name] for name in INPUTS}


@pytest.mark.parametrize(("name", "completion"), [("fake", False), ("fake-base", True)])
def test_the_program_sends_exactly_the_base_prompt_and_reads_the_reply(
    fake_root: Path, server: tuple[Answering, str], name: str, completion: bool
) -> None:
    script, _ = server
    base, item = load_prompt("reply@1.1.0"), items()[4]
    adapter = PlumeAdapter(base, completion=completion)
    with bridge(name) as opened, dspy.context(lm=PlumeLM(opened), adapter=adapter):
        prediction = ReplyProgram(adapter.initial)(**inputs(item))
    rendered = base.render(reply_variables(item, select_examples(item, items(), 2)))
    sent = script.requests[-1]
    if completion:
        assert sent["prompt"] == rendered.text
        assert prediction.reply == reply_for(rendered.text).strip()
    else:
        assert sent["messages"] == [m.model_dump() for m in rendered.messages]
        assert prediction.reply == reply_for(rendered.messages[1].content)
    assert sent["temperature"] == 0.0 and sent["max_tokens"] == 50


def test_calls_use_plumes_cache_not_dspys(fake_root: Path, server: tuple[Answering, str]) -> None:
    script, _ = server
    base = load_prompt("reply@1.1.0")
    adapter = PlumeAdapter(base, completion=False)
    cache = CompletionCache(fake_root / "cache.sqlite")
    for _ in range(2):
        with bridge("fake", cache) as opened, dspy.context(lm=PlumeLM(opened), adapter=adapter):
            lm = PlumeLM(opened)
            assert lm.cache is False and lm.num_retries == 0
            ReplyProgram(adapter.initial)(**inputs(items()[0]))
    assert len(script.requests) == 1  # the second program run was answered by Plume's cache
    assert len(cache) == 1


def test_a_remote_model_never_receives_personal_data(
    fake_root: Path, server: tuple[Answering, str]
) -> None:
    script, _ = server
    with bridge("fake-remote") as opened, pytest.raises(ModelCallError) as error:
        PlumeLM(opened)("Écrivez à jean.dupont@example.fr ou au 06 12 34 56 78.")
    assert error.value.cause == "personal_data"
    assert script.requests == []


def test_other_signatures_keep_dspys_chat_format(
    fake_root: Path, server: tuple[Answering, str]
) -> None:
    script, _ = server
    adapter = PlumeAdapter(load_prompt("reply@1.1.0"), completion=False)
    with bridge("fake") as opened, dspy.context(lm=PlumeLM(opened), adapter=adapter):
        result = dspy.Predict("question -> proposed_instruction")(question="Que faire ?")
    assert result.proposed_instruction == NEW_INSTRUCTION
    assert "[[ ## question ## ]]" in script.requests[-1]["messages"][-1]["content"]


def test_changed_instructions_and_demos_reach_the_prompt(
    fake_root: Path, server: tuple[Answering, str]
) -> None:
    script, _ = server
    adapter = PlumeAdapter(load_prompt("reply@1.1.0"), completion=False)
    program = ReplyProgram("Réponds à {{ service }} en deux phrases.")
    demo = items()[0]
    program.draft.demos = [dspy.Example(**inputs(demo), reply="RÉPONSE FIXE")]
    target = items()[9]
    with bridge("fake") as opened, dspy.context(lm=PlumeLM(opened), adapter=adapter):
        program(**inputs(target))
    system, user = (m["content"] for m in script.requests[-1]["messages"])
    assert system == f"Réponds à {target.service} en deux phrases."
    assert "RÉPONSE FIXE" in user and demo.experience.title in user


def test_an_empty_reply_is_a_failure_not_a_reply(
    fake_root: Path, server: tuple[Answering, str]
) -> None:
    script, _ = server
    script.answer = lambda body: "   "  # type: ignore[method-assign]
    adapter = PlumeAdapter(load_prompt("reply@1.1.0"), completion=False)
    with (
        bridge("fake") as opened,
        dspy.context(lm=PlumeLM(opened), adapter=adapter),
        pytest.raises(ModelCallError, match="empty reply"),
    ):
        ReplyProgram(adapter.initial)(**inputs(items()[0]))


def test_the_metric_is_the_overall_score_with_feedback_naming_what_to_fix() -> None:
    item = next(i for i in items() if i.id == "caf-001")
    reply = (
        "Madame, Monsieur, nous accusons réception de votre requête ; "
        "appelez le 01 23 45 67 89. Veuillez agréer nos salutations distinguées."
    )
    metric = PlumeMetric({item.id: item})
    result = metric(dspy.Example(item_id=item.id), dspy.Prediction(reply=reply), None, None, None)
    expected = score_replies([item], [reply])[0]
    assert result.score == expected["overall"].value
    assert "Écarts au guide de style" in result.feedback
    assert "Faits clés absents" in result.feedback and "avis d'imposition" in result.feedback
    assert "« 01 23 45 67 89 »" in result.feedback
    empty = metric(dspy.Example(item_id=item.id), dspy.Prediction(reply=""))
    assert empty.score == 0.0 and "vide" in empty.feedback


def test_the_metric_scores_each_reply_once_and_fits_gepa(monkeypatch: pytest.MonkeyPatch) -> None:
    item = items()[0]
    metric = PlumeMetric({item.id: item})
    calls: list[str] = []
    real = _dspy.score_replies

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1][0])
        return real(*args, **kwargs)

    monkeypatch.setattr(_dspy, "score_replies", counting)
    for _ in range(3):
        metric(dspy.Example(item_id=item.id), dspy.Prediction(reply="Bonjour, merci."))
    assert calls == ["Bonjour, merci."]
    # GEPA refuses a metric that cannot take its five arguments.
    dspy.GEPA(metric=metric, auto="light", reflection_lm=dspy.utils.DummyLM([{"x": "y"}]))
