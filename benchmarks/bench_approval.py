"""Issue 9's figures: approving a 40-item meeting (freeze, render, sign) and
``lmcdesk verify`` on the ten-year record with about one meeting in ten
approved, frozen and signed.

Approval runs on a scratch SQLite record holding the sample meeting with 40
items (``tests.sample_meeting``); each run approves a fresh draft of it.  Its
parts are timed too: building the full and public documents twice each (once
to fingerprint, once with the fingerprint printed), rendering the two PDFs,
signing them and the statement.

For verify, the generated record is copied and every tenth meeting (by date)
is approved by circulation four weeks after it met, signed with one test key
per body (the probity checks are not run for these: the generated minutes are
not all clean, and what is measured here is verify).  The approved copy is
kept beside the record in ``benchmarks/out`` and reused.  The keys live in a
folder beside it, never in the user's data folder.
"""

from __future__ import annotations

import copy
import shutil
from datetime import datetime, time, timedelta
from pathlib import Path

PASSPHRASE = "correct horse battery"  # tests/signing_keys.py's fictional test passphrase


def _keys(folder: Path, body_ids):
    from tests.signing_keys import keystore

    return keystore(folder, *body_ids)


def _approval_figures(ctx) -> None:
    from lmcdesk import export, signing
    from lmcdesk.documents.approval import ApprovalFacts
    from lmcdesk.services import approval, frozen
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database
    from tests.sample_meeting import LOCALITY, sample_meeting

    directory, meeting = sample_meeting(extra_items=31)
    n = len(meeting.items)
    scratch = ctx.scratch("approval")
    keys = _keys(scratch / "keys", [LOCALITY])
    db = open_database(f"sqlite:///{scratch / 'approve.sqlite3'}")
    with SqlAlchemyUnitOfWork(db) as uow:
        uow.directory.save_all(directory)
        uow.commit()

    def fresh_draft() -> None:
        with SqlAlchemyUnitOfWork(db) as uow:
            if uow.meetings.exists(meeting.id):
                uow.meetings.delete(meeting.id, allow_approved=True)
            uow.meetings.add(copy.deepcopy(meeting))
            uow.commit()

    when = datetime.combine(meeting.date + timedelta(days=28), time(19, 30))

    def approve() -> None:
        approval.approve(SqlAlchemyUnitOfWork(db), meeting.id, chair_id=meeting.chair_id, keys=keys,
                         passphrase=PASSPHRASE, when=when)

    runs = 3 if ctx.quick else 7
    ctx.time(f"approve a {n}-item meeting (freeze, render, sign, store)", approve, setup=fresh_draft, runs=runs,
             note="services.approval.approve on SQLite: checks, snapshot, 2 documents built twice, "
                  "2 PDFs rendered and signed, the statement signed, one transaction")
    fresh_draft()
    with SqlAlchemyUnitOfWork(db) as uow:
        m = uow.meetings.get(meeting.id)
    m.status = m.status.APPROVED
    facts = ApprovalFacts(version=1, approved_on=when.date(), signed_by="Dr Alys Example")
    built = frozen.build_frozen(m, directory, facts)
    signer = keys.signer(LOCALITY, PASSPHRASE)
    pdfs = {v: export.render_pdf(doc) for v, (_, _, doc) in built.items()}
    ctx.time("  of which: build both documents, twice each (freeze)",
             lambda: frozen.build_frozen(m, directory, facts), runs=runs)
    ctx.time("  of which: render both PDFs", lambda: [export.render_pdf(d) for _, _, d in built.values()],
             runs=runs)
    ctx.time("  of which: sign both PDFs (PAdES) and the statement",
             lambda: ([signing.sign_pdf(p, signer, reason="Approved as a true record") for p in pdfs.values()],
                      signing.sign_bytes(b"{}" * 400, signer)), runs=runs)
    ctx.time("  of which: open the body's key with its passphrase", lambda: keys.signer(LOCALITY, PASSPHRASE),
             runs=runs)
    db.dispose()


def _approved_record(ctx) -> tuple[str, Path, int]:
    """A copy of the ten-year record with every tenth meeting approved (cached)."""
    from lmcdesk.services import approval
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    source = Path(ctx.db_path)
    target = source.with_name(source.stem + "-approved.sqlite3")
    keys_dir = source.with_name(source.stem + "-approved-keys")
    done = target.with_suffix(".done")
    if done.exists() and target.exists() and not ctx.rebuild:
        return f"sqlite:///{target}", keys_dir, int(done.read_text())
    for stale in (target, done):
        stale.unlink(missing_ok=True)
    shutil.rmtree(keys_dir, ignore_errors=True)
    shutil.copyfile(source, target)
    db = open_database(f"sqlite:///{target}")
    with SqlAlchemyUnitOfWork(db) as uow:
        summaries = sorted(uow.meetings.summaries(), key=lambda s: (s.date, s.id))
        bodies = sorted({s.body_id for s in summaries})
    keys = _keys(keys_dir, bodies)
    chosen = summaries[::10]
    real_checks = approval._probity_errors
    approval._probity_errors = lambda *a, **k: []  # see the module docstring
    started = datetime.now()
    try:
        for s in chosen:
            with SqlAlchemyUnitOfWork(db) as uow:
                m = uow.meetings.get(s.id)
                signer = m.chair_id or next((a.person_id for a in m.attendance), None)
            if signer is None:
                continue
            approval.approve(SqlAlchemyUnitOfWork(db), s.id, chair_id=signer, keys=keys, passphrase=PASSPHRASE,
                             when=datetime.combine(s.date + timedelta(days=28), time(19, 30)))
    finally:
        approval._probity_errors = real_checks
        db.dispose()
    seconds = (datetime.now() - started).total_seconds()
    ctx.record(f"approve {len(chosen)} meetings of the ten-year record (one-off, cached)", seconds * 1000.0,
               note=f"{seconds / max(len(chosen), 1):.2f} s a meeting")
    done.write_text(str(len(chosen)))
    return f"sqlite:///{target}", keys_dir, len(chosen)


def _verify_figures(ctx) -> None:
    from lmcdesk import signing
    from lmcdesk.services import audit
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    url, keys_dir, approved = _approved_record(ctx)
    keys = signing.KeyStore(keys_dir)
    db = open_database(url)
    try:
        report = audit.verify(SqlAlchemyUnitOfWork(db), keys=keys)
        assert report.ok, report.problems[:5]
        counts = (f"{report.meetings_checked} meetings, {report.versions_checked} versions, "
                  f"{report.signatures_checked} signatures, {report.documents_checked} documents, "
                  f"{report.log_entries_checked:,} log entries")
        ctx.time("verify the ten-year record (services.audit.verify)",
                 lambda: audit.verify(SqlAlchemyUnitOfWork(db), keys=keys), runs=3 if ctx.quick else 5,
                 note=f"{approved} of {ctx.meta['counts']['meetings']:,} meetings approved; {counts}")
    finally:
        db.dispose()


def run(ctx) -> None:
    _approval_figures(ctx)
    _verify_figures(ctx)
