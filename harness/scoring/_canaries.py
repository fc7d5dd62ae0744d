"""Canary pairs: a faithful reply and its twin with one defect, for each judged criterion and
each kind of defect, judged with every judged run so that a judge's scores come with how often it
ranks a known-better reply first.

The deterministic scorers rank every pair right too, but the rude one (no style rule sees
rudeness, which is what a judge is for): a defect a rule can see is one a trusted judge must see.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from harness.gold import GoldItem

TRUSTED = 0.9
"""Canary accuracy below which a judge's scores are flagged as not to be trusted."""


@dataclass(frozen=True)
class Canary:
    """One faithful reply and its twin, worse on ``criterion`` by one defect of ``kind``."""

    criterion: str
    kind: str
    item: GoldItem
    faithful: str
    defective: str


ITEM = GoldItem.model_validate(
    {
        "id": "canary-caf-logement",
        "service": "Caf",
        "experience": {
            "title": "Aide au logement toujours pas versée",
            "text": "J'ai fait ma demande d'aide au logement il y a 3 semaines et toujours rien. "
            "On m'avait parlé de 450 € par mois. Je fais comment pour payer mon loyer ?",
            "sentiment": "negative",
        },
        "context": [
            "La demande d'aide au logement a été reçue le 4 mars 2025.",
            "Il manque l'attestation de loyer, que le bailleur doit remplir.",
            "Un dossier complet est traité sous 2 mois.",
            "L'attestation de loyer se dépose dans l'espace Mon Compte sur caf.fr.",
            "Le numéro de téléphone de la Caf est le 3230.",
        ],
        "reply": "Bonjour,\n\nNous avons bien reçu votre demande d'aide au logement le 4 mars "
        "2025. Il manque l'attestation de loyer : votre bailleur doit la remplir. Déposez-la "
        "dans votre espace Mon Compte sur caf.fr.\n\nCordialement,\nLa Caf",
        "key_facts": [
            "La demande a été reçue le 4 mars 2025.",
            "Il manque l'attestation de loyer, que le bailleur doit remplir.",
            "L'attestation se dépose dans l'espace Mon Compte sur caf.fr.",
        ],
    }
)

_OPENING = (
    "Bonjour,\n\nNous comprenons votre inquiétude pour votre loyer. Nous avons bien reçu votre "
    "demande d'aide au logement le 4 mars 2025. "
)
_MISSING = "Il manque l'attestation de loyer : votre bailleur doit la remplir."
_CLOSING = (
    "\n\nVous pouvez la déposer dans votre espace Mon Compte sur caf.fr. Une fois votre dossier "
    "complet, nous le traitons sous 2 mois. Pour toute question, appelez le 3230.\n\n"
    "Cordialement,\nLa Caf"
)
FAITHFUL = _OPENING + _MISSING + _CLOSING


def _with(sentence: str) -> str:
    return _OPENING + _MISSING + " " + sentence + _CLOSING


CANARIES = (
    Canary("accuracy", "claim", ITEM, FAITHFUL, _with("Votre dossier sera traité en priorité.")),
    Canary(
        "accuracy",
        "claim_number",
        ITEM,
        FAITHFUL,
        _with("Un acompte de 200 € vous sera versé dès cette semaine."),
    ),
    Canary(
        "accuracy",
        "citizen_value",
        ITEM,
        FAITHFUL,
        _with("Vous recevrez bien 450 € par mois."),
    ),
    Canary(
        "accuracy",
        "polarity",
        ITEM,
        FAITHFUL,
        _OPENING + "Votre dossier est complet : votre bailleur n'a rien à remplir." + _CLOSING,
    ),
    Canary(
        "accuracy",
        "swapped_term",
        ITEM,
        FAITHFUL,
        _OPENING + "Il manque votre avis d'imposition : votre bailleur doit le remplir." + _CLOSING,
    ),
    Canary(
        "tone",
        "pompous",
        ITEM,
        FAITHFUL,
        "Madame, Monsieur,\n\nNous accusons bonne réception de votre demande d'aide au logement"
        " en date du 4 mars 2025 et ne manquerons pas de lui donner la suite qu'elle appelle."
        " Nous nous permettons de porter à votre connaissance qu'il manque l'attestation de"
        " loyer, qu'il appartient à votre bailleur de compléter. Il vous est loisible de la"
        " déposer dans votre espace Mon Compte sur caf.fr. Un dossier complet est traité sous"
        " 2 mois. Pour tout renseignement complémentaire, le 3230 se tient à votre entière"
        " disposition.\n\nNous vous prions d'agréer, Madame, Monsieur, l'expression de nos"
        " salutations distinguées.",
    ),
    Canary(
        "tone",
        "jargon",
        ITEM,
        FAITHFUL,
        "Bonjour,\n\nAfin de donner suite à votre requête, nous vous informons que votre dossier"
        " a été réceptionné le 4 mars 2025 et demeure en attente de la pièce justificative"
        " afférente, à savoir l'attestation de loyer, à renseigner par le bailleur. Il convient"
        " de procéder au dépôt de ladite pièce dans l'espace Mon Compte sur caf.fr, en vue de"
        " l'instruction du dossier, laquelle intervient sous 2 mois conformément à la"
        " réglementation en vigueur. Pour toute question, appelez le 3230.\n\nCordialement,\n"
        "La Caf",
    ),
    Canary(
        "tone",
        "rude",
        ITEM,
        FAITHFUL,
        "Bonjour,\n\nVotre dossier est incomplet, c'est tout. Il manque l'attestation de loyer,"
        " c'est à votre bailleur de la remplir, pas à nous. Déposez-la dans votre espace Mon"
        " Compte sur caf.fr, ce n'est quand même pas compliqué. Ensuite c'est 2 mois, inutile"
        " de relancer. Pour le reste, appelez le 3230.\n\nLa Caf",
    ),
)
"""The built-in canary pairs, for the criteria the judges grade."""


CANARY_SET = (
    "canaries-"
    + hashlib.sha256(
        json.dumps(
            [
                [c.criterion, c.kind, c.item.model_dump(mode="json"), c.faithful, c.defective]
                for c in CANARIES
            ],
            ensure_ascii=False,
        ).encode()
    ).hexdigest()[:12]
)
"""The canary set's version: a hash of the pairs, recorded with every canary verdict, so that a
changed pair is judged again and a report never mixes two sets."""

SIDES = ("faithful", "defective")
"""The two replies of a canary pair."""

CanaryOutcome = Literal["right", "wrong", "unusable"]


@dataclass(frozen=True)
class CanaryCheck:
    """How a judge ranked the canary pairs of one criterion."""

    criterion: str
    outcomes: tuple[tuple[str, CanaryOutcome], ...]
    """Each pair's kind and its outcome: the faithful reply got the better verdict (``right``),
    did not (``wrong``), or a verdict was missing or unusable (``unusable``, not ranked right)."""

    @property
    def pairs(self) -> int:
        """Canary pairs judged."""
        return len(self.outcomes)

    @property
    def right(self) -> int:
        """Pairs where the faithful reply got the better verdict."""
        return sum(1 for _, outcome in self.outcomes if outcome == "right")

    @property
    def unusable(self) -> int:
        """Pairs without a usable verdict on one side or both."""
        return sum(1 for _, outcome in self.outcomes if outcome == "unusable")

    @property
    def wrong(self) -> tuple[str, ...]:
        """Kinds of the pairs not ranked right."""
        return tuple(kind for kind, outcome in self.outcomes if outcome != "right")

    @property
    def accuracy(self) -> float:
        """Share of pairs ranked right."""
        return self.right / self.pairs if self.pairs else 0.0

    @property
    def trusted(self) -> bool:
        """Whether the judge ranked at least :data:`TRUSTED` of the pairs right."""
        return self.pairs > 0 and self.accuracy >= TRUSTED

    def describe(self) -> str:
        """One line for a report: the share, and a warning below the threshold."""
        line = f"canaries {self.right}/{self.pairs} ranked right ({self.accuracy:.0%})"
        if self.unusable:
            line += f", {self.unusable} without a usable verdict"
        if not self.trusted:
            missed = ", ".join(self.wrong)
            line += f"; below {TRUSTED:.0%}: do not trust these scores (missed: {missed})"
        return line


def rank_canaries(
    values: Mapping[tuple[str, str], tuple[float | None, float | None]],
) -> dict[str, CanaryCheck]:
    """Per criterion, how a judge ranked the canary pairs, from its values for each pair keyed
    ``(criterion, kind)``: (faithful reply's value, defective twin's value), ``None`` when the
    verdict was unusable. Only a strictly better value for the faithful reply is right."""
    outcomes: dict[str, list[tuple[str, CanaryOutcome]]] = {}
    for (criterion, kind), (good, bad) in values.items():
        outcome: CanaryOutcome = (
            "unusable" if good is None or bad is None else "right" if good > bad else "wrong"
        )
        outcomes.setdefault(criterion, []).append((kind, outcome))
    return {c: CanaryCheck(c, tuple(found)) for c, found in outcomes.items()}
