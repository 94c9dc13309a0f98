"""Imports point one way (DEVELOPERS.md, "Layers"); the domain and the probity
rules know nothing of Qt or SQL (STYLE.md rule 1).

    ui/ cli/ app  ->  services/ (+ bootstrap, the composition root)
      ->  storage/ export/ exchange/ interchange/  ->  probity/ domain/

Every import is read from the source with ``ast``: top-level and inside
functions, absolute and relative, ``from lmcdesk import export`` as the module
it names.  A failure lists each offending file, line and import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "lmcdesk"
FORBIDDEN = ("PySide6", "sqlalchemy", "alembic", "reportlab", "jinja2")

#: What the shells may import from lmcdesk, by layer ("" is ``lmcdesk`` itself: ``__version__``).
#: Never storage, export, exchange or interchange: services are their only door.
SHELL_MAY_IMPORT = {
    "ui": {"", "ui", "services", "bootstrap", "domain", "probity", "errors", "paths", "vocabulary"},
    "app": {"", "app", "ui", "services", "bootstrap", "domain", "probity", "errors", "paths", "vocabulary"},
    # with no sub-command, ``lmcdesk`` starts the desktop app
    "cli": {"", "cli", "app", "services", "bootstrap", "domain", "probity", "errors", "paths", "vocabulary"},
    "__main__": {"cli"},
}

_ABOVE_SERVICES = {"ui", "cli", "app", "__main__", "bootstrap"}
_ABOVE_ADAPTERS = _ABOVE_SERVICES | {"services"}

#: What a layer must never import from lmcdesk.
NEVER_IMPORTS = {
    "services": _ABOVE_SERVICES,
    "storage": _ABOVE_ADAPTERS,
    "export": _ABOVE_ADAPTERS | {"storage"},  # renderers take plain values
    "exchange": _ABOVE_ADAPTERS | {"storage"},  # the pack format and the merge are pure
    "interchange": _ABOVE_ADAPTERS | {"storage"},
}

#: Third-party packages a layer must not import.
NO_THIRD_PARTY = {
    "exchange": {"sqlalchemy", "alembic", "PySide6"},
    "export": {"sqlalchemy", "alembic", "PySide6"},
    "services": {"sqlalchemy", "alembic", "PySide6"},
    "bootstrap": {"PySide6"},
}


# --------------------------------------------------------------------------- reading imports


def _exists(name: str) -> bool:
    """Is ``name`` (dotted, from ``lmcdesk``) a module or package of ours?"""
    if name != "lmcdesk" and not name.startswith("lmcdesk."):
        return False
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_in(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in ``source``, which is the
    module ``module``.  ``from pkg import name`` counts as ``pkg.name`` when that
    is a module of ours (``from lmcdesk import export``), else as ``pkg``."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            for alias in node.names:
                named = f"{target}.{alias.name}"
                found.append((node.lineno, named if _exists(named) else target))
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")):
            found.append((node.lineno, node.args[0].value))  # importlib.import_module("lmcdesk.x")
    return sorted(found, key=lambda f: f[0])


def _module_of(path: Path) -> tuple[str, bool]:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _layer(name: str) -> str:
    """``lmcdesk.ui.export`` -> ``ui``; ``lmcdesk.bootstrap`` -> ``bootstrap``; ``lmcdesk`` -> ``""``."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _files(layer: str) -> list[Path]:
    single = PACKAGE / f"{layer}.py"
    files = [single] if single.is_file() else sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"lmcdesk/{layer} has no modules"
    return files


def _all_imports(layer: str):
    """(where, imported module) for every import in the layer's files."""
    for path in _files(layer):
        module, is_package = _module_of(path)
        for line, name in imports_in(path.read_text(encoding="utf-8"), module, is_package):
            yield f"{path.relative_to(PACKAGE.parent)}:{line}", name


def _report(offenders: list[str], rule: str) -> None:
    if offenders:
        pytest.fail(f"{rule}:\n  " + "\n  ".join(offenders), pytrace=False)


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize("layer", sorted(SHELL_MAY_IMPORT))
def test_shells_go_through_services_only(layer):
    allowed = SHELL_MAY_IMPORT[layer]
    offenders = [
        f"{where} imports {name}"
        for where, name in _all_imports(layer)
        if name.split(".")[0] == "lmcdesk" and _layer(name) not in allowed
    ]
    _report(offenders, f"lmcdesk/{layer} may import only {', '.join(sorted(a or 'lmcdesk' for a in allowed))}")


@pytest.mark.parametrize("layer", sorted(NEVER_IMPORTS))
def test_lower_layers_never_import_upwards(layer):
    never = NEVER_IMPORTS[layer]
    offenders = [
        f"{where} imports {name}"
        for where, name in _all_imports(layer)
        if name.split(".")[0] == "lmcdesk" and _layer(name) in never
    ]
    _report(offenders, f"lmcdesk/{layer} must not import {', '.join(sorted(never))}")


@pytest.mark.parametrize("layer", sorted(NO_THIRD_PARTY))
def test_layers_keep_off_frameworks_they_must_not_know(layer):
    banned = NO_THIRD_PARTY[layer]
    offenders = [f"{where} imports {name}" for where, name in _all_imports(layer) if name.split(".")[0] in banned]
    _report(offenders, f"lmcdesk/{layer} must not import {', '.join(sorted(banned))}")


@pytest.mark.parametrize("package", ["domain", "probity"])
def test_pure_packages_import_no_frameworks(package):
    offenders = [f"{where} imports {name}" for where, name in _all_imports(package)
                 if name.split(".")[0] in FORBIDDEN]
    _report(offenders, f"lmcdesk/{package} is pure: no {', '.join(FORBIDDEN)}")


@pytest.mark.parametrize("package", ["domain", "probity"])
def test_pure_packages_import_only_the_pure_layers(package):
    allowed = {"domain", "probity", "errors", "vocabulary"}
    offenders = [f"{where} imports {name}" for where, name in _all_imports(package)
                 if name.split(".")[0] == "lmcdesk" and _layer(name) not in allowed]
    _report(offenders, f"lmcdesk/{package} may import only {', '.join(sorted(allowed))}")


def test_ui_is_the_only_qt_package():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in ("ui", "app.py")
        for line, name in imports_in(path.read_text(encoding="utf-8"), *_module_of(path))
        if name.split(".")[0] == "PySide6"
    ]
    _report(offenders, "only lmcdesk/ui and lmcdesk/app.py import PySide6")


# --------------------------------------------------------------------------- the reader itself


def test_the_import_reader_sees_every_form():
    source = (
        "import lmcdesk.exchange.pack as pack\n"
        "from lmcdesk import export, paths, __version__\n"
        "from . import operations\n"
        "def later():\n"
        "    from ..storage.instance import sqlite_file\n"
        "    from .. import interchange\n"
        "    import importlib\n"
        "    importlib.import_module('lmcdesk.storage')\n"
    )
    assert [name for _, name in imports_in(source, "lmcdesk.ui.example")] == [
        "lmcdesk.exchange.pack", "lmcdesk.export", "lmcdesk.paths", "lmcdesk", "lmcdesk.ui.operations",
        "lmcdesk.storage.instance", "lmcdesk.interchange", "importlib", "lmcdesk.storage",
    ]
    assert imports_in("from .model import Meeting", "lmcdesk.domain", is_package=True) == [(1, "lmcdesk.domain.model")]
