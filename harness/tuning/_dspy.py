"""The DSPy side of tuning: the reply program, its adapter, Plume's models and scores as DSPy's.

This module imports DSPy at import time; the rest of Plume imports it only when tuning, so that
``plume --help`` stays fast.
"""

import threading
from collections.abc import Iterable, Mapping, Sequence
from types import SimpleNamespace
from typing import Any

import dspy

from harness.gold import GoldItem
from harness.models import ChatMessage, ModelCallError
from harness.prompts import PromptTemplate
from harness.scoring import OVERALL, Score, Scorer, score_replies
from harness.tuning._bridge import ModelBridge
from harness.tuning._feedback import feedback
from harness.tuning._render import ProgramTemplates, placeholder_variables

INPUTS = ("service", "experience", "context", "pseudonym", "examples")
"""The program's inputs: the ``reply`` prompt's variables that change from item to item."""


class DraftReply(dspy.Signature):  # type: ignore[misc]
    """Rédige la réponse d'un agent du service public à une expérience publiée par un usager."""

    service: str = dspy.InputField(desc="Le service public qui répond.")
    experience: dict[str, Any] = dspy.InputField(
        desc="L'expérience publiée par l'usager : titre, texte, ressenti."
    )
    context: list[str] = dspy.InputField(desc="Les informations dont dispose l'agent.")
    pseudonym: str = dspy.InputField(desc="Le pseudonyme publié de l'usager.")
    examples: list[dict[str, Any]] = dspy.InputField(
        desc="Des réponses d'agents à d'autres expériences, choisies pour cet item."
    )
    reply: str = dspy.OutputField(desc="La réponse de l'agent, en langage clair.")


def is_draft(signature: Any) -> bool:
    """Whether ``signature`` is the reply program's (its instructions may have changed)."""
    return set(signature.input_fields) == set(INPUTS) and set(signature.output_fields) == {"reply"}


def initial_instructions(base: PromptTemplate) -> str:
    """The base system template as generic instructions, where optimisers start from."""
    rendered = ProgramTemplates(base).render(placeholder_variables(base))
    text: str = DraftReply.with_instructions(rendered.messages[0].content).instructions
    return text


def demo_example(demo: Mapping[str, Any]) -> dict[str, Any]:
    """A DSPy demo as the templates' ``examples`` entry: service, experience, reply."""
    experience = {k: v for k, v in dict(demo["experience"]).items() if v is not None}
    return {"service": demo["service"], "experience": experience, "reply": demo["reply"]}


class ReplyProgram(dspy.Module):  # type: ignore[misc]
    """Drafts a reply from the ``reply`` prompt's inputs, with one predictor to optimise."""

    def __init__(self, instructions: str) -> None:
        super().__init__()
        self.draft = dspy.Predict(DraftReply.with_instructions(instructions))

    def forward(self, **inputs: Any) -> Any:
        return self.draft(**inputs)


def program_state(program: Any, initial: str) -> tuple[str | None, tuple[dict[str, Any], ...]]:
    """What an optimiser changed: the new instructions (``None`` if unchanged) and fixed demos."""
    predictor = program.draft
    instructions: str = predictor.signature.instructions
    demos = tuple(demo_example(d) for d in predictor.demos)
    return (None if instructions == initial else instructions), demos


class PlumeAdapter(dspy.ChatAdapter):  # type: ignore[misc]
    """Renders the reply program with Plume's own templates; other signatures (an optimiser's
    proposers) keep DSPy's chat format.

    For a completion-mode model the prompt is the completion template's text, sent as the only
    message, which ``PlumeLM`` passes on as plain text.
    """

    def __init__(
        self, base: PromptTemplate, *, completion: bool, fixed: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__()
        self.base = base
        self.completion = completion
        self.initial = initial_instructions(base)
        self.fixed = dict(fixed or {})
        """Variables set for every item (``include_signoff``, ``signature``)."""
        self._templates: dict[str, ProgramTemplates] = {}
        self._lock = threading.Lock()

    def templates(
        self, instructions: str | None, demos: Sequence[Mapping[str, Any]]
    ) -> ProgramTemplates:
        """The templates for this state of the program (kept: optimisers revisit states)."""
        examples = tuple(demo_example(d) for d in demos)
        key = repr((instructions, examples))
        with self._lock:
            if key not in self._templates:
                self._templates[key] = ProgramTemplates(self.base, instructions, examples)
            return self._templates[key]

    def messages(
        self, signature: Any, demos: Sequence[Mapping[str, Any]], inputs: Mapping[str, Any]
    ) -> list[dict[str, str]]:
        """What the model is sent for one item."""
        instructions = None if signature.instructions == self.initial else signature.instructions
        variables = {name: inputs[name] for name in INPUTS} | self.fixed
        rendered = self.templates(instructions, demos).render(variables)
        if self.completion:
            return [{"role": "user", "content": rendered.text}]
        return [m.model_dump() for m in rendered.messages]

    def __call__(
        self,
        lm: Any,
        lm_kwargs: dict[str, Any],
        signature: Any,
        demos: list[dict[str, Any]],
        inputs: dict[str, Any],
    ) -> list[dict[str, Any]]:
        if not is_draft(signature):
            result: list[dict[str, Any]] = super().__call__(lm, lm_kwargs, signature, demos, inputs)
            return result
        outputs = lm(messages=self.messages(signature, demos, inputs), **lm_kwargs)
        replies = []
        for output in outputs:
            text = output.get("text") if isinstance(output, dict) else output
            reply = str(text or "").strip()
            if not reply:
                # The same rule as `plume run`: an empty reply is a failure, never a scored reply.
                raise ModelCallError(
                    "the model returned an empty reply", retryable=False, cause="empty_reply"
                )
            replies.append({"reply": reply})
        return replies

    async def acall(
        self,
        lm: Any,
        lm_kwargs: dict[str, Any],
        signature: Any,
        demos: list[dict[str, Any]],
        inputs: dict[str, Any],
    ) -> list[dict[str, Any]]:
        if not is_draft(signature):
            result: list[dict[str, Any]] = await super().acall(
                lm, lm_kwargs, signature, demos, inputs
            )
            return result
        import asyncio

        return await asyncio.to_thread(self.__call__, lm, lm_kwargs, signature, demos, inputs)


def _content(message: Mapping[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, Iterable):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, Mapping))
    return str(content or "")


class PlumeLM(dspy.BaseLM):  # type: ignore[misc]
    """A DSPy LM that calls through Plume's model layer.

    DSPy's own cache is off and its retries are 0: Plume's completion cache (shared with
    ``plume run``, which is what makes an interrupted tuning cheap to restart) and Plume's retry
    loop are the only ones.
    """

    def __init__(self, bridge: ModelBridge) -> None:
        spec = bridge.spec
        super().__init__(
            model=f"plume/{spec.name}",
            model_type="chat",
            temperature=spec.params.temperature,
            max_tokens=spec.params.max_tokens,
            cache=False,
            num_retries=0,
        )
        self.bridge = bridge

    def _prompt(
        self, prompt: str | None, messages: list[dict[str, Any]] | None
    ) -> list[ChatMessage] | str:
        if messages is None:
            messages = [{"role": "user", "content": prompt or ""}]
        if self.bridge.spec.mode == "completion":
            return "\n\n".join(_content(m) for m in messages)
        return [
            ChatMessage(role=m.get("role", "user"), content=_content(m))
            for m in messages
            if m.get("role") in ("system", "user", "assistant")
        ]

    def forward(
        self,
        prompt: str | None = None,
        messages: list[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> Any:
        options = {**self.kwargs, **kwargs}
        payload = self._prompt(prompt, messages)
        rollout = int(options.get("rollout_id") or 0)
        completions = [
            self.bridge.generate(
                payload,
                temperature=options.get("temperature"),
                max_tokens=options.get("max_tokens"),
                sample_index=rollout + index,
            )
            for index in range(int(options.get("n") or 1))
        ]
        return SimpleNamespace(
            model=self.bridge.served_id,
            choices=[
                SimpleNamespace(
                    index=i,
                    message=SimpleNamespace(role="assistant", content=c.text, tool_calls=None),
                    finish_reason=c.finish_reason or "stop",
                )
                for i, c in enumerate(completions)
            ],
            usage={
                "prompt_tokens": sum(c.input_tokens for c in completions),
                "completion_tokens": sum(c.output_tokens for c in completions),
                "total_tokens": sum(c.input_tokens + c.output_tokens for c in completions),
            },
        )

    async def aforward(
        self,
        prompt: str | None = None,
        messages: list[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> Any:
        import asyncio

        return await asyncio.to_thread(self.forward, prompt, messages, **kwargs)


class PlumeMetric:
    """Plume's scores as a DSPy metric: the overall score, with feedback GEPA can reflect on.

    Scoring runs one reply at a time under a lock (spaCy pipelines are not documented as safe to
    share across threads), and each (item, reply) is scored once however often an optimiser asks.
    """

    def __init__(
        self,
        items: Mapping[str, GoldItem],
        scorers: Sequence[Scorer] | None = None,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self.items = dict(items)
        self.scorers = scorers
        self.weights = weights
        self._scores: dict[tuple[str, str], dict[str, Score]] = {}
        self._lock = threading.Lock()

    def scores(self, item_id: str, reply: str) -> dict[str, Score]:
        """Plume's scores of ``reply`` as the answer to item ``item_id``."""
        key = (item_id, reply)
        with self._lock:
            if key not in self._scores:
                item = self.items[item_id]
                self._scores[key] = score_replies(
                    [item], [reply], self.scorers, weights=self.weights
                )[0]
            return self._scores[key]

    def __call__(
        self,
        gold: Any,
        pred: Any,
        trace: Any = None,
        pred_name: str | None = None,
        pred_trace: Any = None,
    ) -> Any:
        reply = str(getattr(pred, "reply", None) or "").strip()
        if not reply:
            return dspy.Prediction(score=0.0, feedback="La réponse est vide.")
        scores = self.scores(gold.item_id, reply)
        overall = scores[OVERALL].value
        return dspy.Prediction(
            score=0.0 if overall is None else overall, feedback=feedback(reply, scores)
        )
