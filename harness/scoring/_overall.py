"""Overall: the weighted mean of the criteria, with the weights of ``scoring.yaml``."""

from collections.abc import Mapping

from harness.scoring._score import Score

OVERALL = "overall"


def overall_score(scores: Mapping[str, Score], weights: Mapping[str, float]) -> Score:
    """Weighted mean of the weighted criteria; unscored when any of them is missing or unscored.

    A partial mean would rank a reply on whichever criteria happened to run, so a reply with an
    unscored criterion has no overall value: it is counted as unscored, never averaged as zero.
    """
    used = {name: w for name, w in weights.items() if w > 0}
    lacking = [name for name in used if name not in scores or scores[name].value is None]
    if lacking:
        reasons = "; ".join(
            f"{name}: {scores[name].explanation if name in scores else 'not scored'}"
            for name in lacking
        )
        return Score.unscored(f"overall needs every weighted criterion ({reasons})")
    total = sum(used.values())
    values = {name: scores[name].value for name in used}
    value = sum(w * (values[name] or 0.0) for name, w in used.items()) / total
    shown = ", ".join(f"{name} {values[name]:.2f}×{w / total:.2f}" for name, w in used.items())
    return Score(
        value=round(value, 4),
        explanation=f"weighted mean: {shown}",
        subscores={name: float(v or 0.0) for name, v in values.items()},
    )
