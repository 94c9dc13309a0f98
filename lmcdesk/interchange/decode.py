"""Meeting file -> domain objects, with the second layer of validation.

``from_document`` first runs the JSON Schema (``problems.schema_problems``),
then checks meaning: dates that exist, references that resolve (to the file or
to what the database already holds), times in the right order, ids used once.
Every problem found is raised together as one :class:`MeetingFileInvalid`.
Ids that a hand-written file leaves out are derived from their parent so that
importing the same file twice updates rather than duplicates.
"""

from __future__ import annotations

from datetime import date, datetime, time
from fractions import Fraction
from typing import Any

from lmcdesk.domain import model as m
from lmcdesk.errors import InvalidInput

from .encode import _fmt_time
from .problems import MeetingFileInvalid, _join, did_you_mean, in_file_order, schema_problems
from .spec import RECORDS, F


class _Decoder:
    def __init__(self, known: m.Directory | None) -> None:
        self.known = known or m.Directory()
        self.problems: list[InvalidInput] = []
        self.ids: dict[str, dict[str, str]] = {}  # kind -> id -> path where first seen
        self.refs: list[tuple[str, str, str, str]] = []  # (path, kind, id, meeting scope)
        self.item_ids: dict[str, set[str]] = {}  # meeting id -> its item ids
        self.interest_owner: dict[str, str] = {}
        self.declared_interests: list[tuple[str, str, str]] = []  # (path, interest id, person id)

    def problem(self, field: str, message: str) -> None:
        self.problems.append(InvalidInput(message, field=field))

    def register(self, kind: str, ident: str, where: str) -> None:
        seen = self.ids.setdefault(kind, {})
        if ident in seen:
            self.problem(where, f"the id \"{ident}\" is used twice (first at {seen[ident]}); "
                                f"every {kind} needs its own id")
        else:
            seen[ident] = where

    # -- scalars
    def parse(self, f: F, raw: Any, where: str) -> Any:
        k = f.kind
        try:
            if k == "date":
                return date.fromisoformat(raw)
            if k == "time":
                return time.fromisoformat(raw)
            if k == "datetime":
                return datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            kind_words = {"date": "date", "time": "time", "datetime": "date and time"}[k]
            self.problem(where, f"\"{raw}\" is not a real {kind_words} (check the day of the month)")
            return None
        if k == "enum":
            return None if raw is None else f.enum(raw)
        if k == "quorum":
            return self.quorum(raw, where)
        if k == "refs":
            return list(raw)
        return raw

    def quorum(self, raw: dict, where: str) -> m.QuorumRule:
        fraction = None
        if "fraction" in raw:
            num, den = (int(x) for x in raw["fraction"].split("/"))
            if den == 0 or num == 0 or num > den:
                self.problem(_join(where, "fraction"),
                             f"\"{raw['fraction']}\" must be a fraction above 0 and at most 1, like \"1/2\"")
            else:
                fraction = Fraction(num, den)
        if "minimum" not in raw and "fraction" not in raw:
            self.problem(where, "a quorum needs a \"minimum\" (a number of members) or a "
                                "\"fraction\" (like \"1/2\"), or both")
        return m.QuorumRule(minimum=raw.get("minimum"), fraction=fraction,
                            withdrawn_count=raw.get("withdrawn_count", False))

    # -- records
    def record(self, record: str, raw: dict, where: str, meeting: str = "", **extra: Any) -> Any:
        rec = RECORDS[record]
        kwargs: dict[str, Any] = dict(extra)
        for f in rec.fields:
            if f.name not in raw or f.kind == "list":
                continue
            value = raw[f.name]
            fw = _join(where, f.name)
            if value is None:
                continue  # null means "not given": the dataclass default applies
            if f.kind == "id" and f.ref:
                self.refs.append((fw, f.ref, value, meeting))
            if f.kind == "refs":
                for i, v in enumerate(value):
                    self.refs.append((f"{fw}[{i}]", f.ref, v, meeting))
            kwargs[f.name] = self.parse(f, value, fw)
        return kwargs

    def order(self, kwargs: dict, first: str, second: str, where: str, words: str) -> None:
        a, b = kwargs.get(first), kwargs.get(second)
        if a is not None and b is not None and b < a:
            self.problem(_join(where, second), f"{_fmt(b)} is before {first} {_fmt(a)}: {words}")


def _fmt(v: Any) -> str:
    return _fmt_time(v) if isinstance(v, time) else v.isoformat()


def _make(cls: type, kwargs: dict) -> Any:
    # A value that failed to parse is None here; the problem is already recorded
    # and the object is thrown away, so no default is needed.
    return cls(**kwargs)


def from_document(doc: Any, *, known: m.Directory | None = None) -> tuple[m.Directory, list[m.Meeting]]:
    """Validate a meeting file and turn it into domain objects.

    ``known`` is what is already in the database: references to its bodies,
    people and register entries are accepted.  Raises
    :class:`MeetingFileInvalid` listing every problem found."""
    problems = schema_problems(doc)
    if problems:
        raise MeetingFileInvalid(problems)
    d = _Decoder(known)
    directory = m.Directory()

    for i, raw in enumerate(doc.get("bodies", [])):
        w = f"bodies[{i}]"
        kw = d.record("body", raw, w)
        d.register("body", kw["id"], _join(w, "id"))
        directory.bodies[kw["id"]] = _make(m.Body, kw)
    for i, raw in enumerate(doc.get("people", [])):
        w = f"people[{i}]"
        kw = d.record("person", raw, w)
        d.register("person", kw["id"], _join(w, "id"))
        directory.people[kw["id"]] = _make(m.Person, kw)
    for i, raw in enumerate(doc.get("memberships", [])):
        w = f"memberships[{i}]"
        kw = d.record("membership", raw, w)
        kw.setdefault("id", _membership_id(kw))
        d.register("membership", kw["id"], _join(w, "id"))
        d.order(kw, "start", "end", w, "a membership cannot end before it starts")
        directory.memberships.append(_make(m.Membership, kw))
    counters: dict[tuple[str, str], int] = {}
    for i, raw in enumerate(doc.get("interests", [])):
        w = f"interests[{i}]"
        kw = d.record("interest", raw, w)
        if "id" not in kw:
            n = counters[("i", kw["person_id"])] = counters.get(("i", kw["person_id"]), 0) + 1
            kw["id"] = f"{kw['person_id']}/interest-{n}"
        d.register("interest", kw["id"], _join(w, "id"))
        d.interest_owner[kw["id"]] = kw["person_id"]
        d.order(kw, "valid_from", "valid_to", w, "an interest cannot end before it starts")
        directory.interests.append(_make(m.Interest, kw))
    for i, raw in enumerate(doc.get("gifts", [])):
        w = f"gifts[{i}]"
        kw = d.record("gift", raw, w)
        if "id" not in kw:
            n = counters[("g", kw["person_id"])] = counters.get(("g", kw["person_id"]), 0) + 1
            kw["id"] = f"{kw['person_id']}/gift-{n}"
        d.register("gift", kw["id"], _join(w, "id"))
        directory.gifts.append(_make(m.GiftOffer, kw))

    meetings = [_meeting(d, raw, f"meetings[{i}]") for i, raw in enumerate(doc.get("meetings", []))]
    _resolve(d)
    if d.problems:
        raise MeetingFileInvalid(in_file_order(doc, d.problems))
    for meeting in meetings:
        meeting.number_items()  # a file may leave gaps between positions; the record numbers 1, 2, 3 ...
    return directory, meetings


def _membership_id(kw: dict) -> str:
    role = kw.get("role", m.Membership.__dataclass_fields__["role"].default)
    base = f"{kw['person_id']}@{kw['body_id']}/{role}"
    return f"{base}/{kw['start'].isoformat()}" if kw.get("start") else base


def _meeting(d: _Decoder, raw: dict, w: str) -> m.Meeting:
    kw = d.record("meeting", raw, w)
    mid = kw["id"]
    kw["id"] = mid
    d.register("meeting", mid, _join(w, "id"))
    d.order(kw, "start_time", "end_time", w, "a meeting cannot end before it starts")
    items_ids: set[str] = d.item_ids.setdefault(mid, set())

    items: list[m.AgendaItem] = []
    positions: dict[int, str] = {}
    for j, iraw in enumerate(raw.get("items", [])):
        iw = f"{w}.items[{j}]"
        ikw = d.record("item", iraw, iw, mid)
        ikw.setdefault("position", j + 1)
        ikw.setdefault("id", f"{mid}/item-{ikw['position']}")
        iid = ikw["id"]
        d.register("item", iid, _join(iw, "id"))
        items_ids.add(iid)
        pos = ikw["position"]
        if pos in positions:
            d.problem(_join(iw, "position"), f"position {pos} is already taken by {positions[pos]}")
        else:
            positions[pos] = iw
        d.order(ikw, "started_at", "ended_at", iw, "an item cannot end before it starts")
        ikw["organisations"] = [
            _make(m.ItemOrganisation, d.record("organisation", o, f"{iw}.organisations[{k}]", mid))
            for k, o in enumerate(iraw.get("organisations", []))
        ]
        _once(d, [(o.body_id, o.role) for o in ikw["organisations"]], f"{iw}.organisations", "body_id",
              "is listed twice in the same role")
        ikw["papers"] = _children(d, "paper", m.Paper, iraw.get("papers", []), f"{iw}.papers", iid, mid)
        ikw["declarations"] = _children(d, "declaration", m.Declaration, iraw.get("declarations", []),
                                        f"{iw}.declarations", iid, mid)
        decisions = []
        for k, draw in enumerate(iraw.get("decisions", [])):
            dw = f"{iw}.decisions[{k}]"
            dkw = d.record("decision", draw, dw, mid)
            dkw.setdefault("id", f"{iid}/decision-{k + 1}")
            d.register("decision", dkw["id"], _join(dw, "id"))
            dkw["votes"] = [
                _make(m.Vote, d.record("vote", v, f"{dw}.votes[{n}]", mid))
                for n, v in enumerate(draw.get("votes", []))
            ]
            _once(d, [v.person_id for v in dkw["votes"]], f"{dw}.votes", "person_id",
                  "has two votes recorded for the same decision")
            _once(d, dkw.get("participants", []), f"{dw}.participants", "",
                  "is listed twice among the participants")
            decisions.append(_make(m.Decision, dkw))
        ikw["decisions"] = decisions
        items.append(_make(m.AgendaItem, ikw))
    kw["items"] = items

    attendance = []
    seen_people: dict[str, str] = {}
    for j, araw in enumerate(raw.get("attendance", [])):
        aw = f"{w}.attendance[{j}]"
        akw = d.record("attendance", araw, aw, mid)
        akw.setdefault("id", f"{mid}/attendance/{akw['person_id']}")
        d.register("attendance", akw["id"], _join(aw, "id"))
        pid = akw["person_id"]
        if pid in seen_people:
            d.problem(_join(aw, "person_id"), f"\"{pid}\" is listed twice (also at {seen_people[pid]})")
        seen_people.setdefault(pid, aw)
        d.order(akw, "arrived_time", "departed_time", aw, "nobody can leave before they arrive")
        attendance.append(_make(m.Attendance, akw))
    kw["attendance"] = attendance

    actions = []
    for j, xraw in enumerate(raw.get("actions", [])):
        xw = f"{w}.actions[{j}]"
        xkw = d.record("action", xraw, xw, mid)
        xkw.setdefault("id", f"{mid}/action-{j + 1}")
        d.register("action", xkw["id"], _join(xw, "id"))
        actions.append(_make(m.Action, xkw))
    kw["actions"] = actions

    versions = []
    numbers: set[int] = set()
    for j, vraw in enumerate(raw.get("versions", [])):
        vw = f"{w}.versions[{j}]"
        vkw = d.record("version", vraw, vw, mid)
        if vkw["version"] in numbers:
            d.problem(_join(vw, "version"), f"version {vkw['version']} is listed twice")
        numbers.add(vkw["version"])
        versions.append(_make(m.MinutesVersion, vkw))
    kw["versions"] = versions
    return _make(m.Meeting, kw)


def _once(d: _Decoder, values: list, base: str, name: str, words: str) -> None:
    seen: set = set()
    for n, v in enumerate(values):
        if v in seen:
            shown = v[0] if isinstance(v, tuple) else v
            d.problem(f"{base}[{n}]" + (f".{name}" if name else ""), f"\"{shown}\" {words}")
        seen.add(v)


def _children(d: _Decoder, record: str, cls: type, raws: list, base: str, item_id: str, mid: str) -> list:
    out = []
    for k, raw in enumerate(raws):
        w = f"{base}[{k}]"
        kw = d.record(record, raw, w, mid)
        kw.setdefault("id", f"{item_id}/{record}-{k + 1}")
        d.register(record, kw["id"], _join(w, "id"))
        if record == "declaration":
            d.order(kw, "time_out", "time_in", w, "they cannot come back before they left")
            if kw.get("interest_id"):
                d.declared_interests.append((_join(w, "interest_id"), kw["interest_id"], kw["person_id"]))
        out.append(_make(cls, kw))
    return out


_REF_WORDS = {"body": "body", "person": "person", "interest": "register entry", "item": "agenda item"}
_REF_LISTS = {"body": "bodies", "person": "people", "interest": "interests", "item": "items of this meeting"}


def _resolve(d: _Decoder) -> None:
    known = {
        "body": set(d.known.bodies),
        "person": set(d.known.people),
        "interest": {i.id for i in d.known.interests},
    }
    unresolved_people: set[str] = set()
    for where, kind, ident, meeting in d.refs:
        if kind == "item":
            candidates = d.item_ids.get(meeting, set())
        else:
            candidates = set(d.ids.get(kind, {})) | known[kind]
        if ident in candidates:
            continue
        if kind == "person":
            unresolved_people.add(ident)
        place = "in this meeting" if kind == "item" else \
            "in the file's \"" + _REF_LISTS[kind] + "\" nor in the database"
        d.problem(where, f"refers to {_REF_WORDS[kind]} \"{ident}\", which is not {place}"
                         + (did_you_mean(ident, candidates) if len(d.problems) < 50 else ""))
    owners = dict(d.interest_owner)
    owners.update({i.id: i.person_id for i in d.known.interests if i.id not in owners})
    for where, interest_id, person_id in d.declared_interests:
        owner = owners.get(interest_id)
        if owner is not None and owner != person_id and person_id not in unresolved_people:
            d.problem(where, f"register entry \"{interest_id}\" belongs to \"{owner}\", "
                             f"not to \"{person_id}\" who made this declaration")
