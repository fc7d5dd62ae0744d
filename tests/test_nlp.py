"""The pipeline Plume loads gives what spaCy's own load of the model gives, and the lighter one
privacy loads gives the same anonymised texts; a process that anonymises and scores loads one."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.about import __version__ as spacy_version

from harness import paths
from harness.nlp import MODEL, get_nlp
from harness.regex_cache import cached_regex
from tests.models.fake_server import Scripted, ok, serve_in_thread
from tests.privacy.corpus import CORPUS
from tests.runner.test_run import fake_models_yaml

REPO = Path(__file__).resolve().parents[1]


def _gold_texts() -> list[str]:
    """The reply, experience and context of every other gold item: each kind of text Plume
    analyses, in 191 texts (all 377 doubled the time of this file)."""
    texts = []
    lines = (REPO / "gold" / "services-publics-plus.jsonl").read_text(encoding="utf-8")
    for line in lines.splitlines()[::2]:
        item = json.loads(line)
        texts += [item["reply"], item["experience"]["text"], *item.get("context", [])]
    return texts


def _annotations(nlp: spacy.language.Language, texts: list[str]) -> list[list[tuple[object, ...]]]:
    return [
        [
            (t.text, t.lemma_, t.pos_, str(t.morph), t.dep_, t.head.i, t.is_sent_start, t.ent_type_)
            for t in doc
        ]
        for doc in nlp.pipe(texts)
    ]


def test_every_token_is_annotated_as_by_spacys_own_load() -> None:
    texts = _gold_texts() + [text for text, _ in CORPUS]
    with cached_regex(paths.regex_cache_file(), version=f"{spacy_version}|{MODEL}"):
        stock = spacy.load(MODEL)
    ours = _annotations(get_nlp(), texts)
    assert ours == _annotations(stock, texts)
    lemmas = {token[0]: token[1] for doc in ours for token in doc}
    assert lemmas["demandé"] == "demander" and lemmas["est"] == "être"


_ANONYMISE = """
import json, os, sys
from harness.nlp import PRIVACY, get_nlp
from harness.privacy import anonymize_many
texts = json.loads(sys.stdin.read())
if sys.argv[1] == "run":  # anonymises its prompts, then scores the replies
    from harness.runner import RunSpec, execute
    execute(RunSpec(gold=os.environ["PLUME_ROOT"] + "/gold/mini.jsonl", limit=1))
out = [a.as_json() for a in anonymize_many(texts)]
privacy_pipes = get_nlp(PRIVACY).pipe_names
lemmas = [t.lemma_ for t in get_nlp()("Nous avons demandé.")]
print(json.dumps({"pipes": privacy_pipes, "out": out, "lemmas": lemmas}))
"""


def _anonymised_in_a_fresh_process(texts: list[str], load: str) -> dict[str, list[object]]:
    done = subprocess.run(
        [sys.executable, "-c", _ANONYMISE, load],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env=os.environ,
    )
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


def test_a_scored_remote_run_loads_one_pipeline_which_anonymises_as_privacys_own(
    small_local_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_API_KEY", "fake-key")
    texts = [text for text, _ in CORPUS] + _gold_texts()
    light = _anonymised_in_a_fresh_process(texts, "privacy")
    with serve_in_thread(Scripted([ok()])) as base_url:
        fake_models_yaml(small_local_root, base_url)
        full = _anonymised_in_a_fresh_process(texts, "run")
    assert "parser" not in light["pipes"] and "lemmatizer" not in light["pipes"]
    # The run loaded the whole pipeline before it anonymised: privacy has used no other since.
    assert "parser" in full["pipes"] and "lemmatizer" in full["pipes"]
    assert light["out"] == full["out"]
    assert sum(json.dumps(one).count('"NOM') for one in light["out"]) > 20
    # The lighter pipeline is not handed to a caller that needs lemmas.
    assert light["lemmas"] == full["lemmas"] == ["nous", "avoir", "demander", "."]
