"""The action log: actions agreed at meetings, followed across meetings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lmcdesk.domain.enums import ActionStatus
from lmcdesk.errors import NotFound

from . import audit
from .changes import Changes
from .dto import ActionEntry

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

OUTSTANDING = (ActionStatus.OPEN, ActionStatus.CARRIED_FORWARD)


def action_log(uow: UnitOfWork, outstanding_only: bool = True, body_id: str | None = None,
               owner_id: str | None = None) -> list[ActionEntry]:
    """Actions with their meeting's date and body, oldest meeting first;
    by default only those still open or carried forward."""
    with uow:
        return uow.meetings.action_log(
            statuses=OUTSTANDING if outstanding_only else None, body_id=body_id, owner_id=owner_id
        )


def set_action_status(uow: UnitOfWork, meeting_id: str, action_id: str, status: ActionStatus | str,
                      notes: str | None = None) -> Changes:
    """Record progress on an action.

    Allowed on approved minutes too: an action's progress is followed up
    after the meeting, and the approved text itself is kept in the meeting's
    version snapshot, which this does not touch."""
    with uow:
        meeting = uow.meetings.get(meeting_id)
        for action in meeting.actions:
            if action.id == action_id:
                action.status = ActionStatus(status)
                if notes is not None:
                    action.notes = notes
                break
        else:
            raise NotFound(f"This meeting has no action with id {action_id!r}.")
        uow.meetings.save(meeting, allow_approved=True)
        audit.record(uow, "action", action_id, "saved", f"status {ActionStatus(status).value}")
        uow.commit()
    return Changes(meetings={meeting_id}, actions=True, lock_version=meeting.lock_version)
