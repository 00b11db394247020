"""A fast checker compiled from the shipped JSON Schema of the whole-workbook format.

jsonschema takes about 8 s to validate an export of 10,000 people (it interprets the schema
for every value); the import must take under 2 s. The schema uses a small set of keywords, so
this module compiles it once into plain Python checks that stop at the first problem and
name it in the format's words (``people[41].strength: expected one of '10', '100', …``).
Any keyword it does not know is refused when compiling, so the schema cannot grow a rule this
checker would silently skip. The tests validate exports with jsonschema itself and check both
agree on broken files (tests/core/test_workbook_json_check.py).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from workbook.core.formats.workbook_json import SCHEMA_FILE

Path_ = list[str | int]
Check = Callable[[Any, Path_], None]

TYPE_NAMES = {"object": "an object", "array": "an array", "string": "a string",
              "boolean": "true or false", "integer": "an integer", "number": "a number",
              "null": "null"}  # fmt: skip
_ANNOTATIONS = {"description", "title", "$schema", "$id", "$defs", "format"}
DATETIME_EXAMPLE = "2026-11-23T09:00:00+00:00"


class SchemaProblem(Exception):
    """The first value that breaks the schema, at its JSON path."""

    def __init__(self, path: Path_, message: str) -> None:
        super().__init__(message)
        self.path = list(path)
        self.message = message


def show(value: Any) -> str:
    """A value as the message quotes it (short; containers by their kind)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def type_of(value: Any) -> str:
    """The JSON type name of a Python value from json.loads."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    return "array" if isinstance(value, list) else "unknown"


@functools.cache
def workbook_checker() -> Check:
    """The checker of the shipped schema (compiled once)."""
    from workbook.paths import resource

    schema = json.loads(resource("schema", SCHEMA_FILE).read_text(encoding="utf-8"))
    return compile_schema(schema)


def compile_schema(schema: dict[str, Any]) -> Check:
    defs = schema.get("$defs", {})
    compiled: dict[str, Check] = {}

    def ref(name: str) -> Check:
        def check(value: Any, path: Path_) -> None:
            compiled[name](value, path)

        return check

    def build(node: dict[str, Any]) -> Check:
        unknown = set(node) - _ANNOTATIONS - set(_KEYWORDS)
        if unknown:
            raise ValueError(f"the workbook schema checker does not know {sorted(unknown)}")
        if "$ref" in node:
            return ref(node["$ref"].removeprefix("#/$defs/"))
        found = [_KEYWORDS[key](node, build) for key in _ORDER if key in node]
        if {"required", "properties", "additionalProperties"} & set(node):
            found.append(_object(node, build))
        checks = [c for c in found if c is not None]
        if len(checks) == 1:
            return checks[0]

        def check_all(value: Any, path: Path_) -> None:
            for check in checks:
                check(value, path)

        return check_all

    for name, node in defs.items():
        compiled[name] = build(node)
    return build({k: v for k, v in schema.items() if k != "$defs"})


Build = Callable[[dict[str, Any]], Check]


def _type(node: dict[str, Any], _build: Build) -> Check:
    wanted = node["type"]
    names = frozenset([wanted] if isinstance(wanted, str) else wanted)
    text = " or ".join(TYPE_NAMES[name] for name in sorted(names, key=list(TYPE_NAMES).index))
    number_ok = "number" in names

    def check(value: Any, path: Path_) -> None:
        found = type_of(value)
        if found not in names and not (number_ok and found == "integer"):
            raise SchemaProblem(path, f"expected {text}, not {show(value)}")

    return check


def _enum(node: dict[str, Any], _build: Build) -> Check:
    allowed = node["enum"]
    options = ", ".join("null" if v is None else repr(v) for v in allowed)
    # Compared with their types: 1 is not "1", and true is not 1.
    keys = {(type_of(v), v) for v in allowed}
    texts = frozenset(v for v in allowed if isinstance(v, str))  # the common case, fast

    def check(value: Any, path: Path_) -> None:
        if type(value) is str and value in texts:
            return
        if isinstance(value, dict | list) or (type_of(value), value) not in keys:
            raise SchemaProblem(path, f"expected one of {options}; not {show(value)}")

    return check


def _const(node: dict[str, Any], _build: Build) -> Check:
    expected = node["const"]

    def check(value: Any, path: Path_) -> None:
        if type_of(value) != type_of(expected) or value != expected:
            raise SchemaProblem(path, f"expected {show(expected)}, not {show(value)}")

    return check


def _pattern(node: dict[str, Any], _build: Build) -> Check:
    regex = re.compile(node["pattern"])
    if node.get("format") == "date-time":
        wanted = f"a date and time with an offset, like {DATETIME_EXAMPLE}"
    elif node.get("format") == "date":
        wanted = "a date like 2026-11-23"
    else:
        wanted = f"text matching {node['pattern']}"

    def check(value: Any, path: Path_) -> None:
        if isinstance(value, str) and not regex.search(value):
            raise SchemaProblem(path, f"expected {wanted}; not {show(value)}")

    return check


def _bound(keyword: str, words: str, fails: Callable[[float, float], bool]) -> Callable[..., Check]:
    def make(node: dict[str, Any], _build: Build) -> Check:
        limit = node[keyword]

        def check(value: Any, path: Path_) -> None:
            if type(value) is bool or not isinstance(value, int | float):
                return  # the type check speaks for other values
            if fails(value, limit):
                raise SchemaProblem(path, f"expected {words} {limit}, not {show(value)}")

        return check

    return make


def _object(node: dict[str, Any], build: Build) -> Check | None:
    # required, properties and additionalProperties in one pass over each object. A value of
    # the exact expected Python type takes the fast path (no call when nothing else is asked);
    # any other value goes through the property's full check, which explains the problem.
    required = list(node.get("required", ()))
    extra_schema = node.get("additionalProperties", True)
    if extra_schema not in (True, False):
        raise ValueError("the workbook schema checker knows additionalProperties true or false")
    closed = extra_schema is False
    properties = [_property(name, sub, build) for name, sub in node.get("properties", {}).items()]
    if not (required or properties or closed):
        return None
    known = {name for name, _, _, _ in properties}

    def check(value: Any, path: Path_) -> None:
        if not isinstance(value, dict):
            return
        missing = [name for name in required if name not in value]
        if missing:
            raise SchemaProblem(path, f"missing {', '.join(missing)} (required)")
        if closed and not known.issuperset(value):
            extra = sorted(name for name in value if name not in known)
            raise SchemaProblem(path, f"unknown field {', '.join(map(repr, extra))}")
        for name, fast_types, rest, full in properties:
            if name not in value:
                continue
            item = value[name]
            if type(item) not in fast_types:
                full(item, [*path, name])
            elif rest is not None:
                rest(item, [*path, name])

    return check


_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "boolean": (bool,), "null": (type(None),),
    "array": (list,), "object": (dict,), "number": (int, float),
}  # fmt: skip


def _property(
    name: str, node: dict[str, Any], build: Build
) -> tuple[str, frozenset[type], Check | None, Check]:
    """(name, Python types that pass the type check, the other checks, the full check)."""
    full = build(node)
    if "$ref" in node or "type" not in node:
        return name, frozenset(), None, full
    wanted = node["type"]
    names = [wanted] if isinstance(wanted, str) else wanted
    fast = frozenset(t for n in names for t in _PYTHON_TYPES[n])
    others = {key: value for key, value in node.items() if key != "type"}
    rest = build(others) if set(others) - _ANNOTATIONS else None
    return name, fast, rest, full


def _items(node: dict[str, Any], build: Build) -> Check:
    sub = build(node["items"])

    def check(value: Any, path: Path_) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                sub(item, [*path, index])

    return check


def _none(_node: dict[str, Any], _build: Build) -> None:
    return None  # required, properties, additionalProperties: one _object check


_KEYWORDS: dict[str, Callable[[dict[str, Any], Build], Check | None]] = {
    "type": _type,
    "const": _const,
    "enum": _enum,
    "pattern": _pattern,
    "minimum": _bound("minimum", "at least", lambda v, m: v < m),
    "maximum": _bound("maximum", "at most", lambda v, m: v > m),
    "exclusiveMinimum": _bound("exclusiveMinimum", "more than", lambda v, m: v <= m),
    "required": _none,
    "properties": _none,
    "additionalProperties": _none,
    "items": _items,
    "$ref": _none,
}
# The type first (a string is not checked against a minimum), then the object as a whole.
_ORDER = ("type", "const", "enum", "pattern", "minimum", "maximum", "exclusiveMinimum",
          "items")  # fmt: skip
