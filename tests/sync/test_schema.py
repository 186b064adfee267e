"""The fast record checker says what jsonschema says, on good and bad records.

Three checkers are compared: the generated validator (verdict only), the explainer closures
(the message) and ``jsonschema``: on hand-picked variants, on seeded random mutations of
records, and on a made-up schema using the keyword combinations the export schema does not.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError
from jsonschema import validators as jsonschema_validators

from coesfeld_desktop.sync.schema import (
    PATTERN_SHORTCUTS,
    Check,
    Valid,
    explainers,
    export_schema,
    manifest_errors,
    record_checkers,
    validators,
)
from tests.store.sample_directory import sample_directory
from tests.sync.factory import make_document

KINDS = ("offer", "topic", "organization", "location")


def _ecma_pattern(validator: Any, pattern: str, instance: Any, _schema: Any
                  ) -> Iterator[ValidationError]:
    """JSON Schema's ``pattern`` as ECMA-262 reads it: ``$`` only at the very end.

    jsonschema uses Python's ``re.search``, whose ``$`` also matches before a final newline
    (so ``"a\\n"`` passed ``^[^\\u0000-\\u001f]+$``). The patterns of these schemas are
    anchored at both ends (asserted), where ECMA's reading is a full match.
    """
    assert pattern.startswith("^") and pattern.endswith("$"), pattern
    if validator.is_type(instance, "string") and re.fullmatch(pattern, instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Reference = jsonschema_validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


def _validator(name: str, schema: dict[str, Any] | None = None) -> Draft202012Validator:
    schema = schema or export_schema()
    return _Reference({**schema, "$ref": f"#/$defs/{name}"})  # type: ignore[no-any-return]


@lru_cache(maxsize=2)
def _checkers(made_up: bool) -> tuple[dict[str, Draft202012Validator], dict[str, Valid],
                                      dict[str, Check]]:
    """jsonschema, generated validators and explainers for every definition of a schema."""
    schema = _MADE_UP if made_up else export_schema()
    defs = schema["$defs"]
    return ({name: _validator(name, schema) for name in defs}, validators(defs),
            explainers(defs))


def _assert_all_agree(kind: str, record: Any, made_up: bool = False) -> bool:
    """Validator, explainer (and for the export schema the checker) agree with jsonschema."""
    reference, valid, explain = _checkers(made_up)
    expected = reference[kind].is_valid(record)
    problem = explain[kind](record)
    assert valid[kind](record) == expected, (kind, record)
    assert (problem is None) == expected, (kind, record, problem)
    if not made_up:
        assert record_checkers()[kind](record) == problem
    return expected


def _variants() -> list[tuple[str, Any]]:
    document = make_document(3)
    offer = document["offers"][0]
    cases: list[tuple[str, Any]] = [
        ("offer", offer), ("topic", document["topics"][0]),
        ("organization", document["organizations"][0]), ("location", document["locations"][0]),
        *((kind, record) for kind, key in (("offer", "offers"), ("topic", "topics"),
                                           ("organization", "organizations"),
                                           ("location", "locations"))
          for record in sample_directory()[key]),
        ("offer", None), ("offer", []), ("offer", "off-1"), ("topic", {"id": "t"}),
    ]
    changes: list[tuple[str, Any]] = [
        ("title", ""), ("title", "x" * 301), ("title", "x" * 300), ("title", None),
        ("min_age", -1), ("min_age", True), ("min_age", 2.5), ("min_age", 150),
        ("min_age", 151), ("min_age", None), ("min_age", "3"), ("free", 1), ("free", None),
        ("languages", "de"), ("languages", ["de"] * 501), ("languages", ["de"] * 500),
        ("languages", ["x" * 21]), ("languages", [None]), ("languages", []),
        ("description", "y" * 20_001), ("description", "y" * 20_000), ("description", None),
        ("status", "unknown"), ("status", None), ("status", "temporarily closed"),
        ("status", 1), ("id", "a\nb"), ("id", "a\n"), ("id", "\n"), ("id", ""),
        ("id", "\x7f"), ("id", "Beratung ü"), ("id", "x" * 101), ("id", 5),
        ("topics", ["t", ""]), ("topics", [5]), ("location_ids", "loc-1"),
        ("contacts", [{"id": "c"}]), ("contacts", [{"id": "c", "name": "n", "more": 1}]),
        ("contacts", [{"id": "c", "name": "n", "phones": [{"id": "p"}]}]),
        ("contacts", [{"id": "c", "name": "n", "translations": {"en": {"name": 5}}}]),
        ("contacts", ["c"]), ("contacts", {}),
        ("phones", [{"id": "p", "number": 5}]), ("phones", [{"id": "p", "number": "1"}]),
        ("phones", [{"id": "p", "number": "1", "description": 3}]),
        ("translations", {"en": {"title": 3}}), ("translations", {"en": "text"}),
        ("translations", {"en": {"outdated": None}}), ("translations", {"en": {"title": None}}),
        ("translations", {"en": {"machine_translated": "yes"}}), ("translations", {}),
        ("translations", {"x" * 21: {}}), ("translations", {"en": {"title": "y" * 20_001}}),
        ("translations", {"en": {"title": True}}), ("translations", []),
        ("schedules", [{"id": "s", "opens_at": "09:00:00:00"}]),
        ("schedules", [{"id": "s", "location_id": None, "byday": None}]),
        ("schedules", [{"byday": "MO"}]),
        ("cost_options", [{"id": "c", "amount": "5"}]), ("cost_options", [{"id": "c",
                                                                            "amount": None}]),
        ("cost_options", [{"id": "c", "amount": 10 ** 20, "currency": "EURO"}]),
        ("extra_field", "allowed"), ("extra_field", {"deep": [[[]]]}),
    ]
    for key, value in changes:
        changed = copy.deepcopy(offer)
        changed[key] = value
        cases.append(("offer", changed))
    missing = copy.deepcopy(offer)
    del missing["organization_id"]
    cases.append(("offer", missing))
    for key, value in (("latitude", 100), ("latitude", -90), ("latitude", float("nan")),
                       ("latitude", "51"), ("longitude", 180.5), ("barrier_free", None),
                       ("accessibility", [{"id": "a"}]), ("town", ""), ("postcode", "x" * 11)):
        location = copy.deepcopy(document["locations"][0])
        location[key] = value
        cases.append(("location", location))
    return cases


@pytest.mark.parametrize(("kind", "record"), _variants())
def test_fast_checker_agrees_with_jsonschema(kind: str, record: Any) -> None:
    _assert_all_agree(kind, record)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    items = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield (*prefix, key)
        yield from _paths(item, (*prefix, key))


_ODD_VALUES: list[Any] = [
    None, "", 0, 1, -1, 2.5, 151, True, False, "x", "a\n", "\x1f", "é", "x" * 21, "x" * 101,
    [], {}, ["a", "a"], [{}], [None], {"en": None}, {"en": "t"}, {"en": {"outdated": 1}},
    [{"id": "z", "number": ""}], [{"id": "", "name": "n"}], float("nan"), -91, 10 ** 20,
    "temporarily closed", "unknown", ["x"] * 501, "x" * 20_001,
]


def _mutated(record: Any, rng: random.Random) -> Any:
    """``record`` with one to three values replaced, removed or added somewhere inside."""
    record = copy.deepcopy(record)
    for _ in range(rng.randint(1, 3)):
        paths = list(_paths(record))
        if not paths:
            break
        path = rng.choice(paths)
        parent = record
        for key in path[:-1]:
            parent = parent[key]
        value = copy.deepcopy(rng.choice(_ODD_VALUES))
        roll = rng.random()
        if roll < 0.15 and isinstance(parent, dict):
            del parent[path[-1]]
        elif roll < 0.3 and isinstance(parent, dict):
            parent[rng.choice(("translations", "phones", "contacts", "status", "min_age",
                               "latitude", "extra", "id", "machine_translated"))] = value
        elif roll < 0.4 and isinstance(parent, list):
            parent.append(value)
        else:
            parent[path[-1]] = value
    return record


def test_fast_checker_agrees_on_random_mutations() -> None:
    rng = random.Random(20261128)
    document, sample = make_document(4), sample_directory()
    pool = [(kind, record) for kind, key in zip(KINDS, ("offers", "topics", "organizations",
                                                        "locations"), strict=True)
            for record in document[key] + sample[key]]
    verdicts = [_assert_all_agree(kind, _mutated(record, rng))
                for kind, record in (rng.choice(pool) for _ in range(3000))]
    assert 300 < verdicts.count(True) < 2700  # both kinds of verdict were exercised


def test_integral_float_is_no_integer() -> None:
    """The one deliberate difference from jsonschema (which accepts 2.0 as an integer)."""
    offer = make_document(1)["offers"][0]
    offer["min_age"] = 2.0
    assert _validator("offer").is_valid(offer)
    assert record_checkers()["offer"](offer) == "/min_age: expected integer/null, got float"


def test_messages_name_the_first_problem() -> None:
    offer = make_document(1)["offers"][0]
    offer["contacts"][0]["phones"][0]["number"] = ""
    assert record_checkers()["offer"](offer) == "/contacts/0/phones/0/number: too short"
    offer["title"] = 5
    assert record_checkers()["offer"](offer) == "/title: expected string, got int"


# keyword combinations the export schema does not use (yet); the generator handles them too
_MADE_UP: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": {
        "untyped": {"minLength": 2, "maximum": 5, "required": ["a"], "maxItems": 1,
                    "items": {"type": "integer"}},
        "mixed": {"type": ["integer", "number", "boolean", "null"], "minimum": 0},
        "enum": {"enum": [1, "one", None, [1], {"a": 1}]},
        "const": {"const": "x"},
        "closed": {"type": "object", "properties": {"a": {"type": "string"}},
                   "propertyNames": {"maxLength": 3}, "additionalProperties": False},
        "closed_only": {"type": "object", "properties": {"a": {"const": 1}},
                        "additionalProperties": False},
        "tree": {"type": "object", "required": ["name"],
                 "properties": {"name": {"type": "string", "pattern": "^[a-z]+$"},
                                "children": {"type": "array",
                                             "items": {"$ref": "#/$defs/tree"}}}},
        "ref_and_more": {"$ref": "#/$defs/const", "maxLength": 0},
        "anything": {},
        "any_array": {"type": "array", "maxItems": 2},
    },
}
_PROBES: list[Any] = [
    None, True, False, 0, 1, -1, 2, 5, 6, 2.5, -0.5, float("nan"), "", "x", "ab", "one", "abc",
    [], [1], [1, 2], [True], ["a"], {}, {"a": 1}, {"a": "s"}, {"a": 1, "b": 2}, {"abcd": 1},
    {"b": "x"}, {"name": "ab"}, {"name": "Ab"}, {"name": "ab", "children": [{"name": "c"}]},
    {"name": "ab", "children": [{"name": "c", "children": [{}]}]}, {"a": 1}, [{"a": 1}],
]


@pytest.mark.parametrize("kind", list(_MADE_UP["$defs"]))
def test_generator_agrees_on_other_keyword_combinations(kind: str) -> None:
    Draft202012Validator.check_schema(_MADE_UP)
    for probe in _PROBES:
        if kind == "enum" and repr(probe) in ("True", "[True]"):
            continue  # ``in`` a list, as the explainer: True == 1 for Python, not for JSON

        _assert_all_agree(kind, probe, made_up=True)


@pytest.mark.parametrize("pattern", list(PATTERN_SHORTCUTS))
def test_pattern_shortcuts_imply_a_match(pattern: str) -> None:
    assert pattern in {node.get("pattern") for node in export_schema()["$defs"].values()}
    shortcut = eval(f"lambda v: {PATTERN_SHORTCUTS[pattern].format(v='v')}")
    def search(value: str) -> re.Match[str] | None:  # ECMA-262's reading, see _ecma_pattern
        return re.fullmatch(pattern, value)

    probes = ["", " ", "a", "a\n", "\n", "\x00", "\x1f", "\x7f", "off-1", "é", "a b", "\t",
              "Ä-\u2028", "x" * 100, "\ud800"]
    for probe in probes:
        if shortcut(probe):
            assert search(probe) is not None, probe


def test_manifest_errors_are_reported() -> None:
    assert manifest_errors({"format": "angebotslotse-export"})
    valid = _manifest()
    assert manifest_errors(valid) == []
    assert "sequence" in manifest_errors({**valid, "sequence": -1})[0]


def _manifest() -> dict[str, Any]:
    entry = {"sha256": "0" * 64, "bytes": 10, "records": 1}
    return {"format": "angebotslotse-export", "format_version": 1, "directory_id": "k",
            "title": "T", "sequence": 3, "published_at": "2026-11-01T08:00:00Z",
            "generated_at": "2026-11-01T08:00:00Z", "expires_at": "2026-12-01T08:00:00Z",
            "keys": {"version": 1, "trusted": ["k1"], "revoked": []}, "is_demo": False,
            "counts": {"topics": 1, "organizations": 1, "locations": 1, "offers": 1},
            "files": {name: dict(entry) for name in ("topics.jsonl", "organizations.jsonl",
                                                     "locations.jsonl", "offers.jsonl")},
            "prebuilt": [{"name": "one.sqlite.gz", "layout": "store10", "bytes": 5,
                          "sha256": "0" * 64, "raw_bytes": 9}]}


def test_fast_checker_agrees_on_manifests() -> None:
    """The manifest is checked by the generated checker too (no jsonschema in a sync)."""
    rng = random.Random(20261204)
    assert _assert_all_agree("manifest", _manifest())
    verdicts = [_assert_all_agree("manifest", _mutated(_manifest(), rng)) for _ in range(1500)]
    assert 50 < verdicts.count(True) < 1450  # both kinds of verdict were exercised


def test_schema_is_valid_json_schema() -> None:
    Draft202012Validator.check_schema(export_schema())
