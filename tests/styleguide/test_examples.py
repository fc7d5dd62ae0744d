"""Every rule's examples behave, the required rules exist, and lint separates pompous from plain."""

import pytest

from harness.styleguide import StyleGuide, lint, load_styleguide
from tests.styleguide.conftest import SHIPPED

REQUIRED = [
    "SPP-STRUCT-01",
    "SPP-STRUCT-05",
    "SPP-LEN-01",
    "SPP-LEN-02",
    "SPP-LEX-01",
    "SPP-LEX-03",
    "SPP-LEX-04",
    "SPP-SYN-01",
    "SPP-SYN-04",
    "SPP-SYN-05",
    "SPP-TON-01",
    "SPP-TON-02",
    "SPP-TON-04",
    "SPP-COM-01",
    "SPP-COM-02",
    "SPP-READ-01",
]

_CASES = [
    pytest.param(rule.id, kind, index, text, id=f"{rule.id}-{kind}{index}")
    for rule in load_styleguide(SHIPPED).rules
    for kind, texts in (("bad", rule.examples.bad), ("good", rule.examples.good))
    for index, text in enumerate(texts)
]

POMPOUS = """Madame, Monsieur,

Nous accusons réception de votre requête du 12 mars ; celle-ci a été transmise au service \
compétent afin qu'elle soit instruite dans les meilleurs délais. Il convient de préciser que les \
pièces justificatives doivent être fournies par l'usager préalablement à toute décision. Nous \
regrettons vivement ce désagrément et vous présentons nos plus sincères excuses.

Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées."""

PLAIN = """Bonjour Julie,

Merci pour votre message. Nous comprenons votre inquiétude après cinq semaines sans nouvelles.

Votre dossier de prime d'activité est complet depuis le 3 mars. Nous l'étudions en ce moment. \
Le délai habituel est d'un mois.

Vous pouvez suivre votre dossier dans votre espace personnel sur caf.fr. Vous pouvez aussi nous \
appeler au 3230.

Cordialement,
La Caf de la Gironde"""


@pytest.mark.parametrize(("rule_id", "kind", "index", "text"), _CASES)
def test_rule_example(guide: StyleGuide, rule_id: str, kind: str, index: int, text: str) -> None:
    found = lint(text, guide, rules={rule_id}).violations
    if kind == "bad":
        assert found, f"{rule_id} bad[{index}] should trigger the rule"
        assert {v.rule for v in found} == {rule_id}
    else:
        assert not found, f"{rule_id} good[{index}] triggered: {[v.message for v in found]}"


@pytest.mark.parametrize("rule_id", REQUIRED)
def test_required_rule_has_enough_examples(guide: StyleGuide, rule_id: str) -> None:
    rule = guide.rule(rule_id)
    assert len(rule.examples.bad) >= 3
    assert len(rule.examples.good) >= 2


def test_a_pompous_reply_breaks_at_least_five_rules(guide: StyleGuide) -> None:
    result = lint(POMPOUS, guide)
    rules = {v.rule for v in result.violations}
    assert len(rules) >= 5, rules
    assert {"SPP-STRUCT-05", "SPP-SYN-04", "SPP-COM-01", "SPP-SYN-01", "SPP-LEX-01"} <= rules
    assert result.errors >= 3


def test_a_plain_reply_has_no_error_and_no_warning(guide: StyleGuide) -> None:
    result = lint(PLAIN, guide)
    assert [v for v in result.violations if v.severity != "info"] == []
    assert result.metrics.kandel_moles is not None and result.metrics.kandel_moles >= 70
    assert result.metrics.lix is not None and result.metrics.lix <= 45
