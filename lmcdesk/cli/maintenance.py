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
        description="Check every approved minutes version: the body's signature over everything about it, "
        "its frozen minutes and signed PDFs, who signed and when, the version numbers, the meeting's status, "
        "the seal chain and the change log. Exit status 1 if anything was altered. The bodies' certificates "
        "are taken from this computer's key store; on another PC give them with --cert.",
    )
    p.add_argument("--cert", action="append", default=[], metavar="FILE",
                   help="also trust the certificate(s) in FILE (from `lmcdesk export-cert`); may be repeated")
    p.add_argument("--seal-unsealed", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_verify)

    p = subparsers.add_parser(
        "verify-pdf",
        help="check the signature of a published minutes PDF",
        description="Check that a PDF of approved minutes was signed with a body's key and not changed since. "
        "Without --cert it is checked against the certificates in this computer's key store. "
        "Exit status 1 if the signature does not hold.",
    )
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--cert", action="append", default=[], metavar="FILE",
                   help="the body's certificate (from `lmcdesk export-cert`); may be repeated")
    p.set_defaults(func=cmd_verify_pdf)

    p = subparsers.add_parser(
        "export-cert", help="write a body's certificate, for practices to check its signed minutes",
        description="Write the certificate of the body's signing key (made at its first approval) to a .pem "
        "file. It holds no secret: give it to anyone who checks published minutes (lmcdesk verify-pdf "
        "FILE.pdf --cert OUT.pem, or a PDF reader told to trust it).")
    p.add_argument("body", metavar="BODY", help="the body's id or name")
    p.add_argument("out", metavar="OUT.pem")
    p.set_defaults(func=cmd_export_cert)

    p = subparsers.add_parser(
        "export-key", help="copy a body's signing key to a file, for a second PC that approves",
        description="Copy the body's signing key (still locked by its passphrase) and its certificate to one "
        "file, to import on a second PC with `lmcdesk import-key`. Keep the file as safe as the passphrase.")
    p.add_argument("body", metavar="BODY", help="the body's id or name")
    p.add_argument("out", metavar="OUT")
    p.set_defaults(func=cmd_export_key)

    p = subparsers.add_parser(
        "import-key", help="take a body's signing key exported on another PC",
        description="Take a signing key written by `lmcdesk export-key`; its passphrase must open it. "
        "A different key this PC had for the body is kept as an earlier certificate, so the minutes it "
        "signed still check.")
    p.add_argument("body", metavar="BODY", help="the body's id or name")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--passphrase-file", metavar="FILE",
                   help="read the key's passphrase from the first line of FILE (or set LMCDESK_PASSPHRASE; "
                        "in a terminal you are asked)")
    p.set_defaults(func=cmd_import_key)


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
    from lmcdesk.cli import record
    from lmcdesk.services import audit, keys

    opened = record(args)
    trusted = keys.load_certificates(args.cert)
    with opened.unit_of_work() as uow:
        if args.seal_unsealed:
            sealed = audit.seal_unsealed(uow)
            print(f"Sealed {sealed} approved version(s) that had no seal.")
        report = audit.verify(uow, keys=opened.keystore, certificates=trusted)
    counts = (f"{report.versions_checked} approved version(s) of {report.meetings_checked} meeting(s), "
              f"{report.signatures_checked} signature(s), {report.documents_checked} frozen document(s), "
              f"{report.seals_checked} seal(s) and {report.log_entries_checked} change log entries checked")
    if report.ok:
        print(f"OK: {counts}; nothing was altered.")
    else:
        print(f"ALTERED: {len(report.problems)} problem(s) with approved minutes ({counts}):")
        for problem in report.problems:
            print(f"  {problem}")
    if report.warnings:
        print(f"Not checked or not signed yet ({len(report.warnings)}):")
        for warning in report.warnings:
            print(f"  {warning}")
    return 0 if report.ok else 1


def cmd_verify_pdf(args) -> int:
    from lmcdesk.services import keys

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path} cannot be read ({exc.strerror or exc}).") from None
    trusted = keys.load_certificates(args.cert)
    store = None
    if not trusted:
        from lmcdesk.cli import record

        store = record(args).keystore
    verdict = keys.check_pdf(data, store, certificates=trusted)
    if verdict.ok:
        when = f" on {verdict.signed_at}" if verdict.signed_at else ""
        print(f"OK: {path.name} was signed by {verdict.signer or 'the body'}{when} and has not been changed since.")
        return 0
    print(f"NOT VALID: {path.name}: {verdict.problem}")
    return 1


def _record_and_body(args):
    """The open record and the body ``args.body`` names (by id or name)."""
    from lmcdesk.cli import record
    from lmcdesk.services import keys

    opened = record(args)
    return opened, keys.find_body(opened.unit_of_work(), args.body)


def cmd_export_cert(args) -> int:
    from lmcdesk.services import keys

    opened, body = _record_and_body(args)
    out = keys.export_certificate(opened.keystore, body, args.out)
    print(f"Wrote the certificate of {body.name} to {out}. It holds no secret: give it to anyone who checks "
          "its signed minutes.")
    return 0


def cmd_export_key(args) -> int:
    from lmcdesk.services import keys

    opened, body = _record_and_body(args)
    out = keys.export_key(opened.keystore, body, args.out)
    print(f"Wrote the signing key of {body.name} to {out}, still locked by its passphrase. Import it on the "
          "other PC with `lmcdesk import-key`, then delete this copy.")
    return 0


def cmd_import_key(args) -> int:
    from lmcdesk.cli.documents import read_passphrase
    from lmcdesk.services import keys

    opened, body = _record_and_body(args)
    cert = keys.import_key(opened.keystore, body, args.file, read_passphrase(args, body.name))
    print(f"This PC can now sign minutes of {body.name} (certificate {cert.fingerprint[:16]}…).")
    return 0
