"""Typed errors, split the way the user sees them.

``LmcDeskError`` and its subclasses are *the environment's or the input's
fault*: they carry a message in words a secretary understands and are shown
as they are (CLI: printed, exit 2; GUI: ``show_error``).  Anything else is a
bug: logged with its traceback, shown as a crash report.
No Qt and no SQLAlchemy here, so every layer may raise these.
"""

from __future__ import annotations


class LmcDeskError(Exception):
    """An error the user can understand and act on; ``str()`` is the message."""

    title = "LMC Desk"

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class InvalidInput(LmcDeskError):
    """Bad data from a file or a form.  ``field`` names where, e.g.
    ``meetings[0].items[2].declarations[0].person``."""

    title = "This information cannot be used"

    def __init__(self, message: str, *, field: str = "", detail: str = "") -> None:
        super().__init__(f"{field}: {message}" if field else message, detail=detail)
        self.field = field


class NotFound(LmcDeskError):
    title = "Not found"


class MinutesLocked(LmcDeskError):
    """Approved minutes cannot be changed; a correction is a new version."""

    title = "These minutes are approved"


class ApprovalRefused(LmcDeskError):
    title = "The minutes cannot be approved yet"


class WrongPassphrase(LmcDeskError):
    """The passphrase does not open the body's signing key (raised by
    ``lmcdesk.signing``; here so the shells can tell it from other refusals)."""

    title = "Wrong passphrase"


class ConcurrentEdit(LmcDeskError):
    """Someone else saved the same record first (optimistic locking)."""

    title = "Someone else changed this meeting"


class StorageProblem(LmcDeskError):
    """The database file or server cannot be used as it is."""

    title = "The record cannot be opened or saved"


class DatabaseLocked(StorageProblem):
    pass


class AlreadyOpen(DatabaseLocked):
    """Another LMC Desk window holds this record file (its instance lock);
    ``holder`` says who, as the lock file tells it."""

    title = "This record is already open"

    def __init__(self, message: str, *, holder: dict | None = None) -> None:
        super().__init__(message)
        self.holder = holder or {}


class DatabaseReadOnly(StorageProblem):
    pass


class DatabaseCorrupt(StorageProblem):
    pass


class DatabaseTooNew(StorageProblem):
    pass


class DiskFull(StorageProblem):
    pass
