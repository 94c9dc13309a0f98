"""Core commands: import, export-json, check, search, demo, meetings.

MEETING arguments accept a full id, a unique start of an id, or a date
(YYYY-MM-DD) when exactly one meeting was held that day.  Heavy modules
(SQLAlchemy, the probity engine) are imported inside the commands so that
``lmcdesk --help`` stays quick.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

from lmcdesk import errors

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --------------------------------------------------------------------------- helpers


def _uow(args, *, create: bool = False):
    """A unit of work on the record; only ``import`` and ``demo`` may start a
    new record at a ``--db`` path that does not exist yet (``open_for_cli``)."""
    from lmcdesk.cli.office import open_for_cli
    from lmcdesk.storage import SqlAlchemyUnitOfWork

    db = getattr(args, "_database", None)
    if db is None:
        db = args._database = open_for_cli(args, create=create)
    return SqlAlchemyUnitOfWork(db)


def _describe(s) -> str:
    title = f": {s.title}" if s.title and s.title != s.body_name else ""
    return f"{s.id}  {s.date.isoformat()}  {s.body_name}{title}"


def resolve_meeting(uow, text: str):
    """The ``MeetingSummary`` that ``text`` names (id, unique id prefix or date)."""
    from lmcdesk.services.meetings import list_meetings

    text = text.strip()
    summaries = list_meetings(uow)
    exact = [s for s in summaries if s.id == text]
    if exact:
        return exact[0]
    if DATE_RE.match(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise errors.InvalidInput(f"{text} is not a real date.") from None
        found = [s for s in summaries if s.date == day]
        what = f"on {text}"
    else:
        found = [s for s in summaries if s.id.startswith(text)]
        what = f"with an id starting {text!r}"
        if not found and re.match(r"^\d{4}(-\d{1,2})?$", text):  # "2026" or "2026-03"
            found = [s for s in summaries if s.date.isoformat().startswith(text)]
            what = f"in {text}"
    if len(found) == 1:
        return found[0]
    if not found:
        raise errors.NotFound(f"There is no meeting {what}. `lmcdesk meetings` lists them all.")
    listing = "\n".join("  " + _describe(s) for s in found[:20])
    more = f"\n  ... and {len(found) - 20} more" if len(found) > 20 else ""
    raise errors.InvalidInput(
        f"There are {len(found)} meetings {what}; give the id of one of them.",
        detail=listing + more,
    )


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
        report = import_document(_uow(args, create=not args.dry_run), doc, source="standard input", dry_run=args.dry_run)
        name = "standard input"
    else:
        report = import_file(_uow(args, create=not args.dry_run), args.file, dry_run=args.dry_run)
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

    uow = _uow(args)
    ids = [resolve_meeting(uow, m).id for m in args.meetings]
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
    from lmcdesk.domain.enums import Severity
    from lmcdesk.services.checks import check_meeting
    from lmcdesk.services.meetings import get_meeting

    uow = _uow(args)
    summary = resolve_meeting(uow, args.meeting)
    meeting = get_meeting(uow, summary.id)
    findings = check_meeting(uow, summary.id, today=args.today)
    n_err = sum(1 for f in findings if f.severity == Severity.ERROR)
    n_warn = len(findings) - n_err
    if args.json:
        _write_utf8(json.dumps({
            "meeting_id": summary.id,
            "date": summary.date.isoformat(),
            "body": summary.body_name,
            "errors": n_err,
            "warnings": n_warn,
            "findings": [
                {"rule_id": f.rule_id, "severity": str(f.severity), "message": f.message,
                 "item_ids": list(f.item_ids), "person_ids": list(f.person_ids)}
                for f in findings
            ],
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
    hits = search(_uow(args), text, limit=args.limit)
    if not hits:
        print(f"Nothing found for {text!r}.")
        return 0
    for h in hits:
        print(f"{h.meeting_date.isoformat()}  {h.body_name}  {h.item_title}")
        print(f"    {h.snippet}")
        print(f"    meeting {h.meeting_id}, item {h.item_id}")
    return 0


def cmd_demo(args) -> int:
    from lmcdesk.services.demo import create_demo
    from lmcdesk.services.meetings import list_meetings

    uow = _uow(args, create=True)
    ids = create_demo(uow).meeting_ids
    by_id = {s.id: s for s in list_meetings(uow)}
    print(f"The fictional Loamshire county is in the record ({len(ids)} meetings):")
    for mid in ids:
        s = by_id.get(mid)
        print("  " + (_describe(s) if s else mid))
    if ids:
        print(f"Try: lmcdesk check {ids[0]}")
    return 0


def cmd_meetings(args) -> int:
    from lmcdesk.services.meetings import list_meetings

    summaries = list_meetings(_uow(args), year=args.year)
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
