"""The JSON meeting file: round trip without loss, and bad input named by field."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import datetime, time, timezone
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from interchange_strategies import worlds
from lmcdesk.domain import model as m
from lmcdesk.domain.enums import ConflictAction, ItemPart
from lmcdesk.errors import InvalidInput
from lmcdesk.interchange import (
    FORMAT,
    VERSION,
    MeetingFileInvalid,
    build_schema,
    from_document,
    load_schema,
    to_document,
)
from lmcdesk.interchange.spec import RECORDS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.json"))


def _example() -> dict:
    return json.loads((ROOT / "docs/examples/loamshire-clean.json").read_text("utf-8"))


def _problems(doc: dict, **kw) -> dict[str, str]:
    with pytest.raises(MeetingFileInvalid) as info:
        from_document(doc, **kw)
    exc = info.value
    assert isinstance(exc, InvalidInput)
    return {p.field: p.message for p in exc.problems}


# --------------------------------------------------------------------------- schema files


def test_shipped_schema_is_generated_from_the_spec_and_the_docs_copy_is_identical():
    pkg = (ROOT / "lmcdesk/schemas/meeting-file.v1.schema.json").read_text("utf-8")
    docs = (ROOT / "docs/meeting-file.schema.json").read_text("utf-8")
    assert pkg == docs
    assert json.loads(pkg) == build_schema() == load_schema()
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_spec_covers_every_dataclass_field():
    for rec in RECORDS.values():
        names = {f.name for f in dataclasses.fields(rec.cls)} - {"lock_version"}
        assert names == {f.name for f in rec.fields}, rec.name


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_in_the_docs_are_valid(path):
    doc = json.loads(path.read_text("utf-8"))
    jsonschema.validate(doc, load_schema())
    directory, meetings = from_document(doc)
    assert meetings and directory.people


def test_every_field_of_the_docs_is_documented():
    text = (ROOT / "docs/meeting-file.md").read_text("utf-8")
    missing = [f"{r.name}.{f.name}" for r in RECORDS.values() for f in r.fields if f"`{f.name}`" not in text]
    assert missing == []


# --------------------------------------------------------------------------- round trip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_round_trip_through_json_text_loses_nothing(world):
    directory, meetings = world
    text = json.dumps(to_document(directory, meetings), ensure_ascii=False)
    again_dir, again_meetings = from_document(json.loads(text))
    assert again_dir == directory
    assert again_meetings == meetings


def test_example_round_trip_and_defaults():
    directory, meetings = from_document(_example())
    meeting = meetings[0]
    assert [i.position for i in meeting.items] == [1, 2, 3]
    assert meeting.attendance[0].id == "loamshire-north-2026-03-12/attendance/dr-alys-example"
    decl = meeting.item("ln-0312-enhanced-access").declarations[0]
    assert decl.action == ConflictAction.WITHDREW and decl.time_out == time(19, 20)
    assert directory.bodies["loamshire-north-locality"].quorum == m.QuorumRule(minimum=3)
    assert directory.memberships[0].id == "dr-alys-example@loamshire-north-locality/member"
    assert meeting.items[0].part == ItemPart.PART_I
    doc = to_document(directory, meetings, exported_at=datetime(2026, 3, 13, 9, 0, tzinfo=timezone.utc))
    assert doc["format"] == FORMAT and doc["version"] == VERSION
    assert doc["exported_at"] == "2026-03-13T09:00:00+00:00"
    assert from_document(doc) == (directory, meetings)


def test_fraction_quorum_and_nulls_are_accepted():
    doc = _example()
    doc["bodies"][0]["quorum"] = {"fraction": "2/3", "withdrawn_count": True}
    doc["meetings"][0]["end_time"] = None
    directory, meetings = from_document(doc)
    assert directory.bodies["loamshire-north-locality"].quorum == m.QuorumRule(
        fraction=Fraction(2, 3), withdrawn_count=True)
    assert meetings[0].end_time is None


def test_underscore_fields_are_notes_and_ignored():
    doc = _example()
    doc["meetings"][0]["items"][0]["_comment"] = "drafted by the secretary"
    from_document(doc)


def test_references_may_point_at_records_already_known():
    doc = _example()
    doc["meetings"][0]["attendance"].append({"person_id": "dr-gwen-stored"})
    with pytest.raises(MeetingFileInvalid):
        from_document(doc)
    known = m.Directory(people={"dr-gwen-stored": m.Person("dr-gwen-stored", "Dr Gwen Stored")})
    from_document(doc, known=known)


# --------------------------------------------------------------------------- bad input


def _set(doc, path, value):
    *head, last = path
    target = doc
    for p in head:
        target = target[p]
    target[last] = value


DECL = ["meetings", 0, "items", 1, "declarations", 0]
BAD_CASES = [
    ("unknown person", DECL + ["person_id"], "nobody-here", "meetings[0].items[1].declarations[0].person_id",
     "not in the file"),
    ("misspelt person", DECL + ["person_id"], "dr-alys-exmaple", "meetings[0].items[1].declarations[0].person_id",
     'did you mean "dr-alys-example"'),
    ("capitalised word", ["meetings", 0, "attendance", 0, "status"], "Present",
     "meetings[0].attendance[0].status", 'did you mean "present"'),
    ("unknown interest", DECL + ["interest_id"], "no-such-entry", "meetings[0].items[1].declarations[0].interest_id",
     "register entry"),
    ("unknown body", ["meetings", 0, "items", 1, "organisations", 0, "body_id"], "nowhere",
     "meetings[0].items[1].organisations[0].body_id", "body \"nowhere\""),
    ("unknown item", ["meetings", 0, "actions", 0, "item_id"], "elsewhere",
     "meetings[0].actions[0].item_id", "agenda item"),
    ("impossible date", ["meetings", 0, "date"], "2026-02-30", "meetings[0].date", "not a real date"),
    ("date in wrong form", ["meetings", 0, "date"], "12/03/2026", "meetings[0].date", "YYYY-MM-DD"),
    ("time in wrong form", DECL + ["time_out"], "7pm", "meetings[0].items[1].declarations[0].time_out", "HH:MM"),
    ("back before leaving", DECL + ["time_in"], "19:10", "meetings[0].items[1].declarations[0].time_in",
     "before time_out"),
    ("interest ends before it starts", ["interests", 0, "valid_to"], "2018-01-01", "interests[0].valid_to",
     "before valid_from"),
    ("membership ends before it starts", ["memberships", 0, "start"], "2030-01-01", None, None),
    ("negative votes", ["meetings", 0, "items", 1, "decisions", 0, "votes_against"], -2,
     "meetings[0].items[1].decisions[0].votes_against", "negative"),
    ("unknown enum word", DECL + ["action"], "left the room", "meetings[0].items[1].declarations[0].action",
     "withdrew, discussion_no_vote"),
    ("wrong type", ["meetings", 0, "attendance", 0, "voting"], "yes", "meetings[0].attendance[0].voting",
     "true or false"),
    ("misspelt field", ["meetings", 0, "items", 0, "titel"], "x", "meetings[0].items[0].titel",
     'did you mean "title"'),
    ("empty id", ["people", 0, "id"], "", "people[0].id", "empty"),
    ("bad fraction", ["bodies", 0, "quorum"], {"fraction": "3/2"}, "bodies[0].quorum.fraction", "at most 1"),
    ("empty quorum", ["bodies", 0, "quorum"], {}, "bodies[0].quorum", "minimum"),
    ("wrong format", ["format"], "something-else", "format", "lmcdesk-meeting-file"),
    ("newer version", ["version"], 2, "version", "newer LMC Desk"),
]


@pytest.mark.parametrize("name,path,value,field,words", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_input_names_the_field(name, path, value, field, words):
    doc = _example()
    _set(doc, path, value)
    if field is None:  # membership with a start after its (absent) end is fine
        from_document(doc)
        doc["memberships"][0]["end"] = "2029-01-01"
        field, words = "memberships[0].end", "before start"
    problems = _problems(doc)
    assert field in problems, problems
    assert words in problems[field]


def test_missing_required_field_is_named():
    doc = _example()
    del doc["meetings"][0]["items"][0]["title"]
    problems = _problems(doc)
    assert "agenda item needs a \"title\"" in problems["meetings[0].items[0].title"]


def test_duplicate_ids_are_named():
    doc = _example()
    doc["people"].append(copy.deepcopy(doc["people"][0]))
    problems = _problems(doc)
    assert "used twice" in problems["people[6].id"]


def test_duplicate_positions_and_attendance_are_named():
    doc = _example()
    doc["meetings"][0]["items"][0]["position"] = 2
    doc["meetings"][0]["items"][1]["position"] = 2
    doc["meetings"][0]["attendance"].append({"id": "again", "person_id": "dr-alys-example"})
    problems = _problems(doc)
    assert "already taken" in problems["meetings[0].items[1].position"]
    assert "listed twice" in problems["meetings[0].attendance[6].person_id"]


def test_declared_interest_must_be_the_declarers_own():
    doc = _example()
    _set(doc, DECL + ["person_id"], "dr-cerys-placeholder")
    problems = _problems(doc)
    assert "belongs to \"dr-alys-example\"" in problems["meetings[0].items[1].declarations[0].interest_id"]


def test_all_problems_are_reported_together():
    doc = _example()
    for i in range(30):
        doc["meetings"][0]["attendance"].append({"person_id": f"ghost-{i}"})
    with pytest.raises(MeetingFileInvalid) as info:
        from_document(doc)
    exc = info.value
    assert len(exc.problems) == 30
    assert "29 more problems" in exc.message
    assert exc.field == "meetings[0].attendance[6].person_id"
    assert [p.field for p in exc.problems][:2] == [
        "meetings[0].attendance[6].person_id", "meetings[0].attendance[7].person_id"]
    assert exc.detail.count("\n- ") == 21  # 20 listed and "... and 10 more"
    assert "and 10 more" in exc.detail


@pytest.mark.parametrize("doc", [[], "text", None, 3])
def test_not_an_object(doc):
    with pytest.raises(InvalidInput, match="one JSON object"):
        from_document(doc)


def test_json_blocks_in_the_docs_are_valid_meeting_files():
    text = (ROOT / "docs/meeting-file.md").read_text("utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```json")[1:]]
    assert len(blocks) >= 2
    for block in blocks:
        from_document(json.loads(block))


def test_people_and_organisations_listed_twice_are_named():
    doc = _example()
    decision = doc["meetings"][0]["items"][1]["decisions"][0]
    decision["participants"].append("dr-bryn-sample")
    decision["votes"] = [{"person_id": "dr-bryn-sample", "choice": "for"},
                         {"person_id": "dr-bryn-sample", "choice": "against"}]
    doc["meetings"][0]["items"][1]["organisations"].append({"body_id": "brackenford-surgery", "role": "bidding"})
    problems = _problems(doc)
    base = "meetings[0].items[1]"
    assert "participants" in problems[f"{base}.decisions[0].participants[4]"]
    assert "two votes" in problems[f"{base}.decisions[0].votes[1].person_id"]
    assert "twice" in problems[f"{base}.organisations[2].body_id"]


def test_the_codec_is_pure_python():
    """Like domain/ and probity/: no SQLAlchemy, Qt or rendering libraries."""
    import ast

    forbidden = ("PySide6", "sqlalchemy", "alembic", "reportlab", "jinja2")
    for path in (ROOT / "lmcdesk/interchange").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            assert not [n for n in names if n.split(".")[0] in forbidden], path


def test_problems_come_in_file_order():
    doc = _example()
    doc["meetings"][0]["items"][1]["declarations"][0]["time_in"] = "19:05"  # meaning layer
    doc["meetings"][0]["items"][0]["organisations"] = [{"body_id": "nowhere"}]
    doc["bodies"][0]["parent_id"] = "nowhere-else"
    fields = list(_problems(doc))
    assert fields == ["bodies[0].parent_id", "meetings[0].items[0].organisations[0].body_id",
                      "meetings[0].items[1].declarations[0].time_in"]


def test_positions_with_gaps_are_numbered_in_their_order():
    doc = _example()
    items = doc["meetings"][0]["items"]
    for it, pos in zip(items, [30, 10, 20]):
        it["position"] = pos
    _, [meeting] = from_document(doc)
    assert [it.id for it in meeting.items] == [items[n]["id"] for n in (1, 2, 0)]
    assert [it.position for it in meeting.items] == [1, 2, 3]
