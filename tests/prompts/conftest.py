"""A private copy of the prompt store, a small gold set and a stand-in style guide."""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness.gold import GoldSet, load_gold

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


@dataclass(frozen=True)
class FakeRule:
    id: str
    title: str
    category: str
    severity: str
    rationale: str


@dataclass(frozen=True)
class FakeEntry:
    term: str
    replacement: str | None = None
    note: str | None = None
    instruction: str | None = None


@dataclass(frozen=True)
class FakeGuide:
    """Has the attributes of ``harness.styleguide.StyleGuide`` that prompts read."""

    version: str = "1.0.0"
    sha256: str = "a" * 64
    rules: list[FakeRule] = field(
        default_factory=lambda: [
            FakeRule(
                "SPP-STRUCT-05",
                "Pas de formule cérémonieuse",
                "structure",
                "error",
                "Ces formules éloignent l'usager.",
            ),
            FakeRule(
                "SPP-READ-01", "Lisibilité", "readability", "info", "Une mesure, pas une règle."
            ),
        ]
    )
    lexicons: dict[str, list[FakeEntry]] = field(
        default_factory=lambda: {
            "jargon": [
                FakeEntry("afin de / afin d'", "pour"),
                FakeEntry("requête", "demande / question"),
                FakeEntry("depuis * ans", "depuis 2017"),
                FakeEntry("susvisé", instruction="supprimer"),
            ],
            "ceremonial": [
                FakeEntry("veuillez agréer / prier d'agréer"),
                FakeEntry("l'expression de * salutations"),
            ],
            "vague_promises": [FakeEntry("dans les meilleurs délais")],
        }
    )

    @property
    def lexicon_names(self) -> list[str]:
        return sorted(self.lexicons)

    def lexicon(self, name: str) -> list[FakeEntry]:
        return self.lexicons[name]


@pytest.fixture
def guide() -> FakeGuide:
    return FakeGuide()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data root holding a copy of the repository's prompts and one small gold set."""
    root = tmp_path / "root"
    shutil.copytree(REPO / "prompts", root / "prompts")
    (root / "gold").mkdir()
    shutil.copy(HERE / "gold_cases.jsonl", root / "gold" / "cases.jsonl")
    monkeypatch.setenv("PLUME_ROOT", str(root))
    return root


@pytest.fixture
def gold(store: Path) -> GoldSet:
    return load_gold(store / "gold" / "cases.jsonl")
