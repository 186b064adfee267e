"""The planner's list of offers whose facts were not checked for too long, per provider.

Why per provider: the district asks each provider once to confirm all its offers (as
Integreat's editors confirm a page without editing it). Read from the directory document
the publisher builds exports from, so the list matches what the desks will see. An offer
without any ``assured_date`` is listed as never checked, first within its provider.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coesfeld_desktop.domain.freshness import DEFAULT_STALE_MONTHS, is_stale, months_since
from coesfeld_desktop.sync.table_file import write_table

COLUMNS = ("Träger", "Angebots-ID", "Angebot", "zuletzt geprüft", "Monate seitdem",
           "Angebote des Trägers", "davon zu prüfen")


@dataclass(frozen=True)
class StaleOffer:
    provider: str
    offer_id: str
    title: str
    assured: dt.date | None  # None: never checked


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def stale_offers(document: Mapping[str, Any], today: dt.date,
                 months: int = DEFAULT_STALE_MONTHS) -> tuple[list[StaleOffer], dict[str, int]]:
    """The stale (or never checked) active offers, by provider name then oldest first; and
    how many offers each provider has in all."""
    names = {str(org.get("id")): str(org.get("name") or org.get("id"))
             for org in document.get("organizations", [])}
    found: list[StaleOffer] = []
    totals: dict[str, int] = {}
    for offer in document.get("offers", []):
        if str(offer.get("status") or "active") != "active":
            continue
        provider = names.get(str(offer.get("organization_id")), str(offer.get("organization_id")))
        totals[provider] = totals.get(provider, 0) + 1
        assured = _date(offer.get("assured_date"))
        if assured is None or is_stale(assured, today, months):
            found.append(StaleOffer(provider, str(offer.get("id")), str(offer.get("title")),
                                    assured))
    found.sort(key=lambda item: (item.provider.casefold(), item.assured or dt.date.min,
                                 item.title.casefold()))
    return found, totals


def write_stale_list(found: list[StaleOffer], totals: Mapping[str, int], today: dt.date,
                     path: Path) -> None:
    per_provider: dict[str, int] = {}
    for item in found:
        per_provider[item.provider] = per_provider.get(item.provider, 0) + 1
    rows = [[item.provider, item.offer_id, item.title,
             item.assured.isoformat() if item.assured else "nie geprüft",
             months_since(item.assured, today) if item.assured else "",
             totals.get(item.provider, 0), per_provider[item.provider]] for item in found]
    write_table(path, COLUMNS, rows, "Zu prüfen", (36, 18, 44, 16, 14, 12, 12))
