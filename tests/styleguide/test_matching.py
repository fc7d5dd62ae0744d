"""Lexicon matching is French-aware and reports exact character offsets."""

import pytest

from harness.styleguide import StyleGuide, Violation, lint


def found(guide: StyleGuide, text: str, rule: str) -> list[Violation]:
    violations = lint(text, guide, rules={rule}).violations
    for violation in violations:
        assert text[violation.start : violation.end] == violation.excerpt
    return violations


@pytest.mark.parametrize(
    ("text", "excerpt", "suggestion"),
    [
        ("Afin d'obtenir votre aide, écrivez-nous.", "Afin d'", "pour"),
        ("Afin d’obtenir votre aide, écrivez-nous.", "Afin d’", "pour"),
        ("AFIN DE vous aider, écrivez-nous.", "AFIN DE", "pour"),
        ("Vous sollicitez une aide.", "sollicitez", "demander"),
        ("Les dossiers susvisés sont complets.", "susvisés", "(supprimer) / cités plus haut"),
        ("Nous sommes en mesure de vous répondre.", "sommes en mesure de", "pouvoir"),
        ("A compter du 1er mars, la règle change.", "A compter du", "à partir du"),
        ("Votre aide est versée pour les 6 prochains mois.", "pour les 6 prochains mois", None),
    ],
)
def test_jargon_matches_inflections_elisions_case_and_accents(
    guide: StyleGuide, text: str, excerpt: str, suggestion: str | None
) -> None:
    violations = found(guide, text, "SPP-LEX-01")
    assert [v.excerpt for v in violations] == [excerpt]
    if suggestion is not None:
        assert violations[0].suggestion == suggestion
    assert violations[0].start == text.index(excerpt)


def test_a_longer_term_wins_over_the_terms_inside_it(guide: StyleGuide) -> None:
    text = "L'instruction de votre requête prend un mois."
    assert [v.excerpt for v in found(guide, text, "SPP-LEX-01")] == ["instruction de votre requête"]


def test_words_in_quotation_marks_are_the_citizens_own(guide: StyleGuide) -> None:
    assert found(guide, "Vous parlez d'une « requête » restée sans réponse.", "SPP-LEX-01") == []
    assert found(guide, "Vous parlez d'une requête restée sans réponse.", "SPP-LEX-01")


def test_a_term_owned_by_another_rule_is_left_to_it(guide: StyleGuide) -> None:
    text = "Votre dossier sera étudié dans les meilleurs délais par l'usager."
    assert found(guide, text, "SPP-LEX-01") == []
    assert [v.excerpt for v in found(guide, text, "SPP-COM-01")] == ["dans les meilleurs délais"]
    assert [v.excerpt for v in found(guide, text, "SPP-TON-02")] == ["l'usager"]


def test_plural_and_inflected_forms_of_multiword_terms(guide: StyleGuide) -> None:
    text = "Nous accusons réception de votre courrier. Il est rappelé que le délai court."
    assert [v.excerpt for v in found(guide, text, "SPP-STRUCT-05")] == ["accusons réception"]
    assert [v.excerpt for v in found(guide, text, "SPP-SYN-05")] == ["Il est rappelé que"]


def test_a_word_is_not_matched_inside_another(guide: StyleGuide) -> None:
    assert found(guide, "Votre date de rendez-vous est fixée.", "SPP-LEX-04") == []
    assert [v.excerpt for v in found(guide, "Vos data sont protégées.", "SPP-LEX-04")] == ["data"]


def test_max_allowed_tolerates_the_first_matches(guide: StyleGuide) -> None:
    assert found(guide, "Nous regrettons vivement ce retard.", "SPP-TON-03") == []
    twice = found(
        guide, "Nous regrettons vivement ce retard et sincèrement l'attente.", "SPP-TON-03"
    )
    assert [v.excerpt for v in twice] == ["sincèrement"]


def test_an_emoji_is_flagged_by_the_extra_pattern(guide: StyleGuide) -> None:
    text = "Merci 🙏 pour votre message"
    assert [v.excerpt for v in found(guide, text, "SPP-TON-04")] == ["🙏"]


@pytest.mark.parametrize(
    "text",
    [
        "Nous mettons tout en oeuvre.",
        "Nous mettons tout en\u00a0œuvre.",
        "Nous METTONS tout en Œuvre.",
    ],
)
def test_ligatures_and_non_breaking_spaces_do_not_hide_a_term(guide: StyleGuide, text: str) -> None:
    (violation,) = found(guide, text, "SPP-COM-01")
    assert violation.start == len("Nous ") and violation.end == len(text) - 1
