"""Checkers other than lexicons: structure, length, syntax, tone, acronyms, personal data."""

import pytest

from harness.styleguide import REGISTRY, StyleGuide, Violation, lint
from tests.styleguide.conftest import SHIPPED


def found(guide: StyleGuide, text: str, rule: str) -> list[Violation]:
    violations = lint(text, guide, rules={rule}).violations
    for violation in violations:
        assert text[violation.start : violation.end] == violation.excerpt
    return violations


def test_every_rule_uses_a_registered_checker_that_describes_itself(guide: StyleGuide) -> None:
    for rule in guide.rules:
        assert rule.checker in REGISTRY
        assert guide.checker(rule.id).describe()


def test_greeting_flags_the_first_line(guide: StyleGuide) -> None:
    text = "  Chère Madame,\nMerci."
    [violation] = found(guide, text, "SPP-STRUCT-01")
    assert violation.excerpt == "Chère Madame,"
    assert (violation.line, violation.column) == (1, 3)


def test_sentence_length_ignores_semicolons_and_counts_words(guide: StyleGuide) -> None:
    long = (
        "Nous avons bien reçu votre demande de prime pour le mois de mars dernier ; nous allons"
        " étudier votre dossier avec soin et vous écrire ensuite par courrier."
    )
    [violation] = found(guide, long, "SPP-LEN-02")
    assert "27 mots" in violation.message
    assert violation.excerpt == long
    assert found(guide, long.replace(" ; nous", ". Nous"), "SPP-LEN-02") == []


def test_word_count_points_at_the_first_word_past_the_limit(guide: StyleGuide) -> None:
    text = " ".join(f"mot{i}" for i in range(160))
    [violation] = found(guide, text, "SPP-LEN-01")
    assert violation.excerpt.startswith("mot150 ")
    assert "160 mots" in violation.message


def test_passive_voice_spans_the_auxiliaries_and_the_verb(guide: StyleGuide) -> None:
    text = "Votre demande a été transmise au service."
    assert [v.excerpt for v in found(guide, text, "SPP-SYN-01")] == ["a été transmise"]


@pytest.mark.parametrize(
    ("text", "excerpts"),
    [
        ("Tu peux contacter ton conseiller.", ["Tu", "ton"]),
        ("Nous t'avons écrit. Peux-tu répondre ?", ["t'", "tu"]),
        ("Le ton de votre message est vif. Un ton calme aide.", []),
        ("Votre titre de séjour expire. Tenez-nous informés.", []),
    ],
)
def test_tutoiement(guide: StyleGuide, text: str, excerpts: list[str]) -> None:
    assert [v.excerpt for v in found(guide, text, "SPP-TON-01")] == excerpts


@pytest.mark.parametrize(
    ("text", "excerpts"),
    [
        ("Contactez la MDPH. La MDPH vous répondra.", ["MDPH"]),
        ("Contactez la maison départementale (MDPH). La MDPH répond.", []),
        ("Contactez la MSA (Mutualité sociale agricole) ou l'ANTS.", ["ANTS"]),
        ("La CPAM, la Caf et la CAF versent le RSA depuis le XXe siècle.", []),
    ],
)
def test_acronyms_need_spelling_out_once(guide: StyleGuide, text: str, excerpts: list[str]) -> None:
    assert [v.excerpt for v in found(guide, text, "SPP-LEX-03")] == excerpts


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Écrivez à marie.durand@example.fr demain.", "marie.durand@example.fr"),
        ("Appelez le 01.23.45.67.89 demain.", "01.23.45.67.89"),
        ("Appelez le +33 6 12 34 56 78 demain.", "+33 6 12 34 56 78"),
        ("Votre NIR 2 84 12 75 123 456 78 est connu.", "2 84 12 75 123 456 78"),
        (
            "Versement sur FR76 3000 6000 0112 3456 7890 189 demain.",
            "FR76 3000 6000 0112 3456 7890 189",
        ),
        ("Votre numéro d'allocataire 1234567 est valide.", "1234567"),
        ("Mme Lefebvre vous rappellera.", "Lefebvre"),
        ("Votre conseiller Jean Dupont vous rappellera.", "Jean Dupont"),
        ("Merci Julie Martin pour votre message.", "Julie Martin"),
        ("Composez le 3697 pour en savoir plus.", "3697"),
    ],
)
def test_personal_data_is_flagged(guide: StyleGuide, text: str, excerpt: str) -> None:
    assert [v.excerpt for v in found(guide, text, "SPP-COM-02")] == [excerpt]


@pytest.mark.parametrize(
    "text",
    [
        "Appelez le 3646 ou le 39 39 du lundi au vendredi.",
        "Bonjour Camille,\nVotre aide de 3000 euros sera versée en 2025.",
        "Madame, Monsieur, votre dossier est complet.",
        "Connectez-vous sur caf.fr avec votre identifiant.",
    ],
)
def test_official_numbers_and_pseudonyms_are_not_personal_data(
    guide: StyleGuide, text: str
) -> None:
    assert found(guide, text, "SPP-COM-02") == []


def test_readability_needs_enough_words(guide: StyleGuide) -> None:
    assert found(guide, "Nonobstant l'intégralité administrative.", "SPP-READ-01") == []


def test_categories_select_rules(guide: StyleGuide) -> None:
    text = "Tu as fait une requête ; merci."
    rules = {v.rule for v in lint(text, guide, categories={"tone", "syntax"}).violations}
    assert rules == {"SPP-TON-01", "SPP-SYN-04"}


def test_the_writers_readme_documents_every_checker_and_parameter() -> None:
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Checkers and their parameters", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("|")[1].strip(" `"): line for line in table.splitlines() if "| `" in line}
    for checker_id, checker in REGISTRY.items():
        assert checker_id in rows, f"README.md lacks a row for checker {checker_id}"
        for parameter in checker.model_fields:
            assert f"`{parameter}`" in rows[checker_id], f"{checker_id}.{parameter} undocumented"
