"""The core commands, run as ``lmcdesk ...`` would be, on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lmcdesk.cli import main
from lmcdesk.interchange import from_document

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "docs/examples/loamshire-clean.json"
CONFLICT = ROOT / "docs/examples/loamshire-conflict.json"
TODAY = "2026-04-20"


@pytest.fixture
def run(tmp_path, capsys):
    db = str(tmp_path / "record.sqlite3")

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", db, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def loaded(run):
    assert run("import", str(CLEAN))[0] == 0
    assert run("import", str(CONFLICT))[0] == 0
    return run


def test_import_reports_what_it_did(run):
    code, out, _ = run("import", str(CLEAN))
    assert code == 0
    assert "meetings: 1 new" in out and "loamshire-north-2026-03-12" in out
    assert "lmcdesk check loamshire-north-2026-03-12" in out


def test_check_clean_meeting_exits_0(loaded):
    code, out, _ = loaded("check", "2026-03-12", "--today", TODAY)
    assert code == 0, out
    assert "No findings" in out


def test_check_undeclared_conflict_exits_1_and_names_the_item(loaded):
    code, out, _ = loaded("check", "loamshire-north-2026-04-09", "--today", TODAY)
    assert code == 1
    assert "Item 2: Diabetes enhanced service 2026/27: award of contract" in out
    assert "P-DECLARE-MISSING" in out and "Dr Alys Example" in out
    assert "cannot be approved" in out


def test_check_json(loaded):
    code, out, _ = loaded("check", "2026-04-09", "--json", "--today", TODAY)
    assert code == 1
    data = json.loads(out)
    assert data["meeting_id"] == "loamshire-north-2026-04-09" and data["errors"] >= 1
    missing = [f for f in data["findings"] if f["rule_id"] == "P-DECLARE-MISSING"]
    assert missing and missing[0]["person_ids"] == ["dr-alys-example"]
    assert missing[0]["item_ids"] == ["ln-0409-enhanced-access"]
    code, out, _ = loaded("check", "2026-03-12", "--json", "--today", TODAY)
    assert code == 0 and json.loads(out)["errors"] == 0


@pytest.mark.parametrize("arg,words", [
    ("loamshire", "There are 2 meetings with an id starting 'loamshire'"),
    ("2026", "There are 2 meetings in 2026"),
    ("2026-05-01", "There is no meeting on 2026-05-01"),
    ("2026-02-30", "not a real date"),
])
def test_meeting_argument_that_names_none_or_several(loaded, arg, words):
    code, _, err = loaded("check", arg)
    assert code == 2
    assert words in err


def test_meeting_argument_prefix_and_month(loaded):
    assert loaded("check", "loamshire-north-2026-03", "--today", TODAY)[0] == 0
    assert loaded("check", "2026-04", "--today", TODAY)[0] == 1


def test_an_id_prefix_keeps_its_case_and_is_no_pattern(loaded):
    code, _, err = loaded("check", "LOAMSHIRE-north")
    assert code == 2 and "There is no meeting with an id starting 'LOAMSHIRE-north'" in err
    code, _, err = loaded("check", "loamshire%")
    assert code == 2 and "There is no meeting with an id starting 'loamshire%'" in err


def test_check_asks_storage_for_one_summary_and_loads_the_meeting_once(loaded, monkeypatch):
    from lmcdesk.storage.repository import MeetingRepository

    calls = []
    for name in ("summaries", "get"):
        real = getattr(MeetingRepository, name)

        def counted(self, *a, _name=name, _real=real, **k):
            result = _real(self, *a, **k)
            calls.append((_name, len(result) if isinstance(result, list) else 1))
            return result

        monkeypatch.setattr(MeetingRepository, name, counted)
    assert loaded("check", "2026-04-09", "--today", TODAY)[0] == 1
    assert calls == [("summaries", 0), ("summaries", 1), ("get", 1)]  # the id "2026-04-09", then the day
    calls.clear()
    assert loaded("check", "loamshire-north-2026-04", "--today", TODAY)[0] == 1
    assert calls == [("summaries", 1), ("get", 1)]


def test_export_json_to_stdout_and_file_equals_the_import(loaded, tmp_path):
    code, out, _ = loaded("export-json", "2026-03-12")
    assert code == 0
    exported_dir, exported = from_document(json.loads(out))
    original_dir, original = from_document(json.loads(CLEAN.read_text("utf-8")))
    assert exported == original
    assert exported_dir.people == original_dir.people and exported_dir.bodies == original_dir.bodies
    target = tmp_path / "out.json"
    code, _, err = loaded("export-json", "2026-03-12", "2026-04-09", "-o", str(target))
    assert code == 0 and "2 meetings" in err
    assert len(json.loads(target.read_text("utf-8"))["meetings"]) == 2


def test_bad_file_exits_2_naming_the_field_and_writes_nothing(run, tmp_path):
    doc = json.loads(CLEAN.read_text("utf-8"))
    doc["meetings"][0]["date"] = "2026-02-30"
    doc["meetings"][0]["items"][1]["declarations"][0]["action"] = "left"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run("import", str(bad))
    assert code == 2
    assert "meetings[0].date" in err and "meetings[0].items[1].declarations[0].action" in err
    code, out, _ = run("meetings")
    assert "No meetings" in out


def test_search_and_meetings(loaded):
    code, out, _ = loaded("search", "bids")
    assert code == 0 and "Enhanced access service" in out and "[bids]" in out
    assert "Nothing found" in loaded("search", "xylophone")[1]
    code, out, _ = loaded("meetings")
    assert code == 0
    assert out.index("2026-04-09") < out.index("2026-03-12")


def test_demo_then_check_every_demo_meeting(run):
    pytest.importorskip("lmcdesk.services.demo")
    code, out, _ = run("demo")
    assert code == 0 and "lmcdesk check" in out
    ids = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert ids
    for mid in ids:
        assert run("check", mid)[0] in (0, 1)


def test_a_mistyped_db_path_is_not_created(tmp_path, capsys):
    missing = tmp_path / "typo.sqlite3"
    assert main(["--db", str(missing), "meetings"]) == 2
    assert "no LMC Desk record" in capsys.readouterr().err
    assert not missing.exists()


def test_federation_board_example_is_clean(run):
    assert run("import", str(ROOT / "docs/examples/loamshire-federation-board.json"))[0] == 0
    code, out, _ = run("check", "south-fed-board-2026-03-18", "--today", "2026-03-20")
    assert code == 0, out


def test_import_notes_papers_whose_files_are_not_in_the_record(run, tmp_path):
    doc = json.loads(CLEAN.read_text("utf-8"))
    doc["meetings"][0]["items"][1]["papers"] = [
        {"title": "Bid evaluation", "sha256": "ab" * 32},
        {"title": "Agenda note (no file)"},
    ]
    path = tmp_path / "papers.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run("import", str(path))
    assert code == 0
    assert "describes 1 paper whose file is not in this record" in out
    assert "loamshire-north-2026-03-12: Bid evaluation" in out


def test_import_from_standard_input(run, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CLEAN.read_bytes())))
    code, out, _ = run("import", "-")
    assert code == 0 and "Imported standard input" in out


def test_json_output_is_utf8_whatever_the_console(run, tmp_path):
    doc = json.loads(CLEAN.read_text("utf-8"))
    doc["people"][0]["name"] = "Dr Siân Ŵyn Example"
    path = tmp_path / "welsh.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert run("import", str(path))[0] == 0
    code, out, _ = run("export-json", "2026-03-12")
    assert code == 0 and "Dr Siân Ŵyn Example" in out


def test_dry_run_checks_and_writes_nothing(run):
    assert run("import", "--dry-run", str(CLEAN))[0] == 2  # a --db path that is not a record yet
    assert run("import", str(CONFLICT))[0] == 0
    code, out, _ = run("import", "--dry-run", str(CLEAN))
    assert code == 0 and "meetings: 1 new" in out and "Nothing was written" in out
    assert "2026-03-12" not in run("meetings")[1]
