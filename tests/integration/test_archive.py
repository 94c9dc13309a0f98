"""Archived copies: a record LMC Desk may not write (the file or its folder is
read-only, or it is on a read-only disc, drive or share) opens for reading,
search, export and verify; every write is refused in words, and the file's
bytes stay exactly as they were.

Each behaviour runs on three kinds of archive (the ``archive`` fixture):

* ``medium``: a real read-only mount (a read-only bind mount, as root on Linux;
  CI runs as root, and root ignores file modes but not a read-only mount);
* ``modes``: the file 0444 in a folder 0555 (skipped as root, for that reason);
* ``said``: a writable folder whose medium the probe is told is read-only.  It
  runs everywhere, and proves that nothing at all is written beside the file
  either (no ``-wal``, ``-shm``, lock file or backup), because here SQLite could.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from archives import OLD, can_mount, file_modes_enforced, older_record, read_only_mount, sha, unmount
from lmcdesk import bootstrap, errors
from lmcdesk.cli import main
from lmcdesk.storage import instance

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "docs/examples/loamshire-clean.json"
ARCHIVE_WORDS = "archived copy that cannot be changed"
DRAFT = "demo-meeting-federation-bid"
APPROVED = "demo-meeting-locality-award"


# --------------------------------------------------------------------------- archives


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """The example county stored once for this module; each archive is a copy."""
    from lmcdesk.services.demo import create_demo
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    path = tmp_path_factory.mktemp("demo") / "example.sqlite3"
    db = open_database("sqlite:///" + str(path))
    try:
        create_demo(SqlAlchemyUnitOfWork(db))
    finally:
        db.dispose()
    return path


@dataclass
class Archive:
    path: Path  # the record as it is opened
    real: Path  # the same bytes where the test may look (the mount's source)
    how: str

    def state(self) -> tuple[str, list[str]]:
        """The file's bytes and every name in its folder: what must not change."""
        return sha(self.real), sorted(os.listdir(self.real.parent))


@pytest.fixture(params=["medium", "modes", "said"])
def archive_of(request, tmp_path, monkeypatch):
    """``archive_of(record_file)``: that record, made an archive of the kind ``param``."""
    how = request.param
    cleanups = []

    def make(record: Path, name: str = "record.sqlite3") -> Archive:
        folder = tmp_path / f"archive-{len(cleanups)}"
        folder.mkdir()
        real = folder / name
        shutil.copyfile(record, real)
        for end in ("-wal", "-journal"):
            beside = record.with_name(record.name + end)
            if beside.exists():
                shutil.copyfile(beside, real.with_name(real.name + end))
        if how == "medium":
            mounted = tmp_path / f"disc-{len(cleanups)}"
            if not read_only_mount(folder, mounted):
                pytest.skip("a read-only mount cannot be made here (needs root on Linux)")
            cleanups.append(lambda: unmount(mounted))
            return Archive(mounted / name, real, how)
        if how == "modes":
            if os.name != "posix" or not file_modes_enforced(tmp_path):
                pytest.skip("root ignores file modes (the 'medium' archive covers root)")
            real.chmod(0o444)
            folder.chmod(0o555)
            cleanups.append(lambda: folder.chmod(0o755))
            return Archive(real, real, how)
        monkeypatch.setattr(instance, "_read_only_medium", lambda folder: True)
        cleanups.append(lambda: None)
        return Archive(real, real, how)

    yield make
    for undo in reversed(cleanups):
        undo()


@pytest.fixture
def archive(archive_of, demo_template) -> Archive:
    """The example county as an archived copy."""
    return archive_of(demo_template)


@pytest.fixture
def cli(capsys):
    def run(db: Path, *argv: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", str(db), *argv])
        except SystemExit as exc:  # argparse's own refusals
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


# --------------------------------------------------------------------------- the probe


def test_a_writable_record_is_not_an_archive_and_the_probe_leaves_nothing(tmp_path, demo_template):
    folder = tmp_path / "records"
    folder.mkdir()
    path = folder / "record.sqlite3"
    shutil.copyfile(demo_template, path)
    before = sha(path), path.stat().st_mtime_ns
    assert instance.read_only_reason(path) is None
    assert os.listdir(folder) == ["record.sqlite3"]
    assert (sha(path), path.stat().st_mtime_ns) == before


@pytest.mark.skipif(not can_mount(), reason="needs root on Linux to mount")
def test_a_read_only_medium_is_told_by_the_medium_not_by_file_modes(tmp_path, demo_template):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copyfile(demo_template, src / "record.sqlite3")
    disc = tmp_path / "disc"
    if not read_only_mount(src, disc):
        pytest.skip("a read-only mount cannot be made here")
    try:
        assert os.stat(disc / "record.sqlite3").st_mode & 0o200  # the mode says writable
        assert instance.read_only_reason(disc / "record.sqlite3") == instance.READ_ONLY_MEDIUM
    finally:
        unmount(disc)


def test_a_read_only_file_and_folder_are_told_apart(tmp_path, demo_template):
    if os.name != "posix" or not file_modes_enforced(tmp_path):
        pytest.skip("root ignores file modes")
    path = tmp_path / "record.sqlite3"
    shutil.copyfile(demo_template, path)
    path.chmod(0o444)
    try:
        assert instance.read_only_reason(path) == instance.READ_ONLY_FILE
    finally:
        path.chmod(0o644)
    tmp_path.chmod(0o555)
    try:
        assert instance.read_only_reason(path) == instance.READ_ONLY_FOLDER
    finally:
        tmp_path.chmod(0o755)


def test_a_failed_write_probe_makes_it_an_archive_even_when_os_access_says_yes(tmp_path, demo_template, monkeypatch):
    """A share (or root on a read-only mount) can answer os.access wrongly:
    the probe's own failed write decides."""
    path = tmp_path / "record.sqlite3"
    shutil.copyfile(demo_template, path)
    import errno

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(instance.tempfile, "mkstemp", refuse)
    assert instance.read_only_reason(path) == instance.READ_ONLY_FOLDER
    monkeypatch.setattr(instance.os, "open", refuse)
    assert instance.read_only_reason(path) == instance.READ_ONLY_FILE


# --------------------------------------------------------------------------- opening


def test_an_archive_opens_read_only_with_nothing_written(archive):
    before = archive.state()
    record = bootstrap.open_record(str(archive.path))
    try:
        assert record.archived and record.read_only and record.lock is None
        assert ARCHIVE_WORDS in record.read_only_message and "archive" in record.read_only_banner.lower()
        assert record.notice == ""
        assert record.startup_backup() is None
        assert record.backup("approval") == (None, None)
        with record.unit_of_work() as uow:
            assert {s.id for s in uow.meetings.summaries()} >= {DRAFT, APPROVED}
            assert uow.meetings.get(APPROVED).is_approved
            # the connection never switched journal mode and refuses writes itself
            conn = uow.session.connection()
            assert conn.execute(text("PRAGMA query_only")).scalar() == 1
        with pytest.raises(errors.DatabaseReadOnly) as refused:
            with record.unit_of_work() as uow:
                meeting = uow.meetings.get(DRAFT)
                meeting.title = "Changed on the archive"
                uow.meetings.save(meeting)
                uow.commit()
        assert refused.value.message == record.read_only_message
        # a write SQLite itself meets before any commit: the same words
        with pytest.raises(errors.DatabaseReadOnly) as refused:
            with record.unit_of_work() as uow:
                uow.session.execute(text("DELETE FROM meeting"))
        assert refused.value.message == record.read_only_message
        with pytest.raises(errors.DatabaseReadOnly, match=ARCHIVE_WORDS):
            record.refuse_if_read_only()
    finally:
        record.close()
    assert archive.state() == before
    assert not list((Path(os.environ["LMCDESK_HOME"])).rglob("*.sqlite3")), "no backup of an archive"


def test_asking_for_read_only_or_a_lock_changes_nothing_on_an_archive(archive):
    before = archive.state()
    for kwargs in ({"read_only": True}, {"lock": True}, {"lock": False}, {"create": True}):
        with bootstrap.open_record(str(archive.path), **kwargs) as record:
            assert record.archived and record.lock is None, kwargs
            with record.unit_of_work() as uow:
                assert uow.meetings.summaries()
    assert archive.state() == before


def test_sqlite_refusing_the_write_open_falls_back_to_an_archive(tmp_path, demo_template, monkeypatch):
    """The probes said yes, SQLite said no (a share's own rules): read it as an archive."""
    path = tmp_path / "record.sqlite3"
    shutil.copyfile(demo_template, path)
    before = sha(path)
    monkeypatch.setattr(instance, "read_only_reason", lambda p: None)
    from lmcdesk.storage import db as storage_db

    def refused(url, **kwargs):
        raise errors.DatabaseReadOnly("LMC Desk may not write to the record (the file or its folder is read-only).")

    monkeypatch.setattr(storage_db, "open_database", refused)
    with bootstrap.open_record(str(path)) as record:
        assert record.archived == bootstrap.ARCHIVE_REFUSED and record.lock is None
        with record.unit_of_work() as uow:
            assert uow.meetings.get(DRAFT).title
    assert sha(path) == before
    assert not path.with_name("record.sqlite3.lock").exists() or path.with_name("record.sqlite3.lock").read_text() == ""


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_journal_mode_is_never_switched(archive_of, demo_template, tmp_path, journal):
    """A record kept with a rollback journal (e.g. made by an older tool) stays so."""
    copy = tmp_path / "kept.sqlite3"
    shutil.copyfile(demo_template, copy)
    con = sqlite3.connect(copy)
    assert con.execute(f"PRAGMA journal_mode={journal}").fetchone()[0] == journal
    con.close()
    archive = archive_of(copy)
    before = archive.state()
    with bootstrap.open_record(str(archive.path)) as record:
        with record.unit_of_work() as uow:
            assert uow.meetings.get(DRAFT)
    assert archive.state() == before
    header = archive.real.read_bytes()[18:20]
    assert header == (b"\x02\x02" if journal == "wal" else b"\x01\x01")


# --------------------------------------------------------------------------- the command line


def test_reading_commands_work_on_an_archive(archive, cli, tmp_path):
    before = archive.state()
    out_dir = tmp_path / "exports"
    out_dir.mkdir()

    code, out, err = cli(archive.path, "meetings")
    assert code == 0, err
    assert DRAFT in out and APPROVED in out

    code, out, err = cli(archive.path, "search", "physiotherapy")
    assert code == 0, err
    assert "Nothing found" not in out

    code, out, err = cli(archive.path, "check", DRAFT)
    assert code in (0, 1), err
    assert "Traceback" not in err

    code, out, err = cli(archive.path, "verify")
    assert code == 0, err + out
    assert out.startswith("OK")

    code, out, err = cli(archive.path, "export-json", DRAFT, "-o", str(out_dir / "draft.json"))
    assert code == 0, err
    assert (out_dir / "draft.json").stat().st_size > 0

    for meeting in (DRAFT, APPROVED):
        pdf = out_dir / f"{meeting}.pdf"
        code, out, err = cli(archive.path, "minutes", meeting, "--pdf", str(pdf), "--docx", str(pdf.with_suffix(".docx")))
        assert code == 0, err
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.with_suffix(".docx").stat().st_size > 0

    code, out, err = cli(archive.path, "register", "interests", str(out_dir / "interests.pdf"))
    assert code == 0, err
    assert (out_dir / "interests.pdf").read_bytes().startswith(b"%PDF")

    # a backup only reads the record (a WAL record in a read-only folder, read in place)
    code, out, err = cli(archive.path, "backup")
    assert code == 0, err
    from lmcdesk.paths import backup_dir
    from lmcdesk.storage.backup import check_file

    (copy,) = backup_dir().glob("record-*-manual.sqlite3")
    check_file(copy)

    assert archive.state() == before


def test_writing_commands_are_refused_in_words_and_change_nothing(archive, cli):
    before = archive.state()
    for argv in (
        ("import", str(CLEAN)),
        ("approve", DRAFT, "--chair", "Dr Alys Example", "--by-circulation"),
        ("correct", APPROVED, "--reason", "a typing error"),
        ("verify", "--seal-unsealed"),
        ("import", "--dry-run", str(CLEAN)),  # a dry run writes, then rolls back: refused too
    ):
        code, out, err = cli(archive.path, *argv)
        assert code == 2, (argv, out, err)
        assert ARCHIVE_WORDS in err, (argv, err)
        assert "Traceback" not in err
        assert archive.state() == before, argv


# --------------------------------------------------------------------------- older, newer, unfinished


def test_an_older_archive_is_read_from_an_up_to_date_copy_and_says_so(archive_of, tmp_path, cli):
    from lmcdesk.storage.migrate import current_revision, head_revision

    old = tmp_path / "old.sqlite3"
    older_record(old)
    archive = archive_of(old)
    before = archive.state()
    record = bootstrap.open_record(str(archive.path))
    try:
        assert record.archived
        assert "older version of LMC Desk" in record.notice and "temporary copy" in record.notice
        assert OLD in record.notice and "not changed" in record.notice
        assert bootstrap.COPY_BANNER in record.read_only_banner
        scratch = record.database.scratch
        assert scratch is not None and scratch.is_dir() and archive.real.parent not in scratch.parents
        assert current_revision(record.database.engine) == head_revision()
        with record.unit_of_work() as uow:
            assert [s.title for s in uow.meetings.summaries()] == ["Archived spring meeting"]
        with pytest.raises(errors.DatabaseReadOnly, match=ARCHIVE_WORDS):
            with record.unit_of_work() as uow:
                uow.session.execute(text("DELETE FROM meeting"))
    finally:
        record.close()
    assert not scratch.exists(), "the temporary copy goes when the record is closed"
    assert archive.state() == before

    code, out, err = cli(archive.path, "meetings")
    assert code == 0, err
    assert "Archived spring meeting" in out
    assert "lmcdesk: note:" in err and "temporary copy" in err
    assert archive.state() == before
    from lmcdesk.paths import backup_dir

    assert not list(backup_dir().glob("*before-upgrade*")), "no backup of a copy nobody keeps"


def test_a_newer_archive_is_refused_in_words(archive_of, demo_template, tmp_path, cli):
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(demo_template, newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    con.commit()
    con.close()
    archive = archive_of(newer)
    before = archive.state()
    with pytest.raises(errors.DatabaseTooNew, match="newer version of LMC Desk"):
        bootstrap.open_record(str(archive.path))
    code, _, err = cli(archive.path, "meetings")
    assert code == 2 and "newer version of LMC Desk" in err
    assert archive.state() == before


def test_changes_still_in_a_wal_file_are_read_from_a_copy(archive_of, demo_template, tmp_path):
    """A record copied while LMC Desk had it open: its last changes are in the
    -wal file beside it, which reading in place (immutable) would not see."""
    live = tmp_path / "live.sqlite3"
    shutil.copyfile(demo_template, live)
    con = sqlite3.connect(live)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE meeting SET title = 'Retitled just before the copy' WHERE id = ?", (DRAFT,))
    con.commit()
    copied = tmp_path / "copied"
    copied.mkdir()
    shutil.copyfile(live, copied / "record.sqlite3")
    shutil.copyfile(live.with_name("live.sqlite3-wal"), copied / "record.sqlite3-wal")
    con.close()
    archive = archive_of(copied / "record.sqlite3")
    before = archive.state()
    with bootstrap.open_record(str(archive.path)) as record:
        assert "record.sqlite3-wal" in record.notice and "temporary copy" in record.notice
        with record.unit_of_work() as uow:
            assert uow.meetings.get(DRAFT).title == "Retitled just before the copy"
    assert archive.state() == before


# --------------------------------------------------------------------------- foreign and damaged files


def test_another_programs_database_is_left_byte_for_byte(tmp_path):
    """Refused in words, and its header (journal mode) untouched, writable or not."""
    path = tmp_path / "practice-list.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE patients (name TEXT)")
    con.execute("INSERT INTO patients VALUES ('fictional')")
    con.commit()
    con.close()
    before = sha(path), sorted(os.listdir(tmp_path))
    with pytest.raises(errors.StorageProblem, match="not an LMC Desk record"):
        bootstrap.open_record(str(path))
    assert (sha(path), sorted(os.listdir(tmp_path))) == before


def test_another_programs_database_on_an_archive_is_refused_unchanged(archive_of, tmp_path):
    path = tmp_path / "practice-list.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE patients (name TEXT)")
    con.commit()
    con.close()
    archive = archive_of(path)
    before = archive.state()
    with pytest.raises(errors.StorageProblem, match="not an LMC Desk record"):
        bootstrap.open_record(str(archive.path))
    assert archive.state() == before


def test_a_damaged_archive_is_refused_in_words(archive_of, tmp_path):
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"Minutes typed in Notepad\n" * 400)
    archive = archive_of(path)
    before = archive.state()
    with pytest.raises(errors.DatabaseCorrupt, match="damaged"):
        bootstrap.open_record(str(archive.path))
    assert archive.state() == before
