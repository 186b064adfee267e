"""Synthetic directory documents and signed exports for sync tests and ``bench/sync.py``."""

from __future__ import annotations

import copy
import hashlib
import random
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.domain.towns import TOWNS
from coesfeld_desktop.sync.export_format import (
    EXPORT_FORMAT,
    MANIFEST_NAME,
    RECORD_FILES,
    SIGNATURE_NAME,
    canonical_json,
    record_line,
)
from coesfeld_desktop.sync.signing import PublicKey, key_id_of, sign_manifest

TOPICS = ("early_help", "parenting", "language", "counselling", "health", "leisure")
WORDS = ("Familie", "Beratung", "Sprachcafé", "Hebamme", "Krabbelgruppe", "Elterncafé",
         "Schuldnerberatung", "Erziehung", "Kita", "Ferienfreizeit", "Nachhilfe", "Pflege")


def offer_record(i: int, orgs: int, locations: int, variant: int = 0) -> dict[str, Any]:
    word = WORDS[i % len(WORDS)]
    return {
        "id": f"off-{i}", "organization_id": f"org-{i % orgs}",
        "title": f"{word} Angebot {i}" + (f" v{variant}" if variant else ""),
        "summary": f"Kurzbeschreibung {word} Nummer {i}",
        "description": f"Ausführliche Beschreibung des Angebots {i} zum Thema {word}. " * 3,
        "url": f"https://example.org/offers/{i}", "email": f"kontakt{i}@example.org",
        "status": "active", "min_age": i % 6, "max_age": 6 + i % 12,
        "pregnancy": i % 7 == 0, "free": i % 3 == 0, "cost": None if i % 3 == 0 else "5 €",
        "cost_options": [] if i % 3 == 0 else [
            {"id": f"co-{i}", "option": "pro Termin", "amount": 5.0, "currency": "EUR"}],
        "application_process": "Anmeldung telefonisch",
        "languages": ["de", "tr"] if i % 2 else ["de"],
        "topics": [TOPICS[i % len(TOPICS)], TOPICS[(i + 1) % len(TOPICS)]],
        "target_groups": ["parents"], "life_phases": ["age_0_3"],
        "location_ids": [f"loc-{i % locations}"],
        "contacts": [{"id": f"ct-{i}", "name": f"Frau Muster {i}", "title": "Beraterin",
                      "email": None, "phones": [{"id": f"ph-ct-{i}", "number": "02541 1234"}]}],
        "phones": [{"id": f"ph-{i}", "number": f"02541 {1000 + i % 9000}",
                    "description": "Zentrale"}],
        "schedules": [{"id": f"sc-{i}", "byday": "MO,WE", "opens_at": "09:00",
                       "closes_at": "12:00", "description": "Sprechstunde",
                       "location_id": None,
                       "translations": {"en": {"description": "Office hours"}}}],
        "assured_date": "2026-09-14", "last_modified": "2026-10-01T10:00:00Z",
        "translations": {"en": {"title": f"Offer {i}", "summary": f"Summary {i}",
                                "machine_translated": True, "outdated": False}},
    }


def make_document(offers: int = 20, sequence: int = 1, orgs: int | None = None,
                  locations: int | None = None, directory_id: str = "kreis-coesfeld-test",
                  ) -> dict[str, Any]:
    orgs = orgs or max(1, offers // 20)
    locations = locations or max(1, offers // 10)
    return {
        "format": "angebotslotse-directory", "format_version": 1,
        "directory_id": directory_id, "title": "Testverzeichnis Sync",
        "published_at": f"2026-11-{min(28, sequence):02d}T08:00:00Z", "sequence": sequence,
        "is_demo": False, "source_language": "de",
        "topics": [{"id": t, "name": t.replace("_", " ").title(),
                    "translations": {"en": {"name": t}}} for t in TOPICS],
        "organizations": [{"id": f"org-{o}", "name": f"Träger {o} e. V.",
                           "description": "Ein Träger", "email": f"org{o}@example.org",
                           "website": "https://example.org",
                           "phones": [{"id": f"ph-org-{o}", "number": "02541 000"}],
                           "translations": {}} for o in range(orgs)],
        "locations": [{"id": f"loc-{n}", "organization_id": f"org-{n % orgs}",
                       "name": f"Standort {n}", "street": f"Marktstraße {n}",
                       "postcode": TOWNS[n % len(TOWNS)].postcodes[0],
                       "town": TOWNS[n % len(TOWNS)].name, "district": None,
                       "latitude": TOWNS[n % len(TOWNS)].latitude,
                       "longitude": TOWNS[n % len(TOWNS)].longitude,
                       "barrier_free": n % 2 == 0,
                       "accessibility": [{"id": f"acc-{n}", "description": "Aufzug"}]}
                      for n in range(locations)],
        "offers": [offer_record(i, orgs, locations) for i in range(offers)],
    }


def changed_document(document: dict[str, Any], fraction: float, sequence: int,
                     seed: int = 1) -> tuple[dict[str, Any], set[str]]:
    """A copy with ``fraction`` of the offers changed (title), returns the changed ids."""
    new = copy.copy(document)
    new["sequence"] = sequence
    rng = random.Random(seed)
    count = max(1, int(len(document["offers"]) * fraction))
    picked = set(rng.sample(range(len(document["offers"])), count))
    offers = list(document["offers"])
    for index in picked:
        offers[index] = {**offers[index], "title": offers[index]["title"] + " (neu)"}
    new["offers"] = offers
    return new, {offers[i]["id"] for i in picked}


def trusted(private: Ed25519PrivateKey) -> dict[str, PublicKey]:
    public = private.public_key()
    return {key_id_of(public): PublicKey(key_id_of(public), public, "test")}


def digest_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- building deliberately broken exports ---------------------------------------------------

def rezip(source: Path, target: Path, replace: dict[str, bytes] | None = None,
          add: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> None:
    """Copy an export archive, replacing, adding or dropping members (no re-signing)."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))
        for name, data in add.items():
            new.writestr(name, data)


def export_from_members(members: dict[str, bytes], header: dict[str, Any],
                        private: Ed25519PrivateKey, target: Path,
                        manifest_changes: dict[str, Any] | None = None) -> None:
    """A correctly hashed and signed export around raw member bytes (which may be bad)."""
    files, counts = {}, {}
    for kind, name in RECORD_FILES.items():
        data = members.get(name, b"")
        lines = [line for line in data.split(b"\n") if line.strip()]
        files[name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                       "records": len(lines)}
        counts[kind] = len(lines)
    manifest = {"format": EXPORT_FORMAT, "format_version": 1,
                "directory_id": header["directory_id"], "title": header["title"],
                "sequence": header["sequence"], "published_at": header["published_at"],
                "generated_at": "2026-11-27T10:00:00Z", "is_demo": False,
                "source_language": "de", "counts": counts, "files": files,
                **(manifest_changes or {})}
    manifest_bytes = canonical_json(manifest)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr(MANIFEST_NAME, manifest_bytes)
        archive.writestr(SIGNATURE_NAME, sign_manifest(manifest_bytes, private))


def members_of(document: dict[str, Any]) -> dict[str, bytes]:
    return {name: b"".join(record_line(r) for r in document.get(kind) or ())
            for kind, name in RECORD_FILES.items()}


# --- comparing database content -------------------------------------------------------------

VOLATILE = {("directory_info", "imported_at"), ("sync_state", "applied_at")}


def content_digest(database_path: Path) -> str:
    """SHA-256 over every row of every table (sorted), except the two apply timestamps."""
    connection = sqlite3.connect(database_path)
    try:
        digest = hashlib.sha256()
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if (table, n) not in VOLATILE]
            rows = sorted(repr(tuple(row[i] for i in keep)) for row in cursor)
            digest.update(f"{table}:{len(rows)}\n".encode())
            for row in rows:
                digest.update(row.encode())
        return digest.hexdigest()
    finally:
        connection.close()
