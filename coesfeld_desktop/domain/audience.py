"""Who an offer is for: the child whose age the counsellor set, or the child's parents.

Why: the age filter means the child's age, but a debt advice, a German course with
childcare or a pregnancy counselling has the parent's age range (18+) or the unborn child's,
and a family with a three-year-old needs them too (issue 12 point 6). Such offers stay in
an age-filtered list, marked "für Eltern", unless the counsellor asks for offers for the
child only. One predicate for the index, the result rows, the command line and the handout.
"""

from __future__ import annotations

from collections.abc import Iterable

from coesfeld_desktop.domain.stages import OLDEST, PARENT_GROUPS
from coesfeld_desktop.i18n import N_

# an age range from here on, open or beyond the prevention chain (OLDEST), is an adult's:
# youth offers end by 27 (a class for 16-21-year-olds is the young people's, not parents')
ADULT_AGE = 16
FOR_PARENTS = N_("für Eltern")  # the badge of such an offer (UI domain)


def for_parents(min_age: int | None, max_age: int | None, pregnancy: bool,
                target_groups: Iterable[str]) -> bool:
    """Whether an offer is meant for the parents rather than for a child of some age.

    True for an offer for parents or families (``stages.PARENT_GROUPS``) whose age range
    is an adult's (from :data:`ADULT_AGE` on, open or past the chain's end) or only the
    time of pregnancy ("until birth"); an open range already fits every age.
    """
    if PARENT_GROUPS.isdisjoint(target_groups):
        return False
    if min_age is not None and min_age >= ADULT_AGE and (max_age is None or max_age >= OLDEST):
        return True
    return pregnancy and min_age is None and max_age is not None and max_age <= 0
