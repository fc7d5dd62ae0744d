"""Reading a judge's verdict out of whatever text the judge wrote."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.prompts import JudgeVerdict, VerdictError, parse_verdict


def test_a_plain_json_verdict() -> None:
    verdict = parse_verdict('{"raisonnement": "Sobre.", "note": 5, "problemes": []}')
    assert verdict == JudgeVerdict(raisonnement="Sobre.", note=5, problemes=[])


def test_the_last_object_wins_and_fences_and_prose_are_ignored() -> None:
    text = (
        'Exemple du format : {"note": 1}\n'
        "Mon analyse : la réponse est ampoulée.\n"
        "```json\n"
        '{"raisonnement": "Formule « prions d\'agréer ».", "note": 2,\n'
        ' "problemes": ["prions d\'agréer", "regrettons vivement"]}\n'
        "```\n"
    )
    verdict = parse_verdict(text)
    assert verdict.note == 2
    assert verdict.problemes == ["prions d'agréer", "regrettons vivement"]


def test_a_nested_object_is_not_taken_for_the_verdict() -> None:
    text = '{"raisonnement": "r", "note": 3, "details": {"note": 5}}'
    assert parse_verdict(text).note == 3


def test_accented_or_capitalised_keys_and_a_numeric_string_are_accepted() -> None:
    verdict = parse_verdict('{"Raisonnement": "r", "Note": "4", "problèmes": ["x"]}')
    assert (verdict.note, verdict.problemes) == (4, ["x"])


def test_braces_inside_strings_and_broken_objects_before_do_not_confuse_it() -> None:
    text = '{"note": 2, oups\n{"raisonnement": "une accolade { ici", "note": 4}'
    assert parse_verdict(text).note == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Je mettrais 4 sur 5.", "holds no JSON object"),
        ("", "holds no JSON object"),
        ('{"raisonnement": "r"}', "note: is required"),
        ('{"raisonnement": "r", "note": 6}', "note: Input should be less than or equal to 5"),
        ('{"raisonnement": "r", "note": 0}', "greater than or equal to 1"),
        ('{"note": "quatre"}', "note"),
        ('{"note": 3.5}', "note"),
        ('{"note": 3} et ensuite [1, 2]', None),
    ],
)
def test_unusable_verdicts_raise_a_clear_error(text: str, message: str | None) -> None:
    if message is None:
        assert parse_verdict(text).note == 3
        return
    with pytest.raises(VerdictError, match=message):
        parse_verdict(text)


verdicts = st.builds(
    JudgeVerdict,
    raisonnement=st.text(),
    note=st.integers(min_value=1, max_value=5),
    problemes=st.lists(st.text(), max_size=3),
)


@given(verdict=verdicts, before=st.text(), fenced=st.booleans())
def test_any_verdict_survives_prose_before_it_and_fences(
    verdict: JudgeVerdict, before: str, fenced: bool
) -> None:
    body = json.dumps(verdict.model_dump(), ensure_ascii=False)
    text = f"{before}\n```json\n{body}\n```" if fenced else f"{before}\n{body}"
    assert parse_verdict(text) == verdict


@given(st.text())
def test_arbitrary_text_gives_a_verdict_or_a_verdict_error(text: str) -> None:
    try:
        verdict = parse_verdict(text)
    except VerdictError:
        return
    assert 1 <= verdict.note <= 5
