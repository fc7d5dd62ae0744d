"""Twenty reviewers submit fifteen verdicts each at once against the running server, which is
SIGKILLed midway: every verdict acknowledged before the kill is kept, and in the end each is stored
once."""

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from harness.review import VerdictStore
from tests.review.panel import make_plan
from tests.web.server import Server, free_port

REVIEWERS = 20
VERDICTS = 15
KILL_AFTER = REVIEWERS * VERDICTS // 3


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, dict[str, str]]]:
    review_dir = tmp_path / "charge"
    # Two models on 15 items, every comparison seen by the 20 reviewers: 15 each.
    tokens = make_plan(review_dir, items=VERDICTS, per_pair=REVIEWERS, panel=REVIEWERS)
    running = Server(review_dir, free_port())
    running.start()
    yield running, tokens
    running.stop()


def _form(csrf: str, reviewer: str, number: int) -> dict[str, str]:
    form = {"csrf": csrf, "choice": "left", "left_send": "as_is", "right_send": "no"}
    for side in ("left", "right"):
        for criterion in ("tone", "accuracy", "conciseness"):
            form[f"{side}_{criterion}"] = "3"
    return form | {"comment": f"{reviewer}:{number}"}


def test_concurrent_reviewers_lose_nothing_when_the_server_is_killed(
    server: tuple[Server, dict[str, str]],
) -> None:
    running, tokens = server
    acknowledged: list[tuple[str, int]] = []
    lock = threading.Lock()
    failures: list[str] = []

    def review(reviewer: str, token: str) -> None:
        deadline = time.monotonic() + 240
        with httpx.Client(base_url=running.url, timeout=10) as client:
            csrf = ""
            number = 1
            while number <= VERDICTS and time.monotonic() < deadline:
                try:
                    if not csrf:
                        client.get(f"/entrer?jeton={token}")
                        page = client.get(f"/comparaison/{number}").text
                        csrf = re.findall(r'name="csrf" value="([0-9a-f]+)"', page)[0]
                    response = client.post(
                        f"/comparaison/{number}", data=_form(csrf, reviewer, number)
                    )
                except httpx.TransportError:
                    time.sleep(0.05)  # the server is down: submit the same form again
                    continue
                if response.status_code != 303:
                    failures.append(f"{reviewer} {number}: {response.status_code}")
                    return
                with lock:
                    acknowledged.append((reviewer, number - 1))
                number += 1

    threads = [threading.Thread(target=review, args=item) for item in sorted(tokens.items())]
    for thread in threads:
        thread.start()
    while len(acknowledged) < KILL_AFTER and any(t.is_alive() for t in threads):
        time.sleep(0.01)
    running.kill()
    with lock:
        before_kill = set(acknowledged)
    with VerdictStore(running.review_dir) as store:
        kept = {(v.reviewer, int(v.comment.split(":")[1]) - 1) for v in store.all() if v.comment}
    assert len(before_kill) >= KILL_AFTER
    assert before_kill <= kept
    running.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not failures
    assert len(acknowledged) == REVIEWERS * VERDICTS
    with VerdictStore(running.review_dir) as store:
        verdicts = store.all()
        positions = {r: store.positions(r) for r in tokens}
    assert len(verdicts) == REVIEWERS * VERDICTS
    assert all(p == set(range(VERDICTS)) for p in positions.values())
    assert sorted(v.comment for v in verdicts if v.comment is not None) == sorted(
        f"{r}:{n + 1}" for r, n in acknowledged
    )
