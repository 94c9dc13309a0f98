"""The recurring agenda: standing items every meeting starts with (and ends with AOB)."""

from __future__ import annotations

from lmcdesk.domain.enums import BusinessKind, ItemType
from lmcdesk.domain.model import AgendaItem, Meeting, new_id

OPENING = (
    (ItemType.APOLOGIES, "Welcome and apologies", 5),
    (ItemType.DECLARATIONS, "Declarations of interest", 5),
    (ItemType.PREVIOUS_MINUTES, "Minutes of the previous meeting", 5),
    (ItemType.MATTERS_ARISING, "Matters arising and action log", 10),
)
CLOSING = ((ItemType.AOB, "Any other business", 10),)


def _item(item_type, title, minutes) -> AgendaItem:
    return AgendaItem(id=new_id(), title=title, item_type=item_type, business_kind=BusinessKind.GENERAL,
                      planned_minutes=minutes)


def standard_items() -> list[AgendaItem]:
    """The standing items in agenda order (a new meeting numbers them: ``Meeting.number_items``)."""
    return [_item(*spec) for spec in OPENING + CLOSING]


def apply_template(meeting: Meeting) -> None:
    """Add any missing standing items around the business already there."""
    present = {i.item_type for i in meeting.items}
    head = [spec for spec in OPENING if spec[0] not in present]
    for n, spec in enumerate(head):
        meeting.add_item(_item(*spec), n)
    for spec in CLOSING:
        if spec[0] not in present:
            meeting.add_item(_item(*spec))
