"""The rules file's JSON Schema: generated from the model, shipped beside the rules file."""

import json
from pathlib import Path
from typing import Any

from harness.errors import InputError
from harness.styleguide._checkers import REGISTRY
from harness.styleguide._load import Location, line_of
from harness.styleguide._model import LintReport, RulesFile

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of ``rules.yaml``, as shipped in ``rules.schema.json``.

    Each checker's parameters are spelled out (``if checker is X then params is …``), so that an
    editor completes them and ``plume styleguide check`` validates them.
    """
    schema = RulesFile.model_json_schema()
    schema["$defs"]["Rule"]["allOf"] = [
        {
            "if": {"properties": {"checker": {"const": checker_id}}, "required": ["checker"]},
            "then": {"properties": {"params": checker.model_json_schema()}},
        }
        for checker_id, checker in sorted(REGISTRY.items())
    ]
    return {"$schema": _DIALECT, **schema}


def lint_report_schema() -> dict[str, Any]:
    """The JSON Schema of ``plume lint --format json`` (``lint-report.schema.json``)."""
    return {"$schema": _DIALECT, **LintReport.model_json_schema(mode="serialization")}


def schema_problem(
    schema_path: Path, rules_path: Path, data: Any, lines: dict[Location, int]
) -> InputError | None:
    """The first place where ``data`` breaks the shipped schema, as an error naming its line."""
    import jsonschema

    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return InputError(schema_path, "not found: the rules file's JSON Schema is missing")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return InputError(schema_path, f"cannot read the JSON Schema ({error})")
    validator = jsonschema.Draft202012Validator(schema)
    problem = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if problem is None:
        return None
    location = tuple(problem.absolute_path)
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location).lstrip(".")
    return InputError(
        rules_path,
        f"{where or 'document'}: {problem.message} (schema)",
        line=line_of(lines, location),
    )
