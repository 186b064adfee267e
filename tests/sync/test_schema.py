"""The fast record checker says what jsonschema says, on good and bad records."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from coesfeld_desktop.sync.schema import export_schema, manifest_errors, record_checkers
from tests.sync.factory import make_document


def _validator(name: str) -> Draft202012Validator:
    schema = export_schema()
    return Draft202012Validator({**schema, "$ref": f"#/$defs/{name}"})


def _variants() -> list[tuple[str, dict[str, Any]]]:
    document = make_document(3)
    offer = document["offers"][0]
    cases: list[tuple[str, dict[str, Any]]] = [
        ("offer", offer), ("topic", document["topics"][0]),
        ("organization", document["organizations"][0]), ("location", document["locations"][0]),
    ]
    changes: list[tuple[str, Any]] = [
        ("title", ""), ("title", "x" * 301), ("title", None), ("min_age", -1),
        ("min_age", True), ("min_age", 2.5), ("free", 1), ("languages", "de"),
        ("languages", ["de"] * 501), ("description", "y" * 20_001), ("status", "unknown"),
        ("id", "a\nb"), ("contacts", [{"id": "c"}]), ("phones", [{"id": "p", "number": 5}]),
        ("translations", {"en": {"title": 3}}), ("translations", {"en": "text"}),
        ("schedules", [{"id": "s", "opens_at": "09:00:00:00"}]), ("extra_field", "allowed"),
    ]
    for key, value in changes:
        changed = copy.deepcopy(offer)
        changed[key] = value
        cases.append(("offer", changed))
    missing = copy.deepcopy(offer)
    del missing["organization_id"]
    cases.append(("offer", missing))
    location = copy.deepcopy(document["locations"][0])
    location["latitude"] = 100
    cases.append(("location", location))
    return cases


@pytest.mark.parametrize(("kind", "record"), _variants())
def test_fast_checker_agrees_with_jsonschema(kind: str, record: dict[str, Any]) -> None:
    expected_valid = _validator(kind).is_valid(record)
    assert (record_checkers()[kind](record) is None) == expected_valid


def test_manifest_errors_are_reported() -> None:
    assert manifest_errors({"format": "angebotslotse-export"})
    assert any("sequence" in e for e in manifest_errors({"sequence": -1}))


def test_schema_is_valid_json_schema() -> None:
    Draft202012Validator.check_schema(export_schema())
