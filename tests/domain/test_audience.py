"""Which offers are for the parents, so that a child's age keeps them (issue 12 point 6)."""

from __future__ import annotations

import pytest

from coesfeld_desktop.domain.audience import for_parents


@pytest.mark.parametrize(
    ("min_age", "max_age", "pregnancy", "groups", "expected"),
    [
        (18, None, False, ("parents", "migrant_families"), True),  # German course, childcare
        (18, None, False, ("parents", "families", "young_adults"), True),  # debt advice
        (16, None, False, ("parents", "families", "young_adults"), True),  # women's advice
        (None, 0, True, ("parents", "pregnant"), True),  # pregnancy counselling
        (None, 0, True, ("pregnant",), True),
        # the age range is the child's, even where parents are a target group too
        (6, 10, False, ("children", "parents"), False),
        (0, 10, False, ("families", "parents"), False),
        (0, 1, True, ("parents", "pregnant"), False),  # midwives: pregnancy and the baby
        (14, 18, False, ("young_people", "parents"), False),
        # an adult range without a parent group is not for the parents
        (16, 21, False, ("young_people", "young_adults", "migrant_families"), False),
        (18, 25, False, ("migrant_families", "young_adults"), False),
        (None, None, False, ("parents",), False),  # open: fits every age anyway
    ],
)
def test_for_parents(min_age: int | None, max_age: int | None, pregnancy: bool,
                     groups: tuple[str, ...], expected: bool) -> None:
    assert for_parents(min_age, max_age, pregnancy, groups) is expected
