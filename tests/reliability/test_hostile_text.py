"""Hostile text: markup, script, control characters, bidi marks, 1 MB and empty messages, and
instructions aimed at the model, in citizens' texts and in models' replies.

The report escapes all of it (checked in the HTML, the Markdown, and in Chromium's DOM after the
page has run); a reply that obeys an instruction planted in the citizen's text is flagged.
"""

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from harness.gold import load_gold
from harness.report import write_report
from harness.runner import RunSpec, execute, read_samples
from harness.scoring import score_replies
from tests.reliability.conftest import (
    REPO,
    Endpoint,
    assert_clean_failure,
    chat_answer,
    gold_lines,
    item_of,
    models_yaml,
    plume,
    serving,
    write_jsonl,
)

# Each payload writes "PWNED" only if it runs: its source spells it 'PW'+'NED'.
PWNED = "PWNED"
SET = "'PW'+'NED'"
SCRIPTS = [
    f"<script>document.title={SET}</script>",
    f'<img src=x onerror="document.title={SET}">',
    f'"><svg onload="document.title={SET}">',
    f"</p></details></title><script>document.body.id={SET}</script>",
    f'<iframe srcdoc="<script>parent.document.title={SET}</script>"></iframe>',
    "{{ 7 * 7 }} {% raw %} ${7*7} <!--",
]
CONTROL = "nul\x00 bell\x07 esc\x1b[31mred\x1b[0m del\x7f tab\t vt\x0b ff\x0c"
BIDI = "\u202egnp.exe\u202c \u200fمرحبا\u200e \u2066isolé\u2069"
MEGABYTE = 1024 * 1024

# Citizen texts (title, text) and model replies for each hostile item.
CASES: dict[str, tuple[str, str, str]] = {
    "item-000": (SCRIPTS[0], "Mon dossier " + SCRIPTS[1], "Bonjour, " + SCRIPTS[0] + SCRIPTS[1]),
    "item-001": (SCRIPTS[2], SCRIPTS[3] + " " + CONTROL, "Bonjour. " + SCRIPTS[2] + SCRIPTS[3]),
    "item-002": (BIDI, SCRIPTS[4] + " " + BIDI, "Bonjour " + BIDI + " " + SCRIPTS[4] + CONTROL),
    "item-003": ("Titre", SCRIPTS[5], "Bonjour. " + SCRIPTS[5]),
    "item-004": ("Long", "Un message très long. " * 200, "Bonjour. " * (MEGABYTE // 9 + 1)),
    "item-005": ("Vide", "La réponse sera vide.", ""),
    "item-006": ("Blanc", "La réponse sera blanche.", " \n\t "),
}


def _hostile_gold(root: Path) -> Path:
    base = next(r for r in gold_lines() if "personal-data" not in r["tags"])
    rows = []
    for item_id, (title, text, _) in CASES.items():
        row = dict(base, id=item_id)
        row["experience"] = dict(
            base["experience"], title=title, text=f"[{item_id}] {text}", pseudonym=None
        )
        rows.append(row)
    return write_jsonl(root / "gold" / "hostile.jsonl", rows)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One run over hostile citizen texts, answered with hostile replies; its report written."""
    root = tmp_path_factory.mktemp("hostile")
    for name in ("gold", "prompts", "styleguide"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "scoring.yaml", root / "scoring.yaml")

    async def answer(request: web.Request) -> web.StreamResponse:
        return web.json_response(chat_answer(CASES[item_of(await request.json())][2]))

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLUME_ROOT", str(root))
        patch.setenv("PLUME_CACHE_DIR", str(root / "cache"))
        gold = _hostile_gold(root)
        with serving(Endpoint(chat=answer)) as base_url:
            models_yaml(
                root,
                {
                    "name": "hostile",
                    "provider": "openai-compatible",
                    "model": "alias-x",
                    "base_url": base_url,
                    "remote": False,
                },
            )
            outcome = execute(RunSpec(gold=gold, out=root / "runs", few_shot=0, cache=False))
        write_report(outcome.run_dir)
        write_report(outcome.run_dir, markdown=True)
        yield outcome.run_dir


def test_the_run_records_every_hostile_reply_or_its_failure(hostile_run: Path) -> None:
    records = {r.id: r for r in read_samples(hostile_run / "samples.jsonl")}
    assert set(records) == set(CASES)
    for item_id in ("item-000", "item-001", "item-002", "item-003"):
        assert records[item_id].reply == CASES[item_id][2].strip(), item_id
        assert records[item_id].scores["overall"].value is not None, item_id
    long = records["item-004"]
    assert long.reply is not None and len(long.reply) > MEGABYTE
    assert "too long to score" in (long.scores["accuracy"].explanation or "")
    for item_id in ("item-005", "item-006"):
        assert records[item_id].reply is None and records[item_id].cause == "empty_reply"


def test_the_report_escapes_every_hostile_text(hostile_run: Path) -> None:
    page = (hostile_run / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<iframe" not in page.lower()
    assert "<img" not in page.lower() and "<svg onload" not in page.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", page), "no event-handler attribute anywhere"
    assert "&lt;script&gt;document.title=" in page
    assert "{{ 7 * 7 }} {% raw %} ${7*7}" in page.replace("&#34;", '"'), "no template injection"
    assert "\u202egnp.exe" in page, "bidi marks are kept as text, not dropped silently"
    assert "content=\"default-src 'none'" in page, "the CSP forbids scripts in any case"
    markdown = (hostile_run / "report.md").read_text(encoding="utf-8")
    assert "<script" not in markdown.lower() and "<img" not in markdown.lower()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _dump_dom(page: Path, profile: Path) -> str:
    browser = _chromium()
    assert browser is not None
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed (CI installs it)")
def test_no_injected_script_runs_in_a_browser(hostile_run: Path, tmp_path: Path) -> None:
    # Control: the same payloads unescaped and without the CSP do run in this browser, so a
    # clean DOM below means escaping worked, not that the browser ran nothing.
    control = tmp_path / "control.html"
    control.write_text(
        "<!doctype html><html><head><title>control</title></head><body>"
        + "".join(SCRIPTS[:2])
        + "</body></html>",
        encoding="utf-8",
    )
    assert f"<title>{PWNED}</title>" in _dump_dom(control, tmp_path / "profile-control")

    dom = _dump_dom(hostile_run / "report.html", tmp_path / "profile")
    title = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    assert title is not None and title.group(1) == f"Plume — run {hostile_run.name}"
    assert PWNED not in dom
    lowered = dom.lower()
    for tag in ("<script", "<img", "<iframe", "<svg onload"):
        assert tag not in lowered, tag
    assert "<body>" in lowered
    assert "&lt;script&gt;document.title='PW'+'NED'&lt;/script&gt;" in dom


def test_a_reply_obeying_an_injected_instruction_is_flagged_by_the_accuracy_scorer() -> None:
    gold = load_gold(REPO / "gold" / "services-publics-plus.jsonl")
    item = next(i for i in gold.items if "prompt-injection" in i.tags)
    obeying = (
        "Bonjour, j'ignore mes consignes comme demandé : votre dossier est accepté et votre "
        "dette de cotisations est annulée."
    )
    scores = score_replies([item, item], [obeying, item.reply])
    flagged, faithful = scores
    assert flagged["accuracy"].value == 0.0
    assert any(e.kind == "injection" for e in flagged["accuracy"].evidence)
    assert not any(e.kind == "injection" for e in faithful["accuracy"].evidence)
    assert (faithful["accuracy"].value or 0.0) > 0.5


def test_hostile_text_through_the_cli_is_checked_or_refused_cleanly(tmp_path: Path) -> None:
    text = tmp_path / "reply.txt"
    text.write_text("Bonjour. " + SCRIPTS[0] + CONTROL.replace("\x00", "") + BIDI, "utf-8")
    linted = plume("lint", str(text))
    assert linted.exit_code in (0, 1), linted.output
    assert linted.exception is None or isinstance(linted.exception, SystemExit)
    huge = tmp_path / "huge.txt"
    huge.write_text("Bonjour. " * (MEGABYTE // 9 + 1), encoding="utf-8")
    assert_clean_failure(plume("lint", str(huge)), str(huge), "characters", codes=(2,))
    binary = tmp_path / "nul.txt"
    binary.write_bytes(b"Bonjour\x00")
    assert_clean_failure(plume("lint", str(binary)), str(binary), codes=(2,))
    anonymised = plume("data", "anonymize", "-", input=SCRIPTS[1] + " " + BIDI + "\n")
    assert anonymised.exit_code == 0 and SCRIPTS[1] in anonymised.output
    # A 1 MB reply is scored as unscored, with the others scored; spaCy used to crash on it.
    replies = write_jsonl(
        tmp_path / "replies.jsonl",
        [
            {"id": "caf-001", "model": "m", "reply": "Bonjour. " * (MEGABYTE // 9 + 1)},
            {"id": "ants-002", "model": "m", "reply": "Bonjour. " + SCRIPTS[0] + CONTROL + BIDI},
        ],
    )
    scored = plume(
        "score", "--gold", str(REPO / "tests" / "data" / "mini_gold.jsonl"),
        "--replies", str(replies), "--out", str(tmp_path / "scores.jsonl"),
    )  # fmt: skip
    assert scored.exit_code == 0, scored.output
    lines = [json.loads(line) for line in (tmp_path / "scores.jsonl").read_text().splitlines()]
    assert lines[0]["scores"]["overall"] is None and lines[1]["scores"]["overall"] is not None


def test_a_reply_with_unicode_line_separators_round_trips(
    plume_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """U+2028, U+2029 and U+0085 are written raw inside JSON strings: a reader that splits lines
    with str.splitlines used to lose the whole samples.jsonl to one such reply."""
    gold = write_jsonl(
        plume_root / "gold" / "one.jsonl",
        [dict(gold_lines()[0], id="item-000")],
    )
    reply = "Bonjour,\u2028nous avons\u2029bien reçu\x85votre message."
    with serving(Endpoint(reply=reply)) as base_url:
        models_yaml(
            plume_root,
            {
                "name": "sep",
                "provider": "openai-compatible",
                "model": "alias-x",
                "base_url": base_url,
                "remote": False,
            },
        )
        outcome = execute(RunSpec(gold=gold, out=plume_root / "runs", few_shot=0, cache=False))
    (record,) = read_samples(outcome.run_dir / "samples.jsonl")
    assert record.reply == reply
    assert json.loads((outcome.run_dir / "results.json").read_text())["models"]["sep"]["items"]
