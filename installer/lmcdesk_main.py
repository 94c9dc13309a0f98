"""Entry point of the frozen build: the same `lmcdesk` command as the
checkout's (no sub-command starts the desktop app)."""

import multiprocessing
import os
import sys

from lmcdesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    # "LMC Desk.exe" is built without a console: Windows gives it no stdout or
    # stderr, and a stray print (argparse's usage, a warning) must not crash it.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    sys.exit(main())
