"""`python -m coesfeld_desktop` behaves exactly like the `angebotslotse` command."""

import sys

from coesfeld_desktop.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # in a frozen build the sync's worker process (sync/full_rows.py) starts as this
        # program; unfrozen, freeze_support does nothing and multiprocessing need not load
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
