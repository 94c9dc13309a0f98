"""Where things live: per-user data and settings, and the shipped resources.

Resources (templates, fonts, icons, the vocabulary, the demo county) are found
in a source checkout or an editable install (``templates/`` and ``resources/``
beside the package), in an installed wheel (which carries them inside the
package, see pyproject.toml) and in a PyInstaller bundle (``sys._MEIPASS``).  ``LMCDESK_DB`` overrides the database
(any SQLAlchemy URL or a file path); ``LMCDESK_HOME`` moves all per-user
folders (tests point it at ``tmp_path``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "LMC Desk"
APP_AUTHOR = "LMCDesk"


def _home_override() -> Path | None:
    value = os.environ.get("LMCDESK_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home_override()
    if home is not None:
        path = home / "data"
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = _home_override()
    if home is not None:
        path = home / "config"
    else:
        from platformdirs import user_config_dir

        path = Path(user_config_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "lmcdesk.sqlite3"


def database_url(cli_value: str | None = None) -> str:
    """The database to use: ``--db``, else ``LMCDESK_DB``, else the per-user file.
    A plain path becomes a ``sqlite:///`` URL."""
    value = cli_value or os.environ.get("LMCDESK_DB") or str(default_db_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def resource_root() -> Path:
    """The folder holding ``resources/`` and ``templates/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent
    if (package / "templates").is_dir():  # installed from a wheel
        return package
    return package.parent  # a checkout (or an editable install of one)


def resources_dir() -> Path:
    return resource_root() / "resources"


def templates_dir() -> Path:
    return resource_root() / "templates"
