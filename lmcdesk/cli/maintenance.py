"""``pack-export``, ``pack-import`` and ``verify``: exchange between PCs and tamper evidence."""

from __future__ import annotations

import argparse
from pathlib import Path

from lmcdesk.cli import find_meeting, unit_of_work
from lmcdesk.errors import InvalidInput


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "pack-export",
        help="write meetings, their papers and the directory to a meeting pack file",
        description="Write one or more meetings (with the directory and their papers) to a "
        ".lmcpack file to carry to another PC.",
    )
    p.add_argument("meetings", nargs="+", metavar="MEETING", help="meeting id, unique id prefix or date")
    p.add_argument("-o", "--output", required=True, metavar="OUT.lmcpack", help="the pack file to write")
    p.set_defaults(func=cmd_pack_export)

    p = subparsers.add_parser(
        "pack-import",
        help="merge a meeting pack made on another PC",
        description="Show what a meeting pack would change, then merge it by stable ids. "
        "Approved minutes are never overwritten; records changed both here and in the pack "
        "need --take-theirs or --keep-local.",
    )
    p.add_argument("file", metavar="FILE", help="the .lmcpack file")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--take-theirs", action="store_true", help="for conflicts, take the pack's copy")
    group.add_argument("--keep-local", action="store_true", help="for conflicts, keep this PC's copy")
    p.add_argument(
        "--take-approved",
        action="store_true",
        help="take minutes approved on the other PC over a draft here",
    )
    p.add_argument("--dry-run", action="store_true", help="only show what would change")
    p.set_defaults(func=cmd_pack_import)

    p = subparsers.add_parser(
        "verify",
        help="check that no approved minutes were altered outside LMC Desk",
        description="Recompute every approved minutes version's fingerprint and the seal chain; "
        "exit status 1 if any approved minutes were altered.",
    )
    p.add_argument("--seal-unsealed", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_verify)


def cmd_pack_export(args) -> int:
    from lmcdesk.services import exchange

    out = Path(args.output)
    if out.suffix != ".lmcpack":
        raise InvalidInput(f"Name the pack file with the .lmcpack ending (not {out.name}).")
    with unit_of_work(args) as uow:
        ids = [find_meeting(uow, text).id for text in args.meetings]
        manifest = exchange.export_pack(uow, ids, out)
    papers = len(manifest.files) - 1
    print(f"Wrote {out}: {len(manifest.meeting_ids)} meeting(s), {papers} paper(s).")
    return 0


def cmd_pack_import(args) -> int:
    from lmcdesk.services import exchange

    # A secretary's PC may have no record yet: importing a pack may start one.
    with unit_of_work(args, create=True) as uow:
        preview = exchange.preview_import(uow, args.file)
        for line in preview.summary_lines():
            print(line)
        if args.dry_run:
            print("Dry run: nothing was imported.")
            return 0
        conflicts = (
            exchange.Choice.TAKE_THEIRS if args.take_theirs else exchange.Choice.KEEP_LOCAL if args.keep_local else None
        )
        approved = exchange.Choice.TAKE_THEIRS if args.take_approved else exchange.Choice.KEEP_LOCAL
        taken = exchange.apply_import(uow, preview, conflicts=conflicts, approved=approved).taken
    print(f"Imported {len(taken)} record(s) from {Path(args.file).name}.")
    return 0


def cmd_verify(args) -> int:
    from lmcdesk.services import audit

    with unit_of_work(args) as uow:
        if args.seal_unsealed:
            sealed = audit.seal_unsealed(uow)
            print(f"Sealed {sealed} approved version(s) that had no seal.")
        report = audit.verify(uow)
    if report.ok:
        print(
            f"OK: {report.versions_checked} approved version(s) of {report.meetings_checked} meeting(s)"
            f", {report.seals_checked} seal(s) and {report.log_entries_checked} change log entries checked; "
            "nothing was altered."
        )
        return 0
    print(f"ALTERED: {len(report.problems)} problem(s) with approved minutes:")
    for problem in report.problems:
        print(f"  {problem}")
    return 1
