"""The ``lmcdesk`` command.  With no sub-command it starts the desktop app.

Each family of sub-commands lives in its own module with a
``register(subparsers)`` function; every command calls the service layer only,
with a unit of work from :func:`unit_of_work` (the record opened through
``lmcdesk.bootstrap``, once per command).
Errors the user can act on (``LmcDeskError``) are printed as one plain
sentence and exit with status 2; ``check`` exits 1 when it finds errors.
Output piped into a reader that stops early (``lmcdesk import ... | head``)
ends quietly with status 141, as a command killed by SIGPIPE would.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from typing import TYPE_CHECKING

from lmcdesk.errors import LmcDeskError, NotFound

if TYPE_CHECKING:  # pragma: no cover
    from lmcdesk.bootstrap import Record
    from lmcdesk.services.dto import MeetingSummary
    from lmcdesk.services.unit_of_work import UnitOfWork

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
    try:
        args = parser.parse_args(argv)  # prints --help and usage errors itself
    except BrokenPipeError:
        return _pipe_closed()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if not getattr(args, "command", None):
        from lmcdesk.app import main as gui_main

        return gui_main(db=args.db)
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a reader gone away shows here, not at exit
        return code
    except BrokenPipeError:
        return _pipe_closed()
    except LmcDeskError as exc:
        print(error_text(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        opened = getattr(args, "_record", None)
        if opened is not None:
            opened.close()


# --------------------------------------------------------------------------- the record


def record(args: argparse.Namespace, *, create: bool = False) -> Record:
    """The record the command works on (``--db``), opened once per command by
    the composition root.  A ``--db`` path that does not exist is refused unless
    ``create`` (``import``, ``demo``, ``pack-import``).  No instance lock: a
    command is a few short transactions, and works while a window is open."""
    opened = getattr(args, "_record", None)
    if opened is None:
        from lmcdesk.bootstrap import open_record

        opened = args._record = open_record(getattr(args, "db", None), create=create, lock=False)
        if opened.notice:  # e.g. an older archive read from an up-to-date temporary copy
            print(f"lmcdesk: note: {opened.notice}", file=sys.stderr)
    return opened


def unit_of_work(args: argparse.Namespace, *, create: bool = False) -> UnitOfWork:
    """A unit of work on the command's record (see :func:`record`)."""
    return record(args, create=create).unit_of_work()


def find_meeting(uow: UnitOfWork, reference: str) -> MeetingSummary:
    """The meeting a MEETING argument names (id, unique start of an id, date,
    year or month): ``services.meetings.find_meeting``, with a hint."""
    from lmcdesk.services import meetings

    try:
        return meetings.find_meeting(uow, reference)
    except NotFound as exc:
        raise NotFound(f"{exc.message} `lmcdesk meetings` lists them all.") from None


#: Exit status of a command whose output pipe was closed (128 + SIGPIPE).
EXIT_PIPE_CLOSED = 141


def _pipe_closed() -> int:
    """The reader of standard output has gone (``| head``): say nothing more.
    Standard output is pointed at the null device so that Python's flush at
    exit does not raise the same error again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture it)
        pass
    return EXIT_PIPE_CLOSED


def error_text(exc: LmcDeskError) -> str:
    """What the CLI prints for an error: the message once; the detail only
    where it adds something.  A meeting file with several problems is told as
    a list (its message is the first of them, so it is not repeated)."""
    problems = getattr(exc, "problems", None)
    if problems is not None:
        if len(problems) <= 1:
            return f"lmcdesk: {exc.message}"
        listed = [line for line in exc.detail.splitlines() if line.startswith("- ")]
        return "\n".join([f"lmcdesk: {len(problems)} problems in the meeting file (nothing was written):", *listed])
    said = exc.message.strip()
    extra = [line for line in exc.detail.splitlines() if line.strip().removeprefix("- ").strip() != said]
    if not any(line.strip() for line in extra):
        return f"lmcdesk: {exc.message}"
    return "\n".join([f"lmcdesk: {exc.message}", *extra])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
