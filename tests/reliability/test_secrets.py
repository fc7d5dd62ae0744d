"""API keys come from the environment, reach only their endpoint, and are never written or printed.

Fake keys are planted in the environment; `plume run` and `plume doctor` run in subprocesses,
`score --judge`, `report` (HTML and Markdown) and `models list` in-process; then every file under
the test's folder (run directory, cache, logs, outputs, home) and everything printed is searched
for the keys. Without keys, `plume doctor` says so (in-process).
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aiohttp import web

from harness import paths
from harness.runner import RunSpec, execute, read_samples
from tests.reliability.conftest import (
    Endpoint,
    models_yaml,
    numbered_gold,
    plume,
    serving,
    write_jsonl,
)

KEYS = {
    "ANTHROPIC_API_KEY": "sk-ant-PLANTEDSECRET-a1b2c3d4e5",
    "MISTRAL_API_KEY": "PLANTEDSECRET-mistral-f6g7h8",
    "ALBERT_API_KEY": "PLANTEDSECRET-albert-i9j0k1",
}
PLUME = [sys.executable, "-m", "harness.cli"]


def _models(base_url: str) -> list[dict[str, object]]:
    return [
        {
            "name": "claude",
            "provider": "anthropic",
            "model": "claude-x",
            "base_url": base_url,
            "api_key_env": "ANTHROPIC_API_KEY",
        },
        {
            "name": "mistral",
            "provider": "mistral",
            "model": "model-x",
            "base_url": base_url,
            "api_key_env": "MISTRAL_API_KEY",
        },
        {
            "name": "albert",
            "provider": "openai-compatible",
            "model": "alias-x",
            "base_url": base_url,
            "api_key_env": "ALBERT_API_KEY",
        },
    ]


def _files_holding_a_key(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            found += [f"{path}: {name}" for name, key in KEYS.items() if key.encode() in data]
    return found


def test_keys_are_sent_to_their_endpoint_and_never_written_or_printed(
    plume_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gold = numbered_gold(plume_root, 3)
    home = tmp_path / "home"
    home.mkdir()
    # A copy of the machine's compiled spaCy expressions, as a developer's home holds, so that
    # `plume run` loads spaCy in 2 s rather than 4; the search for keys covers this file too.
    regex_cache = paths.regex_cache_file()
    if regex_cache.is_file():
        seeded = home / regex_cache.relative_to(Path.home())
        seeded.parent.mkdir(parents=True)
        shutil.copy(regex_cache, seeded)
    env = (
        os.environ
        | KEYS
        | {
            "PLUME_ROOT": str(plume_root),
            "PLUME_CACHE_DIR": str(tmp_path / "cache"),
            "PLUME_RUNS_DIR": str(tmp_path / "runs"),
            "HOME": str(home),
            "XDG_CACHE_HOME": str(home / ".cache"),
        }
    )
    for name, key in KEYS.items():
        monkeypatch.setenv(name, key)
    printed: list[str] = []

    def in_subprocess(*args: str) -> str:
        done = subprocess.run(
            [*PLUME, *args], env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path
        )
        printed.extend([done.stdout, done.stderr])
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout + done.stderr

    def in_process(*args: str) -> str:
        # In-process: spaCy is already loaded here, where a new process spends ten seconds on it.
        result = plume(*args)
        printed.append(result.output)
        assert result.exit_code == 0, (args, result.output)
        return result.output

    # One loopback server stands for the three providers, so it serves each one's model id.
    endpoint = Endpoint(
        reply="Bonjour, nous avons bien reçu votre message.",
        served=[{"id": "model-x", "aliases": ["alias-x"]}, {"id": "claude-x"}],
    )
    with serving(endpoint) as base_url:
        models_yaml(plume_root, *_models(base_url))
        # No scorer: scores hold no key, and the judge's calls are `score --judge`'s below.
        in_subprocess("run", "--gold", str(gold), "--few-shot", "0", "--scorers", "none")
        run_dir = next((tmp_path / "runs").iterdir())
        replies = write_jsonl(
            tmp_path / "replies.jsonl",
            [{"id": f"item-{i:03d}", "model": "agent", "reply": "Bonjour."} for i in range(3)],
        )
        in_process(
            "score",
            "--gold",
            str(gold),
            "--replies",
            str(replies),
            "--out",
            str(tmp_path / "scores.jsonl"),
            "--judge",
            "albert",
        )
    in_process("report", str(run_dir))
    in_process("report", str(run_dir), "--format", "md")
    in_process("models", "list")
    doctor = in_subprocess("doctor")

    # The keys did travel, each to its own endpoint in its own header: the search is not vacuous.
    headers = [h for path, h, _ in endpoint.raw if not path.endswith("/models")]
    assert any(h.get("x-api-key") == KEYS["ANTHROPIC_API_KEY"] for h in headers)
    for name in ("MISTRAL_API_KEY", "ALBERT_API_KEY"):
        assert any(h.get("Authorization") == f"Bearer {KEYS[name]}" for h in headers), name
    assert sum(1 for path, _, _ in endpoint.raw if path.endswith("/chat/completions")) >= 6 + 6
    assert {p.name for p in run_dir.iterdir()} >= {"run.json", "samples.jsonl", "report.html"}
    assert (tmp_path / "cache").is_dir() and (tmp_path / "scores.jsonl").is_file()

    assert _files_holding_a_key(tmp_path) == []
    everything = "\n".join(printed)
    assert [name for name, key in KEYS.items() if key in everything] == []
    for name in KEYS:
        (line,) = [row for row in doctor.splitlines() if f"key {name}" in row]
        assert "set" in line and "not set" not in line


def test_doctor_says_not_set_when_a_key_is_missing(plume_root: Path) -> None:
    assert "ALBERT_API_KEY" not in os.environ  # the suite removes the developer's keys
    done = plume("doctor")
    assert done.exit_code == 0, done.output
    lines = [line for line in done.stdout.splitlines() if "ALBERT_API_KEY" in line]
    assert lines and "not set" in lines[0]


def test_a_key_echoed_by_a_failing_endpoint_is_not_written(
    plume_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some endpoints quote the key they were sent in their error; the record must not."""
    key = KEYS["ALBERT_API_KEY"]
    monkeypatch.setenv("ALBERT_API_KEY", key)

    async def unauthorised(request: web.Request) -> web.StreamResponse:
        sent = request.headers.get("Authorization", "")
        message = {"error": {"message": f"Incorrect API key provided: {sent}"}}
        return web.Response(status=401, text=json.dumps(message), content_type="application/json")

    gold = numbered_gold(plume_root, 1)
    with serving(Endpoint(chat=unauthorised)) as base_url:
        models_yaml(plume_root, _models(base_url)[2])
        outcome = execute(RunSpec(gold=gold, out=plume_root / "runs", few_shot=0, cache=False))
    (record,) = read_samples(outcome.run_dir / "samples.jsonl")
    assert record.cause == "authentication" and "Incorrect API key" in (record.error or "")
    assert key not in (outcome.run_dir / "samples.jsonl").read_text()
