"""Malformed meeting packs, made from one good pack (deterministic for a seed).

Each generator yields ``(name, bytes, must_refuse)``.  ``must_refuse`` is False
only for random byte flips, which may land on zip metadata nothing depends on
(a timestamp, an attribute); the test then demands the pack reads back exactly
as the original.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import struct
import warnings
import zipfile
from collections.abc import Iterator

from lmcdesk.interchange import load_schema

Case = tuple[str, bytes, bool]


def members_of(pack: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(pack)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def rezip(members: dict[str, bytes] | list[tuple[str, bytes]], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in items:
            with warnings.catch_warnings():  # duplicate names are one of the cases
                warnings.simplefilter("ignore", UserWarning)
                zf.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, compress_type=method)
    return buf.getvalue()


def with_meeting_json(members: dict[str, bytes], new: bytes) -> dict[str, bytes]:
    """Replace meeting.json and fix the manifest so the checksums agree."""
    out = dict(members)
    manifest = json.loads(out["manifest.json"])
    for f in manifest["files"]:
        if f["path"] == "meeting.json":
            f["sha256"], f["size"] = hashlib.sha256(new).hexdigest(), len(new)
    out["manifest.json"] = json.dumps(manifest).encode()
    out["meeting.json"] = new
    return out


def byte_flips(pack: bytes, rng: random.Random, n: int) -> Iterator[Case]:
    for k in range(n):
        data = bytearray(pack)
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(len(data))
            data[pos] ^= rng.randint(1, 255)
        yield f"flip-{k}", bytes(data), False


def truncations(pack: bytes, rng: random.Random, n: int) -> Iterator[Case]:
    cuts = sorted({0, 1, 2, 4, 22, len(pack) - 1, len(pack) - 22} | {rng.randrange(len(pack)) for _ in range(n)})
    for cut in cuts[:n]:
        yield f"truncate-{cut}", pack[:cut], True


def bad_manifests(pack: bytes, rng: random.Random) -> Iterator[Case]:
    members = members_of(pack)
    good = json.loads(members["manifest.json"])

    def case(name: str, manifest_bytes: bytes) -> Case:
        return f"manifest-{name}", rezip({**members, "manifest.json": manifest_bytes}), True

    def edited(**changes) -> bytes:
        return json.dumps({**good, **changes}).encode()

    for key in good:
        reduced = {k: v for k, v in good.items() if k != key}
        yield case(f"drop-{key}", json.dumps(reduced).encode())
        for junk in (None, 0, -1, True, "", [], {}, "x" * 1000, 1e308):
            if junk == good[key] and type(junk) is type(good[key]):
                continue
            if key == "app_version" and isinstance(junk, str) and len(junk) <= 500:
                continue  # any short text is a fine app version
            if key == "created_by" and isinstance(junk, str) and len(junk) <= 500:
                continue
            yield case(f"{key}-{junk!r:.10}", edited(**{key: junk}))
    for version in (0, 2, 99, 10**30, -5, "1", 1.0):
        yield case(f"version-{version!r}", edited(version=version))
    for fmt in ("lmcdesk-meeting-file", "LMCDESK-MEETING-PACK", "zip", "lmcdesk-meeting-pack "):
        yield case(f"format-{fmt}", edited(format=fmt))
    yield case("meeting-ids-unknown", edited(meeting_ids=["no-such-meeting"]))
    yield case("meeting-ids-extra", edited(meeting_ids=good["meeting_ids"] + ["extra-meeting"]))
    yield case("meeting-ids-dup", edited(meeting_ids=good["meeting_ids"] * 2))
    files = good["files"]
    for i, f in enumerate(files):
        yield case(f"files-drop-{i}", edited(files=[g for j, g in enumerate(files) if j != i]))
        yield case(f"files-dup-{i}", edited(files=files + [f]))
        yield case(f"files-size-{i}", edited(files=[{**g, "size": g["size"] + 1} if j == i else g for j, g in enumerate(files)]))
        yield case(f"files-sha-{i}", edited(files=[{**g, "sha256": "0" * 64} if j == i else g for j, g in enumerate(files)]))
        yield case(f"files-shaupper-{i}", edited(files=[{**g, "sha256": g["sha256"].upper()} if j == i else g for j, g in enumerate(files)]))
        yield case(f"files-extra-key-{i}", edited(files=[{**g, "x": 1} if j == i else g for j, g in enumerate(files)]))
        yield case(f"files-path-{i}", edited(files=[{**g, "path": "../" + g["path"]} if j == i else g for j, g in enumerate(files)]))
        yield case(f"files-huge-{i}", edited(files=[{**g, "size": 10**15} if j == i else g for j, g in enumerate(files)]))
    yield case("files-extra-entry", edited(files=files + [{"path": "papers/" + "a" * 64 + ".pdf", "sha256": "a" * 64, "size": 3}]))
    for raw in (b"", b"null", b"[]", b"42", b'"manifest"', b"{", b"{}", b"\xff\xfe{}", b"[" * 100_000 + b"]" * 100_000,
                json.dumps(good).encode()[:-1], json.dumps(good).encode() + b"x",
                json.dumps(good).replace('"version": 1', '"version": NaN').encode(),
                json.dumps(good).replace("{", '{"format": "x", ', 1).encode()):
        yield case(f"raw-{hashlib.sha1(raw).hexdigest()[:8]}", raw)
    # manifest missing entirely, or twice
    yield "manifest-missing", rezip({k: v for k, v in members.items() if k != "manifest.json"}), True
    yield "manifest-twice", rezip(list(members.items()) + [("manifest.json", members["manifest.json"])]), True


def checksum_mismatches(pack: bytes, rng: random.Random, n: int) -> Iterator[Case]:
    """Members altered (validly re-zipped, so the zip CRC is right) behind the manifest's back."""
    members = members_of(pack)
    names = [k for k in members if k != "manifest.json"]
    for k in range(n):
        name = rng.choice(names)
        data = bytearray(members[name])
        if data:
            pos = rng.randrange(len(data))
            data[pos] ^= rng.randint(1, 255)
        else:
            data = bytearray(b"x")
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data))] if len(data) > 1 else data + b"y"
        yield f"checksum-{k}-{name[:20]}", rezip({**members, name: bytes(data)}), True


def bad_documents(pack: bytes, rng: random.Random, n: int) -> Iterator[Case]:
    """meeting.json broken while its checksum and size in the manifest are right."""
    members = members_of(pack)
    text = members["meeting.json"]
    doc = json.loads(text)

    def case(name: str, new: bytes) -> Case:
        return f"document-{name}", rezip(with_meeting_json(members, new)), True

    # invalid JSON
    for k in range(n // 3):
        cut = rng.randrange(1, len(text) - 1)
        chunk = text[:cut].rstrip()
        if not chunk.endswith(b"}"):
            yield case(f"truncated-{k}", chunk)
    for raw in (b"", b"null", b"[]", b"\xff\xfe\x00", b'{"a": 1, "a": 1}', b"{" * 50_000, b'{"x": NaN}',
                b'{"x": Infinity}', text + b"]", text.replace(b"{", b"{{", 1)):
        yield case(f"raw-{hashlib.sha1(raw).hexdigest()[:8]}", raw)

    # valid JSON, invalid meeting file
    def mutated(fn) -> bytes:
        d = json.loads(text)
        fn(d)
        return json.dumps(d).encode()

    schema = load_schema()
    for key in schema.get("required", []):
        yield case(f"drop-{key}", mutated(lambda d, key=key: d.pop(key)))
    for key in list(doc):
        for junk in (None, 12, "text", [1, 2], {"a": 1}):
            if junk == doc[key]:
                continue
            yield case(f"type-{key}-{type(junk).__name__}", mutated(lambda d, key=key, junk=junk: d.__setitem__(key, junk)))

    meetings = doc.get("meetings") or []
    if meetings:
        meeting = meetings[0]
        for key in schema["$defs"]["meeting"].get("required", []):
            yield case(f"meeting-drop-{key}", mutated(lambda d, key=key: d["meetings"][0].pop(key)))
        for key, value in list(meeting.items()):
            for junk in (12345, [None], {"bogus": True}):
                if type(junk) is type(value):
                    continue
                yield case(f"meeting-type-{key}-{type(junk).__name__}",
                           mutated(lambda d, key=key, junk=junk: d["meetings"][0].__setitem__(key, junk)))
        yield case("meeting-duplicate", mutated(lambda d: d["meetings"].append(d["meetings"][0])))
        yield case("meeting-date-bad", mutated(lambda d: d["meetings"][0].__setitem__("date", "2026-02-30")))
        yield case("meeting-kind-bad", mutated(lambda d: d["meetings"][0].__setitem__("kind", "séance")))
        yield case("meeting-body-dangling", mutated(lambda d: d["meetings"][0].__setitem__("body_id", "no-such-body")))
        yield case("meeting-id-changed", mutated(lambda d: d["meetings"][0].__setitem__("id", "another-meeting-id")))
        yield case("meetings-empty", mutated(lambda d: d.__setitem__("meetings", [])))
        yield case("meeting-unknown-key", mutated(lambda d: d["meetings"][0].__setitem__("colour", "blue")))
        people = doc.get("people") or []
        if people:
            yield case("person-duplicate", mutated(lambda d: d["people"].append(d["people"][0])))
            yield case("person-dropped-but-referenced", mutated(lambda d: d.__setitem__("people", [])))


def traversal_names(pack: bytes) -> Iterator[Case]:
    members = members_of(pack)
    names = ["../evil.pdf", "../../etc/passwd", "/etc/passwd", "/tmp/x", "\\windows\\system32\\x", "papers\\..\\..\\x",
             "C:\\x", "C:/x", "papers/../../x.pdf", "papers/../manifest.json", "./meeting.json", "papers/./x.pdf",
             "papers/" + "a" * 64 + ".pdf/../../x", "a/../../b", "..", "../", "papers/..", " meeting.json",
             "meeting.json ", "meeting.json\x00.txt", "PAPERS/x.pdf", "papers/x.exe", "papers/" + "0" * 63 + ".pdf",
             "papers/" + "g" * 64 + ".pdf", "papers/sub/" + "0" * 64 + ".pdf", "meeting.JSON", "__MACOSX/._meeting.json",
             "papers/", "x" * 5000]
    for k, name in enumerate(names):
        yield f"name-extra-{k}", rezip({**members, name: b"%PDF-1.4 x"}), True
    # a listed paper renamed to a traversal name (manifest agrees)
    manifest = json.loads(members["manifest.json"])
    for k, name in enumerate(names[:10]):
        m2 = json.loads(json.dumps(manifest))
        m2["files"].append({"path": name, "sha256": hashlib.sha256(b"x").hexdigest(), "size": 1})
        yield f"name-listed-{k}", rezip({**members, "manifest.json": json.dumps(m2).encode(), name: b"x"}), True


def zip_bombs(pack: bytes) -> Iterator[Case]:
    members = members_of(pack)
    manifest = json.loads(members["manifest.json"])
    for k, mib in enumerate((2, 8, 32, 200)):
        blob = b"\0" * (mib * 1024 * 1024)
        yield f"bomb-paper-{mib}", rezip({**members, "papers/" + hashlib.sha256(blob).hexdigest() + ".pdf": blob}), True
        bomb_doc = b'{"meetings": [' + b" " * (mib * 1024 * 1024) + b"]}"
        yield f"bomb-json-{mib}", rezip(with_meeting_json(members, bomb_doc)), True
        m2 = json.loads(json.dumps(manifest))
        m2["files"].append({"path": "papers/" + hashlib.sha256(blob).hexdigest() + ".pdf",
                            "sha256": hashlib.sha256(blob).hexdigest(), "size": len(blob)})
        yield f"bomb-listed-{mib}", rezip({**members, "manifest.json": json.dumps(m2).encode(),
                                           "papers/" + hashlib.sha256(blob).hexdigest() + ".pdf": blob}), True
    yield "bomb-many-members", rezip({**members, **{f"papers/{i:064x}.pdf": b"" for i in range(6000)}}), True
    yield "bomb-many-json", rezip(with_meeting_json(members, b"[" * 200_000 + b"]" * 200_000)), True
    # an end record claiming a huge directory (before zipfile would build it in memory)
    for entries in (5001, 60000, 0xFFFF):
        data = bytearray(pack)
        pos = data.rfind(b"PK\x05\x06")
        struct.pack_into("<HH", data, pos + 8, entries, entries)
        yield f"bomb-directory-{entries}", bytes(data), True
    data = bytearray(pack)
    struct.pack_into("<I", data, data.rfind(b"PK\x05\x06") + 12, 0x7FFFFFFF)
    yield "bomb-directory-size", bytes(data), True
    # a header that lies about the uncompressed size (patch the local and central sizes)
    yield "bomb-lying-size", _lie_about_size(pack), True
    yield "bomb-stored-huge-claim", _lie_about_size(rezip(members, zipfile.ZIP_STORED)), True


def _lie_about_size(pack: bytes) -> bytes:
    data = bytearray(pack)
    # central directory entries: signature PK\1\2, uncompressed size at offset 24
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into("<I", data, pos + 24, 0x7FFFFFFF)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def extra_and_missing(pack: bytes) -> Iterator[Case]:
    members = members_of(pack)
    for name in list(members):
        if name != "manifest.json":
            yield f"missing-{name[:20]}", rezip({k: v for k, v in members.items() if k != name}), True
    for k, (name, data) in enumerate([("readme.txt", b"hi"), ("meeting2.json", b"{}"), ("papers/notes.txt", b"x"),
                                      ("papers/" + "b" * 64 + ".pdf", b"%PDF"), ("manifest.json.bak", b"{}"),
                                      ("papers/" + hashlib.sha256(b"x").hexdigest() + ".pdf", b"x")]):
        yield f"extra-{k}", rezip({**members, name: data}), True
    # encrypted flag and unknown compression
    yield "flag-encrypted", _set_flag(rezip(members), 0x1), True
    yield "method-bzip2", rezip(members, zipfile.ZIP_BZIP2), True
    yield "method-lzma", rezip(members, zipfile.ZIP_LZMA), True
    yield "not-zip-pdf", b"%PDF-1.4\n" + pack, True
    yield "not-zip-text", b"this is not a meeting pack", True
    yield "empty-zip", rezip({}), True
    yield "nested-pack", rezip({"inner.lmcpack": pack}), True


def _set_flag(pack: bytes, bit: int) -> bytes:
    data = bytearray(pack)
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        while pos != -1:
            flags = struct.unpack_from("<H", data, pos + off)[0]
            struct.pack_into("<H", data, pos + off, flags | bit)
            pos = data.find(sig, pos + 4)
    return bytes(data)


def all_cases(pack: bytes, seed: int = 20261122) -> Iterator[Case]:
    rng = random.Random(seed)
    yield from byte_flips(pack, rng, 500)
    yield from truncations(pack, rng, 200)
    yield from bad_manifests(pack, rng)
    yield from checksum_mismatches(pack, rng, 120)
    yield from bad_documents(pack, rng, 150)
    yield from traversal_names(pack)
    yield from zip_bombs(pack)
    yield from extra_and_missing(pack)
