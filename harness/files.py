"""Reading text and YAML files, and writing files whole or not at all."""

import io
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from harness.errors import InputError, PlumeError

_T = TypeVar("_T")


def decode_text(source: object, data: bytes) -> str:
    """``data`` as UTF-8 text (a byte-order mark is dropped).

    Raises:
        InputError: naming ``source`` and the line of the first byte that is not UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(source, "is not UTF-8 text; save it as UTF-8", line=line) from None


def open_bytes(path: Path, what: str = "the file") -> io.BufferedReader:
    """``path`` open for reading bytes, or one ``InputError`` saying why it cannot be."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(path, f"not found: {what} is missing") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot read {what} ({error.strerror})") from None


def read_bytes(path: Path, what: str = "the file") -> bytes:
    """The bytes of ``path``, or one ``InputError`` saying why they cannot be read."""
    with open_bytes(path, what) as stream:
        try:
            return stream.read()
        except OSError as error:
            raise InputError(path, f"cannot read {what} ({error.strerror})") from None


def read_text(path: Path, what: str = "the file") -> str:
    """The UTF-8 text of ``path``; unreadable or non-UTF-8 files raise one ``InputError``."""
    return decode_text(path, read_bytes(path, what))


def _mode_for(path: Path) -> int:
    """The permissions a rewritten file keeps, or a new one gets from the umask (``mkstemp``
    creates its file readable by its owner alone)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, content: str | Iterable[str]) -> None:
    """Write ``content`` (a text, or lines) to ``path`` through a temporary file and a rename.

    A reader never sees half a file, and a failure (full disk, killed process) leaves the previous
    file as it was.

    Raises:
        PlumeError: the file cannot be written; the message names it and why.
    """
    directory = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise PlumeError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            if isinstance(content, str):
                stream.write(content)
            else:
                stream.writelines(content)
            stream.flush()
            os.fchmod(stream.fileno(), _mode_for(path))
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise PlumeError(f"cannot write {path}: {error.strerror}") from None
        raise


def load_yaml(text: str) -> Any:
    """The data of the single YAML document in ``text``, built with the safe constructors only.

    Raises:
        yaml.YAMLError: the text is not valid YAML; its ``problem_mark`` has the line.
    """
    return _parse(yaml.safe_load, text)


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of the single YAML document in ``text`` (``None`` when it is empty).

    Its nodes' marks give the line of every key and list item, for error messages.

    Raises:
        yaml.YAMLError: the text is not valid YAML; its ``problem_mark`` has the line.
    """
    return _parse(lambda source: yaml.compose(source, Loader=yaml.SafeLoader), text)


def load_yaml_and_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """``load_yaml`` and ``compose_yaml`` of ``text`` from one parse (the data is built from the
    node tree, as ``yaml.safe_load`` builds it): for files whose errors name their line.

    Raises:
        yaml.YAMLError: the text is not valid YAML; its ``problem_mark`` has the line.
    """

    def parse(source: str) -> tuple[Any, yaml.Node | None]:
        loader = yaml.SafeLoader(source)
        try:
            node = loader.get_single_node()
            return (None if node is None else loader.construct_document(node)), node
        finally:
            loader.dispose()

    return _parse(parse, text)


def _parse(parse: Callable[[str], _T], text: str) -> _T:
    try:
        return parse(text)
    except RecursionError:
        # PyYAML builds nested collections recursively: a hostile file must get a message.
        raise yaml.MarkedYAMLError(problem="it nests lists or mappings too deeply") from None
