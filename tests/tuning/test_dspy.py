"""The DSPy parts: the LM goes through Plume's model layer by DSPy's engine contract, the adapter
renders Plume's templates, the metric is Plume's scores with feedback.

DSPy 3.4 warns about what 3.5 removes (``BaseLM.forward`` subclasses, ``messages=`` dictionaries):
these tests turn every warning into an error, so none of those interfaces is used.
"""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dspy
import pytest

from harness import paths
from harness.gold import GoldItem, load_gold
from harness.models import CompletionCache, ModelCallError, load_models
from harness.prompts import load_prompt, reply_variables, select_examples
from harness.tuning import ModelBridge
from harness.tuning._dspy import (
    INPUTS,
    PlumeAdapter,
    PlumeMetric,
    ReplyProgram,
    model_failure,
    plume_lm,
)
from tests.tuning.fake import NEW_INSTRUCTION, Answering, reply_for

pytestmark = pytest.mark.filterwarnings("error")


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
    with bridge(name) as opened, dspy.context(lm=plume_lm(opened), adapter=adapter):
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
    replies = []
    for _ in range(2):
        with bridge("fake", cache) as opened, dspy.context(lm=plume_lm(opened), adapter=adapter):
            replies.append(ReplyProgram(adapter.initial)(**inputs(items()[0])).reply)
    assert len(script.requests) == 1  # the second program run was answered by Plume's cache
    assert replies[0] == replies[1] and replies[0].startswith("Bonjour")


def test_a_remote_model_never_receives_personal_data(
    fake_root: Path, server: tuple[Answering, str]
) -> None:
    script, _ = server
    with bridge("fake-remote") as opened, pytest.raises(Exception) as error:
        plume_lm(opened)("Écrivez à jean.dupont@example.fr ou au 06 12 34 56 78.")
    failure = model_failure(error.value)
    assert failure is not None and failure.cause == "personal_data"
    assert script.requests == []


def test_other_signatures_keep_dspys_chat_format(
    fake_root: Path, server: tuple[Answering, str]
) -> None:
    script, _ = server
    adapter = PlumeAdapter(load_prompt("reply@1.1.0"), completion=False)
    with bridge("fake") as opened, dspy.context(lm=plume_lm(opened), adapter=adapter):
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
    with bridge("fake") as opened, dspy.context(lm=plume_lm(opened), adapter=adapter):
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
        dspy.context(lm=plume_lm(opened), adapter=adapter),
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
    result = metric(dspy.Example(item_id=item.id), dspy.Prediction(reply=reply))
    gold = metric(dspy.Example(item_id=item.id), dspy.Prediction(reply=item.reply))
    assert 0.0 <= result.score < gold.score <= 1.0
    assert "Écarts au guide de style" in result.feedback
    assert "Faits clés absents" in result.feedback and "avis d'imposition" in result.feedback
    assert "« 01 23 45 67 89 »" in result.feedback
    empty = metric(dspy.Example(item_id=item.id), dspy.Prediction(reply=""))
    assert empty.score == 0.0 and "vide" in empty.feedback


def test_the_metric_takes_gepas_five_arguments() -> None:
    item = items()[0]
    metric = PlumeMetric({item.id: item})
    # GEPA refuses a metric that cannot take its five arguments, and reflects on its feedback.
    dspy.GEPA(metric=metric, auto="light", reflection_lm=dspy.utils.DummyLM([{"x": "y"}]))
    result = metric(
        dspy.Example(item_id=item.id), dspy.Prediction(reply="Bonjour, merci."), None, "draft", None
    )
    assert 0.0 <= result.score <= 1.0 and result.feedback


def test_repeated_samples_differ_and_a_restarted_tuning_finds_them_again(
    fake_root: Path, server: tuple[Answering, str]
) -> None:
    script, _ = server
    counter = itertools.count()
    script.answer = lambda body: f"Bonjour, réponse {next(counter)}."  # type: ignore[method-assign]
    cache = CompletionCache(fake_root / "cache.sqlite")
    runs = []
    for _ in range(2):
        with bridge("fake", cache) as opened:
            sampling = plume_lm(opened).copy(temperature=0.7)
            runs.append([sampling("Une question ?")[0] for _ in range(3)])
            greedy = plume_lm(opened)
            runs.append([greedy("Une question ?")[0] for _ in range(2)])
    assert len(set(runs[0])) == 3  # three samples, three requests
    assert len(set(runs[1])) == 1  # at temperature 0, one answer
    assert runs[2:] == runs[:2]  # the restart was answered by the cache
    assert len(script.requests) == 4
    assert [r["temperature"] for r in script.requests] == [0.7, 0.7, 0.7, 0.0]
