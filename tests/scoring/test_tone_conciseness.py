"""Tone from style violations, conciseness from length, filler, repetition and readability."""

from dataclasses import replace

from harness.scoring import (
    AnalysedReply,
    ConcisenessScorer,
    ToneConfig,
    ToneScorer,
    analyse_replies,
)
from harness.styleguide import LintResult, TextMetrics, Violation, lint
from tests.scoring.cases import CAF, CPAM


def metrics(
    words: int, mean_sentence: float = 10.0, readability: float | None = 75.0
) -> TextMetrics:
    return TextMetrics(
        characters=words * 6,
        words=words,
        sentences=max(1, round(words / mean_sentence)),
        paragraphs=1,
        mean_sentence_words=mean_sentence,
        max_sentence_words=int(mean_sentence) + 3,
        long_sentences=0,
        kandel_moles=readability,
        lix=40.0,
        rix=2.0,
    )


def violation(rule: str, severity: str, category: str, start: int = 0, end: int = 4) -> Violation:
    return Violation(
        rule=rule,
        severity=severity,
        category=category,
        start=start,
        end=end,
        line=1,
        column=start + 1,
        excerpt="x" * (end - start),
        message="message",
        suggestion=None,
    )


def fake(
    text: str, violations: list[Violation], words: int = 100, **kw: float | None
) -> AnalysedReply:
    """The reply analysed, with the style guide's verdict replaced by ``violations``."""
    (plain,) = analyse_replies([text], lint=False)
    lint = LintResult(violations=violations, metrics=metrics(words, **kw))  # type: ignore[arg-type]
    return replace(plain, lint=lint)


TEXT = "Bonjour, votre dossier est complet. Nous le traitons sous 21 jours."


def test_tone_falls_with_severity_weighted_violations_per_hundred_words() -> None:
    tone = ToneScorer(ToneConfig(scale=10.0, min_words=60))
    clean = tone.score(CAF.item, fake(TEXT, []))
    warning = tone.score(CAF.item, fake(TEXT, [violation("SPP-SYN-01", "warning", "syntax")]))
    error = tone.score(CAF.item, fake(TEXT, [violation("SPP-STRUCT-05", "error", "structure")]))
    assert clean.value == 1.0
    assert warning.value == round(2.718281828**-0.1, 4)
    assert error.value is not None and warning.value is not None and error.value < warning.value
    assert [(e.start, e.end, e.kind) for e in error.evidence] == [(0, 4, "violation")]


def test_tone_normalises_by_length_with_a_floor_for_short_replies() -> None:
    tone = ToneScorer()
    one = [violation("SPP-SYN-01", "warning", "syntax")]
    long = tone.score(CAF.item, fake(TEXT, one, words=200)).value
    short = tone.score(CAF.item, fake(TEXT, one, words=10)).value
    floor = tone.score(CAF.item, fake(TEXT, one, words=60)).value
    assert long is not None and short is not None and long > short
    assert short == floor


def test_tone_ignores_categories_outside_its_configuration() -> None:
    tone = ToneScorer()
    score = tone.score(CAF.item, fake(TEXT, [violation("SPP-LEN-01", "warning", "length")]))
    assert score.value == 1.0


def test_a_commitment_backed_by_the_context_is_not_counted() -> None:
    text = "Votre dossier sera traité sous 21 jours."
    start = text.index("sera")
    promise = violation("SPP-COM-01", "error", "commitment", start, start + 16)
    tone = ToneScorer()
    assert tone.score(CAF.item, fake(text, [promise])).value == 1.0
    vague = "Votre dossier sera traité sous 10 jours."
    assert tone.score(CAF.item, fake(vague, [promise])).value != 1.0


def test_without_a_lint_result_tone_and_conciseness_are_unscored_with_the_reason() -> None:
    (plain,) = analyse_replies([TEXT], lint=False)
    bare = replace(plain, lint_error="the style guide is missing")
    for scorer in (ToneScorer(), ConcisenessScorer()):
        score = scorer.score(CAF.item, bare)
        assert score.value is None and score.explanation == "the style guide is missing"


def test_an_empty_reply_scores_zero_on_tone_and_conciseness() -> None:
    assert ToneScorer()(CAF.item, "").value == 0.0
    assert ConcisenessScorer()(CAF.item, "").value == 0.0


def test_filler_is_evidence_and_costs_conciseness() -> None:
    text = TEXT + " Nous restons à votre disposition. N'hésitez pas à nous contacter."
    score = ConcisenessScorer().score(CAF.item, fake(text, [], words=25))
    filler = [text[e.start : e.end] for e in score.evidence if e.kind == "filler"]
    assert filler == ["Nous restons à votre disposition", "N'hésitez pas à nous contacter"]
    assert score.subscores["filler"] == 0.5


def test_a_restated_sentence_is_a_repetition() -> None:
    text = (
        "Votre dossier de prime d'activité est complet depuis le 12 mars. "
        "Votre dossier de prime d'activité est bien complet depuis le 12 mars."
    )
    score = ConcisenessScorer().score(CAF.item, fake(text, [], words=25))
    (repeat,) = [e for e in score.evidence if e.kind == "repetition"]
    assert text[repeat.start :].startswith("Votre dossier de prime d'activité est bien")


def test_long_sentences_and_poor_readability_lower_conciseness() -> None:
    scorer = ConcisenessScorer()
    easy = scorer.score(CAF.item, fake(TEXT, [], words=40, mean_sentence=10, readability=80))
    hard = scorer.score(CAF.item, fake(TEXT, [], words=40, mean_sentence=28, readability=35))
    assert easy.value is not None and hard.value is not None and hard.value < easy.value - 0.2
    no_readability = scorer.score(CAF.item, fake(TEXT, [], words=40, readability=None))
    assert "readability" not in no_readability.subscores


def test_with_the_real_style_guide_a_pompous_reply_scores_lower_on_tone() -> None:
    tone = ToneScorer()
    plain, pompous = analyse_replies([CAF.good, CAF.pompous])
    plain_score, pompous_score = tone.score(CAF.item, plain), tone.score(CAF.item, pompous)
    assert plain_score.value is not None and pompous_score.value is not None
    assert pompous_score.value < plain_score.value - 0.4
    rules = {e.note.split(" ")[0] for e in pompous_score.evidence}
    assert "SPP-STRUCT-05" in rules
    ceremonial = [
        CAF.pompous[e.start : e.end]
        for e in pompous_score.evidence
        if e.note.startswith("SPP-STRUCT-05")
    ]
    assert any("agréer" in text or "accusons" in text for text in ceremonial)


def test_with_the_real_style_guide_a_padded_reply_scores_lower_on_conciseness() -> None:
    scorer = ConcisenessScorer()
    good, padded = analyse_replies([CPAM.good, CPAM.padded])
    good_score, padded_score = scorer.score(CPAM.item, good), scorer.score(CPAM.item, padded)
    assert good_score.value is not None and padded_score.value is not None
    assert padded_score.value < good_score.value - 0.3
    assert padded_score.subscores["repetition"] < 1 and padded_score.subscores["filler"] < 1


def test_conciseness_counts_words_as_the_style_guide_does() -> None:
    score = ConcisenessScorer()(CAF.item, CAF.good)
    words, gold = lint(CAF.good).metrics.words, lint(CAF.item.reply).metrics.words
    assert score.subscores["words"] == words
    assert score.subscores["gold_ratio"] == round(words / gold, 4)
