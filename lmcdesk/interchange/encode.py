"""Domain objects -> meeting file.

Every field that differs from "nothing" (``None``, empty text, empty list) is
written; ``lock_version`` is not (it belongs to one database).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timezone
from fractions import Fraction
from typing import Any

from lmcdesk.domain import model as m

from .schema import FORMAT, VERSION
from .spec import RECORDS, TOP_LEVEL, F


def _fmt_time(t: time) -> str:
    if t.microsecond:  # a time stamped by the app, not typed by a person
        return t.replace(tzinfo=None).isoformat(timespec="microseconds")
    if t.second:
        return t.strftime("%H:%M:%S")
    return t.strftime("%H:%M")


def _fraction_text(f: Fraction) -> str:
    return f"{f.numerator}/{f.denominator}"


def _encode_value(f: F, value: Any) -> Any:
    k = f.kind
    if k == "date":
        return value.isoformat()
    if k == "time":
        return _fmt_time(value)
    if k == "datetime":
        return value.isoformat()
    if k == "enum":
        return value.value
    if k == "quorum":
        q: dict = {}
        if value.minimum is not None:
            q["minimum"] = value.minimum
        if value.fraction is not None:
            q["fraction"] = _fraction_text(value.fraction)
        q["withdrawn_count"] = value.withdrawn_count
        return q
    if k == "list":
        return [_encode(f.record, v) for v in value]
    if k == "refs":
        return list(value)
    return value


def _encode(record: str, obj: Any) -> dict:
    out: dict = {}
    for f in RECORDS[record].fields:
        value = getattr(obj, f.name)
        if value is None or (not f.required and f.name != "position" and value in ("", [])):
            continue
        out[f.name] = _encode_value(f, value)
    return out


def to_document(directory: m.Directory, meetings: Iterable[m.Meeting], *,
                exported_at: datetime | None = None) -> dict:
    """The meeting file (a JSON-ready dict) for this directory and these meetings.
    ``lock_version`` is not written: it belongs to one database."""
    when = exported_at or datetime.now(timezone.utc).replace(microsecond=0)
    doc: dict = {"format": FORMAT, "version": VERSION, "exported_at": when.isoformat()}
    sources = {
        "bodies": list(directory.bodies.values()),
        "people": list(directory.people.values()),
        "memberships": directory.memberships,
        "interests": directory.interests,
        "gifts": directory.gifts,
        "meetings": list(meetings),
    }
    for key, record in TOP_LEVEL:
        doc[key] = [_encode(record, obj) for obj in sources[key]]
    return doc
