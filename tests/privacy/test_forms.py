"""Structured identifiers in the forms citizens type them: spaced or not, dots, dashes, any case,
a country prefix, a number broken across a line. Each form is found whole, as one entity."""

import pytest

from harness.privacy import anonymize, find_personal_data

FORMS = {
    "TÉLÉPHONE": [
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "06 1234 5678",
        "06 12 34\n56 78",
        "+33 6 12 34 56 78",
        "+33612345678",
        "0033 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "(+33) 6 12 34 56 78",
        "+33.6.12.34.56.78",
        "08 00 12 34 56",
    ],
    "NIR": [
        "1 85 03 75 123 456 41",
        "185037512345641",
        "1.85.03.75.123.456.41",
        "1-85-03-75-123-456-41",
        "1 85 03 75 123\n456 41",
        "1 75 01 2a 004 005 18",
    ],
    "IBAN": [
        "FR76 3000 6000 0112 3456 7890 189",
        "FR7630006000011234567890189",
        "fr76 3000 6000 0112 3456 7890 189",
        "FR76-3000-6000-0112-3456-7890-189",
        "FR76 3000 6000 0112\n3456 7890 189",
        "fr14 2004 1010 0505 0001 3m02 606",
    ],
    "EMAIL": [
        "jean.dupont@gmail.com",
        "JEAN.DUPONT@GMAIL.COM",
        "jean.dupont @ gmail.com",
        "jean.dupont@\ngmail.com",
        "jean.dupont[at]gmail.com",
        "jean.dupont (at) gmail.com",
        "jean.dupont arobase gmail.com",
    ],
}
# Case numbers follow a cue, which stays: only the number is the personal part.
CASE_NUMBERS = [
    ("n° allocataire 1234567", "1234567"),
    ("N° ALLOCATAIRE : 12 34 567", "12 34 567"),
    ("numéro d'allocataire 123.45.67", "123.45.67"),
    ("n° allocataire :\n1234567", "1234567"),
    ("dossier n° 2024-AB-12345", "2024-AB-12345"),
    ("référence spp20240315a", "spp20240315a"),
    ("mon numéro fiscal 30 12 345 678 901", "30 12 345 678 901"),
]


def _only(text: str, value: str, kind: str) -> None:
    start = text.index(value)
    found = [(e.type, e.start, e.end) for e in find_personal_data(text)]
    assert found == [(kind, start, start + len(value))], (value, found)


@pytest.mark.parametrize(
    ("kind", "value"), [(kind, value) for kind, values in FORMS.items() for value in values]
)
def test_every_form_is_found_whole(kind: str, value: str) -> None:
    _only(f"Voici : {value} merci", value, kind)


@pytest.mark.parametrize(("text", "value"), CASE_NUMBERS)
def test_case_numbers_are_found_in_every_form(text: str, value: str) -> None:
    _only(f"Bonjour, {text} merci", value, "NUMÉRO")


def test_one_phone_written_every_way_is_one_value() -> None:
    text = " ou ".join(FORMS["TÉLÉPHONE"][:-1])
    assert anonymize(text).text == " ou ".join(["[TÉLÉPHONE]"] * (len(FORMS["TÉLÉPHONE"]) - 1))


@pytest.mark.parametrize(
    "text",
    [
        # Official numbers, however written: the style guide's short_numbers lexicon.
        "Appelez le 0 809 401 401 ou le 08 09 40 14 01.",
        "Le Cesu répond au 0806802378.",
        "Appelez le 3646, le 39 39 ou le 34 00.",
        # Pieces of longer numbers and amounts are not phones.
        "Code 1 85 03 75 123 456 42 reçu.",
        "J'ai payé 1 200 € le 12/03/2024 et 35 000 euros depuis.",
        "Le code FR77 3000 6000 0112 3456 7890 189 ne marche pas.",
    ],
)
def test_official_numbers_and_look_alikes_are_not_personal_data(text: str) -> None:
    assert find_personal_data(text) == []


def test_an_iban_followed_by_a_number_keeps_its_own_digits_only() -> None:
    text = "Virement sur FR76 3000 6000 0112 3456 7890 189 12 fois"
    [entity] = find_personal_data(text)
    assert text[entity.start : entity.end] == "FR76 3000 6000 0112 3456 7890 189"
