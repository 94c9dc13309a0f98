"""Documents and approval on a real record (SQLite; PostgreSQL when configured)."""

from __future__ import annotations

from datetime import datetime

import pytest
from pypdf import PdfReader

from lmcdesk import errors
from lmcdesk.cli import main
from lmcdesk.domain import fingerprint as fp
from sample_meeting import sample_meeting
from lmcdesk.services import approval, documents
from signing_keys import PASS, approve

MID = "meeting-2025-01-14"
WHEN = datetime(2025, 2, 11, 15, 0)


@pytest.fixture
def stored(uow_factory):
    d, m = sample_meeting()
    with uow_factory() as uow:
        uow.directory.save_all(d)
        uow.meetings.add(m)
        uow.commit()
    return uow_factory


def _text(path):
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def test_approve_locks_and_fingerprint_survives_storage(stored, tmp_path):
    result = approve(stored(), MID, "dr-alys-example", when=WHEN)
    v = result.version
    with stored() as uow:
        m = uow.meetings.get(MID)
        assert m.is_approved and [x.version for x in m.versions] == [1]
        assert m.versions[0].snapshot == v.snapshot
        # the record loaded back has exactly the approved content
        assert fp.fingerprint(m, uow.directory.load()) == v.fingerprint
        m.item("item-5").discussion = "Quietly rewritten."
        with pytest.raises(errors.MinutesLocked):
            uow.meetings.save(m)
    out = tmp_path / "approved.pdf"
    documents.write_minutes_pdf(stored(), MID, out)
    text = _text(out)
    assert result.fingerprints["full"] in text.replace(" ", "")
    assert "Quietly rewritten" not in text


def test_correction_round_trip_on_storage(stored):
    approve(stored(), MID, "dr-alys-example", when=WHEN)
    approval.begin_correction(stored(), MID, "Dr Dev Fictional's departure time was wrong")
    with stored() as uow:
        m = uow.meetings.get(MID)
        m.attendance_of("dr-dev-fictional").departed_time = None
        uow.meetings.save(m)
        uow.commit()
    v2 = approve(stored(), MID, "dr-ben-sample", when=datetime(2025, 3, 11, 15, 0)).version
    assert v2.version == 2
    assert "departure time was wrong" in v2.change_note
    assert "departed_time" in v2.change_note


def test_cli_documents(stored, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LMCDESK_PASSPHRASE", PASS)
    args = ["--db", stored().database.url]
    assert main(args + ["minutes", "2025-01-14", "--pdf", str(tmp_path / "m.pdf"), "--public"]) == 0
    assert "Staffing matter" not in _text(tmp_path / "m.pdf")
    assert main(args + ["approve", MID[:12], "--chair", "Dr Alys Example", "--by-circulation",
                        "--on", "2025-02-11"]) == 0
    assert "Fingerprint of the full minutes" in capsys.readouterr().out
    assert main(args + ["approve", MID, "--chair", "Dr Alys Example", "--by-circulation"]) == 2
    assert "already approved" in capsys.readouterr().err
    assert main(args + ["minutes", MID, "--pdf", str(tmp_path / "full.pdf")]) == 0
    assert "Staffing matter at a member practice" in _text(tmp_path / "full.pdf")
