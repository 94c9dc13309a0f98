"""The command line says an error once, and stops quietly when its reader goes away."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lmcdesk.cli import EXIT_PIPE_CLOSED, error_text, main
from lmcdesk.errors import InvalidInput, NotFound
from lmcdesk.interchange.problems import MeetingFileInvalid

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "docs/examples/loamshire-clean.json"
BAD_DATE = ROOT / "tests/blind/malformed/bad_date.json"


def test_one_problem_in_a_file_is_said_once(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "r.sqlite3"), "import", str(BAD_DATE)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count('"2026-02-30" is not a real date') == 1, err
    assert err.startswith("lmcdesk: meetings[0].date: "), err
    assert "Traceback" not in err


def test_several_problems_are_one_list(tmp_path, capsys):
    doc = json.loads(CLEAN.read_text("utf-8"))
    doc["meetings"][0]["date"] = "2026-02-30"
    doc["meetings"][0]["items"][1]["declarations"][0]["action"] = "left"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code = main(["--db", str(tmp_path / "r.sqlite3"), "import", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines()[0] == "lmcdesk: 2 problems in the meeting file (nothing was written):"
    assert err.count("meetings[0].date:") == 1 and err.count("declarations[0].action:") == 1, err


def test_error_text_keeps_a_detail_that_adds_something():
    assert error_text(NotFound("No such meeting.")) == "lmcdesk: No such meeting."
    assert error_text(InvalidInput("Two match.", detail="  a\n  b")) == "lmcdesk: Two match.\n  a\n  b"
    assert error_text(InvalidInput("Same.", detail="- Same.")) == "lmcdesk: Same."
    many = MeetingFileInvalid([InvalidInput(f"bad {n}", field=f"f{n}") for n in range(25)])
    lines = error_text(many).splitlines()
    assert lines[0] == "lmcdesk: 25 problems in the meeting file (nothing was written):"
    assert lines[1] == "- f0: bad 0" and lines[-1] == "- ... and 5 more" and len(lines) == 22


class _ClosedPipe:
    """A standard output whose reader has gone."""

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly_in_process(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    code = main(["--db", str(tmp_path / "r.sqlite3"), "import", str(CLEAN)])
    monkeypatch.undo()
    assert code == EXIT_PIPE_CLOSED == 141
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(os.name != "posix", reason="pipes closed early are a POSIX shell matter")
@pytest.mark.parametrize("argv", [["import", str(CLEAN)], ["demo"]])
def test_lmcdesk_piped_into_a_reader_that_stops(tmp_path, argv):
    """``lmcdesk import FILE | head``: the reader is gone before lmcdesk writes."""
    read, write = os.pipe()
    env = {k: v for k, v in os.environ.items() if k != "LMCDESK_DB"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lmcdesk", "--db", str(tmp_path / "r.sqlite3"), *argv],
        stdout=write, stderr=subprocess.PIPE, cwd=ROOT, env=env,
    )
    os.close(write)
    os.close(read)  # before the child has imported anything, let alone printed
    _, err = proc.communicate(timeout=120)
    err = err.decode("utf-8", "replace")
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert err == ""
    assert proc.returncode == EXIT_PIPE_CLOSED
