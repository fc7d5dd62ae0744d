"""Reading the style guide folder: the rules file, the lexicons, and the checkers they configure.

Every problem is an ``InputError`` naming the file and the line, so that a writer who edits the
YAML or a lexicon sees where and what to fix.
"""

import difflib
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from harness import paths
from harness.errors import InputError, format_validation_error
from harness.files import decode_text, load_yaml_and_nodes, read_bytes
from harness.styleguide._checkers import REGISTRY, Checker, SentenceLength
from harness.styleguide._matcher import PhraseMatcher, variants
from harness.styleguide._model import ChangelogEntry, LexiconEntry, Rule, RulesFile
from harness.text import analyse

RULES_FILE = "rules.yaml"
SCHEMA_FILE = "rules.schema.json"
LEXICONS_DIR = "lexicons"
GUIDE_FILE = "GUIDE.md"
LEXICON_COLUMNS = ("term", "replacement", "source", "note", "instruction")
_LEXICON_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

Location = tuple[str | int, ...]

# Guides already loaded, by folder and content hash: callers that lint batch after batch without
# keeping the guide reuse its compiled lexicons, and any edit to a file still reloads it.
_LOADED: dict[tuple[str, str], "StyleGuide"] = {}
_LOADED_LIMIT = 16


class StyleGuide:
    """A loaded style guide: versioned rules, their configured checkers, and the lexicons."""

    def __init__(
        self,
        folder: Path,
        rules_file: RulesFile,
        checkers: Sequence[Checker],
        lexicons: dict[str, list[LexiconEntry]],
        sha256: str,
    ) -> None:
        self.folder = folder
        """Where the guide was read from."""
        self.version = rules_file.version
        """Semantic version from the rules file."""
        self.title = rules_file.title
        """The guide's name."""
        self.changelog: list[ChangelogEntry] = list(rules_file.changelog)
        """Newest first."""
        self.rules: list[Rule] = list(rules_file.rules)
        """In file order."""
        self.sha256 = sha256
        """Hash over the rules file and every lexicon file: any edit changes it."""
        self._checkers = dict(zip((rule.id for rule in self.rules), checkers, strict=True))
        self._lexicons = lexicons
        self._matchers: dict[str, PhraseMatcher] = {}

    def __repr__(self) -> str:
        return f"StyleGuide({str(self.folder)!r}, version={self.version!r})"

    @property
    def lexicon_names(self) -> list[str]:
        """Names of the lexicons, sorted."""
        return sorted(self._lexicons)

    def lexicon(self, name: str) -> list[LexiconEntry]:
        """The entries of one lexicon, in file order.

        Raises:
            KeyError: the guide has no lexicon of that name.
        """
        try:
            return self._lexicons[name]
        except KeyError:
            raise KeyError(f"no lexicon {name!r}; known: {', '.join(self.lexicon_names)}") from None

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id.

        Raises:
            KeyError: no rule has that id.
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"no rule {rule_id!r}")

    def checker(self, rule_id: str) -> Checker:
        """The checker configured by a rule's parameters."""
        return self._checkers[rule_id]

    def matcher(self, name: str) -> PhraseMatcher:
        """One lexicon compiled for matching (with spaCy, on first use)."""
        if name not in self._matchers:
            entries = self.lexicon(name)
            terms = [term for entry in entries for term in variants(entry)]
            self._matchers[name] = PhraseMatcher(entries, analyse(terms, parse=False))
        return self._matchers[name]

    @property
    def long_sentence_words(self) -> int:
        """The sentence length above which a sentence counts as long in the metrics."""
        for checker in self._checkers.values():
            if isinstance(checker, SentenceLength):
                return checker.max_words
        return SentenceLength().max_words


def load_styleguide(folder: Path | None = None) -> StyleGuide:
    """Load and validate the style guide in ``folder`` (by default ``paths.styleguide_dir()``).

    A guide whose files have not changed since it was last loaded is returned from memory.

    Raises:
        InputError: a file is missing or malformed; the message names the file and line.
    """
    folder = folder if folder is not None else paths.styleguide_dir()
    rules_path = folder / RULES_FILE
    rules_bytes = read_bytes(rules_path, "the rules file")
    lexicon_bytes = {
        name: (path, read_bytes(path, "the lexicon"))
        for name, path in _lexicon_paths(folder).items()
    }
    digest = hashlib.sha256(b"rules.yaml\0" + rules_bytes)
    for path, data in lexicon_bytes.values():
        digest.update(f"\0{LEXICONS_DIR}/{path.name}\0".encode())
        digest.update(data)
    key = (str(folder.resolve()), digest.hexdigest())
    if key in _LOADED:
        return _LOADED[key]
    raw, lines = parse_yaml(rules_path, decode_text(rules_path, rules_bytes))
    rules_file = validate_rules(rules_path, raw, lines)
    lexicons = {
        name: parse_lexicon(path, decode_text(path, data))
        for name, (path, data) in lexicon_bytes.items()
    }
    checkers = [
        _configure(rules_path, index, rule, lines) for index, rule in enumerate(rules_file.rules)
    ]
    for index, (rule, checker) in enumerate(zip(rules_file.rules, checkers, strict=True)):
        for name in checker.lexicons_used():
            if name not in lexicons:
                raise InputError(
                    rules_path,
                    f"rule {rule.id}: no lexicon {name!r}; add {LEXICONS_DIR}/{name}.tsv"
                    f" or use one of: {', '.join(sorted(lexicons))}",
                    line=line_of(lines, ("rules", index, "params")),
                )
    guide = StyleGuide(folder, rules_file, checkers, lexicons, digest.hexdigest())
    if len(_LOADED) >= _LOADED_LIMIT:
        _LOADED.clear()
    _LOADED[key] = guide
    return guide


def parse_yaml(path: Path, text: str) -> tuple[Any, dict[Location, int]]:
    """The YAML document and the line of every key and list item in it."""
    try:
        data, node = load_yaml_and_nodes(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "invalid YAML"
        line = mark.line + 1 if mark is not None else None
        raise InputError(path, f"not valid YAML ({problem})", line=line) from None
    lines: dict[Location, int] = {}
    if node is not None:
        _map_lines(node, (), lines)
    return data, lines


def validate_rules(path: Path, raw: Any, lines: dict[Location, int]) -> RulesFile:
    """The rules file's content, checked against the model; problems name their line."""
    if not isinstance(raw, dict):
        raise InputError(path, "must be a mapping with version, title, changelog and rules", line=1)
    try:
        rules_file = RulesFile.model_validate(raw)
    except ValidationError as error:
        location = tuple(error.errors()[0]["loc"])
        raise InputError(
            path, format_validation_error(error), line=line_of(lines, location)
        ) from None
    if rules_file.changelog[0].version != rules_file.version:
        raise InputError(
            path,
            f"the newest changelog entry is {rules_file.changelog[0].version} but version is"
            f" {rules_file.version}: add a changelog entry for {rules_file.version} first",
            line=line_of(lines, ("changelog", 0)),
        )
    seen: dict[str, int] = {}
    for index, rule in enumerate(rules_file.rules):
        if rule.id in seen:
            raise InputError(
                path,
                f"duplicate rule id {rule.id} (first used by rules[{seen[rule.id]}])",
                line=line_of(lines, ("rules", index, "id")),
            )
        seen[rule.id] = index
    return rules_file


def parse_lexicon(path: Path, text: str) -> list[LexiconEntry]:
    """Entries of one lexicon file (tab-separated: term, replacement, source, note, instruction).

    Checked strictly, since a line that does not parse would otherwise silently match nothing: a
    line without a tab (spaces typed instead), with more columns than the header, with spaces
    in a row inside a cell, or with an instruction written in parentheses in the replacement
    column is an error naming the file and line. The instruction column may be left out.
    """
    entries: list[LexiconEntry] = []
    columns: tuple[str, ...] = ()
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not columns:
            if tuple(cells) not in (LEXICON_COLUMNS, LEXICON_COLUMNS[:4]):
                raise InputError(
                    path,
                    "the first line must be the header: " + " <tab> ".join(LEXICON_COLUMNS),
                    line=number,
                )
            columns = tuple(cells)
            continue
        problem = _lexicon_line_problem(cells, columns)
        if problem:
            raise InputError(path, problem, line=number)
        term, replacement, source, note, instruction = [*cells, "", "", "", ""][:5]
        key = term.casefold()
        if key in first_line:
            raise InputError(
                path, f"duplicate term {term!r} (first on line {first_line[key]})", line=number
            )
        first_line[key] = number
        entries.append(
            LexiconEntry(
                term=term,
                replacement=replacement or None,
                source=source or None,
                note=note or None,
                instruction=instruction or None,
            )
        )
    if not columns:
        raise InputError(path, "is empty; start it with the header line")
    return entries


def _lexicon_line_problem(cells: list[str], columns: tuple[str, ...]) -> str | None:
    if len(cells) == 1:
        return (
            "no tab on this line: columns are separated by a tab character, not spaces"
            f" ({' <tab> '.join(columns)})"
        )
    if len(cells) > len(columns):
        return f"{len(cells)} tab-separated columns; at most {len(columns)} ({', '.join(columns)})"
    if not cells[0]:
        return "the term (first column) is empty"
    for name, cell in zip(columns, cells, strict=False):
        if "  " in cell:
            return f"{name}: several spaces in a row (a tab typed as spaces?)"
    if "(" in cells[1] or ")" in cells[1]:
        return (
            "the replacement holds a parenthesis: write an instruction (« supprimer ») in the"
            " instruction column and a context in the note column"
        )
    return None


def _configure(path: Path, index: int, rule: Rule, lines: dict[Location, int]) -> Checker:
    checker_class = REGISTRY.get(rule.checker)
    if checker_class is None:
        close = difflib.get_close_matches(rule.checker, list(REGISTRY), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(sorted(REGISTRY))}"
        raise InputError(
            path,
            f"rule {rule.id}: unknown checker {rule.checker!r}; {hint}",
            line=line_of(lines, ("rules", index, "checker")),
        )
    try:
        return checker_class.model_validate(rule.params)
    except ValidationError as error:
        location = ("rules", index, "params", *error.errors()[0]["loc"])
        raise InputError(
            path,
            f"rule {rule.id}: params.{format_validation_error(error)}",
            line=line_of(lines, location),
        ) from None


def _lexicon_paths(folder: Path) -> dict[str, Path]:
    directory = folder / LEXICONS_DIR
    if not directory.is_dir():
        raise InputError(directory, "not found: the style guide needs a lexicons folder")
    found: dict[str, Path] = {}
    for path in sorted(directory.glob("*.tsv")):
        if not _LEXICON_NAME.match(path.stem):
            raise InputError(path, "lexicon names use lowercase letters, digits and _ only")
        found[path.stem] = path
    return found


def _map_lines(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*location, str(key.value))
            _map_lines(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, (*location, index), lines)


def line_of(lines: dict[Location, int], location: Sequence[str | int]) -> int | None:
    """The line of a location in the YAML, or of its nearest enclosing key."""
    for size in range(len(location), -1, -1):
        line = lines.get(tuple(location[:size]))
        if line is not None:
            return line
    return None
