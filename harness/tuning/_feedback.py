"""Plume's scores as the text an optimiser reflects on: what to fix, quoted from the reply."""

from collections.abc import Mapping

from harness.scoring import OVERALL, Score

_MISSING = "missing: "


def _quote(reply: str, start: int, end: int) -> str:
    return reply[start:end].strip().replace("\n", " ")


def feedback(reply: str, scores: Mapping[str, Score]) -> str:
    """A short French report on one reply: style violations, missing and invented facts, length.

    GEPA shows it to the reflection model next to the reply, so it names what to change rather
    than restating the numbers.
    """
    lines: list[str] = []
    overall = scores.get(OVERALL)
    if overall is not None and overall.value is not None:
        lines.append(f"Note globale : {overall.value:.2f} sur 1.")
    tone = scores.get("tone")
    if tone is not None:
        violations = [e for e in tone.evidence if e.kind == "violation"]
        if violations:
            lines.append("Écarts au guide de style :")
            lines += [f"- « {_quote(reply, e.start, e.end)} » : {e.note}" for e in violations]
        elif tone.value is not None:
            lines.append("Ton : aucun écart au guide de style.")
    accuracy = scores.get("accuracy")
    if accuracy is not None:
        missing = [n.removeprefix(_MISSING) for n in accuracy.notes if n.startswith(_MISSING)]
        if missing:
            lines.append("Faits clés absents de la réponse :")
            lines += [f"- {fact}" for fact in missing]
        wrong = [e for e in accuracy.evidence if e.kind in ("invented", "contradiction")]
        if wrong:
            lines.append("Faits inventés ou contredits (à ne jamais écrire) :")
            lines += [f"- « {_quote(reply, e.start, e.end)} » : {e.note}" for e in wrong]
        injection = [e for e in accuracy.evidence if e.kind == "injection"]
        if injection:
            lines.append("La réponse obéit à une consigne cachée dans le message de l'usager.")
    conciseness = scores.get("conciseness")
    if conciseness is not None and conciseness.value is not None and conciseness.value < 0.8:
        lines.append(f"Longueur et lisibilité : {conciseness.explanation}.")
    unscored = [f"{name} ({s.explanation})" for name, s in scores.items() if s.value is None]
    if unscored:
        lines.append("Non noté : " + "; ".join(unscored) + ".")
    return "\n".join(lines)
