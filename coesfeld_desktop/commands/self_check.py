"""``angebotslotse self-check`` (also ``--self-check``): prove an installation works, then exit.

Run by the bundle build and by IT after an install: it opens the store (in a temporary data
folder unless ``ANGEBOTSLOTSE_HOME`` is set, so a check never touches real data), runs a
search, builds a handout PDF in memory, starts Qt offscreen to render the app icon and
imports the window's modules (without opening a window). It
prints one line per step; exit status 0 when every step passed, 1 at the first failure
(the line starting with ``FAIL`` names the step).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

from coesfeld_desktop import APP_NAME, __version__
from coesfeld_desktop.paths import HOME_ENV, AppPaths, app_paths, resource_dir, translations_dir

EXIT_OK = 0
EXIT_FAILED = 1
HANDOUT_MODULE = "coesfeld_desktop.handout.compose"
WINDOW_MODULES = ("coesfeld_desktop.ui.app", "coesfeld_desktop.ui.main_window")


class StepFailed(Exception):
    """A check found something wrong; the message says what."""


class Skipped(Exception):  # a verdict, not an error
    """The step cannot run in this build; reported as ``skip``, not a failure."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "self-check", help="check this installation (database, search, handout, Qt) and exit",
        description="Open the database, run a search, build a handout and start Qt "
        "offscreen. Uses a temporary data folder unless ANGEBOTSLOTSE_HOME is set.",
    )
    parser.set_defaults(run=run)


@contextlib.contextmanager
def _data_folder() -> Iterator[tuple[AppPaths, bool]]:
    """``$ANGEBOTSLOTSE_HOME`` if set, else a temporary folder removed afterwards."""
    if os.environ.get(HOME_ENV):
        yield app_paths(), False
        return
    with tempfile.TemporaryDirectory(prefix="angebotslotse-self-check-",
                                     ignore_cleanup_errors=True) as folder:
        os.environ[HOME_ENV] = folder
        try:
            yield app_paths(), True
        finally:
            os.environ.pop(HOME_ENV, None)


class _Checker:
    def __init__(self, paths: AppPaths, temporary: bool) -> None:
        self.paths = paths
        self.temporary = temporary
        self.services: Any = None
        self.offer_ids: list[str] = []

    def paths_step(self) -> str:
        self.paths.ensure()
        return f"{self.paths.home}" + (" (temporary)" if self.temporary else "")

    def logging_step(self) -> str:
        from coesfeld_desktop.logging_setup import configure_logging

        log_file = configure_logging(self.paths)
        logging.getLogger(__name__).info("self-check started, version %s", __version__)
        return str(log_file)

    def preset_step(self) -> str:
        """Which machine-wide preset this installation reads; a broken one fails the check."""
        from coesfeld_desktop.userdata.preset import PresetError, preset_folders, read_preset

        for folder in preset_folders():
            if folder.is_dir():
                try:
                    preset = read_preset(folder)
                except PresetError as error:
                    raise StepFailed(str(error)) from error
                keys = len(list(preset.keys_folder.glob("*.pub"))) if preset.keys_folder else 0
                return f"{folder}: {len(preset.values)} fixed values, {keys} key(s)"
        return "none"

    def resources_step(self) -> str:
        from coesfeld_desktop.startup.directory import demo_directory_path

        resources = resource_dir()
        if not demo_directory_path().is_file():
            raise StepFailed(f"demo directory missing: {demo_directory_path()}")
        fonts = sorted((resources / "fonts").glob("*.ttf"))
        if not fonts:
            raise StepFailed(f"no fonts in {resources / 'fonts'}")
        catalogs = list(translations_dir().glob("*/LC_MESSAGES/*.mo"))
        return f"{resources}: {len(fonts)} fonts, {len(catalogs)} translation catalogs"

    def database_step(self) -> str:
        from sqlalchemy import func, select

        from coesfeld_desktop.services import open_services
        from coesfeld_desktop.startup.recovery import check_and_recover
        from coesfeld_desktop.store import models as m

        report = check_and_recover(self.paths)
        self.services = open_services(self.paths)
        with self.services.database.session() as session:
            offers = session.scalar(select(func.count()).select_from(m.Offer)) or 0
        if offers == 0:
            raise StepFailed("the directory is empty")
        return f"{report.status.value}, {offers} offers"

    def search_step(self) -> str:
        from coesfeld_desktop.search.query import SearchRequest

        everything = self.services.search.search(SearchRequest(text="", limit=5))
        if not everything.hits:
            raise StepFailed("an empty search found no offers")
        first = self.services.directory.summaries(everything.offer_ids[:1])[0]
        word = max(first.title.split(), key=len)
        found = self.services.search.search(SearchRequest(text=word, limit=50))
        if first.id not in found.offer_ids:
            raise StepFailed(f"searching a word of its title did not find offer {first.id}")
        self.offer_ids = everything.offer_ids[:3]
        return f"{everything.total} offers in all; a title word found {found.total}"

    def handout_step(self) -> str:
        if importlib.util.find_spec(HANDOUT_MODULE) is None:
            raise Skipped("module missing")
        from coesfeld_desktop.handout.compose import render_handout
        from coesfeld_desktop.handout.pdf import HandoutOptions

        pdf = render_handout(self.services.database, self.offer_ids, HandoutOptions())
        if not pdf.startswith(b"%PDF"):
            raise StepFailed("the handout is not a PDF")
        return f"{len(self.offer_ids)} offers, {len(pdf)} bytes PDF"

    def sync_step(self) -> str:
        """The bundle can start the sync's worker process and read a signed export in it."""
        import json

        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from coesfeld_desktop.startup.directory import demo_directory_path
        from coesfeld_desktop.sync.export_format import DEFAULT_LIMITS
        from coesfeld_desktop.sync.full_rows import open_full_rows
        from coesfeld_desktop.sync.publisher import build_export

        document = json.loads(demo_directory_path().read_text(encoding="utf-8"))
        export = self.paths.exports / "self-check-export.zip"
        export.parent.mkdir(parents=True, exist_ok=True)
        try:
            manifest = build_export(document, Ed25519PrivateKey.generate(), export)
            with open_full_rows(export, DEFAULT_LIMITS, manifest["files"], worker=True) as rows:
                offers = sum(batch[0] for batch in rows.batches())
        finally:
            export.unlink(missing_ok=True)
        if offers != len(document["offers"]):
            raise StepFailed(f"the worker read {offers} of {len(document['offers'])} offers")
        return f"worker process read {offers} offers of a signed export"

    def qt_step(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6 import __version__ as pyside_version
        from PySide6.QtGui import QImage, QPainter
        from PySide6.QtSvg import QSvgRenderer
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
        icon = resource_dir() / "icons" / "angebotslotse.svg"
        renderer = QSvgRenderer(str(icon))
        if not renderer.isValid():
            raise StepFailed(f"cannot render the app icon {icon}")
        image = QImage(64, 64, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        if image.pixelColor(32, 32).alpha() == 0:
            raise StepFailed("the rendered app icon is empty")
        del app  # kept alive until here; the process ends soon after
        windows = 0
        for module in WINDOW_MODULES:  # proves the bundle has what the window imports
            if importlib.util.find_spec(module) is not None:
                importlib.import_module(module)
                windows += 1
        return (f"PySide6 {pyside_version}, platform {QApplication.platformName()}, "
                f"{windows} window modules imported")

    def close(self) -> None:
        if self.services is not None:
            self.services.close()


def _steps(checker: _Checker) -> list[tuple[str, Callable[[], str]]]:
    return [
        ("paths", checker.paths_step), ("logging", checker.logging_step),
        ("preset", checker.preset_step), ("resources", checker.resources_step),
        ("database", checker.database_step),
        ("search", checker.search_step), ("handout", checker.handout_step),
        ("sync", checker.sync_step), ("qt", checker.qt_step),
    ]


def self_check(out: Any = None) -> int:
    """Run every step, print a report to ``out`` (stdout); returns the exit status."""
    out = out or sys.stdout
    print(f"{APP_NAME} {__version__} self-check", file=out)
    root = logging.getLogger()
    handlers = list(root.handlers)
    with _data_folder() as (paths, temporary):
        checker = _Checker(paths, temporary)
        try:
            for name, step in _steps(checker):
                started = time.perf_counter()
                try:
                    detail = step()
                except Skipped as skipped:
                    print(f"  skip  {name:<10} {skipped}", file=out)
                    continue
                except Exception as error:  # the report is the point
                    print(f"  FAIL  {name:<10} {type(error).__name__}: {error}", file=out)
                    print(f"self-check failed at step: {name}", file=out)
                    logging.getLogger(__name__).exception("self-check step %s failed", name)
                    return EXIT_FAILED
                elapsed = time.perf_counter() - started
                print(f"  ok    {name:<10} {detail} ({elapsed:.2f} s)", file=out)
        finally:
            checker.close()
            for handler in root.handlers[:]:  # let the temporary folder go (Windows)
                if handler not in handlers:
                    root.removeHandler(handler)
                    handler.close()
    print("self-check passed", file=out)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    return self_check()

