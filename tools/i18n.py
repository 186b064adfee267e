"""Maintain the gettext catalogs with babel: extract → update → compile.

    python tools/i18n.py                 # the handout domain: all three steps
    python tools/i18n.py extract|update|compile [--domain handout]

Why a script: the commands and their options (keywords, paths, languages) live in one
place, and the compiled ``.mo`` files are committed so the app needs no build step.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
DOMAINS = {
    # domain: (sources to extract from, catalog languages); the helplines' names and notes
    # in resources/crisis.txt are handout messages too (see MAPPING)
    "handout": (["coesfeld_desktop/handout", "resources"],
                ["en", "tr", "ar", "fa", "uk", "ru", "pl", "ro", "ku", "ti", "de_x_easy"]),
}
# which files babel reads and how (paths relative to each source folder)
MAPPING = Path(__file__).resolve().parent / "handout_babel.cfg"


def _babel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True,
                   cwd=ROOT)


def extract(domain: str) -> None:
    sources, _ = DOMAINS[domain]
    _babel("extract", "--no-location", "--sort-output", "-k", "N_", "-k", "_", "-k", "Nn_:1,2",
           "-F", str(MAPPING),
           "--project", "Angebotslotse", "--copyright-holder", "Kreis Coesfeld",
           "-o", str(TRANSLATIONS / f"{domain}.pot"), *sources)


def _catalog(domain: str, language: str, suffix: str = "po") -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{domain}.{suffix}"


def _babel_locale(language: str) -> str:
    """CLDR has no locale for private-use tags: ``de_x_easy`` (Leichte Sprache) uses ``de``."""
    return language.split("_x_")[0]


def update(domain: str) -> None:
    _, languages = DOMAINS[domain]
    template = TRANSLATIONS / f"{domain}.pot"
    for language in languages:
        catalog = _catalog(domain, language)
        locale = _babel_locale(language)
        if catalog.exists():
            _babel("update", "--no-fuzzy-matching", "-i", str(template), "-o", str(catalog),
                   "-l", locale)
        else:
            catalog.parent.mkdir(parents=True, exist_ok=True)
            _babel("init", "-i", str(template), "-o", str(catalog), "-l", locale)


def compile_catalogs(domain: str) -> None:
    _, languages = DOMAINS[domain]
    for language in languages:
        _babel("compile", "--statistics", "-i", str(_catalog(domain, language)),
               "-o", str(_catalog(domain, language, "mo")), "-l", _babel_locale(language))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", choices=("extract", "update", "compile", "all"),
                        default="all")
    parser.add_argument("--domain", choices=sorted(DOMAINS), default="handout")
    args = parser.parse_args(argv)
    if args.step in ("extract", "all"):
        extract(args.domain)
    if args.step in ("update", "all"):
        update(args.domain)
    if args.step in ("compile", "all"):
        compile_catalogs(args.domain)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
