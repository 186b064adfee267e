"""Right-to-left lines: bidi levels from python-bidi, glyphs from HarfBuzz.

Why this split: the Unicode bidi algorithm (python-bidi's pure-Python implementation)
says which characters run right-to-left; HarfBuzz (:mod:`shaping`) shapes each run of
one level and one font, joins the letters and puts the vowel marks where the font's
anchors say. :func:`line_runs` cuts one line into such runs and returns them in visual
order, left to right; ``text.BidiParagraph`` draws them.
"""

from __future__ import annotations

from functools import lru_cache

from bidi import algorithm as _bidi

from coesfeld_desktop.handout.fonts import LATIN, bold, font_runs
from coesfeld_desktop.handout.shaping import ShapedRun, shape

# Direction marks and embeddings steer the bidi algorithm; they are not printed.
CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"), None)
# Joining controls (ZWNJ in Farsi "خانواده‌ها") go to HarfBuzz, which honours them.


def levels(text: str, base_direction: str = "RTL") -> list[tuple[str, int]]:
    """Each printed character of ``text`` (one line, logical order) with its bidi level.

    Explicit embeddings (LRE … PDF) are honoured and dropped, like the direction marks.
    """
    storage = _bidi.get_empty_storage()
    level = 1 if str(base_direction).upper() == "RTL" else 0
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    _bidi.get_embedding_levels(text, storage)
    _bidi.explicit_embed_and_overrides(storage)
    _bidi.resolve_weak_types(storage, False)
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    result = [(char["ch"], char["level"]) for char in storage["chars"]
              if ord(char["ch"]) not in CONTROLS]
    # rule L1: white space at the end of a line goes back to the paragraph level
    end = len(result)
    while end and result[end - 1][0].isspace():
        end -= 1
        result[end] = (result[end][0], level)
    return result


def visual_order(run_levels: list[int]) -> list[int]:
    """Indexes of runs in visual order (rule L2: reverse from the highest level down)."""
    order = list(range(len(run_levels)))
    if not run_levels:
        return order
    highest = max(run_levels)
    lowest_odd = min((level for level in run_levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if run_levels[order[index]] >= level:
                end = index
                while end < len(order) and run_levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return order


@lru_cache(maxsize=4096)
def line_runs(text: str, base_direction: str = "RTL", preferred: str = LATIN,
              is_bold: bool = False) -> tuple[ShapedRun, ...]:
    """One line cut into runs of one level and one font, shaped, in visual order."""
    chars = levels(text, base_direction)
    plain = "".join(char for char, _ in chars)
    families: list[str] = []
    for run in font_runs(plain, preferred):
        families += [run.family] * len(run.text)
    pieces: list[tuple[str, int, str]] = []  # (text, level, family)
    for (char, level), family in zip(chars, families, strict=True):
        if pieces and pieces[-1][1] == level and pieces[-1][2] == family:
            pieces[-1] = (pieces[-1][0] + char, level, family)
        else:
            pieces.append((char, level, family))
    order = visual_order([level for _, level, _ in pieces])
    runs = []
    for index in order:
        text_piece, level, family = pieces[index]
        runs.append(shape(text_piece, bold(family) if is_bold else family, level % 2 == 1))
    return tuple(runs)


def logical_text(text: str) -> str:
    """``text`` as it should be copied or read aloud: logical order, without controls."""
    return text.translate(CONTROLS)
