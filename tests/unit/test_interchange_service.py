"""The import/export service on the in-memory unit of work (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fakes import FakeUnitOfWork
from lmcdesk import errors
from lmcdesk.domain.enums import MinutesStatus
from lmcdesk.interchange import MeetingFileInvalid, from_document
from lmcdesk.services import interchange as svc

ROOT = Path(__file__).resolve().parents[2]
MEETING = "loamshire-north-2026-03-12"


def _doc() -> dict:
    return json.loads((ROOT / "docs/examples/loamshire-clean.json").read_text("utf-8"))


def test_import_counts_and_export_round_trip():
    uow = FakeUnitOfWork()
    report = svc.import_document(uow, _doc(), source="clean.json")
    assert report.created["people"] == 6 and report.created["meetings"] == 1
    assert uow.commits == 1
    assert "meetings: 1 new" in report.summary()
    assert [e.action for e in uow.audit.entries(entity_id=MEETING)] == ["import-created"]
    assert from_document(svc.export_meetings(uow, [MEETING]))[1] == from_document(_doc())[1]
    again = svc.import_document(uow, _doc())
    assert again.unchanged["meetings"] == 1 and sum(again.created.values()) == 0


def test_nothing_is_written_when_the_file_is_bad():
    uow = FakeUnitOfWork()
    doc = _doc()
    doc["meetings"][0]["chair_id"] = "dr-nobody"
    with pytest.raises(MeetingFileInvalid):
        svc.import_document(uow, doc)
    assert uow.commits == 0
    with uow:
        assert uow.directory.load().people == {}


def test_approved_meeting_is_refused_before_anything_is_written():
    uow = FakeUnitOfWork()
    svc.import_document(uow, _doc())
    with uow:
        meeting = uow.meetings.get(MEETING)
        meeting.status = MinutesStatus.APPROVED
        uow.meetings.save(meeting)
        uow.commit()
    doc = json.loads(svc.dumps(svc.export_meetings(uow, [MEETING])))
    doc["meetings"][0]["venue"] = "Elsewhere"
    doc["people"][0]["name"] = "Dr Alys Renamed"
    with pytest.raises(errors.MinutesLocked, match="approved minutes"):
        svc.import_document(uow, doc)
    with uow:
        assert uow.directory.load().people["dr-alys-example"].name == "Dr Alys Example"


def test_export_selection_takes_what_the_meeting_needs_only():
    uow = FakeUnitOfWork()
    doc = _doc()
    doc["bodies"].append({"id": "unrelated-practice", "name": "Unrelated Practice", "type": "practice"})
    doc["people"].append({"id": "dr-unrelated", "name": "Dr Unrelated"})
    doc["memberships"].append({"person_id": "dr-unrelated", "body_id": "unrelated-practice"})
    svc.import_document(uow, doc)
    out = svc.export_meetings(uow, [MEETING])
    assert "dr-unrelated" not in {p["id"] for p in out["people"]}
    assert "unrelated-practice" not in {b["id"] for b in out["bodies"]}
    assert "mr-ffion-minutes" in {p["id"] for p in out["people"]}  # minute-taker, in attendance
    assert "mudbury-medical-centre" in {b["id"] for b in out["bodies"]}  # bidder and award


def test_export_of_an_unknown_meeting():
    with pytest.raises(errors.NotFound):
        svc.export_meetings(FakeUnitOfWork(), ["no-such-meeting"])


@pytest.mark.parametrize("data,words", [
    (b"\xff\xfe{}", "not UTF-8"),
    (b'{"a": 1,}', "line 1, column 9"),
    (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
])
def test_parse_text_problems(data, words):
    with pytest.raises(errors.InvalidInput, match=words):
        svc.parse_text(data, "x.json")


def test_import_says_what_it_changed():
    uow = FakeUnitOfWork()
    assert svc.import_document(uow, _doc(), dry_run=True).changes.empty  # nothing written
    first = svc.import_document(uow, _doc()).changes
    assert first.meetings == {MEETING} and first.meeting_list
    assert {"bodies", "people"} <= first.directory
    assert svc.import_document(uow, _doc()).changes.empty  # the same file again
    doc = _doc()
    doc["meetings"][0]["venue"] = "Loamshire Hall"
    again = svc.import_document(uow, doc).changes
    assert again.meetings == {MEETING} and not again.meeting_list and not again.directory
