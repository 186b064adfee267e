"""Render the main window with the demo data to a PNG (offscreen, no display needed).

    python tools/screenshot.py [--out docs/screenshots/main-window.png] [--query sprach]

A throwaway home folder is used unless ``--home`` names one, so the demo directory is
loaded fresh and nothing of a real installation is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QDate, QTime
from PySide6.QtGui import QFont, QPixmap

from coesfeld_desktop.domain.timeline import Child, Family, Month
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.services import open_services
from coesfeld_desktop.ui.app import make_application, open_main_window
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.ui.zoom import apply_zoom


def _settle(window: MainWindow, features: bool = False) -> None:
    for _ in range(1000):
        QCoreApplication.processEvents()
        if window.controller.idle and window.loaded and (
                window.features_installed or not features):
            break
        window.controller.thread().msleep(10)
    QCoreApplication.processEvents()


def _family(spec: str) -> Family:
    """``5:4,16,due:2027-05``: a child of 5 born in April, one of 16, a baby due in May."""
    children, due = [], None
    for part in spec.split(","):
        if part.startswith("due:"):
            year, month = part[4:].split("-")
            due = Month(int(year), int(month))
        else:
            age, _sep, month = part.partition(":")
            children.append(Child(int(age), int(month) if month else None))
    return Family(tuple(children), due)


def _handover(window: MainWindow, language: str, width: int, height: int,
              sheet_out: Path | None) -> QPixmap:
    """The Vermittlung dialog with its preview built (and the sheet written to
    ``sheet_out``)."""
    assert window.handover_actions is not None
    dialog = window.handover_actions.open_dialog()
    dialog.resize(width, height)
    dialog.language.setCurrentIndex(dialog.language.findData(language))
    if dialog.rows:
        row = dialog.rows[0]
        row.has_date.setChecked(True)
        row.date.setDate(QDate.currentDate().addDays(5))
        row.has_time.setChecked(True)
        row.time.setTime(QTime(10, 30))
    dialog.generate_now()
    for _ in range(3000):
        QCoreApplication.processEvents()
        built = dialog.controller.current
        if built is not None and built.entries == tuple(dialog.entries()):
            break
        window.controller.thread().msleep(10)
    _settle(window)
    if sheet_out is not None and dialog.current_pdf is not None:
        sheet_out.parent.mkdir(parents=True, exist_ok=True)
        sheet_out.write_bytes(dialog.current_pdf)
    return dialog.grab()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots/main-window.png"))
    parser.add_argument("--query", default="sprach")
    parser.add_argument("--row", type=int, default=0, help="which result to open")
    parser.add_argument("--home", type=Path, help="use this installation folder")
    parser.add_argument("--language", default="de")
    parser.add_argument("--age", type=int, help="the child's age filter")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--zoom", type=int, default=100, help="text size in percent")
    parser.add_argument("--collect", type=int, default=0,
                        help="put this many results on the Gesprächsliste")
    parser.add_argument("--next-steps", metavar="FAMILY",
                        help="grab „Was kommt als Nächstes?“ for a family such as "
                             "'5:4,16,due:2027-05' (age[:birth month], expected month)")
    parser.add_argument("--town", default="Dülmen", help="the family's town (--next-steps)")
    parser.add_argument("--family", metavar="LANGUAGE",
                        help="grab the family view (F11) of the Gesprächsliste in LANGUAGE "
                             "(use with --collect)")
    parser.add_argument("--offer", action="append", default=[],
                        help="put this offer on the Gesprächsliste (repeatable)")
    parser.add_argument("--handover", metavar="LANGUAGE",
                        help="grab the Vermittlung dialog for the Gesprächsliste with the "
                             "sheet in LANGUAGE (use with --collect); the first offer gets an "
                             "appointment in five days at 10:30")
    parser.add_argument("--sheet-out", type=Path,
                        help="with --handover: also write the previewed sheet (PDF) here")
    parser.add_argument("--needs", choices=("view", "record"),
                        help="grab the needs analysis view or the Anliegen dialog instead")
    args = parser.parse_args()

    app = make_application([], args.language)
    app.setFont(QFont("DejaVu Sans", 9))
    apply_zoom(app, args.zoom)
    with tempfile.TemporaryDirectory() as scratch:
        home = args.home or Path(scratch)
        services = open_services(AppPaths(home))
        try:
            window = open_main_window(services, args.language)  # as run_gui: with features
            width, height = (int(part) for part in args.size.split("x"))
            window.resize(width, height)
            filters = window.splitter.widget(0).sizeHint().width()
            window.splitter.setSizes([filters, 430, width - filters - 430])
            _settle(window, features=True)
            if args.age is not None:
                window.filters.age.setValue(args.age)
            window.search_field.setText(args.query)
            window.controller.request_now(window._request())
            _settle(window)
            services.saved_list.add_offers(window.results_model.offer_ids()[:args.collect])
            services.saved_list.add_offers(args.offer)
            window.results.move_current(args.row + 1)
            window.search_field.setFocus()
            _settle(window)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            shown = window.grab()
            if args.needs and window.needs_actions is not None:
                dialog = (window.needs_actions.open_view() if args.needs == "view"
                          else window.needs_actions.open_record_dialog())
                dialog.resize(width, height) if args.needs == "view" else dialog.adjustSize()
                if args.needs == "view":
                    view = window.needs_actions.open_view()
                    view.resize(width, height)
                    while view.analysis is None:  # its numbers are worked out off-thread
                        QCoreApplication.processEvents()
                        window.runner.wait_all(10)
                    view.map.current = (3, 2)  # Dülmen, 3-6 (Kita)
                    view.show_cell(3, 2)
                    dialog.close()
                    dialog = view
                _settle(window)
                shown = dialog.grab()
            if args.next_steps and window.next_steps_actions is not None:
                view = window.next_steps_actions.open_view()
                view.resize(width, height)
                view.town.setCurrentIndex(view.town.findData(args.town))
                view.set_family(_family(args.next_steps))
                for _ in range(3000):
                    QCoreApplication.processEvents()
                    if view.idle:
                        break
                    window.controller.thread().msleep(10)
                view.steps.setCurrentRow(min(1, view.steps.count() - 1))
                _settle(window)
                shown = view.grab()
            if args.family:
                family = window.family.open(services.saved_list.offer_ids(), 0,
                                            full_screen=False)
                if family is not None:
                    family.set_language(args.family)
                    family.resize(width, height)
                    _settle(window)
                    family._arrange()
                    _settle(window)
                    shown = family.grab()
            if args.handover and window.handover_actions is not None:
                shown = _handover(window, args.handover, width, height, args.sheet_out)
            if not shown.save(str(args.out)):
                print(f"could not write {args.out}", file=sys.stderr)
                return 1
            print(f"wrote {args.out} ({width}x{height}, query {args.query!r})")
            window.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
