"""Reading text and YAML files, and writing files whole or not at all."""

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from harness.errors import InputError, PlumeError


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


def read_bytes(path: Path, what: str = "the file") -> bytes:
    """The bytes of ``path``, or one ``InputError`` saying why they cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, f"not found: {what} is missing") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot read {what} ({error.strerror})") from None


def read_text(path: Path, what: str = "the file") -> str:
    """The UTF-8 text of ``path``; unreadable or non-UTF-8 files raise one ``InputError``."""
    return decode_text(path, read_bytes(path, what))


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
        yaml.YAMLError: the text is not valid YAML; the error is PyYAML's pure-Python one.
    """
    return _parse_yaml(text, data=True, node=False)[0]


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of the single YAML document in ``text`` (``None`` when it is empty).

    Raises:
        yaml.YAMLError: the text is not valid YAML; the error is PyYAML's pure-Python one.
    """
    return _parse_yaml(text, data=False, node=True)[1]


def load_yaml_with_node(text: str) -> tuple[Any, yaml.Node | None]:
    """``load_yaml`` and ``compose_yaml`` of ``text`` together, from a single parse.

    Raises:
        yaml.YAMLError: the text is not valid YAML; the error is PyYAML's pure-Python one.
    """
    return _parse_yaml(text, data=True, node=True)


# Keys that PyYAML's constructor rewrites in the node tree while it builds the data.
_FLATTENED_KEY_TAGS = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})


def _parse_yaml(text: str, *, data: bool, node: bool) -> tuple[Any, yaml.Node | None]:
    try:
        return _parse_yaml_once(text, data=data, node=node)
    except RecursionError:
        # Both loaders build nested collections recursively: a hostile file must get a message.
        raise yaml.MarkedYAMLError(problem="it nests lists or mappings too deeply") from None


def _parse_yaml_once(text: str, *, data: bool, node: bool) -> tuple[Any, yaml.Node | None]:
    # libyaml parses about ten times faster than PyYAML's pure-Python scanner, and the constructor
    # that turns its nodes into data is the same Python code, so both give the same data. Texts
    # with a tab or a byte-order mark skip libyaml: it accepts a tab after a colon, which PyYAML
    # refuses, and drops a mark that starts a line, which PyYAML keeps in the key that follows.
    if yaml.__with_libyaml__ and "\t" not in text and "\ufeff" not in text:
        try:
            return _run_loader(yaml.CSafeLoader, text, data=data, node=node)
        except (yaml.YAMLError, UnicodeEncodeError):
            # libyaml words its errors differently, sometimes points at another line, and refuses
            # a few documents PyYAML accepts: the pure-Python loader has the last word, so the
            # message about a broken file, and which files load, stay what they always were.
            pass
    return _run_loader(yaml.SafeLoader, text, data=data, node=node)


def _run_loader(
    # Quoted: yaml.CSafeLoader only exists where PyYAML was built with libyaml.
    loader_class: "type[yaml.SafeLoader] | type[yaml.CSafeLoader]",
    text: str,
    *,
    data: bool,
    node: bool,
) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if not data or root is None:
            return None, root
        if not node:
            return loader.construct_document(root), None
        # Construction moves merged entries (``<<: *anchor``) into their mapping, in place: put
        # the tree back as written, so that lines read off it are those of a plain compose.
        written = [
            (mapping, list(mapping.value), [key.tag for key, _ in mapping.value])
            for mapping in _mappings_with_flattened_keys(root)
        ]
        value = loader.construct_document(root)
        for mapping, pairs, tags in written:
            mapping.value = pairs
            for (key, _), tag in zip(pairs, tags, strict=True):
                key.tag = tag
        return value, root
    finally:
        loader.dispose()


def _mappings_with_flattened_keys(root: yaml.Node) -> list[yaml.MappingNode]:
    found: list[yaml.MappingNode] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            if any(key.tag in _FLATTENED_KEY_TAGS for key, _ in current.value):
                found.append(current)
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return found
