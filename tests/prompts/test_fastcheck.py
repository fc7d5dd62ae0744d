"""The fast schema check gives exactly jsonschema's verdicts, and gives up outside its subset.

Every verdict is compared with ``Draft202012Validator(schema).is_valid`` on the same value;
where jsonschema raises, the check must raise the same exception type.
"""

import copy
import math
from collections import OrderedDict
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from functools import cache, reduce
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, SchemaError

from harness.gold import GoldItem, load_gold
from harness.prompts import judge_variables, load_manifest, prompt_ids, reply_variables
from harness.prompts._fastcheck import ANNOTATIONS, compile_check

REPO = Path(__file__).resolve().parents[2]


def _outcome(check: Callable[[object], bool], value: object) -> object:
    """The verdict, or the type of what was raised instead."""
    try:
        return check(value)
    except Exception as error:
        return type(error)


def _expected(schema: Any, value: object) -> object:
    return _outcome(Draft202012Validator(schema).is_valid, value)


def _compiled(schema: Any) -> Callable[[object], bool]:
    check = compile_check(schema)
    assert check is not None, f"{schema!r} should be in the supported subset"
    return check


class Text(str):
    pass


class Items(list[Any]):
    pass


NAN = math.nan
"""One NaN object, shared by schemas and values: equal to itself by identity only."""
POOL: list[object] = [None, True, False, 0, 1, 1.0, -1, 0.5, NAN, math.inf, "", "a", "ab"]
POOL += [[], [1], [1.0], [True], ["a"], {}, {"a": 1}, {"a": True}, {"a": "x"}]
"""Plain values that collide under a naive ``==`` (``True``/``1``/``1.0``)."""
SNAN = Decimal("sNaN")
"""A value whose ``==`` raises against a number, as a careless ``__eq__`` may."""
ODD: list[object] = [(), ("a",), (1,), Decimal("1.5"), SNAN, 1j, object(), Text("a"), Items([1])]
ODD += [OrderedDict(a=1), {1: "one"}, 10**20]
"""Values that are not plain JSON: the check leaves them to jsonschema."""

# Plain values, which the fast path answers alone, in the corners a naive reading of JSON
# Schema gets wrong; each with the verdict jsonschema gives.
TRAPS: list[tuple[Any, list[tuple[object, bool]]]] = [
    ({"type": "integer"}, [(1.0, True), (1.5, False), (True, False)]),
    ({"type": "number"}, [(True, False), (1, True)]),
    ({"type": ["string", "null"]}, [(None, True), (0, False)]),
    ({"enum": [1]}, [(True, False), (1.0, True)]),
    ({"enum": [True]}, [(1, False), (True, True)]),
    ({"enum": [None, 0]}, [(False, False), (0.0, True)]),
    ({"enum": [[1], {"a": 1}]}, [([True], False), ([1.0], True), ({"a": True}, False)]),
    ({"enum": [NAN]}, [(NAN, True), (float("nan"), False)]),
    ({"const": {"a": [1]}}, [({"a": [1.0]}, True), ({"a": [True]}, False)]),
    ({"minLength": 2}, [("é" * 2, True), ("🙂", False), (["a"], True)]),
    ({"maxLength": 1}, [("🙂", True), (["a", "b"], True)]),
    ({"pattern": "b"}, [("abc", True), ("ac", False), (12, True)]),
    ({"pattern": "^b"}, [("abc", False), ("bc", True)]),
    ({"minimum": 2, "maximum": 3}, [(True, True), (1.0, False), (NAN, True), ("1", True)]),
    ({"exclusiveMinimum": 1, "exclusiveMaximum": 2}, [(1, False), (2.0, False), (1.5, True)]),
    ({"required": ["a"]}, [(["b"], True), ({"b": 1}, False), ({"a": None}, True)]),
    ({"properties": {"a": False}}, [({"a": 1}, False), ({"b": 1}, True)]),
    ({"properties": {"a": True}, "additionalProperties": False}, [({"a": 1}, True)]),
    ({"additionalProperties": False}, [({"a": 1}, False), ([1], True)]),
    ({"additionalProperties": {"type": "string"}}, [({"a": "x"}, True), ({"b": 1}, False)]),
    ({"items": {"type": "string"}}, [(["a"], True), (["a", 1], False)]),
    ({"minItems": 1, "maxItems": 1}, [([], False), ([None], True), ("", True)]),
]
DEEP = reduce(lambda inner, _: [inner], range(100_000), list[Any]())
# Values that are not plain, or whose failure jsonschema cannot format: jsonschema decides.
DEFERRED: list[tuple[Any, object, object]] = [
    ({"type": "string"}, Text("a"), True),
    ({"type": "array"}, ("a",), False),
    ({"enum": [[1, 2]]}, (1, 2), True),
    ({"minimum": 0}, 1j, TypeError),
    ({"enum": [1]}, SNAN, InvalidOperation),
    ({"required": ["a"]}, OrderedDict(b=1), False),
    ({"items": {"type": "string"}}, Items(["a", 1]), False),
    ({"type": "string"}, [10**5000], ValueError),  # repr refuses ints over 4300 digits
    ({"items": {"const": 0}}, [10**5000], False),  # … but this message does not show it
    ({"type": "string"}, DEEP, RecursionError),  # a list nested too deep for repr
]


@pytest.mark.parametrize(
    ("schema", "value", "verdict"), [(s, v, r) for s, cases in TRAPS for v, r in cases]
)
def test_plain_traps_get_jsonschemas_verdict_without_jsonschema(
    schema: Any, value: object, verdict: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _expected(schema, value) is verdict  # the corner is real in this jsonschema

    def refuse(*args: object) -> bool:
        raise AssertionError("a plain value reached jsonschema")

    monkeypatch.setattr(Draft202012Validator, "is_valid", refuse)
    assert _compiled(schema)(value) is verdict


@pytest.mark.parametrize(("schema", "value", "outcome"), DEFERRED)
def test_other_values_get_jsonschemas_outcome(schema: Any, value: object, outcome: object) -> None:
    assert _expected(schema, value) == outcome
    assert _outcome(_compiled(schema), value) == outcome


def test_boolean_and_empty_schemas() -> None:
    for value in [None, 0, "", [], {}, *ODD, [10**5000]]:
        assert _compiled(True)(value) is True
        assert _compiled({"title": "anything"})(value) is True
        assert _outcome(_compiled(False), value) == _expected(False, value)


UNSUPPORTED: list[Any] = [
    *[{"$ref": "#"}, {"$defs": {}}, {"$id": "https://example.org/s"}, {"allOf": [{}]}],
    *[{"$schema": "https://json-schema.org/draft/2020-12/schema"}, {"not": {}}],
    *[{"prefixItems": [{}]}, {"patternProperties": {}}, {"uniqueItems": True}],
    *[{"format": "date"}, {"multipleOf": 2}, {"minProperties": 1}, {"unknown-keyword": 1}],
    # Not plain JSON, or an int past 64 bits. (jsonschema ignores a mapping proxy in the last.)
    *[{1: {}}, {"enum": [(1, 2)]}, {"maximum": 2**64}, MappingProxyType({})],
    {"additionalProperties": MappingProxyType({"type": "string"})},
]
MALFORMED: list[Any] = [
    *[{"type": "text"}, {"type": []}, {"type": ["string", "string"]}, {"type": ["string", 1]}],
    *[{"minLength": -1}, {"minLength": 1.5}, {"minLength": True}, {"maxItems": "2"}],
    *[{"minimum": True}, {"maximum": "1"}, {"pattern": "("}, {"pattern": 1}],
    *[{"required": "abc"}, {"required": [1]}, {"required": ["a", "a"]}, {"enum": "abc"}],
    *[{"properties": ["a"]}, {"properties": {"a": 1}}, {"items": [{}]}],
    *[{"additionalProperties": None}, {"additionalProperties": False, "properties": ["a"]}],
]


@pytest.mark.parametrize("schema", MALFORMED, ids=repr)
def test_the_meta_schema_rejects_each_malformed_schema(schema: Any) -> None:
    with pytest.raises(SchemaError):
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("schema", UNSUPPORTED + MALFORMED, ids=repr)
def test_a_schema_outside_the_subset_gives_none(schema: Any) -> None:
    assert compile_check(schema) is None
    assert compile_check({"properties": {"a": schema}}) is None
    assert compile_check({"type": "array", "items": {"additionalProperties": schema}}) is None


def test_a_cyclic_schema_gives_none() -> None:
    schema: dict[str, Any] = {"type": "object", "properties": {}}
    schema["properties"]["self"] = schema
    assert compile_check(schema) is None


def test_annotations_are_ignored_even_when_malformed() -> None:
    check = _compiled({name: 1 for name in ANNOTATIONS} | {"type": "string"})
    assert check("a") and not check(1)


# --- Random schemas from the subset, random values.

NAMES = ["a", "b", "c", "é"]
PATTERNS = ["a", "^a", "b$", "a|b", "^[ab]*$", r"\d", "é", "^$", "a.c", r"\S", "^.{2,3}$", "(?i)A"]
TYPE_NAMES = ["array", "boolean", "integer", "null", "number", "object", "string"]

pool = st.sampled_from(POOL)
bounds = st.one_of(st.integers(-2, 3), st.sampled_from([0.5, -0.5, 2.0, math.inf, NAN, 2**62]))
counts = st.one_of(st.integers(0, 3), st.sampled_from([0.0, 2.0]))
keywords = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(TYPE_NAMES)
        | st.lists(st.sampled_from(TYPE_NAMES), min_size=1, max_size=3, unique=True),
        "enum": st.lists(pool | st.builds(copy.deepcopy, pool), max_size=4),
        "const": pool,
        "pattern": st.sampled_from(PATTERNS),
        "required": st.lists(st.sampled_from(NAMES), max_size=3, unique=True),
        "description": st.text(max_size=3),
        **dict.fromkeys(["minLength", "maxLength", "minItems", "maxItems"], counts),
        **dict.fromkeys(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"], bounds),
    },
)


def _with_children(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    containers = st.fixed_dictionaries(
        {},
        optional={
            "properties": st.dictionaries(st.sampled_from(NAMES), children, max_size=3),
            "additionalProperties": st.booleans() | children,
            "items": children,
        },
    )
    return st.builds(lambda own, more: own | more, keywords, containers)


schemas = st.recursive(st.booleans() | keywords, _with_children, max_leaves=6)
keys = st.sampled_from(NAMES) | st.text(max_size=2)
scalars = st.none() | st.booleans() | st.integers(-3, 3) | st.floats() | pool
scalars |= st.sampled_from([0.0, -0.0, 2.5, 2**62, 10**20]) | st.text("abcAé1 🙂", max_size=4)


def _json(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=3)


plain = st.recursive(scalars, _json, max_leaves=6)
mixed = st.recursive(
    scalars | st.sampled_from(ODD), lambda c: _json(c) | st.lists(c).map(tuple), max_leaves=6
)
"""Values with something not plain here and there, to exercise the hand-over to jsonschema."""


def _values_for(schema: object) -> st.SearchStrategy[Any]:
    """Plain values shaped like ``schema``, so that deep keywords get reached and some pass."""
    if not isinstance(schema, dict):
        return plain
    choices = [plain]
    members = list(schema.get("enum", [])) + ([schema["const"]] if "const" in schema else [])
    if members:
        choices += [st.sampled_from(members), st.sampled_from(members).map(copy.deepcopy)]
    if "properties" in schema or "required" in schema:
        known = {name: _values_for(sub) for name, sub in schema.get("properties", {}).items()}
        known |= {name: plain for name in schema.get("required", []) if name not in known}
        extra = _values_for(schema.get("additionalProperties", True))
        choices.append(st.fixed_dictionaries({}, optional={**known, "z": extra}))
    if "items" in schema:
        choices.append(st.lists(_values_for(schema["items"]), max_size=3))
    if {"pattern", "minLength", "maxLength"} & schema.keys():
        choices.append(st.text(alphabet="abcé1", max_size=4))
    return st.one_of(choices)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), schema=schemas)
def test_random_schemas_agree_with_jsonschema(data: st.DataObject, schema: Any) -> None:
    check = _compiled(schema)  # every schema drawn is in the subset
    for strategy in [_values_for(schema)] * 3 + [mixed]:
        value = data.draw(strategy, label="value")
        assert _outcome(check, value) == _expected(schema, value), f"{schema!r}, {value!r}"


# --- The prompt manifests, with values from the gold set.


def _manifest_variables() -> list[tuple[str, str, str, Any, list[Any]]]:
    """(prompt id, kind, variable, schema, [default] or []) for every variable of every version."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLUME_ROOT", str(REPO))
        manifests = [load_manifest(prompt_id) for prompt_id in prompt_ids()]
    return [
        (f"{manifest.id}@{entry.version}", manifest.kind, name, spec.json_schema, defaults)
        for manifest in manifests
        for entry in manifest.versions
        for name, spec in entry.variables.items()
        for defaults in [[] if spec.required else [spec.default]]
    ]


@cache
def _gold_values(kind: str) -> list[dict[str, Any]]:
    items: tuple[GoldItem, ...] = load_gold(REPO / "gold" / "services-publics-plus.jsonl").items
    if kind == "judge":
        return [judge_variables(item, item.reply) for item in items]
    return [
        reply_variables(item, [items[(i + 1) % len(items)], items[(i + 2) % len(items)]])
        for i, item in enumerate(items)
    ] + [reply_variables(items[0], [], include_signoff=True)]


def _broken(value: object) -> Iterator[object]:
    """Variants of ``value`` with one thing wrong (or not: jsonschema decides)."""
    yield from [None, True, 0, 1.0, "", " ", "x", [], [""], {}, ("x",), Text("x"), 1j]
    if isinstance(value, dict):
        yield from [OrderedDict(value), {**value, "unexpected": "x"}]
        for key, item in value.items():
            yield {k: v for k, v in value.items() if k != key}
            yield from ({**value, key: variant} for variant in _broken(item))
    elif isinstance(value, list):
        yield from [tuple(value), [*value, None]]
        for index, item in enumerate(value):
            yield from ([*value[:index], v, *value[index + 1 :]] for v in _broken(item))
    elif isinstance(value, str):
        yield value.upper()


ROWS = _manifest_variables()


def test_every_prompt_manifest_is_covered() -> None:
    assert {row[0].split("@")[0] for row in ROWS} >= {"reply", "judge-tone", "judge-accuracy"}
    assert {row[2] for row in ROWS} >= {"experience", "examples", "context", "candidate"}


@pytest.mark.parametrize(
    ("prompt", "kind", "name", "schema", "defaults"), ROWS, ids=[f"{r[0]}:{r[2]}" for r in ROWS]
)
def test_manifest_schemas_agree_with_jsonschema_on_gold_values(
    prompt: str, kind: str, name: str, schema: Any, defaults: list[Any]
) -> None:
    check = _compiled(schema)  # every manifest schema is in the subset
    gold = [variables[name] for variables in _gold_values(kind)] + defaults
    for value in gold:
        assert Draft202012Validator(schema).is_valid(value), f"gold value {value!r}"
        assert check(value) is True
    verdicts = []
    for value in gold[:3]:  # every item is shaped alike; three give variety enough
        for variant in _broken(value):
            expected = _expected(schema, variant)
            assert _outcome(check, variant) == expected, f"{name}: {variant!r}"
            verdicts.append(expected)
    assert False in verdicts  # the variants do reach the failing paths
