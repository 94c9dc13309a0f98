"""Document commands: minutes, agenda-pack, register, approve, correct, ics.

MEETING is resolved exactly as the core commands resolve it (id, unique start
of an id, or a date).  Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import sys
from datetime import date

from lmcdesk import errors
from lmcdesk.cli import find_meeting, unit_of_work
from lmcdesk.cli import record as cli_record


def _meeting_id(uow, text: str) -> str:
    return find_meeting(uow, text).id


def _pages(n: int | None) -> str:
    return f"{n} page{'s' if n != 1 else ''}"


def cmd_minutes(args) -> int:
    from lmcdesk.services import documents

    if not args.pdf and not args.docx:
        raise errors.InvalidInput("Say where to write the minutes: --pdf OUT.pdf and/or --docx OUT.docx.")
    uow = unit_of_work(args)
    mid = _meeting_id(uow, args.meeting)
    which = "public" if args.public else "full (confidential)"
    if args.version is not None:
        which += f" approved version {args.version} of the"
    if args.pdf:
        written = documents.write_minutes_pdf(uow, mid, args.pdf, public=args.public, version=args.version)
        print(f"Wrote the {which} minutes to {args.pdf} ({_pages(written.pages)}).")
    if args.docx:
        documents.write_minutes_docx(uow, mid, args.docx, public=args.public, version=args.version)
        print(f"Wrote the {which} minutes as Word to {args.docx}.")
    return 0


def cmd_agenda_pack(args) -> int:
    from lmcdesk.services import documents

    uow = unit_of_work(args)
    written = documents.write_agenda_pack(uow, _meeting_id(uow, args.meeting), args.out)
    print(f"Wrote the agenda pack to {args.out} ({written.pages} pages).")
    return 0


def cmd_register(args) -> int:
    from lmcdesk.services import documents

    today = date.fromisoformat(args.today) if args.today else None
    written = documents.write_register(unit_of_work(args), args.kind, args.out, today=today, published=not args.full)
    print(f"Wrote the {args.kind} register to {args.out} ({_pages(written.pages)}).")
    return 0


#: Where a passphrase can come from when the command is not run in a terminal.
PASSPHRASE_ENV = "LMCDESK_PASSPHRASE"


def read_passphrase(args, body_name: str, *, new_key: bool = False) -> str:
    """The passphrase of a body's signing key: the first line of
    ``--passphrase-file``, else ``LMCDESK_PASSPHRASE``, else asked for (never
    shown) when the command runs in a terminal; refused in words otherwise."""
    import getpass
    import os
    from pathlib import Path

    if getattr(args, "passphrase_file", None):
        try:
            text = Path(args.passphrase_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise errors.InvalidInput(f"The passphrase file {args.passphrase_file} cannot be read "
                                      f"({getattr(exc, 'strerror', None) or exc}).") from None
        lines = text.splitlines()
        return lines[0] if lines else ""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if sys.stdin is not None and sys.stdin.isatty():
        what = "a passphrase for the new signing key" if new_key else "the passphrase of the signing key"
        first = getpass.getpass(f"Type {what} of {body_name} (it is not shown): ")
        if new_key:
            again = getpass.getpass("Type the same passphrase again: ")
            if again != first:
                raise errors.InvalidInput("The two passphrases are not the same; nothing was approved. Try again.")
        return first
    raise errors.InvalidInput(
        f"Approving signs the minutes with the key of {body_name}, which needs its passphrase. Give it with "
        f"--passphrase-file FILE or the {PASSPHRASE_ENV} environment variable, or run the command in a "
        "terminal to be asked for it.")


def _signer(choices, text: str) -> str:
    """The person a --chair argument names: an id, a name, or part of one name."""
    wanted = " ".join(text.split()).casefold()
    for test in (lambda p: p[0].casefold() == wanted, lambda p: p[1].casefold() == wanted,
                 lambda p: wanted in p[1].casefold()):
        found = [p for p in choices.people if test(p)]
        if len(found) == 1:
            return found[0][0]
        if len(found) > 1:
            names = "; ".join(p[1] for p in found[:5])
            raise errors.InvalidInput(f"--chair {text!r} matches more than one person ({names}). "
                                      "Give the full name or the id.")
    raise errors.NotFound(f"No one in the record is called {text!r}. Give the name (or id) of the person who "
                          "chaired the meeting that approved the minutes.")


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise errors.InvalidInput(f"{option} {text}: that is not a date; write it as YYYY-MM-DD, "
                                  "e.g. 2026-11-10.") from None


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def cmd_approve(args) -> int:
    from lmcdesk.services import approval

    record = cli_record(args)
    record.refuse_if_read_only()  # before a key is made or a backup taken
    uow = record.unit_of_work()
    mid = _meeting_id(uow, args.meeting)
    keys = record.keystore
    choices = approval.approval_choices(uow, mid, keys)
    chair_id = _signer(choices, args.chair)
    on = _day(args.on, "--on") if args.on else None
    if args.by_circulation:
        at = None
    elif args.at_meeting:
        at = _meeting_id(uow, args.at_meeting)
    elif choices.default_meeting_id:
        at = choices.default_meeting_id
    else:
        raise errors.InvalidInput(
            f"No later meeting of {choices.body_name} is in the record. Say --by-circulation (with --on DATE), "
            "or add the meeting that approved them and give it with --at-meeting MEETING.")
    passphrase = read_passphrase(args, choices.body_name, new_key=not choices.key_exists)
    result = approval.approve(uow, mid, chair_id=chair_id, approved_on=on, approving_meeting_id=at,
                              amendment=args.amendment or "", keys=keys, passphrase=passphrase)
    v = result.version
    where = next((f"at the meeting of {m.body_name} on {_long(m.date)}" for m in choices.meetings if m.id == at),
                 "at the meeting chosen") if at else "by circulation"
    print(f"Approved as a true record (version {v.version}) {where}, on {_long(v.approved_on)}; "
          f"signed by {v.signed_by_name}.")
    if v.amendment:
        print(f"With the amendment: {v.amendment}")
    if result.key_created:
        print(f"Made the signing key of {choices.body_name}: keep its passphrase safe. Practices can check signed "
              f"minutes with its certificate (lmcdesk export-cert \"{choices.body_name}\" OUT.pem).")
    print(f"Frozen and signed. Fingerprint of the full minutes:   {result.fingerprints.get('full', '')}")
    print(f"                   Fingerprint of the public minutes: {result.fingerprints.get('public', '')}")
    if result.signed_earlier:
        print(f"Also signed {result.signed_earlier} earlier approved version(s) frozen on upgrade.")
    if v.change_note:
        print(v.change_note)
    # committed: the same backup the app makes after an approval (never a failure)
    out, warning = record.backup("approval")
    if warning:
        print(f"Warning: the minutes are approved, but {warning[:1].lower()}{warning[1:]}", file=sys.stderr)
    elif out is not None:
        print(f"Backed up the record to {out}")
    return 0


def cmd_correct(args) -> int:
    from lmcdesk.services import approval

    uow = unit_of_work(args)
    n = approval.begin_correction(uow, _meeting_id(uow, args.meeting), args.reason).version
    print(f"The minutes are a draft again; approving them will make version {n}.")
    return 0


def cmd_ics(args) -> int:
    from lmcdesk.services import documents

    uow = unit_of_work(args)
    documents.write_invitation(uow, _meeting_id(uow, args.meeting), args.out)
    print(f"Wrote the meeting invitation to {args.out}.")
    return 0


def register(subparsers) -> None:
    meeting_help = "meeting id, the start of one, or its date YYYY-MM-DD"

    p = subparsers.add_parser("minutes", help="write a meeting's minutes as PDF and/or Word",
                              description="Write the minutes. Without --public this is the full record, "
                                          "marked CONFIDENTIAL when it has Part II business.")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("--pdf", metavar="OUT.pdf", help="write a PDF here")
    p.add_argument("--docx", metavar="OUT.docx", help="write a Word document here")
    p.add_argument("--public", action="store_true", help="leave out Part II (confidential) business")
    p.add_argument("--version", type=int, metavar="N",
                   help="an earlier approved version (approved minutes are written as frozen and signed at "
                        "approval; by default the latest)")
    p.set_defaults(func=cmd_minutes)

    p = subparsers.add_parser("agenda-pack", help="write the agenda pack (agenda, interests reminder, papers)")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("out", metavar="OUT.pdf")
    p.set_defaults(func=cmd_agenda_pack)

    p = subparsers.add_parser("register", help="write a register as PDF")
    p.add_argument("kind", choices=["interests", "procurement", "gifts"])
    p.add_argument("out", metavar="OUT.pdf")
    p.add_argument("--full", action="store_true",
                   help="interests: include entries that ended more than 6 months ago (not for publication)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="as it stands on this date (default: today)")
    p.set_defaults(func=cmd_register)

    p = subparsers.add_parser(
        "approve", help="approve a meeting's minutes as a true record (freezes and signs them)",
        description="Approve the minutes as the next version, as approved at a later meeting (by default the "
                    "next meeting of the same body in the record) or by circulation, signed by the person "
                    "chairing. The minutes are frozen as they print now and signed with the body's key (made "
                    "at its first approval with the passphrase given). Refused while the probity checks "
                    "report an error.")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("--chair", required=True, metavar="PERSON",
                   help="who signed them: the person chairing (name or id, from the record)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--at-meeting", metavar="MEETING",
                       help="the meeting that approved them (default: the next meeting of the same body)")
    where.add_argument("--by-circulation", action="store_true", help="approved by circulation, not at a meeting")
    p.add_argument("--on", metavar="YYYY-MM-DD",
                   help="the date approved (default: the approving meeting's date; by circulation: today)")
    p.add_argument("--amendment", metavar="TEXT", help="the amendment agreed when approving them")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help=f"read the signing key's passphrase from the first line of FILE (or set {PASSPHRASE_ENV}; "
                        "in a terminal you are asked)")
    p.set_defaults(func=cmd_approve)

    p = subparsers.add_parser("correct", help="reopen approved minutes for a correction (next version)")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("--reason", required=True, help="why they need correcting")
    p.set_defaults(func=cmd_correct)

    p = subparsers.add_parser("ics", help="write a calendar invitation (.ics) for a meeting")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("out", metavar="OUT.ics")
    p.set_defaults(func=cmd_ics)
