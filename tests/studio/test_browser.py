"""The studio in headless Chromium (Debian's, driven by Playwright), served by `plume serve`:
violations highlighted where they are, suggestions applied, the rule pages, a planted change."""

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from harness.styleguide import load_styleguide
from tests.browser import BROWSER_TESTS
from tests.studio.conftest import GOLD, SHIPPED, git, write_run
from tests.web.server import free_port, wait_until_listening

POMPOUS = (
    "Bonjour,\n"
    "Nous vous prions d'agréer nos salutations. Nous traiterons votre dossier dans les meilleurs"
    " délais. Il convient de joindre votre avis. Il vous appartient de signer le formulaire."
)

pytestmark = BROWSER_TESTS


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`plume serve` on a guide in a git repository of its own: (entry link, guide folder)."""
    root = tmp_path_factory.mktemp("depot")
    shutil.copytree(SHIPPED, root / "styleguide")
    git(root, "init", "-q")
    git(root, "add", "styleguide")
    git(root, "commit", "-q", "-m", "guide")
    runs = root / "runs"
    write_run(runs, {"item-1": "Bonjour,\nMerci de joindre votre avis."})
    port = free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "harness.cli", "serve", "--port", str(port)),
            *("--styleguide", str(root / "styleguide"), "--gold", str(GOLD), "--runs", str(runs)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    link = ""
    for line in process.stdout:
        if found := re.search(r"http://\S+/redaction/entrer\?jeton=\S+", line):
            link = found.group()
            break
    wait_until_listening(process, port, 120)  # spaCy's pipeline loads before the server listens
    try:
        yield link, root / "styleguide"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _open(browser: Browser, link: str) -> Page:
    page = browser.new_page()
    page.goto(link)
    return page


def _marks(page: Page) -> list[tuple[int, int, str]]:
    """(start, end, text) of every highlighted stretch, counted in the layer behind the text."""
    found: list[tuple[int, int, str]] = page.evaluate(
        """() => {
            const found = [];
            let offset = 0;
            for (const node of document.getElementById("surlignage").childNodes) {
                const size = node.textContent.length;
                if (node.nodeName === "MARK") found.push([offset, offset + size, node.textContent]);
                offset += size;
            }
            return found;
        }"""
    )
    return [tuple(mark) for mark in found]  # type: ignore[misc]


def test_typing_a_pompous_reply_highlights_its_violations(
    browser: Browser, server: tuple[str, Path]
) -> None:
    page = _open(browser, server[0])
    page.locator("#texte").press_sequentially(POMPOUS, delay=1)
    page.wait_for_selector("#constats li")
    marks = _marks(page)
    for excerpt in ("prions d'agréer", "dans les meilleurs délais", "Il convient de"):
        start = POMPOUS.index(excerpt)
        assert (start, start + len(excerpt), excerpt) in marks
    assert page.locator('#constats li[data-regle="SPP-COM-01"]').inner_text().count("Pourquoi")
    assert "(délai précis, ou rien)" in page.locator("#constats").inner_text()


def test_a_suggestion_applies_with_a_click_or_a_key(
    browser: Browser, server: tuple[str, Path]
) -> None:
    page = _open(browser, server[0])
    page.locator("#texte").fill(POMPOUS)
    page.get_by_role("button", name="Remplacer par « Il faut »").click()
    assert "Il faut joindre votre avis." in page.locator("#texte").input_value()
    page.wait_for_selector('#constats li[data-regle="SPP-STRUCT-05"]')
    start = page.locator("#texte").input_value().index("appartient")
    page.locator("#texte").evaluate(f"area => area.setSelectionRange({start}, {start})")
    page.locator("#texte").press("Alt+Enter")
    assert page.locator("#texte").input_value().endswith("avis. Vous devez signer le formulaire.")


def test_the_rule_pages_render_every_rule(browser: Browser, server: tuple[str, Path]) -> None:
    page = _open(browser, server[0])
    page.get_by_role("link", name="Le guide de style").click()
    guide = load_styleguide(SHIPPED)
    rows = page.locator("tr.regle")
    assert rows.count() == len(guide.rules)
    for rule in guide.rules:
        page.goto(page.url.split("/redaction/")[0] + f"/redaction/regles/{rule.id}")
        assert page.locator("h1").inner_text() == f"{rule.id} — {rule.title}"
        assert page.locator(".exemples.mauvais li").count() == len(rule.examples.bad)


def test_the_modification_page_shows_a_planted_change(
    browser: Browser, server: tuple[str, Path]
) -> None:
    link, guide = server
    jargon = guide / "lexicons" / "jargon.tsv"
    before = jargon.read_text(encoding="utf-8")
    jargon.write_text(before + "joindre\tenvoyer\ttest\t\n", encoding="utf-8")
    try:
        page = _open(browser, link)
        page.get_by_role("link", name="Que changerait ma modification ?").click()
        assert (
            "Lexique jargon : 1 entrée(s) ajoutée(s)" in page.locator(".changements").inner_text()
        )
        reply = page.locator('article[data-id="modele-a · item-1"]')
        assert reply.locator("mark.gagnee").inner_text() == "joindre"
    finally:
        jargon.write_text(before, encoding="utf-8")
