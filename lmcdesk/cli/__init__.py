"""The ``lmcdesk`` command.  With no sub-command it starts the desktop app.

Each family of sub-commands lives in its own module with a
``register(subparsers)`` function; every command calls the service layer only.
Errors the user can act on (``LmcDeskError``) are printed as one plain
sentence and exit with status 2; ``check`` exits 1 when it finds errors.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from lmcdesk.errors import LmcDeskError

log = logging.getLogger(__name__)

#: Modules that contribute sub-commands (each has ``register(subparsers)``).
COMMAND_MODULES = (
    "lmcdesk.cli.core",
    "lmcdesk.cli.documents",
    "lmcdesk.cli.maintenance",
    "lmcdesk.cli.office",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lmcdesk",
        description="LMC Desk: meeting records and probity-complete minutes.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or SQLAlchemy URL (default: LMCDESK_DB, else your own LMC Desk data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if not getattr(args, "command", None):
        from lmcdesk.app import main as gui_main

        return gui_main(db=args.db)
    try:
        return int(args.func(args) or 0)
    except LmcDeskError as exc:
        print(f"lmcdesk: {exc.message}", file=sys.stderr)
        if exc.detail:
            print(exc.detail, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
