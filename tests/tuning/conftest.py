"""Fixtures: a data root whose models are a fake OpenAI-compatible server on loopback."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.models.fake_server import serve_in_thread
from tests.tuning.fake import Answering

FAKE_MODELS = """\
models:
  - name: fake
    provider: openai-compatible
    model: model-x
    base_url: {url}
    remote: false
    params: {{temperature: 0.0, max_tokens: 50}}
    concurrency: 2
  - name: fake-remote
    provider: openai-compatible
    model: model-x
    base_url: {url}
    params: {{temperature: 0.0, max_tokens: 50}}
  - name: fake-base
    provider: openai-compatible
    model: model-x
    mode: completion
    base_url: {url}
    remote: false
    params: {{temperature: 0.0, max_tokens: 50}}
"""


@pytest.fixture
def server() -> Iterator[tuple[Answering, str]]:
    """The fake model, answering from its prompts, and its base URL."""
    script = Answering()
    with serve_in_thread(script) as url:
        yield script, url


@pytest.fixture
def fake_root(plume_root: Path, server: tuple[Answering, str]) -> Path:
    """A private data root whose ``models.yaml`` points at the fake model."""
    (plume_root / "models.yaml").write_text(FAKE_MODELS.format(url=server[1]), encoding="utf-8")
    return plume_root
