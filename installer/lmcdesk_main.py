"""Entry point of the frozen build: the same `lmcdesk` command as the
checkout's (no sub-command starts the desktop app)."""

import multiprocessing
import sys

from lmcdesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
