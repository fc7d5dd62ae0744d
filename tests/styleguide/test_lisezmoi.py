"""Every example of styleguide/LISEZMOI.md, the writers' guide, executed exactly as written.

The guide marks its examples with HTML comments: ``essai : ajouter à FILE`` (the next block is
appended to FILE), ``essai : remplacer dans FILE`` then ``essai : par`` (the first block is
replaced by the second), and ``essai : commandes`` (a console block: each ``$ plume …`` line runs,
optionally fed by ``echo "…" |``, and the lines under it must appear in its output). They run in
order, in a git repository holding a copy of the project's data, as a writer's session would.
"""

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harness.cli import app
from tests.styleguide.conftest import REPO

GUIDE = REPO / "styleguide" / "LISEZMOI.md"
MINI_GOLD = REPO / "tests" / "data" / "mini_gold.jsonl"
MARK = re.compile(r"^<!-- essai : (.+?) -->$")
runner = CliRunner()


def _examples() -> list[tuple[str, str]]:
    """(mark, block) pairs, in the guide's order."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    found = []
    for number, line in enumerate(lines):
        mark = MARK.match(line)
        if mark:
            start = number + 1
            assert lines[start].startswith("```"), f"LISEZMOI.md:{start + 1}: a block must follow"
            end = lines.index("```", start + 1)
            found.append((mark.group(1), "\n".join(lines[start + 1 : end])))
    return found


def _run(line: str) -> tuple[int, str]:
    feed = None
    if " | plume " in line:
        left, line = line.split(" | ", 1)
        words = shlex.split(left)
        assert words[0] == "echo", line
        feed = " ".join(words[1:]) + "\n"
    words = shlex.split(line)
    assert words[0] == "plume", line
    result = runner.invoke(app, words[1:], input=feed)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the project's style guide, gold sets and prompts, as PLUME_ROOT.

    The gold set is cut to the mini gold's three items: the guide's examples read what the
    diffs say of rules, not of replies, and each diff analyses every gold reply."""
    for name in ("styleguide", "gold", "prompts"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(MINI_GOLD, tmp_path / "gold" / "services-publics-plus.jsonl")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "données"]):
        subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )
    monkeypatch.setenv("PLUME_ROOT", str(tmp_path))
    return tmp_path


def test_the_guide_has_examples_of_each_kind() -> None:
    kinds = {mark.split(" ")[0] for mark, _ in _examples()}
    assert kinds == {"ajouter", "remplacer", "par", "commandes"}


def test_every_example_of_the_writers_guide_works_as_written(project: Path) -> None:
    examples = _examples()
    replacing: tuple[Path, str] | None = None
    for mark, block in examples:
        if mark.startswith("ajouter à "):
            path = project / "styleguide" / mark.removeprefix("ajouter à ")
            text = path.read_text(encoding="utf-8")
            path.write_text(text + ("" if text.endswith("\n") else "\n") + block + "\n")
        elif mark.startswith("remplacer dans "):
            replacing = (project / "styleguide" / mark.removeprefix("remplacer dans "), block)
        elif mark == "par":
            assert replacing is not None, "« par » must follow « remplacer dans »"
            path, old = replacing
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{path.name} must hold once:\n{old}"
            path.write_text(text.replace(old, block), encoding="utf-8")
            replacing = None
        else:
            assert mark == "commandes", mark
            output = ""
            for line in block.splitlines():
                if line.startswith("$ "):
                    code, output = _run(line.removeprefix("$ "))
                    assert code in (0, 1), f"{line}\n{output}"
                else:
                    assert line in output, f"expected {line!r} in the output of:\n{output}"
