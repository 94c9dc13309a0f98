"""Probity checks on a stored meeting.

``lmcdesk.probity`` is imported when first used, so that the storage and
services layers can be imported (and tested) on their own.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork


def check_meeting(uow: UnitOfWork, meeting_id: str, today: date | None = None) -> list:
    """The probity findings (``lmcdesk.probity.Finding``) for one meeting."""
    from lmcdesk import probity

    with uow:
        meeting = uow.meetings.get(meeting_id)
        directory = uow.directory.load()
    return probity.run(meeting, directory, today)
