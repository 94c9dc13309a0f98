"""Importing and exporting the JSON meeting file on a real database."""

from __future__ import annotations

import copy
import json
import sys
import tempfile
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from lmcdesk import errors
from lmcdesk.domain.enums import MinutesStatus
from lmcdesk.interchange import MeetingFileInvalid, from_document, to_document
from lmcdesk.services import interchange as svc
from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from interchange_strategies import worlds  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "docs/examples/loamshire-clean.json"
CONFLICT = ROOT / "docs/examples/loamshire-conflict.json"
MEETING = "loamshire-north-2026-03-12"


def _doc(path: Path = CLEAN) -> dict:
    return json.loads(path.read_text("utf-8"))


def _write(tmp_path: Path, doc, name: str = "file.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return p


def _normal_directory(d):
    return (
        dict(sorted(d.bodies.items())),
        dict(sorted(d.people.items())),
        sorted(d.memberships, key=lambda x: x.id),
        sorted(d.interests, key=lambda x: x.id),
        sorted(d.gifts, key=lambda x: x.id),
    )


def _normal_meetings(meetings):
    return sorted((replace(m, lock_version=0) for m in meetings), key=lambda m: m.id)


def _same_content(a: dict, b: dict) -> None:
    da, ma = from_document(a)
    db, mb = from_document(b)
    assert _normal_directory(da) == _normal_directory(db)
    assert _normal_meetings(ma) == _normal_meetings(mb)


def _empty(uow_factory) -> bool:
    with uow_factory() as uow:
        d = uow.directory.load()
        return not (d.bodies or d.people or d.memberships or d.interests or uow.meetings.summaries())


def test_import_then_export_gives_the_same_content(uow_factory):
    report = svc.import_file(uow_factory(), CLEAN)
    assert report.meeting_ids == [MEETING]
    assert report.created == {"bodies": 3, "people": 6, "memberships": 6, "interests": 5,
                              "gifts": 0, "meetings": 1}
    _same_content(svc.export_meetings(uow_factory(), [MEETING]), _doc())


def test_reimport_is_unchanged_and_an_edit_updates(uow_factory, tmp_path):
    svc.import_file(uow_factory(), CLEAN)
    again = svc.import_file(uow_factory(), CLEAN)
    assert sum(again.created.values()) == sum(again.updated.values()) == 0
    assert again.unchanged["meetings"] == 1
    doc = _doc()
    doc["meetings"][0]["items"][1]["discussion"] = "Three bids were considered."
    doc["people"][0]["email"] = "alys@loamshire.example"
    report = svc.import_file(uow_factory(), _write(tmp_path, doc))
    assert report.updated["meetings"] == 1 and report.updated["people"] == 1
    with uow_factory() as uow:
        assert uow.meetings.get(MEETING).item("ln-0312-enhanced-access").discussion == "Three bids were considered."
    _same_content(svc.export_meetings(uow_factory(), [MEETING]), doc)


def test_references_may_point_at_records_in_the_database(uow_factory, tmp_path):
    svc.import_file(uow_factory(), CLEAN)
    meeting_only = {"format": "lmcdesk-meeting-file", "version": 1, "meetings": _doc(CONFLICT)["meetings"]}
    report = svc.import_file(uow_factory(), _write(tmp_path, meeting_only))
    assert report.created["meetings"] == 1 and report.created["people"] == 0


def test_a_bad_reference_writes_nothing(uow_factory, tmp_path):
    doc = _doc()
    doc["meetings"][0]["items"][1]["declarations"][0]["person_id"] = "dr-nobody"
    with pytest.raises(MeetingFileInvalid) as info:
        svc.import_file(uow_factory(), _write(tmp_path, doc))
    assert info.value.field == "meetings[0].items[1].declarations[0].person_id"
    assert _empty(uow_factory)


def test_a_clash_found_only_while_writing_still_writes_nothing(uow_factory, tmp_path):
    """An item id already used by another stored meeting fails in the database,
    after the directory was written: the whole import is rolled back."""
    svc.import_file(uow_factory(), CLEAN)
    doc = _doc(CONFLICT)
    doc["people"].append({"id": "dr-new-person", "name": "Dr New Person"})
    doc["meetings"][0]["items"][0]["id"] = "ln-0312-declarations"  # belongs to the March meeting
    with pytest.raises(errors.LmcDeskError):
        svc.import_file(uow_factory(), _write(tmp_path, doc))
    with uow_factory() as uow:
        assert "dr-new-person" not in uow.directory.load().people
        assert [s.id for s in uow.meetings.summaries()] == [MEETING]


def test_approved_minutes_are_not_changed_by_an_import(uow_factory, tmp_path):
    svc.import_file(uow_factory(), CLEAN)
    with uow_factory() as uow:
        meeting = uow.meetings.get(MEETING)
        meeting.status = MinutesStatus.APPROVED
        uow.meetings.save(meeting)
        uow.commit()
    unchanged = svc.export_meetings(uow_factory(), [MEETING])
    assert svc.import_file(uow_factory(), _write(tmp_path, unchanged)).unchanged["meetings"] == 1
    doc = copy.deepcopy(unchanged)
    doc["meetings"][0]["items"][1]["discussion"] = "Rewritten after approval."
    doc["people"].append({"id": "dr-new-person", "name": "Dr New Person"})
    with pytest.raises(errors.MinutesLocked, match=MEETING):
        svc.import_file(uow_factory(), _write(tmp_path, doc))
    with uow_factory() as uow:
        assert "dr-new-person" not in uow.directory.load().people
        assert uow.meetings.get(MEETING).item("ln-0312-enhanced-access").discussion != "Rewritten after approval."


# --------------------------------------------------------------------------- the file itself


def test_not_json_names_line_and_column(uow_factory, tmp_path):
    p = tmp_path / "broken.json"
    p.write_text('{\n  "format": "lmcdesk-meeting-file",\n  "version": 1,\n}\n', encoding="utf-8")
    with pytest.raises(errors.InvalidInput, match=r"not valid JSON: .* at line 4, column 1"):
        svc.import_file(uow_factory(), p)
    assert _empty(uow_factory)


def test_bad_encoding(uow_factory, tmp_path):
    p = tmp_path / "latin1.json"
    p.write_bytes('{"format": "lmcdesk-meeting-file",\n "version": 1, "_n": "Caf\u00e9"}'.encode("latin-1"))
    with pytest.raises(errors.InvalidInput, match="not UTF-8 text .* line 2"):
        svc.import_file(uow_factory(), p)


def test_byte_order_mark_is_accepted(uow_factory, tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + CLEAN.read_bytes())
    assert svc.import_file(uow_factory(), p).created["meetings"] == 1


def test_too_large(uow_factory, tmp_path, monkeypatch):
    monkeypatch.setattr(svc, "MAX_FILE_BYTES", 100)
    with pytest.raises(errors.InvalidInput, match="at most"):
        svc.import_file(uow_factory(), CLEAN)


def test_missing_file(uow_factory, tmp_path):
    with pytest.raises(errors.NotFound):
        svc.import_file(uow_factory(), tmp_path / "nope.json")


@pytest.mark.parametrize("text,words", [
    ('{"format": "lmcdesk-meeting-file", "version": 1, "version": 1}', 'field "version" twice'),
    ('{"format": "lmcdesk-meeting-file", "version": NaN}', "NaN"),
    ("[1, 2]", "one JSON object"),
])
def test_other_bad_files(uow_factory, tmp_path, text, words):
    p = tmp_path / "bad.json"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(errors.InvalidInput, match=words):
        svc.import_file(uow_factory(), p)


# --------------------------------------------------------------------------- round trip


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(world=worlds(max_meetings=2))
def test_round_trip_through_the_database_loses_nothing(world):
    directory, meetings = world
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/{uuid.uuid4().hex}.sqlite3")
        try:
            report = svc.import_document(SqlAlchemyUnitOfWork(db), to_document(directory, meetings))
            assert report.created["meetings"] == len(meetings)
            with SqlAlchemyUnitOfWork(db) as uow:
                stored = uow.directory.load()
            assert _normal_directory(stored) == _normal_directory(directory)
            if meetings:
                exported = svc.export_meetings(SqlAlchemyUnitOfWork(db), [m.id for m in meetings])
                again_dir, again_meetings = from_document(json.loads(svc.dumps(exported)))
                assert _normal_meetings(again_meetings) == _normal_meetings(meetings)
                assert _normal_directory(again_dir) == _normal_directory(svc._selection(directory, meetings))
        finally:
            db.dispose()


def test_approved_versions_of_a_draft_cannot_be_rewritten(uow_factory, tmp_path):
    from datetime import datetime, timezone

    from lmcdesk.domain.model import MinutesVersion

    doc = _doc()
    doc["meetings"][0]["versions"] = [{
        "version": 1, "approved_by": "Dr Bryn Sample", "approved_at": "2026-04-09T19:00:00+00:00",
        "fingerprint": "0" * 64, "snapshot": "{}"}]
    svc.import_file(uow_factory(), _write(tmp_path, doc))
    with uow_factory() as uow:
        assert uow.meetings.get(MEETING).versions == [MinutesVersion(
            1, "Dr Bryn Sample", datetime(2026, 4, 9, 19, 0, tzinfo=timezone.utc), "0" * 64, "", "{}")]
        assert any(e.action == "import-created" for e in uow.audit.entries(entity_id=MEETING))
    doc["meetings"][0]["versions"][0]["approved_by"] = "Someone Else"
    with pytest.raises(errors.MinutesLocked, match="approved version 1"):
        svc.import_file(uow_factory(), _write(tmp_path, doc))


def test_approved_minutes_travel_to_another_record_and_verify(uow_factory, tmp_path):
    """Approve on one PC, export, import on another: the copy is approved,
    sealed and verifies; importing the same export again changes nothing."""
    from datetime import datetime

    approval = pytest.importorskip("lmcdesk.services.approval")
    audit = pytest.importorskip("lmcdesk.services.audit")
    svc.import_file(uow_factory(), CLEAN)
    from signing_keys import approve

    approve(uow_factory(), MEETING, when=datetime(2026, 4, 9, 19, 5))
    exported = _write(tmp_path, svc.export_meetings(uow_factory(), [MEETING]), "approved.json")
    assert svc.import_file(uow_factory(), exported).unchanged["meetings"] == 1

    other = open_database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        report = svc.import_file(SqlAlchemyUnitOfWork(other), exported)
        assert report.created["meetings"] == 1
        with SqlAlchemyUnitOfWork(other) as uow:
            copy_ = uow.meetings.get(MEETING)
        assert copy_.is_approved and [v.version for v in copy_.versions] == [1]
        result = audit.verify(SqlAlchemyUnitOfWork(other))
        assert result.ok, result.problems
        assert result.seals_checked == 1
        assert svc.import_file(SqlAlchemyUnitOfWork(other), exported).unchanged["meetings"] == 1
    finally:
        other.dispose()
