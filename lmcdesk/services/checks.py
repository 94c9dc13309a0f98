"""Probity checks on a stored meeting.

``lmcdesk.probity`` is imported when first used, so that the storage and
services layers can be imported (and tested) on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from lmcdesk.domain.model import Meeting
    from lmcdesk.probity import Finding
    from lmcdesk.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class CheckResult:
    """A meeting as stored and what the probity rules find in it, from one read."""

    meeting: Meeting
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def check(uow: UnitOfWork, meeting_id: str, today: date | None = None) -> CheckResult:
    """The meeting and its probity findings (loaded once: meeting and directory)."""
    from lmcdesk import probity

    with uow:
        meeting = uow.meetings.get(meeting_id)
        directory = uow.directory.load()
    return CheckResult(meeting, probity.run(meeting, directory, today))


def check_meeting(uow: UnitOfWork, meeting_id: str, today: date | None = None) -> list[Finding]:
    """The probity findings (``lmcdesk.probity.Finding``) for one meeting."""
    return check(uow, meeting_id, today).findings
