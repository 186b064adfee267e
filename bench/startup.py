"""Start-up time: from launching the process to the first paint and the first result list.

    python bench/startup.py [--runs 5] [--offers 0 100000] [--stores DIR]

Each run starts a fresh ``python -c ...`` process (so imports and Qt start-up count) on a
data folder whose database was filled beforehand (the usual case: every start but the very
first): ``--offers 0`` is the demo directory, any other number a synthetic directory of that
many offers applied by a real sync (``tests/sync/factory.py``, as ``bench/sync.py`` makes
it; kept in ``--stores`` for the next run). The clock starts in this process right before
launching; the child prints the seconds (and its own CPU time) since then when the window
receives its first paint event, when the first search's answer (the initial empty search)
reaches the window, and when the result list has been painted with its rows (the rows are
read from the store while painting: that is when the counsellor sees the list).

Cold and warm: a *cold* run first evicts the data folder's files from the operating
system's page cache (``posix_fadvise(DONTNEED)``, no root needed), as after a reboot; a
*warm* run follows another start. Python's and Qt's own files stay cached either way.
A bare ``QApplication`` + empty ``QWidget`` is measured the same way as the baseline, so
the numbers can be read against what Qt and Python cost on this machine anyway. Runs of the
baseline, cold and warm starts are interleaved.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0  # first paint (issue 19)
RESULTS_AFTER_PAINT_S = 0.3  # first result list after the first paint
T0_ENV = "ANGEBOTSLOTSE_BENCH_T0"

_COMMON = f"""
import os, sys, time
T0 = float(os.environ["{T0_ENV}"])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def __init__(self):
        super().__init__()
        self.done = False
    def eventFilter(self, obj, event):  # on the application: sees every widget's events
        if (event.type() == QEvent.Type.Paint and not self.done
                and obj.objectName() == "mainWindow"):
            self.done = True
            print(f"paint {{time.time() - T0:.4f}}", flush=True)
            print(f"paintcpu {{time.process_time():.4f}}", flush=True)
            QTimer.singleShot(0, after_paint)
        return False
"""

BASELINE = _COMMON + """
def after_paint():
    app.quit()
app = QApplication(sys.argv)
watcher = FirstPaint()
app.installEventFilter(watcher)
window = QWidget()
window.setObjectName("mainWindow")
window.resize(1280, 800)
window.show()
app.exec()
"""

APP = _COMMON + """
from coesfeld_desktop.ui.app import run_gui
from coesfeld_desktop.ui.main_window import MainWindow

def _window():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None

def after_paint():
    window = _window()
    window.controller.result_ready.connect(first_results)
    def ready():
        if not (window.features_installed and rows_painted.done):
            QTimer.singleShot(1, ready)
            return
        print(f"ready {time.time() - T0:.4f}", flush=True)
        window.controller.shutdown()
        window.close()
    ready()

class RowsPainted(QObject):  # the list's next paint reads its rows: timed at its end
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.done = True
            obj.removeEventFilter(self)
            QApplication.sendEvent(obj, event)  # the list paints its rows now ...
            print(f"rows {time.time() - T0:.4f}", flush=True)  # ... and is on screen
            print(f"rowscpu {time.process_time():.4f}", flush=True)
            return True
        return False

rows_painted = RowsPainted()
rows_painted.done = False

def first_results(*_args):
    if not getattr(first_results, "done", False):  # the result panel's slot ran before this
        first_results.done = True
        print(f"results {time.time() - T0:.4f}", flush=True)
        print(f"resultscpu {time.process_time():.4f}", flush=True)
        _window().results.shown_page().installEventFilter(rows_painted)

def install_watcher():
    QApplication.instance().installEventFilter(watcher)

watcher = FirstPaint()
QTimer.singleShot(0, install_watcher)  # the app object exists once run_gui made it
_ = QApplication.instance() or QApplication(sys.argv)
install_watcher()
sys.exit(run_gui([]))  # exactly the start of `angebotslotse`: log, single instance, health check
"""


def _run_once(code: str, env: dict[str, str]) -> dict[str, float]:
    env = dict(env)
    env[T0_ENV] = repr(time.time())
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"start-up run failed:\n{done.stderr}")
    return {key: float(value)
            for key, value in re.findall(
                r"^(paint|paintcpu|results|resultscpu|rows|rowscpu|ready) ([0-9.]+)$",
                done.stdout, re.M)}


def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def _evict(folder: Path) -> None:
    """Drop the data folder's files from the OS page cache: the next start reads the disk."""
    for path in folder.rglob("*"):
        if path.is_file():
            handle = os.open(path, os.O_RDONLY)
            try:
                os.fsync(handle)  # dirty pages cannot be dropped
                os.posix_fadvise(handle, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(handle)


BUILD_STORE = """
import sys
from pathlib import Path
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.userdata.settings import SettingsService
from tests.sync.factory import make_document, trusted

offers, home = int(sys.argv[1]), Path(sys.argv[2])
key = Ed25519PrivateKey.generate()
document = make_document(offers, sequence=1, orgs=max(1, offers // 50),
                         locations=max(1, offers // 20))
export = home.parent / f"export-{offers}.zip"
build_export(document, key, export)
del document
paths = AppPaths(home).ensure()
database = Database(paths.database)
SyncService(database, paths, trusted(key)).sync(str(export))
SettingsService(database).set("first_run_done", "1")
database.close()
export.unlink()
"""


def _store(offers: int, stores: Path, env: dict[str, str]) -> Path:
    """A data folder filled with the demo (``offers`` 0) or by a sync of ``offers`` offers."""
    home = stores / ("demo" if offers == 0 else f"offers-{offers}")
    marker = home / "bench-ready"
    if marker.exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    run_env = dict(env, ANGEBOTSLOTSE_HOME=str(home))
    if offers == 0:
        code = ("from coesfeld_desktop.services import open_services; "
                "s = open_services(); s.settings.set('first_run_done', '1'); s.close()")
        subprocess.run([sys.executable, "-c", code], env=run_env, cwd=ROOT, check=True,
                       timeout=300)
    else:
        print(f"building a store of {offers:,} offers by a sync ...", flush=True)
        subprocess.run([sys.executable, "-c", BUILD_STORE, str(offers), str(home)],
                       env=run_env, cwd=ROOT, check=True, timeout=3600)
    marker.write_text("ok")
    return home


KINDS = ("baseline", "cold", "warm")


def measure(runs: int, platform_name: str, offers: int, stores: Path
            ) -> dict[str, list[dict[str, float]]]:
    env = dict(os.environ, QT_QPA_PLATFORM=platform_name)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # An installed app runs from compiled bytecode; let the warm-up run write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    home = _store(offers, stores, env)
    env["ANGEBOTSLOTSE_HOME"] = str(home)
    _run_once(APP, env)  # compiles bytecode, opens the store once; not counted
    found: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
    for _ in range(runs):
        found["baseline"].append(_run_once(BASELINE, env))
        _evict(home)
        found["cold"].append(_run_once(APP, env))
        found["warm"].append(_run_once(APP, env))
    return found


def _median(found: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in found)


def _after_paint(runs: list[dict[str, float]], key: str) -> float:
    """Median of ``key`` minus the paint's value, run by run."""
    paint = "paintcpu" if key.endswith("cpu") else "paint"
    return statistics.median(run[key] - run[paint] for run in runs)


def table_rows(offers: int, found: dict[str, list[dict[str, float]]]) -> list[str]:
    """One Markdown row per start kind: medians of wall and CPU time."""
    name = "demo (325)" if offers == 0 else f"{offers:,}"
    base = found["baseline"]
    rows = [f"| {name} | baseline (empty QWidget) | {_median(base, 'paint'):.2f} | "
            f"{_median(base, 'paintcpu'):.2f} | – | – | – | – | – |"]
    for kind in ("cold", "warm"):
        runs = found[kind]
        paint_cpu = _median(runs, "paintcpu")
        rows_cpu = _after_paint(runs, "rowscpu")
        met = paint_cpu <= TARGET_S and rows_cpu <= RESULTS_AFTER_PAINT_S
        rows.append(
            f"| {name} | {kind} | {_median(runs, 'paint'):.2f} | {paint_cpu:.2f} | "
            f"{_after_paint(runs, 'results'):+.2f} | {_after_paint(runs, 'resultscpu'):+.2f} | "
            f"{_after_paint(runs, 'rows'):+.2f} | {rows_cpu:+.2f} | {'yes' if met else 'no'} |")
    return rows


def table(results: dict[int, dict[str, list[dict[str, float]]]], runs: int,
          platform_name: str) -> str:
    lines = [
        f"{runs} runs of each kind (medians), QT_QPA_PLATFORM={platform_name}, Python "
        f"{platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the end; "
        "seconds: the paint from process launch, the rest after the paint; results: the "
        "first search's answer reached the window; rows: the result list painted with its "
        "rows (what the counsellor sees).",
        "",
        "| offers | start | first paint | CPU at paint | results | CPU | rows on screen | CPU "
        f"| ≤ {TARGET_S:.1f} s and rows +{RESULTS_AFTER_PAINT_S:.1f} s (CPU) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for offers, found in results.items():
        lines += table_rows(offers, found)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Start-up time to the first paint.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--offers", type=int, nargs="+", default=[0, 100_000],
                        help="stores to start on: 0 = the demo directory (default: 0 100000)")
    parser.add_argument("--stores", type=Path,
                        default=Path(tempfile.gettempdir()) / "angebotslotse-bench-startup",
                        help="where the filled data folders are kept between runs")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                        help="Qt platform plugin (offscreen, xcb under Xvfb, windows, ...)")
    args = parser.parse_args()
    results = {offers: measure(args.runs, args.platform, offers, args.stores)
               for offers in args.offers}
    print(table(results, args.runs, args.platform))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
