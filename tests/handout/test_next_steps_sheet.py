"""The next-steps sheet read back from the PDF: one page for a typical family, the months in
the family's language, the columns (and QR codes) mirrored right to left."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pdfplumber
import pytest
from pdfread import missing_glyphs, read_pdf, squash, unshaped

from coesfeld_desktop.domain.formatting import month_text
from coesfeld_desktop.domain.timeline import Child, Family, Month, NextStepsPlan
from coesfeld_desktop.handout import next_steps_sheet as sheet
from coesfeld_desktop.handout.labels import HANDOUT_LANGUAGES, Labels
from coesfeld_desktop.handout.pdf import CentreHeader
from coesfeld_desktop.search.next_steps import NextStepsService
from coesfeld_desktop.services import Services

TODAY = dt.date(2026, 10, 5)
# scenario 1: a five-year-old who turns six in April, a baby due in March, Dülmen
TYPICAL = Family((Child(5, 4),), due=Month(2027, 3))
A4_WIDTH = 595.27


@pytest.fixture
def plan(services: Services) -> NextStepsPlan:
    return NextStepsService(services.search).plan(TYPICAL, "Dülmen", TODAY)


def _build(services: Services, plan: NextStepsPlan, language: str) -> bytes:
    return sheet.render_next_steps(services.database, plan, language,
                                   CentreHeader(name="Familienbüro Dülmen"), TODAY)


@pytest.mark.parametrize("language", ["de", "ar", "uk", "ti"])
def test_a_typical_family_fits_one_page_in_the_familys_language(
        services: Services, plan: NextStepsPlan, language: str) -> None:
    read = read_pdf(_build(services, plan, language))
    labels = Labels(language)
    assert read.pages == 1
    assert missing_glyphs(read) == []
    text = squash(read.text)
    assert squash(labels(sheet.TITLE)) in text
    assert labels(sheet.TITLE) != sheet.TITLE or language == "de"
    # the first step: this month, named by babel in the family's language
    first = plan.timeline.steps[0]
    assert first.milestone.id == "school_registration"
    october = month_text(2026, 10, language)
    name = squash(october.split()[0])
    assert name in text
    title = squash(first.milestone.title.get(language))
    # the month column and the step's title share a line: in reading order the month comes
    # first, so it stands left of the title on a German page and right of it in Arabic
    lines = [(squash(unshaped(row)) if labels.rtl else squash("".join(c["text"] for c in row)),
              row) for page in read.line_chars for row in page]
    found = [(line, row) for line, row in lines if title in line]
    assert found, title
    line, row = found[0]
    assert name in line[:line.index(title)]
    glyphs = [c for c in row if not c["text"].isspace()]
    title_side = glyphs[:len(glyphs) // 2] if labels.rtl else glyphs[len(glyphs) // 2:]
    month_side = glyphs[len(glyphs) // 2:] if labels.rtl else glyphs[:len(glyphs) // 2]
    if labels.rtl:
        assert min(c["x0"] for c in month_side) > max(c["x1"] for c in title_side[:3])
    else:
        assert max(c["x1"] for c in month_side[:3]) < min(c["x0"] for c in title_side)
    # the step's offer with its phone number (never broken), and the Lotse's
    help_ = plan.help_for(first)
    assert help_.offers and help_.guide
    printed = squash(read.text.replace("\u2011", "-"))
    for offer_id in (help_.offers[0], help_.guide):
        detail = services.directory.detail(offer_id, language)
        assert detail is not None
        phone = next(iter([*detail.phones, *(p for c in detail.contacts for p in c.phones)]))
        assert squash(phone) in printed


@pytest.mark.parametrize("language", ["de", "ar"])
def test_qr_codes_stand_at_the_outer_edge_mirrored_right_to_left(
        services: Services, plan: NextStepsPlan, language: str) -> None:
    with pdfplumber.open(io.BytesIO(_build(services, plan, language))) as pdf:
        rects = [rect for rect in pdf.pages[0].rects if rect["width"] < 3]
    assert len(rects) > 200  # QR modules
    if language == "ar":
        assert max(rect["x1"] for rect in rects) < A4_WIDTH * 0.25
    else:
        assert min(rect["x0"] for rect in rects) > A4_WIDTH * 0.75
    # one code per step with an offer: their modules fill as many separate bands
    tops = sorted({round(rect["top"]) for rect in rects})
    bands = 1 + sum(1 for a, b in itertools.pairwise(tops) if b - a > 3)
    assert bands == sum(1 for help_ in plan.help if help_.offers or help_.guide)


@pytest.mark.parametrize("language", HANDOUT_LANGUAGES)
def test_every_handout_language_builds_with_its_own_words(
        services: Services, plan: NextStepsPlan, language: str) -> None:
    read = read_pdf(_build(services, plan, language))
    assert missing_glyphs(read) == []
    labels = Labels(language)
    assert squash(labels(sheet.TITLE)) in squash(read.text)
    for word in sheet.NEXT_STEPS_WORDS:
        if language not in ("de", "de-x-easy"):
            assert labels(word) != word, (language, word)


def test_the_town_sets_the_date_says_so_and_an_unknown_birth_month_says_about(
        services: Services) -> None:
    service = NextStepsService(services.search)
    plan = service.plan(Family((Child(5),)), None, TODAY)
    read = read_pdf(_build(services, plan, "de"))
    text = read.text
    assert "etwa" in text  # no birth month: the dates are approximate
    confirm = [step for step in plan.timeline.steps if step.milestone.confirm]
    assert confirm and "Den genauen Termin sagt Ihnen die Stadt." in " ".join(
        text.split())
