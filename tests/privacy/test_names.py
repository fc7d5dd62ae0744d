"""Names after a title or a role: the name goes, and only the name (the title, the role and the
words around stay)."""

import pytest

from harness.privacy import anonymize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The leak: a title after a role hid the name from every cue.
        ("Le conseiller M. Dupont ne répond pas", "Le conseiller M. [NOM] ne répond pas"),
        # The over-redaction: the word before the title was taken for part of the name.
        ("Hier M. Dupont m'a appelé", "Hier M. [NOM] m'a appelé"),
        ("Aujourd'hui Mme Roux m'a rappelée.", "Aujourd'hui Mme [NOM] m'a rappelée."),
        # Titles.
        ("Mme Leroy a traité mon dossier.", "Mme [NOM] a traité mon dossier."),
        ("Mlle Girard m'a reçue très vite.", "Mlle [NOM] m'a reçue très vite."),
        ("Le Dr Martin a signé l'arrêt de travail.", "Le Dr [NOM] a signé l'arrêt de travail."),
        ("Me Durand, mon avocat, a écrit à la Caf.", "Me [NOM], mon avocat, a écrit à la Caf."),
        (
            "J'ai écrit à Monsieur Bernard puis à Madame Petit.",
            "J'ai écrit à Monsieur [NOM_1] puis à Madame [NOM_2].",
        ),
        # Roles.
        ("L'agent Moreau m'a dit d'attendre.", "L'agent [NOM] m'a dit d'attendre."),
        ("Ma conseillère Nadia m'a orientée.", "Ma conseillère [NOM] m'a orientée."),
        ("Le gestionnaire Dubois a clos le dossier.", "Le gestionnaire [NOM] a clos le dossier."),
        # Roles and titles together.
        ("la gestionnaire Mme Leroy a refusé", "la gestionnaire Mme [NOM] a refusé"),
        ("La conseillère Mme Leroy m'a reçue.", "La conseillère Mme [NOM] m'a reçue."),
        (
            "J'ai vu le Dr Martin, puis l'agent M. Roux.",
            "J'ai vu le Dr [NOM_1], puis l'agent M. [NOM_2].",
        ),
    ],
)
def test_the_name_after_a_title_or_a_role_is_replaced_and_nothing_else(
    text: str, expected: str
) -> None:
    assert anonymize(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Le conseiller de la Caf ne répond pas.",
        "Tu aides un agent de Finances publiques à répondre à un usager.",
        "Madame, Monsieur, je vous écris au sujet de ma retraite.",
        "Hier, le conseiller m'a appelé.",
        "Mon médecin traitant est parti à la retraite.",
        "J'ai écrit à Monsieur le Maire et à Madame la Préfète.",
    ],
)
def test_titles_and_roles_without_a_name_are_left_alone(text: str) -> None:
    assert anonymize(text).text == text


def test_a_later_bare_mention_of_the_name_goes_too_but_not_the_word_before_the_title() -> None:
    text = "Hier M. Dupont m'a appelé. Dupont a promis de rappeler hier soir."
    assert anonymize(text).text == "Hier M. [NOM] m'a appelé. [NOM] a promis de rappeler hier soir."
