"""The meeting pack file (``.lmcpack``): one zip carried between PCs on a stick.

Layout::

    manifest.json            format, version, who made it and when, meeting ids,
                             every other file with its SHA-256 and size
    meeting.json             the documented JSON meeting file (lmcdesk.interchange)
    papers/<sha256>.pdf      each paper's bytes, named by their own SHA-256

The reader is written for a file that may be damaged, truncated or hostile: it
never extracts anything to disk, reads members into memory under fixed limits
(member count, total and per-member size, compression ratio), accepts only the
names above, and checks every checksum before anything is parsed.  Every
refusal is an ``InvalidInput`` in plain words; nothing else escapes.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from lmcdesk.errors import InvalidInput

log = logging.getLogger(__name__)

FORMAT = "lmcdesk-meeting-pack"
VERSION = 1
SUFFIX = ".lmcpack"

MANIFEST = "manifest.json"
MEETING = "meeting.json"
_PAPER_RE = re.compile(r"papers/([0-9a-f]{64})\.pdf")
_SHA_RE = re.compile(r"[0-9a-f]{64}")

# Limits: generous for a year of meetings with their papers, far below what
# would exhaust a practice PC's memory.
MAX_MEMBERS = 5_000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # uncompressed, all members together
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_MEETING_BYTES = 128 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for any member larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_PACK_BYTES = MAX_TOTAL_BYTES + 64 * 1024 * 1024

_NOT_A_PACK = "This file is not a meeting pack LMC Desk can read"


@dataclass(frozen=True)
class PackFile:
    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    format: str
    version: int
    created_at: str
    created_by: str
    app_version: str
    meeting_ids: tuple[str, ...]
    files: tuple[PackFile, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "version": self.version,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "app_version": self.app_version,
            "meeting_ids": list(self.meeting_ids),
            "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in self.files],
        }


@dataclass
class Pack:
    """What a pack holds once every check has passed."""

    manifest: Manifest
    document: dict[str, Any]  # the parsed JSON meeting file (not yet validated by the codec)
    papers: dict[str, bytes] = field(default_factory=dict)  # sha256 -> bytes


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def paper_path(sha256: str) -> str:
    return f"papers/{sha256}.pdf"


# --------------------------------------------------------------------------- writing


def dumps_document(document: dict[str, Any]) -> bytes:
    """The JSON meeting file as bytes (stable key order, UTF-8)."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def write_pack(
    out_path: str | Path,
    document: dict[str, Any],
    papers: dict[str, bytes],
    *,
    meeting_ids: list[str],
    created_by: str,
    app_version: str,
    created_at: datetime | None = None,
) -> Manifest:
    """Write a pack atomically (temporary file, fsync, rename) and return its manifest."""
    out_path = Path(out_path)
    meeting_bytes = dumps_document(document)
    files = [PackFile(MEETING, _sha(meeting_bytes), len(meeting_bytes))]
    members: list[tuple[str, bytes]] = [(MEETING, meeting_bytes)]
    for sha in sorted(papers):
        data = papers[sha]
        if _sha(data) != sha:
            raise InvalidInput(f"The stored paper {sha[:12]}… does not match its checksum; run a database check.")
        members.append((paper_path(sha), data))
        files.append(PackFile(paper_path(sha), sha, len(data)))
    when = (created_at or datetime.now(timezone.utc)).astimezone(timezone.utc)
    manifest = Manifest(
        format=FORMAT,
        version=VERSION,
        created_at=when.isoformat(timespec="seconds"),
        created_by=created_by,
        app_version=app_version,
        meeting_ids=tuple(meeting_ids),
        files=tuple(files),
    )
    manifest_bytes = json.dumps(manifest.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
    tmp = out_path.with_name(out_path.name + ".part")
    try:
        with open(tmp, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST, manifest_bytes)
                for name, data in members:
                    # PDFs are already compressed; storing them saves time.
                    method = zipfile.ZIP_STORED if name.startswith("papers/") else zipfile.ZIP_DEFLATED
                    zf.writestr(name, data, compress_type=method)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(f"The meeting pack could not be written to {out_path}: {exc.strerror or exc}.") from exc
    return manifest


# --------------------------------------------------------------------------- reading


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(f"{_NOT_A_PACK}: {message}")


def _strict_json(data: bytes, what: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise ValueError(f"the name {key!r} appears twice")
            out[key] = value
        return out

    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not allowed")

    try:
        text = data.decode("utf-8")
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constants)
    except UnicodeDecodeError as exc:
        raise _refuse(f"{what} is not UTF-8 text.") from exc
    except RecursionError as exc:
        raise _refuse(f"{what} is nested too deeply.") from exc
    except ValueError as exc:  # includes json.JSONDecodeError
        raise _refuse(f"{what} is not valid JSON ({exc}).") from exc


def _unsafe_name(name: str) -> bool:
    return (
        name.startswith(("/", "\\"))
        or "\\" in name
        or ".." in name.split("/")
        or ":" in name
        or "\x00" in name
        or name != name.strip()
    )


def _parse_manifest(raw: Any) -> Manifest:
    if not isinstance(raw, dict):
        raise _refuse("its manifest is not a JSON object.")
    if raw.get("format") != FORMAT:
        raise _refuse(f"its manifest names the format {str(raw.get('format'))[:60]!r}, not {FORMAT!r}.")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _refuse("its manifest has no format version number.")
    if version > VERSION:
        raise InvalidInput(
            f"This meeting pack was made by a newer LMC Desk (pack version {version}); "
            f"this copy reads version {VERSION}. Please update LMC Desk on this PC."
        )
    if version < 1:
        raise _refuse(f"its manifest has an unknown format version ({version}).")
    expected = {"format", "version", "created_at", "created_by", "app_version", "meeting_ids", "files"}
    missing = sorted(expected - raw.keys())
    if missing:
        raise _refuse(f"its manifest lacks {', '.join(missing)}.")
    for key in ("created_at", "created_by", "app_version"):
        if not isinstance(raw[key], str) or len(raw[key]) > 500:
            raise _refuse(f"its manifest's {key} is not a short text.")
    try:
        datetime.fromisoformat(raw["created_at"])
    except ValueError as exc:
        raise _refuse("its manifest's created_at is not a date and time.") from exc
    ids = raw["meeting_ids"]
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and 0 < len(i) <= 200 for i in ids):
        raise _refuse("its manifest's meeting_ids is not a list of meeting ids.")
    if len(set(ids)) != len(ids):
        raise _refuse("its manifest lists a meeting twice.")
    files_raw = raw["files"]
    if not isinstance(files_raw, list) or len(files_raw) > MAX_MEMBERS:
        raise _refuse("its manifest's list of files is not a list.")
    files: list[PackFile] = []
    seen: set[str] = set()
    for n, entry in enumerate(files_raw):
        if not isinstance(entry, dict) or set(entry) != {"path", "sha256", "size"}:
            raise _refuse(f"entry {n + 1} of the manifest's list of files is not path, sha256 and size.")
        path, sha, size = entry["path"], entry["sha256"], entry["size"]
        if not isinstance(path, str) or not isinstance(sha, str) or not _SHA_RE.fullmatch(sha):
            raise _refuse(f"entry {n + 1} of the manifest's list of files is malformed.")
        if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_MEMBER_BYTES:
            raise _refuse(f"entry {n + 1} of the manifest's list of files has an impossible size.")
        if path in seen:
            raise _refuse(f"its manifest lists {path!r} twice.")
        seen.add(path)
        files.append(PackFile(path, sha, size))
    if MEETING not in seen:
        raise _refuse("its manifest does not list meeting.json.")
    return Manifest(
        format=FORMAT,
        version=version,
        created_at=raw["created_at"],
        created_by=raw["created_by"],
        app_version=raw["app_version"],
        meeting_ids=tuple(ids),
        files=tuple(files),
    )


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Read one member, never producing more than ``limit`` bytes whatever its header claims."""
    if info.file_size > limit:
        raise _refuse(f"{info.filename} is too large ({info.file_size:,} bytes).")
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise _refuse(f"{info.filename} is compressed suspiciously well (a 'zip bomb').")
    out = bytearray()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1024 * 1024)
            if not chunk:
                break
            out += chunk
            if len(out) > info.file_size or len(out) > limit:
                raise _refuse(f"{info.filename} holds more than it says.")
    if len(out) != info.file_size:
        raise _refuse(f"{info.filename} is shorter than it says.")
    return bytes(out)


def read_pack(path: str | Path) -> Pack:
    """Open and check a pack.  Raises ``InvalidInput`` in plain words on any problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise _refuse(f"it is too large ({size:,} bytes).")
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"The meeting pack {path.name} cannot be read: {exc.strerror or exc}.") from exc
    return read_pack_bytes(data, name=path.name)


def read_pack_bytes(data: bytes, *, name: str = "pack") -> Pack:
    try:
        return _read(data)
    except InvalidInput:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, struct.error) as exc:
        raise _refuse(f"the zip is damaged or truncated ({exc}).") from exc
    except (NotImplementedError, RuntimeError) as exc:
        # unsupported compression method, encrypted member
        raise _refuse(f"it uses a zip feature LMC Desk does not accept ({exc}).") from exc
    except (ValueError, KeyError, UnicodeError, OverflowError, MemoryError) as exc:
        log.info("pack %s refused: %r", name, exc)
        raise _refuse(f"the zip is damaged ({type(exc).__name__}: {exc}).") from exc


def _check_end_record(data: bytes) -> None:
    """Refuse a zip whose directory is too large *before* ``zipfile`` builds it
    in memory (a directory of millions of entries is a bomb of its own)."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if pos < 0 or len(data) - pos < 22:
        raise _refuse("the zip is damaged or truncated (its end record is missing).")
    _, _, _, entries, cd_size, cd_offset, _ = struct.unpack_from("<HHHHIIH", data, pos + 4)
    zip64 = pos >= 20 and data[pos - 20 : pos - 16] == b"PK\x06\x07"
    if zip64 or entries == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        raise _refuse("it uses the large-zip (zip64) format, which meeting packs never need.")
    if entries > MAX_MEMBERS or cd_size > MAX_MEMBERS * 1024:
        raise _refuse(f"it holds too many files ({entries:,}).")


def _read(data: bytes) -> Pack:
    if not data.startswith(b"PK"):
        raise _refuse("it is not a zip file.")
    _check_end_record(data)
    zf = zipfile.ZipFile(io.BytesIO(data))
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(f"it holds too many files ({len(infos):,}).")
    names: set[str] = set()
    total = 0
    for info in infos:
        if _unsafe_name(info.filename):
            raise _refuse(f"it holds a file with an unsafe name ({info.filename[:80]!r}).")
        if info.filename in names:
            raise _refuse(f"it holds {info.filename!r} twice.")
        names.add(info.filename)
        if info.flag_bits & 0x1:
            raise _refuse(f"{info.filename} is encrypted.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(f"{info.filename} uses an unsupported compression method.")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(f"{info.filename} is compressed suspiciously well (a 'zip bomb').")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse("its contents would be too large once unpacked.")
    if MANIFEST not in names:
        raise _refuse("it has no manifest.json.")
    manifest = _parse_manifest(_strict_json(_read_member(zf, zf.getinfo(MANIFEST), MAX_MANIFEST_BYTES), "manifest.json"))
    listed = {f.path: f for f in manifest.files}
    extra = sorted(names - {MANIFEST} - listed.keys())
    if extra:
        raise _refuse(f"it holds files its manifest does not list ({', '.join(e[:80] for e in extra[:3])}).")
    missing = sorted(listed.keys() - names)
    if missing:
        raise _refuse(f"files listed in its manifest are missing ({', '.join(m[:80] for m in missing[:3])}).")
    papers: dict[str, bytes] = {}
    meeting_bytes = b""
    for entry in manifest.files:
        info = zf.getinfo(entry.path)
        if entry.path == MEETING:
            limit = MAX_MEETING_BYTES
        else:
            m = _PAPER_RE.fullmatch(entry.path)
            if m is None or m.group(1) != entry.sha256:
                raise _refuse(f"it holds an unexpected file {entry.path[:80]!r}.")
            limit = MAX_MEMBER_BYTES
        if info.file_size != entry.size:
            raise _refuse(f"{entry.path} is not the size its manifest says.")
        content = _read_member(zf, info, limit)
        if _sha(content) != entry.sha256:
            raise _refuse(f"{entry.path} does not match its checksum (the file was damaged or altered).")
        if entry.path == MEETING:
            meeting_bytes = content
        else:
            papers[entry.sha256] = content
    document = _strict_json(meeting_bytes, "meeting.json")
    if not isinstance(document, dict):
        raise _refuse("meeting.json is not a JSON object.")
    return Pack(manifest=manifest, document=document, papers=papers)
