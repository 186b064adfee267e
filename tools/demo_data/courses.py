"""Courses and events with dates for the demo directory (issue #18 point 3).

Hand-written, fictional: a birth preparation course of eight Tuesday evenings, a German
course for parents with childcare (Mondays and Wednesdays, January to June) and a holiday
programme in the Christmas holidays. Each runs at a provider and place of the generated
directory (ids below; courses are numbered from 9001 in their town). Their schedules use the
HSDS rule fields (``freq``, ``byday``, ``count``, ``dtstart``, ``until``); the dates are
fixed, so the courses end like real ones and a newer demo directory brings new runs. Costs
and how to register are the recurring phrases of ``phrases`` (translated there); titles and
summaries are written here in every handout language (:data:`LANGS` order).
"""

from __future__ import annotations

from typing import Any

from demo_data import LANGS, phrases

COURSES: list[dict[str, Any]] = [
    {
        "id": "off-duelmen-9001", "organization_id": "org-duelmen-midwife-1",
        "location_ids": ["loc-duelmen-046"], "cost": "insurance", "apply": "registration",
        "contact": ("Hannah Brüning", "Hebamme", "h.bruening@example.org"),
        "phone": "02594 000-470",
        "email": "geburtsvorbereitung.duelmen@example.org",
        "min_age": None, "max_age": 0, "pregnancy": True,
        "languages": ["de", "en"], "topics": ["health", "early_help"],
        "target_groups": ["pregnant", "parents"], "life_phases": ["pregnancy"],
        "schedules": [{"byday": "TU", "opens_at": "18:30", "closes_at": "20:30",
                       "freq": "WEEKLY", "count": 8, "dtstart": "2027-01-12"}],
        "eligibility_description": "Schwangere ab der 25. Schwangerschaftswoche, gern mit "
                                   "Partnerin oder Partner",
        "required_documents": ["Mutterpass", "Versichertenkarte"],
        "wait_time": "Bitte bis vier Wochen vor Kursbeginn anmelden",
        "description": "Die Hebamme erklärt, was bei der Geburt passiert, und übt mit Ihnen "
                       "Atmung und Entspannung. Partnerin oder Partner sind an allen Abenden "
                       "willkommen.",
        "en_description": "The midwife explains what happens at the birth and practises "
                          "breathing and relaxing with you. Partners are welcome every "
                          "evening.",
        "texts": (
            ("Geburtsvorbereitungskurs für Paare",
             "Acht Abende zur Vorbereitung auf die Geburt: Atmung, Entspannung, Ablauf der "
             "Geburt und die ersten Tage mit dem Baby."),
            ("Birth preparation course for couples",
             "Eight evenings to prepare for the birth: breathing, relaxing, how a birth goes "
             "and the first days with the baby."),
            ("Çiftler için doğuma hazırlık kursu",
             "Doğuma hazırlık için sekiz akşam: nefes, gevşeme, doğumun seyri ve bebekle ilk "
             "günler."),
            ("دورة التحضير للولادة للأزواج",
             "ثماني أمسيات للتحضير للولادة: التنفس والاسترخاء ومراحل الولادة والأيام الأولى مع "
             "الطفل."),
            ("دوره آمادگی برای زایمان برای زوج‌ها",
             "هشت شب آمادگی برای زایمان: تنفس، آرامش، روند زایمان و نخستین روزها با نوزاد."),
            ("Курс підготовки до пологів для пар",
             "Вісім вечорів підготовки до пологів: дихання, розслаблення, перебіг пологів і "
             "перші дні з дитиною."),
            ("Курс подготовки к родам для пар",
             "Восемь вечеров подготовки к родам: дыхание, расслабление, ход родов и первые дни "
             "с малышом."),
            ("Szkoła rodzenia dla par",
             "Osiem wieczorów przygotowania do porodu: oddech, relaks, przebieg porodu i "
             "pierwsze dni z dzieckiem."),
            ("Curs de pregătire pentru naștere pentru cupluri",
             "Opt seri de pregătire pentru naștere: respirație, relaxare, desfășurarea nașterii "
             "și primele zile cu bebelușul."),
            ("Qursa amadekariya zayînê ji bo cotan",
             "Heşt êvar ji bo amadekariya zayînê: nefes, rihetbûn, çawa zayîn çêdibe û rojên "
             "pêşîn bi pitikê re."),
            ("ኮርስ ምድላው ሕርሲ ንመጻምድቲ",
             "ንሕርሲ ንምድላው ሸሞንተ ምሸታት፡ ምስትንፋስ፡ ምዝናይ፡ ከመይ ይኸይድ ሕርሲ፡ ምስ ሕፃን ዘለዉ "
             "ቀዳሞት መዓልታት።"),
            ("Kurs vor der Geburt",
             "Der Kurs ist an 8 Abenden. Sie lernen: So geht die Geburt. So atmen Sie richtig. "
             "Ihr Partner kann mitkommen."),
        ),
    },
    {
        "id": "off-duelmen-9002", "organization_id": "org-kreis-vhs-hohemark",
        "location_ids": ["loc-duelmen-020"], "cost": "integration", "apply": "registration",
        "contact": ("Leila Haddad", "Kursleitung Deutsch", "l.haddad@example.org"),
        "phone": "02594 000-220",
        "email": "deutsch-mit-kind.duelmen@example.org",
        "min_age": 0, "max_age": 6, "pregnancy": False,
        "languages": ["de", "tr", "ar", "uk"], "topics": ["language_course"],
        "target_groups": ["parents", "migrant_families"],
        "life_phases": ["age_0_3", "kindergarten"],
        "schedules": [{"byday": "MO,WE", "opens_at": "09:00", "closes_at": "11:30",
                       "freq": "WEEKLY", "dtstart": "2027-01-11", "until": "2027-06-30"}],
        "eligibility_description": "Eltern mit Kindern bis sechs Jahre; Einstufung vorab",
        "required_documents": ["Ausweis oder Aufenthaltstitel",
                               "Berechtigungsschein (wenn vorhanden)"],
        "interpretation_services": "Erklärung bei der Einstufung auf Arabisch und Ukrainisch",
        "wait_time": "Einstufungstermine etwa zwei Wochen im Voraus",
        "description": "Alltagsdeutsch für Eltern: Kita, Schule, Arzt und Behörden. Kinder bis "
                       "sechs Jahre werden im Nebenraum betreut.",
        "en_description": "Everyday German for parents: daycare, school, the doctor and the "
                          "authorities. Children up to six are looked after next door.",
        "texts": (
            ("Deutschkurs für Eltern mit Kinderbetreuung",
             "Deutsch lernen am Vormittag, während die Kinder nebenan betreut werden."),
            ("German course for parents with childcare",
             "Learn German in the morning while the children are looked after next door."),
            ("Çocuk bakımlı ebeveyn Almanca kursu",
             "Çocuklar yan odada bakılırken sabahları Almanca öğrenin."),
            ("دورة لغة ألمانية للآباء مع رعاية الأطفال",
             "تعلّم الألمانية في الصباح بينما يُعتنى بالأطفال في الغرفة المجاورة."),
            ("کلاس آلمانی برای والدین همراه با نگهداری کودک",
             "صبح‌ها آلمانی یاد بگیرید، در حالی که از کودکان در اتاق کناری نگهداری می‌شود."),
            ("Курс німецької для батьків із доглядом за дітьми",
             "Вивчайте німецьку зранку, поки діти під наглядом у сусідній кімнаті."),
            ("Курс немецкого для родителей с присмотром за детьми",
             "Учите немецкий утром, пока за детьми присматривают в соседней комнате."),
            ("Kurs niemieckiego dla rodziców z opieką nad dziećmi",
             "Nauka niemieckiego przed południem, a dzieci są pod opieką w sali obok."),
            ("Curs de germană pentru părinți, cu supravegherea copiilor",
             "Învățați germana dimineața, în timp ce copiii sunt supravegheați în camera "
             "alăturată."),
            ("Qursa almanî ji bo dêûbavan bi lênêrîna zarokan",
             "Serê sibê almanî hîn bibin, dema ku li zarokan li odeya cîran tê nêrîn."),
            ("ኮርስ ጀርመንኛ ንወለዲ ምስ ክንክን ቆልዑ",
             "ቆልዑ ኣብቲ ጎኒ ዘሎ ክፍሊ ክንክን ክግበረሎም ከለዉ፡ ንግሆ ጀርመንኛ ተማሃሩ።"),
            ("Deutsch lernen mit Kinder-Betreuung",
             "Sie lernen am Vormittag Deutsch. Ihre Kinder spielen im Raum neben an. Dort "
             "passt jemand auf."),
        ),
    },
    {
        "id": "off-luedinghausen-9001", "organization_id": "org-luedinghausen-youth-work-1",
        "location_ids": ["loc-luedinghausen-037"], "cost": None, "apply": "registration",
        "contact": ("Markus Hüging", "Jugendhaus-Leitung", "m.hueging@example.org"),
        "phone": "02591 000-377",
        "email": "ferienprogramm.luedinghausen@example.org",
        "min_age": 6, "max_age": 12, "pregnancy": False,
        "languages": ["de", "ar"], "topics": ["youth_centre", "culture"],
        "target_groups": ["children"], "life_phases": ["primary_school"],
        "schedules": [{"byday": "MO,TU,WE,TH,FR", "opens_at": "10:00", "closes_at": "14:00",
                       "freq": "DAILY", "dtstart": "2026-12-28", "until": "2027-01-05"}],
        "required_documents": ["Anmeldebogen mit Notfallnummer"],
        "description": "An den Werktagen der Weihnachtsferien, mit Mittagessen. Die Plätze sind "
                       "begrenzt; Geschwister kommen gemeinsam in eine Gruppe.",
        "en_description": "On the weekdays of the Christmas holidays, lunch included. Places "
                          "are limited; brothers and sisters stay in one group.",
        "texts": (
            ("Ferienprogramm in den Weihnachtsferien",
             "Basteln, Backen, Spiele und ein Ausflug zur Eisbahn für Kinder von 6 bis 12 "
             "Jahren."),
            ("Christmas holiday programme",
             "Crafts, baking, games and a trip to the ice rink for children aged 6 to 12."),
            ("Noel tatili programı",
             "6-12 yaş çocuklar için el işi, pasta yapımı, oyunlar ve buz pateni gezisi."),
            ("برنامج عطلة عيد الميلاد",
             "أشغال يدوية وخَبز وألعاب ورحلة إلى حلبة التزلج للأطفال من 6 إلى 12 سنة."),
            ("برنامج تعطیلات کریسمس",
             "کاردستی، شیرینی‌پزی، بازی و گردش به پیست اسکیت برای کودکان ۶ تا ۱۲ ساله."),
            ("Програма на різдвяні канікули",
             "Рукоділля, випічка, ігри та похід на ковзанку для дітей від 6 до 12 років."),
            ("Программа на рождественские каникулы",
             "Поделки, выпечка, игры и поездка на каток для детей от 6 до 12 лет."),
            ("Program na ferie świąteczne",
             "Prace plastyczne, pieczenie, gry i wyjście na lodowisko dla dzieci od 6 do 12 "
             "lat."),
            ("Program pentru vacanța de Crăciun",
             "Lucru manual, copt, jocuri și o excursie la patinoar pentru copii între 6 și 12 "
             "ani."),
            ("Bernameya betlaneya Sersalê",
             "Destkarî, nanpêjî, lîstik û gerek berbi qada cemedê ji bo zarokên 6 heta 12 "
             "salî."),
            ("መደብ ዕረፍቲ ልደት",
             "ንቆልዑ ካብ 6 ክሳብ 12 ዓመት ኢድ ስራሕ፡ ምስንካት፡ ጸወታታትን ናብ ቦታ በረድ ምንሻፍ "
             "ምብጻሕን።"),
            ("Ferien-Programm im Winter",
             "Für Kinder von 6 bis 12 Jahren. Wir basteln und backen. Wir spielen. Wir gehen "
             "Eis-Laufen."),
        ),
    },
]


def course_offers(assured_date: str, modified: str) -> list[dict[str, Any]]:
    """The courses as offers of the directory document."""
    offers = []
    for course in COURSES:
        stem = course["id"].removeprefix("off-")
        texts = course["texts"]
        if course["cost"] is None:
            cost_texts, cost_options = phrases.FREE_TEXT, []
        else:
            option, amount, cost_texts = phrases.COSTS[course["cost"]]
            cost_options = [{"id": f"co-{stem}", "option": option, "amount": amount,
                             "currency": "EUR"}]
        apply_texts = phrases.APPLICATION[course["apply"]]
        translations = {}
        for index, lang in enumerate(LANGS[1:], start=1):
            entry = {"title": texts[index][0], "summary": texts[index][1],
                     "cost": cost_texts[index], "application_process": apply_texts[index],
                     "machine_translated": False, "outdated": False}
            if lang == "en":
                entry["description"] = course["en_description"]
            translations[lang] = entry
        name, role, address = course["contact"]
        offers.append({
            "id": course["id"], "organization_id": course["organization_id"],
            "title": texts[0][0], "summary": texts[0][1], "description": course["description"],
            "url": f"https://example.org/kurse/{stem}", "email": course["email"],
            "status": "active", "min_age": course["min_age"], "max_age": course["max_age"],
            "pregnancy": course["pregnancy"], "free": course["cost"] is None,
            "cost": cost_texts[0], "cost_options": cost_options,
            "application_process": apply_texts[0], "languages": course["languages"],
            "topics": course["topics"], "target_groups": course["target_groups"],
            "life_phases": course["life_phases"], "location_ids": course["location_ids"],
            "contacts": [{"id": f"ct-{stem}-1", "name": name, "title": role,
                          "email": address,
                          "phones": [{"id": f"ph-ct-{stem}-1", "number": course["phone"]}]}],
            "phones": [{"id": f"ph-off-{stem}", "number": course["phone"],
                        "description": "Anmeldung"}],
            "schedules": [{"id": f"sc-{stem}-{index}", "description": None,
                           "location_id": None, "translations": {}, **schedule}
                          for index, schedule in enumerate(course["schedules"], 1)],
            **{key: course[key] for key in ("eligibility_description", "required_documents",
                                            "interpretation_services", "wait_time")
               if key in course},
            "accompanies": False,
            "assured_date": assured_date, "last_modified": modified,
            "translations": translations,
        })
    return offers
