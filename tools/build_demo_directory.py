"""Build the synthetic demo directory ``resources/demo/directory.json``.

Usage: ``python tools/build_demo_directory.py [OUTPUT]``.

The directory should look like Kreis Coesfeld: public bodies, welfare-association counselling
centres, Kita providers, schools, libraries, clubs, volunteer initiatives and midwives, each
running only offers that fit its kind (``tools/demo_data/providers.py``). District-wide
providers have offices in a few hub towns and outreach consultations in the towns around;
town providers scale with the town's population. A few documented gaps
(:data:`GAPS`, ``resources/demo/README.md``) keep the coverage view honest.

Every random choice comes from a generator seeded with :data:`SEED` and the record's own id,
so the output is byte-for-byte reproducible. Standard library only, no network. The format is
``docs/directory-format.md``.
"""

from __future__ import annotations

import datetime as dt
import itertools
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
    courses,
    names,
    phrases,
    providers,
    templates_advice,
    templates_crisis,
    templates_family,
    templates_health,
    templates_language,
    templates_leisure,
    templates_programmes,
    templates_public,
    templates_youth,
    topics,
)

from coesfeld_desktop.domain.towns import TOWNS, Town, distance_km, town_by_name  # noqa: E402
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
    *templates_public.TEMPLATES, *templates_crisis.TEMPLATES, *templates_family.TEMPLATES,
    *templates_advice.TEMPLATES, *templates_health.TEMPLATES, *templates_language.TEMPLATES,
    *templates_youth.TEMPLATES, *templates_leisure.TEMPLATES, *templates_programmes.TEMPLATES,
]
BY_KEY: dict[str, dict] = {template["key"]: template for template in TEMPLATES}

# Deliberate gaps: (town, topic, language or None). No offer with the topic reaches the town
# (in that language). Documented in resources/demo/README.md.
GAPS: tuple[tuple[str, str, str | None], ...] = (
    ("Rosendahl", "school_to_job", "ar"),
    ("Olfen", "addiction_advice", None),
    ("Havixbeck", "debt_advice", None),
    ("Nordkirchen", "youth_migration_service", "uk"),
)

# Which district templates also hold consultations outside their hub towns.
OUTREACH: frozenset[str] = frozenset({
    "ja_asd", "ja_kinderschutz", "ja_elterngeld", "ja_beistandschaft",
    "familienhebamme", "willkommensbesuch", "kindertagespflege", "kita_einstieg",
    "jc_u25", "ga_schuleingang", "ki_kim", "ki_rucksack", "sp_beratung",
    "erziehungsberatung", "schuldnerberatung", "migrationsberatung", "schwangerschaftsberatung",
    "jugendmigrationsdienst", "sucht_jugend", "frauenberatung", "fruehfoerderung",
})
# Templates bound to particular hub towns (Babylotsen work in the two maternity clinics).
ONLY_HUBS: dict[str, tuple[str, ...]] = {
    "babylotsen": ("Coesfeld", "Dülmen"),
    "alphabetisierung": ("Coesfeld", "Dülmen", "Lüdinghausen"),
    "ernaehrungskurs": ("Coesfeld", "Dülmen", "Lüdinghausen"),
}
# Services a district provider runs as one offer from all its offices (one team, several
# places), rather than one offer per office.
CENTRAL: frozenset[str] = frozenset({
    "ja_elterngeld", "ja_beistandschaft", "jc_but", "budgetberatung", "trennungsberatung",
    "sucht_kindergruppe", "inklusionsberatung", "familienentlastung", "sexualisierte_gewalt",
    "schwangerschaftskonflikt", "anerkennungsberatung", "ga_spdi", "gefluechtetenberatung",
    "ki_rucksack",
})
# Templates reached by phone from every town (their place is no building to visit).
EVERY_TOWN: frozenset[str] = frozenset({"frauenhaus", "ja_notdienst"})

# Offers where a person accompanies the family (Lotsen, Paten, Kita-Einstieg, case
# management for young newcomers) carry this topic and are marked "accompanies" (issue #17).
ACCOMPANYING_TOPIC = "guides"
# Vernetzte Angebote: chains along the child's path ("danach": each step names the next) and
# partners (named both ways), by template key; linked to the offers that reach the same town.
CHAINS: tuple[tuple[str, ...], ...] = (
    ("geburtsvorbereitung", "hebammenhilfe", "eltern_kind_gruppe", "kita"),
    ("berufsorientierung", "bewerbungstraining", "ausbildungsberatung"),
)
PARTNERS: tuple[tuple[str, str], ...] = (
    ("babylotsen", "familienhebamme"),
    ("kita_einstieg", "kita"),
    ("ausbildungspaten", "bewerbungstraining"),
    ("jc_u25", "ausbildungsberatung"),
    ("integrationslotsen", "migrationsberatung"),
    ("ki_kim", "jugendmigrationsdienst"),
)
MAX_LINKED = 2  # offers named per relation: the nearest ones

# Offers whose staff are women: women's counselling and shelter, midwives, Babylotsinnen,
# Kita-Lotsinnen, a girls' group, a German course for women.
WOMEN_STAFF: frozenset[str] = frozenset({
    "frauenberatung", "frauenhaus", "hebammenhilfe", "hebammensprechstunde",
    "geburtsvorbereitung", "stillcafe", "familienhebamme", "babylotsen", "kita_einstieg",
    "maedchentreff", "deutschkurs_frauen",
})

ASSURED_FIRST = dt.date(2025, 6, 1)
ASSURED_LAST = dt.date(2026, 11, 15)
PUBLISHED = dt.date(2026, 11, 20)
# Share of machine-translated texts per language: the common languages are mostly translated
# by people, the rarer ones more often by machine; Leichte Sprache is always written by people.
MACHINE_SHARE: dict[str, float] = {
    "en": 0.04, "tr": 0.08, "ar": 0.08, "fa": 0.12, "uk": 0.08, "ru": 0.12, "pl": 0.2,
    "ro": 0.25, "ku": 0.35, "ti": 0.4, "de-x-easy": 0.0,
}
OUTDATED_SHARE = 0.03
OUTDATED_SHARE_RECENT = 0.25  # German text changed in the last 60 days before publication
BARRIER_FREE_SHARE = 0.55
SECOND_CONTACT_SHARE = 0.25
GENERAL_LANGS = ("en", "tr", "ar", "uk", "ru", "fa", "pl", "ro")
MIGRATION_LANGS = ("ar", "fa", "uk", "tr", "ru", "ku", "ti", "en", "ro", "pl")
PHONE_LABELS = {"consult": "Terminvereinbarung", "course": "Anmeldung", "care": "Kita-Büro",
                "holiday": "Anmeldung", "training": "Geschäftsstelle", "office": "Servicetelefon",
                "after_hours": "Notdienst (Beispielnummer)", "always": "Aufnahme, rund um die Uhr"}
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


def _phrase_translations(texts: tuple[str, ...], field_name: str) -> dict[str, dict[str, str]]:
    """A phrase's translations (the tuple's languages follow ``LANGS``, German first)."""
    return {lang: {field_name: text} for lang, text in zip(LANGS[1:], texts[1:], strict=False)}


def _town(name: str) -> Town:
    town = town_by_name(name)
    assert town is not None, name
    return town


def _describe(kind: str, town: str) -> tuple[str, str]:
    """A town provider's description (de, en) from its kind."""
    german, english = providers.KIND_DESCRIPTIONS[kind]
    return german.format(town=town), english.format(town=town)


def _check_templates() -> None:
    for template in TEMPLATES:
        key = template["key"]
        allowed, _ = providers.KINDS[template["kind"]]
        unknown = ([t for t in template["topics"] if t not in topics.TOPIC_IDS]
                   + [g for g in template["groups"] if g not in TARGET_GROUPS]
                   + [p for p in template["phases"] if p not in LIFE_PHASES])
        if unknown:
            raise ValueError(f"template {key} uses unknown codes: {unknown}")
        if not set(template["topics"]) <= allowed:
            raise ValueError(f"template {key}: a {template['kind']} does not offer "
                             f"{sorted(set(template['topics']) - allowed)}")
        if len(template["de"]) != 3 or len(template["en"]) != 3:
            raise ValueError(f"template {key} lacks German or English texts")
        for lang in TRANSLATION_LANGS:
            if lang in template and len(template[lang]) < 2:
                raise ValueError(f"template {key}: {lang} needs title and summary")
    if len(BY_KEY) != len(TEMPLATES):
        raise ValueError("duplicate template keys")


def kind_of(name: str) -> str:
    """The provider kind a name shows (first pattern of ``providers.KINDS`` that matches)."""
    for kind, (_, pattern) in providers.KINDS.items():
        if re.search(pattern, name):
            return kind
    raise ValueError(f"provider name shows no kind: {name}")


class Spec:
    """One offer to write: which template, by whom, where, with which place or name filled in.

    A plain class, not a dataclass: the tests load this script with importlib, outside
    ``sys.modules``, where dataclasses cannot resolve their module.
    """

    def __init__(self, home: str, template: dict, org: dict[str, Any],
                 locations: list[dict[str, Any]], place: str, name: str | None) -> None:
        self.home = home  # the town whose id series the offer belongs to
        self.template = template
        self.org = org
        self.locations = locations
        self.place = place
        self.name = name
        self.drop_langs: set[str] = set()


class Builder:
    """Collects providers, locations and offer specs, then writes the offers town by town."""

    def __init__(self) -> None:
        self.organizations: dict[str, dict[str, Any]] = {}
        self.locations: list[dict[str, Any]] = []
        self.location_keys: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.specs: list[Spec] = []
        self.next_phone = {town.name: 100 for town in TOWNS}
        self.next_location = {town.name: 1 for town in TOWNS}

    # -- records -----------------------------------------------------------------------------

    def phone(self, town: str) -> str:
        number = self.next_phone[town]
        self.next_phone[town] += 1
        return f"{providers.AREA_CODES[town]} 000-{number}"

    def organization(self, org_id: str, kind: str, name: str, description: tuple[str, str],
                     town: str, website: str | None = None, email: str | None = None,
                     phones: tuple[tuple[str, str], ...] | None = None) -> dict[str, Any]:
        if kind_of(name) != kind:
            raise ValueError(f"{name} does not read as a {kind}")
        short = slug(name.replace("(Beispiel)", "").removesuffix(" e. V.")
                     .removesuffix(" gGmbH"))
        if phones is None:
            phone_rows = [{"id": f"ph-{org_id}", "number": self.phone(town),
                           "description": "Zentrale"}]
            website = website or f"https://example.org/{short}"
            email = email or f"info@{short}.example.org"
        else:
            phone_rows = [{"id": f"ph-{org_id}-{index}", "number": number, "description": label}
                          for index, (number, label) in enumerate(phones, start=1)]
        org = {
            "id": org_id, "name": name, "description": description[0],
            "email": email, "website": website, "phones": phone_rows,
            "translations": {"en": {"description": description[1]}},
        }
        self.organizations[org_id] = org
        return org

    def location(self, org: dict[str, Any], town_name: str, district: str, name: tuple[str, str],
                 visit: bool = True, secret: bool = False) -> dict[str, Any]:
        key = (org["id"], town_name, name[0])
        if key in self.location_keys:
            return self.location_keys[key]
        town = _town(town_name)
        number = self.next_location[town.name]
        self.next_location[town.name] += 1
        loc_id = f"loc-{slug(town.name)}-{number:03d}"
        r = _rng("location", loc_id)
        if not visit:
            barrier_free, access = True, (phrases.SECRET_ADDRESS if secret else phrases.BY_PHONE)
        else:
            barrier_free = r.random() < BARRIER_FREE_SHARE
            access = r.choice(phrases.ACCESSIBLE if barrier_free else phrases.NOT_ACCESSIBLE)
        location = {
            "id": loc_id, "organization_id": org["id"], "name": name[0],
            "street": f"{r.choice(names.STREETS)} {r.randint(1, 48)}" if visit else None,
            "postcode": town.postcodes[0], "town": town.name, "district": district,
            "latitude": round(town.latitude + (r.uniform(-0.012, 0.012) if visit else 0), 5),
            "longitude": round(town.longitude + (r.uniform(-0.018, 0.018) if visit else 0), 5),
            "barrier_free": barrier_free,
            "accessibility": [{"id": f"acc-{slug(town.name)}-{number:03d}",
                               "description": access[0],
                               "translations": _phrase_translations(access, "description")}],
            "translations": {"en": {"name": name[1]}},
        }
        self.locations.append(location)
        self.location_keys[key] = location
        return location

    def add(self, home: str, key: str, org: dict[str, Any], locations: list[dict[str, Any]],
            place: str, name: str | None = None) -> None:
        self.specs.append(Spec(home, BY_KEY[key], org, locations, place, name))

    # -- providers ---------------------------------------------------------------------------

    def add_helplines(self) -> None:
        first = TOWNS[0].name
        orgs = {}
        for org_key, data in templates_crisis.HELPLINE_ORGS.items():
            orgs[org_key] = self.organization(
                f"org-bund-{org_key}", "helpline", data["name"], data["description"], first,
                website=data["website"], phones=data["phones"])
        for template in templates_crisis.TEMPLATES:
            if template["kind"] != "helpline":
                continue
            org = orgs[template["org"]]
            places = [self.location(org, town.name, town.districts[0],
                                    ("Telefonberatung, bundesweit erreichbar",
                                     "Telephone counselling, available nationwide"), visit=False)
                      for town in TOWNS]
            self.add("Coesfeld", template["key"], org, places, "")

    def add_district(self) -> None:
        for org_key, data in providers.DISTRICT.items():
            hubs = data["hubs"]
            served = data.get("serves") or data.get("area") or tuple(t.name for t in TOWNS)
            org = self.organization(f"org-kreis-{org_key}", data["kind"], data["name"],
                                    data["description"], hubs[0])
            for key in data["templates"]:
                self.add_district_template(org, data, key, hubs, served)
            for key in data.get("per_town", ()):
                for town in served:
                    place = self.district_place(org, data, town, hubs)
                    district = place["district"]
                    self.add(town, key, org, [place], district)

    def district_place(self, org: dict[str, Any], data: dict, town: str,
                       hubs: tuple[str, ...]) -> dict[str, Any]:
        main = _town(town).districts[0]
        at_office = town in hubs or "outreach" not in data
        pattern = data["office"] if at_office else data["outreach"]
        return self.location(org, town, main, (pattern[0].format(town=town),
                                               pattern[1].format(town=town)))

    def add_district_template(self, org: dict[str, Any], data: dict, key: str,
                              hubs: tuple[str, ...], served: tuple[str, ...]) -> None:
        hubs = tuple(hub for hub in hubs if hub in ONLY_HUBS.get(key, hubs)) or hubs[:1]
        if key in EVERY_TOWN:  # one offer, reached by phone from every town it serves
            secret = key == "frauenhaus"
            name = (("Frauenhaus – Aufnahme über das Telefon",
                     "Women's shelter – admission by phone") if secret
                    else ("Notdienst – telefonisch erreichbar",
                          "Emergency service – reachable by phone"))
            places = [self.location(org, town, _town(town).districts[0], name, visit=False,
                                    secret=secret) for town in served]
            self.add(places[0]["town"], key, org, places, hubs[0])
            return
        catchment: dict[str, list[str]] = {hub: [] for hub in hubs}
        for town in served:
            if town in hubs:
                continue
            here = _town(town)
            nearest = min(hubs, key=lambda hub: distance_km(
                here.latitude, here.longitude, _town(hub).latitude, _town(hub).longitude))
            catchment[nearest].append(town)
        groups = [[hub] if hub in served else [] for hub in hubs]
        for group, hub in zip(groups, hubs, strict=True):
            if key in OUTREACH or not group:
                group += catchment[hub] if key in OUTREACH else catchment[hub][:1]
        if key in CENTRAL:
            groups = [[town for group in groups for town in group]]
        for towns, hub in zip(groups, hubs, strict=False):
            if not towns:
                continue
            if key == "babylotsen":
                clinic = (f"Geburtsklinik {hub} (Beispiel) – Büro der Babylotsen",
                          f"Maternity clinic {hub} (example) – baby guides' office")
                places = [self.location(org, hub, _town(hub).districts[0], clinic)]
            else:
                places = [self.district_place(org, data, town, hubs) for town in towns]
            self.add(towns[0], key, org, places, hub)

    def add_town(self, town: Town) -> None:
        """The town's own providers; how many grows with the population."""
        name = town.name
        people = providers.POPULATION[name]
        own = providers.TOWN_PROVIDERS[name]
        r = _rng("town", name)
        orgs: dict[str, list[dict[str, Any]]] = {}
        for kind, org_names in own.items():
            orgs[kind] = []
            for index, org_name in enumerate(org_names, start=1):
                orgs[kind].append(self.organization(
                    f"org-{slug(name)}-{kind.replace('_', '-')}-{index}", kind, org_name,
                    _describe(kind, name), name))
        districts = list(town.districts)
        main = districts[0]

        def spread(count: int) -> list[str]:
            """Ortsteile for ``count`` places: the main one first, then the others in turn."""
            return [districts[index % len(districts)] for index in range(count)]

        def place(org: dict[str, Any], kind: str, district: str) -> dict[str, Any]:
            pattern = providers.KIND_PLACES[kind]
            return self.location(org, name, district, (pattern[0].format(district=district),
                                                       pattern[1].format(district=district)))

        # Kitas and family centres.
        kita_names = list(names.KITA_NAMES)
        r.shuffle(kita_names)
        kita_count = max(2, round(people / 7))
        providers_ = orgs["kita_provider"]
        centres = 2 if people >= 30 else 1
        language_support = 1 + int(people // 20)
        for index, district in enumerate(spread(kita_count)):
            kita = kita_names[index]
            org = providers_[index % len(providers_)]
            where = self.location(org, name, district, (f"Kita {kita}",
                                                        f"Kita {kita} (day-care centre)"))
            key = "kita_familienzentrum" if index < centres else "kita"
            self.add(name, key, org, [where], district, kita)
            if index < language_support:
                self.add(name, "sprachfoerderung_kita", org, [where], district, kita)
            if index == 0 and people >= 15:
                self.add(name, "sprachcafe_familienzentrum", org, [where], district, kita)
            if index == 0 and people >= 11.5:
                self.add(name, "hebammensprechstunde", org, [where], district, kita)

        # Schools: primary schools by Ortsteil, one secondary school, a vocational college.
        school_count = max(1, round(people / 12))
        for index in range(school_count):
            district = districts[index] if index < len(districts) else main
            label = district if index < len(districts) else f"{name}-{('Nord', 'Süd')[index % 2]}"
            school_name = f"Grundschule {label}"
            org = self.organization(f"org-{slug(name)}-school-{index + 1}", "school",
                                    f"{school_name} (Beispiel)",
                                    _describe("school", name), name)
            where = self.location(org, name, district,
                                  (school_name, f"{school_name} (primary school)"))
            self.add(name, "ssa_grundschule", org, [where], label)
            self.add(name, "ogs", org, [where], label, school_name)
        secondary = f"{'Gesamtschule' if people >= 20 else 'Sekundarschule'} {name}"
        org = self.organization(f"org-{slug(name)}-school-secondary", "school",
                                f"{secondary} (Beispiel)",
                                _describe("school", name), name)
        where = self.location(org, name, main, (secondary, f"{secondary} (secondary school)"))
        self.add(name, "ssa_sekundarstufe", org, [where], main)
        self.add(name, "berufsorientierung", org, [where], main)
        if people >= 25:
            college = f"Berufskolleg {name}"
            org = self.organization(f"org-{slug(name)}-school-college", "school",
                                    f"{college} (Beispiel)",
                                    _describe("school", name), name)
            where = self.location(org, name, main, (college, f"{college} (vocational college)"))
            self.add(name, "internationale_foerderklasse", org, [where], main)

        # The library.
        library = f"{'Stadtbücherei' if name in providers.CITIES else 'Gemeindebücherei'} {name}"
        org = self.organization(f"org-{slug(name)}-library", "library", f"{library} (Beispiel)",
                                _describe("library", name), name)
        where = self.location(org, name, main, (library, f"{library} (public library)"))
        self.add(name, "vorlesestunde", org, [where], name)
        self.add(name, "lesestart", org, [where], name, library)

        # Sports clubs: each offer goes to the club whose name fits best.
        clubs = orgs["sports_club"]

        def club(word: str) -> dict[str, Any]:
            return next((c for c in clubs if word in c["name"]), clubs[0])

        sport = [("fussball_fuer_alle", "Sport"), ("kinderturnen", "Turn")]
        if people >= 15:
            sport.append(("babyschwimmen", "Schwimm"))
        if people >= 20:
            sport.append(("inklusiver_sport", "Sport"))
        for index, (key, word) in enumerate(sport):
            org = club(word)
            self.add(name, key, org, [place(org, "sports_club", spread(len(sport))[index])],
                     main)

        # Volunteer initiatives.
        helpers = orgs["volunteer"]
        duties = ["sprachcafe", "integrationslotsen", "hausaufgabenhilfe"]
        if people >= 11:
            duties.append("familienpaten")
        if people >= 15:
            duties.append("ausbildungspaten")
        if people >= 25:
            duties.append("ehrenamtsboerse")
        for index, key in enumerate(duties):
            org = helpers[index % len(helpers)]
            district = spread(len(duties))[index]
            self.add(name, key, org, [place(org, "volunteer", district)], district)

        # Midwives: each offers care; courses and the breastfeeding café are shared out.
        midwives = orgs["midwife"]
        extras = ["geburtsvorbereitung", "stillcafe"] if people >= 12 else ["geburtsvorbereitung"]
        for index, org in enumerate(midwives):
            district = spread(len(midwives))[index]
            where = place(org, "midwife", district)
            self.add(name, "hebammenhilfe", org, [where], district)
            for key in extras[index::len(midwives)]:
                self.add(name, key, org, [where], district)

        # Open youth work and youth vocational support.
        youth = orgs["youth_work"][0]
        work = ["jugendzentrum", "bewerbungstraining"]
        if people >= 11:
            work.append("ferienfreizeit")
        if people >= 12:
            work.append("kindertreff")
        if people >= 15:
            work.append("ausbildungsberatung")
        if people >= 20:
            work.append("maedchentreff")
        if people >= 30:
            work += ["theaterwerkstatt", "jugendleiterausbildung"]
        for key in work:
            self.add(name, key, youth, [place(youth, "youth_work", main)], main)

    # -- gaps and offers ---------------------------------------------------------------------

    def apply_gaps(self) -> None:
        """Take the documented gaps out: drop the language or the town's places."""
        kept = []
        for spec in self.specs:
            for town, topic, lang in GAPS:
                if topic not in spec.template["topics"]:
                    continue
                if not any(loc["town"] == town for loc in spec.locations):
                    continue
                if lang is not None:
                    spec.drop_langs.add(lang)
                    continue
                spec.locations = [loc for loc in spec.locations if loc["town"] != town]
            if spec.locations:
                kept.append(spec)
        self.specs = kept

    def offers(self) -> list[dict[str, Any]]:
        result = []
        keys: list[str] = []
        for town in TOWNS:
            number = 0
            for spec in self.specs:
                if spec.home == town.name:
                    number += 1
                    result.append(self.offer(town, number, spec))
                    keys.append(spec.template["key"])
        link_offers(result, keys, {loc["id"]: loc["town"] for loc in self.locations})
        return result

    def offer(self, town: Town, number: int, spec: Spec) -> dict[str, Any]:
        template, org, locations = spec.template, spec.org, spec.locations
        town_slug = slug(town.name)
        stem = f"{town_slug}-{number:04d}"
        offer_id = f"off-{stem}"
        r = _rng("offer", offer_id, template["key"])
        helpline = template["kind"] == "helpline"

        def fill(text: str) -> str:
            return text.replace("{place}", spec.place).replace("{name}", spec.name or "")

        title, summary, description = (fill(text) for text in template["de"])
        contacts = []
        if template["contact"]:
            pool = names.PEOPLE
            if template["key"] in WOMEN_STAFF:
                pool = [person for person in pool if person[0] in names.WOMEN]
            people = r.sample(pool, 2)
            for index in range(1 + (r.random() < SECOND_CONTACT_SHARE)):
                first, last = people[index]
                contacts.append({
                    "id": f"ct-{stem}-{index + 1}", "name": f"{first} {last}",
                    "title": template["contact"],
                    "email": f"{slug(first)[0]}.{slug(last)}@example.org",
                    "phones": [{"id": f"ph-ct-{stem}-{index + 1}",
                                "number": self.phone(town.name)}],
                })
        schedules = []
        if helpline:
            chosen = template["schedule"]
        else:
            (fewest, most), slots = phrases.SCHEDULE_PATTERNS[template["times"]]
            chosen = sorted(r.sample(slots, r.randint(fewest, min(most, len(slots)))),
                            key=slots.index)
        for index, (byday, opens, closes, text_key) in enumerate(chosen):
            texts = phrases.SCHEDULE_TEXTS[text_key] if text_key else None
            schedules.append({
                "id": f"sc-{stem}-{index + 1}", "byday": byday, "opens_at": opens,
                "closes_at": closes, "description": texts[0] if texts else None,
                "location_id": (locations[index % len(locations)]["id"]
                                if 1 < len(locations) <= 3 else None),
                "translations": _phrase_translations(texts, "description") if texts else {},
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
        if helpline:
            extra = list(template["fixed_langs"])
        else:
            fewest, most = template["langs"]
            pool = MIGRATION_LANGS if fewest >= 2 else GENERAL_LANGS
            extra = r.sample(pool, r.randint(fewest, most))
        extra = [lang for lang in extra if lang not in spec.drop_langs]
        languages = ["de", *sorted(extra, key=OFFER_LANGUAGES.index)]
        span = (ASSURED_LAST - ASSURED_FIRST).days
        assured = ASSURED_FIRST + dt.timedelta(days=max(r.randint(0, span), r.randint(0, span)))
        clock = dt.time(r.randint(7, 17), r.choice((0, 15, 30, 45)))
        modified = dt.datetime.combine(assured, clock) - dt.timedelta(days=r.randint(0, 90))
        recent = (PUBLISHED - modified.date()).days <= 60
        translations = {}
        for lang in TRANSLATION_LANGS:
            if lang not in template:
                continue
            entry: dict[str, Any] = {"title": fill(template[lang][0]),
                                     "summary": fill(template[lang][1])}
            if lang == "en":
                entry["description"] = fill(template["en"][2])
            index = LANGS.index(lang)
            if index < len(cost_texts) and index < len(apply_texts):
                entry["cost"] = cost_texts[index]
                entry["application_process"] = apply_texts[index]
            entry["machine_translated"] = (not helpline
                                           and r.random() < MACHINE_SHARE[lang])
            entry["outdated"] = r.random() < (OUTDATED_SHARE_RECENT if recent
                                              else OUTDATED_SHARE)
            translations[lang] = entry
        key_slug = slug(template["key"])
        detail = slug(spec.name or spec.place or town.name)
        min_age, max_age = template["ages"]
        if helpline:
            url, email = template["url"], None
            phones = [{"id": f"ph-off-{stem}-{index}", "number": number_, "description": label}
                      for index, (number_, label) in enumerate(template["phones"], start=1)]
        else:
            url = f"{org['website']}/{key_slug}-{detail}"
            email = f"{key_slug}.{town_slug}@example.org"
            phones = [{"id": f"ph-off-{stem}", "number": self.phone(town.name),
                       "description": PHONE_LABELS.get(template["times"], "Zentrale")}]
        return {
            "id": offer_id, "organization_id": org["id"],
            "title": title, "summary": summary, "description": description,
            "url": url, "email": email, "status": "active",
            "min_age": min_age, "max_age": max_age, "pregnancy": template["pregnancy"],
            "free": free, "cost": cost_texts[0], "cost_options": cost_options,
            "application_process": apply_texts[0],
            "languages": languages, "topics": list(template["topics"]),
            "target_groups": list(template["groups"]), "life_phases": list(template["phases"]),
            "location_ids": [location["id"] for location in locations],
            "contacts": contacts, "phones": phones, "schedules": schedules,
            "accompanies": ACCOMPANYING_TOPIC in template["topics"],
            "assured_date": assured.isoformat(),
            "last_modified": modified.strftime("%Y-%m-%dT%H:%M:00Z"),
            "translations": translations,
        }


def link_offers(offers: list[dict[str, Any]], keys: list[str],
                location_towns: dict[str, str]) -> None:
    """Fill ``follow_ups`` and ``partners`` from :data:`CHAINS` and :data:`PARTNERS`: each
    offer names the offers of the related template that reach one of its towns (its home
    town's first), at most :data:`MAX_LINKED`."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for offer, key in zip(offers, keys, strict=True):
        by_key.setdefault(key, []).append(offer)
    towns_of = {offer["id"]: [location_towns[loc] for loc in offer["location_ids"]]
                for offer in offers}

    def reaching(offer: dict[str, Any], key: str) -> list[str]:
        towns = towns_of[offer["id"]]
        home = towns[0] if towns else None
        found = [other for other in by_key.get(key, ())
                 if other["id"] != offer["id"] and set(towns_of[other["id"]]) & set(towns)]
        found.sort(key=lambda other: home not in towns_of[other["id"]])  # stable: home first
        return [other["id"] for other in found[:MAX_LINKED]]

    for chain in CHAINS:
        for key, following in itertools.pairwise(chain):
            for offer in by_key.get(key, ()):
                offer.setdefault("follow_ups", []).extend(reaching(offer, following))
    for first, second in PARTNERS:
        for key, other in ((first, second), (second, first)):
            for offer in by_key.get(key, ()):
                offer.setdefault("partners", []).extend(reaching(offer, other))
    for offer in offers:
        for field in ("follow_ups", "partners"):
            named = list(dict.fromkeys(offer.pop(field, ())))
            if named:
                offer[field] = named


def build_document() -> dict[str, Any]:
    """The whole demo directory as a JSON-ready dict (same result on every call)."""
    _check_templates()
    builder = Builder()
    builder.add_helplines()
    builder.add_district()
    for town in TOWNS:
        builder.add_town(town)
    builder.apply_gaps()
    offers = builder.offers()
    # courses and events with dates, at providers and places of the generated directory
    offers += courses.course_offers(ASSURED_LAST.isoformat(),
                                    f"{ASSURED_LAST.isoformat()}T08:00:00Z")
    used_orgs = {offer["organization_id"] for offer in offers}
    used_locations = {loc for offer in offers for loc in offer["location_ids"]}
    return {
        **HEADER,
        "topics": [{"id": topic_id, "name": texts[0], "parent_id": None,
                    "translations": _phrase_translations(texts, "name")}
                   for topic_id, texts in topics.TOPICS],
        "organizations": [org for org in builder.organizations.values()
                          if org["id"] in used_orgs],
        "locations": [loc for loc in builder.locations if loc["id"] in used_locations],
        "offers": offers,
    }


def main(output_path: Path | str | None = None) -> Path:
    """Write the demo directory to ``output_path`` (default: the bundled resource)."""
    target = Path(output_path) if output_path is not None else DEFAULT_OUTPUT
    document = build_document()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(document, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    return target


if __name__ == "__main__":
    written = main(sys.argv[1] if len(sys.argv) > 1 else None)
    print(f"wrote {written}")
