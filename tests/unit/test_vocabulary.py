"""One vocabulary: every stored enum value has words, business kinds a colour
readable under white text, and the document templates take theirs from it."""

from __future__ import annotations

import json
from enum import StrEnum

import pytest

from lmcdesk import paths, vocabulary
from lmcdesk.domain import enums
from lmcdesk.domain.enums import BusinessKind, ConflictAction, MembershipRole, Severity

ALL_ENUMS = [e for e in vars(enums).values() if isinstance(e, type) and issubclass(e, StrEnum) and e is not StrEnum]
MEMBERS = [m for e in ALL_ENUMS for m in e]


def _file() -> dict:
    return json.loads((paths.resources_dir() / "vocabulary.json").read_text(encoding="utf-8"))


def _contrast_with_white(hex_colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def test_every_stored_enum_is_in_the_vocabulary():
    assert set(vocabulary.ENUMS) == set(ALL_ENUMS)


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_member_has_screen_words_of_its_own(member):
    entry = _file()[type(member).__name__][member.value]
    assert entry["screen"].strip() == entry["screen"] and entry["screen"]
    assert "_" not in vocabulary.words(member)  # never the stored value shown as it is
    for form in vocabulary.FORMS:
        assert vocabulary.words(member, form)


def test_the_file_names_only_real_values_and_forms():
    """A misspelt key would be silently ignored and its value fall back to the stored word."""
    data = {k: v for k, v in _file().items() if not k.startswith("_")}
    for enum_name, entries in data.items():
        enum = getattr(enums, enum_name)
        assert set(entries) == {m.value for m in enum}, enum_name
        for value, entry in entries.items():
            assert set(entry) <= set(vocabulary.FORMS) | {"colour"}, (enum_name, value)


@pytest.mark.parametrize("kind", list(BusinessKind))
def test_business_kinds_have_a_colour_readable_under_white_text(kind):
    colour = vocabulary.colour(kind)
    assert colour and colour.startswith("#") and len(colour) == 7
    assert _contrast_with_white(colour) >= 4.5


def test_every_colour_keeps_contrast_with_white():
    colours = {(type(m).__name__, m.value): c for m in MEMBERS if (c := vocabulary.colour(m))}
    assert ("Severity", "error") in colours
    assert {k: c for k, c in colours.items() if _contrast_with_white(c) < 4.5} == {}


def test_business_kinds_have_distinct_colours():
    colours = [vocabulary.colour(k) for k in BusinessKind]
    assert len(set(colours)) == len(colours)


def test_the_printed_badge_is_the_screen_badge_in_capitals():
    for kind in BusinessKind:
        assert vocabulary.words(kind, "document") == vocabulary.words(kind).upper()


def test_named_forms():
    assert vocabulary.words(BusinessKind.COMMISSIONING, form="document") == "COMMISSIONING"
    assert vocabulary.words(ConflictAction.WITHDREW, form="document") == \
        "left the room for the discussion and the decision"
    assert vocabulary.words(MembershipRole.PARTNER, form="relation") == "a partner in"
    assert vocabulary.words(Severity.ERROR, form="long") == "Error: blocks approval"
    assert vocabulary.words(MembershipRole.SALARIED_GP) == "Salaried GP"
    assert vocabulary.words(MembershipRole.SALARIED_GP, "document") == "Salaried GP"  # falls back to screen


def test_words_refuse_a_bare_string_and_an_unknown_form():
    with pytest.raises(TypeError):
        vocabulary.words("joint")  # a meeting kind or a business kind?
    with pytest.raises(ValueError):
        vocabulary.words(BusinessKind.JOINT, form="shout")


def test_tables_and_choices():
    assert vocabulary.table("InterestType", blank="Interest")[""] == "Interest"
    assert vocabulary.table(BusinessKind, "document")["unclassified"] == "NOT CLASSIFIED"
    assert vocabulary.colours("BusinessKind") == {k.value: vocabulary.colour(k) for k in BusinessKind}
    assert vocabulary.colours("MeetingKind") == {}
    assert [v for _, v in vocabulary.choices(BusinessKind)] == [k.value for k in BusinessKind]
    with pytest.raises(KeyError):
        vocabulary.table("NoSuchEnum")


def test_labels_template_takes_its_words_from_the_vocabulary():
    from lmcdesk.export.jinja import environment

    labels = environment().get_template("minutes/labels.j2").module
    assert labels.business_kind == vocabulary.table(BusinessKind, "document")
    assert labels.business_colour == vocabulary.colours(BusinessKind)
    assert labels.conflict_action == vocabulary.table(ConflictAction, "document")
    assert labels.membership_role == vocabulary.table(MembershipRole)
    assert labels.interest_type[""] == "Interest"
