"""The frozen build (PyInstaller, installer/lmcdesk.spec) starts and works on a
fresh record, headless.  Marker ``bundle``: run by ``make test-bundle``, kept
out of ``make test`` because building takes about a minute and half a GB of
disk and proves nothing the rest of the suite does not, unless the bundle is
what you are changing."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "lmcdesk"
EXE = ".exe" if sys.platform == "win32" else ""
CLI = DIST / f"lmcdesk{EXE}"
GUI = DIST / f"LMC Desk{EXE}"


def _newest_source() -> float:
    files = [ROOT / "pyproject.toml", *ROOT.glob("installer/*")]
    for folder in ("lmcdesk", "templates", "resources"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return max(p.stat().st_mtime for p in files)


@pytest.fixture(scope="module")
def bundle() -> Path:
    prebuilt = os.environ.get("LMCDESK_BUNDLE_PREBUILT") == "1"  # set by `make test-bundle`
    if not CLI.exists() or (not prebuilt and CLI.stat().st_mtime < _newest_source()):
        pytest.importorskip("PyInstaller")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "installer/lmcdesk.spec",
             "--distpath", "dist", "--workpath", "build/pyinstaller"],
            cwd=ROOT, check=True, capture_output=True,
        )
        print(f"bundle built in {time.perf_counter() - started:.0f} s")
    size = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle size: {size / 2**20:.0f} MiB in {DIST}")
    return DIST


def run(exe: Path, *args, home: Path, timeout=180, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "LMCDESK_"))
    }
    environment.update(LMCDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, env=environment, timeout=timeout, cwd=home.parent
    )


def commands(home: Path) -> str:
    return run(CLI, "--help", home=home).stdout


def test_data_files_are_bundled(bundle):
    internal = bundle / "_internal"
    assert (internal / "templates" / "minutes").is_dir()
    assert list((internal / "resources" / "fonts").glob("*.ttf"))
    assert list((internal / "lmcdesk" / "storage" / "migrations" / "versions").glob("*.py"))
    assert list((internal / "lmcdesk" / "schemas").glob("*.json"))
    # lean: no QML, no WebEngine, no Qt modules the code does not import
    qt = {p.name for p in (internal / "PySide6").glob("Qt*")}
    assert not {"QtQml", "QtQuick", "QtWebEngineCore", "QtNetwork", "QtMultimedia"} & {n.split(".")[0] for n in qt}


def test_cli_on_a_fresh_record(bundle, tmp_path):
    home = tmp_path / "home"
    db = tmp_path / "fresh.sqlite3"
    r = run(CLI, "--db", str(db), "create", home=home)
    assert r.returncode == 0, r.stderr
    # the migrations were found inside the bundle and ran
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    con.close()
    help_text = commands(home)
    if " demo " in help_text:
        r = run(CLI, "--db", str(db), "demo", home=home)
        assert r.returncode == 0, r.stderr
        meeting = re.search(r"lmcdesk check (\S+)", r.stdout)
        if " check " in help_text and meeting:
            r = run(CLI, "--db", str(db), "check", meeting.group(1), home=home)
            assert r.returncode in (0, 1), r.stderr  # 1: the demo deliberately has probity errors
            assert "Loamshire" in r.stdout and "Traceback" not in r.stderr
    r = run(CLI, "--db", str(db), "backup", home=home)
    assert r.returncode == 0 and "Backed up" in r.stdout, r.stderr
    r = run(CLI, "--db", str(tmp_path / "typo.sqlite3"), "backup", home=home)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_gui_starts_headless_and_quits(bundle, tmp_path):
    home = tmp_path / "home"
    db = tmp_path / "gui.sqlite3"
    run(CLI, "--db", str(db), "create", home=home)
    started = time.perf_counter()
    r = run(GUI, "--db", str(db), home=home, timeout=120, LMCDESK_QUIT_AFTER_LOADED="1")
    print(f"GUI start-to-quit: {time.perf_counter() - started:.1f} s")
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Traceback" not in r.stderr
