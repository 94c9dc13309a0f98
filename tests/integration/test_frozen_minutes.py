"""Approved minutes are frozen: what the record approved prints the same for ever.

The secretary approves last month's minutes at this month's meeting from the
command line; then every directory fact the minutes show changes (names,
titles, roles, the body's quorum rule, register wording; the quorum raised to
20 and two register entries reworded by a meeting file, as issue 9 found) and
the approved PDF comes back byte for byte, the Word text word for word, and
``lmcdesk verify`` still passes.  A correction is version 2 and version 1
stays exportable.  The signed PDF is valid to pyHanko and to poppler's pdfsig
told to trust the body's certificate, and a key carried to a second PC signs
minutes that the first PC's certificate checks.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from datetime import date, datetime

import pytest

from lmcdesk.cli import main
from lmcdesk.domain.enums import MembershipRole
from lmcdesk.domain.model import Attendance, Meeting
from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database
from sample_meeting import LOCALITY, sample_meeting

MID = "meeting-2025-01-14"
NEXT = "meeting-2025-02-11"
PASSPHRASE = "locality secret phrase (fictional)"


@pytest.fixture
def office(tmp_path):
    """A record holding the sample meeting and the next meeting of the same body."""
    path = tmp_path / "office.sqlite3"
    d, m = sample_meeting()
    nxt = Meeting(id=NEXT, body_id=LOCALITY, date=date(2025, 2, 11), chair_id="dr-ben-sample",
                  attendance=[Attendance(f"{NEXT}-a{n}", pid) for n, pid in
                              enumerate(["dr-ben-sample", "dr-cara-placeholder", "dr-dev-fictional"])])
    db = open_database(f"sqlite:///{path}")
    with SqlAlchemyUnitOfWork(db) as uow:
        uow.directory.save_all(d)
        uow.meetings.add(m)
        uow.meetings.add(nxt)
        uow.commit()
    db.dispose()
    (tmp_path / "pass.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def _cli(path, *args) -> int:
    return main(["--db", str(path), *args])


def _approve(path, capsys, *extra) -> str:
    pw = path.parent / "pass.txt"
    assert _cli(path, "approve", MID, "--chair", "Ben Sample", "--passphrase-file", str(pw), *extra) == 0
    return capsys.readouterr().out


def _exports(path, tag: str, *extra) -> dict[str, bytes]:
    out = {}
    for variant in ("full", "public"):
        pdf, docx = path.parent / f"{tag}-{variant}.pdf", path.parent / f"{tag}-{variant}.docx"
        public = ["--public"] if variant == "public" else []
        assert _cli(path, "minutes", MID, "--pdf", str(pdf), "--docx", str(docx), *public, *extra) == 0
        out[f"{variant}.pdf"] = pdf.read_bytes()
        out[f"{variant}.docx"] = _docx_text(docx)
    return out


def _docx_text(path) -> bytes:
    from docx import Document

    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text for c in row.cells))
    for section in doc.sections:
        lines += [p.text for p in section.footer.paragraphs] + [p.text for p in section.header.paragraphs]
    return "\n".join(lines).encode()


def _change_every_directory_fact(path) -> None:
    """Names, titles, roles, memberships, the quorum rule and the register's wording."""
    from lmcdesk.interchange import to_document

    db = open_database(f"sqlite:///{path}")
    with SqlAlchemyUnitOfWork(db) as uow:
        d = uow.directory.load()
        for p in d.people.values():
            p.name = "Professor " + p.name.split(" ", 1)[1] + " (renamed)"
        for b in d.bodies.values():
            b.name += " (renamed)"
        for ms in d.memberships:
            ms.role = MembershipRole.MEMBER if ms.role == MembershipRole.CHAIR else MembershipRole.CHAIR
            ms.voting = not ms.voting
        for i in d.interests:
            i.description = "Reworded: " + i.description
            i.organisation_name = i.organisation_name + " (renamed)" if i.organisation_name else ""
        uow.directory.save_all(d)
        uow.commit()
    db.dispose()
    # the issue's own case: a meeting file raising the quorum to 20 and rewording two register entries
    db = open_database(f"sqlite:///{path}")
    with SqlAlchemyUnitOfWork(db) as uow:
        d = copy.deepcopy(uow.directory.load())
    db.dispose()
    d.bodies[LOCALITY].quorum.minimum = 20
    d.interests[0].description = "Director (reworded by the imported file)"
    d.interests[1].description = "Partner (reworded by the imported file)"
    f = path.parent / "quorum.json"
    f.write_text(json.dumps(to_document(d, [])), encoding="utf-8")
    assert _cli(path, "import", str(f)) == 0


def test_approved_minutes_stay_as_approved_whatever_the_directory_says(office, capsys):
    out = _approve(office, capsys, "--at-meeting", NEXT)
    assert ("Approved as a true record (version 1) at the meeting of Loamshire North Locality Commissioning Group "
            "on 11 February 2025, on 11 February 2025; signed by Dr Ben Sample.") in out
    assert "Made the signing key of Loamshire North Locality Commissioning Group" in out
    before = _exports(office, "before")
    _change_every_directory_fact(office)
    capsys.readouterr()
    # the live record did change: a draft built from it now prints the new facts
    from lmcdesk.export import minutes_document
    from lmcdesk.documents import plain

    db = open_database(f"sqlite:///{office}")
    with SqlAlchemyUnitOfWork(db) as uow:
        live = minutes_document(uow.meetings.get(MID), uow.directory.load(), public=False)
    db.dispose()
    live_text = " ".join(plain(b.runs) for b in live.walk() if hasattr(b, "runs"))
    assert "(renamed)" in live_text and "20 required" in live_text
    after = _exports(office, "after")
    for name in before:
        assert after[name] == before[name], name
    assert b"(renamed)" not in after["full.docx"] and b"20 required" not in after["full.docx"]
    assert b"Dr Ben Sample" in after["full.docx"]
    assert _cli(office, "verify") == 0
    assert "nothing was altered" in capsys.readouterr().out


def test_a_correction_is_version_two_and_version_one_stays_exportable(office, capsys):
    _approve(office, capsys, "--at-meeting", NEXT)
    v1 = _exports(office, "v1")
    assert _cli(office, "correct", MID, "--reason", "Venue misspelt") == 0
    db = open_database(f"sqlite:///{office}")
    with SqlAlchemyUnitOfWork(db) as uow:
        m = uow.meetings.get(MID)
        m.venue = "Loamford Community Hall (fictional, corrected)"
        uow.meetings.save(m)
        uow.commit()
    db.dispose()
    out = _approve(office, capsys, "--by-circulation", "--on", "2025-02-20",
                   "--amendment", "The venue amended to read: Loamford Community Hall.")
    assert "(version 2) by circulation, on 20 February 2025" in out and "Correction: Venue misspelt" in out
    v2 = _exports(office, "v2")
    assert v2["full.pdf"] != v1["full.pdf"]
    assert _exports(office, "v1-again", "--version", "1") == v1
    assert _cli(office, "minutes", MID, "--pdf", str(office.parent / "x.pdf"), "--version", "3") == 2
    assert "These minutes have no approved version 3: its approved versions are 1, 2." in capsys.readouterr().err
    assert _cli(office, "verify") == 0


def test_the_signed_pdf_checks_with_pyhanko_verify_pdf_and_pdfsig(office, capsys, tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    from asn1crypto import pem, x509

    _approve(office, capsys, "--at-meeting", NEXT)
    pdf = _exports(office, "signed")["full.pdf"]
    (tmp_path / "signed.pdf").write_bytes(pdf)
    cert = tmp_path / "locality.pem"
    assert _cli(office, "export-cert", "Loamshire North Locality", str(cert)) == 0
    # pyHanko's own validation, trusting the exported certificate
    import io

    _, _, der = pem.unarmor(cert.read_bytes())
    status = validate_pdf_signature(PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0],
                                    ValidationContext(trust_roots=[x509.Certificate.load(der)]))
    assert status.bottom_line and status.intact and status.valid and status.trusted
    # the command a practice would use
    capsys.readouterr()
    assert _cli(office, "verify-pdf", str(tmp_path / "signed.pdf"), "--cert", str(cert)) == 0
    assert "was signed by Loamshire North Locality Commissioning Group" in capsys.readouterr().out
    changed = bytearray(pdf)
    at = changed.find(b"Loamford")
    changed[at] = ord("X")
    (tmp_path / "changed.pdf").write_bytes(bytes(changed))
    assert _cli(office, "verify-pdf", str(tmp_path / "changed.pdf"), "--cert", str(cert)) == 1
    assert "NOT VALID: changed.pdf: The PDF was changed after it was signed." in capsys.readouterr().out
    if not (shutil.which("pdfsig") and shutil.which("certutil")):
        pytest.skip("poppler-utils (pdfsig) and libnss3-tools (certutil) are not installed")
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "locality", "-t", "C,C,C", "-i", str(cert)],
                   check=True)
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(tmp_path / "signed.pdf")],
                         capture_output=True, text=True).stdout
    assert "Signature is Valid" in out and "Certificate is Trusted" in out and "Total document signed" in out


def test_a_second_pc_signs_with_the_exported_key(office, capsys, tmp_path):
    _approve(office, capsys, "--at-meeting", NEXT)
    cert, key = tmp_path / "locality.pem", tmp_path / "locality.lmckey"
    assert _cli(office, "export-cert", LOCALITY, str(cert)) == 0
    assert _cli(office, "export-key", LOCALITY, str(key)) == 0
    # the second PC: its own record (a copy of the directory and the next meeting's draft)
    second = tmp_path / "pc2" / "record.sqlite3"
    second.parent.mkdir()
    shutil.copyfile(office, second)
    db = open_database(f"sqlite:///{second}")
    with SqlAlchemyUnitOfWork(db) as uow:  # a copy given a record id of its own
        from sqlalchemy import text

        uow.session.execute(text("UPDATE record_meta SET value = 'second-pc-record' WHERE key = 'record_id'"))
        uow.commit()
    db.dispose()
    later = Meeting(id="meeting-2025-03-11", body_id=LOCALITY, date=date(2025, 3, 11), chair_id="dr-ben-sample")
    db = open_database(f"sqlite:///{second}")
    with SqlAlchemyUnitOfWork(db) as uow:
        uow.meetings.add(later)
        uow.commit()
    db.dispose()
    capsys.readouterr()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    assert _cli(second, "import-key", "Loamshire North Locality", str(key), "--passphrase-file", str(wrong)) == 2
    assert "does not open the signing key" in capsys.readouterr().err
    pw = office.parent / "pass.txt"
    assert _cli(second, "import-key", "Loamshire North Locality", str(key), "--passphrase-file", str(pw)) == 0
    assert _cli(second, "approve", NEXT, "--chair", "dr-alys-example", "--at-meeting", later.id,
                "--passphrase-file", str(pw)) == 0
    out = capsys.readouterr().out
    assert "Made the signing key" not in out
    pdf = tmp_path / "pc2.pdf"
    assert _cli(second, "minutes", NEXT, "--pdf", str(pdf)) == 0
    assert _cli(office, "verify-pdf", str(pdf), "--cert", str(cert)) == 0
    assert _cli(second, "verify") == 0


def test_the_passphrase_is_never_taken_from_nowhere(office, capsys, monkeypatch):
    monkeypatch.delenv("LMCDESK_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # not a terminal
    assert _cli(office, "approve", MID, "--chair", "Ben Sample") == 2
    err = capsys.readouterr().err
    assert "needs its passphrase. Give it with --passphrase-file FILE or the LMCDESK_PASSPHRASE" in err
    db = open_database(f"sqlite:///{office}")
    with SqlAlchemyUnitOfWork(db) as uow:
        assert uow.meetings.get(MID).versions == []
    db.dispose()
    monkeypatch.setenv("LMCDESK_PASSPHRASE", PASSPHRASE)
    assert _cli(office, "approve", MID, "--chair", "Ben Sample") == 0  # the next meeting, by default
    assert "at the meeting of Loamshire North Locality Commissioning Group on 11 February 2025" in \
        capsys.readouterr().out
    monkeypatch.setenv("LMCDESK_PASSPHRASE", "a wrong passphrase")
    assert _cli(office, "correct", MID, "--reason", "typo") == 0
    assert _cli(office, "approve", MID, "--chair", "Ben Sample", "--by-circulation", "--on", "2025-02-12") == 2
    assert "That passphrase does not open the signing key" in capsys.readouterr().err


def test_refusals_in_words(office, capsys, monkeypatch):
    monkeypatch.setenv("LMCDESK_PASSPHRASE", PASSPHRASE)
    cases = [
        (["--chair", "Dr"], "matches more than one person"),
        (["--chair", "Nobody Known"], "No one in the record is called 'Nobody Known'"),
        (["--chair", "Ben Sample", "--on", "2025-02-30"], "--on 2025-02-30: that is not a date"),
        (["--chair", "Ben Sample", "--by-circulation", "--on", "2025-01-13"],
         "cannot be approved before the meeting they record"),
        (["--chair", "Alys Example", "--at-meeting", NEXT], "is not recorded as present at the meeting"),
    ]
    for args, words in cases:
        assert _cli(office, "approve", MID, *args) == 2, args
        assert words in capsys.readouterr().err, args
    assert _cli(office, "export-cert", "Loamshire North Locality", str(office.parent / "c.pem")) == 2
    assert "no signing certificate yet: it is made when its first minutes are approved" in capsys.readouterr().err


def test_minutes_approved_before_the_upgrade_are_frozen_on_first_open(office, capsys, monkeypatch):
    """A record upgraded from before approvals were frozen: its approved minutes
    have a version and a seal but no frozen documents and no signature.  The
    first command that opens it freezes them (labelled so), verify says they
    are not signed yet, and the body's next approval signs them."""
    from lmcdesk.domain import fingerprint as fp
    from lmcdesk.domain.model import MinutesVersion
    from lmcdesk.services import audit

    db = open_database(f"sqlite:///{office}")
    with SqlAlchemyUnitOfWork(db) as uow:  # as LMC Desk approved before this change
        m, d = uow.meetings.get(MID), uow.directory.load()
        snap = fp.snapshot(m, d)
        m.approve(MinutesVersion(1, "Dr Alys Example", datetime(2025, 2, 11, 19, 0),
                                 fp.fingerprint_snapshot(snap), snapshot=snap))
        uow.meetings.save(m, allow_approved=True)
        audit.record(uow, "meeting", MID, "approved", "version 1 approved by Dr Alys Example (abc...)")
        audit.seal_approval(uow, MID, 1)
        uow.commit()
        assert uow.approved.unfrozen() == [(MID, 1)]
    db.dispose()
    pdf = office.parent / "legacy.pdf"
    assert _cli(office, "minutes", MID, "--pdf", str(pdf)) == 0  # the first open freezes
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages)
    assert "Frozen on upgrade." in text and "approved on 11 February 2025" in text
    db = open_database(f"sqlite:///{office}")
    with SqlAlchemyUnitOfWork(db) as uow:
        [v] = uow.meetings.get(MID).versions
        assert v.frozen_on_upgrade and not v.signature and uow.approved.unfrozen() == []
        frozen_bytes = uow.approved.get(MID, 1).document
    db.dispose()
    capsys.readouterr()
    assert _cli(office, "verify") == 0
    out = capsys.readouterr().out
    assert "approved version 1 was frozen on upgrade and is not signed yet" in out
    # the next approval of the body signs them too
    monkeypatch.setenv("LMCDESK_PASSPHRASE", PASSPHRASE)
    later = Meeting(id="meeting-2025-03-11", body_id=LOCALITY, date=date(2025, 3, 11), chair_id="dr-ben-sample")
    db = open_database(f"sqlite:///{office}")
    with SqlAlchemyUnitOfWork(db) as uow:
        uow.meetings.add(later)
        uow.commit()
    db.dispose()
    assert _cli(office, "approve", NEXT, "--chair", "Dr Ben Sample", "--at-meeting", later.id) == 0
    assert "Also signed 1 earlier approved version(s) frozen on upgrade." in capsys.readouterr().out
    assert _cli(office, "verify") == 0
    out = capsys.readouterr().out
    assert "nothing was altered" in out and "Not checked" not in out
    db = open_database(f"sqlite:///{office}")
    with SqlAlchemyUnitOfWork(db) as uow:
        assert uow.approved.get(MID, 1).document == frozen_bytes  # signed as it was frozen
    db.dispose()


def test_a_new_key_is_asked_for_twice_in_a_terminal(office, capsys, monkeypatch):
    answers = iter(["first passphrase", "second passphrase"])
    monkeypatch.delenv("LMCDESK_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert _cli(office, "approve", MID, "--chair", "Ben Sample") == 2
    assert "The two passphrases are not the same; nothing was approved." in capsys.readouterr().err
    answers = iter(["the same passphrase", "the same passphrase"])
    assert _cli(office, "approve", MID, "--chair", "Ben Sample") == 0
    assert "Made the signing key" in capsys.readouterr().out
