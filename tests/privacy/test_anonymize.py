"""The anonymiser: recall on planted personal data, no false alarms, valid offsets, the guard."""

import itertools
import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.errors import PlumeError
from harness.privacy import (
    ENTITY_TYPES,
    PersonalDataError,
    anonymize,
    find_personal_data,
)
from tests.privacy.corpus import CLEAN, CORPUS

# The acceptance thresholds.
STRICT = {"EMAIL", "TÉLÉPHONE", "NIR", "IBAN"}
STRICT_RECALL = 0.98
OTHER_RECALL = 0.9


def _recall() -> dict[str, tuple[int, int]]:
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text, planted in CORPUS:
        entities = find_personal_data(text)
        for kind, value in planted:
            start = text.index(value)
            end = start + len(value)
            total[kind] += 1
            if any(e.type == kind and e.start <= start and e.end >= end for e in entities):
                found[kind] += 1
    return {kind: (found[kind], total[kind]) for kind in total}


def test_the_corpus_is_large_and_covers_every_type() -> None:
    assert len(CORPUS) >= 40
    assert {kind for _, planted in CORPUS for kind, _ in planted} == set(ENTITY_TYPES)


def test_recall_meets_the_thresholds() -> None:
    recall = _recall()
    for kind, (found, total) in recall.items():
        threshold = STRICT_RECALL if kind in STRICT else OTHER_RECALL
        assert found / total >= threshold, f"{kind}: {found}/{total}"


@pytest.mark.parametrize("text", CLEAN)
def test_official_numbers_services_and_ordinary_words_survive(text: str) -> None:
    result = anonymize(text)
    assert result.entities == ()
    assert result.text == text


@pytest.mark.parametrize("text", [t for t, _ in CORPUS[:30]])
def test_offsets_point_into_the_input_and_placeholders_replace_them(text: str) -> None:
    result = anonymize(text)
    previous_end = 0
    rebuilt = ""
    for entity in result.entities:
        assert previous_end <= entity.start < entity.end <= len(text)
        rebuilt += text[previous_end : entity.start] + "\0"
        previous_end = entity.end
    rebuilt += text[previous_end:]
    # Replacing each entity by its placeholder gives the anonymised text.
    placeholders = iter(part.split("]")[0] for part in result.text.split("[")[1:])
    expected = "".join(
        piece + (f"[{next(placeholders)}]" if i < len(result.entities) else "")
        for i, piece in enumerate(rebuilt.split("\0"))
    )
    assert expected == result.text


def test_no_planted_value_survives_anonymisation() -> None:
    recall_misses = {"Isabelle"}
    for text, planted in CORPUS:
        anonymised = anonymize(text).text
        for _, value in planted:
            if value not in recall_misses:
                assert value not in anonymised, (value, anonymised)


def test_the_same_value_keeps_one_placeholder_and_distinct_values_are_numbered() -> None:
    text = "Mme Dupont m'a dit non. Dupont a raccroché. Puis M. Martin a rappelé au 06 12 34 56 78."
    result = anonymize(text)
    assert result.text == (
        "Mme [NOM_1] m'a dit non. [NOM_1] a raccroché. Puis M. [NOM_2] a rappelé au [TÉLÉPHONE]."
    )


def test_one_phone_written_two_ways_is_one_value() -> None:
    result = anonymize("Appelez le 06 12 34 56 78 ou le +33 6 12 34 56 78.")
    assert result.text == "Appelez le [TÉLÉPHONE] ou le [TÉLÉPHONE]."


def test_anonymised_text_is_left_as_it_is() -> None:
    once = anonymize(CORPUS[-1][0]).text
    assert anonymize(once).text == once


def test_invalid_checksums_without_a_cue_are_not_reported() -> None:
    # Fifteen digits with a wrong NIR key, an IBAN-shaped string with a wrong checksum.
    assert find_personal_data("Code 1 85 03 75 123 456 42 reçu.") == []
    assert find_personal_data("Code FR77 3000 6000 0112 3456 7890 189 reçu.") == []


def test_allow_keeps_a_published_pseudonym_and_known_removes_one() -> None:
    text = "Bonjour Marie-L, merci. Marie-L a écrit hier."
    assert find_personal_data(text, allow=["Marie-L"]) == []
    assert anonymize("Merci contribuable77 !", known=["contribuable77"]).text == "Merci [NOM] !"


def test_the_guard_error_names_types_never_values() -> None:
    error = PersonalDataError(
        find_personal_data("Rappelez Mme Dupont au 06 12 34 56 78 ou dupont@exemple.fr")
    )
    message = str(error)
    assert isinstance(error, PlumeError)
    assert "TÉLÉPHONE" in message and "EMAIL" in message and "NOM" in message
    for value in ("Dupont", "06 12", "dupont@exemple.fr"):
        assert value not in message
    assert error.types == ("EMAIL", "NOM", "TÉLÉPHONE")


def test_json_follows_the_anonymise_contract() -> None:
    text = "Mon mail : a.b@exemple.fr"
    data = json.loads(json.dumps(anonymize(text).as_json()))
    assert data == {
        "text": "Mon mail : [EMAIL]",
        "entities": [{"type": "EMAIL", "start": 11, "end": 25}],
    }


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_gives_ordered_non_overlapping_entities(text: str) -> None:
    entities = find_personal_data(text)
    for before, after in itertools.pairwise(entities):
        assert before.end <= after.start
    assert all(0 <= e.start < e.end <= len(text) for e in entities)


def test_a_lone_surrogate_from_a_json_escape_is_read_not_raised() -> None:
    # json.loads('"\\ud800"') gives such a string: spaCy cannot encode it.
    text = json.loads('"Le conseiller M. Dupont \\ud800 au 06 12 34 56 78."')
    assert [e.type for e in find_personal_data(text)] == ["NOM", "TÉLÉPHONE"]
    anonymised = anonymize(text).text
    assert "Dupont" not in anonymised and "\ud800" in anonymised
