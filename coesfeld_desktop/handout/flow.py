"""Where a handout may break between pages: between an offer's parts, never inside one.

Why a flowable of our own: reportlab's ``KeepTogether`` either keeps a whole offer on one
page (one offer per page on bilingual sheets, empty first pages when an offer is taller
than a page) or nothing at all (a fact row torn apart, a contact's e-mail separated from
its name, a heading alone at the foot of a page). :class:`OfferFlow` stacks an offer's
parts — head, fact rows, the German box — and breaks only between them: a part marked
``keep_with_next`` (the heading, an offer's title block) stays with the part after it, an
offer that fits a page but would mostly land on the next one moves there whole, and the
continuation repeats the offer's title with "(Fortsetzung)" in the sheet's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable


@dataclass(frozen=True)
class Part:
    """One unbreakable piece of an offer (split only when taller than a whole page)."""

    flowable: Flowable
    keep_with_next: bool = False
    splittable: bool = False  # running text (a long summary or note) may continue overleaf
    titled: bool = False  # carries the offer's title: a continuation repeats it
    trailing: bool = False  # the rule after an offer: may be left out at the foot of a page


# An offer that fits on a page moves there whole unless at least this share of it fits.
_MOVE_WHOLE_BELOW = 0.4
_LEFT_AT_LEAST = 48.0  # points: a continuation shorter than this is not worth its title
_MIN_ROOM = 24.0  # points: less than two lines of text is not worth starting here


class OfferFlow(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """An offer's parts stacked top to bottom, broken between parts only."""

    def __init__(self, parts: Sequence[Part], frame_height: float,
                 continued: Callable[[], list[Part]] | None = None) -> None:
        super().__init__()
        self.parts = list(parts)
        self.frame_height = frame_height
        self.continued = continued
        self._heights: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._heights = [part.flowable.wrap(availWidth, self.frame_height)[1]
                         for part in self.parts]
        self.height = sum(self._heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        fresh = availHeight >= self.frame_height - 1  # a page of its own: must place something
        taken, used = self._fitting(availHeight)
        if (not fresh and self.height <= self.frame_height
                and used < _MOVE_WHOLE_BELOW * self.height):
            return []  # fits on the next page, and only a small part would be left here
        first, rest = self._cut(taken, used, availWidth, availHeight, fresh)
        if first and all(part.trailing for part in rest):
            return [OfferFlow(first, self.frame_height)]  # the closing rule is not needed here
        if not first or not rest:
            return []
        left = sum(part.flowable.wrap(availWidth, self.frame_height)[1] for part in rest)
        if not fresh and self.height <= self.frame_height and left < _LEFT_AT_LEAST:
            return []  # a scrap of an offer alone overleaf: better the whole offer there
        titled = any(part.titled for part in first)
        head = self.continued() if self.continued and titled else []
        return [OfferFlow(first, self.frame_height),
                OfferFlow([*head, *rest], self.frame_height, self.continued)]

    def _cut(self, taken: int, used: float, width: float, height: float, fresh: bool
             ) -> tuple[list[Part], list[Part]]:
        """The parts for this page and the rest: running text is split to fill the page,
        a part that keeps with the next one goes over with it, a part taller than a page
        is split wherever it must be."""
        parts = self.parts
        room = height - used
        if taken < len(parts) and room > _MIN_ROOM and (
                parts[taken].splittable or self._heights[taken] > self.frame_height):
            pieces = parts[taken].flowable.split(width, room)
            if len(pieces) >= 2:
                part = parts[taken]
                return ([*parts[:taken], Part(pieces[0], titled=part.titled)],
                         [Part(piece, part.keep_with_next, part.splittable)
                          for piece in pieces[1:]] + parts[taken + 1:])
        kept = taken
        while kept and parts[kept - 1].keep_with_next:
            kept -= 1
        if kept == 0 and fresh:
            kept = taken  # a page of its own: the rules give way rather than nothing
        return parts[:kept], parts[kept:]

    def _fitting(self, height: float) -> tuple[int, float]:
        used = 0.0
        for index, part_height in enumerate(self._heights):
            if used + part_height > height:
                return index, used
            used += part_height
        return len(self._heights), used

    def draw(self) -> None:
        y = self.height
        for part, height in zip(self.parts, self._heights, strict=True):
            y -= height
            part.flowable.drawOn(self.canv, 0, y)
