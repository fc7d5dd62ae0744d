"""Counts and French readability scores, computed on corrected spaCy sentences."""

import pytest

from harness.styleguide import StyleGuide, lint, syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("agréer", 3),
        ("créer", 2),
        ("client", 2),
        ("pays", 2),
        ("émotion", 3),
        ("considération", 5),
        ("réalisé", 4),
        ("théâtre", 2),
        ("usager", 3),
        ("année", 2),
        ("page", 1),
        ("le", 1),
        ("essayer", 3),
        ("poète", 2),
        ("naïf", 2),
        ("cordialement", 4),
        ("œuvre", 1),
        ("3646", 0),
    ],
)
def test_french_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_kandel_moles_and_lix_follow_their_formulas(guide: StyleGuide) -> None:
    metrics = lint("Le chat dort. Nous verrons l'honneur.", guide).metrics
    # 6 words (l'honneur is one), 2 sentences, 8 syllables, 2 long words (verrons, honneur).
    assert (metrics.words, metrics.sentences) == (6, 2)
    assert metrics.kandel_moles == round(207 - 1.015 * 3 - 73.6 * 8 / 6, 1)
    assert metrics.lix == round(3 + 100 * 2 / 6, 1)
    assert metrics.rix == 1.0
    assert metrics.readability == metrics.kandel_moles


def test_sentences_follow_replies_not_regexes(guide: StyleGuide) -> None:
    text = (
        "Bonjour Camille,\n\nM. Dupont a lu votre message sur caf.fr ; il vous répond : merci."
        "\nCordialement.\nLa Caf"
    )
    metrics = lint(text, guide).metrics
    assert metrics.sentences == 4
    assert metrics.paragraphs == 2
    assert metrics.max_sentence_words == 12


def test_a_hard_wrapped_sentence_stays_one_sentence(guide: StyleGuide) -> None:
    metrics = lint("Nous avons reçu votre demande\net nous l'étudions.", guide).metrics
    assert metrics.sentences == 1


def test_long_sentences_use_the_guide_threshold(guide: StyleGuide) -> None:
    text = (
        "Nous avons bien reçu votre demande de prime pour le mois de mars dernier et nous allons"
        " étudier votre dossier avec soin avant de vous écrire ensuite par courrier postal. Merci."
    )
    metrics = lint(text, guide).metrics
    assert guide.long_sentence_words == 25
    assert (metrics.long_sentences, metrics.max_sentence_words) == (1, 30)
    assert metrics.mean_sentence_words == 15.5


@pytest.mark.parametrize("text", ["", "   \n\n\t", "…", "🙂"])
def test_a_text_without_words_has_empty_metrics(guide: StyleGuide, text: str) -> None:
    result = lint(text, guide, rules={"SPP-SYN-04", "SPP-LEN-01", "SPP-STRUCT-01"})
    assert result.metrics.words == 0
    assert result.metrics.sentences == 0
    assert result.metrics.kandel_moles is None
    assert result.metrics.mean_sentence_words == 0.0
    if not text.strip():
        assert result.violations == []
