"""``python -m benchmarks [--quick] [--runs N] [--only NAME] [--rebuild]``."""

from __future__ import annotations

import sys

from .runner import main

if __name__ == "__main__":
    sys.exit(main())
