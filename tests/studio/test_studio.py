"""The studio's pages and lint endpoint, through Starlette's test client."""

import html
from pathlib import Path

from starlette.testclient import TestClient

from harness.styleguide import load_styleguide
from harness.web import Studio, create_server_app
from harness.web._studio import csrf_token
from tests.studio.conftest import GOLD, POMPOUS, SHIPPED, TOKEN, git

HEADER = {"x-plume-jeton": csrf_token(TOKEN)}


def _lint(client: TestClient, text: str) -> list[dict[str, object]]:
    response = client.post("/redaction/api/lint", json={"texte": text}, headers=HEADER)
    assert response.status_code == 200, response.text
    violations: list[dict[str, object]] = response.json()["violations"]
    return violations


def test_pages_need_the_link_of_this_start(tmp_path: Path) -> None:
    studio = Studio(SHIPPED, GOLD, tmp_path)
    with TestClient(create_server_app(TOKEN, studio), base_url="http://127.0.0.1") as client:
        assert client.get("/redaction/").status_code == 403
        assert client.get("/redaction/entrer?jeton=autre").status_code == 403
        assert client.post("/redaction/api/lint", json={"texte": "x"}).status_code == 403
        entered = client.get(f"/redaction/entrer?jeton={TOKEN}", follow_redirects=False)
        assert entered.headers["location"] == "/redaction/"
        assert "httponly" in entered.headers["set-cookie"].lower()
        page = client.get("/redaction/")
        assert page.status_code == 200
        assert "connect-src 'self'" in page.headers["content-security-policy"]
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert client.get("/", follow_redirects=False).headers["location"] == "/redaction/"


def test_the_lint_endpoint_wants_the_header_derived_from_the_token(client: TestClient) -> None:
    refused = client.post("/redaction/api/lint", json={"texte": POMPOUS})
    assert refused.status_code == 403
    forged = client.post(
        "/redaction/api/lint",
        json={"texte": POMPOUS},
        headers={b"x-plume-jeton": "é".encode("latin-1") * 64},
    )
    assert forged.status_code == 403


def test_another_host_name_is_refused(client: TestClient) -> None:
    response = client.get("/redaction/", headers={"host": "attaquant.example"})
    assert response.status_code == 400


def test_violations_come_with_rule_rationale_and_suggestions(client: TestClient) -> None:
    violations = {v["rule"]: v for v in _lint(client, POMPOUS)}
    ceremonial = violations["SPP-STRUCT-05"]
    start, end = ceremonial["start"], ceremonial["end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert POMPOUS[start:end] == ceremonial["excerpt"]
    assert ceremonial["rationale"] == load_styleguide(SHIPPED).rule("SPP-STRUCT-05").rationale
    # The platform adds the closing formula: the rule says to delete, as the prompt does.
    assert ceremonial["suggestion"] == "(supprimer : la plateforme ajoute la formule finale)"
    assert ceremonial["choices"] == [""]
    impersonal = violations["SPP-SYN-05"]
    assert impersonal["excerpt"] == "Il convient de"
    # A replacement takes the capital of the words it replaces.
    assert impersonal["choices"] == ["Il faut", "Vous devez", "Nous devons"]
    # An instruction is shown, never applied as text.
    promise = violations["SPP-COM-01"]
    assert promise["suggestion"] == "(délai précis, ou rien)"
    assert promise["choices"] == []


def test_offsets_count_as_the_browser_does(client: TestClient) -> None:
    text = "Bonjour,\n👍 Nous traiterons votre dossier dans les meilleurs délais."
    [promise] = [v for v in _lint(client, text) if v["rule"] == "SPP-COM-01"]
    as_utf16 = text.encode("utf-16-le")
    start, end = promise["start"], promise["end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert as_utf16[2 * start : 2 * end].decode("utf-16-le") == "dans les meilleurs délais"


def test_deleting_is_a_choice_of_its_own(client: TestClient) -> None:
    text = "Bonjour,\nNous sommes ravis de vous répondre. Votre dossier est complet."
    [commercial] = [v for v in _lint(client, text) if v["rule"] == "SPP-TON-04"]
    assert commercial["choices"] == [""]


def test_a_writers_edit_shows_on_the_next_request(client: TestClient, repo: Path) -> None:
    text = "Bonjour,\nVotre dossier est présentement complet."
    assert not [v for v in _lint(client, text) if v["rule"] == "SPP-LEX-01"]
    with (repo / "styleguide" / "lexicons" / "jargon.tsv").open("a", encoding="utf-8") as out:
        out.write("présentement\ten ce moment\ttest\t\n")
    [found] = [v for v in _lint(client, text) if v["rule"] == "SPP-LEX-01"]
    assert found["choices"] == ["en ce moment"]


def test_a_broken_guide_is_named_not_a_server_error(client: TestClient, repo: Path) -> None:
    (repo / "styleguide" / "rules.yaml").write_text("version: [\n", encoding="utf-8")
    response = client.post("/redaction/api/lint", json={"texte": POMPOUS}, headers=HEADER)
    assert response.status_code == 422
    assert "rules.yaml" in response.json()["erreur"]
    page = client.get("/redaction/regles")
    assert page.status_code == 500
    assert "rules.yaml" in page.text


def test_the_rule_pages_show_every_rule_and_how_often_it_fires(client: TestClient) -> None:
    guide = load_styleguide(SHIPPED)
    index = client.get("/redaction/regles")
    assert index.status_code == 200
    for rule in guide.rules:
        assert f'data-regle="{rule.id}"' in index.text
        page = client.get(f"/redaction/regles/{rule.id}")
        assert page.status_code == 200
        for shown in (rule.source, rule.rationale, *rule.examples.bad, *rule.examples.good):
            assert shown in html.unescape(page.text)
    ceremonial = client.get("/redaction/regles/SPP-STRUCT-05").text
    assert "2 sur les réponses du dernier run (run-20261207)" in ceremonial
    assert client.get("/redaction/regles/SPP-NOPE-01").status_code == 404


def test_the_modification_page_shows_a_planted_change(client: TestClient, repo: Path) -> None:
    unchanged = client.get("/redaction/modification")
    assert unchanged.status_code == 200
    assert 'id="aucune-regle"' in unchanged.text
    rules = repo / "styleguide" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("    severity: error\n", "    severity: warning\n", 1))
    with (repo / "styleguide" / "lexicons" / "jargon.tsv").open("a", encoding="utf-8") as out:
        out.write("joindre\tenvoyer\ttest\t\n")
    page = client.get("/redaction/modification").text
    assert "Règle modifiée : <strong>SPP-STRUCT-05</strong> (severity)" in page
    assert "Lexique <strong>jargon</strong> : 1 entrée(s) ajoutée(s)" in page
    # The run's ceremonial reply fails no more, and gains the new jargon pair, highlighted.
    assert "Réponses du run run-20261207" in page
    reply = page[page.index('data-id="modele-a · item-2"') :]
    assert reply.index("passe désormais") < reply.index('<mark class="gagnee">joindre</mark>')


def test_any_two_versions_compare(client: TestClient, repo: Path) -> None:
    jargon = repo / "styleguide" / "lexicons" / "jargon.tsv"
    with jargon.open("a", encoding="utf-8") as out:
        out.write("joindre\tenvoyer\ttest\t\n")
    git(repo, "commit", "-q", "-am", "joindre")
    page = client.get("/redaction/modification?depuis=HEAD~1&vers=HEAD").text
    assert "Lexique <strong>jargon</strong> : 1 entrée(s) ajoutée(s)" in page
    missing = client.get("/redaction/modification?depuis=nulle-part")
    assert missing.status_code == 400
    assert "nulle-part" in missing.text


def test_one_server_serves_the_review_and_the_studio(tmp_path: Path) -> None:
    from tests.review.panel import make_plan

    models = ("run-1/modele-a", "run-2/modele-b")
    tokens = make_plan(tmp_path / "revue", models=models, items=2, per_pair=1, panel=1)
    studio = Studio(SHIPPED, GOLD, tmp_path)
    app = create_server_app(TOKEN, studio, tmp_path / "revue")
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.get(f"/entrer?jeton={tokens['r01']}")
        review = client.get("/comparaison/1")
        assert review.status_code == 200
        assert "connect-src" not in review.headers["content-security-policy"]
        assert (
            client.get("/redaction/").status_code == 403
        )  # the review's token is not the studio's
        client.get(f"/redaction/entrer?jeton={TOKEN}")
        assert client.get("/redaction/").status_code == 200
        assert client.get("/comparaison/1").status_code == 200


def test_the_modification_page_takes_a_run_by_name_only(client: TestClient) -> None:
    named = client.get("/redaction/modification?run=run-20261207")
    assert named.status_code == 200
    assert "Réponses du run run-20261207" in named.text
    assert client.get("/redaction/modification?run=../depot").status_code == 404
    assert client.get("/redaction/modification?run=run-0").status_code == 404
