"""The first layer of validation (the JSON Schema) and how problems are told.

Each problem is an :class:`InvalidInput` whose ``field`` is its path in the
file (``meetings[0].items[2].declarations[0].person_id``) and whose message
says in plain words what is wrong; :class:`MeetingFileInvalid` carries them
all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import jsonschema

from lmcdesk.errors import InvalidInput

from .schema import FORMAT, PATTERN_WORDS, VERSION, load_schema

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
                f"is not a field of {what}{did_you_mean(k, allowed)} (allowed: {', '.join(allowed)}; "
                "fields starting with \"_\" are ignored)",
                field=_join(where, k),
            )
            for k in extras
        ]
    if v == "enum":
        allowed = [x for x in err.validator_value if x is not None]
        hint = did_you_mean(err.instance, allowed) if isinstance(err.instance, str) else ""
        return [InvalidInput(f"{_shown(err.instance)} is not one of the allowed words: {', '.join(allowed)}{hint}",
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
    for err in validator.iter_errors(doc):
        for problem in _schema_problem(err):
            if problem.field not in seen:  # one problem per field is enough
                seen.add(problem.field)
                problems.append(problem)
    return in_file_order(doc, problems)


_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _file_position(doc: Any, field: str) -> list[int]:
    """Where ``field`` is in the file: list indexes, and for object keys their
    place in the object as written (a missing key sorts last)."""
    key: list[int] = []
    node = doc
    for name, index in _TOKEN.findall(field):
        if index:
            i = int(index)
            key.append(i)
            node = node[i] if isinstance(node, list) and i < len(node) else None
        elif isinstance(node, dict):
            names = list(node)
            key.append(names.index(name) if name in node else len(names))
            node = node.get(name)
        else:
            key.append(0)
            node = None
    return key


def in_file_order(doc: Any, problems: list[InvalidInput]) -> list[InvalidInput]:
    """Problems sorted as their places appear in the file (stable)."""
    return sorted(problems, key=lambda p: _file_position(doc, p.field))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' when one of ``choices`` is close to ``word``."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    if not close:
        lowered = [c for c in choices if c.lower() == word.lower()]
        close = lowered[:1]
    return f" (did you mean \"{close[0]}\"?)" if close else ""
