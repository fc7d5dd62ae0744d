"""Files Plume rewrites keep their permissions; new ones get the umask's, not mkstemp's 0600."""

import os
import stat
from pathlib import Path

from harness.files import write_atomic


def test_a_rewritten_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "manifest.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "prompts.lock", ["a\n", "b\n"])
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "prompts.lock").stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["prompts.lock"]
