"""What writers edit reaches prompts and lint safely: structured prompt variables, instructions in
their own column, suggestions that agree with the prompt (released prompts are protected by the
lock: tests/prompts/test_styleguide_integration.py)."""

import pytest

from harness.gold import load_gold
from harness.prompts import load_prompt, reply_variables, styleguide_variable
from harness.styleguide import lint, load_styleguide
from tests.styleguide.conftest import REPO, SHIPPED

GOLD = REPO / "gold" / "services-publics-plus.jsonl"


def test_prompts_receive_the_lists_they_print() -> None:
    variable = styleguide_variable(load_styleguide(SHIPPED))
    pairs = {pair["term"]: pair["replacement"] for pair in variable["jargon_pairs"]}
    assert pairs["afin de"] == "pour"
    assert pairs["prorogation"] == "renouvellement"  # the first alternative, no context
    assert "procéder à" not in pairs  # an instruction, not a word to write
    assert all("*" not in term and "(" not in plain for term, plain in pairs.items())
    assert "veuillez agréer" not in variable["forbidden_formulas"]
    assert "prier d'agréer" in variable["forbidden_formulas"]
    assert "dans les meilleurs délais" in variable["forbidden_formulas"]


def test_an_instruction_has_its_own_column() -> None:
    guide = load_styleguide(SHIPPED)
    [entry] = [e for e in guide.lexicon("filler") if e.term == "sachez que"]
    assert entry.replacement is None
    assert entry.instruction == "supprimer"
    assert entry.suggestion == "(supprimer)"


@pytest.mark.parametrize(
    ("text", "excerpt", "suggestion"),
    [
        (
            "Cette erreur est de nature à retarder votre dossier.",
            "de nature à",
            "(écrire « peut » (« est de nature à retarder » → « peut retarder »))",
        ),
        (
            "Nous allons procéder à la vérification de votre dossier.",
            "procéder à",
            "(employer le verbe du nom qui suit"
            " (« procéder à la vérification de » → « vérifier »))",
        ),
    ],
)
def test_entries_wrong_out_of_context_give_an_instruction(
    text: str, excerpt: str, suggestion: str
) -> None:
    found = [v for v in lint(text, load_styleguide(SHIPPED)).violations if v.excerpt == excerpt]
    assert [v.suggestion for v in found] == [suggestion]


def test_no_suggestion_contradicts_the_reply_prompt() -> None:
    """The reply prompt (without a sign-off, the default) forbids a closing formula: no rule
    may suggest one, and every formula the prompt forbids is one lint flags."""
    guide = load_styleguide(SHIPPED)
    gold = load_gold(GOLD)
    prompt = load_prompt("reply@1.1.0", styleguide=guide)
    system = prompt.render(reply_variables(gold.items[0])).messages[0].content
    assert "pas de formule de politesse finale" in system
    for name in guide.lexicon_names:
        for entry in guide.lexicon(name):
            assert "cordialement" not in (entry.replacement or "").casefold(), entry
    for formula in styleguide_variable(guide)["forbidden_formulas"]:
        assert lint(f"Bonjour,\nNous {formula} votre demande.", guide).violations


def test_one_filler_list_for_lint_and_conciseness() -> None:
    from harness.scoring import ConcisenessScorer

    item = load_gold(GOLD).items[0]
    text = (
        "Bonjour,\nVotre dossier est complet. Nous restons à votre disposition."
        " N'hésitez pas à nous recontacter."
    )
    flagged = [v.excerpt for v in lint(text, load_styleguide(SHIPPED)).violations]
    assert "N'hésitez pas à nous recontacter" in flagged  # the first phrase is tolerated
    score = ConcisenessScorer()(item, text)
    counted = [text[e.start : e.end] for e in score.evidence if e.kind == "filler"]
    assert counted == ["Nous restons à votre disposition", "N'hésitez pas à nous recontacter"]
