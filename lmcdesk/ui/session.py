"""What the UI says about the open record.  The record itself (lock,
read-only, backups, units of work) is a :class:`lmcdesk.bootstrap.Record`,
opened by ``lmcdesk.bootstrap.open_record`` on the worker thread."""

from __future__ import annotations

from lmcdesk.bootstrap import READ_ONLY_MESSAGE, label_for

__all__ = ["READ_ONLY_MESSAGE", "display_name"]


def display_name(url: str) -> str:
    """A short name for a database URL, for titles and the recent list."""
    return label_for(url)
