"""The topic taxonomy of the demo directory: id and name in PHRASE_LANGS order."""

TOPICS: list[tuple[str, tuple[str, ...]]] = [
    ("early_help", (
        "Frühe Hilfen", "Early help", "Erken destek", "المساعدة المبكرة",
        "کمک‌های زودهنگام", "Рання допомога", "Ранняя помощь")),
    ("family_centre", (
        "Familienzentrum", "Family centre", "Aile merkezi", "مركز الأسرة",
        "مرکز خانواده", "Сімейний центр", "Семейный центр")),
    ("parenting_advice", (
        "Erziehungsberatung", "Parenting advice", "Ebeveyn danışmanlığı",
        "الاستشارات التربوية", "مشاوره تربیتی",
        "Консультації з питань виховання", "Консультации по вопросам воспитания")),
    ("pregnancy_advice", (
        "Schwangerschaftsberatung", "Pregnancy counselling", "Hamilelik danışmanlığı",
        "استشارات الحمل", "مشاوره بارداری",
        "Консультації для вагітних", "Консультации для беременных")),
    ("daycare", (
        "Kindertagesbetreuung", "Childcare and day care", "Çocuk gündüz bakımı",
        "رعاية الأطفال النهارية", "مهدکودک و نگهداری روزانه کودکان",
        "Денний догляд за дітьми", "Дневной уход за детьми")),
    ("youth_centre", (
        "Offene Kinder- und Jugendarbeit", "Open youth work",
        "Açık çocuk ve gençlik çalışması", "العمل المفتوح مع الأطفال والشباب",
        "کار باز با کودکان و نوجوانان", "Відкрита робота з дітьми та молоддю",
        "Открытая работа с детьми и молодёжью")),
    ("school_social_work", (
        "Schulsozialarbeit", "School social work", "Okul sosyal hizmeti",
        "العمل الاجتماعي المدرسي", "مددکاری اجتماعی در مدرسه",
        "Шкільна соціальна робота", "Школьная социальная работа")),
    ("language_course", (
        "Sprachkurs", "Language course", "Dil kursu", "دورة لغة", "کلاس زبان",
        "Мовний курс", "Языковой курс")),
    ("language_cafe", (
        "Sprachcafé", "Language café", "Dil kafesi", "مقهى اللغة", "کافه زبان",
        "Мовне кафе", "Языковое кафе")),
    ("integration_advice", (
        "Integrations- und Migrationsberatung", "Integration and migration advice",
        "Uyum ve göç danışmanlığı", "استشارات الاندماج والهجرة",
        "مشاوره ادغام و مهاجرت", "Консультації з питань інтеграції та міграції",
        "Консультации по вопросам интеграции и миграции")),
    ("youth_migration_service", (
        "Jugendmigrationsdienst", "Youth migration service", "Gençlik göç hizmeti",
        "خدمة هجرة الشباب", "خدمات مهاجرت جوانان",
        "Молодіжна міграційна служба", "Молодёжная миграционная служба")),
    ("school_to_job", (
        "Übergang Schule–Beruf", "Transition from school to work", "Okuldan mesleğe geçiş",
        "الانتقال من المدرسة إلى العمل", "گذار از مدرسه به شغل",
        "Перехід від школи до професії", "Переход от школы к профессии")),
    ("debt_advice", (
        "Schuldnerberatung", "Debt advice", "Borç danışmanlığı", "استشارات الديون",
        "مشاوره بدهی", "Консультації щодо боргів", "Консультации по долгам")),
    ("addiction_advice", (
        "Suchtberatung", "Addiction counselling", "Bağımlılık danışmanlığı",
        "استشارات الإدمان", "مشاوره اعتیاد",
        "Консультації з питань залежності", "Консультации по вопросам зависимости")),
    ("health", (
        "Gesundheit", "Health", "Sağlık", "الصحة", "سلامت", "Здоров’я", "Здоровье")),
    ("disability", (
        "Inklusion und Behinderung", "Inclusion and disability",
        "Kapsayıcılık ve engellilik", "الدمج والإعاقة", "فراگیری و معلولیت",
        "Інклюзія та інвалідність", "Инклюзия и инвалидность")),
    ("sport", (
        "Sport", "Sport", "Spor", "الرياضة", "ورزش", "Спорт", "Спорт")),
    ("culture", (
        "Kultur", "Culture", "Kültür", "الثقافة", "فرهنگ", "Культура", "Культура")),
    ("volunteering", (
        "Ehrenamt", "Volunteering", "Gönüllülük", "العمل التطوعي", "کار داوطلبانه",
        "Волонтерство", "Волонтёрство")),
    ("learning", (
        "Schule und Lernen", "School and learning", "Okul ve öğrenme", "المدرسة والتعلّم",
        "مدرسه و یادگیری", "Школа та навчання", "Школа и учёба")),
    ("guides", (
        "Lotsen und Patenschaften", "Guides and mentors", "Rehberler ve gönüllü mentorlar",
        "المرشدون والرعاة المتطوعون", "راهنماها و حامیان داوطلب",
        "Лоцмани та наставники", "Лоцманы и наставники")),
    ("financial_support", (
        "Finanzielle Hilfen und Leistungen", "Financial help and benefits",
        "Maddi yardımlar ve sosyal yardımlar", "المساعدات المالية والإعانات",
        "کمک‌های مالی و مزایا", "Фінансова допомога та виплати",
        "Финансовая помощь и выплаты")),
    ("child_protection", (
        "Kinderschutz", "Child protection", "Çocuk koruma", "حماية الطفل", "حمایت از کودکان",
        "Захист дітей", "Защита детей")),
    ("violence_protection", (
        "Schutz vor Gewalt", "Protection from violence", "Şiddete karşı koruma",
        "الحماية من العنف", "محافظت در برابر خشونت", "Захист від насильства",
        "Защита от насилия")),
    ("crisis", (
        "Krisenhilfe", "Crisis help", "Kriz desteği", "المساعدة في الأزمات", "کمک در بحران",
        "Допомога в кризі", "Помощь в кризисе")),
]

TOPIC_IDS: tuple[str, ...] = tuple(topic_id for topic_id, _ in TOPICS)
