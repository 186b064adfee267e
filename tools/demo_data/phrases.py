"""Short recurring texts: schedules, costs, how to register, accessibility, providers.

Multilingual tuples are in ``PHRASE_LANGS`` order (de, en, tr, ar, fa, uk, ru).
"""

# ruff: noqa: E501

SCHEDULE_TEXTS: dict[str, tuple[str, ...]] = {
    "open_consult": ("offene Sprechstunde", "open consultation hours", "açık danışma saati", "ساعات استشارة مفتوحة", "ساعت مشاوره آزاد", "відкриті консультаційні години", "открытые часы консультаций"),
    "appointment": ("Termine nach Vereinbarung", "appointments by arrangement", "randevu ile", "مواعيد بالاتفاق المسبق", "با تعیین وقت قبلی", "прийом за попереднім записом", "приём по предварительной записи"),
    "phone": ("telefonische Sprechzeit", "telephone consultation hours", "telefonla danışma saati", "ساعات الاستشارة الهاتفية", "ساعت مشاوره تلفنی", "години телефонних консультацій", "часы телефонных консультаций"),
    "course": ("Kurszeiten", "course times", "kurs saatleri", "مواعيد الدورة", "ساعات کلاس", "час занять", "время занятий"),
    "care": ("Betreuungszeiten", "care hours", "bakım saatleri", "ساعات الرعاية", "ساعات نگهداری", "години догляду", "часы присмотра"),
    "open_meeting": ("offener Treff, ohne Anmeldung", "open meeting, no registration needed", "açık buluşma, kayıt gerekmez", "لقاء مفتوح، دون تسجيل مسبق", "دورهمی آزاد، بدون ثبت‌نام", "відкрита зустріч, без реєстрації", "открытая встреча, без регистрации"),
    "group": ("Gruppentreffen", "group meeting", "grup buluşması", "لقاء المجموعة", "جلسه گروهی", "групова зустріч", "групповая встреча"),
    "training": ("Trainingszeit", "training time", "antrenman saati", "وقت التدريب", "زمان تمرین", "час тренування", "время тренировки"),
    "homework": ("Hausaufgabenzeit", "homework time", "ödev saati", "وقت الواجبات المدرسية", "زمان انجام تکالیف", "час для домашніх завдань", "время для домашних заданий"),
    "office_hours": ("Sprechzeiten, Termine auch außerhalb nach Vereinbarung", "office hours, other times by appointment", "görüşme saatleri, diğer saatler randevuyla", "ساعات الدوام، وأوقات أخرى بموعد مسبق", "ساعات اداری، زمان‌های دیگر با تعیین وقت", "години прийому, інший час за домовленістю", "часы приёма, другое время по договорённости"),
    "after_hours": ("außerhalb der Dienstzeiten", "outside office hours", "mesai saatleri dışında", "خارج أوقات الدوام", "خارج از ساعات اداری", "поза робочим часом", "в нерабочее время"),
    "around_clock": ("rund um die Uhr erreichbar", "available around the clock", "7/24 ulaşılabilir", "متاح على مدار الساعة", "شبانه‌روزی در دسترس", "цілодобово", "круглосуточно"),
    "holiday": ("Ferienwoche im Sommer", "holiday week in summer", "yaz tatilinde bir hafta", "أسبوع في العطلة الصيفية", "یک هفته در تعطیلات تابستان", "тиждень у літні канікули", "неделя в летние каникулы"),
}

# Slot candidates per schedule kind: (byday, opens_at, closes_at, SCHEDULE_TEXTS key or None),
# and how many slots an offer of that kind gets (min, max).
SCHEDULE_PATTERNS: dict[str, tuple[tuple[int, int], list[tuple[str, str, str, str | None]]]] = {
    "consult": ((1, 3), [
        ("MO,WE", "09:00", "12:00", "open_consult"), ("TU", "14:00", "17:00", "appointment"),
        ("TH", "13:00", "16:00", "appointment"), ("FR", "09:00", "11:00", "phone"),
        ("TU,TH", "09:00", "12:00", "open_consult"), ("WE", "15:00", "18:00", None)]),
    "group": ((1, 1), [
        ("MO", "09:30", "11:00", "group"), ("TU", "15:00", "16:30", "group"),
        ("WE", "09:30", "11:30", None), ("TH", "15:30", "17:00", "group"),
        ("FR", "10:00", "11:30", None)]),
    "course": ((1, 2), [
        ("MO,WE,TH", "08:30", "12:00", "course"), ("TU,TH", "18:00", "20:15", "course"),
        ("MO,WE", "09:00", "12:15", "course"), ("WE", "18:30", "21:00", "course"),
        ("SA", "10:00", "13:00", None)]),
    "care": ((1, 1), [
        ("MO,TU,WE,TH,FR", "07:00", "16:30", "care"), ("MO,TU,WE,TH,FR", "07:30", "14:00", "care"),
        ("MO,TU,WE,TH,FR", "07:15", "17:00", "care")]),
    "youth": ((1, 2), [
        ("TU,WE,FR", "15:00", "20:00", "open_meeting"), ("MO,TH", "14:30", "19:00", "open_meeting"),
        ("SA", "14:00", "18:00", None), ("FR", "17:00", "22:00", "open_meeting")]),
    "cafe": ((1, 2), [
        ("WE", "15:00", "17:00", "open_meeting"), ("FR", "10:00", "12:00", "open_meeting"),
        ("TU", "16:00", "18:00", "open_meeting"), ("TH", "09:30", "11:30", None),
        ("SA", "10:30", "12:30", "open_meeting")]),
    "training": ((1, 2), [
        ("TU", "16:00", "17:00", "training"), ("TH", "16:30", "17:30", "training"),
        ("SA", "10:00", "11:30", "training"), ("MO", "17:00", "18:30", None),
        ("FR", "15:00", "16:00", "training")]),
    "homework": ((1, 1), [
        ("MO,TU,WE,TH", "13:30", "15:30", "homework"), ("MO,WE", "14:00", "16:00", "homework"),
        ("TU,TH", "14:00", "16:00", None)]),
    "holiday": ((1, 1), [("MO,TU,WE,TH,FR", "09:00", "17:00", "holiday")]),
    "office": ((1, 2), [
        ("MO,TU,WE,TH,FR", "08:30", "12:30", "office_hours"), ("TU,TH", "14:00", "17:30", None),
        ("MO,TU,WE,TH", "08:00", "16:00", "office_hours"), ("FR", "08:00", "12:00", None)]),
    "after_hours": ((3, 3), [
        ("MO,TU,WE,TH,FR", "16:00", "23:59", "after_hours"),
        ("MO,TU,WE,TH,FR,SA,SU", "00:00", "08:00", "after_hours"),
        ("SA,SU", "08:00", "23:59", "after_hours")]),
    "always": ((1, 1), [("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59", "around_clock")]),
}

# Cost texts: key -> (cost_option label, amount in EUR, texts in LANGS order).
FREE_TEXT: tuple[str, ...] = ("kostenlos", "free of charge", "ücretsiz", "مجاني", "رایگان", "безкоштовно", "бесплатно")

COSTS: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "course20": ("pro Kurs", 20.0, ("20 € pro Kurs, ermäßigt möglich", "€20 per course, reduced rate possible", "Kurs başına 20 €, indirim mümkün", "20 يورو للدورة، مع إمكانية التخفيض", "۲۰ یورو برای هر دوره، امکان تخفیف", "20 € за курс, можлива знижка", "20 € за курс, возможна скидка")),
    "session5": ("pro Termin", 5.0, ("5 € pro Termin", "€5 per session", "Seans başına 5 €", "5 يورو للجلسة", "۵ یورو برای هر جلسه", "5 € за заняття", "5 € за занятие")),
    "monthly15": ("pro Monat", 15.0, ("15 € im Monat, Familienermäßigung möglich", "€15 per month, family discount available", "Aylık 15 €, aile indirimi mümkün", "15 يورو شهريًا، مع إمكانية تخفيض للعائلات", "ماهانه ۱۵ یورو، امکان تخفیف خانوادگی", "15 € на місяць, можлива сімейна знижка", "15 € в месяц, возможна семейная скидка")),
    "parent_fee": ("Elternbeitrag pro Monat, ab", 25.0, ("Elternbeitrag nach Einkommen, letztes Kita-Jahr beitragsfrei", "Parental fee depending on income; the last year before school is free", "Gelire göre veli katkı payı; okul öncesi son yıl ücretsiz", "رسوم أولياء الأمور حسب الدخل، والسنة الأخيرة قبل المدرسة مجانية", "هزینه والدین بر اساس درآمد؛ سال آخر پیش از مدرسه رایگان است", "Батьківський внесок залежно від доходу; останній рік перед школою безкоштовний", "Родительский взнос в зависимости от дохода; последний год перед школой бесплатный")),
    "holiday": ("pro Woche", 120.0, ("120 € pro Woche, Zuschuss über Bildung und Teilhabe möglich", "€120 per week, subsidy via the education and participation package possible", "Haftalık 120 €, Eğitim ve Katılım paketiyle destek mümkün", "120 يورو في الأسبوع، مع إمكانية الدعم من خلال حزمة التعليم والمشاركة", "هفته‌ای ۱۲۰ یورو، امکان کمک‌هزینه از طریق بسته آموزش و مشارکت", "120 € на тиждень, можлива доплата за програмою «Освіта та участь»", "120 € в неделю, возможна доплата по программе «Образование и участие»")),
    "small_fee": ("pro Treffen", 2.0, ("2 € pro Treffen (Kaffee und Kuchen)", "€2 per meeting (coffee and cake)", "Buluşma başına 2 € (kahve ve kek)", "2 يورو لكل لقاء (قهوة وكعك)", "۲ یورو برای هر دیدار (قهوه و کیک)", "2 € за зустріч (кава і тістечко)", "2 € за встречу (кофе и пирог)")),
    "integration": ("pro Unterrichtsstunde", 2.29, ("Kostenbeitrag 2,29 € pro Unterrichtsstunde, Befreiung möglich", "Contribution €2.29 per lesson, exemption possible", "Ders saati başına 2,29 € katkı payı, muafiyet mümkün", "مساهمة 2.29 يورو لكل حصة دراسية، مع إمكانية الإعفاء", "سهم هزینه ۲٫۲۹ یورو برای هر ساعت درسی، امکان معافیت", "Внесок 2,29 € за урок, можливе звільнення від оплати", "Взнос 2,29 € за урок, возможно освобождение от оплаты")),
    "care_fund": ("pro Stunde", 28.0, ("Abrechnung über den Entlastungsbetrag der Pflegekasse möglich", "Can be paid via the relief amount of the long-term care insurance", "Bakım sigortasının destek tutarı üzerinden ödenebilir", "يمكن الدفع من خلال مبلغ التخفيف الذي يقدمه تأمين الرعاية", "پرداخت از طریق مبلغ کمکی بیمه مراقبت امکان‌پذیر است", "Можлива оплата за рахунок суми розвантаження від страхування на випадок потреби в догляді", "Возможна оплата за счёт суммы разгрузки от страхования по уходу")),
    "insurance": ("Partnergebühr", 60.0, ("Kosten übernimmt die Krankenkasse, Partnergebühr 60 €", "Covered by health insurance; partner fee €60", "Masrafları sağlık sigortası karşılar, eş ücreti 60 €", "تتحمل شركة التأمين الصحي التكاليف، ورسوم الشريك 60 يورو", "هزینه را بیمه درمانی می‌پردازد، هزینه همراه ۶۰ یورو", "Витрати покриває лікарняна каса, внесок для партнера 60 €", "Расходы покрывает больничная касса, взнос для партнёра 60 €")),
    "course60": ("pro Kurs (10 Termine)", 60.0, ("60 € für zehn Termine, ermäßigt 30 €", "€60 for ten sessions, reduced €30", "On seans için 60 €, indirimli 30 €", "60 يورو لعشر جلسات، و30 يورو بسعر مخفض", "۶۰ یورو برای ده جلسه، با تخفیف ۳۰ یورو", "60 € за десять занять, пільгова ціна 30 €", "60 € за десять занятий, льготная цена 30 €")),
    "ogs_fee": ("Elternbeitrag pro Monat, ab", 20.0, ("Elternbeitrag nach Einkommen, Mittagessen extra", "Parental fee depending on income, lunch extra", "Gelire göre veli katkı payı, öğle yemeği ayrıca", "رسوم أولياء الأمور حسب الدخل، والغداء بتكلفة إضافية", "هزینه والدین بر اساس درآمد، ناهار جداگانه", "Батьківський внесок залежно від доходу, обід окремо", "Родительский взнос в зависимости от дохода, обед отдельно")),
    "music_fee": ("pro Monat", 38.0, ("ab 38 € im Monat, Ermäßigung und Zuschuss über Bildung und Teilhabe möglich", "from €38 per month, reduction and subsidy via education and participation possible", "ayda 38 €'dan başlayan ücret, indirim ve Eğitim ve Katılım desteği mümkün", "ابتداءً من 38 يورو شهريًا، مع إمكانية التخفيض والدعم من حزمة التعليم والمشاركة", "از ۳۸ یورو در ماه، امکان تخفیف و کمک‌هزینه از طریق بسته آموزش و مشارکت", "від 38 € на місяць, можлива знижка і доплата за програмою «Освіта та участь»", "от 38 € в месяц, возможны скидка и доплата по программе «Образование и участие»")),
    "club_fee": ("Vereinsbeitrag pro Monat", 6.0, ("Vereinsbeitrag 6 € im Monat, Zuschuss über Bildung und Teilhabe möglich", "Club fee €6 per month, subsidy via education and participation possible", "Aylık 6 € kulüp aidatı, Eğitim ve Katılım paketiyle destek mümkün", "اشتراك النادي 6 يورو شهريًا، مع إمكانية الدعم من حزمة التعليم والمشاركة", "حق عضویت باشگاه ماهانه ۶ یورو، امکان کمک‌هزینه از طریق بسته آموزش و مشارکت", "Членський внесок 6 € на місяць, можлива доплата за програмою «Освіта та участь»", "Членский взнос 6 € в месяц, возможна доплата по программе «Образование и участие»")),
}

APPLICATION: dict[str, tuple[str, ...]] = {
    "phone_or_mail": ("Termin telefonisch oder per E-Mail vereinbaren", "Make an appointment by phone or e-mail", "Telefonla veya e-posta ile randevu alın", "حدد موعدًا عبر الهاتف أو البريد الإلكتروني", "از طریق تلفن یا ایمیل وقت بگیرید", "Запишіться на прийом телефоном або електронною поштою", "Запишитесь на приём по телефону или электронной почте"),
    "walk_in": ("Ohne Anmeldung – einfach vorbeikommen", "No registration – just drop in", "Kayıt gerekmez – uğramanız yeterli", "بدون تسجيل – تفضلوا بالحضور مباشرة", "بدون ثبت‌نام – کافی است سر بزنید", "Без реєстрації – просто приходьте", "Без записи – просто приходите"),
    "registration": ("Anmeldung erforderlich, telefonisch oder per E-Mail", "Registration required, by phone or e-mail", "Kayıt gereklidir, telefonla veya e-posta ile", "التسجيل مطلوب عبر الهاتف أو البريد الإلكتروني", "ثبت‌نام لازم است، تلفنی یا با ایمیل", "Потрібна реєстрація телефоном або електронною поштою", "Требуется запись по телефону или электронной почте"),
    "daycare": ("Anmeldung online über das Kita-Portal oder direkt in der Einrichtung", "Register online via the day-care portal or directly at the centre", "Kreş portalı üzerinden çevrimiçi veya doğrudan kurumda kayıt", "التسجيل عبر بوابة الحضانات الإلكترونية أو مباشرة في الحضانة", "ثبت‌نام آنلاین از طریق پورتال مهدکودک یا مستقیماً در مهدکودک", "Реєстрація онлайн через портал дитячих садків або безпосередньо в закладі", "Запись онлайн через портал детских садов или непосредственно в учреждении"),
    "referral": ("Zugang über die Schule oder nach telefonischer Absprache", "Access via the school or by arrangement by phone", "Okul aracılığıyla veya telefonla görüşerek", "عن طريق المدرسة أو بالاتفاق هاتفيًا", "از طریق مدرسه یا با هماهنگی تلفنی", "Через школу або за телефонною домовленістю", "Через школу или по договорённости по телефону"),
    "phone_now": ("Sofort anrufen – auch ohne Termin, auf Wunsch anonym", "Call straight away – no appointment needed, anonymously if you wish", "Hemen arayın – randevusuz, isterseniz isimsiz", "اتصلوا فورًا – دون موعد، ودون ذكر الاسم إن رغبتم", "همین حالا تماس بگیرید – بدون وقت قبلی، در صورت تمایل بدون ذکر نام", "Телефонуйте одразу – без запису, за бажанням анонімно", "Звоните сразу – без записи, по желанию анонимно"),
    "letter": ("Sie erhalten eine schriftliche Einladung mit Termin", "You receive a written invitation with an appointment", "Randevulu yazılı bir davet alırsınız", "تصلكم دعوة مكتوبة مع موعد", "یک دعوت‌نامه کتبی با زمان مشخص دریافت می‌کنید", "Ви отримаєте письмове запрошення з датою", "Вы получите письменное приглашение с датой"),
    "school": ("Anmeldung über das Sekretariat der Schule", "Register through the school office", "Okul sekreterliği üzerinden kayıt", "التسجيل عن طريق سكرتارية المدرسة", "ثبت‌نام از طریق دفتر مدرسه", "Запис через секретаріат школи", "Запись через секретариат школы"),
    "membership": ("Schnupperstunde kostenlos, danach Vereinsmitgliedschaft", "Free trial session, then club membership", "Deneme dersi ücretsiz, ardından kulüp üyeliği", "حصة تجريبية مجانية، ثم عضوية النادي", "جلسه آزمایشی رایگان، سپس عضویت در باشگاه", "Пробне заняття безкоштовне, потім членство в клубі", "Пробное занятие бесплатно, затем членство в клубе"),
}

ACCESSIBLE: list[tuple[str, ...]] = [
    ("Stufenloser Zugang, barrierefreies WC", "Step-free access, accessible toilet", "Basamaksız giriş, engelli tuvaleti", "مدخل بدون درج، ومرحاض مهيأ لذوي الإعاقة", "ورودی بدون پله، سرویس بهداشتی مناسب معلولان", "Вхід без сходинок, доступний туалет", "Вход без ступенек, доступный туалет"),
    ("Aufzug vorhanden, breite Türen, barrierefreies WC", "Lift available, wide doors, accessible toilet", "Asansör var, geniş kapılar, engelli tuvaleti", "يوجد مصعد وأبواب واسعة ومرحاض مهيأ لذوي الإعاقة", "آسانسور، درهای عریض و سرویس بهداشتی مناسب معلولان", "Є ліфт, широкі двері, доступний туалет", "Есть лифт, широкие двери, доступный туалет"),
    ("Ebenerdiger Eingang, Behindertenparkplatz vor dem Haus", "Ground-level entrance, disabled parking space in front of the building", "Zemin seviyesinde giriş, binanın önünde engelli park yeri", "مدخل على مستوى الأرض، وموقف سيارات لذوي الإعاقة أمام المبنى", "ورودی هم‌سطح زمین، جای پارک معلولان جلوی ساختمان", "Вхід на рівні землі, паркомісце для людей з інвалідністю перед будівлею", "Вход на уровне земли, парковка для людей с инвалидностью перед зданием"),
    ("Rampe am Seiteneingang, alle Räume im Erdgeschoss", "Ramp at the side entrance, all rooms on the ground floor", "Yan girişte rampa, tüm odalar zemin katta", "منحدر عند المدخل الجانبي، وجميع الغرف في الطابق الأرضي", "رمپ در ورودی کناری، همه اتاق‌ها در طبقه همکف", "Пандус біля бічного входу, усі приміщення на першому поверсі", "Пандус у бокового входа, все помещения на первом этаже"),
]

NOT_ACCESSIBLE: list[tuple[str, ...]] = [
    ("Eingang mit drei Stufen, kein Aufzug", "Entrance with three steps, no lift", "Girişte üç basamak var, asansör yok", "مدخل بثلاث درجات، ولا يوجد مصعد", "ورودی با سه پله، بدون آسانسور", "Вхід із трьома сходинками, ліфта немає", "Вход с тремя ступеньками, лифта нет"),
    ("Beratungsräume im 1. Obergeschoss, kein Aufzug", "Counselling rooms on the first floor, no lift", "Danışma odaları birinci katta, asansör yok", "غرف الاستشارة في الطابق الأول، ولا يوجد مصعد", "اتاق‌های مشاوره در طبقه اول، بدون آسانسور", "Консультаційні кімнати на другому поверсі, ліфта немає", "Консультационные комнаты на втором этаже, лифта нет"),
    ("Altbau mit schmalen Türen, WC nicht barrierefrei", "Old building with narrow doors, toilet not accessible", "Dar kapılı eski bina, tuvalet engelli kullanımına uygun değil", "مبنى قديم بأبواب ضيقة، والمرحاض غير مهيأ لذوي الإعاقة", "ساختمان قدیمی با درهای باریک، سرویس بهداشتی مناسب معلولان نیست", "Старий будинок із вузькими дверима, туалет не пристосований", "Старое здание с узкими дверями, туалет не приспособлен"),
]

# Places that are no building to visit: a helpline, a shelter whose address stays secret.
BY_PHONE: tuple[str, ...] = ("Beratung am Telefon, kein Besuch nötig", "Counselling by phone, no visit needed", "Telefonla danışmanlık, ziyaret gerekmez", "استشارة عبر الهاتف، لا حاجة للحضور", "مشاوره تلفنی، نیازی به مراجعه نیست", "Консультація телефоном, приходити не потрібно", "Консультация по телефону, приходить не нужно")
SECRET_ADDRESS: tuple[str, ...] = ("Adresse aus Schutzgründen nicht veröffentlicht; barrierefreie Zimmer vorhanden", "Address not published for safety reasons; accessible rooms available", "Adres güvenlik nedeniyle yayımlanmaz; engelli erişimine uygun odalar var", "لا يُنشر العنوان حفاظًا على الأمان؛ تتوفر غرف مهيأة لذوي الإعاقة", "نشانی به دلایل امنیتی منتشر نمی‌شود؛ اتاق‌های مناسب معلولان موجود است", "Адреса не публікується з міркувань безпеки; є доступні кімнати", "Адрес не публикуется из соображений безопасности; есть доступные комнаты")
