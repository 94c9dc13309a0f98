"""Remembered window state and recent databases, declared in one place.

Kept in an INI file in ``lmcdesk.paths.config_dir()`` (so ``LMCDESK_HOME``
moves it for tests) rather than the Windows registry, which also makes it easy
to copy or reset.  User preferences would live apart from this window state.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from lmcdesk import paths

MAX_RECENT = 8


class UiState:
    """Typed access to what the window remembers between runs."""

    def __init__(self) -> None:
        path = paths.config_dir() / "window.ini"
        self._s = QSettings(str(path), QSettings.Format.IniFormat)

    # -- window
    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)
        self._s.sync()

    # -- databases
    def recent_databases(self) -> list[str]:
        value = self._s.value("databases/recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if v]

    def add_recent_database(self, url: str) -> None:
        recent = [url] + [u for u in self.recent_databases() if u != url]
        self._s.setValue("databases/recent", recent[:MAX_RECENT])
        self._s.sync()

    def last_database(self) -> str | None:
        recent = self.recent_databases()
        return recent[0] if recent else None

    def clear(self) -> None:
        self._s.clear()
        self._s.sync()
