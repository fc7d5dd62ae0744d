"""A fake OpenAI-compatible model that answers from what it is asked, deterministically.

Replies to the reply prompt are built from the facts in the prompt (all of them under the new
instruction, the first one otherwise), so scores differ from item to item and depend only on the
prompt; requests in DSPy's chat format (an optimiser's proposers) get
every output field they ask for; plain prompts (GEPA's reflection) get a new instruction.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.models.fake_server import Scripted

NEW_INSTRUCTION = (
    "Réponds à l'usager de {{ service }} en langage clair. Commence par « Bonjour, », "
    "reprends les informations fournies et n'invente rien."
)


def reply_for(prompt: str, facts_kept: int = 1) -> str:
    """A reply that conveys the first facts listed for the prompt's last item."""
    tail = prompt.rsplit("<message_usager>", 1)[0]
    facts = re.findall(r"^- (.+)$", tail.split("Informations dont dispose l'agent :")[-1], re.M)
    body = " ".join(facts[:facts_kept]) or "Nous avons bien reçu votre message."
    return f"Bonjour,\n\nMerci pour votre message. {body}"


def dspy_fields(system: str) -> list[str]:
    """The output fields a DSPy ChatAdapter prompt asks for."""
    section = system.split("Your output fields are:", 1)[-1].split("All interactions", 1)[0]
    return re.findall(r"^\d+\. `(\w+)`", section, re.M)


@dataclass
class Answering(Scripted):
    """Answers each request from its content; ``requests`` records them all."""

    answers: list[tuple[int, Any, dict[str, str]]] = field(default_factory=list)

    def answer(self, body: dict[str, Any]) -> str:
        if "prompt" in body:
            return reply_for(str(body["prompt"]))
        messages = body.get("messages", [])
        system = next((m["content"] for m in messages if m["role"] == "system"), "")
        if "Your output fields are:" in system:
            names = dspy_fields(system)
            if "JSON object" in system:
                return json.dumps(dict.fromkeys(names, NEW_INSTRUCTION), ensure_ascii=False)
            parts = [f"[[ ## {name} ## ]]\n{NEW_INSTRUCTION}" for name in names]
            return "\n\n".join([*parts, "[[ ## completed ## ]]"])
        if len(messages) == 1 and "<message_usager>" not in messages[0]["content"]:
            return f"```\n{NEW_INSTRUCTION}\n```"
        # Following the new instruction pays: the reply then conveys every fact.
        kept = 10 if system.startswith(NEW_INSTRUCTION.split("{{")[0]) else 1
        return reply_for(messages[-1]["content"], kept)

    async def chat(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        text = self.answer(body)
        choice: dict[str, Any] = (
            {"text": text, "finish_reason": "stop"}
            if "prompt" in body
            else {"message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        )
        payload = {
            "model": "model-x",
            "choices": [choice],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10},
        }
        return web.Response(text=json.dumps(payload), content_type="application/json")
