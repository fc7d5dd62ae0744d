"""The DSPy side of tuning: the reply program, its adapter, Plume's models and scores as DSPy's.

This module imports DSPy at import time; the rest of Plume imports it only when tuning, so that
``plume --help`` stays fast.
"""

import asyncio
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import dspy
from dspy import lm15

from harness.gold import GoldItem
from harness.models import ChatMessage, ModelCallError, payload_sha256
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

    The reply program's call is a ``dspy.lm15.Request`` (DSPy's request contract since 3.4, the
    only one from 3.5). For a completion-mode model the prompt is the completion template's text,
    sent as the only message, which ``PlumeEngine`` passes on as plain text.
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
        request = _request(lm, lm_kwargs, self.messages(signature, demos, inputs))
        replies = []
        for _ in range(int(lm_kwargs.get("n") or 1)):
            reply = (lm(request).text or "").strip()
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
        return await asyncio.to_thread(self.__call__, lm, lm_kwargs, signature, demos, inputs)


def _request(lm: Any, lm_kwargs: Mapping[str, Any], messages: list[dict[str, str]]) -> lm15.Request:
    """The ``dspy.lm15.Request`` for rendered messages, with the LM's sampling options."""
    options = {**lm.kwargs, **lm_kwargs}
    system = "".join(m["content"] for m in messages if m["role"] == "system") or None
    turns = [
        lm15.Message.assistant(m["content"])
        if m["role"] == "assistant"
        else lm15.Message.user(m["content"])
        for m in messages
        if m["role"] != "system"
    ]
    config = lm15.Config(
        temperature=options.get("temperature"), max_tokens=options.get("max_tokens")
    )
    return lm15.Request(model=lm.model, messages=tuple(turns), system=system, config=config)


def _text(content: Any) -> str:
    """The text of a system prompt or a message: a string, or parts of which text ones count."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(getattr(part, "text", None) or "" for part in content)


def model_failure(error: BaseException) -> ModelCallError | None:
    """The model layer's failure behind an error DSPy raised, if that is what it was.

    DSPy reports an engine's failure as one of its own errors, caused by what the engine raised.
    """
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ModelCallError):
            return cause
        cause = cause.__cause__
    return None


class PlumeEngine:
    """A DSPy engine that calls through Plume's model layer: ``complete(Request) -> Response``.

    This is DSPy's engine contract (``dspy.LM(engine=...)``), which replaces subclassing
    ``BaseLM.forward`` (deprecated in DSPy 3.4, removed in 3.5). DSPy sends one request per
    candidate and knows nothing of Plume's cache; at temperature > 0, the k-th time one prompt is
    asked it gets sample k, so repeated samples differ and a restarted tuning finds them again.
    """

    def __init__(self, bridge: ModelBridge) -> None:
        self.bridge = bridge
        self._asked: Counter[tuple[str, float]] = Counter()
        self._lock = threading.Lock()

    def complete(self, request: lm15.Request) -> lm15.Response:
        """Generate the reply to ``request``; a failed call raises a ``dspy.lm15`` error."""
        config = request.config
        prompt = self._prompt(request)
        sample = 0
        if config.temperature:
            asked = (payload_sha256(prompt), config.temperature)
            with self._lock:
                sample = self._asked[asked]
                self._asked[asked] += 1
        try:
            completion = self.bridge.generate(
                prompt,
                temperature=config.temperature,
                max_tokens=config.max_tokens,
                sample_index=sample,
            )
        except ModelCallError as error:
            raise lm15.ProviderError(str(error), provider="plume") from error
        return lm15.Response(
            id=None,
            model=self.bridge.served_id,
            message=lm15.Message.assistant(completion.text),
            finish_reason="length" if completion.finish_reason == "length" else "stop",
            usage=lm15.Usage(
                input_tokens=completion.input_tokens, output_tokens=completion.output_tokens
            ),
        )

    def _prompt(self, request: lm15.Request) -> list[ChatMessage] | str:
        system = _text(request.system)
        turns = [(m.role, _text(m.parts)) for m in request.messages]
        if self.bridge.spec.mode == "completion":
            return "\n\n".join(
                [system, *(t for _, t in turns)] if system else [t for _, t in turns]
            )
        messages = [ChatMessage(role="system", content=system)] if system else []
        for role, text in turns:
            messages.append(
                ChatMessage(role="assistant" if role == "assistant" else "user", content=text)
            )
        return messages


class AsyncPlumeEngine:
    """``PlumeEngine`` for DSPy's asynchronous calls: the same call, on a worker thread."""

    def __init__(self, engine: PlumeEngine) -> None:
        self.engine = engine

    async def complete(self, request: lm15.Request) -> lm15.Response:
        return await asyncio.to_thread(self.engine.complete, request)


def plume_lm(bridge: ModelBridge) -> Any:
    """A ``dspy.LM`` whose calls go through Plume's model layer.

    DSPy's own cache is off and its retries are 0: Plume's completion cache (shared with
    ``plume run``, which is what makes an interrupted tuning cheap to restart) and Plume's retry
    loop are the only ones.
    """
    engine = PlumeEngine(bridge)
    return dspy.LM(
        f"plume/{bridge.spec.name}",
        engine=engine,
        async_engine=AsyncPlumeEngine(engine),
        temperature=bridge.spec.params.temperature,
        max_tokens=bridge.spec.params.max_tokens,
        cache=False,
        num_retries=0,
    )


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
