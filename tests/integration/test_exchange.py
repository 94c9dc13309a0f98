"""Meeting packs between two PCs (two SQLite files): merge by id, conflicts, approved minutes."""

from __future__ import annotations

import hashlib
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stress"))

from stress_world import ITEM_ID, MEETING_ID, PAPER_PDF, meeting, populate  # noqa: E402

from lmcdesk.domain import MinutesStatus  # noqa: E402
from lmcdesk.errors import InvalidInput  # noqa: E402
from lmcdesk.exchange import read_pack  # noqa: E402
from lmcdesk.services import exchange  # noqa: E402
from lmcdesk.services.exchange import Choice, Status  # noqa: E402
from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database  # noqa: E402

SHA = hashlib.sha256(PAPER_PDF).hexdigest()


class PC:
    """One practice PC with its own record (a SQLite file, or an opened database)."""

    def __init__(self, path) -> None:
        self.db = open_database(f"sqlite:///{path}") if isinstance(path, Path) else path

    def uow(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self.db)

    def text(self, meeting_id=MEETING_ID, item_id=ITEM_ID) -> str:
        with self.uow() as uow:
            return uow.meetings.get(meeting_id).item(item_id).discussion

    def edit(self, text: str, meeting_id=MEETING_ID, item_id=ITEM_ID, **fields) -> None:
        with self.uow() as uow:
            m = uow.meetings.get(meeting_id)
            m.item(item_id).discussion = text
            for k, v in fields.items():
                setattr(m, k, v)
            uow.meetings.save(m)
            uow.commit()

    def export(self, out: Path, ids=(MEETING_ID,)) -> Path:
        with self.uow() as uow:
            exchange.export_pack(uow, list(ids), out)
        return out

    def preview(self, pack: Path):
        with self.uow() as uow:
            return exchange.preview_import(uow, pack)

    def apply(self, pack: Path, **kw):
        with self.uow() as uow:
            preview = exchange.preview_import(uow, pack)
            return preview, exchange.apply_import(uow, preview, **kw).taken


@pytest.fixture
def chair(tmp_path):
    pc = PC(tmp_path / "chair.sqlite3")
    with pc.uow() as uow:
        sha = uow.papers.put(PAPER_PDF)
        uow.commit()
    with pc.uow() as uow:
        populate(uow, [meeting(paper_sha=sha), meeting("lmc-2026-04-01", date(2026, 4, 1))])
    yield pc
    pc.db.dispose()


@pytest.fixture
def secretary(database):
    """The importing PC: SQLite, and PostgreSQL too when LMCDESK_TEST_PG_URL is set."""
    yield PC(database)


def _status(preview, kind="meeting", rid=MEETING_ID):
    return next(r for r in preview.records if r.kind == kind and r.id == rid).status


def test_pack_holds_manifest_meeting_file_and_papers(chair, tmp_path):
    out = chair.export(tmp_path / "march.lmcpack", ids=(MEETING_ID, "lmc-2026-04-01"))
    pack = read_pack(out)
    assert set(pack.manifest.meeting_ids) == {MEETING_ID, "lmc-2026-04-01"}
    assert pack.papers == {SHA: PAPER_PDF}
    assert pack.document["format"] == "lmcdesk-meeting-file"


def test_new_pc_imports_everything_with_papers(chair, secretary, tmp_path):
    pack = chair.export(tmp_path / "march.lmcpack")
    preview, taken = secretary.apply(pack)
    assert _status(preview) == Status.NEW
    assert _status(preview, "person", "dr-alys-example") == Status.NEW
    assert secretary.text() == chair.text()
    with secretary.uow() as uow:
        assert uow.papers.get(SHA) == PAPER_PDF
        assert any(e.action == "imported" for e in uow.audit.entries())
    # the services enter the unit of work themselves (as the GUI calls them)
    assert exchange.preview_import(SqlAlchemyUnitOfWork(secretary.db), pack).records
    # importing the same pack again changes nothing
    preview, taken = secretary.apply(pack)
    assert {r.status for r in preview.records} == {Status.UNCHANGED}
    assert taken == []


def test_remote_edit_is_taken_and_shown(chair, secretary, tmp_path):
    secretary.apply(chair.export(tmp_path / "1.lmcpack"))
    chair.edit("The committee agreed the fictional plan after discussion.", venue="Loamshire Hall")
    preview, _ = secretary.apply(chair.export(tmp_path / "2.lmcpack"))
    rec = next(r for r in preview.records if r.id == MEETING_ID)
    assert rec.status == Status.CHANGED_REMOTELY
    assert any("venue" in line and "Loamshire Hall" in line for line in rec.changes)
    assert any("discussion" in line for line in rec.changes)
    assert secretary.text() == "The committee agreed the fictional plan after discussion."


def test_local_edit_is_kept_when_pack_is_older(chair, secretary, tmp_path):
    pack = chair.export(tmp_path / "1.lmcpack")
    secretary.apply(pack)
    secretary.edit("Secretary's tidied minutes.")
    preview, taken = secretary.apply(pack)
    assert _status(preview) == Status.CHANGED_LOCALLY
    assert secretary.text() == "Secretary's tidied minutes."


def test_conflict_needs_a_choice_and_nothing_is_written_without_one(chair, secretary, tmp_path):
    secretary.apply(chair.export(tmp_path / "1.lmcpack"))
    secretary.edit("Secretary's version.")
    chair.edit("Chair's version.")
    pack = chair.export(tmp_path / "2.lmcpack")
    assert _status(secretary.preview(pack)) == Status.CONFLICT
    with pytest.raises(InvalidInput, match="keep local"):
        secretary.apply(pack)
    assert secretary.text() == "Secretary's version."
    secretary.apply(pack, conflicts=Choice.KEEP_LOCAL)
    assert secretary.text() == "Secretary's version."
    # a later pack with the same chair copy is now "changed locally", not a conflict again
    assert _status(secretary.preview(pack)) == Status.CHANGED_LOCALLY
    with secretary.uow() as uow:
        preview = exchange.preview_import(uow, pack)
        exchange.apply_import(uow, preview, {("meeting", MEETING_ID): Choice.TAKE_THEIRS})
    assert secretary.text() == "Chair's version."


def test_approved_minutes_are_never_overwritten(chair, secretary, tmp_path):
    secretary.apply(chair.export(tmp_path / "1.lmcpack"))
    with secretary.uow() as uow:
        m = uow.meetings.get(MEETING_ID)
        m.status = MinutesStatus.APPROVED
        uow.meetings.save(m)
        uow.commit()
    chair.edit("A later edit on the chair's PC.")
    pack = chair.export(tmp_path / "2.lmcpack")
    preview, taken = secretary.apply(pack, conflicts=Choice.TAKE_THEIRS,
                                     choices={("meeting", MEETING_ID): Choice.TAKE_THEIRS})
    rec = next(r for r in preview.records if r.id == MEETING_ID)
    assert rec.status == Status.REFUSED
    assert "never overwritten" in rec.changes[0]
    assert secretary.text() == "The committee discussed the fictional proposal."


def test_remotely_approved_minutes_are_a_separate_choice(chair, secretary, tmp_path):
    from signing_keys import approve

    secretary.apply(chair.export(tmp_path / "1.lmcpack"))
    with chair.uow() as uow:
        approve(uow, MEETING_ID)
    pack = chair.export(tmp_path / "2.lmcpack")
    assert _status(secretary.preview(pack)) == Status.APPROVED_REMOTELY
    with pytest.raises(InvalidInput):
        secretary.apply(pack, conflicts=Choice.TAKE_THEIRS)  # conflicts choice does not cover it
    secretary.apply(pack, approved=Choice.TAKE_THEIRS)
    with secretary.uow() as uow:
        assert uow.meetings.get(MEETING_ID).is_approved


def test_cli_dry_run_and_import(chair, secretary, tmp_path, capsys):
    from lmcdesk.cli import main

    pack = chair.export(tmp_path / "1.lmcpack")
    db = secretary.db.url
    assert main(["--db", db, "pack-import", str(pack), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "[new] meeting Loamshire LMC, 2026-03-04" in out and "Dry run" in out
    with secretary.uow() as uow:
        assert uow.meetings.summaries() == []
    assert main(["--db", db, "pack-import", str(pack)]) == 0
    assert secretary.text() == chair.text()
    out_pack = tmp_path / "back.lmcpack"
    assert main(["--db", db, "pack-export", MEETING_ID, "-o", str(out_pack)]) == 0
    assert read_pack(out_pack).manifest.meeting_ids == (MEETING_ID,)
    assert main(["--db", db, "pack-import", str(tmp_path / "missing.lmcpack")]) == 2


def test_demo_county_travels_with_its_approved_minutes_sealed(tmp_path):
    from lmcdesk.services import audit
    from lmcdesk.services.demo import create_demo

    a, b = PC(tmp_path / "a.sqlite3"), PC(tmp_path / "b.sqlite3")
    with a.uow() as uow:
        ids = create_demo(uow).meeting_ids
    pack = a.export(tmp_path / "county.lmcpack", ids=ids)
    preview, taken = b.apply(pack)
    assert {r.status for r in preview.records} == {Status.NEW}
    with b.uow() as uow:
        report = audit.verify(uow)
        assert report.ok, report.problems
        assert report.seals_checked == report.versions_checked >= 1
    assert {r.status for r in b.preview(pack).records} == {Status.UNCHANGED}
    a.db.dispose()
    b.db.dispose()


def test_pack_with_altered_approved_minutes_is_refused(chair, secretary, tmp_path):
    import json
    import zipfile

    from signing_keys import approve
    from stress_fuzz_cases import members_of, rezip, with_meeting_json

    with chair.uow() as uow:
        approve(uow, MEETING_ID)
    pack = chair.export(tmp_path / "approved.lmcpack")
    members = members_of(pack.read_bytes())
    doc = json.loads(members["meeting.json"])
    text = json.dumps(doc).replace("The committee discussed the fictional proposal.", "Quietly rewritten.")
    forged = tmp_path / "forged.lmcpack"
    forged.write_bytes(rezip(with_meeting_json(members, text.encode())))
    assert zipfile.is_zipfile(forged)
    with pytest.raises(InvalidInput, match="approved"):
        secretary.preview(forged)
    with secretary.uow() as uow:
        assert uow.meetings.summaries() == []


def test_directory_entries_merge_three_ways(chair, secretary, tmp_path):
    from lmcdesk.domain import Person

    secretary.apply(chair.export(tmp_path / "1.lmcpack"))
    with chair.uow() as uow:
        uow.directory.save_person(Person(id="dr-alys-example", name="Dr Alys Example", email="alys@example.invalid"))
        uow.commit()
    with secretary.uow() as uow:
        uow.directory.save_person(Person(id="dr-bryn-example", name="Dr Bryn Example-Jones"))
        uow.commit()
    preview, _ = secretary.apply(chair.export(tmp_path / "2.lmcpack"))
    assert _status(preview, "person", "dr-alys-example") == Status.CHANGED_REMOTELY
    assert _status(preview, "person", "dr-bryn-example") == Status.CHANGED_LOCALLY
    rec = next(r for r in preview.records if r.id == "dr-alys-example")
    assert rec.changes == ("email:  -> alys@example.invalid",)
    with secretary.uow() as uow:
        people = uow.directory.load().people
    assert people["dr-alys-example"].email == "alys@example.invalid"
    assert people["dr-bryn-example"].name == "Dr Bryn Example-Jones"


def test_change_after_preview_stops_the_import(chair, secretary, tmp_path):
    from lmcdesk.errors import ConcurrentEdit
    from lmcdesk.services.meetings import autosave_item

    secretary.apply(chair.export(tmp_path / "1.lmcpack"))
    chair.edit("Chair's newer text.")
    pack = chair.export(tmp_path / "2.lmcpack")
    preview = secretary.preview(pack)
    assert _status(preview) == Status.CHANGED_REMOTELY
    autosave_item(secretary.uow(), MEETING_ID, ITEM_ID, "Typed live after the preview.")
    with pytest.raises(ConcurrentEdit, match="Preview the pack again"):
        exchange.apply_import(secretary.uow(), preview)
    assert secretary.text() == "Typed live after the preview."
    # a fresh preview sees both sides changed
    assert _status(secretary.preview(pack)) == Status.CONFLICT


def test_an_import_says_what_it_changed(chair, secretary, tmp_path):
    pack = chair.export(tmp_path / "1.lmcpack")

    def changes():
        preview = secretary.preview(pack)
        return exchange.apply_import(secretary.uow(), preview).changes

    first = changes()
    assert first.meetings == {MEETING_ID} and first.meeting_list
    assert {"bodies", "people"} <= first.directory
    assert changes().empty  # the same pack again changes nothing
    chair.edit("Edited by the chair.")
    edited = chair.export(tmp_path / "2.lmcpack")
    again = exchange.apply_import(secretary.uow(), secretary.preview(edited)).changes
    assert again.meetings == {MEETING_ID} and not again.meeting_list and not again.directory
