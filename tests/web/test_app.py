"""The review pages through Starlette's test client: access, forms, storage, blindness."""

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from harness.review import VerdictStore, load_plan
from harness.web import create_app
from tests.review.panel import make_plan

SCRIPT = "<script>alert('x')</script><b>gras</b>"
MODELS = ("run-secret-a/modele-alpha", "run-secret-b/modele-beta")


@pytest.fixture
def review(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    review_dir = tmp_path / "revue"
    tokens = make_plan(
        review_dir,
        models=MODELS,
        items=3,
        per_pair=2,
        panel=2,
        replies={MODELS[0]: SCRIPT + " un", MODELS[1]: SCRIPT + " deux"},
    )
    return review_dir, tokens


def client_for(review_dir: Path, token: str | None) -> TestClient:
    client = TestClient(create_app(review_dir), base_url="http://127.0.0.1")
    if token is not None:
        response = client.get(f"/entrer?jeton={token}", follow_redirects=False)
        assert response.status_code == 303
    return client


def filled(page: str, **overrides: str) -> dict[str, str]:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found is not None
    form = {"csrf": found.group(1), "choice": "left", "left_send": "as_is", "right_send": "no"}
    for side in ("left", "right"):
        for criterion in ("tone", "accuracy", "conciseness"):
            form[f"{side}_{criterion}"] = "4"
    return form | overrides


def test_without_a_valid_token_nothing_is_shown(review: tuple[Path, dict[str, str]]) -> None:
    review_dir, _ = review
    client = client_for(review_dir, None)
    assert client.get("/").status_code == 403
    assert client.get("/comparaison/1").status_code == 403
    assert client.get("/entrer?jeton=faux").status_code == 403
    assert "Accès refusé" in client.get("/").text


def test_the_page_is_blind_escaped_and_locked_down(review: tuple[Path, dict[str, str]]) -> None:
    review_dir, tokens = review
    client = client_for(review_dir, tokens["r01"])
    response = client.get("/")
    assert re.fullmatch(r"http://127\.0\.0\.1/comparaison/1", str(response.url))
    page = response.text
    for secret in ("secret", "alpha", "beta", "item-0"):
        assert secret not in page.lower()
    assert "<script>alert" not in page and "<b>gras" not in page
    assert page.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;gras") == 2
    assert "1 sur 3" in page
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert client.cookies.get("plume_revue") == tokens["r01"]


def test_a_verdict_is_stored_once_and_the_next_comparison_follows(
    review: tuple[Path, dict[str, str]],
) -> None:
    review_dir, tokens = review
    client = client_for(review_dir, tokens["r02"])
    page = client.get("/comparaison/1").text
    form = filled(page, comment="Trop long.", edit="Bonjour, c’est réglé.", edit_of="right")
    first = client.post("/comparaison/1", data=form, follow_redirects=False)
    again = client.post("/comparaison/1", data=form, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert client.get("/", follow_redirects=False).headers["location"] == "/comparaison/2"
    with VerdictStore(review_dir) as store:
        verdicts = store.all()
    assert len(verdicts) == 1
    task = load_plan(review_dir).reviewers[1].tasks[0]
    verdict = verdicts[0]
    assert (verdict.reviewer, verdict.item, verdict.left) == ("r02", task.item, task.left)
    assert verdict.comment == "Trop long."
    assert verdict.edit is not None and verdict.edit.of == "right" and verdict.edit.size > 0


def test_an_incomplete_form_comes_back_with_its_answers(
    review: tuple[Path, dict[str, str]],
) -> None:
    review_dir, tokens = review
    client = client_for(review_dir, tokens["r01"])
    form = filled(client.get("/comparaison/1").text, comment="à garder")
    del form["left_tone"]
    response = client.post("/comparaison/1", data=form)
    assert response.status_code == 400
    assert "Il manque un choix" in response.text
    assert "à garder" in response.text
    assert re.search(r'name="choice" value="left" required checked', response.text)
    with VerdictStore(review_dir) as store:
        assert store.all() == []


def test_a_form_from_another_site_is_refused(review: tuple[Path, dict[str, str]]) -> None:
    review_dir, tokens = review
    client = client_for(review_dir, tokens["r01"])
    for forged in ("0" * 64, "é"):
        form = filled(client.get("/comparaison/1").text, csrf=forged)
        assert client.post("/comparaison/1", data=form).status_code == 403
    with VerdictStore(review_dir) as store:
        assert store.all() == []


def test_only_loopback_names_are_served_by_default(review: tuple[Path, dict[str, str]]) -> None:
    review_dir, tokens = review
    client = TestClient(create_app(review_dir), base_url="http://attacker.example")
    assert client.get(f"/entrer?jeton={tokens['r01']}").status_code == 400


def test_the_last_verdict_ends_on_thanks(review: tuple[Path, dict[str, str]]) -> None:
    review_dir, tokens = review
    client = client_for(review_dir, tokens["r01"])
    for number in (1, 2, 3):
        form = filled(client.get(f"/comparaison/{number}").text)
        client.post(f"/comparaison/{number}", data=form)
    page = client.get("/").text
    assert "Merci" in page and "3 sur 3" in page
