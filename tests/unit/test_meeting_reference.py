"""How a person names a meeting (``lmcdesk check 2026-04``): services.meetings.find_meeting
asks storage for just the candidates; services.checks.check reads the meeting once."""

from __future__ import annotations

from datetime import date

import pytest

from fakes import FakeUnitOfWork
from lmcdesk.domain import Body, BodyType, Meeting, MeetingKind
from lmcdesk.errors import InvalidInput, NotFound
from lmcdesk.services import checks, meetings

MEETINGS = {
    "north-2026-03-12": date(2026, 3, 12),
    "north-2026-03-12-extra": date(2026, 3, 19),
    "north-2026-04-09": date(2026, 4, 9),
    "south-2026-04-09": date(2026, 4, 9),
    "north-2025-11-20": date(2025, 11, 20),
    "2026-05-01": date(2026, 6, 1),  # an id that looks like a date (a JSON file may bring any id)
}


class Counting:
    """Counts the repository calls a service makes."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.calls: list[str] = []
        repo = uow.meetings
        for name in ("summaries", "get"):
            real = getattr(repo, name)

            def counted(*a, _name=name, _real=real, **k):
                self.calls.append(_name)
                return _real(*a, **k)

            setattr(repo, name, counted)


@pytest.fixture
def uow():
    uow = FakeUnitOfWork()
    uow.store.directory.bodies["b"] = Body("b", "Loamshire North Locality Group", BodyType.LOCALITY)
    for mid, day in MEETINGS.items():
        uow.store.meetings[mid] = Meeting(id=mid, body_id="b", date=day, kind=MeetingKind.COMMISSIONING,
                                          title="Locality meeting")
    return uow


@pytest.mark.parametrize("reference,found", [
    ("north-2026-03-12", "north-2026-03-12"),  # the whole id, though it starts another id too
    ("  north-2026-04 ", "north-2026-04-09"),  # a unique start of an id
    ("south", "south-2026-04-09"),
    ("2026-03-12", "north-2026-03-12"),  # the day it was held
    ("2026-05-01", "2026-05-01"),  # an id wins over a date
    ("2025", "north-2025-11-20"),  # the one meeting that year
    ("2026-06", "2026-05-01"),  # the one meeting that month
])
def test_a_reference_names_one_meeting(uow, reference, found):
    counting = Counting(uow)
    assert meetings.find_meeting(uow, reference).id == found
    assert "get" not in counting.calls  # summaries only: no meeting is loaded to find one
    assert len(counting.calls) <= 2


@pytest.mark.parametrize("reference,error,words", [
    ("north", InvalidInput, "There are 4 meetings with an id starting 'north'"),
    ("2026-04-09", InvalidInput, "There are 2 meetings on 2026-04-09"),
    ("2026-03", InvalidInput, "There are 2 meetings in 2026-03"),
    ("North", NotFound, "There is no meeting with an id starting 'North'"),  # ids keep their case
    ("2026-07-01", NotFound, "There is no meeting on 2026-07-01"),
    ("2026-13", NotFound, "There is no meeting in 2026-13"),
    ("2026-02-30", InvalidInput, "2026-02-30 is not a real date"),
])
def test_a_reference_that_names_none_or_several_is_refused_in_words(uow, reference, error, words):
    with pytest.raises(error) as caught:
        meetings.find_meeting(uow, reference)
    assert words in caught.value.message


def test_several_are_listed_one_line_each(uow):
    with pytest.raises(InvalidInput) as caught:
        meetings.find_meeting(uow, "2026-04-09")
    lines = caught.value.detail.splitlines()
    assert sorted(line.split()[0] for line in lines) == ["north-2026-04-09", "south-2026-04-09"]
    assert all("2026-04-09  Loamshire North Locality Group: Locality meeting" in line for line in lines)


def test_check_reads_the_meeting_once_and_returns_it_with_its_findings(uow):
    counting = Counting(uow)
    result = checks.check(uow, "north-2026-04-09", today=date(2026, 4, 20))
    assert counting.calls == ["get"]
    assert result.meeting.id == "north-2026-04-09"
    assert result.errors == sum(1 for f in result.findings if f.is_error)
    assert result.errors + result.warnings == len(result.findings)
    assert checks.check_meeting(uow, "north-2026-04-09", today=date(2026, 4, 20)) == result.findings
