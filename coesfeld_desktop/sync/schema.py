"""The export's JSON Schema (``resources/export-schema.json``) and a fast record checker.

Why two checkers: the manifest (one small object) is validated with ``jsonschema``, the
reference implementation. Records are validated 100,000 at a time; ``jsonschema`` needs
~0.8 ms per offer there (80 s for a district export), so the record definitions of the same
schema are compiled into plain closures supporting exactly the keywords the schema uses
(type, required, properties, additionalProperties, items, $ref, enum, const, min/maxLength,
minimum/maximum, pattern). A test checks both agree on good and bad samples.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from coesfeld_desktop.paths import resource_dir

Check = Callable[[Any], str | None]  # an error ("path: message") or None; paths built lazily

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
    "null": (type(None),), "object": (dict,), "array": (list,),
}
_SUPPORTED = {"type", "required", "properties", "additionalProperties", "items", "$ref",
              "enum", "const", "minLength", "maxLength", "minimum", "maximum", "pattern",
              "propertyNames", "format", "description", "title", "maxItems"}


@lru_cache(maxsize=1)
def export_schema() -> dict[str, Any]:
    with (resource_dir() / "export-schema.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def manifest_errors(manifest: Any) -> list[str]:
    """Validation errors of a manifest object (empty when valid), via ``jsonschema``."""
    from jsonschema import Draft202012Validator

    schema = export_schema()
    validator = Draft202012Validator({**schema, "$ref": "#/$defs/manifest"})
    return [f"{'/'.join(map(str, e.absolute_path)) or '(manifest)'}: {e.message}"
            for e in validator.iter_errors(manifest)]


def _compile(node: dict[str, Any], defs: dict[str, Any], cache: dict[str, Check]) -> Check:
    unknown = set(node) - _SUPPORTED
    if unknown:
        raise ValueError(f"schema keywords not supported by the fast checker: {unknown}")
    checks: list[Check] = []
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")

        def by_ref(value: Any, name: str = name) -> str | None:
            return cache[name](value)

        checks.append(by_ref)
    if "type" in node:
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        python_types = tuple(t for kind in kinds for t in _TYPES[kind])
        bool_ok = "boolean" in kinds  # bool is an int subclass in Python, not in JSON
        label = "/".join(kinds)

        def of_type(value: Any) -> str | None:
            if isinstance(value, python_types) and (bool_ok or value is not True
                                                    and value is not False):
                return None
            return f": expected {label}, got {type(value).__name__}"

        checks.append(of_type)
    if "enum" in node or "const" in node:
        allowed = node["enum"] if "enum" in node else [node["const"]]

        def in_enum(value: Any) -> str | None:
            return None if value in allowed else f": {value!r} is not allowed"

        checks.append(in_enum)
    low, high = node.get("minLength"), node.get("maxLength")
    pattern = re.compile(node["pattern"]) if "pattern" in node else None
    if low is not None or high is not None or pattern is not None:
        def length(value: Any) -> str | None:
            if isinstance(value, str):
                if low is not None and len(value) < low:
                    return ": too short"
                if high is not None and len(value) > high:
                    return f": longer than {high} characters"
                if pattern is not None and not pattern.search(value):
                    return ": invalid characters"
            return None

        checks.append(length)
    minimum, maximum = node.get("minimum"), node.get("maximum")
    if minimum is not None or maximum is not None:
        def bounds(value: Any) -> str | None:
            if isinstance(value, int | float) and not isinstance(value, bool) and (
                    (minimum is not None and value < minimum)
                    or (maximum is not None and value > maximum)):
                return f": {value!r} is out of range"
            return None

        checks.append(bounds)
    if "required" in node or "properties" in node or "additionalProperties" in node \
            or "propertyNames" in node:
        required = tuple(node.get("required", ()))
        props = {k: _compile(v, defs, cache) for k, v in node.get("properties", {}).items()}
        extra = node.get("additionalProperties", True)
        extra_check = _compile(extra, defs, cache) if isinstance(extra, dict) else None
        names = _compile(node["propertyNames"], defs, cache) if "propertyNames" in node else None

        def obj(value: Any) -> str | None:
            if not isinstance(value, dict):
                return None
            for key in required:
                if key not in value:
                    return f": '{key}' is required"
            for key, item in value.items():
                if names is not None and (error := names(key)):
                    return f"/{key}{error}"
                check = props.get(key)
                if check is None:
                    if extra is False:
                        return f": unexpected field '{key}'"
                    check = extra_check
                if check is not None and (error := check(item)):
                    return f"/{key}{error}"
            return None

        checks.append(obj)
    if "items" in node or "maxItems" in node:
        item_check = _compile(node.get("items", {}), defs, cache)
        max_items = node.get("maxItems")

        def items(value: Any) -> str | None:
            if isinstance(value, list):
                if max_items is not None and len(value) > max_items:
                    return f": more than {max_items} entries"
                for index, item in enumerate(value):
                    if error := item_check(item):
                        return f"/{index}{error}"
            return None

        checks.append(items)

    if not checks:
        return lambda _value: None
    if len(checks) == 1:
        return checks[0]

    def all_of(value: Any) -> str | None:
        for check in checks:
            if error := check(value):
                return error
        return None

    return all_of


@lru_cache(maxsize=1)
def record_checkers() -> dict[str, Check]:
    """Compiled checkers for every ``$defs`` entry (``offer``, ``topic``, ...).

    A checker returns None for a valid value, else ``"/path/in/record: what is wrong"``.
    """
    defs = export_schema()["$defs"]
    cache: dict[str, Check] = {}
    for name, node in defs.items():
        cache[name] = _compile(node, defs, cache)
    return cache
