"""The meeting pack zip: round trip, and refusal of damaged or hostile files."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date

import pytest

from lmcdesk.domain import AgendaItem, Meeting, MinutesStatus
from lmcdesk.errors import InvalidInput
from lmcdesk.exchange import pack as packmod
from lmcdesk.exchange.merge import Status, classify_meeting, content_hash, describe_changes
from lmcdesk.exchange.pack import read_pack, read_pack_bytes, write_pack

PDF = b"%PDF-1.4\n% fictional Loamshire paper\n%%EOF\n"
DOC = {"format": "lmcdesk-meeting-file", "version": 1, "meetings": [{"id": "m1"}]}


def _write(tmp_path, doc=DOC, papers=None):
    papers = {hashlib.sha256(PDF).hexdigest(): PDF} if papers is None else papers
    out = tmp_path / "x.lmcpack"
    write_pack(out, doc, papers, meeting_ids=["m1"], created_by="alys", app_version="0.1.0")
    return out


def _rezip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_round_trip(tmp_path):
    out = _write(tmp_path)
    pack = read_pack(out)
    assert pack.document == DOC
    assert pack.papers == {hashlib.sha256(PDF).hexdigest(): PDF}
    assert pack.manifest.meeting_ids == ("m1",)
    assert pack.manifest.created_by == "alys"
    assert {f.path for f in pack.manifest.files} == {"meeting.json", f"papers/{hashlib.sha256(PDF).hexdigest()}.pdf"}
    assert not list(tmp_path.glob("*.part"))


def _manifest_edit(tmp_path, **changes):
    members = _members(_write(tmp_path))
    manifest = json.loads(members["manifest.json"])
    manifest.update(changes)
    members["manifest.json"] = json.dumps(manifest).encode()
    return _rezip(members)


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"format": "something-else"}, "format"),
        ({"version": 99}, "newer LMC Desk"),
        ({"version": "1"}, "version"),
        ({"meeting_ids": []}, "meeting_ids"),
        ({"created_at": "yesterday"}, "created_at"),
        ({"files": [{"path": "meeting.json", "sha256": "0" * 64, "size": 1}]}, "files"),
    ],
)
def test_bad_manifest_refused(tmp_path, changes, words):
    with pytest.raises(InvalidInput, match=words):
        read_pack_bytes(_manifest_edit(tmp_path, **changes))


def test_checksum_mismatch_refused(tmp_path):
    members = _members(_write(tmp_path))
    members["meeting.json"] = members["meeting.json"].replace(b"m1", b"m2")
    with pytest.raises(InvalidInput, match="checksum"):
        read_pack_bytes(_rezip(members))


def test_extra_and_missing_files_refused(tmp_path):
    members = _members(_write(tmp_path))
    with pytest.raises(InvalidInput, match="does not list"):
        read_pack_bytes(_rezip({**members, "notes.txt": b"hello"}))
    paper = next(n for n in members if n.startswith("papers/"))
    with pytest.raises(InvalidInput, match="missing"):
        read_pack_bytes(_rezip({k: v for k, v in members.items() if k != paper}))


@pytest.mark.parametrize("name", ["../evil.pdf", "/etc/passwd", "papers\\..\\x", "C:/x", "papers/../../x"])
def test_path_traversal_refused(tmp_path, name):
    members = _members(_write(tmp_path))
    with pytest.raises(InvalidInput, match="unsafe name"):
        read_pack_bytes(_rezip({**members, name: b"x"}))


def test_zip_bomb_refused(tmp_path):
    members = _members(_write(tmp_path))
    members["meeting.json"] = b"{" + b" " * (20 * 1024 * 1024) + b"}"
    with pytest.raises(InvalidInput, match="zip bomb"):
        read_pack_bytes(_rezip(members))


def test_too_many_members_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(packmod, "MAX_MEMBERS", 3)
    members = _members(_write(tmp_path))
    with pytest.raises(InvalidInput, match="too many"):
        read_pack_bytes(_rezip({**members, "a": b"", "b": b""}))


def test_truncated_and_not_zip_refused(tmp_path):
    data = _write(tmp_path).read_bytes()
    for cut in (0, 10, len(data) // 2, len(data) - 5):
        with pytest.raises(InvalidInput):
            read_pack_bytes(data[:cut])
    with pytest.raises(InvalidInput, match="not a zip"):
        read_pack_bytes(b"%PDF-1.4 hello")


def test_bad_json_with_good_checksum_refused(tmp_path):
    members = _members(_write(tmp_path))
    bad = b'{"a": 1, "a": 2}'
    manifest = json.loads(members["manifest.json"])
    for f in manifest["files"]:
        if f["path"] == "meeting.json":
            f["sha256"], f["size"] = hashlib.sha256(bad).hexdigest(), len(bad)
    members["manifest.json"] = json.dumps(manifest).encode()
    members["meeting.json"] = bad
    with pytest.raises(InvalidInput, match="twice"):
        read_pack_bytes(_rezip(members))


def test_missing_file_gives_plain_message(tmp_path):
    with pytest.raises(InvalidInput, match="cannot be read"):
        read_pack(tmp_path / "nowhere.lmcpack")


# --------------------------------------------------------------------------- merge rules


def _meeting(text="", status=MinutesStatus.DRAFT):
    return Meeting(
        id="m1", body_id="b1", date=date(2026, 3, 4), status=status,
        items=[AgendaItem(id="i1", title="Loamshire budget", position=1, discussion=text)],
    )


def test_classification():
    base = content_hash(_meeting("agreed"))
    assert classify_meeting(None, _meeting(), base) == Status.NEW
    assert classify_meeting(_meeting("agreed"), _meeting("agreed"), base) == Status.UNCHANGED
    assert classify_meeting(_meeting("agreed"), _meeting("agreed, more"), base) == Status.CHANGED_REMOTELY
    assert classify_meeting(_meeting("agreed, mine"), _meeting("agreed"), base) == Status.CHANGED_LOCALLY
    assert classify_meeting(_meeting("mine"), _meeting("theirs"), base) == Status.CONFLICT
    assert classify_meeting(_meeting("mine"), _meeting("theirs"), None) == Status.CONFLICT
    approved = _meeting("final", MinutesStatus.APPROVED)
    assert classify_meeting(approved, _meeting("theirs"), base) == Status.REFUSED
    assert classify_meeting(_meeting("mine"), approved, base) == Status.APPROVED_REMOTELY


def test_lock_version_is_not_content():
    a, b = _meeting("x"), _meeting("x")
    b.lock_version = 7
    assert content_hash(a) == content_hash(b)


def test_describe_changes_names_the_field():
    local, remote = _meeting("short"), _meeting("longer text")
    remote.venue = "Loamshire Hall"
    lines = describe_changes(local, remote)
    assert "venue:  -> Loamshire Hall" in lines
    assert any("item 'Loamshire budget' discussion" in line for line in lines)
