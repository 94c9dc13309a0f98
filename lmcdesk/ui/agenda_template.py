"""The recurring agenda: standing items every meeting starts with (and ends with AOB)."""

from __future__ import annotations

from lmcdesk.domain.enums import BusinessKind, ItemType
from lmcdesk.domain.model import AgendaItem, new_id

OPENING = (
    (ItemType.APOLOGIES, "Welcome and apologies", 5),
    (ItemType.DECLARATIONS, "Declarations of interest", 5),
    (ItemType.PREVIOUS_MINUTES, "Minutes of the previous meeting", 5),
    (ItemType.MATTERS_ARISING, "Matters arising and action log", 10),
)
CLOSING = ((ItemType.AOB, "Any other business", 10),)


def standard_items() -> list[AgendaItem]:
    items = []
    for n, (item_type, title, minutes) in enumerate(OPENING + CLOSING, start=1):
        items.append(AgendaItem(id=new_id(), title=title, position=n, item_type=item_type,
                                business_kind=BusinessKind.GENERAL, planned_minutes=minutes))
    return items


def apply_template(items: list[AgendaItem]) -> list[AgendaItem]:
    """Add any missing standing items around the business already there."""
    present = {i.item_type for i in items}
    ordered = sorted(items, key=lambda i: i.position)
    head = [i for i in standard_items() if i.item_type in {t for t, _, _ in OPENING} and i.item_type not in present]
    tail = [i for i in standard_items() if i.item_type == ItemType.AOB and ItemType.AOB not in present]
    result = head + ordered + tail
    for n, item in enumerate(result, start=1):
        item.position = n
    return result
