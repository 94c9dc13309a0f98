"""The domain and the probity rules know nothing of Qt or SQL (STYLE.md rule 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "lmcdesk"
FORBIDDEN = ("PySide6", "sqlalchemy", "alembic", "reportlab", "jinja2")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", ["domain", "probity"])
def test_pure_packages_import_no_frameworks(package):
    files = sorted((PACKAGE / package).rglob("*.py"))
    assert files, f"lmcdesk/{package} has no modules"
    offenders = [
        f"{f.relative_to(PACKAGE)} imports {name}"
        for f in files
        for name in _imports(f)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_ui_is_the_only_qt_package():
    offenders = [
        str(f.relative_to(PACKAGE))
        for f in PACKAGE.rglob("*.py")
        if "ui" not in f.relative_to(PACKAGE).parts[:1]
        and f.name not in ("app.py",)
        and any(n.split(".")[0] == "PySide6" for n in _imports(f))
    ]
    assert offenders == []
