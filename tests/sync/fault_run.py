"""Run one sync in this process and SIGKILL it at a chosen write (for ``test_fault.py``).

    python -m tests.sync.fault_run HOME EXPORT N      # killed after the N-th write statement
    python -m tests.sync.fault_run HOME EXPORT commit  # killed right after the commit

The kill is injected as the sync's :class:`~coesfeld_desktop.sync.apply.WriteObserver`, so
production code holds no fault hook and the tests need no timing.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.service import SyncService


class KillAt:
    def __init__(self, after: int | None, at_commit: bool) -> None:
        self.after, self.at_commit = after, at_commit

    def statement(self, count: int) -> None:
        if self.after is not None and count >= self.after:
            os.kill(os.getpid(), signal.SIGKILL)

    def committed(self) -> None:
        if self.at_commit:
            os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> int:
    home, export, when = Path(argv[0]), argv[1], argv[2]
    observer = KillAt(None, True) if when == "commit" else KillAt(int(when), False)
    paths = AppPaths(home).ensure()
    database = Database(paths.database)
    try:
        outcome = SyncService(database, paths, observer=observer).sync(export)
    finally:
        database.close()
    return 0 if outcome.applied else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
