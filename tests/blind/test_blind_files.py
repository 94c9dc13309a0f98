"""Blind meeting files: written from docs/meeting-file.md and docs/probity-rules.md alone.

Each ``NAME.json`` here was written by someone who had not read the code, with
``NAME.expected.json`` holding what an LMC secretary applying NHS England's conflicts-of-interest
guidance expects ``lmcdesk check`` to say (rule id, item ids, person ids). Only expectations the
tool meets are under ``findings`` (an expected finding's optional ``says`` is words its message
must contain); anything under ``not_asserted`` is a documented disagreement (see its ``_why``) and
is deliberately not tested. ``g_self_commission`` is a probe added with the rules it checks
(P-SELF-COMMISSION, P-ROLE-UNDECLARED), written the same way.

Everything goes through the command line (``python -m lmcdesk``) against a fresh database file
per test: import, check, export-json, re-import into another fresh database, check again. The
files in ``malformed/`` must be refused with a message naming the field, writing nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SCENARIOS = sorted(p.stem for p in HERE.glob("*.json") if not p.name.endswith(".expected.json"))


def lmcdesk(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LMCDESK_DB"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.run(
        [sys.executable, "-m", "lmcdesk", "--db", str(db), *args],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=120,
    )


def findings(db: Path, meeting_id: str, today: str) -> list[dict]:
    r = lmcdesk(db, "check", meeting_id, "--json", "--today", today)
    assert r.returncode in (0, 1), r.stderr
    out = json.loads(r.stdout)
    assert out["meeting_id"] == meeting_id
    # Exit status 1 exactly when there is an error.
    assert r.returncode == (1 if out["errors"] else 0)
    return out["findings"]


def key(f: dict) -> tuple:
    return (f["rule_id"], tuple(sorted(f["item_ids"])), tuple(sorted(f["person_ids"])))


def test_the_scenarios_are_all_here():
    assert len(SCENARIOS) == 7, SCENARIOS
    for name in SCENARIOS:
        assert (HERE / f"{name}.expected.json").is_file(), name


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_is_judged_as_expected_and_survives_a_round_trip(name, tmp_path):
    expected = json.loads((HERE / f"{name}.expected.json").read_text(encoding="utf-8"))
    mid, today = expected["meeting_id"], expected["today"]

    db = tmp_path / "first.sqlite3"
    r = lmcdesk(db, "import", str(HERE / f"{name}.json"))
    assert r.returncode == 0, r.stdout + r.stderr

    got = findings(db, mid, today)
    assert Counter(map(key, got)) == Counter(map(key, expected["findings"])), json.dumps(got, indent=1)
    for f in expected["findings"]:
        for words in f.get("says", ()):
            assert any(words in g["message"] for g in got if key(g) == key(f)), (words, json.dumps(got, indent=1))

    # Documented order: meeting-wide findings first, then agenda order.
    item_file = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    items = item_file["meetings"][0]["items"]
    position = {it["id"]: it.get("position", n) for n, it in enumerate(items, start=1)}
    order = [min((position[i] for i in f["item_ids"]), default=0) for f in got]
    assert order == sorted(order), order
    for f in expected["findings"]:
        if f["item_ids"]:
            assert position[f["item_ids"][0]] == f["item_position"]

    # Round trip: export, import into a fresh record, same findings.
    out = tmp_path / "export.json"
    r = lmcdesk(db, "export-json", mid, "-o", str(out))
    assert r.returncode == 0, r.stderr
    db2 = tmp_path / "second.sqlite3"
    r = lmcdesk(db2, "import", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    again = findings(db2, mid, today)
    assert [key(f) for f in again] == [key(f) for f in got]
    assert [f["message"] for f in again] == [f["message"] for f in got]

    # Importing the same file again updates, it does not duplicate.
    r = lmcdesk(db, "import", str(HERE / f"{name}.json"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert [key(f) for f in findings(db, mid, today)] == [key(f) for f in got]


MALFORMED = {
    "bad_date": ("meetings[0].date", "2026-02-30"),
    "unknown_person": ("meetings[0].items[3].declarations[0].person_id", "dr-ada-exmaple"),
    "wrong_enum": ("meetings[0].items[3].decisions[0].outcome", "approved"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_file_is_refused_naming_the_field_and_nothing_is_written(name, tmp_path):
    field, bad_value = MALFORMED[name]
    db = tmp_path / "record.sqlite3"
    r = lmcdesk(db, "import", str(HERE / "malformed" / f"{name}.json"))
    assert r.returncode != 0
    said = r.stdout + r.stderr
    assert f"{field}:" in said, said
    assert bad_value in said, said
    assert "Traceback" not in said, said

    # Nothing was written: no meeting, no searchable text, nothing to export.
    if db.exists():
        r = lmcdesk(db, "meetings")
        assert r.returncode == 0, r.stderr
        assert "iv-north" not in r.stdout, r.stdout
        r = lmcdesk(db, "search", "care home")
        assert "Care home" not in r.stdout, r.stdout
        r = lmcdesk(db, "export-json", "iv-north")
        assert r.returncode != 0
    # The dry run reports the same problem and writes nothing either.
    r = lmcdesk(db, "import", "--dry-run", str(HERE / "malformed" / f"{name}.json"))
    assert r.returncode != 0
    assert f"{field}:" in r.stdout + r.stderr
