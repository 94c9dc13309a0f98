"""The canonical content of approved minutes and its SHA-256 fingerprint.

Approving minutes stores a *snapshot* (canonical JSON of the meeting record)
and prints its SHA-256 on every page, so that years later anyone can show the
record has not changed since it was approved.  Canonical means: keys sorted,
no insignificant whitespace, UTF-8, enums as their stored words, dates and
times in ISO 8601, and collections in a stable order (items by position,
everything else by id), so that loading and saving a record never changes its
fingerprint while changing any approved field always does.

Book-keeping that is not content is left out: ``lock_version`` (bumped on
every save), ``status`` and ``versions`` (the approvals themselves).  The
names of the people and bodies the record mentions are included, as they
are printed in the minutes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime, time
from enum import Enum
from fractions import Fraction

from .model import Directory, Meeting

FORMAT = "lmcdesk-minutes/1"
#: Meeting fields that are book-keeping, not approved content.
EXCLUDED_FIELDS = frozenset({"lock_version", "status", "versions"})
#: List fields ordered by something other than ``id``.
_ORDER = {"items": lambda d: (d.get("position", 0), d.get("id", "")), "votes": lambda d: d.get("person_id", "")}
_SORTED_SCALARS = frozenset({"participants"})


def _plain(value, key: str = ""):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), f.name) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, dict):
        return {str(k): _plain(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v, key) for v in value]
        if key in _SORTED_SCALARS or isinstance(value, (set, frozenset)):
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
        if items and all(isinstance(i, dict) for i in items):
            order = _ORDER.get(key) or (lambda d: str(d.get("id", json.dumps(d, sort_keys=True))))
            return sorted(items, key=order)
        return items
    return value


def _referenced_ids(node, found: set[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and (k.endswith("_id") or k == "participants"):
                found.add(v)
            elif k == "participants" and isinstance(v, list):
                found.update(x for x in v if isinstance(x, str))
            else:
                _referenced_ids(v, found)
    elif isinstance(node, list):
        for v in node:
            _referenced_ids(v, found)


def content(meeting: Meeting, directory: Directory | None = None) -> dict:
    """The approved content of ``meeting`` as plain JSON-able data."""
    record = {k: v for k, v in _plain(meeting).items() if k not in EXCLUDED_FIELDS}
    names: dict[str, str] = {}
    if directory is not None:
        ids: set[str] = set()
        _referenced_ids(record, ids)
        for i in sorted(ids):
            if i in directory.people:
                names[i] = directory.people[i].name
            elif i in directory.bodies:
                names[i] = directory.bodies[i].name
    return {"format": FORMAT, "meeting": record, "names": names}


def snapshot(meeting: Meeting, directory: Directory | None = None) -> str:
    """Canonical JSON of the approved content (what ``MinutesVersion.snapshot`` stores)."""
    return json.dumps(content(meeting, directory), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fingerprint_snapshot(snap: str) -> str:
    """SHA-256 (hex) of a stored snapshot."""
    return hashlib.sha256(snap.encode("utf-8")).hexdigest()


def fingerprint(meeting: Meeting, directory: Directory | None = None) -> str:
    """SHA-256 (hex) of the meeting's approved content as it is now."""
    return fingerprint_snapshot(snapshot(meeting, directory))


# --------------------------------------------------------------------------- what changed


def _label(node: dict, names: dict[str, str] | None = None) -> str:
    for key in ("title", "description", "resolution", "person_id", "id"):
        if node.get(key):
            text = str(node[key])
            if key == "person_id" and names:
                text = names.get(text, text)
            return text if len(text) <= 40 else text[:37] + "..."
    return "?"


def _diff(old, new, path: str, out: list[str], names: dict[str, str] | None = None) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new)):
            sub = f"{path}.{k}" if path else k
            if k not in old:
                out.append(f"{sub}: added")
            elif k not in new:
                out.append(f"{sub}: removed")
            else:
                _diff(old[k], new[k], sub, out, names)
        return
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and all(isinstance(x, dict) and "id" in x for x in old + new)
    ):
        o = {x["id"]: x for x in old}
        n = {x["id"]: x for x in new}
        for i in o.keys() - n.keys():
            out.append(f"{path}: removed '{_label(o[i], names)}'")
        for i in n.keys() - o.keys():
            out.append(f"{path}: added '{_label(n[i], names)}'")
        for i in [x["id"] for x in new if x["id"] in o]:
            _diff(o[i], n[i], f"{path}['{_label(n[i], names)}']", out, names)
        return
    if old != new:
        if isinstance(old, str) and isinstance(new, str) and (len(old) > 60 or len(new) > 60):
            out.append(f"{path}: text changed")
        else:
            out.append(f"{path}: {json.dumps(old, ensure_ascii=False)} -> {json.dumps(new, ensure_ascii=False)}")


def changes(old_snapshot: str, new_snapshot: str) -> list[str]:
    """Field-level summary of what differs between two snapshots."""
    old = json.loads(old_snapshot) if old_snapshot else {}
    new = json.loads(new_snapshot)
    out: list[str] = []
    names = {**old.get("names", {}), **new.get("names", {})}
    _diff(old.get("meeting", {}), new.get("meeting", {}), "", out, names)
    old_names, new_names = old.get("names", {}), new.get("names", {})
    for key in sorted(old_names.keys() & new_names.keys()):
        if old_names[key] != new_names[key]:  # a rename; names merely no longer mentioned are not changes
            out.append(f"name of {key}: {json.dumps(old_names[key], ensure_ascii=False)} -> "
                       f"{json.dumps(new_names[key], ensure_ascii=False)}")
    return out
