"""A small fictional Loamshire record for the exchange, audit and stress tests."""

from __future__ import annotations

from datetime import date

from lmcdesk.domain import (
    AgendaItem,
    Attendance,
    Body,
    BodyType,
    BusinessKind,
    Decision,
    Directory,
    Meeting,
    MeetingKind,
    Membership,
    Paper,
    Person,
)

PAPER_PDF = b"%PDF-1.4\n% Loamshire extended access paper (fictional)\n%%EOF\n"

BODY_ID = "loamshire-lmc"
MEETING_ID = "lmc-2026-03-04"
ITEM_ID = "lmc-2026-03-04-item-1"


def directory() -> Directory:
    body = Body(id=BODY_ID, name="Loamshire LMC", type=BodyType.LMC)
    people = {
        "dr-alys-example": Person(id="dr-alys-example", name="Dr Alys Example"),
        "dr-bryn-example": Person(id="dr-bryn-example", name="Dr Bryn Example"),
    }
    memberships = [
        Membership(id=f"ms-{pid}", person_id=pid, body_id=BODY_ID) for pid in people
    ]
    return Directory(bodies={body.id: body}, people=people, memberships=memberships)


def meeting(meeting_id: str = MEETING_ID, day: date = date(2026, 3, 4), paper_sha: str = "") -> Meeting:
    item_id = ITEM_ID if meeting_id == MEETING_ID else f"{meeting_id}-item-1"
    papers = [Paper(id=f"{item_id}-paper", title="Extended access proposal", filename="proposal.pdf",
                    sha256=paper_sha, size_bytes=len(PAPER_PDF))] if paper_sha else []
    return Meeting(
        id=meeting_id,
        body_id=BODY_ID,
        date=day,
        kind=MeetingKind.LMC,
        title="Committee meeting",
        chair_id="dr-alys-example",
        attendance=[
            Attendance(id=f"{meeting_id}-att-{pid}", person_id=pid)
            for pid in ("dr-alys-example", "dr-bryn-example")
        ],
        items=[
            AgendaItem(
                id=item_id,
                title="Extended access in Loamshire North",
                position=1,
                business_kind=BusinessKind.GENERAL,
                discussion="The committee discussed the fictional proposal.",
                papers=papers,
                decisions=[Decision(id=f"{item_id}-d1", resolution="To note the proposal.", by_consensus=True)],
            )
        ],
    )


def populate(uow, meetings: list[Meeting] | None = None) -> None:
    """Save the directory and the meetings (commits)."""
    d = directory()
    for b in d.bodies.values():
        uow.directory.save_body(b)
    for p in d.people.values():
        uow.directory.save_person(p)
    for m in d.memberships:
        uow.directory.save_membership(m)
    for m in meetings if meetings is not None else [meeting()]:
        uow.meetings.add(m)
    uow.commit()
