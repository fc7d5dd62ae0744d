"""The gold item's JSON Schema, generated from the model and published as ``gold/schema.json``."""

import json
from functools import lru_cache
from typing import Any

from harness.gold._item import GoldItem

SCHEMA_VERSION = "1.0.0"
"""Bumped whenever the gold item format changes; other tools key on it."""

SCHEMA_ID = f"urn:plume:schema:gold-item:{SCHEMA_VERSION}"


@lru_cache(maxsize=1)
def _schema_text() -> str:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        **GoldItem.model_json_schema(),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def gold_schema() -> dict[str, Any]:
    """The JSON Schema of one gold item (a fresh copy the caller may change)."""
    loaded: dict[str, Any] = json.loads(_schema_text())
    return loaded


def gold_schema_json() -> str:
    """The JSON Schema as the exact text of ``gold/schema.json``."""
    return _schema_text()
