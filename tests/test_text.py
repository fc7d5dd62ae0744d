"""The one text normalisation and the one text analysis shared by the style guide and scoring."""

import pytest

from harness.text import analyse, fold, word_count


@pytest.mark.parametrize(
    ("spellings", "folded"),
    [
        (["Délai", "DELAI", "délai", "de\u0301lai"], "delai"),  # case, accents, decomposed accent
        (["Straße", "STRASSE"], "strasse"),  # case folding, not just lower case
        (["cœur", "CŒUR", "coeur"], "coeur"),  # ligatures French spells either way
        (["aujourd’hui", "aujourd'hui", "aujourdʼhui"], "aujourd'hui"),  # apostrophes
        (["d’", "D'"], "de"),  # an elided clitic is its full word
        (["mise  en\u00a0œuvre", " mise en oeuvre "], "mise en oeuvre"),  # spaces
        (["ﬁchier"], "fichier"),  # compatibility ligature
    ],
)
def test_fold_makes_every_spelling_of_a_word_equal(spellings: list[str], folded: str) -> None:
    assert [fold(spelling) for spelling in spellings] == [folded] * len(spellings)


def test_fold_leaves_inflections_and_other_words_alone() -> None:
    assert [fold(word) for word in ("Délais", "la", "l'", "d'un")] == ["delais", "la", "le", "d'un"]


def test_an_analysis_reports_sentences_words_and_positions_in_the_original_text() -> None:
    text = "Bonjour Camille,\nVotre dossier est complet ; merci.\n\nCordialement"
    (analysis,) = analyse([text])
    spans = [text[s.start : s.end] for s in analysis.sentences]
    assert spans == ["Bonjour Camille,", "Votre dossier est complet ; merci.", "Cordialement"]
    assert [s.words for s in analysis.sentences] == [2, 5, 1]
    assert analysis.sentence_at(text.index("merci")) == (17, 51)
    assert analysis.position(text.index("Cordialement")) == (4, 1)
    assert analysis.paragraphs == [(0, 51), (53, len(text))]


def test_typographic_apostrophes_split_elisions_at_the_same_offsets() -> None:
    (analysis,) = analyse(["J’ai l’honneur"])
    assert [(t.idx, t.text) for t in analysis.tokens] == [
        (0, "J'"),
        (2, "ai"),
        (5, "l'"),
        (7, "honneur"),
    ]
    assert [t.text for t in analysis.words] == ["ai", "honneur"]


def test_word_count_counts_the_words_an_analysis_counts() -> None:
    texts = [
        "J’ai l’honneur de vous écrire.",  # typographic elisions are not words
        "Écrivez-nous au 3230 ; c'est-à-dire dès\u00a0demain…\n\n  Cordialement",
        "",
    ]
    counts = [word_count(text) for text in texts]
    assert counts == [len(a.words) for a in analyse(texts)]
    assert counts[0] == 5  # ai, honneur, de, vous, écrire
