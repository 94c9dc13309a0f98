"""Words for stored enum values, where capitalising the value reads wrongly
(the screenshots showed "Lmc", "Non financial professional", "Vice chair").
Membership roles are said as the registers say them (``membership_role`` in
templates/minutes/labels.j2; tests/gui/test_screen_wording.py keeps the two
alike).  Plain Python: used by the Qt models and by ``ui.data`` on the worker."""

from __future__ import annotations

WORDS = {
    "lmc": "LMC",
    "non_financial_professional": "Non-financial professional",
    "non_financial_personal": "Non-financial personal",
    "vice_chair": "Vice-chair",
    "salaried_gp": "Salaried GP",
    "co_opted": "Co-opted member",
}


def words(value) -> str:
    """A stored enum value (or its ``.value``) in words."""
    value = str(getattr(value, "value", value))
    return WORDS.get(value) or value.replace("_", " ").capitalize()
