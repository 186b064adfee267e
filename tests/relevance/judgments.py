"""The judged queries: what a counsellor types, and which demo offers answer it.

Why predicates instead of offer ids: the demo directory is regenerated now and then; a
judgment says what it means ("the title names a midwife", "the offer is about debts") and
is graded against whatever records the directory holds. Grades: 2 = exactly what was asked,
1 = related, 0 = not relevant (everything else).

Predicates look at the German record: its folded title (:func:`title` matches word parts,
so ``hebamm`` finds "Familienhebamme" and "Hebammensprechstunde"), its topic ids, its
topics' German names and its provider's name. Queries in other languages are judged by the
same German facts: a Ukrainian "акушерка" means a midwife, whatever the record's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from coesfeld_desktop.search.folding import fold, tokens


@dataclass(frozen=True)
class Record:
    """What a judgment may look at of one demo offer."""

    offer_id: str
    title: str  # folded German title, its words space-separated
    topics: frozenset[str]
    topic_names: str  # folded German topic names, space-separated
    provider: str  # folded provider name
    towns: frozenset[str]


@dataclass(frozen=True)
class Pred:
    """A predicate over a :class:`Record`, combinable with ``|``, ``&`` and ``~``."""

    test: Callable[[Record], bool]

    def __call__(self, record: Record) -> bool:
        return self.test(record)

    def __or__(self, other: Pred) -> Pred:
        return Pred(lambda r: self(r) or other(r))

    def __and__(self, other: Pred) -> Pred:
        return Pred(lambda r: self(r) and other(r))

    def __invert__(self) -> Pred:
        return Pred(lambda r: not self(r))


NOTHING = Pred(lambda _r: False)


def title(*parts: str) -> Pred:
    """The folded German title contains one of ``parts`` (compound parts count)."""
    folded = [" ".join(tokens(part)) for part in parts]
    return Pred(lambda r: any(part in r.title for part in folded))


def title_word(*words: str) -> Pred:
    """The title holds one of ``words`` as a whole word."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(fold(w)) for w in words) + r")\b")
    return Pred(lambda r: pattern.search(r.title) is not None)


def topic(*ids: str) -> Pred:
    return Pred(lambda r: bool(r.topics.intersection(ids)))


def topic_name(*parts: str) -> Pred:
    """A topic's German name contains one of ``parts`` (survives renamed topic ids)."""
    folded = [fold(part) for part in parts]
    return Pred(lambda r: any(part in r.topic_names for part in folded))


def provider(*parts: str) -> Pred:
    folded = [fold(part) for part in parts]
    return Pred(lambda r: any(part in r.provider for part in folded))


def town(name: str) -> Pred:
    return Pred(lambda r: name in r.towns)


@dataclass(frozen=True)
class Case:
    """One judged query. ``town``/``age`` are the filters the counsellor set."""

    query: str
    language: str
    exact: Pred  # grade 2
    related: Pred = NOTHING  # grade 1
    town: str | None = None
    age: int | None = None
    note: str = ""
    tags: tuple[str, ...] = field(default=())

    def grade(self, record: Record) -> int:
        if self.exact(record):
            return 2
        return 1 if self.related(record) else 0


# --- what the answers are, by meaning -----------------------------------------------------

MIDWIFE = title("hebamm")
MIDWIFE_NEAR = topic("pregnancy_advice") | title("stillcafe", "willkommensbesuch", "geburt")
KITA = (title_word("kita") | title("kindertagesstatte")) & ~title("sprachforderung")
KITA_NEAR = topic("daycare") | topic_name("kindertages")
DEBT = topic("debt_advice") | topic_name("schuldner") | title("schuldner", "budgetberatung")
DEBT_NEAR = NOTHING
GERMAN_COURSE = title("deutschkurs", "integrationskurs")
LANGUAGE_COURSE = (topic("language_course") | topic_name("sprachkurs")) & ~title("sprachforderung")
LANGUAGE_NEAR = topic("language_course", "language_cafe") | title("sprach", "alphabetisierung")
PARENTING = title("erziehungsberatung")
PARENTING_NEAR = topic("parenting_advice") | topic_name("erziehungsberatung")
PREGNANCY = topic("pregnancy_advice") | title("schwangerschaft")
PREGNANCY_NEAR = title("geburt", "hebamm")
ADDICTION = topic("addiction_advice") | title("sucht")
HOMEWORK = title("hausaufgaben")
HOMEWORK_NEAR = topic("school_social_work")
SWIMMING = title("schwimm")
SWIMMING_NEAR = topic("sport")
YOUTH_CENTRE = title("jugendzentrum")
YOUTH_NEAR = topic("youth_centre")
REFUGEES = title("gefluchtet")
REFUGEES_NEAR = topic("integration_advice", "youth_migration_service")
SCHOOL_TO_JOB = topic("school_to_job") | topic_name("schule beruf")
BREASTFEEDING = title("stillcafe")
CHILDMINDING = title("kindertagespflege")
DISABILITY = topic("disability") | title("behinderung")
VIOLENCE = title("gewalt", "frauenhaus", "gewaltschutz") | topic_name("gewalt")
HOMELESS = title("obdach", "wohnungslos") | topic_name("obdach", "wohnungslos")
PLAYGROUP = title("eltern-kind-gruppe", "krabbel", "pekip")
EARLY_SUPPORT = title("fruhforderung")  # where speech therapy for young children starts
JOBCENTRE = provider("jobcenter")


def _de() -> list[Case]:
    return [
        Case("Hebamme", "de", MIDWIFE, MIDWIFE_NEAR),
        Case("Hebammen", "de", MIDWIFE, MIDWIFE_NEAR, tags=("plural",)),
        Case("hebame", "de", MIDWIFE, MIDWIFE_NEAR, tags=("typo",)),
        Case("Familienhebamme", "de", title("familienhebamme"), MIDWIFE | MIDWIFE_NEAR,
             tags=("compound",)),
        Case("Kita", "de", KITA, KITA_NEAR),
        Case("Kitas", "de", KITA, KITA_NEAR, tags=("plural",)),
        Case("kita", "de", KITA, KITA_NEAR, town="Dülmen", age=3, tags=("filter",)),
        Case("Kindergarten", "de", KITA, KITA_NEAR, tags=("synonym",)),
        Case("Kindergartenplatz", "de", KITA, KITA_NEAR, tags=("compound", "synonym")),
        Case("Kindertagesstätten", "de", KITA, KITA_NEAR, tags=("plural",)),
        Case("Tagesmutter", "de", CHILDMINDING, KITA_NEAR, tags=("synonym",)),
        Case("Erziehungsberatung", "de", PARENTING, PARENTING_NEAR),
        Case("Erziehungsberatung", "de", PARENTING, PARENTING_NEAR, town="Coesfeld",
             tags=("filter",)),
        Case("erziehungsbertung", "de", PARENTING, PARENTING_NEAR, tags=("typo",)),
        Case("Sprachkurs", "de", LANGUAGE_COURSE, LANGUAGE_NEAR),
        Case("Sprachkurse", "de", LANGUAGE_COURSE, LANGUAGE_NEAR, tags=("plural",)),
        Case("Deutschkurs", "de", GERMAN_COURSE, LANGUAGE_NEAR),
        Case("Deutschkurse", "de", GERMAN_COURSE, LANGUAGE_NEAR, tags=("plural",)),
        Case("Deutschkurs", "de", GERMAN_COURSE, LANGUAGE_NEAR, town="Dülmen",
             tags=("filter",)),
        # the child's age keeps the offers for the parents (18+): the course with childcare
        Case("Deutschkurs", "de", GERMAN_COURSE, LANGUAGE_NEAR, town="Dülmen", age=3,
             tags=("filter", "parents")),
        Case("Integrationskurse", "de", title("integrationskurs"), LANGUAGE_NEAR,
             tags=("plural",)),
        Case("Schuldnerberatung", "de", DEBT, DEBT_NEAR),
        Case("Schuldnerberatung", "de", DEBT, DEBT_NEAR, age=3, tags=("filter", "parents")),
        Case("Suchtberatung", "de", ADDICTION, age=8, tags=("filter", "parents")),
        Case("Schulden", "de", DEBT, DEBT_NEAR, tags=("synonym",)),
        Case("schuldnerbertung", "de", DEBT, DEBT_NEAR, tags=("typo",)),
        # a compound the offers spell otherwise: its parts ("Schulden" + "Beratung")
        Case("Schuldenberatung", "de", DEBT, DEBT_NEAR, tags=("compound",)),
        Case("Hebammenberatung", "de", MIDWIFE, MIDWIFE_NEAR, tags=("compound", "synonym")),
        Case("Mutterkindgruppe", "de", PLAYGROUP, tags=("compound", "synonym")),
        Case("Kinderschwimmkurs", "de", SWIMMING, SWIMMING_NEAR, tags=("compound", "synonym")),
        Case("Logopädie", "de", EARLY_SUPPORT, tags=("synonym",)),
        Case("Sucht", "de", ADDICTION),
        Case("Suchtberatung", "de", ADDICTION),
        Case("Stillen", "de", BREASTFEEDING, MIDWIFE, tags=("synonym",)),
        Case("Schwangerschaft", "de", PREGNANCY, PREGNANCY_NEAR),
        Case("schwanger", "de", PREGNANCY, PREGNANCY_NEAR),
        Case("Jugendzentrum", "de", YOUTH_CENTRE, YOUTH_NEAR),
        Case("Jugendtreff", "de", YOUTH_CENTRE | (YOUTH_NEAR & title("treff")), YOUTH_NEAR,
             tags=("synonym",)),
        Case("Hausaufgabenhilfe", "de", HOMEWORK, HOMEWORK_NEAR),
        # Bildung und Teilhabe pays for tutoring: related
        Case("Nachhilfe", "de", HOMEWORK, HOMEWORK_NEAR | title("nachhilfe"),
             tags=("synonym",)),
        Case("Ausbildung", "de", SCHOOL_TO_JOB, title("ausbildung")),
        Case("Bewerbung", "de", title("bewerbung"), SCHOOL_TO_JOB),
        Case("Praktikum", "de", title("praktikum"), SCHOOL_TO_JOB),
        Case("Schwimmen", "de", SWIMMING, SWIMMING_NEAR),
        Case("Babyschwimmen", "de", SWIMMING, SWIMMING_NEAR),
        Case("Fußball", "de", title("fussball"), SWIMMING_NEAR),
        Case("Turnen", "de", title("turnen"), SWIMMING_NEAR),
        Case("Behinderung", "de", DISABILITY),
        Case("Frühförderung", "de", title("fruhforderung"), DISABILITY | topic("early_help")),
        Case("Trennung", "de", title("trennung"), PARENTING_NEAR),
        Case("Scheidung", "de", title("scheidung"), PARENTING_NEAR),
        Case("Flüchtlinge", "de", REFUGEES, REFUGEES_NEAR, tags=("synonym",)),
        Case("Geflüchtete", "de", REFUGEES, REFUGEES_NEAR),
        Case("Migrationsberatung", "de", title("migrationsberatung"), REFUGEES_NEAR),
        Case("Elternkurs", "de", title("elternkurs"), PARENTING_NEAR),
        Case("Musikschule", "de", title("musikschule"), topic("culture")),
        Case("Mädchen", "de", title("madchen"), YOUTH_NEAR),
        Case("Schulsozialarbeit", "de", title("schulsozialarbeit"), topic("school_social_work")),
        Case("Sprachcafé", "de", title("sprachcafe"), LANGUAGE_NEAR),
        Case("sprach cafe", "de", title("sprachcafe"), LANGUAGE_NEAR, tags=("two-word",)),
        Case("Sprachcafé Dülmen", "de", title("sprachcafe") & town("Dülmen"),
             title("sprachcafe"), tags=("two-word",)),
        Case("Beratung Trennung", "de", title("trennung"), PARENTING_NEAR, tags=("two-word",)),
        Case("Krabbelgruppe", "de", title("eltern kind gruppe"), topic("early_help"),
             tags=("synonym",)),
        Case("Ferienfreizeit", "de", title("ferienfreizeit"), YOUTH_NEAR),
        # crisis words: while the demo data has no such offer, nothing may pose as one
        Case("Gewalt", "de", VIOLENCE, tags=("crisis",)),
        Case("Frauenhaus", "de", VIOLENCE, tags=("crisis",)),
        Case("Obdachlos", "de", HOMELESS, tags=("crisis",)),
    ]


def _en() -> list[Case]:
    return [
        Case("midwife", "en", MIDWIFE, MIDWIFE_NEAR),
        Case("midwives", "en", MIDWIFE, MIDWIFE_NEAR, tags=("plural",)),
        Case("debt advice", "en", DEBT, tags=("two-word",)),
        Case("debt advice", "en", DEBT, town="Coesfeld", age=5, tags=("filter", "parents")),
        Case("debts", "en", DEBT, tags=("plural",)),
        Case("German course", "en", GERMAN_COURSE, LANGUAGE_NEAR, tags=("two-word",)),
        Case("language courses", "en", LANGUAGE_COURSE, LANGUAGE_NEAR, tags=("plural",)),
        Case("kindergarten", "en", KITA, KITA_NEAR),
        Case("day care", "en", KITA | CHILDMINDING, KITA_NEAR, tags=("two-word",)),
        Case("homework help", "en", HOMEWORK, HOMEWORK_NEAR),
        Case("addiction", "en", ADDICTION),
        Case("pregnancy", "en", PREGNANCY, PREGNANCY_NEAR),
        Case("swimming", "en", SWIMMING, SWIMMING_NEAR),
        Case("speech therapy", "en", EARLY_SUPPORT, tags=("two-word", "synonym")),
        Case("unemployment", "en", JOBCENTRE, tags=("synonym",)),
        Case("youth centre", "en", YOUTH_CENTRE, YOUTH_NEAR),
        Case("refugees", "en", REFUGEES, REFUGEES_NEAR),
        Case("parenting advice", "en", PARENTING, PARENTING_NEAR),
        Case("breastfeeding", "en", BREASTFEEDING, MIDWIFE),
        Case("childminder", "en", CHILDMINDING, KITA_NEAR),
        Case("domestic violence", "en", VIOLENCE, tags=("crisis", "two-word")),
    ]


def _tr() -> list[Case]:
    return [
        Case("ebe", "tr", MIDWIFE, MIDWIFE_NEAR),
        Case("ebeler", "tr", MIDWIFE, MIDWIFE_NEAR, tags=("plural",)),
        Case("borç", "tr", DEBT),
        Case("borçlar", "tr", DEBT, tags=("plural",)),
        Case("işsizlik", "tr", JOBCENTRE, tags=("synonym",)),
        Case("Almanca kursu", "tr", GERMAN_COURSE, LANGUAGE_NEAR, tags=("two-word",)),
        Case("dil kursu", "tr", LANGUAGE_COURSE, LANGUAGE_NEAR, tags=("two-word",)),
        Case("kreş", "tr", KITA, KITA_NEAR),
        Case("anaokulu", "tr", KITA, KITA_NEAR, tags=("synonym",)),
        Case("hamilelik", "tr", PREGNANCY, PREGNANCY_NEAR),
        Case("bağımlılık", "tr", ADDICTION),
        Case("ödev yardımı", "tr", HOMEWORK, HOMEWORK_NEAR, tags=("two-word",)),
        Case("yüzme", "tr", SWIMMING, SWIMMING_NEAR),
        Case("mülteciler", "tr", REFUGEES, REFUGEES_NEAR, tags=("plural",)),
    ]


def _ar() -> list[Case]:
    return [
        Case("قابلة", "ar", MIDWIFE, MIDWIFE_NEAR),
        Case("القابلة", "ar", MIDWIFE, MIDWIFE_NEAR, tags=("inflected",)),
        Case("ديون", "ar", DEBT),
        Case("ديون", "ar", DEBT, age=2, tags=("filter", "parents")),
        Case("الديون", "ar", DEBT, tags=("inflected",)),
        Case("روضة", "ar", KITA, KITA_NEAR, tags=("synonym",)),
        Case("حضانة", "ar", KITA, KITA_NEAR),
        Case("دورة لغة", "ar", LANGUAGE_COURSE, LANGUAGE_NEAR, tags=("two-word",)),
        Case("الحمل", "ar", PREGNANCY, PREGNANCY_NEAR),
        Case("إدمان", "ar", ADDICTION, tags=("inflected",)),
        Case("سباحة", "ar", SWIMMING, SWIMMING_NEAR),
        Case("الواجبات المدرسية", "ar", HOMEWORK, HOMEWORK_NEAR, tags=("two-word",)),
        Case("لاجئين", "ar", REFUGEES, REFUGEES_NEAR, tags=("inflected",)),
    ]


def _fa() -> list[Case]:
    return [
        Case("ماما", "fa", MIDWIFE, MIDWIFE_NEAR),
        Case("بدهی", "fa", DEBT),
        Case("بدهی‌ها", "fa", DEBT, tags=("plural",)),
        Case("مهدکودک", "fa", KITA, KITA_NEAR),
        Case("کلاس زبان", "fa", LANGUAGE_COURSE, LANGUAGE_NEAR, tags=("two-word",)),
        Case("بارداری", "fa", PREGNANCY, PREGNANCY_NEAR),
        Case("اعتیاد", "fa", ADDICTION),
        Case("شنا", "fa", SWIMMING, SWIMMING_NEAR),
        Case("تکالیف", "fa", HOMEWORK, HOMEWORK_NEAR),
        Case("پناهجویان", "fa", REFUGEES, REFUGEES_NEAR, tags=("plural",)),
    ]


def _uk() -> list[Case]:
    return [
        Case("акушерка", "uk", MIDWIFE, MIDWIFE_NEAR),
        Case("акушерки", "uk", MIDWIFE, MIDWIFE_NEAR, tags=("plural",)),
        Case("борги", "uk", DEBT, tags=("plural",)),
        Case("логопед", "uk", EARLY_SUPPORT, tags=("synonym",)),
        Case("безробіття", "uk", JOBCENTRE, tags=("synonym",)),
        Case("дитячий садок", "uk", KITA, KITA_NEAR, tags=("two-word",)),
        Case("садочок", "uk", KITA, KITA_NEAR, tags=("synonym",)),
        Case("курси німецької", "uk", GERMAN_COURSE, LANGUAGE_NEAR, tags=("two-word",)),
        Case("вагітність", "uk", PREGNANCY, PREGNANCY_NEAR, tags=("inflected",)),
        Case("залежність", "uk", ADDICTION, tags=("inflected",)),
        Case("плавання", "uk", SWIMMING, SWIMMING_NEAR),
        Case("домашні завдання", "uk", HOMEWORK, HOMEWORK_NEAR, tags=("two-word",)),
        Case("біженці", "uk", REFUGEES, REFUGEES_NEAR, tags=("inflected",)),
        Case("насильство", "uk", VIOLENCE, tags=("crisis",)),
    ]


def _ru() -> list[Case]:
    return [
        Case("акушерка", "ru", MIDWIFE, MIDWIFE_NEAR),
        Case("акушерки", "ru", MIDWIFE, MIDWIFE_NEAR, tags=("plural",)),
        Case("долги", "ru", DEBT, tags=("inflected",)),
        Case("детский сад", "ru", KITA, KITA_NEAR, tags=("two-word",)),
        Case("детсад", "ru", KITA, KITA_NEAR, tags=("synonym",)),
        Case("курсы немецкого", "ru", GERMAN_COURSE, LANGUAGE_NEAR, tags=("two-word",)),
        Case("беременность", "ru", PREGNANCY, PREGNANCY_NEAR, tags=("inflected",)),
        Case("зависимость", "ru", ADDICTION, tags=("inflected",)),
        Case("плавание", "ru", SWIMMING, SWIMMING_NEAR),
        Case("домашние задания", "ru", HOMEWORK, HOMEWORK_NEAR, tags=("two-word",)),
        Case("беженцы", "ru", REFUGEES, REFUGEES_NEAR, tags=("inflected",)),
    ]


CASES: tuple[Case, ...] = (*_de(), *_en(), *_tr(), *_ar(), *_fa(), *_uk(), *_ru())
LANGUAGES: tuple[str, ...] = ("de", "en", "tr", "ar", "fa", "uk", "ru")
