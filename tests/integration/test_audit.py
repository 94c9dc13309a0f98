"""Tamper evidence: approved minutes altered outside LMC Desk are reported by
``lmcdesk verify``, naming what was altered.

Each tamper of issue 9 is a test here: the approver changed; the meeting set
back to draft and its text edited; change log entries with a blank hash; the
newest version row removed (alone, and with its seal and log entries); and
everything recomputed with the app's own functions (snapshot, fingerprint,
frozen documents, seal and log chains, even a signature with a key of one's
own) by someone who has the database but not the body's key.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import shutil
import sqlite3
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stress"))

from signing_keys import PASS, approve  # noqa: E402
from stress_world import ITEM_ID, MEETING_ID, meeting, populate  # noqa: E402

from lmcdesk import signing  # noqa: E402
from lmcdesk.cli import main  # noqa: E402
from lmcdesk.services import audit  # noqa: E402
from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database  # noqa: E402

SECOND = "lmc-2026-04-01"
FIRST_LABEL = "Loamshire LMC, 2026-03-04 (Committee meeting)"
SECOND_LABEL = "Loamshire LMC, 2026-04-01 (Committee meeting)"


@pytest.fixture
def record(tmp_path):
    path = tmp_path / "office.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with SqlAlchemyUnitOfWork(db) as uow:
        populate(uow, [meeting(), meeting(SECOND, date(2026, 4, 1))])
    for mid, when in ((MEETING_ID, datetime(2026, 4, 1, 19, 30)), (SECOND, datetime(2026, 5, 6, 19, 30))):
        approve(SqlAlchemyUnitOfWork(db), mid, when=when)
    db.dispose()
    return path


def _verify(path, capsys, *extra):
    code = main(["--db", str(path), "verify", *extra])
    return code, capsys.readouterr().out


def _altered(path, capsys, *extra) -> str:
    code, out = _verify(path, capsys, *extra)
    assert code == 1, out
    return out.split("ALTERED", 1)[1]


def _keys(path) -> signing.KeyStore:
    db = open_database(f"sqlite:///{path}")
    try:
        with SqlAlchemyUnitOfWork(db) as uow:
            return signing.keystore_for(uow.meta.record_id())
    finally:
        db.dispose()


def test_untouched_record_verifies(record, capsys):
    code, out = _verify(record, capsys)
    assert code == 0, out
    assert "OK: 2 approved version(s) of 2 meeting(s), 2 signature(s), 4 frozen document(s), 2 seal(s)" in out
    assert "nothing was altered" in out and "Not checked" not in out


# --------------------------------------------------------------------------- the tampers of issue 9


def test_approver_changed(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE minutes_version SET approved_by = 'Dr Mallory Forger', signed_by_name = "
                    "'Dr Mallory Forger' WHERE meeting_id = ?", (MEETING_ID,))
    out = _altered(record, capsys)
    assert (f'{FIRST_LABEL}: who approved them of approved version 1 was altered after approval '
            '(signed: "Dr Alys Example"; the record now says: "Dr Mallory Forger")') in out
    assert "the name of who signed of approved version 1 was altered" in out
    assert SECOND_LABEL not in out


def test_date_of_approval_changed(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE minutes_version SET approved_on = '2026-03-20' WHERE meeting_id = ?", (MEETING_ID,))
    out = _altered(record, capsys)
    assert ('the date of approval of approved version 1 was altered after approval (signed: "2026-04-01"; '
            'the record now says: "2026-03-20")') in out


def test_status_set_back_to_draft_and_the_text_edited(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE meeting SET status = 'draft' WHERE id = ?", (MEETING_ID,))
        raw.execute("UPDATE agenda_item SET discussion = 'Quietly rewritten.' WHERE id = ?", (ITEM_ID,))
    out = _altered(record, capsys)
    assert (f"{FIRST_LABEL}: version 1 was approved, but the minutes are marked as a draft and no correction was "
            "begun in the change log: their status was changed outside LMC Desk") in out
    # and the approved minutes themselves still export as approved (frozen)
    pdf = record.parent / "out.pdf"
    assert main(["--db", str(record), "minutes", MEETING_ID, "--pdf", str(pdf)]) == 0  # a draft now: live text


def test_change_log_entries_with_a_blank_hash(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE audit_log SET hash = '', prev_hash = '' WHERE action = 'approved'")
    out = _altered(record, capsys)
    assert out.count("(approved) has lost its hash") == 2
    # and the entries after them no longer find the entries they were chained to
    assert "the change log entry no. 2 (sealed) was altered or an entry before it was deleted" in out


def test_newest_version_row_removed(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("DELETE FROM minutes_version WHERE meeting_id = ?", (SECOND,))
    out = _altered(record, capsys)
    assert f"{SECOND_LABEL}: approved version 1 was deleted" in out
    assert "the last approval of Loamshire LMC (version 1, approved on 2026-05-06) is missing from the record" in out


def test_newest_approval_removed_with_its_seal_and_log_entries(record, capsys):
    """Everything the database holds of the newest approval is gone, the
    chains end cleanly before it: the note beside the key still knows it."""
    with sqlite3.connect(record) as raw:
        raw.execute("PRAGMA foreign_keys=ON")
        first = raw.execute("SELECT min(id) FROM audit_log WHERE entity_id = ?", (SECOND,)).fetchone()[0]
        raw.execute("DELETE FROM audit_log WHERE id >= ?", (first,))
        raw.execute("DELETE FROM approval_seal WHERE meeting_id = ?", (SECOND,))
        raw.execute("DELETE FROM approved_document WHERE meeting_id = ?", (SECOND,))
        raw.execute("DELETE FROM minutes_version WHERE meeting_id = ?", (SECOND,))
        raw.execute("UPDATE meeting SET status = 'draft' WHERE id = ?", (SECOND,))
    out = _altered(record, capsys)
    assert ("the last approval of Loamshire LMC (version 1, approved on 2026-05-06) is missing from the record: it "
            "was deleted, or the record was restored from a backup made before it") in out


def _rehash_everything(raw, keys_of_mine: signing.KeyStore | None = None) -> None:
    """What an insider with the database and LMC Desk's own code can do:
    edit the approved minutes, then recompute the snapshot, its fingerprint,
    the frozen documents, the seal chain and the change log chain, and (with
    ``keys_of_mine``) sign a new statement with a key of their own."""
    from lmcdesk.documents.approval import ApprovalFacts
    from lmcdesk.domain import fingerprint as fp
    from lmcdesk.services import frozen
    from lmcdesk.storage import SqlAlchemyUnitOfWork as UoW

    raw.execute("UPDATE agenda_item SET discussion = 'The committee rejected the proposal.' WHERE id = ?",
                (ITEM_ID,))
    raw.commit()
    db = open_database(f"sqlite:///{raw.execute('PRAGMA database_list').fetchone()[2]}")
    with UoW(db) as uow:
        m, d = uow.meetings.get(MEETING_ID), uow.directory.load()
        v = m.versions[0]
        snap = fp.snapshot(m, d)
        v.snapshot, v.fingerprint = snap, fp.fingerprint_snapshot(snap)
        facts = ApprovalFacts(version=1, approved_on=v.approved_on, signed_by=v.signed_by_name)
        docs = {}
        for variant, (data, print_fp, _doc) in frozen.build_frozen(m, d, facts).items():
            old = uow.approved.get(MEETING_ID, 1, variant)
            docs[variant] = dataclasses.replace(old, document=data, fingerprint=print_fp, pdf=old.pdf)
            uow.approved.put(docs[variant])
        uow.meetings.save(m, allow_approved=True)
        uow.commit()
    db.dispose()
    # the seal chain and the change log, recomputed from the start
    prev = audit.GENESIS
    for seq, mid, version, fpr, at in raw.execute(
            "SELECT seq, meeting_id, version, fingerprint, approved_at FROM approval_seal ORDER BY seq").fetchall():
        if mid == MEETING_ID:
            fpr = raw.execute("SELECT fingerprint FROM minutes_version WHERE meeting_id = ?", (mid,)).fetchone()[0]
        h = audit.seal_hash(prev, mid, version, fpr, at)
        raw.execute("UPDATE approval_seal SET fingerprint = ?, prev_hash = ?, record_hash = ? WHERE seq = ?",
                    (fpr, prev, h, seq))
        prev = h
    seal_head = prev
    prev = audit.GENESIS
    for row in raw.execute('SELECT id, at, "user", entity, entity_id, action, summary FROM audit_log '
                           "ORDER BY id").fetchall():
        at = datetime.fromisoformat(row[1]).isoformat()
        h = audit.entry_hash(prev, at, *row[2:])
        raw.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, row[0]))
        prev = h
    if keys_of_mine is not None:
        (statement,) = raw.execute("SELECT statement FROM minutes_version WHERE meeting_id = ?",
                                   (MEETING_ID,)).fetchone()
        values = json.loads(statement)
        values["snapshot_fingerprint"] = raw.execute(
            "SELECT fingerprint FROM minutes_version WHERE meeting_id = ?", (MEETING_ID,)).fetchone()[0]
        for variant, d in docs.items():
            values["documents"][variant]["fingerprint"] = d.fingerprint
        values["seal_head"], values["log_head"] = seal_head, prev
        text = frozen.statement_text(values)
        sig = signing.sign_bytes(text.encode(), keys_of_mine.signer("forger", PASS))
        raw.execute("UPDATE minutes_version SET statement = ?, signature = ? WHERE meeting_id = ?",
                    (text, base64.b64encode(sig).decode(), MEETING_ID))
    raw.commit()


def test_everything_recomputed_without_the_key(record, capsys):
    with sqlite3.connect(record) as raw:
        _rehash_everything(raw)
    out = _altered(record, capsys)
    assert f"{FIRST_LABEL}: the approved content (its fingerprint) of approved version 1 was altered" in out
    assert "the frozen documents (their fingerprints or signed PDFs) of approved version 1 are not what was signed" \
        in out
    assert "change log entry" not in out and "the seal of" not in out  # the chains themselves hash again,
    # but the seal chain's head that the body's key signed at the last approval is gone from it
    assert f"{SECOND_LABEL}: the seal chain no longer holds the link that approved version 1 signed" in out


def test_everything_recomputed_and_signed_with_a_key_of_ones_own(record, capsys, tmp_path):
    mine = _forgers_key(tmp_path)
    with sqlite3.connect(record) as raw:
        _rehash_everything(raw, mine)
    out = _altered(record, capsys)
    assert (f"{FIRST_LABEL}: the signature over approved version 1 does not hold: it was not signed with this "
            "body's certificate") in out


def _forgers_key(tmp_path) -> signing.KeyStore:
    """A key of the insider's own (a real one: the test key is the body's)."""
    mine = signing.KeyStore(tmp_path / "forger")
    mine.create_key("forger", "Loamshire LMC", PASS)  # it may even name the body
    return mine


# --------------------------------------------------------------------------- more ways in


def test_raw_sql_edit_of_approved_minutes_is_reported_by_date_and_body(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE agenda_item SET discussion = 'Quietly rewritten.' WHERE id = ?", (ITEM_ID,))
    out = _altered(record, capsys)
    assert f"{FIRST_LABEL}: the approved minutes were changed outside LMC Desk" in out
    assert "2026-04-01" not in out


def test_frozen_document_or_signed_pdf_edited(record, capsys):
    with sqlite3.connect(record) as raw:
        (doc,) = raw.execute("SELECT document FROM approved_document WHERE meeting_id = ? AND variant = 'full'",
                             (MEETING_ID,)).fetchone()
        doc = doc.replace(b"The committee discussed", b"The committee rejected")
        raw.execute("UPDATE approved_document SET document = ? WHERE meeting_id = ? AND variant = 'full'",
                    (doc, MEETING_ID))
        (pdf,) = raw.execute("SELECT pdf FROM approved_document WHERE meeting_id = ? AND variant = 'public'",
                             (SECOND,)).fetchone()
        at = pdf.find(b"/Title")
        pdf = pdf[:at] + b"/Titla" + pdf[at + 6:]
        raw.execute("UPDATE approved_document SET pdf = ? WHERE meeting_id = ? AND variant = 'public'",
                    (pdf, SECOND))
    out = _altered(record, capsys)
    assert (f"{FIRST_LABEL}: the frozen full minutes of version 1 was altered after it was frozen (its content no "
            "longer has the fingerprint it is stored with)") in out
    assert f"{SECOND_LABEL}: the frozen documents (their fingerprints or signed PDFs) of approved version 1" in out
    assert f"{SECOND_LABEL}: the signed public PDF of approved version 1: the PDF was changed after it was signed" \
        in out


def test_signature_removed(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE minutes_version SET signature = '', statement = '' WHERE meeting_id = ?", (MEETING_ID,))
    out = _altered(record, capsys)
    assert ("approved version 1 was signed when it was approved, but its signature is gone (removed outside "
            "LMC Desk)") in out


def test_a_gap_in_the_version_numbers(tmp_path, capsys):
    from lmcdesk.services import approval

    path = tmp_path / "gap.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with SqlAlchemyUnitOfWork(db) as uow:
        populate(uow, [meeting()])
    for n in range(3):
        if n:
            approval.begin_correction(SqlAlchemyUnitOfWork(db), MEETING_ID, f"correction {n}")
        approve(SqlAlchemyUnitOfWork(db), MEETING_ID, when=datetime(2026, 4, 1 + n, 19, 30))
    db.dispose()
    assert _verify(path, capsys)[0] == 0
    with sqlite3.connect(path) as raw:
        raw.execute("DELETE FROM minutes_version WHERE meeting_id = ? AND version = 2", (MEETING_ID,))
    out = _altered(path, capsys)
    assert f"{FIRST_LABEL}: approved version 2 is missing: it was deleted (versions 1 to 3 should all be kept)" in out


def test_deleted_approval_and_broken_seal_are_reported(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("PRAGMA foreign_keys=ON")
        raw.execute("DELETE FROM minutes_version WHERE meeting_id = ?", (SECOND,))
        raw.execute("UPDATE approval_seal SET approved_at = '2020-01-01T00:00:00' WHERE meeting_id = ?", (MEETING_ID,))
    out = _altered(record, capsys)
    assert "2026-04-01" in out and "was deleted" in out
    assert "the seal of approved version 1 was altered" in out


def test_editing_the_change_log_is_reported(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE audit_log SET user = 'someone-else' WHERE id = (SELECT min(id) FROM audit_log)")
    assert "change log entry" in _altered(record, capsys)


# --------------------------------------------------------------------------- on a PC without the key


def test_a_pc_without_the_key_checks_with_the_exported_certificate(record, capsys, tmp_path):
    cert = tmp_path / "lmc.pem"
    assert main(["--db", str(record), "export-cert", "Loamshire LMC", str(cert)]) == 0
    assert "Wrote the certificate of Loamshire LMC" in capsys.readouterr().out
    keys = _keys(record)
    shutil.move(keys.folder, tmp_path / "keys-elsewhere")  # this PC has neither key nor certificate
    code, out = _verify(record, capsys)
    assert code == 0 and "0 signature(s)" in out
    assert "the signature of approved version 1 was not checked: there is no certificate of Loamshire LMC on this " \
           "computer (give one with --cert FILE)" in out
    code, out = _verify(record, capsys, "--cert", str(cert))
    assert code == 0 and "2 signature(s)" in out and "Not checked" not in out
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE minutes_version SET approved_by = 'Dr Mallory Forger' WHERE meeting_id = ?", (SECOND,))
    assert "who approved them of approved version 1 was altered" in _altered(record, capsys, "--cert", str(cert))


def test_a_certificate_in_the_database_is_never_trusted(record, capsys, tmp_path):
    """The statement names the certificate's fingerprint, but verify trusts only
    certificates from the key store or --cert: a forged signature carrying its
    own certificate does not pass."""
    mine = _forgers_key(tmp_path)
    with sqlite3.connect(record) as raw:
        (statement,) = raw.execute("SELECT statement FROM minutes_version WHERE meeting_id = ?",
                                   (SECOND,)).fetchone()
        values = json.loads(statement)
        values["cert_fingerprint"] = mine.certificate("forger").fingerprint
        from lmcdesk.services import frozen

        text = frozen.statement_text(values)
        sig = signing.sign_bytes(text.encode(), mine.signer("forger", PASS))
        raw.execute("UPDATE minutes_version SET statement = ?, signature = ?, cert_fingerprint = ? "
                    "WHERE meeting_id = ?", (text, base64.b64encode(sig).decode(), values["cert_fingerprint"],
                                            SECOND))
    out = _altered(record, capsys)
    assert f"{SECOND_LABEL}: the signature over approved version 1 does not hold" in out


# --------------------------------------------------------------------------- the change log


def test_changes_are_logged_with_user(record):
    db = open_database(f"sqlite:///{record}")
    with SqlAlchemyUnitOfWork(db) as uow:
        audit.record(uow, "meeting", MEETING_ID, "viewed", "test entry")
        uow.commit()
    with SqlAlchemyUnitOfWork(db) as uow:
        entries = uow.audit.entries()
    db.dispose()
    assert any(e.action == "approved" and e.entity_id == MEETING_ID for e in entries)
    assert entries[-1].user == audit.current_user()


def test_services_log_saves_with_the_os_user(tmp_path):
    from lmcdesk.domain import Person
    from lmcdesk.services import directory as directory_service
    from lmcdesk.services import meetings as meeting_service

    db = open_database(f"sqlite:///{tmp_path / 'log.sqlite3'}")
    with SqlAlchemyUnitOfWork(db) as uow:
        populate(uow, [])
    meeting_service.create_meeting(SqlAlchemyUnitOfWork(db), meeting())
    m = meeting_service.get_meeting(SqlAlchemyUnitOfWork(db), MEETING_ID)
    m.venue = "Loamford Hall (fictional)"
    meeting_service.save_meeting(SqlAlchemyUnitOfWork(db), m)
    directory_service.save_person(SqlAlchemyUnitOfWork(db), Person(id="dr-cai-example", name="Dr Cai Example"))
    with SqlAlchemyUnitOfWork(db) as uow:
        entries = [(e.entity, e.entity_id, e.action, e.user) for e in uow.audit.entries()]
        report = audit.verify(uow)
    db.dispose()
    user = audit.current_user()
    assert ("meeting", MEETING_ID, "created", user) in entries
    assert ("meeting", MEETING_ID, "saved", user) in entries
    assert ("person", "dr-cai-example", "saved", user) in entries
    assert report.ok and report.log_entries_checked == len(entries)


def test_verify_on_every_backend(database):
    """Signatures, the seal chain and the raw-SQL check on SQLite and (when configured) PostgreSQL."""
    from sqlalchemy import text

    with SqlAlchemyUnitOfWork(database) as uow:
        populate(uow)
    approve(SqlAlchemyUnitOfWork(database), MEETING_ID, when=datetime(2026, 4, 1, 19, 30))
    with SqlAlchemyUnitOfWork(database) as uow:
        keys = signing.keystore_for(uow.meta.record_id())
    report = audit.verify(SqlAlchemyUnitOfWork(database), keys=keys)
    assert report.ok and report.signatures_checked == 1 and report.documents_checked == 2, report.problems
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE agenda_item SET discussion = 'Quietly rewritten.' WHERE id = :i"), {"i": ITEM_ID})
        conn.execute(text("UPDATE minutes_version SET approved_by = 'Dr Mallory Forger'"))
    report = audit.verify(SqlAlchemyUnitOfWork(database), keys=keys)
    assert {p.label for p in report.problems} == {FIRST_LABEL}
    assert any("who approved them" in p.message for p in report.problems)
    assert any("changed outside LMC Desk" in p.message for p in report.problems)
