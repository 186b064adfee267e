"""The export's JSON Schema (``resources/export-schema.json``) and a fast record checker.

Why three checkers: the manifest (one small object) is validated with ``jsonschema``, the
reference implementation. Records are validated 100,000 at a time; ``jsonschema`` needs
~0.8 ms per offer there (80 s for a district export). So the record definitions of the same
schema, restricted to the keywords it uses (type, required, properties,
additionalProperties, propertyNames, items, maxItems, $ref, enum, const, min/maxLength,
minimum/maximum, pattern), are turned into

* a *validator*: Python source generated from the schema, one straight-line function per
  definition with ``$ref`` inlined and each leaf one boolean expression, without a call
  per node (~10 µs per offer on the build box); it only says valid or not, and
* an *explainer*: closures per schema node, ~60 calls per offer (four times as slow),
  that name the first problem as ``"/path/in/record: what is wrong"``; it runs only for a
  record the validator refused.

Tests check that both agree with ``jsonschema`` (and each other) on good and bad samples.
One deliberate difference from ``jsonschema``: an ``integer`` must be a Python ``int``, so
``2.0`` is refused (``jsonschema`` accepts integral floats; ``collect_rows`` would not).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from coesfeld_desktop.paths import resource_dir

Check = Callable[[Any], str | None]  # an error ("path: message") or None; paths built lazily
Valid = Callable[[Any], bool]

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
        schema: dict[str, Any] = json.load(handle)
    return schema


def manifest_errors(manifest: Any) -> list[str]:
    """What is wrong with a manifest object (empty when valid): the first problem, as the
    generated checker finds it (``jsonschema`` cost every sync 0.06 s of CPU to import;
    tests/sync/test_schema.py compares the two on manifests too)."""
    problem = record_checkers()["manifest"](manifest)
    return [] if problem is None else [f"(manifest){problem}"]


def _compile(node: dict[str, Any], defs: dict[str, Any], cache: dict[str, Check]) -> Check:
    """The explainer of ``node``: the first problem found, or None."""
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
            if isinstance(value, python_types) and (bool_ok or (value is not True
                                                    and value is not False)):
                return None
            return f": expected {label}, got {type(value).__name__}"

        checks.append(of_type)
    if "enum" in node or "const" in node:
        allowed = node["enum"] if "enum" in node else [node["const"]]

        def in_enum(value: Any) -> str | None:
            return None if value in allowed else f": {value!r} is not allowed"

        checks.append(in_enum)
    low, high = node.get("minLength"), node.get("maxLength")
    pattern = ecma_pattern(node["pattern"]) if "pattern" in node else None
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


# --- the validator: generated source ------------------------------------------------------

# a test per JSON type, mutually exclusive (bool is an int subclass in Python, not in JSON)
_TYPE_TESTS = {
    "null": "{v} is None",
    "boolean": "({v} is True or {v} is False)",
    "integer": "isinstance({v}, int) and {v} is not True and {v} is not False",
    "number": "isinstance({v}, (int, float)) and {v} is not True and {v} is not False",
    "string": "isinstance({v}, str)",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
}
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema ``pattern`` compiled for Python's ``re`` with ECMA-262's ``$``.

    Why: in Python ``$`` also matches before a final newline, so ``^[^\\u0000-\\u001f]+$``
    would let an id ``"abc\\n"`` through; in JSON Schema (ECMA-262, no multiline flag) it
    matches only at the end. Every ``$`` outside a character class and not escaped
    becomes ``\\Z``.
    """
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            out.append("\\Z")
            continue
        out.append(char)
    return re.compile("".join(out))


# Cheap tests that imply a pattern matches; the regular expression runs only when they fail.
# Ids (~10 per offer): printable ASCII has no control characters (the regex costs 4x more).
PATTERN_SHORTCUTS = {
    "^[^\\u0000-\\u001f]+$": "{v} != '' and {v}.isascii() and {v}.isprintable()",
}
_OBJECT_KEYWORDS = ("required", "properties", "additionalProperties", "propertyNames")
_ARRAY_KEYWORDS = ("items", "maxItems")


class _Source:
    """Python source of the validators of every ``$defs`` entry.

    ``emit`` writes statements that ``return False`` when a value fails a node; ``leaf`` gives
    one boolean expression for a node without object or array keywords, so a record's fields
    cost a dict look-up and an expression each, without a function call.
    """

    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.variables = 0

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def variable(self) -> str:
        self.variables += 1
        return f"v{self.variables}"

    def line(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)

    def end_block(self, indent: int, start: int) -> None:
        """A ``pass`` if nothing was written into the block begun at line ``start``."""
        if len(self.lines) == start:
            self.line(indent, "pass")

    def function(self, name: str) -> str:
        """Source of the validator of ``$defs/name``, named ``_valid_<index>``."""
        function = f"_valid_{list(self.defs).index(name)}"
        self.line(0, f"def {function}(v0):")
        self.emit(self.defs[name], "v0", 1, frozenset({name}))
        self.line(1, "return True")
        return function

    # -- expressions ------------------------------------------------------------------------

    def _reference(self, node: dict[str, Any]) -> str | None:
        return node["$ref"].removeprefix("#/$defs/") if "$ref" in node else None

    def _enum(self, node: dict[str, Any], v: str) -> str | None:
        if "enum" not in node and "const" not in node:
            return None
        allowed = node["enum"] if "enum" in node else [node["const"]]
        strings = [a for a in allowed if isinstance(a, str)]
        if len(strings) + allowed.count(None) == len(allowed):  # a set look-up is exact here
            test = f"isinstance({v}, str) and {v} in {self.constant(frozenset(strings))}"
            return f"{v} is None or {test}" if None in allowed else test
        return f"{v} in {self.constant(list(allowed))}"  # as the explainer: ``in`` a list

    def _conditions(self, node: dict[str, Any], kind: str, v: str) -> list[str]:
        """What ``node`` requires of a value known to be of JSON type ``kind``."""
        conditions: list[str] = []
        if kind == "string":
            low, high = node.get("minLength"), node.get("maxLength")
            if low is not None and high is not None:
                conditions.append(f"{int(low)} <= len({v}) <= {int(high)}")
            elif low is not None:
                conditions.append(f"len({v}) >= {int(low)}")
            elif high is not None:
                conditions.append(f"len({v}) <= {int(high)}")
            if "pattern" in node:
                search = f"{self.constant(ecma_pattern(node['pattern']).search)}({v}) is not None"
                shortcut = PATTERN_SHORTCUTS.get(node["pattern"])
                conditions.append(f"({shortcut.format(v=v)} or {search})" if shortcut else search)
        elif kind in ("integer", "number"):  # ``not <`` and ``not >``: NaN passes, as there
            if node.get("minimum") is not None:
                conditions.append(f"not {v} < {self.constant(node['minimum'])}")
            if node.get("maximum") is not None:
                conditions.append(f"not {v} > {self.constant(node['maximum'])}")
        return conditions

    def _kinds(self, node: dict[str, Any]) -> list[str]:
        """The JSON types to branch on: the allowed ones, or (no ``type``) those that some
        keyword of ``node`` applies to."""
        if "type" in node:
            kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
            if "number" in kinds:  # a number branch covers the integers
                kinds = [k for k in kinds if k != "integer"]
            return list(dict.fromkeys(kinds))
        return [kind for kind in ("string", "number", "object", "array")
                if self._conditions(node, kind, "_") or self._structural(node, kind)]

    @staticmethod
    def _structural(node: dict[str, Any], kind: str) -> bool:
        keywords = {"object": _OBJECT_KEYWORDS, "array": _ARRAY_KEYWORDS}.get(kind, ())
        return any(k in node for k in keywords)

    def leaf(self, node: dict[str, Any], v: str, stack: frozenset[str]) -> str | None:
        """One boolean expression for ``node``, or None if it needs statements."""
        unknown = set(node) - _SUPPORTED
        if unknown:
            raise ValueError(f"schema keywords not supported by the fast checker: {unknown}")
        if any(self._structural(node, kind) for kind in ("object", "array")):
            return None
        parts: list[str] = []
        name = self._reference(node)
        if name is not None:
            if name in stack:
                return None
            referenced = self.leaf(self.defs[name], v, stack | {name})
            if referenced is None:
                return None
            parts.append(referenced)
        enum = self._enum(node, v)
        if enum is not None:
            parts.append(enum)
        branches = [(_TYPE_TESTS[kind].format(v=v), self._conditions(node, kind, v))
                    for kind in self._kinds(node)]
        if "type" in node:
            parts.append(" or ".join(f"({' and '.join([test, *conditions])})"
                                     for test, conditions in branches))
        else:
            parts.extend(f"not ({test}) or ({' and '.join(conditions)})"
                         for test, conditions in branches)
        return " and ".join(f"({part})" for part in parts if part != "True") or "True"

    # -- statements -------------------------------------------------------------------------

    def emit(self, node: dict[str, Any], v: str, indent: int, stack: frozenset[str]) -> None:
        expression = self.leaf(node, v, stack)
        if expression is not None:
            if expression != "True":
                self.line(indent, f"if not ({expression}): return False")
            return
        name = self._reference(node)
        if name is not None:
            if name in stack:  # recursive: call it (the namespace holds every validator)
                self.line(indent, f"if not _valid[{name!r}]({v}): return False")
            else:
                self.emit(self.defs[name], v, indent, stack | {name})
        enum = self._enum(node, v)
        if enum is not None:
            self.line(indent, f"if not ({enum}): return False")
        kinds = self._kinds(node)
        for position, kind in enumerate(kinds):
            test = _TYPE_TESTS[kind].format(v=v)
            self.line(indent, f"{'elif' if position else 'if'} {test}:")
            start = len(self.lines)
            conditions = self._conditions(node, kind, v)
            if conditions:
                self.line(indent + 1, f"if not ({' and '.join(conditions)}): return False")
            if kind == "object":
                self._object(node, v, indent + 1, stack)
            elif kind == "array":
                self._array(node, v, indent + 1, stack)
            self.end_block(indent + 1, start)
        if kinds and "type" in node:
            self.line(indent, "else: return False")

    def _object(self, node: dict[str, Any], v: str, indent: int, stack: frozenset[str]
                ) -> None:
        required = node.get("required", ())
        properties: dict[str, Any] = node.get("properties", {})
        for key in required:
            if key not in properties:
                self.line(indent, f"if {key!r} not in {v}: return False")
        for key, sub in properties.items():
            item = self.variable()
            self.line(indent, f"{item} = {v}.get({key!r}, _MISSING)")
            expression = self.leaf(sub, item, stack)
            if key in required:
                if expression is not None:
                    self.line(indent, f"if {item} is _MISSING or not ({expression}): "
                                      "return False")
                    continue
                self.line(indent, f"if {item} is _MISSING: return False")
                self.emit(sub, item, indent, stack)
            elif expression is not None:
                if expression != "True":
                    self.line(indent, f"if {item} is not _MISSING and not ({expression}): "
                                      "return False")
            else:
                self.line(indent, f"if {item} is not _MISSING:")
                self.emit(sub, item, indent + 1, stack)
        extra = node.get("additionalProperties", True)
        names = node.get("propertyNames")
        check_extra = extra is False or (isinstance(extra, dict) and bool(extra))
        if extra is False and names is None:
            self.line(indent, f"if not {v}.keys() <= {self.constant(frozenset(properties))}: "
                              "return False")
        elif check_extra or names is not None:
            key, item = self.variable(), self.variable()
            self.line(indent, f"for {key}, {item} in {v}.items():")
            start = len(self.lines)
            if names is not None:
                self.emit(names, key, indent + 1, stack)
            if check_extra:
                if properties:
                    known = self.constant(frozenset(properties))
                    self.line(indent + 1, f"if {key} in {known}: continue")
                if extra is False:
                    self.line(indent + 1, "return False")
                else:
                    self.emit(extra, item, indent + 1, stack)
            self.end_block(indent + 1, start)

    def _array(self, node: dict[str, Any], v: str, indent: int, stack: frozenset[str]
               ) -> None:
        if node.get("maxItems") is not None:
            self.line(indent, f"if len({v}) > {int(node['maxItems'])}: return False")
        items = node.get("items", {})
        if items:
            item = self.variable()
            self.line(indent, f"for {item} in {v}:")
            start = len(self.lines)
            self.emit(items, item, indent + 1, stack)
            self.end_block(indent + 1, start)


_MISSING = object()


def generated_source(defs: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, str]]:
    """The validators' source, its constants and the function name per definition."""
    source = _Source(defs)
    functions = {name: source.function(name) for name in defs}
    return "\n".join(source.lines) + "\n", source.constants, functions


def validators(defs: dict[str, Any]) -> dict[str, Valid]:
    """Generated validators for every entry of ``defs``: True when a value is valid."""
    text, constants, functions = generated_source(defs)
    namespace: dict[str, Any] = {**constants, "_MISSING": _MISSING}
    exec(compile(text, "<export-schema validators>", "exec"), namespace)
    valid = {name: namespace[function] for name, function in functions.items()}
    namespace["_valid"] = valid
    return valid


def explainers(defs: dict[str, Any]) -> dict[str, Check]:
    """Closures for every entry of ``defs`` naming the first problem of a value (or None)."""
    cache: dict[str, Check] = {}
    for name, node in defs.items():
        cache[name] = _compile(node, defs, cache)
    return cache


@lru_cache(maxsize=1)
def record_checkers() -> dict[str, Check]:
    """Checkers for every ``$defs`` entry (``offer``, ``topic``, ...).

    A checker returns None for a valid value, else ``"/path/in/record: what is wrong"``: the
    generated validator decides, the explainer only runs to describe a refused value.
    """
    defs = export_schema()["$defs"]
    explain = explainers(defs)
    return {name: _checker(valid, explain[name]) for name, valid in validators(defs).items()}


def _checker(valid: Valid, explain: Check) -> Check:
    def check(value: Any) -> str | None:
        if valid(value):
            return None
        return explain(value) or ": does not match the schema"

    return check
