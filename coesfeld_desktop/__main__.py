"""`python -m coesfeld_desktop` behaves exactly like the `angebotslotse` command."""

import sys

from coesfeld_desktop.cli import main

sys.exit(main())
