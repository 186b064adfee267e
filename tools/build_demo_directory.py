"""Build the synthetic demo directory ``resources/demo/directory.json``.

Usage: ``python tools/build_demo_directory.py [OUTPUT]``.

The texts live as readable tables in ``tools/demo_data/`` (offer templates with their
translations, topics, recurring phrases, invented names); this script crosses them with
the eleven towns and their Ortsteile (``coesfeld_desktop.domain.towns``). Every random
choice comes from a generator seeded with :data:`SEED` and the record's own id, so the
output is byte-for-byte reproducible and editing one template disturbs few other records.
Standard library only, no network. The format is ``docs/directory-format.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
for _path in (str(ROOT), str(TOOLS)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from demo_data import (  # noqa: E402
    LANGS,
    TRANSLATION_LANGS,
    names,
    phrases,
    templates_advice,
    templates_family,
    templates_health,
    templates_language,
    templates_leisure,
    templates_youth,
    topics,
)

from coesfeld_desktop.domain.towns import TOWNS, Town  # noqa: E402
from coesfeld_desktop.domain.vocabulary import (  # noqa: E402
    LIFE_PHASES,
    OFFER_LANGUAGES,
    TARGET_GROUPS,
)

DEFAULT_OUTPUT = ROOT / "resources" / "demo" / "directory.json"
SEED = 20261120

HEADER: dict[str, Any] = {
    "format": "angebotslotse-directory",
    "format_version": 1,
    "directory_id": "kreis-coesfeld-demo",
    "title": "Angebotsverzeichnis Kreis Coesfeld (Demodaten)",
    "published_at": "2026-11-20T08:00:00Z",
    "sequence": 1,
    "is_demo": True,
    "source_language": "de",
}

TEMPLATES: list[dict] = [
    *templates_family.TEMPLATES, *templates_advice.TEMPLATES, *templates_health.TEMPLATES,
    *templates_language.TEMPLATES, *templates_youth.TEMPLATES, *templates_leisure.TEMPLATES,
]
BY_KEY: dict[str, dict] = {template["key"]: template for template in TEMPLATES}

BIG_TOWNS = ("Coesfeld", "Dülmen", "Lüdinghausen", "Senden")
ASSURED_FIRST = dt.date(2025, 6, 1)
ASSURED_LAST = dt.date(2026, 11, 15)
MACHINE_TRANSLATED_SHARE = 0.15
OUTDATED_SHARE = 0.05
BARRIER_FREE_SHARE = 0.5
SECOND_CONTACT_SHARE = 0.25
SECOND_LOCATION_SHARE = 0.12
# Languages an offer may be given in besides German; integration offers draw from the second.
GENERAL_LANGS = ("en", "tr", "ar", "uk", "ru", "fa", "pl", "ro")
MIGRATION_LANGS = ("ar", "fa", "uk", "tr", "ru", "ku", "ti", "en", "ro", "pl")
PHONE_LABELS = {"consult": "Terminvereinbarung", "course": "Anmeldung", "care": "Kita-Büro",
                "holiday": "Anmeldung", "training": "Geschäftsstelle"}
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "Ä": "Ae",
                       "Ö": "Oe", "Ü": "Ue"})


def slug(text: str) -> str:
    """ASCII id fragment: ``Lüdinghausen`` -> ``luedinghausen``, ``Ayşe`` -> ``ayse``."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _rng(*parts: object) -> random.Random:
    """A generator of its own for one record (string seeds hash with SHA-512: stable)."""
    return random.Random(":".join((str(SEED), *map(str, parts))))


def _translations(texts: tuple[str, ...], field: str) -> dict[str, dict[str, str]]:
    return {lang: {field: texts[index]} for index, lang in enumerate(LANGS) if index}


def _check_templates() -> None:
    for template in TEMPLATES:
        key = template["key"]
        unknown = ([t for t in template["topics"] if t not in topics.TOPIC_IDS]
                   + [g for g in template["groups"] if g not in TARGET_GROUPS]
                   + [p for p in template["phases"] if p not in LIFE_PHASES])
        if unknown:
            raise ValueError(f"template {key} uses unknown codes: {unknown}")
        missing = [lang for lang in LANGS if lang not in template]
        if missing or len(template["de"]) != 3 or len(template["en"]) != 3:
            raise ValueError(f"template {key} lacks texts: {missing}")
    if len(BY_KEY) != len(TEMPLATES):
        raise ValueError("duplicate template keys")


class Builder:
    """Collects organisations, locations and offers while the towns are walked through."""

    def __init__(self) -> None:
        self.organizations: dict[tuple[str, str], dict[str, Any]] = {}
        self.used_orgs: set[str] = set()
        self.locations: list[dict[str, Any]] = []
        self.location_keys: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.offers: list[dict[str, Any]] = []
        self.next_phone = {town.name: 100 for town in TOWNS}
        self.next_location = {town.name: 1 for town in TOWNS}

    def phone(self, town: Town) -> str:
        number = self.next_phone[town.name]
        self.next_phone[town.name] += 1
        return f"{names.AREA_CODES[town.name]} 000-{number}"

    def add_organizations(self, town: Town) -> None:
        for kind, name in zip(names.ORG_KINDS, names.ORGANIZATIONS[town.name], strict=True):
            org_id = f"org-{slug(town.name)}-{kind}"
            short = slug(name.removesuffix(" e. V.").removesuffix(" gGmbH"))
            description_de, description_en = phrases.ORG_KINDS[kind][0]
            self.organizations[(town.name, kind)] = {
                "id": org_id, "name": name,
                "description": description_de.format(town=town.name),
                "email": f"{short}@example.org", "website": f"https://example.org/{short}",
                "phones": [{"id": f"ph-{org_id}", "number": self.phone(town),
                            "description": "Zentrale"}],
                "translations": {"en": {"description": description_en.format(town=town.name)}},
            }

    def location(self, town: Town, org: dict[str, Any], kind: str, district: str,
                 kita: str | None = None) -> dict[str, Any]:
        key = (org["id"], district, kita or "")
        if key in self.location_keys:
            return self.location_keys[key]
        number = self.next_location[town.name]
        self.next_location[town.name] += 1
        loc_id = f"loc-{slug(town.name)}-{number:03d}"
        r = _rng("location", loc_id)
        if kita:
            name, name_en = f"Kita {kita}", f"Kita {kita} (day-care centre)"
        else:
            pattern_de, pattern_en = phrases.ORG_KINDS[kind][1]
            name = pattern_de.format(district=district)
            name_en = pattern_en.format(district=district)
        barrier_free = r.random() < BARRIER_FREE_SHARE
        access = r.choice(phrases.ACCESSIBLE if barrier_free else phrases.NOT_ACCESSIBLE)
        location = {
            "id": loc_id, "organization_id": org["id"], "name": name,
            "street": f"{r.choice(names.STREETS)} {r.randint(1, 48)}",
            "postcode": town.postcodes[0], "town": town.name, "district": district,
            "latitude": round(town.latitude + r.uniform(-0.012, 0.012), 5),
            "longitude": round(town.longitude + r.uniform(-0.018, 0.018), 5),
            "barrier_free": barrier_free,
            "accessibility": [{"id": f"acc-{slug(town.name)}-{number:03d}",
                               "description": access[0],
                               "translations": _translations(access, "description")}],
            "translations": {"en": {"name": name_en}},
        }
        self.locations.append(location)
        self.location_keys[key] = location
        return location

    def plan(self, town: Town) -> list[str]:
        """Which templates a town gets: a Sprachcafé and a Kita always, then a mix."""
        r = _rng("plan", town.name)
        target = names.OFFERS_PER_TOWN[town.name]
        big = town.name in BIG_TOWNS
        picks = ["sprachcafe", "kita"]
        for key in ("sprachfoerderung_kita", "familienhebamme"):
            if big or r.random() < 0.6:
                picks.append(key)
        if big:
            picks += ["kita", "kita_familienzentrum", "sprachcafe", "jugendzentrum",
                      "jugendmigrationsdienst"]
        rest = [template["key"] for template in TEMPLATES if template["key"] not in picks]
        r.shuffle(rest)
        picks += rest[: max(0, target - len(picks))]
        repeatable = [template["key"] for template in TEMPLATES if template.get("repeat")]
        while len(picks) < target:
            picks.append(r.choice(repeatable))
        r.shuffle(picks)
        return picks

    def add_town(self, town: Town) -> None:
        self.add_organizations(town)
        r = _rng("town", town.name)
        kita_names = list(names.KITA_NAMES)
        r.shuffle(kita_names)
        kitas: list[tuple[str, str]] = []  # (Kita name, district) of the town's Kitas
        supported: set[str] = set()  # Kitas that already have a Sprachförderung offer
        used_places: dict[str, list[str]] = {}
        main = town.districts[0]
        for number, key in enumerate(self.plan(town), start=1):
            template = BY_KEY[key]
            title_de = template["de"][0]
            kita = None
            if "{name}" in title_de:
                free_kitas = [k for k in kitas if k[0] not in supported]
                if key == "sprachfoerderung_kita" and free_kitas:
                    kita, district = free_kitas[0]
                else:
                    kita = kita_names.pop()
                    district = main if not kitas else r.choice(town.districts)
                    kitas.append((kita, district))
                if key == "sprachfoerderung_kita":
                    supported.add(kita)
            elif "{place}" in title_de:
                used = used_places.setdefault(key, [])
                fresh = [d for d in town.districts if d not in used] or list(town.districts)
                district = main if main in fresh and r.random() < 0.5 else r.choice(fresh)
                used.append(district)
            else:
                district = main if r.random() < 0.6 else r.choice(town.districts)
            org = self.organizations[(town.name, template["org"])]
            self.used_orgs.add(org["id"])
            locations = [self.location(town, org, template["org"], district, kita)]
            others = [d for d in town.districts if d != district]
            if kita is None and others and r.random() < SECOND_LOCATION_SHARE:
                locations.append(self.location(town, org, template["org"], r.choice(others)))
            self.offers.append(self.offer(town, number, template, org, locations,
                                          place=district, kita=kita))

    def offer(self, town: Town, number: int, template: dict, org: dict[str, Any],
              locations: list[dict[str, Any]], place: str, kita: str | None) -> dict[str, Any]:
        town_slug = slug(town.name)
        stem = f"{town_slug}-{number:04d}"
        offer_id = f"off-{stem}"
        r = _rng("offer", offer_id, template["key"])

        def fill(text: str) -> str:
            return text.replace("{place}", place).replace("{name}", kita or "")

        title, summary, description = (fill(text) for text in template["de"])
        contacts = []
        people = r.sample(names.PEOPLE, 2)
        for index in range(1 + (r.random() < SECOND_CONTACT_SHARE)):
            first, last = people[index]
            contacts.append({
                "id": f"ct-{stem}-{index + 1}", "name": f"{first} {last}",
                "title": template["contact"],
                "email": f"{slug(first)[0]}.{slug(last)}@example.org",
                "phones": [{"id": f"ph-ct-{stem}-{index + 1}", "number": self.phone(town)}],
            })
        (fewest, most), slots = phrases.SCHEDULE_PATTERNS[template["times"]]
        chosen = sorted(r.sample(slots, r.randint(fewest, min(most, len(slots)))),
                        key=slots.index)
        schedules = []
        for index, (byday, opens, closes, text_key) in enumerate(chosen):
            texts = phrases.SCHEDULE_TEXTS[text_key] if text_key else None
            schedules.append({
                "id": f"sc-{stem}-{index + 1}", "byday": byday, "opens_at": opens,
                "closes_at": closes, "description": texts[0] if texts else None,
                "location_id": (locations[index % len(locations)]["id"]
                                if len(locations) > 1 else None),
                "translations": _translations(texts, "description") if texts else {},
            })
        free = r.random() < template["free"]
        cost_options = []
        if free:
            cost_texts = phrases.FREE_TEXT
        else:
            option, amount, cost_texts = phrases.COSTS[template["cost"]]
            cost_options.append({"id": f"co-{stem}", "option": option, "amount": amount,
                                 "currency": "EUR"})
        apply_texts = phrases.APPLICATION[template["apply"]]
        fewest, most = template["langs"]
        pool = MIGRATION_LANGS if fewest >= 2 else GENERAL_LANGS
        extra = r.sample(pool, r.randint(fewest, most))
        languages = ["de", *sorted(extra, key=OFFER_LANGUAGES.index)]
        span = (ASSURED_LAST - ASSURED_FIRST).days
        assured = ASSURED_FIRST + dt.timedelta(days=max(r.randint(0, span), r.randint(0, span)))
        clock = dt.time(r.randint(7, 17), r.choice((0, 15, 30, 45)))
        modified = dt.datetime.combine(assured, clock) - dt.timedelta(days=r.randint(0, 90))
        translations = {}
        for index, lang in enumerate(TRANSLATION_LANGS, start=1):
            entry = {"title": fill(template[lang][0]), "summary": fill(template[lang][1])}
            if lang == "en":
                entry["description"] = fill(template["en"][2])
            entry["cost"] = cost_texts[index]
            entry["application_process"] = apply_texts[index]
            entry["machine_translated"] = r.random() < MACHINE_TRANSLATED_SHARE
            entry["outdated"] = r.random() < OUTDATED_SHARE
            translations[lang] = entry
        key_slug = slug(template["key"])
        detail = slug(kita) if kita else slug(place)
        min_age, max_age = template["ages"]
        return {
            "id": offer_id, "organization_id": org["id"],
            "title": title, "summary": summary, "description": description,
            "url": f"{org['website']}/{key_slug}-{detail}",
            "email": f"{key_slug}.{town_slug}@example.org", "status": "active",
            "min_age": min_age, "max_age": max_age, "pregnancy": template["pregnancy"],
            "free": free, "cost": cost_texts[0], "cost_options": cost_options,
            "application_process": apply_texts[0],
            "languages": languages, "topics": list(template["topics"]),
            "target_groups": list(template["groups"]), "life_phases": list(template["phases"]),
            "location_ids": [location["id"] for location in locations],
            "contacts": contacts,
            "phones": [{"id": f"ph-off-{stem}", "number": self.phone(town),
                        "description": PHONE_LABELS.get(template["times"], "Zentrale")}],
            "schedules": schedules,
            "assured_date": assured.isoformat(),
            "last_modified": modified.strftime("%Y-%m-%dT%H:%M:00Z"),
            "translations": translations,
        }


def build_document() -> dict[str, Any]:
    """The whole demo directory as a JSON-ready dict (same result on every call)."""
    _check_templates()
    builder = Builder()
    for town in TOWNS:
        builder.add_town(town)
    return {
        **HEADER,
        "topics": [{"id": topic_id, "name": texts[0], "parent_id": None,
                    "translations": _translations(texts, "name")}
                   for topic_id, texts in topics.TOPICS],
        "organizations": [org for org in builder.organizations.values()
                          if org["id"] in builder.used_orgs],
        "locations": builder.locations,
        "offers": builder.offers,
    }


def main(output_path: Path | str | None = None) -> Path:
    """Write the demo directory to ``output_path`` (default: the bundled resource)."""
    target = Path(output_path) if output_path is not None else DEFAULT_OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(build_document(), handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    return target


if __name__ == "__main__":
    written = main(sys.argv[1] if len(sys.argv) > 1 else None)
    print(f"wrote {written}")
