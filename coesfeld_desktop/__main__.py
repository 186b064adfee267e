"""`python -m coesfeld_desktop` behaves exactly like the `angebotslotse` command."""

import multiprocessing
import sys

from coesfeld_desktop.cli import main

if __name__ == "__main__":
    # in a frozen build the sync's worker process (sync/full_rows.py) starts as this program
    multiprocessing.freeze_support()
    sys.exit(main())
