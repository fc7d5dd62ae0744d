"""Specifics are found with their exact span and compared on normalised values."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from harness.scoring import AccuracyScorer, extract_specifics
from tests.scoring.cases import CAF


def kinds(text: str, short_numbers: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    return [(s.kind, s.value, s.text) for s in extract_specifics(text, short_numbers=short_numbers)]


def test_a_malformed_invented_phone_number_is_still_a_phone_number() -> None:
    text = "Vous pouvez nous joindre au 02 864 15 79."
    (phone,) = extract_specifics(text)
    assert phone.kind == "phone"
    assert text[phone.start : phone.end] == "02 864 15 79"


def test_phone_formats_normalise_to_the_same_digits() -> None:
    values = {
        s.value
        for text in ("01 23 45 67 89", "01.23.45.67.89", "+33 1 23 45 67 89", "0123456789")
        for s in extract_specifics(text)
    }
    assert values == {"0123456789"}


def test_short_numbers_need_a_cue_or_the_lexicon() -> None:
    assert kinds("Appelez le 3949.") == [("phone", "3949", "3949")]
    assert kinds("Composez le 39 39.") == [("phone", "3939", "39 39")]
    assert kinds("Le 3646 est gratuit.", short_numbers=("3646",))[0][:2] == ("phone", "3646")
    assert all(k != "phone" for k, _, _ in kinds("Il a payé 3200 € en 2024."))


def test_delays_compare_in_hours_so_three_weeks_is_twenty_one_days() -> None:
    (a,) = extract_specifics("sous 21 jours")
    (b,) = extract_specifics("dans les 3 semaines")
    (c,) = extract_specifics("sous quinze jours")
    assert a.value == b.value == str(21 * 24)
    assert c.value == str(14 * 24)


def test_amounts_dates_percent_and_links() -> None:
    found = kinds(
        "Un virement de 1 250,50 € le 15 mars 2025 (soit 5 % de plus), voir www.caf.fr/aides "
        "ou écrire à contact@caf.fr."
    )
    assert ("amount", "1250.5", "1 250,50 €") in found
    assert ("date", "2025-03-15", "15 mars 2025") in found
    assert ("percent", "5", "5 %") in found
    assert ("url", "caf.fr/aides", "www.caf.fr/aides") in found
    assert ("email", "contact@caf.fr", "contact@caf.fr") in found
    assert not any(k == "url" and "contact" in v for k, v, _ in found)


def test_numeric_dates_match_dates_in_words_and_a_missing_year_matches_any_year() -> None:
    fact = "Le dossier est complet depuis le 12/03/2025."
    item = CAF.item.model_copy(update={"key_facts": [fact]})
    conveyed = AccuracyScorer()(item, "Votre dossier est complet depuis le 12 mars.")
    assert conveyed.value == 1.0 and conveyed.subscores["invented"] == 0
    wrong = AccuracyScorer()(item, "Votre dossier est complet depuis le 13 mars.")
    assert wrong.subscores["contradictions"] == 1


def test_addresses_and_offices_stop_at_lower_case_words() -> None:
    found = kinds("Venez à l'agence de Bobigny le 3 juin, 12 rue de la République.")
    assert ("office", "bobigny", "agence de Bobigny") in found
    assert ("address", "12 rue de la république", "12 rue de la République") in found


def test_a_bare_domain_is_supported_by_a_deeper_link_but_not_the_reverse() -> None:
    deeper = CAF.item.model_copy(
        update={"key_facts": [], "context": ["Les aides sont décrites sur caf.fr/aides."]}
    )
    assert AccuracyScorer()(deeper, "Tout est sur caf.fr.").subscores["invented"] == 0
    bare = CAF.item.model_copy(update={"key_facts": [], "context": ["Le site est caf.fr."]})
    invented = AccuracyScorer()(bare, "Tout est sur caf.fr/invente.")
    assert [e.note for e in invented.evidence if e.kind == "invented"] == [
        "url 'caf.fr/invente' is in neither the context nor the experience"
    ]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_every_span_is_inside_the_text_and_equals_its_excerpt(text: str) -> None:
    for specific in extract_specifics(text):
        assert 0 <= specific.start < specific.end <= len(text)
        assert text[specific.start : specific.end] == specific.text


@given(st.lists(st.sampled_from(["Appelez le 3949", " 12 mars", " 150 €", " sous 2 mois", " x"])))
def test_spans_never_overlap(parts: list[str]) -> None:
    found = extract_specifics("".join(parts))
    for left, right in pairwise(found):
        assert left.end <= right.start
