"""Core commands: import, export-json, check, search, demo, meetings.

MEETING arguments accept a full id, a unique start of an id, or a date
(YYYY-MM-DD) when exactly one meeting was held that day (also a year or a
month with one meeting: ``lmcdesk.cli.find_meeting``).  Heavy modules
(SQLAlchemy, the probity engine) are imported inside the commands so that
``lmcdesk --help`` stays quick.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from lmcdesk import errors
from lmcdesk.cli import find_meeting, unit_of_work


# --------------------------------------------------------------------------- helpers


def _write_utf8(text: str) -> None:
    """JSON goes out as UTF-8 even where the console or a redirect would use a
    legacy code page (Windows): names like "Dr Siân Ŵ" must not break it."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


# --------------------------------------------------------------------------- commands


def cmd_import(args) -> int:
    from lmcdesk.services.interchange import import_document, import_file, parse_text

    if args.file == "-":
        doc = parse_text(sys.stdin.buffer.read(), "standard input")
        report = import_document(unit_of_work(args, create=not args.dry_run), doc, source="standard input",
                                 dry_run=args.dry_run)
        name = "standard input"
    else:
        report = import_file(unit_of_work(args, create=not args.dry_run), args.file, dry_run=args.dry_run)
        name = Path(args.file).name
    if args.dry_run:
        print(f"{name} is a valid meeting file. Importing it would give: {report.summary()}. "
              "Nothing was written (--dry-run).")
        return 0
    print(f"Imported {name}: {report.summary()}.")
    for mid in report.meeting_ids:
        print(f"  meeting {mid}")
    if report.papers_missing:
        n = len(report.papers_missing)
        print(f"Note: the file describes {n} paper{'s' if n != 1 else ''} whose file is not in this record "
              "(a meeting file carries no documents; a meeting pack does):")
        for line in report.papers_missing[:10]:
            print(f"  {line}")
    if report.meeting_ids:
        print(f"Next: lmcdesk check {report.meeting_ids[0]}")
    return 0


def cmd_export_json(args) -> int:
    from lmcdesk.services.interchange import dumps, export_meetings

    uow = unit_of_work(args)
    ids = [find_meeting(uow, m).id for m in args.meetings]
    text = dumps(export_meetings(uow, ids))
    if args.output and args.output != "-":
        out = Path(args.output)
        tmp = out.with_name(out.name + ".part")
        try:
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(out)
        except OSError as exc:
            raise errors.InvalidInput(f"Cannot write {str(out)!r}: {exc.strerror or exc}.") from None
        print(f"Wrote {out} ({len(ids)} meeting{'s' if len(ids) != 1 else ''}).", file=sys.stderr)
    else:
        _write_utf8(text)
    return 0


def cmd_check(args) -> int:
    from lmcdesk.services.checks import check

    uow = unit_of_work(args)
    summary = find_meeting(uow, args.meeting)
    result = check(uow, summary.id, today=args.today)
    meeting, findings = result.meeting, result.findings
    n_err, n_warn = result.errors, result.warnings
    if args.json:
        _write_utf8(json.dumps({
            "meeting_id": summary.id,
            "date": summary.date.isoformat(),
            "body": summary.body_name,
            "errors": n_err,
            "warnings": n_warn,
            "findings": [f.as_dict() for f in findings],
        }, indent=2, ensure_ascii=False) + "\n")
        return 1 if n_err else 0

    print(f"{summary.body_name}, {summary.date.isoformat()} ({summary.id})")
    items = {it.id: it for it in meeting.items}
    groups: dict[str, list] = {}
    for f in findings:  # an item-less finding is about the whole meeting
        key = f.item_ids[0] if f.item_ids and f.item_ids[0] in items else ""
        groups.setdefault(key, []).append(f)
    order = [""] + [it.id for it in meeting.ordered_items()]
    for key in order:
        if key not in groups:
            continue
        if key:
            it = items[key]
            print(f"\nItem {it.position}: {it.title}")
        else:
            print("\nWhole meeting")
        for f in groups[key]:
            print(f"  {str(f.severity).upper():7} {f.rule_id}: {f.message}")
    if not findings:
        print("\nNo findings: the record meets every probity rule.")
    else:
        print(f"\n{n_err} error{'s' if n_err != 1 else ''}, {n_warn} warning{'s' if n_warn != 1 else ''}.")
        if n_err:
            print("The minutes cannot be approved until the errors are put right.")
    return 1 if n_err else 0


def cmd_search(args) -> int:
    from lmcdesk.services.search import search

    text = " ".join(args.text)
    hits = search(unit_of_work(args), text, limit=args.limit)
    if not hits:
        print(f"Nothing found for {text!r}.")
        return 0
    for h in hits:
        print(f"{h.meeting_date.isoformat()}  {h.body_name}  {h.item_title}")
        print(f"    {h.snippet}")
        print(f"    meeting {h.meeting_id}, item {h.item_id}")
    return 0


def cmd_demo(args) -> int:
    from lmcdesk.cli import record
    from lmcdesk.services.demo import DEMO_PASSPHRASE, create_demo
    from lmcdesk.services.meetings import list_meetings, summary_line

    opened = record(args, create=True)
    uow = opened.unit_of_work()
    ids = create_demo(uow, keys=opened.keystore).meeting_ids
    by_id = {s.id: s for s in list_meetings(uow)}
    print(f"The fictional Loamshire county is in the record ({len(ids)} meetings):")
    for mid in ids:
        s = by_id.get(mid)
        print("  " + (summary_line(s) if s else mid))
    if ids:
        print(f"The approved minutes are signed with the demo's own key; its passphrase is "
              f"\"{DEMO_PASSPHRASE}\" (fictional, for the demo only).")
        print(f"Try: lmcdesk check {ids[0]}")
    return 0


def cmd_meetings(args) -> int:
    from lmcdesk.services.meetings import list_meetings

    summaries = list_meetings(unit_of_work(args), year=args.year)
    if not summaries:
        print("No meetings in the record yet. `lmcdesk demo` adds a fictional county; "
              "`lmcdesk import FILE.json` adds your own.")
        return 0
    for s in summaries:
        print(f"{s.date.isoformat()}  {s.id}  {s.body_name}  [{s.kind}, {s.status}, "
              f"{s.item_count} item{'s' if s.item_count != 1 else ''}]{'  ' + s.title if s.title else ''}")
    return 0


# --------------------------------------------------------------------------- parser


def register(subparsers) -> None:
    meeting_help = "meeting id, the start of one, or its date YYYY-MM-DD"

    p = subparsers.add_parser("import", help="import a JSON meeting file (docs/meeting-file.md)",
                              description="Check the whole file, then add or update its records "
                                          "in one go; nothing is written if anything is wrong.")
    p.add_argument("file", metavar="FILE.json", help="the meeting file, or - to read standard input")
    p.add_argument("--dry-run", action="store_true",
                   help="check the file against the record and say what would change, writing nothing")
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser("export-json", help="write meetings as a JSON meeting file",
                              description="Write one or more meetings, with every body and person "
                                          "they refer to, as a JSON meeting file.")
    p.add_argument("meetings", nargs="+", metavar="MEETING", help=meeting_help)
    p.add_argument("-o", "--output", metavar="OUT.json", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export_json)

    p = subparsers.add_parser("check", help="run the probity checks on a meeting",
                              description="Print the probity findings for a meeting, grouped by "
                                          "agenda item. Exit status 1 when there is any error.")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--today", type=_parse_day, metavar="YYYY-MM-DD",
                   help="judge as if today were this date (default: today)")
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser("search", help="search item titles, minutes text and decisions")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--limit", type=int, default=50, help="at most this many results (default 50)")
    p.set_defaults(func=cmd_search)

    p = subparsers.add_parser("demo", help="add the fictional Loamshire example county")
    p.set_defaults(func=cmd_demo)

    p = subparsers.add_parser("meetings", help="list the meetings in the record")
    p.add_argument("--year", type=int, help="only meetings in this year")
    p.set_defaults(func=cmd_meetings)
