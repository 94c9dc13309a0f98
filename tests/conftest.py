"""Shared test set-up.  Qt runs offscreen; per-user folders point at tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """No test reads or writes the real user's data or settings."""
    home = tmp_path / "lmcdesk-home"
    monkeypatch.setenv("LMCDESK_HOME", str(home))
    monkeypatch.delenv("LMCDESK_DB", raising=False)
    yield home
