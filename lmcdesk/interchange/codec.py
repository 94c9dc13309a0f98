"""Meeting file <-> domain objects.

``to_document`` writes every field that differs from "nothing" (``None``,
empty text, empty list); ``from_document`` validates in two layers (the JSON
Schema, then meaning: dates that exist, references that resolve, times in the
right order, ids used once) and raises one :class:`MeetingFileInvalid` listing
every problem, each named by its path in the file such as
``meetings[0].items[2].declarations[0].person_id``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timezone
from fractions import Fraction
from typing import Any

import jsonschema

from lmcdesk.domain import model as m
from lmcdesk.errors import InvalidInput

from .schema import FORMAT, PATTERN_WORDS, VERSION, load_schema
from .spec import RECORDS, TOP_LEVEL, F

#: At most this many problems are listed in the error's detail.
MAX_LISTED = 20


class MeetingFileInvalid(InvalidInput):
    """A meeting file with one or more problems; ``problems`` lists each as an
    :class:`InvalidInput` naming its field."""

    def __init__(self, problems: list[InvalidInput]) -> None:
        self.problems = problems
        first = problems[0]
        n = len(problems)
        text = first.message[len(first.field) + 2:] if first.field else first.message
        if n > 1:
            text += f" (and {n - 1} more problem{'s' if n > 2 else ''})"
        lines = [f"- {p.message}" for p in problems[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append(f"- ... and {n - MAX_LISTED} more")
        super().__init__(text, field=first.field, detail="Problems in the meeting file:\n" + "\n".join(lines))


# --------------------------------------------------------------------------- encoding


def _fmt_time(t: time) -> str:
    if t.second or t.microsecond:
        return t.replace(microsecond=0).strftime("%H:%M:%S")
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


# --------------------------------------------------------------------------- schema layer


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += f".{p}" if out else str(p)
    return out


def _join(base: str, name: str) -> str:
    return f"{base}.{name}" if base else name


_RECORD_WORDS = {
    "body": "a body", "person": "a person", "membership": "a membership",
    "interest": "an interest (register entry)", "gift": "a gift or hospitality entry",
    "attendance": "an attendance entry", "organisation": "an item organisation", "paper": "a paper",
    "declaration": "a declaration", "vote": "a vote", "decision": "a decision",
    "item": "an agenda item", "action": "an action", "version": "a minutes version",
    "meeting": "a meeting", "quorum": "a quorum",
}

_TYPE_WORDS = {
    "string": "text in double quotes",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list in square brackets [ ... ]",
    "object": "an object in curly brackets { ... }",
    "null": "null",
}


def _schema_problem(err: jsonschema.ValidationError) -> list[InvalidInput]:
    where = _path(err.absolute_path)
    v = err.validator
    title = err.schema.get("title", "") if isinstance(err.schema, dict) else ""
    what = _RECORD_WORDS.get(title, "this record" if where else "the meeting file")
    if v == "required":
        missing = [p for p in err.validator_value if isinstance(err.instance, dict) and p not in err.instance]
        return [InvalidInput(f"is missing: {what} needs a \"{p}\"", field=_join(where, p)) for p in missing]
    if v == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extras = [k for k in err.instance if k not in allowed and not k.startswith("_")]
        return [
            InvalidInput(
                f"is not a field of {what} (check the spelling; allowed: {', '.join(allowed)}; "
                "fields starting with \"_\" are ignored)",
                field=_join(where, k),
            )
            for k in extras
        ]
    if v == "enum":
        allowed = [x for x in err.validator_value if x is not None]
        return [InvalidInput(f"{_shown(err.instance)} is not one of the allowed words: {', '.join(allowed)}",
                             field=where)]
    if v == "type":
        wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in wanted)
        return [InvalidInput(f"should be {words}, not {_shown(err.instance)}", field=where)]
    if v == "pattern":
        return [InvalidInput(f"{_shown(err.instance)} {PATTERN_WORDS.get(err.validator_value, 'is not valid')}",
                             field=where)]
    if v == "format":
        return [InvalidInput(f"{_shown(err.instance)} is not a real date (check the day of the month)",
                             field=where)]
    if v == "minimum":
        if err.validator_value == 0:
            return [InvalidInput(f"cannot be negative ({err.instance})", field=where)]
        return [InvalidInput(f"must be at least {err.validator_value} ({err.instance})", field=where)]
    if v == "minLength":
        return [InvalidInput("must not be empty", field=where)]
    if v == "maxLength":
        return [InvalidInput(f"is too long (at most {err.validator_value} characters)", field=where)]
    if v == "const":
        return [InvalidInput(f"must be {_shown(err.validator_value)}", field=where)]
    return [InvalidInput(err.message, field=where)]


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"\"{value}\"" if len(value) <= 60 else f"\"{value[:57]}...\""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    return str(value)


def schema_problems(doc: Any) -> list[InvalidInput]:
    """Problems the JSON Schema finds, in file order, in plain words."""
    if not isinstance(doc, dict):
        return [InvalidInput("the file must hold one JSON object { \"format\": ..., ... }, "
                             f"not {_shown(doc)}")]
    fmt = doc.get("format")
    if fmt != FORMAT:
        return [InvalidInput(f"must be \"{FORMAT}\" (this is not an LMC Desk meeting file, or the "
                             "\"format\" line is missing)", field="format")]
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        return [InvalidInput(f"is {version}: the file was written by a newer LMC Desk; this one reads "
                             f"version {VERSION}. Update LMC Desk to import it", field="version")]
    validator = jsonschema.Draft202012Validator(
        load_schema(), format_checker=jsonschema.FormatChecker(formats=("date",)))
    problems: list[InvalidInput] = []
    seen: set[str] = set()
    for err in sorted(validator.iter_errors(doc), key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in e.absolute_path]):
        for problem in _schema_problem(err):
            if problem.field not in seen:  # one problem per field is enough
                seen.add(problem.field)
                problems.append(problem)
    return problems


# --------------------------------------------------------------------------- meaning layer


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
        raise MeetingFileInvalid(d.problems)
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
    for where, kind, ident, meeting in d.refs:
        if kind == "item":
            ok = ident in d.item_ids.get(meeting, set())
        else:
            ok = ident in d.ids.get(kind, {}) or ident in known[kind]
        if not ok:
            place = "in this meeting" if kind == "item" else "in the file's \"" + _REF_LISTS[kind] + \
                "\" nor in the database"
            d.problem(where, f"refers to {_REF_WORDS[kind]} \"{ident}\", which is not {place}")
    owners = dict(d.interest_owner)
    owners.update({i.id: i.person_id for i in d.known.interests if i.id not in owners})
    for where, interest_id, person_id in d.declared_interests:
        owner = owners.get(interest_id)
        if owner is not None and owner != person_id:
            d.problem(where, f"register entry \"{interest_id}\" belongs to \"{owner}\", "
                             f"not to \"{person_id}\" who made this declaration")
