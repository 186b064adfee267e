"""A synthetic year of Anliegen for the demo directory, so the analysis shows something on
first start. Documented-synthetic: generated, never stored, shown only while the demo
directory is loaded, and every view and report of it says "Beispieldaten".

How it is made (deterministic, seed 2026): about 1,500 needs over the 52 weeks before today;
towns weighted by their size, stages by how often families ask at each age, topics from the
directory that some town offers at that stage; outcomes follow the directory - where the
family's town has no offer for the topic and stage the need is "kein passendes Angebot",
else mostly "passendes Angebot weitergegeben" with some "nicht erreichbar" (waiting lists in
the larger towns, distance in the smaller ones).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from coesfeld_desktop.domain.stages import STAGES
from coesfeld_desktop.needs.categories import iso_week
from coesfeld_desktop.needs.log import NeedRow

TOWN_WEIGHTS = {"Dülmen": 47, "Coesfeld": 36, "Lüdinghausen": 25, "Senden": 20, "Nottuln": 20,
                "Ascheberg": 15, "Olfen": 13, "Havixbeck": 12, "Billerbeck": 12,
                "Rosendahl": 11, "Nordkirchen": 10}
STAGE_WEIGHTS = {"pregnancy": 8, "age_0_3": 14, "kindergarten": 16, "primary_school": 12,
                 "secondary_school": 11, "school_to_job": 12, "young_adults": 6, "family": 21}
LANGUAGE_WEIGHTS = {"": 30, "de": 25, "ar": 12, "uk": 9, "tr": 8, "ru": 5, "fa": 4, "ti": 3,
                    "ku": 2, "ro": 1, "pl": 1}
SMALL_TOWNS = {"Rosendahl", "Nordkirchen", "Billerbeck", "Havixbeck", "Olfen"}
COUNT = 1500
SEED = 2026


def demo_rows(topics: Iterable[str], offered: set[tuple[str, str, str]], today: dt.date,
              count: int = COUNT, seed: int = SEED) -> list[NeedRow]:
    """``offered``: every (town, stage, topic) some offer of the directory covers."""
    rng = random.Random(seed)
    topic_list = sorted(topics)
    if not topic_list:
        return []
    # families ask for what the district offers at their child's stage somewhere
    asked: dict[str, list[str]] = {}
    for _town, stage, topic in sorted(offered):
        asked.setdefault(stage, [])
        if topic not in asked[stage]:
            asked[stage].append(topic)
    towns, town_w = zip(*TOWN_WEIGHTS.items(), strict=True)
    stages, stage_w = zip(*((s, STAGE_WEIGHTS[s]) for s in STAGES), strict=True)
    languages, language_w = zip(*LANGUAGE_WEIGHTS.items(), strict=True)
    rows = []
    for _ in range(count):
        town = rng.choices(towns, town_w)[0]
        stage = rng.choices(stages, stage_w)[0]
        topic = rng.choice(asked.get(stage) or topic_list)
        language = rng.choices(languages, language_w)[0]
        week = iso_week(today - dt.timedelta(days=rng.randrange(364)))
        reason = ""
        if (town, stage, topic) not in offered:
            outcome = "no_offer"
        elif rng.random() < (0.3 if town in SMALL_TOWNS else 0.18):
            outcome = "unreachable"
            reason = rng.choice(["distance", "distance", "times", "cost"] if town in SMALL_TOWNS
                                else ["waiting_list", "waiting_list", "language", "cost"])
        else:
            outcome = "referred"
        rows.append(NeedRow(week, town, stage, topic, language, outcome, reason))
    return rows
