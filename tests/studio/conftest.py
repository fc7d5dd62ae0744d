"""Fixtures for the studio: a style guide in a git repository of its own, a run, a client."""

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from harness.web import Studio, create_server_app

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "styleguide"
GOLD = REPO / "gold" / "services-publics-plus.jsonl"
MINI_GOLD = REPO / "tests" / "data" / "mini_gold.jsonl"
"""Three items, for the tests that read no gold reply: the bundled set's 65 replies take about a
second to analyse, again at each comparison of two guides."""
TOKEN = "jeton-de-test"
POMPOUS = (
    "Bonjour,\n"
    "Nous vous prions d'agréer nos salutations. Nous traiterons votre dossier dans les meilleurs"
    " délais. Il convient de joindre votre avis d'imposition."
)
CEREMONIAL = "Bonjour,\nMerci de joindre votre avis. Nous vous prions d'agréer nos salutations."


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose HEAD holds a copy of the shipped style guide."""
    root = tmp_path / "depot"
    shutil.copytree(SHIPPED, root / "styleguide")
    git(root, "init", "-q")
    git(root, "add", "styleguide")
    git(root, "commit", "-q", "-m", "guide")
    return root


def write_run(runs: Path, replies: dict[str, str]) -> Path:
    """A run folder holding one model's replies, item id → reply."""
    run = runs / "run-20261207"
    run.mkdir(parents=True)
    lines = [
        json.dumps(
            {
                "id": item,
                "model": "modele-a",
                "prompt_sha256": "0" * 64,
                "reply": reply,
                "completion": None,
                "scores": {},
                "started_at": "2026-12-07T10:00:00Z",
                "completed_at": "2026-12-07T10:00:01Z",
            },
            ensure_ascii=False,
        )
        for item, reply in replies.items()
    ]
    (run / "samples.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return run


@pytest.fixture
def client(repo: Path, tmp_path: Path) -> Iterator[TestClient]:
    """The server (studio only) on the repository's guide and the mini gold set, already entered
    with the token."""
    write_run(tmp_path / "runs", {"item-1": POMPOUS, "item-2": CEREMONIAL})
    studio = Studio(repo / "styleguide", MINI_GOLD, tmp_path / "runs")
    with TestClient(create_server_app(TOKEN, studio), base_url="http://127.0.0.1") as client:
        client.get(f"/redaction/entrer?jeton={TOKEN}")
        yield client
