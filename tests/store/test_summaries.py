"""Result rows read with plain SQL (store.summaries) say what the ORM's details say.

The reference is the mapping the rows were built with before they were read apart: every
field of a row from :func:`~coesfeld_desktop.store.offers.offer_details`, on the demo
directory (325 offers with translations, courses, contacts) in several languages.
"""

from __future__ import annotations

from functools import partial

import pytest
from sqlalchemy import text

from coesfeld_desktop.domain.offer import LocalizedText, OfferDetail, OfferSummary
from coesfeld_desktop.services import Services
from coesfeld_desktop.store import id_lists, summaries
from coesfeld_desktop.store.offers import offer_details
from coesfeld_desktop.store.summaries import read_summaries


def _row_texts(detail: OfferDetail) -> list[LocalizedText]:
    return [text for text in (detail.title, detail.cost) if text is not None]


def _expected(detail: OfferDetail) -> OfferSummary:
    return OfferSummary(
        id=detail.id, title=detail.title.text, provider=detail.provider, towns=detail.towns,
        min_age=detail.min_age, max_age=detail.max_age, pregnancy=detail.pregnancy,
        languages=detail.languages, topics=detail.topics, free=detail.free,
        barrier_free=detail.barrier_free,
        places=tuple(dict.fromkeys(place.town_and_district() for place in detail.places)),
        phone=next(iter(detail.phones or [p for c in detail.contacts for p in c.phones]), None),
        cost=detail.cost.text if detail.cost else None, opening_hours=detail.opening_hours,
        target_groups=detail.target_groups, life_phases=detail.life_phases,
        accompanies=detail.accompanies, assured_date=detail.assured_date,
        machine_translated=any(t.machine_translated for t in _row_texts(detail)),
        translation_outdated=any(t.outdated for t in _row_texts(detail)),
    )


@pytest.mark.parametrize("language", ["de", "en", "ar", "uk", "tr"])
def test_every_demo_row_equals_the_orm_details(services: Services, language: str) -> None:
    with services.database.session() as session:
        ids = [str(row[0])
               for row in session.execute(text("SELECT id FROM offer ORDER BY id DESC"))]
        expected = [_expected(detail) for detail in offer_details(
            session, ids, language, with_related=False)]
    with services.database.connection() as connection:
        rows = read_summaries(connection, ids, language)
    assert len(rows) == len(ids) > 300
    assert rows == expected
    if language != "de":  # the translations were really read
        assert any(row.title != german.title for row, german in zip(
            rows, services.directory.summaries(ids), strict=True))


def test_rows_read_in_chunks_keep_the_order_asked(services: Services,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A long list (a search may list 100,000) is read a bounded number of ids at a time;
    rows, order and translations are the same as read at once."""
    with services.database.session() as session:
        ids = [str(row[0]) for row in session.execute(text("SELECT id FROM offer"))][::-1]
    with services.database.connection() as connection:
        at_once = read_summaries(connection, [*ids, "no-such-offer"], "ar")
        monkeypatch.setattr(summaries, "id_chunks", partial(id_lists.id_chunks, size=7))
        chunked = read_summaries(connection, [*ids, "no-such-offer"], "ar")
    assert [row.id for row in chunked] == ids
    assert chunked == at_once
