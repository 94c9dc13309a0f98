"""One vocabulary: the words (and colours) for every stored enum value.

The app's screens (``lmcdesk.ui``), the probity findings and the document
templates (registered as the Jinja global ``vocab`` by
:mod:`lmcdesk.export.jinja`) all say an enum value through this module, so a
badge on screen and the same badge in the PDF cannot drift apart.

The words live in ``resources/vocabulary.json``, read once: a body can change
its wording there without touching code, as it could in the templates.  Each
value has a ``screen`` form; a few also have ``long`` (drop-down lists),
``document`` (the upper-case badge "COMMISSIONING", the phrase "left the room
for the discussion and the decision") or ``relation`` ("a director of"); a
missing form falls back to ``screen``.  Pure Python: no Qt, no Jinja.
"""

from __future__ import annotations

import functools
import json
from enum import StrEnum

from lmcdesk import paths
from lmcdesk.domain import enums

FORMS = ("screen", "long", "document", "relation")

#: Every enum whose values are stored: each member has words here.
ENUMS: tuple[type[StrEnum], ...] = tuple(
    e for e in vars(enums).values() if isinstance(e, type) and issubclass(e, StrEnum) and e is not StrEnum
)


@functools.cache
def _data() -> dict[str, dict[str, dict[str, str]]]:
    with open(paths.resources_dir() / "vocabulary.json", encoding="utf-8") as f:
        return {k: v for k, v in json.load(f).items() if not k.startswith("_")}


def reload() -> None:
    """Read ``vocabulary.json`` again on next use (tests that edit a copy)."""
    _data.cache_clear()


def _enum(enum: type[StrEnum] | str) -> type[StrEnum]:
    if isinstance(enum, str):
        found = getattr(enums, enum, None)
        if found not in ENUMS:
            raise KeyError(f"no enum called {enum!r} in lmcdesk.domain.enums")
        return found
    return enum


def _entry(enum: type[StrEnum], value: str) -> dict[str, str]:
    return _data().get(enum.__name__, {}).get(str(value), {})


def words(value: StrEnum, form: str = "screen") -> str:
    """``value`` (a member of an enum in :mod:`lmcdesk.domain.enums`) in words.

    A value the file does not name (a hand-edited vocabulary that lost a line)
    still reads as words: its stored value with spaces, capitalised."""
    if not isinstance(value, StrEnum):
        raise TypeError(f"words() takes an enum member, not {value!r}: say which enum, e.g. BodyType(value)")
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}: one of {', '.join(FORMS)}")
    entry = _entry(type(value), value.value)
    return entry.get(form) or entry.get("screen") or value.value.replace("_", " ").capitalize()


def colour(value: StrEnum) -> str | None:
    """The colour (``#rrggbb``) of ``value``, or None where its enum has none."""
    return _entry(type(value), value.value).get("colour")


def table(enum: type[StrEnum] | str, form: str = "screen", blank: str | None = None) -> dict[str, str]:
    """Stored value -> words for every member of ``enum`` (a class or its name),
    plus ``"" -> blank`` when ``blank`` is given (a value that may be missing)."""
    e = _enum(enum)
    out = {m.value: words(m, form) for m in e}
    if blank is not None:
        out[""] = blank
    return out


def colours(enum: type[StrEnum] | str) -> dict[str, str]:
    """Stored value -> colour for the members of ``enum`` that have one."""
    e = _enum(enum)
    return {m.value: c for m in e if (c := colour(m))}


def choices(enum: type[StrEnum] | str, form: str = "long") -> list[tuple[str, str]]:
    """``(words, value)`` for every member in declaration order: a drop-down list."""
    return [(words(m, form), m.value) for m in _enum(enum)]
