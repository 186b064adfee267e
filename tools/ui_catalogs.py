"""Maintain the UI catalogs (gettext domain ``angebotslotse``) with babel.

    python tools/ui_catalogs.py            # extract → update → compile
    python tools/ui_catalogs.py extract|update|compile|check

``extract`` collects every ``_()``/``N_()`` string of the window, the domain layer and the
command line into ``translations/angebotslotse.pot``; ``update`` merges it into
``translations/<lang>/LC_MESSAGES/angebotslotse.po`` (new strings arrive untranslated, no
fuzzy guessing, vanished strings are dropped); ``compile`` writes the ``.mo`` files the app
loads; ``check`` lists what is missing and exits 1 (the tests run the same checks).

Why separate from ``tools/i18n.py`` (the handout domain): the UI has its own languages and
sources; both scripts use babel with the same conventions (no locations, sorted output).
Why the babel API and not the command line: the tests reuse :func:`extract_template` to
prove the committed template is current.
"""

from __future__ import annotations

import argparse
import gettext
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
DOMAIN = "angebotslotse"
SOURCES = ("coesfeld_desktop/ui", "coesfeld_desktop/domain", "coesfeld_desktop/commands",
           "coesfeld_desktop/needs", "coesfeld_desktop/corrections",
           "coesfeld_desktop/sync", "coesfeld_desktop/store", "coesfeld_desktop/userdata")
LANGUAGES = ("en", "tr", "ar", "uk")  # German is the source language
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "_n": (1, 2)}
METHOD_MAP = [("**.py", "python")]


def template_path() -> Path:
    return TRANSLATIONS / f"{DOMAIN}.pot"


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def _new_catalog(locale: str | None = None) -> Catalog:
    catalog = Catalog(locale=locale, domain=DOMAIN, project="Angebotslotse", version="0",
                      copyright_holder="Kreis Coesfeld", msgid_bugs_address="",
                      last_translator="Angebotslotse-Team", charset="utf-8")
    catalog.fuzzy = False
    return catalog


def extract_template() -> Catalog:
    """Every marked string under :data:`SOURCES`, as a fresh template catalog."""
    template = _new_catalog()
    for source in SOURCES:
        for _file, _line, message, comments, context in extract_from_dir(
                ROOT / source, METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
            template.add(message, None, auto_comments=comments, context=context)
    return template


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale, domain=DOMAIN)


def _write_po(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=96, no_location=True, sort_output=True,
             ignore_obsolete=True, omit_header=False)
    path.write_bytes(buffer.getvalue())


def extract() -> None:
    _write_po(extract_template(), template_path())


def update() -> None:
    template = read_catalog(template_path())
    for language in LANGUAGES:
        path = po_path(language)
        catalog = read_catalog(path, language) if path.exists() else _new_catalog(language)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.fuzzy = False  # the header; entries keep their own flags
        _write_po(catalog, path)


def compiled_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _expected_messages(catalog: Catalog) -> dict[object, str]:
    expected: dict[object, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string
        if isinstance(message.id, (tuple, list)):
            for index, text in enumerate(strings or ()):
                if text:
                    expected[(message.id[0], index)] = text
        elif isinstance(strings, str) and strings:
            expected[message.id] = strings
    return expected


def mo_is_current(language: str) -> bool:
    """Whether the ``.mo`` holds exactly the ``.po``'s translations (compared by content)."""
    path = mo_path(language)
    if not path.exists():
        return False
    with path.open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)._catalog  # type: ignore[attr-defined]
    actual = {key: value for key, value in compiled.items() if key != ""}
    return actual == _expected_messages(read_catalog(po_path(language), language))


def compile_catalogs() -> None:
    for language in LANGUAGES:
        mo_path(language).write_bytes(compiled_bytes(read_catalog(po_path(language), language)))


def problems() -> list[str]:
    """What is missing or stale, one line each (empty when everything is in order)."""
    found: list[str] = []
    current = {message.id for message in extract_template() if message.id}
    committed = {message.id for message in read_catalog(template_path()) if message.id}
    for message_id in sorted(current - committed, key=str):
        found.append(f"{DOMAIN}.pot lacks {message_id!r} (run: python tools/ui_catalogs.py)")
    for language in LANGUAGES:
        catalog = read_catalog(po_path(language), language)
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                found.append(f"{language}: untranslated or fuzzy: {message.id!r}")
        missing = current - {message.id for message in catalog if message.id}
        for message_id in sorted(missing, key=str):
            found.append(f"{language}: lacks {message_id!r}")
        if not mo_is_current(language):
            found.append(f"{language}: {mo_path(language).name} is older than the .po")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", default="all",
                        choices=("extract", "update", "compile", "check", "all"))
    step = parser.parse_args(argv).step
    if step in ("extract", "all"):
        extract()
    if step in ("update", "all"):
        update()
    if step in ("compile", "all"):
        compile_catalogs()
    if step == "check":
        for line in problems():
            print(line)
        return 1 if problems() else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
