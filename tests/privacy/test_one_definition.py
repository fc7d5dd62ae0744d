"""Personal data is defined once: the style guide's SPP-COM-02, the anonymiser and the guard in
front of remote models agree on every text, and writers extend the official numbers in one place."""

import asyncio
from pathlib import Path

import aiohttp
import pytest

from harness.models import ChatMessage, Model, ModelCallError, ModelSpec, RetryPolicy
from harness.privacy import anonymize, find_personal_data
from harness.styleguide import lint, load_styleguide

PERSONAL = [
    "Rappelez-moi au 08 00 12 34 56.",  # lint flagged it, the guard let it through
    "Mon portable : +33 (0)6 12 34 56 78.",  # the guard caught it, lint missed it
    "Le conseiller M. Dupont ne répond pas.",  # lint flagged it, the anonymiser left it
    "Écrivez à jean.dupont @ gmail.com.",
    "Le courrier est parti au 12 rue des Lilas, 69003 Lyon.",
    "Le remboursement ira sur fr76 3000 6000 0112 3456 7890 189.",
]
CLEAN = [
    "Appelez le 3646 ou le 0 809 401 401 du lundi au vendredi.",
    "Votre dossier est complet depuis le 12 mars.",
    "Le conseiller de la Caf vous rappellera.",
]


def _linted(text: str) -> bool:
    return bool(lint(text, load_styleguide(), rules={"SPP-COM-02"}).violations)


def _guarded(text: str) -> bool:
    """Whether a remote model refuses the text (nothing is sent: the endpoint does not exist)."""

    async def send() -> bool:
        spec = ModelSpec(
            name="remote", provider="openai-compatible", model="m", base_url="http://127.0.0.1:9"
        )
        async with aiohttp.ClientSession() as session:
            try:
                await Model(spec, session, retry=RetryPolicy(max_attempts=1)).generate(
                    [ChatMessage(role="user", content=text)]
                )
            except ModelCallError as error:
                return error.cause == "personal_data"
        return False

    return asyncio.run(send())


@pytest.mark.parametrize("text", PERSONAL)
def test_lint_the_guard_and_the_anonymiser_all_see_personal_data(text: str) -> None:
    assert _linted(text) and _guarded(text) and anonymize(text).text != text


@pytest.mark.parametrize("text", CLEAN)
def test_lint_the_guard_and_the_anonymiser_all_let_clean_text_pass(text: str) -> None:
    assert not _linted(text) and not _guarded(text) and anonymize(text).text == text


def test_lint_allows_the_pseudonym_in_the_greeting_only_as_a_greeting() -> None:
    assert not _linted("Bonjour Camille,\nVotre demande est enregistrée. Merci Camille.")
    assert _linted("Bonjour,\nCamille Martin vous rappellera.")


@pytest.mark.parametrize("written", ["0 806 807 253", "+33 8 06 80 72 53"])
def test_a_number_added_to_the_lexicon_is_official_everywhere(
    plume_root: Path, written: str
) -> None:
    text = "Pour Pajemploi, appelez le 0 806 807 253."
    assert find_personal_data(text) and _linted(text)
    lexicon = plume_root / "styleguide" / "lexicons" / "short_numbers.tsv"
    with lexicon.open("a", encoding="utf-8") as out:
        out.write(f"{written}\t\tpajemploi.urssaf.fr\tPajemploi\n")
    assert find_personal_data(text) == [] and not _linted(text)
