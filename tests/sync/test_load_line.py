"""Record lines are parsed with orjson: what json accepted stays accepted (same values), and
what orjson refuses beyond it is refused as invalid JSON with the usual message, no crash."""

from __future__ import annotations

import json

import pytest

from coesfeld_desktop.sync.errors import ExportRejected
from coesfeld_desktop.sync.export_format import record_line
from coesfeld_desktop.sync.verify import load_line
from tests.sync.factory import make_document


def test_values_are_those_of_json() -> None:
    offer = make_document(2)["offers"][1]
    offer["extra"] = {"big": [2 ** 63, 2 ** 64 - 1, -(2 ** 63)], "floats": [0.1, -0.0, 1e308],
                      "text": "ä \u2028 \U0001f600 \"q\" \\ \x7f", "nested": [[[{}]]]}
    for line in (record_line(offer), json.dumps(offer).encode(), b' {"a": 1}\r\n',
                 b'{"pair": "\\ud83d\\ude00", "escapes": "\\u00e4\\n\\/"}'):
        parsed = load_line(line, "offers.jsonl")
        assert parsed == json.loads(line)
        assert repr(parsed) == repr(json.loads(line))  # same types, same key order


def test_an_integer_beyond_64_bits_is_the_nearest_float() -> None:
    """What the Float columns stored for it before; the schema's integers (ages) are
    bounded, so such a number is refused there either way."""
    big = 10 ** 20
    parsed = load_line(b'{"amount": %d, "min_age": -%d}' % (big, big), "offers.jsonl")
    assert parsed == {"amount": float(big), "min_age": float(-big)}


@pytest.mark.parametrize("line", [
    b'{"id": "off-1", "title": ', b'{"a": 1} x', b'{"a": 1,}', b"{'a': 1}",
    b'{"latitude": NaN}', b'{"latitude": Infinity}', b'{"latitude": -Infinity}',
    b'{"amount": 1e400}', b'{"title": "\\ud800"}', b'{"title": "\\udc00 x"}',
    b'\xef\xbb\xbf{"a": 1}', '{"a": 1}'.encode("utf-16"), b'{"title": "\xff"}',
    b'{"title": "a\x01b"}', b"[" * 100_000 + b"]" * 100_000, b'{"a": ' * 2_000 + b"1" +
    b"}" * 2_000,
], ids=["truncated", "trailing", "trailing-comma", "quotes", "nan", "infinity",
        "-infinity", "overflow", "lone-high-surrogate", "lone-low-surrogate", "bom", "utf-16",
        "invalid-utf-8", "control-character", "deep-arrays", "deep-objects"])
def test_refused_as_invalid_json(line: bytes) -> None:
    with pytest.raises(ExportRejected) as error:
        load_line(line, "offers.jsonl")
    assert error.value.reason == "invalid_json"
    assert str(error.value).startswith("offers.jsonl enthält kein gültiges JSON.")
