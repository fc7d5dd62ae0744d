"""A fast valid/invalid check for the subset of JSON Schema that prompt manifests use.

``jsonschema.Draft202012Validator.is_valid`` walks the schema and builds a resolver for every
subschema on every call: ~0.2 ms for one item's seven variables. :func:`compile_check` reads
the schema once into nested closures that give the same verdict in a few microseconds.

The closures know only plain JSON values (the exact types ``str``, ``int``, ``float``,
``bool``, ``None``, ``list``, ``dict``), which is what prompt variables are built from; on
anything else (a subclass, a tuple, a ``Decimal``) they give up and jsonschema decides. So the
verdict is jsonschema's for every value, and the fast code needs only JSON semantics as
jsonschema reads them: ``integer`` accepts ``1.0`` but never ``True``, and ``enum`` and
``const`` tell ``True`` from ``1`` (not ``1`` from ``1.0``), in lists and dicts too. On plain
values no keyword can raise, so keywords may run in any order.

A schema outside the subset (``$ref``, combinators, ``format``, unknown keywords, a keyword
value the 2020-12 meta-schema rejects, a cyclic schema, anything not plain JSON) gets ``None``:
the caller keeps jsonschema. Annotations (``title``…) are ignored, whatever their value.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from jsonschema import Draft202012Validator

__all__ = ["ANNOTATIONS", "compile_check"]

Rule = Callable[[Any], bool]
"""A check of values of one known type."""
Table = dict[type, Rule]
"""A compiled schema: the rule for each plain type (any other type is jsonschema's to judge)."""

ANNOTATIONS = frozenset(
    {
        "$comment",
        "default",
        "deprecated",
        "description",
        "examples",
        "readOnly",
        "title",
        "writeOnly",
    }
)
"""Keywords that jsonschema never validates, so their values are ignored."""

_PLAIN: tuple[type, ...] = (str, int, float, bool, type(None), list, dict)
_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),  # and integral floats, in ``_keyword``
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
    "array": (list,),
    "object": (dict,),
}
_DEPTH = 64
"""How deep a schema or a failing value may nest: a deeper one is left to jsonschema."""
_MISSING = object()


class _Defer(Exception):
    """jsonschema must decide: the schema leaves the subset, or the value is not plain JSON."""


def compile_check(schema: Mapping[str, Any] | bool) -> Callable[[object], bool] | None:
    """A function giving ``Draft202012Validator(schema).is_valid``'s verdict on any value.

    The schema is read once, here, and must not change afterwards (a manifest's never does).
    Returns ``None`` when the schema leaves the supported subset: the caller keeps jsonschema.
    """
    if not _plain(schema, _DEPTH):  # a cyclic schema is too deep: compiling it would not end
        return None
    try:
        rule_for = _compile(schema).get
    except _Defer:
        return None
    is_valid = Draft202012Validator(schema).is_valid

    def check(value: object) -> bool:
        try:
            if rule_for(type(value), _defer)(value):
                return True
        except _Defer:
            return is_valid(value)
        # jsonschema formats its error message, repr and all, even in ``is_valid``, and the
        # repr of an int over 4300 digits or of a list nested too deep raises. Such a value is
        # not plain, and its (rare) False is left to jsonschema, exception included.
        return False if _plain(value, _DEPTH) else is_valid(value)

    return check


def _plain(value: Any, depth: int) -> bool:
    """Whether ``value`` is plain JSON: exact types, str keys, small ints, bounded nesting."""
    kind = type(value)
    if kind is int:
        # repr refuses ints over 4300 digits (640 at the strictest setting): stay far below.
        return bool(-(2**63) <= value < 2**63)
    if kind is list and depth:
        return all(_plain(item, depth - 1) for item in value)
    if kind is dict and depth:
        return all(type(k) is str and _plain(item, depth - 1) for k, item in value.items())
    return kind in (str, float, bool, type(None))


def _defer(value: object) -> NoReturn:
    raise _Defer


def _accept(value: object) -> bool:
    return True


def _reject(value: object) -> bool:
    return False


# ``true`` (or no keyword at all) accepts any value, so a parent may skip it. A schema that
# merely accepts any plain value may not be skipped: ``{type: [all seven]}`` rejects a tuple.
_ANY: Table = dict.fromkeys(_PLAIN, _accept)
_NONE: Table = dict.fromkeys(_PLAIN, _reject)


def _compile(schema: object) -> Table:
    if schema is True or schema is False:  # jsonschema tests these by identity too
        return _ANY if schema else _NONE
    if type(schema) is not dict:
        raise _Defer
    rules: dict[type, list[Rule]] = {kind: [] for kind in _PLAIN}
    for keyword, value in schema.items():
        if keyword not in ANNOTATIONS:
            for kind, rule in _keyword(keyword, value, schema).items():
                rules[kind].append(rule)
    if not any(rules.values()):
        return _ANY
    return {kind: _all(kind_rules) for kind, kind_rules in rules.items()}


def _all(rules: list[Rule]) -> Rule:
    """The conjunction, with as few call frames as possible."""
    if _reject in rules:
        return _reject
    kept = [rule for rule in rules if rule is not _accept]
    if len(kept) <= 1:
        return kept[0] if kept else _accept
    if len(kept) == 3:  # a dict's ``required``, ``additionalProperties`` and ``properties``
        first, second, third = kept
        return lambda value: first(value) and second(value) and third(value)
    first, *rest = kept
    second = _all(rest)
    return lambda value: first(value) and second(value)


def _keyword(keyword: str, value: Any, schema: dict[str, Any]) -> Table:
    """The rules that one keyword adds, for the plain types it applies to."""
    match keyword:
        case "type":
            names = _names([value] if type(value) is str else value)
            if not names or not set(names) <= _TYPES.keys():
                raise _Defer  # jsonschema would raise UndefinedTypeCheck
            kinds = {kind for name in names for kind in _TYPES[name]}
            integral = float.is_integer if "integer" in names else _reject
            return {k: integral if k is float else _reject for k in _PLAIN if k not in kinds}
        case "enum" | "const":
            if keyword == "enum" and type(value) is not list:
                raise _Defer
            return _members(value if keyword == "enum" else [value])
        case "minLength" | "maxLength" | "minItems" | "maxItems":
            # A non-negative integer, which for the meta-schema (and jsonschema) includes 2.0.
            if type(value) not in (int, float) or not (value >= 0 and value % 1 == 0):
                raise _Defer
            limit = int(value)  # an int: ``len() >= 1.0`` would cost more
            sized = str if keyword.endswith("Length") else list  # ``len``: code points for str
            if keyword.startswith("min"):
                return {sized: lambda instance: len(instance) >= limit}
            return {sized: lambda instance: len(instance) <= limit}
        case "pattern":
            try:
                search = re.compile(value).search  # what jsonschema's ``re.search`` uses
            except (re.error, TypeError):
                raise _Defer from None
            # A search, not a match: JSON Schema patterns are not anchored.
            return {str: lambda text: search(text) is not None}
        case "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum":
            if type(value) not in (int, float):
                raise _Defer
            # jsonschema's own comparisons, negated rather than complemented: they differ on a
            # NaN, which ``not nan < 0`` and ``not nan >= 0`` both accept.
            rule: Rule = {
                "minimum": lambda number: not number < value,
                "maximum": lambda number: not number > value,
                "exclusiveMinimum": lambda number: not number <= value,
                "exclusiveMaximum": lambda number: not number >= value,
            }[keyword]
            return {int: rule, float: rule}
        case "required":
            required = frozenset(_names(value))
            return {dict: lambda instance: instance.keys() >= required}
        case "properties":
            if type(value) is not dict:
                raise _Defer
            return {dict: _properties({name: _compile(sub) for name, sub in value.items()})}
        case "additionalProperties":
            known = schema.get("properties", {})
            if type(known) is not dict:
                raise _Defer
            return {dict: _additional(frozenset(known), _compile(value))}
        case "items":
            return {list: _items(_compile(value))}
        case _:
            raise _Defer


def _names(value: Any) -> list[str]:
    """Distinct strings, as the meta-schema wants them for ``type`` and ``required``."""
    if type(value) is not list or not all(type(name) is str for name in value):
        raise _Defer
    if len(set(value)) < len(value):
        raise _Defer
    return list(value)


def _members(members: list[Any]) -> Table:
    """``enum`` or ``const``: equality as ``jsonschema._utils.equal`` has it on plain values."""
    # A str never equals a number, and a bool only itself, so a set lookup decides for
    # scalars once bools are kept apart. Sets test identity first, as ``equal`` does: that is
    # what makes a NaN member equal to itself.
    scalars = frozenset(each for each in members if type(each) in (str, int, float)).__contains__
    bools = frozenset(each for each in members if type(each) is bool).__contains__
    containers = [each for each in members if type(each) in (list, dict)]

    def contained(instance: object) -> bool:
        return any(_equal(each, instance) for each in containers)

    rules = dict.fromkeys((str, int, float), scalars) | dict.fromkeys((list, dict), contained)
    return rules | {bool: bools, type(None): _accept if None in members else _reject}


def _equal(member: Any, value: Any) -> bool:
    """``equal(member, value)`` for a plain ``member``; raises ``_Defer`` on a non-plain value."""
    kind = type(value)
    if kind is list:
        if type(member) is not list or len(member) != len(value):
            return False
        return all(map(_equal, member, value))
    if kind is dict:
        if type(member) is not dict or len(member) != len(value):
            return False
        return all(key in value and _equal(one, value[key]) for key, one in member.items())
    if kind not in _PLAIN:
        raise _Defer
    if kind is bool or type(member) is bool:
        return member is value
    return member is value or bool(member == value)  # ``is`` first: a NaN equals itself


def _properties(tables: dict[str, Table]) -> Rule:
    subs = tuple((name, table.get) for name, table in tables.items() if table is not _ANY)
    if not subs:
        return _accept

    def rule(instance: dict[str, Any]) -> bool:
        get = instance.get  # one lookup rather than ``in`` then ``[]``
        for name, rule_for in subs:
            item = get(name, _MISSING)
            if item is not _MISSING and not rule_for(type(item), _defer)(item):
                return False
        return True

    return rule


def _additional(allowed: frozenset[str], table: Table) -> Rule:
    if table is _ANY:
        return _accept
    if table is _NONE:
        return allowed.issuperset  # no key outside ``properties``
    rule_for = table.get

    def rule(instance: dict[str, Any]) -> bool:
        for key, item in instance.items():
            if key not in allowed and not rule_for(type(item), _defer)(item):
                return False
        return True

    return rule


def _items(table: Table) -> Rule:
    if table is _ANY:
        return _accept
    rule_for = table.get

    def rule(instance: list[Any]) -> bool:
        for item in instance:  # noqa: SIM110 (a loop spares ``all()`` its generator)
            if not rule_for(type(item), _defer)(item):
                return False
        return True

    return rule
