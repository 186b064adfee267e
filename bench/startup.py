"""Start-up time: from launching the process to the first paint of the main window.

    python bench/startup.py [--runs 5] [--write-docs]

Each run starts a fresh ``python -c ...`` process (so imports and Qt start-up count) on a
data folder whose database was filled with the demo directory beforehand (the usual case:
every start but the very first). The clock starts in this process right before launching;
the child prints the seconds since then when the window receives its first paint event,
and again when the first result list (the initial empty search) is on screen.
A bare ``QApplication`` + empty ``QWidget`` is measured the same way as the baseline, so
the numbers can be read against what Qt and Python cost on this machine anyway.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.5
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
        if not window.features_installed:
            QTimer.singleShot(1, ready)
            return
        print(f"ready {time.time() - T0:.4f}", flush=True)
        window.controller.shutdown()
        window.close()
    ready()

def first_results(*_args):
    if not getattr(first_results, "done", False):  # the result panel's slot ran before this
        first_results.done = True
        print(f"results {time.time() - T0:.4f}", flush=True)

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
            for key, value in re.findall(r"^(paint|paintcpu|results|ready) ([0-9.]+)$",
                                         done.stdout, re.M)}


def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def measure(runs: int, platform_name: str) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix="angebotslotse-bench-") as home:
        env = dict(os.environ, ANGEBOTSLOTSE_HOME=home, QT_QPA_PLATFORM=platform_name)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        # An installed app runs from compiled bytecode; let the warm-up run write it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-c",
                        "from coesfeld_desktop.services import open_services; "
                        "s = open_services(); s.settings.set('first_run_done', '1'); "
                        "s.close()"], env=env, cwd=ROOT, check=True, timeout=300)
        _run_once(APP, env)  # warm the OS file cache once; not counted
        found: dict[str, list[float]] = {"baseline": [], "baseline_cpu": [], "paint": [],
                                         "paint_cpu": [], "results": [], "ready": []}
        for _ in range(runs):
            baseline = _run_once(BASELINE, env)
            found["baseline"].append(baseline["paint"])
            found["baseline_cpu"].append(baseline["paintcpu"])
            app = _run_once(APP, env)
            found["paint"].append(app["paint"])
            found["paint_cpu"].append(app["paintcpu"])
            found["results"].append(app["results"])
            found["ready"].append(app["ready"])
    return found


def table(found: dict[str, list[float]], runs: int, platform_name: str) -> str:
    rows = [
        ("bare QApplication + empty QWidget (baseline)", found["baseline"]),
        ("CPU time of the baseline process at its first paint", found["baseline_cpu"]),
        ("Angebotslotse main window, first paint", found["paint"]),
        ("CPU time of the Angebotslotse process at first paint", found["paint_cpu"]),
        ("Angebotslotse, first result list shown", found["results"]),
        ("Angebotslotse, all menus in (handout feature loaded)", found["ready"]),
    ]
    lines = [
        f"{runs} runs each, QT_QPA_PLATFORM={platform_name}, Python "
        f"{platform.python_version()}, {platform.system()} {platform.machine()},",
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the end, "
        "database already initialised with the demo directory, bytecode compiled.",
        "",
        "| measured from process launch to … | median | min | max | target |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, values in rows:
        median, low, high = _stats(values)
        target = f"≤ {TARGET_S:.1f} s" if label.endswith("main window, first paint") else ""
        lines.append(f"| {label} | {median:.2f} s | {low:.2f} s | {high:.2f} s | {target} |")
    median_paint = statistics.median(found["paint"])
    verdict = "within" if median_paint <= TARGET_S else "over"
    lines += ["", f"Median first paint {median_paint:.2f} s: {verdict} the target of "
              f"{TARGET_S:.1f} s in this run."]
    return "\n".join(lines)


def write_docs(text: str, docs: Path) -> None:
    """Replace (or add) the "## Start-up" section of ``docs``, leaving every other section."""
    body = docs.read_text(encoding="utf-8") if docs.exists() else "# Performance\n"
    section = (
        "## Start-up\n\n"
        "`python bench/startup.py --write-docs` launches a new Python process per run that\n"
        "does what `run_gui` does: `open_main_window(lazy_services(app_paths()))` on a data\n"
        "folder already initialised with the demo directory (as on every start but the\n"
        "first). Times run from just before the launch to the window's\n"
        "first paint event, to the first result list (the initial empty search, run off the GUI\n"
        "thread) and to the moment the plug-in features (the handout menu, which imports the PDF\n"
        "stack) are installed, which `open_main_window` deliberately does only after the first\n"
        "paint and the first results. A bare `QApplication` + empty `QWidget` is measured in the\n"
        "same run as the baseline. Target: first paint ≤ 1.5 s.\n\n"
        f"{text}\n\n"
        "Wall time on this shared 2-CPU box depends on what else runs; the CPU rows (the\n"
        "process's own CPU time) are steadier. How the window gets to its first paint fast:\n"
        "opening the services imports SQLAlchemy (≈ 0.55–0.7 s CPU here), the store models and\n"
        "the search (≈ 0.1 s each), about half of all start-up CPU. The window's modules import\n"
        "them lazily, `run_gui` hands the window `Services` that open on first use, and\n"
        "`MainWindow.load()` (filter lists, Datenstand, Merkliste, the initial search) runs\n"
        "right after the first paint. Before that change the same bench gave a median first\n"
        "paint of 2.0–2.3 s (CPU 1.6–1.8 s) at the same load. What is left before the paint:\n"
        "Python and PySide6 (the baseline), the window's own modules with babel ≈ 0.1–0.15 s,\n"
        "building the window ≈ 0.1 s. The handout feature's PDF stack is imported last, after\n"
        "the first result list is on screen.\n"
    )
    pattern = re.compile(r"^## Start-up\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(body):
        body = pattern.sub(lambda _match: section + "\n", body, count=1).rstrip("\n") + "\n"
    else:
        body = body.rstrip("\n") + "\n\n" + section
    docs.write_text(body, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description="Start-up time to the first paint.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                        help="Qt platform plugin (offscreen, xcb under Xvfb, windows, ...)")
    parser.add_argument("--write-docs", action="store_true",
                        help='write the table into the "## Start-up" section of '
                             "docs/performance.md")
    args = parser.parse_args()
    found = measure(args.runs, args.platform)
    text = table(found, args.runs, args.platform)
    print(text)
    median_paint = statistics.median(found["paint"])
    verdict = "within" if median_paint <= TARGET_S else "OVER"
    print(f"\nmedian first paint {median_paint:.2f} s: {verdict} the target of {TARGET_S} s")
    if args.write_docs:
        write_docs(text, ROOT / "docs" / "performance.md")
    return 0 if median_paint <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
