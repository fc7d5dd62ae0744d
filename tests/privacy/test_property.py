"""The anonymiser's promise, as a property: nothing the detector finds survives anonymisation."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.privacy import anonymize, anonymize_many, find_personal_data
from tests.privacy.test_forms import CASE_NUMBERS, FORMS

WORDS = [
    "Bonjour",
    "je",
    "suis",
    "allé",
    "à",
    "la",
    "Caf",
    "hier",
    "mon",
    "dossier",
    "est",
    "bloqué",
    "depuis",
    "mars",
    "merci",
    "Cordialement",
    "le",
    "conseiller",
    "la",
    "gestionnaire",
    "agent",
    "M.",
    "Mme",
    "Dr",
    "Me",
    "Madame",
    "Monsieur",
    "appelez",
    "au",
    "on",
    "m'a",
    "dit",
    "de",
    "rappeler",
    "le",
    "3646",
    "ou",
    "sur",
    "ameli.fr",
    "J'habite",
    "ma",
    "fille",
    "mon",
    "fils",
    "signé",
    ":",
    "France",
    "Travail",
    "Urssaf",
    "né",
    "le",
    "numéro",
    "allocataire",
    "IBAN",
    "RIB",
    "sécurité",
    "sociale",
    "rue",
    "avenue",
    ",",
    ".",
    "!",
    "?",
    "\n",
]
PERSONAL = [
    *(value for values in FORMS.values() for value in values),
    *(text for text, _ in CASE_NUMBERS),
    "Karim Benali",
    "Dupont",
    "Hélène Carpentier",
    "12 rue des Lilas, 69003 Lyon",
    "née le 12/03/1985",
    "Cordialement,\nAhmed Benali",
]
TEXTS = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(PERSONAL)), min_size=1, max_size=30
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_nothing_found_survives_anonymisation(text: str) -> None:
    anonymised = anonymize(text).text
    left = find_personal_data(anonymised)
    assert left == [], [(e.type, anonymised[e.start : e.end]) for e in left]


@settings(max_examples=20, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=8))
def test_a_batch_anonymises_each_text_as_alone(texts: list[str]) -> None:
    assert anonymize_many(texts) == [anonymize(text) for text in texts]
