"""Right-to-left text: Arabic shaping and bidi reordering, without reportlab's RTL path.

Why our own: reportlab reorders right-to-left paragraphs only through a module called
``rlbidi``, which is not on PyPI, and its HarfBuzz path joins letters but leaves words in
logical order. An ``rlbidi`` adapter over python-bidi works for one-font paragraphs, but
with several fonts in a paragraph (Arabic words beside Latin e-mails and URLs — reportlab
has no font fallback) reportlab's multi-fragment bidi path prints Arabic words with their
letters in logical order. So we shape with ``arabic-reshaper`` (contextual presentation
forms), break lines ourselves in logical order and reorder each line with python-bidi's
pure-Python algorithm (:func:`log2vis`); ``text.BidiParagraph`` draws the result.
"""

from __future__ import annotations

import re
from functools import lru_cache

import arabic_reshaper
from bidi import algorithm as _bidi

_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False,
                                                          "support_ligatures": True})
# Joining controls are resolved by shaping; no font needs a glyph for them afterwards.
_JOINING_CONTROLS = dict.fromkeys(map(ord, "\u200c\u200d"), None)
# Direction marks steer the bidi algorithm; after reordering they are not printed.
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"), None)


def log2vis(text: str, base_direction: str = "RTL", clean: bool = True,
            positions_V_to_L: list[int] | None = None, **_ignored: object) -> str:  # noqa: N803
    """The visual order of ``text`` (one line) in a paragraph of ``base_direction``.

    Fills ``positions_V_to_L`` with the logical index of each visual character (the
    ``rlbidi.log2vis`` interface). Explicit embeddings (LRE … PDF) are honoured and removed.
    """
    storage = _bidi.get_empty_storage()
    level = 1 if str(base_direction).upper() == "RTL" else 0
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    _bidi.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    _bidi.explicit_embed_and_overrides(storage)
    _bidi.resolve_weak_types(storage, False)
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    _bidi.reorder_resolved_levels(storage, False)
    _bidi.apply_mirroring(storage, False)
    chars = storage["chars"]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = [char["index"] for char in chars]
    return "".join(char["ch"] for char in chars).translate(_MARKS)


@lru_cache(maxsize=4096)
def shape(text: str) -> str:
    """Arabic/Farsi letters in their contextual (joined) forms, still in logical order."""
    return _RESHAPER.reshape(text).translate(_JOINING_CONTROLS)


_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_MARKS_BEFORE_BASE = re.compile(f"([{_MARK}]+)([^{_MARK}])")


def marks_after_base(visual_text: str) -> str:
    """Put Arabic vowel marks (shadda, fatha, …) after their letter again.

    Reversing a right-to-left run puts each mark *before* its letter; drawn left to right
    with zero advance, a mark then lands on the neighbouring letter. The fonts' marks sit
    over the glyph drawn just before them, so they must follow their base letter.
    """
    return _MARKS_BEFORE_BASE.sub(r"\2\1", visual_text)


def visual(text: str, base_direction: str = "RTL") -> str:
    """Shaped text in display order, for single-line drawing (headers, footers)."""
    return marks_after_base(log2vis(shape(text), base_direction))
