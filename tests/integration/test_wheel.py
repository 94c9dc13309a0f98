"""A wheel carries the templates and resources: built from the checkout, installed
into a clean folder and run from there (not from the checkout), it creates a
record, imports a meeting file and writes the minutes.

Offline: the wheel is built with the venv's own setuptools (``--no-build-isolation``,
``--no-index``) from a copy of the sources, so nothing is written into the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "loamshire-clean.json"
MEETING = "loamshire-north-2026-03-12"
NOT_BUILT = shutil.ignore_patterns("__pycache__", "*.pyc")


def _run(args, **kw) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def _checkout_files() -> dict[str, Path]:
    """Where each file of the package, its templates and its resources belongs in the wheel."""
    files = {}
    for folder, inside in (("lmcdesk", "lmcdesk"), ("templates", "lmcdesk/templates"),
                           ("resources", "lmcdesk/resources")):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files[f"{inside}/{path.relative_to(ROOT / folder).as_posix()}"] = path
    return files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for folder in ("lmcdesk", "templates", "resources"):
        shutil.copytree(ROOT / folder, src / folder, ignore=NOT_BUILT)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "--disable-pip-version-check", "-w", str(tmp / "dist"), str(src)])
    (built,) = (tmp / "dist").glob("lmcdesk-*.whl")
    return built


def test_the_wheel_holds_every_module_template_and_resource(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    missing = sorted(set(_checkout_files()) - names)
    assert missing == [], ("not in the wheel (a new package? list it under [tool.setuptools] packages "
                           f"in pyproject.toml): {missing[:10]}")


def test_installed_wheel_renders_minutes_from_its_own_folder(wheel, tmp_path):
    site = tmp_path / "site"
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check",
          "--target", str(site), str(wheel)])
    work = tmp_path / "work"  # outside the checkout: nothing can be found relative to it
    work.mkdir()
    shutil.copy2(EXAMPLE, work / "meeting.json")
    # -S: no site module, so the venv's editable install of the checkout (a .pth finder) is not
    # loaded; the dependencies come from the venv's site-packages, named after the wheel's folder.
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LMCDESK_"))}
    env.update(PYTHONPATH=os.pathsep.join([str(site), *sorted(deps)]), LMCDESK_HOME=str(tmp_path / "home"),
               PYTHONDONTWRITEBYTECODE="1")

    def lmcdesk(*args) -> str:
        return _run([sys.executable, "-S", "-m", "lmcdesk", "--db", str(work / "record.sqlite3"), *args],
                    cwd=work, env=env).stdout

    where = _run([sys.executable, "-S", "-c",
                  "import lmcdesk, lmcdesk.paths as p; print(lmcdesk.__file__); print(p.templates_dir()); "
                  "print(p.resources_dir())"], cwd=work, env=env).stdout.split("\n")
    for line in where[:3]:
        assert Path(line).resolve().is_relative_to(site.resolve()), where
    assert Path(where[1], "minutes", "minutes.html.j2").is_file() and Path(where[2], "vocabulary.json").is_file()
    assert not Path(where[0]).resolve().is_relative_to(ROOT)

    lmcdesk("create")
    assert MEETING in lmcdesk("import", str(work / "meeting.json"))
    lmcdesk("minutes", MEETING, "--pdf", str(work / "minutes.pdf"))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(work / "minutes.pdf").pages)
    assert "Loamshire North Locality Commissioning Group" in text
    assert "Enhanced access service 2026/27: award of contract" in text
    assert "COMMISSIONING" in text  # the item's label: words from the installed resources/vocabulary.json
