"""The review in headless Chromium (Debian's, driven by Playwright): a whole session with the
keyboard, resuming, hostile replies shown as text, and no model name anywhere."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from harness.review import VerdictStore
from tests.browser import BROWSER_TESTS
from tests.review.panel import make_plan
from tests.web.server import Server, free_port

MODELS = ("run-20261201/modele-secret-alpha", "run-20261202/modele-secret-beta")
HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"><b>gras</b>'

pytestmark = BROWSER_TESTS


@pytest.fixture
def review(tmp_path: Path) -> Iterator[tuple[Server, str]]:
    review_dir = tmp_path / "revue"
    tokens = make_plan(
        review_dir,
        models=MODELS,
        items=3,
        per_pair=1,
        panel=1,
        replies={MODELS[0]: HOSTILE, MODELS[1]: "Bonjour,\nvotre dossier est complet."},
    )
    server = Server(review_dir, free_port())
    server.start()
    yield server, f"{server.url}/entrer?jeton={tokens['r01']}"
    server.stop()


def _review_with_keyboard(page: Page) -> None:
    """Rate each reply 4 on three criteria and 'send as is', prefer A, send: keys only."""
    page.keyboard.press("Tab")  # the first rating of reply A
    for _ in range(2):
        for _ in range(3):
            page.keyboard.press("4")
            page.keyboard.press("Tab")
        page.keyboard.press("Space")  # 'je l'enverrais tel quel'
        page.keyboard.press("Tab")
    page.keyboard.press("a")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")


def test_a_whole_session_with_the_keyboard(browser: Browser, review: tuple[Server, str]) -> None:
    server, link = review
    page = browser.new_page()
    page.goto(link)
    for number in (1, 2, 3):
        assert f"{number} sur 3" in page.locator(".progress").inner_text()
        _review_with_keyboard(page)
    assert "Merci" in page.content()
    with VerdictStore(server.review_dir) as store:
        verdicts = store.all()
    assert len(verdicts) == 3
    for verdict in verdicts:
        assert verdict.choice == "left"
        assert verdict.ratings["left"].tone == verdict.ratings["right"].conciseness == 4
        assert verdict.send == {"left": "as_is", "right": "as_is"}


def test_closing_the_page_resumes_where_one_left_off(
    browser: Browser, review: tuple[Server, str]
) -> None:
    server, link = review
    context = browser.new_context()
    page = context.new_page()
    page.goto(link)
    _review_with_keyboard(page)
    page.close()
    again = context.new_page()
    again.goto(server.url)
    assert again.url.endswith("/comparaison/2")
    assert "2 sur 3" in again.locator(".progress").inner_text()
    # Another browser (or after the browser was closed): the personal link resumes too.
    elsewhere = browser.new_page()
    elsewhere.goto(link)
    assert elsewhere.url.endswith("/comparaison/2")


def test_a_reply_with_html_and_script_is_shown_as_text(
    browser: Browser, review: tuple[Server, str]
) -> None:
    _, link = review
    page = browser.new_page()
    page.goto(link)
    assert page.evaluate("window.pwned") is None
    assert page.locator(".reply b, .reply img, .reply script").count() == 0
    shown = page.locator(".reply .text").all_inner_texts()
    assert HOSTILE in shown
    assert "Bonjour,\nvotre dossier est complet." in shown  # line breaks kept


def test_no_model_name_in_the_dom_the_source_or_the_address(
    browser: Browser, review: tuple[Server, str]
) -> None:
    _, link = review
    page = browser.new_page()
    sources: list[str] = []
    page.on("response", lambda response: sources.append(response.url + response.text()))
    page.goto(link)
    for number in (1, 2, 3):
        texts = [page.content(), page.url, *sources]
        for name in (*MODELS, *(m.split("/")[1] for m in MODELS), "secret", "item-00"):
            assert all(name not in text for text in texts), name
        _review_with_keyboard(page)
        assert number < 3 or "Merci" in page.content()
