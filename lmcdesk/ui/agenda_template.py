"""The recurring agenda: standing items every meeting starts with (and ends with AOB).

Each standing item is titled with its type's words in the vocabulary
(``ItemType`` in resources/vocabulary.json), so a body that renames one there
gets the new title on every new agenda."""

from __future__ import annotations

from lmcdesk.domain.enums import BusinessKind, ItemType
from lmcdesk.domain.model import AgendaItem, Meeting, new_id
from lmcdesk.vocabulary import words

#: Standing items and their planned minutes, in agenda order.
OPENING = (
    (ItemType.APOLOGIES, 5),
    (ItemType.DECLARATIONS, 5),
    (ItemType.PREVIOUS_MINUTES, 5),
    (ItemType.MATTERS_ARISING, 10),
)
CLOSING = ((ItemType.AOB, 10),)


def _item(item_type, minutes) -> AgendaItem:
    return AgendaItem(id=new_id(), title=words(item_type), item_type=item_type,
                      business_kind=BusinessKind.GENERAL, planned_minutes=minutes)


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
